"""Outline choropleths for localities and LSOAs: plain functions from DataFrames to Plotly figures.

No Streamlit here. No basemap and no tiles: `geo` is hidden and fitted to the features, so the maps work
offline. plotly.js still fetches a world topojson (`<topojsonURL>/world_110m.json`) even when every trace
carries its own GeoJSON; `static/` holds a tiny empty one. The app serves it (Streamlit
`server.enableStaticServing = true`) at /app/static/ and charts pass `theme.PLOTLY_CONFIG` (topojsonURL
'/app/static/'); image export calls `use_local_topojson_for_export()`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard.config import ROOT
from dashboard.present import theme
from dashboard.present.format import fmt_value
from dashboard.views.charts import _cached_figure, titled

STATIC_DIR = ROOT / "static"
TOPOJSON_FILES = (
    "world_110m.json",
    "world_50m.json",
)  # the names plotly.js asks for: <scope>_<resolution>m.json

# Payload bars (len(fig.to_json())) the tests hold the figures to.
LOCALITY_MAP_MAX_BYTES = 150_000
LSOA_MAP_MAX_BYTES = 600_000

BOUNDARY_SOURCE = (
    "Boundaries: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right 2025."
)
LOCALITY_LABEL = "Localities approximated from electoral wards — proposal, not an official council lookup"

# Sequential scale from the Analysis Function dark blue; darker = more deprived / higher.
_BLUES = [[0.0, "#F3F6FA"], [0.25, "#C6D5E6"], [0.5, "#7FA1C6"], [0.75, "#3A6A9B"], [1.0, theme.DARK_BLUE]]
MISSING_COLOUR = "#DADCDE"


def topojson_paths() -> list[Path]:
    """The local topojson files; fail loudly when one is missing (never fall back to the CDN)."""
    paths = [STATIC_DIR / n for n in TOPOJSON_FILES]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(
            f"local topojson missing (maps would fetch it from a CDN): {', '.join(missing)}"
        )
    return paths


def use_local_topojson_for_export() -> str:
    """Point kaleido (static image export) at static/ instead of the plotly CDN; returns the URL set."""
    import plotly.io as pio

    topojson_paths()
    url = STATIC_DIR.resolve().as_uri() + "/"
    pio.defaults.topojson = url
    return url


def feature_collection(geoms: pd.DataFrame, keep: Iterable[str] | None = None) -> dict:
    """geoms: area_code, area_name, geojson (text). One Feature per row, keyed by properties.area_code."""
    keep = set(keep) if keep is not None else None
    feats = []
    for r in geoms.itertuples(index=False):
        if keep is not None and r.area_code not in keep:
            continue
        feats.append(
            {
                "type": "Feature",
                "properties": {"area_code": r.area_code},
                "geometry": json.loads(r.geojson) if isinstance(r.geojson, str) else r.geojson,
            }
        )
    return {"type": "FeatureCollection", "features": feats}


def _colour_scale(polarity: str | None, unit: str | None) -> tuple[list, bool]:
    """Darker = more deprived. For 'high is good' measures (ranks, deciles: 1 = most deprived) reverse."""
    reverse = polarity == "high is good"
    return _BLUES, reverse


@_cached_figure(maxsize=64)  # each map carries its boundaries (~100 kB+)
def choropleth(
    geoms: pd.DataFrame,
    values: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    unit: str = "",
    decimals: int | None = None,
    polarity: str | None = None,
    colorbar_title: str = "",
    highlight: Sequence[str] = (),
    label_col: str = "area_name",
    extra_hover: str | None = None,
    height: int = 520,
) -> go.Figure:
    """An outline choropleth, one feature per row of `geoms` that has a row in `values`.

    geoms: area_code, geojson. values: area_code, area_name, value, [status, note, <extra_hover>].
    Areas whose value is missing or suppressed are drawn grey with their status (c, x) in the hover,
    so they are not silently left off the map.
    """
    fig = go.Figure()
    v = values.copy()
    if "status" not in v:
        v["status"] = None
    v = v[v["area_code"].isin(set(geoms["area_code"]))]
    v["hover"] = [_hover_text(r, unit, decimals, label_col, extra_hover) for _, r in v.iterrows()]
    has = v[v["value"].notna()]
    gaps = v[v["value"].isna()]
    hl = set(highlight)
    scale, reverse = _colour_scale(polarity, unit)
    if not has.empty:
        fig.add_trace(
            go.Choropleth(
                geojson=feature_collection(geoms, keep=has["area_code"]),
                featureidkey="properties.area_code",
                locations=has["area_code"].tolist(),
                z=has["value"].round(6).tolist(),
                colorscale=scale,
                reversescale=reverse,
                marker=dict(
                    line=dict(
                        color=["#0B0C0C" if c in hl else "white" for c in has["area_code"]],
                        width=[3 if c in hl else 0.8 for c in has["area_code"]],
                    )
                ),
                text=has["hover"].tolist(),
                hovertemplate="%{text}<extra></extra>",
                name="",
                colorbar=dict(title=dict(text=colorbar_title or unit), thickness=14, len=0.8),
            )
        )
    if not gaps.empty:  # each trace carries only its own features (plotly serialises geojson per trace)
        fig.add_trace(
            go.Choropleth(
                geojson=feature_collection(geoms, keep=gaps["area_code"]),
                featureidkey="properties.area_code",
                locations=gaps["area_code"].tolist(),
                z=[0] * len(gaps),
                colorscale=[[0, MISSING_COLOUR], [1, MISSING_COLOUR]],
                showscale=False,
                marker=dict(line=dict(color="white", width=0.8)),
                text=gaps["hover"].tolist(),
                hovertemplate="%{text}<extra></extra>",
                name="no figure",
            )
        )
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator", bgcolor="rgba(0,0,0,0)")
    fig.update_layout(
        height=height, margin=dict(l=0, r=0, t=80, b=60), dragmode=False, clickmode="event+select"
    )
    fig = titled(fig, title, subtitle, source)
    for a in fig.layout.annotations:  # a map has no axis below it: keep the source line just under the map
        if str(a.text).startswith("Source"):
            a.y = -0.02
    return fig


def _hover_text(r: pd.Series, unit: str, decimals: int | None, label_col: str, extra: str | None) -> str:
    name = r.get(label_col) or r.get("area_name") or r["area_code"]
    parts = [f"<b>{escape(str(name))}</b>", fmt_value(r.get("value"), unit, decimals, r.get("status"))]
    if extra and isinstance(r.get(extra), str) and r.get(extra):
        parts.append(escape(r[extra]))
    note = r.get("note")
    if isinstance(note, str) and note:
        parts.append(f"<i>{escape(note[:160])}</i>")
    return "<br>".join(parts)


def locality_map(geoms: pd.DataFrame, values: pd.DataFrame, **kw) -> go.Figure:
    """One feature per locality (geoms from layer 'locality'); the selected locality outlined in black."""
    kw.setdefault("source", BOUNDARY_SOURCE)
    return choropleth(geoms, values, **kw)


def lsoa_map(geoms: pd.DataFrame, values: pd.DataFrame, **kw) -> go.Figure:
    """LSOAs (geoms from layer 'lsoa11' or 'lsoa21', matching the IMD release), hover names ward and
    locality."""
    kw.setdefault("extra_hover", "where")
    kw.setdefault("source", BOUNDARY_SOURCE)
    v = values.copy()
    if "where" not in v and {"ward_name", "locality_name"} <= set(v.columns):
        v["where"] = [
            f"{w} ward, {loc}" if isinstance(w, str) else ""
            for w, loc in zip(v["ward_name"], v["locality_name"], strict=True)
        ]
    return choropleth(geoms, v, **kw)


def selected_area(event, options: Sequence[str], fig: go.Figure | None = None) -> str | None:
    """The area code clicked on a map (st.plotly_chart on_select event), if it is one of the options.
    Uses the point's `location` (a shape), else its `customdata` (a school carries its area's code), else its
    curve and point number looked up in `fig`."""
    try:
        points = event["selection"]["points"] if isinstance(event, dict) else event.selection.points
    except (AttributeError, KeyError, TypeError):
        return None
    for p in points or []:
        if not isinstance(p, dict):
            continue
        code = p.get("location") or p.get("customdata")
        if code is None and fig is not None:
            curve, num = p.get("curve_number", 0), p.get("point_number", p.get("point_index"))
            try:
                code = fig.data[curve].locations[num]
            except (IndexError, TypeError):
                code = None
        if code in options:
            return code
    return None


def payload_bytes(fig: go.Figure) -> int:
    return len(fig.to_json())


# ------------------------------------------------------------------ releases and their boundaries

LSOA_LAYER = {"IMD 2015": "lsoa11", "IMD 2019": "lsoa11", "IoD 2025": "lsoa21"}
PERIOD_NOTE = {
    "IMD 2015": "IMD 2015 (published 30 September 2015; LSOA 2011 boundaries)",
    "IMD 2019": "IMD 2019 (published 26 September 2019; LSOA 2011 boundaries)",
    "IoD 2025": "IoD 2025 (published 30 October 2025; LSOA 2021 boundaries)",
}
IMD_SOURCE = (
    "MHCLG English Indices of Deprivation 2015, 2019 and 2025 (LSOA files), aggregated by the project to "
    "proposed localities via best-fit wards. " + BOUNDARY_SOURCE
)


def lsoa_layer(period: str) -> str:
    return LSOA_LAYER.get(period, "lsoa21")


def period_text(period: str) -> str:
    return PERIOD_NOTE.get(period, period)
