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
from dashboard.store.memo import memoize
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
    Uses the point's `location`; else its curve and point number looked up in `fig`."""
    try:
        points = event["selection"]["points"] if isinstance(event, dict) else event.selection.points
    except (AttributeError, KeyError, TypeError):
        return None
    for p in points or []:
        if not isinstance(p, dict):
            continue
        code = p.get("location")
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


def protect_small_counts(df: pd.DataFrame, unit: str | None = None, **_ignored) -> pd.DataFrame:
    """Disclosure control (dashboard.analysis.disclosure.protect): the catalogue says which rows are counts
    of people; counts of LSOAs, ranks and shares of areas pass through."""
    from dashboard.analysis.disclosure import protect

    return protect(df, unit=unit)


# ------------------------------------------------------------------ locality page helpers (tables and bars)

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
SHARE_IDS = [
    "imd_lsoa_pct_most_deprived_10",
    "imd_lsoa_pct_most_deprived_20",
    "imd_cyp_education_pct_most_deprived_20",
]


def lsoa_layer(period: str) -> str:
    return LSOA_LAYER.get(period, "lsoa21")


def period_text(period: str) -> str:
    return PERIOD_NOTE.get(period, period)


def _round(v, decimals):
    if v is None or pd.isna(v):
        return None
    return round(float(v), int(decimals) if decimals is not None and not pd.isna(decimals) else 1)


@memoize()
def profile_table(profile: pd.DataFrame, period: str) -> pd.DataFrame:
    """One locality's indicators in one release beside the county and England (decile mix left out)."""
    p = profile[(profile["period"] == period) & ~profile["indicator_id"].str.startswith("imd_lsoas_decile_")]
    p = protect_counts_by_indicator(p)
    return pd.DataFrame(
        {
            "indicator": p["indicator"],
            "unit": p["unit"],
            "locality": [_round(v, d) for v, d in zip(p["value"], p["decimals"], strict=True)],
            "status": p["status"],
            "county": [_round(v, d) for v, d in zip(p["county"], p["decimals"], strict=True)],
            "england": [_round(v, d) for v, d in zip(p["england"], p["decimals"], strict=True)],
            "note": p["note"],
            "source": p["source_document"],
        }
    ).reset_index(drop=True)


def protect_counts_by_indicator(df: pd.DataFrame) -> pd.DataFrame:
    """Disclosure control for a frame of several indicators (dashboard.analysis.disclosure.protect)."""
    from dashboard.analysis.disclosure import protect

    return protect(df)


@memoize()
def compare_table(cmp: pd.DataFrame) -> pd.DataFrame:
    """Indicators down, chosen areas across, then the county and England."""
    if cmp.empty:
        return cmp
    c = protect_counts_by_indicator(cmp[~cmp["indicator_id"].str.startswith("imd_lsoas_decile_")])
    c = c.assign(
        shown=[
            _round(v, d) if pd.notna(v) else s
            for v, d, s in zip(c["value"], c["decimals"], c["status"], strict=True)
        ]
    )
    order = list(dict.fromkeys(c["area_name"]))
    wide = c.pivot_table(
        index=["indicator", "unit"], columns="area_name", values="shown", aggfunc="first", sort=False
    )[order]
    ref = c.drop_duplicates("indicator").set_index("indicator")
    wide["Herefordshire"] = [_round(ref.loc[i, "county"], ref.loc[i, "decimals"]) for i, _ in wide.index]
    wide["England"] = [_round(ref.loc[i, "england"], ref.loc[i, "decimals"]) for i, _ in wide.index]
    return wide.reset_index()


@_cached_figure
def compare_chart(cmp: pd.DataFrame, *, title: str, subtitle: str, source: str = IMD_SOURCE) -> go.Figure:
    """Grouped horizontal bars of the share-of-LSOAs measures for the chosen areas, county and England."""
    c = cmp[cmp["indicator_id"].isin(SHARE_IDS)]
    fig = go.Figure()
    if c.empty:
        return titled(fig, title, subtitle, source)
    names = {r.indicator_id: r.indicator for r in c.itertuples()}
    ind_order = [i for i in SHARE_IDS if i in names]
    labels = [_wrap_label(names[i]) for i in ind_order]
    series = [
        (a, c[c["area_name"] == a].set_index("indicator_id")["value"]) for a in dict.fromkeys(c["area_name"])
    ]
    ref = c.drop_duplicates("indicator_id").set_index("indicator_id")
    series += [("Herefordshire", ref["county"]), ("England", ref["england"])]
    patterns = ["", "/", "x", ".", "\\", "-", "+", "|"]
    colours = [theme.DARK_BLUE, theme.TURQUOISE, theme.DARK_PINK, theme.ORANGE, theme.PURPLE]
    for k, (name, s) in enumerate(series):
        is_ref = name in ("Herefordshire", "England")
        colour = theme.GREY if name == "England" else ("#6F777B" if is_ref else colours[k % len(colours)])
        vals = [s.get(i) for i in ind_order]
        fig.add_trace(
            go.Bar(
                y=labels,
                x=vals,
                name=name,
                orientation="h",
                marker=dict(color=colour, pattern=dict(shape=patterns[k % len(patterns)])),
                text=[fmt_value(v, "%", 1) for v in vals],
                textposition="outside",
                hovertemplate=f"<b>{escape(name)}</b><br>%{{y}}: %{{x:.1f}}%<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="group",
        height=140 + 45 * len(ind_order) * len(series) // 2,
        xaxis=dict(title="% of LSOAs", rangemode="tozero"),
        yaxis=dict(autorange="reversed"),
        legend=dict(orientation="h", y=-0.25),
        margin=dict(l=10, r=30, t=80, b=120),
    )
    return titled(fig, title, subtitle, source)


@_cached_figure
def decile_mix_chart(cmp: pd.DataFrame, *, title: str, subtitle: str, source: str = IMD_SOURCE) -> go.Figure:
    """Stacked bars: each area's LSOAs by national IMD decile (1 = most deprived), as shares of its LSOAs."""
    d = cmp[cmp["indicator_id"].str.startswith("imd_lsoas_decile_")].copy()
    fig = go.Figure()
    if d.empty:
        return titled(fig, title, subtitle, source)
    d["decile"] = d["indicator_id"].str[-2:].astype(int)
    areas = list(dict.fromkeys(d["area_name"]))
    totals = d.groupby("area_name")["value"].sum()
    scale = [
        "#12436D",
        "#2B5A85",
        "#44719C",
        "#5E88B2",
        "#7F9FC4",
        "#A0B7D4",
        "#BDCCE1",
        "#D5E0EC",
        "#E8EEF5",
        "#F6F8FB",
    ]
    for dec in range(1, 11):
        s = d[d["decile"] == dec].set_index("area_name")["value"]
        counts = [s.get(a, 0) for a in areas]
        shares = [100 * n / totals[a] if totals[a] else 0 for n, a in zip(counts, areas, strict=True)]
        fig.add_trace(
            go.Bar(
                y=areas,
                x=shares,
                name=f"Decile {dec}",
                orientation="h",
                marker=dict(color=scale[dec - 1], line=dict(color="white", width=1)),
                customdata=counts,
                text=[str(int(n)) if n else "" for n in counts],
                textposition="inside",
                insidetextfont=dict(color="white" if dec <= 5 else "#0B0C0C"),
                hovertemplate=f"%{{y}}: %{{customdata:.0f}} LSOAs in decile {dec} "
                f"(%{{x:.0f}}%)<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        height=160 + 50 * len(areas),
        xaxis=dict(title="% of the area's LSOAs", range=[0, 100]),
        legend=dict(orientation="h", y=-0.3, traceorder="normal"),
        margin=dict(l=10, r=10, t=80, b=120),
    )
    return titled(fig, title, subtitle, source)


def _wrap_label(text: str, width: int = 38) -> str:
    from dashboard.views.charts import wrap

    return wrap(text, width)
