"""Localities: a locality map coloured by a chosen measure, a locality profile with its LSOAs, a side-by-side
comparison, the county LSOA map and the ward list. Layout only: data from queries/locality_*.sql and
lsoa_*.sql, figures from dashboard.views.maps. Maps are outline maps (no basemap, no tiles): they work
offline."""

import streamlit as st

from dashboard.areas import COMPARE_DEFAULT, SOUTH_WYE
from dashboard.store.connection import run
from dashboard.ui.blocks import view_block
from dashboard.ui.filters import Filters
from dashboard.ui.pages import page
from dashboard.ui.widgets import (
    for_download,
    section_tabs,
    show_table,
    url_multiselect,
    url_select,
)
from dashboard.views import locality_compare, maps

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
st.caption("  \n".join(t for t in (meta["definition"], meta["caveat"]) if isinstance(t, str) and t.strip()))

sidebar_loc = Filters.of(st.session_state).locality
default_area = sidebar_loc if sidebar_loc in names else SOUTH_WYE
if "_map_pick" in st.session_state:  # a click on the map chose a locality on the previous run
    st.query_params["area"] = st.session_state.pop("_map_pick")
with c3:
    area = url_select(
        "Locality or Hereford sub-area",
        list(names),
        "area",
        default_area,
        format_func=names.get,
        help="The area whose profile and LSOAs the first two tabs show",
    )


def lsoa_choice() -> str | None:
    """The LSOA measure picker (LSOA tabs only); the view shows it for the page's release, else its latest."""
    lsoa_inds = run("lsoa_indicator_list")
    if lsoa_inds.empty:
        st.info(
            "No LSOA figures in this store: the public data pack (IMD LSOA files and boundaries) was not "
            "found when the store was built.",
            icon=":material/info:",
        )
        return None
    lsoa_names = dict(zip(lsoa_inds["indicator_id"], lsoa_inds["indicator"], strict=True))
    return url_select(
        "LSOA measure", list(lsoa_names), "lsoa_measure", "imd_lsoa_decile", format_func=lsoa_names.get
    )


def pick_from_map(event: dict, fig) -> None:
    """A click on a locality on the map chooses it, as the picker above does (once per click)."""
    picked = maps.selected_area(event, list(names), fig)
    if picked and picked != st.session_state.get("_map_last"):
        st.session_state["_map_last"] = picked
        st.session_state["_map_pick"] = picked
        st.rerun()


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
    st.caption("Click a locality on the map to see its profile below.")
    view_block(
        "locality_map",
        key="locality_map",
        page="localities",
        filename=f"locality_map_{ind}",
        empty_reason="No locality map: the boundary files were not found when the store was built.",
        on_click=pick_from_map,
        indicator_id=ind,
        period=period,
        hereford=hereford,
        schools=schools,
        highlight=area,
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


def lsoa_tab(scope: str):
    """The LSOA map of one locality or sub-area (scope = its code) or of the whole county (scope = 'all')."""
    lsoa_ind = lsoa_choice()
    if lsoa_ind is None:
        return
    view_block(
        "lsoa_map",
        key="lsoa_county" if scope == "all" else "lsoa_profile",
        page="localities",
        filename=f"lsoas_{'herefordshire' if scope == 'all' else scope}_{lsoa_ind}",
        indicator_id=lsoa_ind,
        period=period,
        scope=scope,
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
    st.markdown(f"**{maps.period_text(period)}: the chosen areas beside Herefordshire and England**")
    show_table(for_download(locality_compare.compare_table(cmp)))
    st.caption(f"c = suppressed under disclosure control; – = no figure. {maps.LOCALITY_LABEL}.")
    for chart in ("locality_comparison", "locality_decile_mix"):
        view_block(chart, key=chart, page="localities", area_codes=chosen, period=period)


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
