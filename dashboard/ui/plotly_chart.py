"""Every chart's one drawing call: a Plotly figure drawn with the plotly.js partial bundle that has its trace
types, instead of the full 4.8 MB bundle st.plotly_chart loads.

`plotly_chart(fig, key=..., config=...)` mounts a components-v2 component (plotly_chart.js, in the page's DOM,
no iframe) that loads static/plotly-basic.min.js (scatter, bar, pie) or static/plotly-geo.min.js
(scattergeo, choropleth; the world topojson it asks for comes with the figure) once per page and draws the
figure's JSON with Plotly.react: hover, legend and our config (no mode
bar clutter, topojson from /app/static/) are plotly.js's own. With `on_select="rerun"` a click on a point
reruns the script and returns what st.plotly_chart returns, {"selection": {"points": [...]}} with each point's
`location`, curve and point number. A figure with a trace type no partial bundle has (a heatmap) is drawn by
st.plotly_chart, as before.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, Literal

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from dashboard.ui import plotly_bundles

_JS = (Path(__file__).with_name("plotly_chart.js")).read_text(encoding="utf-8")
_CSS = ".hcd-plotly { width: 100%; }"
_component = st.components.v2.component("hcd_plotly_chart", js=_JS, css=_CSS, isolate_styles=False)


def trace_types(fig: go.Figure | dict) -> set[str]:
    """The figure's trace types (a trace without one is a scatter, as in plotly.js)."""
    return {_type(t) for t in _traces(fig)}


def _type(trace: Any) -> str:
    t = trace.get("type") if isinstance(trace, dict) else getattr(trace, "type", None)
    return t or "scatter"


def plotly_chart(
    fig: go.Figure | dict,
    *,
    key: str,
    config: dict,
    on_select: Literal["ignore", "rerun"] = "ignore",
) -> dict | None:
    """Draw `fig` full width; with on_select="rerun", return the clicked points as st.plotly_chart does
    ({"selection": {"points": [...]}}, empty points when nothing was clicked in this run)."""
    types = trace_types(fig)
    bundle = plotly_bundles.bundle_for(types)
    if bundle is None:
        event = st.plotly_chart(
            fig,
            width="stretch",
            config=config,
            key=key,
            on_select=on_select,
            **({"selection_mode": "points"} if on_select == "rerun" else {}),
        )
        return event if on_select == "rerun" else None
    plotly_bundles.check()
    selectable = on_select == "rerun"
    result = _component(
        key=key,
        data={
            "figure": pio.to_json(fig, validate=False),
            "config": config,
            "bundle": {"name": bundle.name, "url": bundle.url},
            "topojson": _topojson() if types & GEO_TRACES else None,
            "select": selectable,
        },
        **({"on_select_change": _no_op} if selectable else {}),
    )
    if not selectable:
        return None
    picked = result.get("select") if result is not None else None
    return {"selection": {"points": list((picked or {}).get("points") or [])}}


GEO_TRACES = frozenset({"choropleth", "scattergeo"})


@functools.cache
def _topojson() -> dict[str, dict]:
    """The world topojson files plotly.js asks for before it draws any map (static/, tiny and empty: our maps
    carry their own GeoJSON), sent with a map's figure so the browser need not fetch them once the bundle has
    loaded (plotly.js reads window.PlotlyGeoAssets first; config topojsonURL stays the fallback)."""
    from dashboard.views.maps import topojson_paths

    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in topojson_paths()}


def _traces(fig: go.Figure | dict) -> list:
    return list(fig.data) if isinstance(fig, go.Figure) else list(fig.get("data") or [])


def _no_op() -> None:
    """A click reruns the script; the page reads the returned selection."""
