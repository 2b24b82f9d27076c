"""Localities: a locality map coloured by a chosen measure, a locality profile with its LSOAs, a side-by-side
comparison, the county LSOA map and the ward list. Layout only: data from queries/locality_*.sql and
lsoa_*.sql, figures from dashboard.views.maps. Maps are outline maps (no basemap, no tiles): they work
offline."""

import streamlit as st

from dashboard.areas import COMPARE_DEFAULT, HERE, HEREFORD_CITY_EXCL_SW, SOUTH_WYE
from dashboard.present.format import fmt_value
from dashboard.present.tables import to_csv_bytes, to_xlsx
from dashboard.present.theme import PLOTLY_CONFIG
from dashboard.store.connection import run
from dashboard.ui.pages import page
from dashboard.ui.plotly_chart import plotly_chart
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
    maps.LOCALITY_LABEL + ". Deprivation figures for localities come from LSOAs assigned to wards by best "
    "fit of area, so they are approximate.",
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
        format_func=lambda i: ind_meta.loc[i, "indicator"],
        help="Shades the locality map (first tab); the LSOA tabs have their own measure",
    )
meta = ind_meta.loc[ind]
with c2:
    period = url_select("Release", list(meta["periods"]), "release", meta["latest_period"])
st.caption(f"{meta['definition']}  \n{meta['caveat'] or ''}")

sidebar_loc = st.session_state.get("filters", {}).get("locality")
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
    values = run("locality_indicator_values", indicator_id=ind, period=period)
    loc_vals = maps.protect_counts_by_indicator(
        values.assign(county=values.loc[values["area_code"] == HERE, "value"].max())
    )
    loc_rows = loc_vals[loc_vals["area_code"].isin(map_localities)]
    county = values.loc[values["area_code"] == HERE]
    county_text = (
        f"Herefordshire {fmt_value(county['value'].iloc[0], meta['unit'], meta['decimals'])}"
        if not county.empty
        else ""
    )
    geoms = run("locality_boundaries", layer="locality")
    if geoms.empty:
        st.info(
            "No locality map: the boundary files were not found when the store was built. The profile "
            "below still gives the figures.",
            icon=":material/info:",
        )
    else:
        locality_map(geoms, loc_rows, county_text)
    profile_table(loc_vals)


def locality_map(geoms, loc_rows, county_text):
    fig = maps.locality_map(
        geoms,
        loc_rows,
        title=f"{meta['indicator']}, by locality",
        subtitle=f"{maps.period_text(period)}. {county_text}. Click a locality to see its profile below.",
        source=maps.IMD_SOURCE,
        unit=meta["unit"],
        decimals=meta["decimals"],
        polarity=meta["polarity"],
        highlight=[area] if area in map_localities else [],
    )
    event = plotly_chart(fig, key="locality_map", config=PLOTLY_CONFIG, on_select="rerun")
    picked = maps.selected_area(event, map_localities, fig)
    if picked and picked != st.session_state.get("_map_last"):  # act once per click, not on every rerun
        st.session_state["_map_last"] = picked
        st.session_state["_map_pick"] = picked
        st.rerun()
    st.caption(
        "Chart description: outline map of Herefordshire's seven proposed localities, shaded by the "
        "chosen measure (darker = more deprived); no background map. The table under 'Data table and "
        "downloads' gives every figure, including the Hereford City sub-areas."
    )


def profile_table(loc_vals):
    profile = run("locality_profile", area_code=area)
    st.markdown(
        f"**Profile: {names[area]}** — {maps.period_text(period)}, compared with Herefordshire and England"
    )
    ptable = maps.profile_table(profile, period)
    show_table(for_download(ptable), column_config={"note": st.column_config.TextColumn(width="medium")})
    st.caption(
        "England figures exist only where the measure is fixed by how the national deciles are built "
        "(e.g. 10% of LSOAs are in the most deprived 10%). IDACI 2019 sums leave out LSOAs blank in "
        "the source (see note)."
    )
    panel = st.expander(
        "Data table and downloads: every locality and sub-area", key="data_locmap", on_change="rerun"
    )
    if panel.open:
        table = loc_vals[
            [
                "area_name",
                "area_type",
                "value",
                "status",
                "numerator",
                "denominator",
                "note",
                "period",
                "source_document",
            ]
        ]
        data = for_download(table)
        with panel:
            show_table(data)
            d1, d2 = st.columns(2)
            d1.download_button(
                "Download CSV",
                lambda: to_csv_bytes(data),
                file_name=f"localities_{ind}.csv",
                mime="text/csv",
                key="csv_locmap",
            )
            d2.download_button(
                "Download XLSX",
                lambda: to_xlsx(data, notes=[maps.LOCALITY_LABEL, maps.IMD_SOURCE]),
                file_name=f"localities_{ind}.xlsx",
                key="xlsx_locmap",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
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
        lambda: lsoa_tab(area),
        compare_localities,
        lambda: lsoa_tab("all"),
        wards_in_localities,
    ),
    PAGE.tab_key,
)
st.caption(maps.BOUNDARY_SOURCE)
