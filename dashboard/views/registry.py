"""The chart registry: every chart is a registered view ({"chart": id, "params": {...}}) drawn by
`render_view`.

A renderer takes a read-only DuckDB connection and the view's params and returns (figure, table, meta).
The page (`ui.blocks.view_block`), the data panel, the story builder, presenter mode and the PPTX/PDF/PNG
exports all call `render_view`, so a chart looks the same wherever it is shown. The renderers live in one
module per family of charts (trends, pyramids, outcomes, plan, education, profile; maps belong to the
localities), imported by `dashboard/views/catalogue.py` so they are always registered: callers import the
registry API from the catalogue. No Streamlit here: views take the shared filters (compare list, from-year)
as parameters.

Register a chart with

    @register("my_chart", "what it shows")
    def my_chart(con, *, some_param: int = 2005) -> tuple[go.Figure, pd.DataFrame, dict]: ...

meta keys: title, subtitle, so_what (a sentence built from the table), sources (list of source names), as_at
(text), suppressed (bool), suppression_note (text or ""), alt (chart description), chart (the id),
empty (bool), and optionally unit, caveat, note.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pandas as pd
import plotly.graph_objects as go

from dashboard.present import sources
from dashboard.present.format import as_at
from dashboard.store.queries import run_sql

Renderer = Callable[..., tuple[go.Figure, pd.DataFrame, dict]]
SUPPRESSION_NOTE = (
    "Some figures are suppressed (shown as c) under disclosure control: counts below the "
    "threshold below county level, and any rate built on them."
)


class ViewError(ValueError):
    """A view that names an unknown chart, or params that do not fit it."""


class NotInStore(ViewError):
    """A view whose indicator is not in this store (e.g. built without the public pack)."""


@dataclass(frozen=True)
class ChartSpec:
    chart_id: str
    fn: Renderer
    description: str
    params: dict  # name -> default (inspect.Parameter.empty when required)


REGISTRY: dict[str, ChartSpec] = {}


def register(chart_id: str, description: str = "") -> Callable[[Renderer], Renderer]:
    """Decorator: make `fn(con, **params)` the renderer of `chart_id` (a later registration replaces it)."""

    def deco(fn: Renderer) -> Renderer:
        sig = inspect.signature(fn)
        params = {
            n: p.default
            for n, p in list(sig.parameters.items())[1:]
            if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
        }
        REGISTRY[chart_id] = ChartSpec(
            chart_id, fn, description or (fn.__doc__ or "").strip().split("\n")[0], params
        )
        return fn

    return deco


def chart_ids() -> list[str]:
    return sorted(REGISTRY)


def disclose(df: pd.DataFrame) -> pd.DataFrame:
    """The screen's disclosure control (dashboard.analysis.disclosure), applied to every rendered table."""
    from dashboard.analysis import disclosure

    return disclosure.protect(df)


def is_suppressed(df: pd.DataFrame) -> bool:
    for col in ("status", "rate_status"):
        if col in df and df[col].astype(str).str.strip().eq("c").any():
            return True
    return bool(((df.astype(str) == "c").any()).any()) if not df.empty else False


def _check_params(chart: str, spec: ChartSpec, params: dict) -> None:
    unknown = sorted(set(params) - set(spec.params))
    if unknown:
        raise ViewError(
            f"chart {chart!r} does not take parameter(s) {', '.join(unknown)}; "
            f"it takes: {', '.join(spec.params) or 'none'}"
        )
    missing = sorted(n for n, d in spec.params.items() if d is inspect.Parameter.empty and n not in params)
    if missing:
        raise ViewError(f"chart {chart!r} needs parameter(s): {', '.join(missing)}")


def render_view(view: dict, con: duckdb.DuckDBPyConnection) -> tuple[go.Figure, pd.DataFrame, dict]:
    """Draw a view. Raises ViewError naming the problem for unknown charts or bad params."""
    if not isinstance(view, dict):
        raise ViewError("a view must be a mapping with a 'chart' key")
    chart = view.get("chart")
    if chart not in REGISTRY:
        raise ViewError(f"unknown chart id {chart!r}; registered charts: {', '.join(sorted(REGISTRY))}")
    spec = REGISTRY[chart]
    params = dict(view.get("params") or {})
    _check_params(chart, spec, params)
    fig, table, meta = spec.fn(con, **params)
    table = disclose(table) if table is not None else pd.DataFrame()
    meta = dict(meta)
    meta.setdefault("title", view.get("title") or chart)
    meta.setdefault("subtitle", "")
    meta.setdefault("so_what", "")
    meta.setdefault("sources", [])
    meta.setdefault("as_at", "")
    meta.setdefault("alt", meta["title"])
    titles = source_titles(con)
    meta["sources"] = unique(titles.get(src, src) for src in meta["sources"])
    meta["chart"] = chart
    meta["suppressed"] = bool(meta.get("suppressed")) or is_suppressed(table)
    meta["suppression_note"] = SUPPRESSION_NOTE if meta["suppressed"] else ""
    meta["empty"] = table.empty
    return fig, table, meta


# ---------------------------------------------------------------------------------------------- helpers
# used by the family modules


def unique(values) -> list[str]:
    """The non-empty strings of `values`, each once, in order."""
    out: list[str] = []
    for v in values:
        if isinstance(v, str) and v and v not in out:
            out.append(v)
    return out


source_titles = sources.labels  # file name, title or id -> the source's label (one home: present.sources)


def indicator(con, indicator_id: str) -> pd.Series:
    info = run_sql(con, "indicator_info", indicator_id=indicator_id)
    if info.empty:
        raise NotInStore(f"the indicator {indicator_id!r} is not in the store")
    return info.iloc[0]


def decimals(info: pd.Series):
    d = info.get("decimals")
    return None if d is None or pd.isna(d) else int(d)


def chart_view(
    draw: Callable[..., go.Figure], data: pd.DataFrame, table: pd.DataFrame, meta: dict, **chart
) -> tuple[go.Figure, pd.DataFrame, dict]:
    """A view's (figure, table, meta): `draw(data, **chart)` under the title and subtitle of `meta`, so the
    chart and the words beside it say the same."""
    return draw(data, title=meta["title"], subtitle=meta["subtitle"], **chart), table, meta


def latest_here(table: pd.DataFrame, series: str = "Herefordshire") -> str:
    """'as at 31 March 2025' for the latest figure of `series` in a trend table ('' when it has none)."""
    here = table[(table["series"] == series) & table["value"].notna()] if not table.empty else table
    if here.empty:
        return ""
    last = here.sort_values("period_end").iloc[-1]
    return as_at(last["period"], last["period_end"])
