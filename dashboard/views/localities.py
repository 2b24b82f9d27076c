"""Locality views (registered charts): the named locality map with South Wye and the schools layer, the ranked
comparison of all localities with the county and England lines (profiles:
dashboard/views/locality_profile.py).

Pages, stories and exports draw these through `registry.render_view`, so a slide shows what the page showed.
Published small-area figures are shown as published (their units are not counts of uploaded cases).
No Streamlit.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.disclosure import SUPPRESSED
from dashboard.areas import ENGLAND, HERE, HEREFORD_CITY, HEREFORD_CITY_EXCL_SW, SOUTH_WYE
from dashboard.present import theme
from dashboard.present.format import fmt_value
from dashboard.store.queries import run_sql
from dashboard.views import maps
from dashboard.views.charts import titled
from dashboard.views.layout import wrap
from dashboard.views.registry import ViewError, disclose, register

EXCL_SW, CITY = HEREFORD_CITY_EXCL_SW, HEREFORD_CITY
DEFAULT_MEASURE = "imd_lsoa_pct_most_deprived_20"


def measure(con, indicator_id: str, period: str | None) -> tuple[pd.Series, str]:
    """The measure's catalogue row (from locality_indicator_list) and the period to show (latest if None)."""
    lst = run_sql(con, "locality_indicator_list")
    row = lst[lst["indicator_id"] == indicator_id]
    if row.empty:
        raise ViewError(f"no locality figures for indicator {indicator_id!r}")
    m = row.iloc[0]
    periods = list(m["periods"])
    return m, (period if period in periods else m["latest_period"])


def _values(con, indicator_id: str, period: str) -> pd.DataFrame:
    """The measure for every locality, sub-area, the county and England, under disclosure control before any
    shading, label or hover text is drawn from it."""
    v = run_sql(con, "locality_indicator_values", indicator_id=indicator_id, period=period)
    return disclose(v.assign(indicator_id=indicator_id))


def darker_means(polarity: str | None) -> str:
    return "darker = lower" if polarity == "high is good" else "darker = higher"


def _label_points(geoms: pd.DataFrame) -> pd.DataFrame:
    import shapely

    pts = [shapely.from_geojson(g).point_on_surface() for g in geoms["geojson"]]
    return geoms.assign(lon=[p.x for p in pts], lat=[p.y for p in pts])


def map_shapes(con, hereford: str) -> pd.DataFrame:
    """The shapes the map draws: 'split' = six localities, Hereford City without South Wye, and South Wye
    (eight shapes); 'whole' = the seven localities (South Wye drawn as an outline on top)."""
    loc = run_sql(con, "locality_boundaries", layer="locality")
    if hereford != "split":
        return loc
    parts = pd.concat(
        [
            run_sql(con, "locality_boundaries", layer="locality-variant"),
            run_sql(con, "locality_boundaries", layer="sub-locality"),
        ]
    )
    return pd.concat([loc[loc["area_code"] != CITY], parts[parts["area_code"].isin([EXCL_SW, SOUTH_WYE])]])


# Hereford's parts are small at county scale: their names sit just south (South Wye) and north (the
# rest of the
# city) of South Wye, in degrees of latitude, so they never overprint each other.
LABEL_OFFSET = {SOUTH_WYE: -0.045, EXCL_SW: 0.055, CITY: 0.055}


def _label_trace(shapes: pd.DataFrame, values: pd.DataFrame) -> go.Scattergeo:
    """Locality names as text on the map, white on the darkest fills so they stay readable."""
    pts = _label_points(shapes).set_index("area_code")
    v = values.set_index("area_code")["value"]
    lo, hi = v.min(), v.max()
    sw = pts.loc[SOUTH_WYE] if SOUTH_WYE in pts.index else None
    lon, lat, text, colour = [], [], [], []
    for code, r in pts.iterrows():
        small = code in LABEL_OFFSET and sw is not None
        lon.append(round(float(sw["lon"] if small else r["lon"]), 5))
        lat.append(round(float(sw["lat"] + LABEL_OFFSET[code] if small else r["lat"]), 5))
        name = "Hereford City (excl. South Wye)" if code == EXCL_SW else r["area_name"]
        text.append(f"<b>{name}</b>" if small else name)
        dark = hi > lo and pd.notna(v.get(code)) and (v.get(code) - lo) / (hi - lo) > 0.62
        colour.append("white" if dark and not small else "#0B0C0C")
    return go.Scattergeo(
        lon=lon,
        lat=lat,
        text=text,
        mode="text",
        textfont=dict(size=12, color=colour),
        hoverinfo="skip",
        showlegend=False,
        name="locality names",
    )


def _school_area(locality_code: str, sub_area_name, hereford: str) -> str:
    """The map shape a school sits in (a click on a school chooses that area): on the split map Hereford
    City's schools belong to South Wye or to the rest of the city."""
    if hereford == "split" and locality_code == CITY:
        return SOUTH_WYE if sub_area_name == "South Wye" else EXCL_SW
    return locality_code


def _schools_trace(schools: pd.DataFrame, hereford: str = "split") -> go.Scattergeo:
    hover = [
        f"<b>{r.name}</b><br>{r.phase if r.phase != 'Not applicable' else r.type}<br>"
        f"{fmt_value(r.pupils, 'count', 0)} pupils"
        + (f"; {fmt_value(r.pct_fsm, '%', 1)} eligible for FSM" if pd.notna(r.pct_fsm) else "")
        for r in schools.itertuples()
    ]
    return go.Scattergeo(
        lon=schools["lon"].round(5).tolist(),
        lat=schools["lat"].round(5).tolist(),
        mode="markers",
        marker=dict(size=5, color=theme.ORANGE, opacity=0.85, line=dict(width=0.5, color="white")),
        text=hover,
        customdata=[
            _school_area(c, a, hereford)
            for c, a in zip(schools["locality_code"], schools["sub_area_name"], strict=True)
        ],
        hovertemplate="%{text}<extra></extra>",
        name="Schools (GIAS, May 2025)",
        showlegend=True,
    )


@register("locality_map", "Localities shaded by a measure, named on the map, with South Wye and the schools")
def locality_map(
    con,
    indicator_id: str = DEFAULT_MEASURE,
    period: str | None = None,
    hereford: str = "split",
    schools: bool = True,
    highlight: str | None = None,
):
    m, period = measure(con, indicator_id, period)
    shapes = map_shapes(con, hereford)
    values = _values(con, indicator_id, period)
    shown = values[values["area_code"].isin(shapes["area_code"])]
    county = values[values["area_code"] == HERE]
    county_txt = (
        f"Herefordshire {fmt_value(county['value'].iloc[0], m['unit'], m['decimals'])}. "
        if len(county)
        else ""
    )
    legend = f"{m['unit']}<br>({darker_means(m['polarity'])})"
    n_hidden = int(shown["status"].eq(SUPPRESSED).sum()) if "status" in shown else 0
    if n_hidden and n_hidden == len(shown):
        shading = "every area's figure suppressed (c) under disclosure control."
    else:
        shading = f"{darker_means(m['polarity'])}" + ("; grey = suppressed (c)." if n_hidden else ".")
    fig = maps.choropleth(
        shapes[["area_code", "geojson"]],
        shown,
        title=f"{m['indicator']}, by locality",
        subtitle=f"{maps.period_text(period)}. {county_txt}South Wye drawn as its own area. "
        f"Shading: {shading}",
        source="; ".join(sorted(set(values["source_document"].dropna()))) + ". " + maps.BOUNDARY_SOURCE,
        unit=m["unit"],
        decimals=m["decimals"],
        polarity=m["polarity"],
        colorbar_title=legend,
        highlight=[highlight] if highlight else [],
        height=680,
    )
    fig = go.Figure(fig)
    if hereford != "split":  # South Wye as a dashed outline inside Hereford City
        sw = run_sql(con, "locality_boundaries", layer="sub-locality")
        sw = sw[sw["area_code"] == SOUTH_WYE]
        fig.add_trace(
            go.Choropleth(
                geojson=maps.feature_collection(sw),
                featureidkey="properties.area_code",
                locations=[SOUTH_WYE],
                z=[0],
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False,
                marker=dict(line=dict(color="#0B0C0C", width=2)),
                hoverinfo="skip",
                name="South Wye (outline)",
            )
        )
        shapes = pd.concat([shapes, sw])
    sch = run_sql(con, "locality_schools", area_code="all") if schools else pd.DataFrame()
    if not sch.empty:
        fig.add_trace(_schools_trace(sch, hereford))
    fig.add_trace(_label_trace(shapes, values))  # names drawn last, over the schools
    fig.update_layout(  # the schools key in the map's bottom-left corner, clear of the source line under it
        legend=dict(
            orientation="h", yref="paper", y=0.01, yanchor="bottom", x=0.01, bgcolor="rgba(255,255,255,0.7)"
        )
    )
    table = values[
        [
            "area_name",
            "area_type",
            "value",
            "status",
            "numerator",
            "denominator",
            "unit",
            "period",
            "note",
            "source_document",
        ]
    ]
    meta = dict(
        title=f"{m['indicator']}, by locality",
        subtitle=maps.period_text(period),
        sources=sorted(set(values["source_document"].dropna())),
        as_at=period,
        alt=f"Outline map of Herefordshire's localities with South Wye as its own area, shaded by "
        f"{m['indicator']} "
        f"({darker_means(m['polarity'])}), each named on the map"
        + ("; orange dots are schools." if not sch.empty else "."),
    )
    return fig, table, meta


@register(
    "locality_ranking", "Every locality and Hereford sub-area ranked on a measure, with county and England"
)
def locality_ranking(
    con, indicator_id: str = DEFAULT_MEASURE, period: str | None = None, highlight: str | None = None
):
    m, period = measure(con, indicator_id, period)
    values = _values(con, indicator_id, period)
    every = values[values["area_type"].isin(["locality", "sub-locality"])]
    hidden = every[every["status"].eq(SUPPRESSED)]["area_name"].tolist() if "status" in every else []
    parts = every[every["value"].notna()].sort_values("value").copy()
    labels = [  # wrapped so the longest name leaves a phone's chart room for its bars
        wrap(n + (" (part of Hereford City)" if t == "sub-locality" else ""), 20)
        for n, t in zip(parts["area_name"], parts["area_type"], strict=True)
    ]
    colours = [theme.ORANGE if c == highlight else theme.DARK_BLUE for c in parts["area_code"]]
    fig = go.Figure(
        go.Bar(
            x=parts["value"].round(6).tolist(),
            y=labels,
            orientation="h",
            marker_color=colours,
            text=[fmt_value(v, m["unit"], m["decimals"]) for v in parts["value"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
            name=m["indicator"],
        )
    )
    lines = []  # the reference lines are named in the subtitle (labels on the lines collide on a phone)
    for code, name, dash in ((HERE, "Herefordshire", "dash"), (ENGLAND, "England", "dot")):
        row = values[(values["area_code"] == code) & values["value"].notna()]
        if row.empty:
            continue
        v = float(row["value"].iloc[0])
        lines.append(
            f"{name} {fmt_value(v, m['unit'], m['decimals'])} ({'dashed' if dash == 'dash' else 'dotted'})"
        )
        fig.add_vline(x=v, line=dict(color=theme.GREY, dash=dash, width=1.5))
    fig.update_layout(
        height=max(360, 34 * len(parts) + 170),
        margin=dict(l=10, r=40, t=90, b=70),
        xaxis_title=m["unit"],
        showlegend=False,
    )
    if not any(x.startswith("England") for x in lines):
        lines.append("no England figure for this measure")
    sub = f"{maps.period_text(period)}; " + "; ".join(lines)
    if hidden and not parts.empty:
        sub += f"; not ranked, suppressed (c): {', '.join(hidden)}"
    fig = titled(
        fig, f"{m['indicator']}: localities ranked", sub, "; ".join(sorted(set(values["source_document"])))
    )
    table = parts[
        ["area_name", "area_type", "value", "status", "numerator", "denominator", "unit", "period", "note"]
    ]
    meta = dict(
        title=f"{m['indicator']}: localities ranked",
        subtitle=sub,
        as_at=period,
        sources=sorted(set(values["source_document"].dropna())),
        alt=f"Horizontal bars ranking every locality and Hereford sub-area on {m['indicator']}, lowest at "
        "the bottom, with dashed lines for Herefordshire and dotted for England where published.",
    )
    if parts.empty and hidden:
        published = [x.rsplit(" (", 1)[0] for x in lines if not x.startswith("no England")]
        meta["empty_reason"] = (
            f"Every locality's figure for {m['indicator']} ({maps.period_text(period)}) is suppressed (c) "
            "under disclosure control: one of them rests on a count of 1 to 4, and the rest of its group is "
            "hidden with it so the small one cannot be worked out."
            + (f" Published for comparison: {'; '.join(published)}." if published else "")
        )
    return fig, table, meta
