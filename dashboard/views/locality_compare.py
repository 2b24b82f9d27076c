"""Localities side by side (registered charts): the comparison table's figures, the shares of LSOAs among the
most deprived nationally, the decile mix of each area's LSOAs, and the LSOA map of one locality or the whole
county. Pages, stories and exports draw them through `registry.render_view`. No Streamlit.

Every frame below the county is passed through disclosure control (`registry.disclose`) before a figure is
drawn from it, so a chart's bars, hover text and labels carry only what its table may show.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import pandas as pd
import plotly.graph_objects as go

from dashboard.areas import COMPARE_DEFAULT
from dashboard.present import theme
from dashboard.present.format import fmt_value
from dashboard.store.queries import run_sql
from dashboard.views import maps
from dashboard.views.layout import titled, wrap
from dashboard.views.localities import darker_means
from dashboard.views.registry import NotInStore, ViewError, disclose, register, unique

SHARE_IDS = (
    "imd_lsoa_pct_most_deprived_10",
    "imd_lsoa_pct_most_deprived_20",
    "imd_cyp_education_pct_most_deprived_20",
)
DECILE_PREFIX = "imd_lsoas_decile_"
DEFAULT_PERIOD = "IoD 2025"
# Decile 1 (most deprived) darkest: the Analysis Function dark blue to near white.
DECILE_SCALE = (
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
)
AREA_COLOURS = (theme.DARK_BLUE, theme.TURQUOISE, theme.DARK_PINK, theme.ORANGE, theme.PURPLE)
PATTERNS = ("", "/", "x", ".", "\\", "-", "+", "|")
COUNTY, ENGLAND = "Herefordshire", "England"


def compared(con, area_codes: Sequence[str], period: str) -> pd.DataFrame:
    """The chosen areas' figures in one release (queries/locality_compare.sql), under disclosure control."""
    codes = [str(c) for c in area_codes or ()]
    if not codes:
        raise ViewError("choose at least one locality or sub-area to compare")
    known = set(run_sql(con, "localities")["area_code"])
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ViewError(f"not a locality or Hereford sub-area: {', '.join(unknown)}")
    return disclose(run_sql(con, "locality_compare", area_codes=codes, period=period))


def _who(cmp: pd.DataFrame) -> str:
    return ", ".join(dict.fromkeys(cmp["area_name"]))


def _sources(cmp: pd.DataFrame) -> list[str]:
    return ["English Indices of Deprivation (MHCLG)"] if not cmp.empty else []


def compare_table(cmp: pd.DataFrame) -> pd.DataFrame:
    """Indicators down, chosen areas across, then Herefordshire and England, each cell as it reads on the
    screen (its unit's format; c where suppressed, – where there is no figure). The decile mix is left out
    (its own chart shows it). `cmp` is queries/locality_compare.sql's frame; it is put under disclosure
    control here, before any cell is formatted."""
    c = disclose(cmp[~cmp["indicator_id"].str.startswith(DECILE_PREFIX)])
    if c.empty:
        return pd.DataFrame()

    def shown(v, unit, d, status=None):
        if pd.notna(v):
            return fmt_value(v, unit, None if pd.isna(d) else int(d))
        return status if isinstance(status, str) and status else "–"

    c = c.assign(shown=[shown(r.value, r.unit, r.decimals, r.status) for r in c.itertuples()])
    order = list(dict.fromkeys(c["area_name"]))
    wide = c.pivot_table(
        index=["indicator", "unit"], columns="area_name", values="shown", aggfunc="first", sort=False
    )[order]
    ref = c.drop_duplicates("indicator").set_index("indicator")
    for col, name in (("county", COUNTY), ("england", ENGLAND)):
        wide[name] = [
            shown(ref.loc[i, col], ref.loc[i, "unit"], ref.loc[i, "decimals"]) for i, _ in wide.index
        ]
    return wide.reset_index()


@register("locality_comparison", "Chosen localities' shares of LSOAs among the most deprived nationally")
def locality_comparison(con, area_codes: Sequence[str] = COMPARE_DEFAULT, period: str = DEFAULT_PERIOD):
    cmp = compared(con, area_codes, period)
    c = cmp[cmp["indicator_id"].isin(SHARE_IDS)]
    title = "Share of LSOAs among the most deprived nationally"
    subtitle = f"{_who(cmp)}; {maps.period_text(period)}"
    fig = go.Figure()
    if not c.empty:
        names = {r.indicator_id: r.indicator for r in c.itertuples()}
        ind_order = [i for i in SHARE_IDS if i in names]
        labels = [wrap(names[i], 26) for i in ind_order]
        ref = c.drop_duplicates("indicator_id").set_index("indicator_id")
        series = [
            (a, c[c["area_name"] == a].set_index("indicator_id")["value"])
            for a in dict.fromkeys(c["area_name"])
        ]
        series += [(COUNTY, ref["county"]), (ENGLAND, ref["england"])]
        for k, (name, s) in enumerate(series):
            colour = {COUNTY: "#6F777B", ENGLAND: theme.GREY}.get(name, AREA_COLOURS[k % len(AREA_COLOURS)])
            vals = [None if pd.isna(s.get(i)) else round(float(s.get(i)), 6) for i in ind_order]
            fig.add_trace(
                go.Bar(
                    y=labels,
                    x=vals,
                    name=name,
                    orientation="h",
                    marker=dict(color=colour, pattern=dict(shape=PATTERNS[k % len(PATTERNS)])),
                    text=[fmt_value(v, "%", 1) if v is not None else "" for v in vals],
                    textposition="outside",
                    cliponaxis=False,
                    hovertemplate=f"<b>{escape(name)}</b><br>%{{y}}: %{{x:.1f}}%<extra></extra>",
                )
            )
        bars = len(series)
        fig.update_layout(
            barmode="group",
            height=260 + len(ind_order) * (bars * 20 + 24),
            xaxis=dict(title="% of LSOAs", rangemode="tozero"),
            yaxis=dict(autorange="reversed"),
            margin=dict(r=50),
        )
    fig = titled(fig, title, subtitle, maps.IMD_SOURCE)
    table = c[
        ["indicator", "area_name", "value", "status", "numerator", "denominator", "county", "england", "note"]
    ]
    meta = dict(
        title=title,
        subtitle=subtitle,
        as_at=maps.period_text(period),
        sources=_sources(cmp),
        alt=f"Grouped bars: for {_who(cmp)}, Herefordshire and England, the percentage of LSOAs in the most "
        "deprived 10% and 20% nationally, overall and on the children and young people education sub-domain.",
        note=maps.LOCALITY_LABEL,
    )
    return fig, table, meta


@register("locality_decile_mix", "Each chosen area's LSOAs by national IMD decile, beside Herefordshire's")
def locality_decile_mix(con, area_codes: Sequence[str] = COMPARE_DEFAULT, period: str = DEFAULT_PERIOD):
    cmp = compared(con, area_codes, period)
    d = cmp[cmp["indicator_id"].str.startswith(DECILE_PREFIX)].copy()
    title = "Decile mix: LSOAs by national IMD decile"
    subtitle = f"{_who(cmp)} and Herefordshire; {maps.period_text(period)}; decile 1 = most deprived 10%"
    fig = go.Figure()
    rows = pd.DataFrame(columns=["area_name", "decile", "lsoas", "share"])
    if not d.empty:
        d["decile"] = d["indicator_id"].str[-2:].astype(int)
        county = d.drop_duplicates("decile")[["decile", "county"]].rename(columns={"county": "value"})
        rows = pd.concat([d[["area_name", "decile", "value"]], county.assign(area_name=COUNTY)])
        rows = rows.rename(columns={"value": "lsoas"})
        totals = rows.groupby("area_name")["lsoas"].transform("sum")
        rows["share"] = (100 * rows["lsoas"] / totals.where(totals > 0)).round(1)
        areas = list(dict.fromkeys(rows["area_name"]))
        for dec in range(1, 11):
            s = rows[rows["decile"] == dec].set_index("area_name")
            counts = [s["lsoas"].get(a) for a in areas]
            fig.add_trace(
                go.Bar(
                    y=areas,
                    x=[s["share"].get(a) for a in areas],
                    name=f"{dec}" + (" (most deprived)" if dec == 1 else " (least)" if dec == 10 else ""),
                    orientation="h",
                    marker=dict(color=DECILE_SCALE[dec - 1], line=dict(color="white", width=1)),
                    customdata=counts,
                    text=[f"{int(n)}" if pd.notna(n) and n else "" for n in counts],
                    textposition="inside",
                    insidetextfont=dict(color="white" if dec <= 5 else "#0B0C0C"),
                    hovertemplate=f"%{{y}}: %{{customdata:.0f}} LSOAs in decile {dec} "
                    "(%{x:.0f}%)<extra></extra>",
                )
            )
        fig.update_layout(
            barmode="stack",
            height=330 + 46 * len(areas),
            xaxis=dict(title="% of the area's LSOAs (labels: number of LSOAs)", range=[0, 100]),
            yaxis=dict(autorange="reversed"),
            legend=dict(traceorder="normal", title=dict(text="Decile")),
        )
    fig = titled(fig, title, subtitle, maps.IMD_SOURCE)
    meta = dict(
        title=title,
        subtitle=subtitle,
        as_at=maps.period_text(period),
        sources=_sources(cmp),
        alt="Stacked bars, one per area and one for Herefordshire: the share of its LSOAs in each national "
        "IMD decile, darkest for decile 1 (most deprived); labels give the number of LSOAs.",
        note=maps.LOCALITY_LABEL,
    )
    return fig, rows.reset_index(drop=True), meta


LSOA_COLUMNS = ["area_code", "area_name", "ward_name", "locality_name", "value", "status", "note", "period"]


@register(
    "lsoa_map", "The LSOAs of one locality or sub-area, or of the whole county, shaded by an LSOA measure"
)
def lsoa_map(con, indicator_id: str = "imd_lsoa_decile", period: str | None = None, scope: str = "all"):
    lst = run_sql(con, "lsoa_indicator_list").set_index("indicator_id")
    if indicator_id not in lst.index:
        raise ViewError(f"no LSOA figures for indicator {indicator_id!r}")
    m = lst.loc[indicator_id]
    period = period if period in list(m["periods"]) else m["latest_period"]
    areas = run_sql(con, "localities")
    names = dict(zip(areas["area_code"], areas["label"], strict=True))
    county = scope in ("all", "E06000019")
    if not county and scope not in names:
        raise ViewError(f"not a locality or Hereford sub-area: {scope!r}")
    vals = disclose(
        run_sql(con, "lsoa_indicator_values", indicator_id=indicator_id, period=period, area=scope)
    )
    geoms = run_sql(con, "locality_boundaries", layer=maps.lsoa_layer(period))
    if geoms.empty:
        raise NotInStore("the LSOA boundary files were not found when the store was built")
    title = (
        f"{m['indicator']}, Herefordshire LSOAs" if county else f"{m['indicator']}: LSOAs in {names[scope]}"
    )
    fig = maps.lsoa_map(
        geoms,
        vals,
        title=title,
        subtitle=maps.period_text(period),
        source=maps.IMD_SOURCE,
        unit=m["unit"],
        decimals=m["decimals"],
        polarity=m["polarity"],
        height=620 if county else 520,
    )
    where = "all Herefordshire LSOAs" if county else f"the LSOAs best-fitted to {names[scope]}"
    meta = dict(
        title=title,
        subtitle=maps.period_text(period),
        as_at=maps.period_text(period),
        sources=unique(vals["source_document"].dropna()) if "source_document" in vals else [],
        alt=f"Outline map of {where}, shaded by {m['indicator']} ({darker_means(m['polarity'])}).",
        note=None if county else maps.LOCALITY_LABEL,
        empty_reason="No LSOA figures for this area and release.",
    )
    return fig, vals[LSOA_COLUMNS], meta
