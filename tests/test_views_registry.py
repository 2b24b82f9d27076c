"""One path for every chart: each chart a page shows is a registered view, and the views and the analysis
they use run without Streamlit."""

import ast
import re
from pathlib import Path

import pytest

from dashboard.views import catalogue as views

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "pages").glob("*.py"))
# Builders a page must not call itself: a chart is drawn by a registered view through ui.blocks.view_block.
INLINE_CHART = re.compile(r"\b(chart_block|charts\.\w+_chart|charts\.titled|go\.Figure)\(")
# The localities page (issue 14) moves its maps into registered views in dashboard/views/maps.py.
NOT_YET_VIEWS = {"localities.py"}


def chart_ids_in(path: Path) -> set[str]:
    """Chart ids a page names: view_block("<id>", ...) calls and {"chart": "<id>"} view dicts."""
    ids: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "view_block"
        ):
            if node.args and isinstance(node.args[0], ast.Constant):
                ids.add(node.args[0].value)
        if isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values):
                if isinstance(k, ast.Constant) and k.value == "chart" and isinstance(v, ast.Constant):
                    ids.add(v.value)
    return ids


def test_pages_name_charts():
    used = set().union(*(chart_ids_in(p) for p in PAGES))
    assert {"indicator_trend", "pyramid_then", "outcomes_grid", "plan_status", "edu_gap"} <= used


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_chart_id_a_page_uses_is_registered(path):
    missing = sorted(chart_ids_in(path) - set(views.chart_ids()))
    assert not missing, f"{path.name} shows charts that are not registered views: {missing}"


@pytest.mark.parametrize("path", [p for p in PAGES if p.name not in NOT_YET_VIEWS], ids=lambda p: p.name)
def test_pages_draw_charts_only_through_views(path):
    hits = [
        f"line {i}: {line.strip()}"
        for i, line in enumerate(path.read_text().splitlines(), 1)
        if INLINE_CHART.search(line)
    ]
    assert not hits, f"{path.name} builds a chart inline instead of through a registered view: {hits}"


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module.split(".")[0])
    return out


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "dashboard" / "views").glob("*.py"))
    + sorted((ROOT / "dashboard" / "analysis").glob("*.py")),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_views_and_analysis_do_not_import_streamlit(path):
    assert "streamlit" not in _imports(path), f"{path} imports streamlit"


def test_every_family_module_is_in_the_catalogue():
    """Each module under dashboard/views that registers a view is imported by the catalogue, so its views are
    registered wherever the registry is used (not only once some page happened to import the module)."""
    import importlib

    from dashboard.views import registry

    families = {p.stem for p in (ROOT / "dashboard" / "views").glob("*.py")}
    for name in sorted(families - {"__init__", "registry", "catalogue"}):
        before = set(registry.REGISTRY)
        module = importlib.import_module(f"dashboard.views.{name}")
        registers = any(spec.fn.__module__ == module.__name__ for spec in registry.REGISTRY.values())
        if registers:
            assert module in views.FAMILIES, (
                f"dashboard/views/{name}.py registers views but the catalogue skips it"
            )
        assert set(registry.REGISTRY) == before, f"importing {name} registered views the catalogue had not"
    assert views.REGISTRY is registry.REGISTRY


def test_every_view_has_title_table_and_words(con):
    """Each registered view, with its defaults (and a known indicator where one is needed), draws a figure
    with a title and a source line, a table, and says what it shows."""
    needs = {
        "indicator_trend": {"indicator_id": "LAC"},
        "headline": {"rate_id": "LAC", "count_id": "LACnum"},
    }
    for chart in views.chart_ids():
        spec = views.REGISTRY[chart]
        if (
            any(d is __import__("inspect").Parameter.empty for d in spec.params.values())
            and chart not in needs
        ):
            continue  # a view from another family with required params is covered by its own tests
        fig, table, meta = views.render_view({"chart": chart, "params": needs.get(chart, {})}, con)
        assert meta["title"] and meta["alt"], chart
        assert not table.empty, f"{chart}: empty table"
        assert fig.layout.title.text, f"{chart}: no title in the figure"
        assert (fig.layout.meta or {}).get("source"), f"{chart}: no source line"


def test_a_trend_from_a_year_starts_there_for_every_comparator(con):
    """The from-year filter holds for the statistical neighbours' line as for Herefordshire, England and the
    region (the neighbours come from their own query)."""
    import pandas as pd

    view = {
        "chart": "indicator_trend",
        "params": {"indicator_id": "LAC", "from_year": 2013, "compare": ["england", "neighbours"]},
    }
    fig, table, _ = views.render_view(view, con)
    assert {"Herefordshire", "Statistical neighbours"} <= set(table["series"])
    assert pd.to_datetime(table["period_end"]).dt.year.min() >= 2013
    xs = [x for t in fig.data if t.x is not None for x in t.x if x is not None]
    assert min(pd.to_datetime(pd.Series(xs)).dt.year) >= 2013
