"""Our Plotly renderer (dashboard/ui/plotly_chart.py) and its bundles (dashboard/ui/plotly_bundles.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import plotly
import plotly.graph_objects as go
import pytest

from dashboard.ui import plotly_bundles
from dashboard.ui.plotly_chart import trace_types

ROOT = Path(__file__).resolve().parent.parent


def test_pinned_plotly_js_is_the_one_python_plotly_bundles():
    full = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")
    m = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", full[:2000])
    assert m, "no version banner in plotly's bundled plotly.min.js"
    assert plotly_bundles.PLOTLY_JS_VERSION == m.group(1)


def test_installed_bundles_are_the_pinned_files():
    plotly_bundles.check.cache_clear()
    plotly_bundles.check()  # raises BundleMissing when `make static` has not run
    for b in plotly_bundles.BUNDLES:
        head = b.path.read_text(encoding="utf-8", errors="replace")[:300]
        assert f"v{plotly_bundles.PLOTLY_JS_VERSION}" in head
        for trace in b.traces:
            assert f'moduleType:"trace",name:"{trace}"' in b.path.read_text(encoding="utf-8")


def test_missing_or_damaged_bundle_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(plotly_bundles, "STATIC", tmp_path)
    plotly_bundles.check.cache_clear()
    with pytest.raises(plotly_bundles.BundleMissing, match="is missing.*make static"):
        plotly_bundles.check()
    for b in plotly_bundles.BUNDLES:
        (tmp_path / b.file).write_text("not plotly", encoding="utf-8")
    plotly_bundles.check.cache_clear()
    with pytest.raises(plotly_bundles.BundleMissing, match="sha256 differs"):
        plotly_bundles.check()
    plotly_bundles.check.cache_clear()


def test_bundles_are_git_ignored():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    assert "static/plotly-*.min.js" in ignored


@pytest.mark.parametrize(
    ("fig", "bundle"),
    [
        (go.Figure([go.Scatter(x=[1], y=[2]), go.Bar(x=[1], y=[2])]), "basic"),
        (go.Figure(go.Pie(values=[1, 2])), "basic"),
        (go.Figure(go.Choropleth(locations=["a"], z=[1])), "geo"),
        (go.Figure([go.Choropleth(locations=["a"], z=[1]), go.Scattergeo(lat=[1], lon=[2])]), "geo"),
        (go.Figure(go.Heatmap(z=[[1, 2]])), None),
        (go.Figure([go.Bar(x=[1], y=[2]), go.Choropleth(locations=["a"], z=[1])]), None),
    ],
)
def test_a_figure_gets_the_bundle_with_all_its_trace_types(fig, bundle):
    found = plotly_bundles.bundle_for(trace_types(fig))
    assert (found.name if found else None) == bundle
    assert plotly_bundles.bundle_for(trace_types(fig.to_dict())) == found  # a figure dict reads the same


def _run(script: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(script, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_partial_bundle_figures_go_through_the_component_with_our_config():
    at = _run(
        "import plotly.graph_objects as go\n"
        "from dashboard.ui.plotly_chart import plotly_chart\n"
        "fig = go.Figure(go.Scatter(x=[2020, 2021], y=[1, 2], name='Herefordshire'))\n"
        "plotly_chart(fig, key='c', config={'displaylogo': False, 'topojsonURL': '/app/static/'})\n"
    )
    assert not at.get("plotly_chart")
    (el,) = at.get("bidi_component")
    data = json.loads(el.proto.json)
    assert data["bundle"] == {"name": "basic", "url": "/app/static/plotly-basic.min.js"}
    assert data["config"]["topojsonURL"] == "/app/static/" and data["select"] is False
    assert json.loads(data["figure"])["data"][0]["y"] == [1, 2]
    assert data["topojson"] is None  # only a map needs the world topojson


def test_a_map_brings_the_world_topojson_plotly_asks_for():
    at = _run(
        "import plotly.graph_objects as go\n"
        "from dashboard.ui.plotly_chart import plotly_chart\n"
        "plotly_chart(go.Figure(go.Choropleth(locations=['E1'], z=[1])), key='m', config={})\n"
    )
    data = json.loads(at.get("bidi_component")[0].proto.json)
    from dashboard.views.maps import TOPOJSON_FILES, topojson_paths

    assert sorted(data["topojson"]) == sorted(Path(n).stem for n in TOPOJSON_FILES)
    for path in topojson_paths():
        assert data["topojson"][path.stem] == json.loads(path.read_text(encoding="utf-8"))


def test_a_heatmap_falls_back_to_st_plotly_chart():
    at = _run(
        "import plotly.graph_objects as go\n"
        "from dashboard.ui.plotly_chart import plotly_chart\n"
        "plotly_chart(go.Figure(go.Heatmap(z=[[1, 2]])), key='h', config={})\n"
    )
    assert not at.get("bidi_component")
    assert json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["type"] == "heatmap"


def test_selectable_chart_returns_no_points_before_a_click():
    at = _run(
        "import plotly.graph_objects as go\n"
        "import streamlit as st\n"
        "from dashboard.ui.plotly_chart import plotly_chart\n"
        "fig = go.Figure(go.Choropleth(locations=['E1'], z=[1]))\n"
        "st.session_state['ev'] = plotly_chart(fig, key='m', config={}, on_select='rerun')\n"
    )
    assert at.session_state["ev"] == {"selection": {"points": []}}
    assert json.loads(at.get("bidi_component")[0].proto.json)["select"] is True
