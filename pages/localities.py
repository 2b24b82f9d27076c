"""Localities: a locality map coloured by a chosen measure, a locality profile with its LSOAs, a side-by-side
comparison, the county LSOA map and the ward list. Layout only: data from queries/locality_*.sql and
lsoa_*.sql, figures from dashboard.views.maps. Maps are outline maps (no basemap, no tiles): they work
offline."""

import streamlit as st

from dashboard.areas import COMPARE_DEFAULT, HEREFORD_CITY_EXCL_SW, SOUTH_WYE
from dashboard.store.connection import run
from dashboard.ui.blocks import view_block
from dashboard.ui.filters import Filters
from dashboard.ui.pages import page
from dashboard.ui.widgets import (
    chart_block,
    for_download,
    section_tabs,
    show_table,
    url_multiselect,
    url_select,
)
from dashboard.views import maps

st.title("Localities")
st.info(
    maps.LOCALITY_LABEL
    + ". Locality figures are published small-area statistics summed from LSOAs (placed in "
    "wards by the ONS best-fit lookup) or from schools (placed by their location), so they are approximate.",
    icon=":material/map:",
)

indicators = run("locality_indicator_list")
if indicators.empty:
    st.info(
        "No locality figures in this store: the public data pack (boundaries and IMD files) was not found "
        "when the store was built.",
        icon=":material/info:",
    )
    st.stop()

ind_meta = indicators.set_index("indicator_id")
areas = run("localities")
names = dict(zip(areas["area_code"], areas["label"], strict=True))
localities = areas.loc[areas["area_type"] == "locality", "area_code"].tolist()
map_localities = [c for c in localities if c != HEREFORD_CITY_EXCL_SW]

# ---------------------------------------------------------------- controls (all kept in the page address)
c1, c2, c3 = st.columns([3, 1, 2])
with c1:
    ind = url_select(
        "Measure",
        indicators["indicator_id"].tolist(),
        "measure",
        "imd_lsoa_pct_most_deprived_20",
        format_func=lambda i: f"{ind_meta.loc[i, 'topic']}: {ind_meta.loc[i, 'indicator']}",
        help="Shades the map and ranks the localities; the LSOA tabs have their own measure",
    )
meta = ind_meta.loc[ind]
with c2:
    period = url_select("Period", list(meta["periods"]), "release", meta["latest_period"])
st.caption(f"{meta['definition']}  \n{meta['caveat'] or ''}")

sidebar_loc = Filters.of(st.session_state).locality
default_area = sidebar_loc if sidebar_loc in names else SOUTH_WYE
with c3:
    area = url_select(
        "Locality or Hereford sub-area",
        list(names),
        "area",
        default_area,
        format_func=names.get,
        help="The area whose profile and LSOAs the first two tabs show",
    )


def lsoa_choice():
    """The LSOA measure picker (LSOA tabs only), and the release to show it for."""
    lsoa_inds = run("lsoa_indicator_list")
    if lsoa_inds.empty:
        st.info(
            "No LSOA figures in this store: the public data pack (IMD LSOA files and boundaries) was not "
            "found when the store was built.",
            icon=":material/info:",
        )
        return None
    lsoa_meta = lsoa_inds.set_index("indicator_id")
    lsoa_ind = url_select(
        "LSOA measure",
        lsoa_inds["indicator_id"].tolist(),
        "lsoa_measure",
        "imd_lsoa_decile",
        format_func=lambda i: lsoa_meta.loc[i, "indicator"],
    )
    lm = lsoa_meta.loc[lsoa_ind]
    lsoa_period = period if period in list(lm["periods"]) else lm["latest_period"]
    return lsoa_ind, lm, lsoa_period


def map_and_profile():
    m1, m2 = st.columns([2, 1])
    with m1:
        hereford = url_select(
            "Hereford City on the map",
            ["split", "whole"],
            "hereford",
            "split",
            format_func={
                "split": "South Wye as its own area",
                "whole": "Hereford City whole (South Wye outlined)",
            }.get,
        )
    with m2:
        schools = st.toggle(
            "Show schools", value=True, key="loc_schools_layer", help="Open schools, GIAS May 2025"
        )
    view_block(
        "locality_map",
        key="locality_map",
        page="localities",
        filename=f"locality_map_{ind}",
        empty_reason="No locality map: the boundary files were not found when the store was built.",
        indicator_id=ind,
        period=period,
        hereford=hereford,
        schools=schools,
        highlight=area,
    )
    st.markdown(
        f"**One-page profile: {names[area]}** — every measure's latest figure beside Herefordshire "
        f"and England"
    )
    view_block(
        "locality_profile",
        key="locality_profile",
        page="localities",
        filename=f"locality_profile_{area}",
        empty_reason=f"No published small-area figures for {names[area]} in this store.",
        area_code=area,
    )


def rank_localities():
    view_block(
        "locality_ranking",
        key="locality_ranking",
        page="localities",
        filename=f"locality_ranking_{ind}",
        empty_reason="No locality figures for this measure and release: the public pack was not "
        "found when the store was built, or it has none.",
        indicator_id=ind,
        period=period,
        highlight=area,
    )


LSOA_COLUMNS = ["area_code", "area_name", "ward_name", "locality_name", "value", "status", "note", "period"]


def lsoa_tab(scope: str):
    """The LSOA map of one locality or sub-area (scope = its code) or of the whole county (scope = 'all')."""
    choice = lsoa_choice()
    if choice is None:
        return
    lsoa_ind, lm, lsoa_period = choice
    geoms = run("locality_boundaries", layer=maps.lsoa_layer(lsoa_period))
    vals = run("lsoa_indicator_values", indicator_id=lsoa_ind, period=lsoa_period, area=scope)
    if geoms.empty:
        st.info(
            "No LSOA map: the LSOA boundary files were not found when the store was built. The figures are "
            "listed instead.",
            icon=":material/info:",
        )
        show_table(for_download(vals[LSOA_COLUMNS]))
        return
    county = scope == "all"
    fig = maps.lsoa_map(
        geoms,
        vals,
        subtitle=maps.period_text(lsoa_period),
        unit=lm["unit"],
        decimals=lm["decimals"],
        polarity=lm["polarity"],
        **(
            {"title": f"{lm['indicator']}, Herefordshire LSOAs", "highlight": [], "height": 620}
            if county
            else {"title": f"{lm['indicator']}: LSOAs in {names[scope]}", "height": 520}
        ),
    )
    chart_block(
        fig,
        vals[LSOA_COLUMNS],
        key="lsoa_county" if county else "lsoa_profile",
        filename=f"lsoas_{'herefordshire' if county else scope}_{lsoa_ind}",
        alt=(
            f"Outline map of all Herefordshire LSOAs shaded by {lm['indicator']} (darker = more deprived)."
            if county
            else f"Outline map of the LSOAs best-fitted to {names[scope]}, shaded by {lm['indicator']}."
        ),
        notes=[maps.IMD_SOURCE] if county else [maps.LOCALITY_LABEL, maps.IMD_SOURCE],
        empty_reason="No LSOA figures for this area and release.",
    )


def compare_localities():
    chosen = url_multiselect(
        "Localities and sub-areas to compare",
        list(names),
        "compare_areas",
        list(COMPARE_DEFAULT),
        format_func=names.get,
    )
    if not chosen:
        st.info("Choose at least one locality to compare.")
        return
    cmp = run("locality_compare", area_codes=chosen, period=period)
    show_table(for_download(maps.compare_table(cmp)))
    who = ", ".join(names[c] for c in chosen)
    cfig = maps.compare_chart(
        cmp,
        title="Share of LSOAs among the most deprived nationally",
        subtitle=f"{who}; {maps.period_text(period)}",
    )
    chart_block(
        cfig,
        cmp[cmp["indicator_id"].isin(maps.SHARE_IDS)][
            ["indicator", "area_name", "value", "numerator", "denominator", "county", "england", "note"]
        ],
        key="cmp_shares",
        filename="locality_comparison",
        alt=f"Grouped bars: for {who}, Herefordshire and England, the percentage of LSOAs in the most "
        "deprived "
        "10% and 20% nationally, overall and on the children and young people education sub-domain.",
        notes=[maps.LOCALITY_LABEL],
    )
    dfig = maps.decile_mix_chart(
        cmp,
        title="Decile mix: LSOAs by national IMD decile",
        subtitle=f"{who}; {maps.period_text(period)}; 1 = most deprived 10%",
    )
    chart_block(
        dfig,
        cmp[cmp["indicator_id"].str.startswith("imd_lsoas_decile_")][
            ["indicator", "area_name", "value", "county"]
        ],
        key="cmp_deciles",
        filename="locality_decile_mix",
        alt="Stacked bars, one per area: the share of its LSOAs in each national IMD decile; labels give "
        "counts.",
        notes=[maps.LOCALITY_LABEL],
    )


def wards_in_localities():
    wards = run("locality_wards")
    st.caption(
        maps.LOCALITY_LABEL + ". Low-confidence wards could reasonably sit in another locality; the "
        "note says which. Edit geo/ward_locality.csv to change the assignment."
    )
    show_table(wards[["locality_name", "sub_area_name", "ward_name", "ward_code", "confidence", "note"]])


# Only the open tab is built (the link keeps which one, ?loc_tab=...): one map on screen at a time.
PAGE = page("localities")
section_tabs(
    PAGE.sections(
        map_and_profile,
        rank_localities,
        lambda: lsoa_tab(area),
        compare_localities,
        lambda: lsoa_tab("all"),
        wards_in_localities,
    ),
    PAGE.tab_key,
)
st.caption(maps.BOUNDARY_SOURCE)
