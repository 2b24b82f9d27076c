"""Education and attainment gaps: results over time and the gap between pupil groups and their peers."""

import streamlit as st

from dashboard.analysis import attainment_gaps as gaps
from dashboard.store.connection import run
from dashboard.ui.blocks import filters, indicator_trend, view_block
from dashboard.ui.locality import education_section
from dashboard.ui.pages import page
from dashboard.ui.widgets import section_tabs, show_table, table_panel, url_select
from dashboard.views import education as edu_views

GAP_AREAS = [gaps.HERE, gaps.ENGLAND, gaps.WEST_MIDLANDS]

st.title("Education and attainment gaps")
st.markdown(
    "Results at the end of the early years, key stage 2 (age 11) and key stage 4 (GCSE, age 16), and the "
    "**gap** between groups of pupils and their peers. A gap is the group's result minus its peers': "
    "**negative means the group is behind**, positive means ahead. Gaps are in percentage points for "
    "percentages and in points for Attainment 8 scores."
)
education_section()  # the sidebar locality's own figures beside the county and England

areas = edu_views.areas_for(filters()[0])


def pick_measure(where) -> gaps.Measure:
    key = url_select(
        "Results measure",
        list(gaps.MEASURES),
        "edu_measure",
        "ks2_rwm",
        where=where,
        format_func=lambda k: gaps.MEASURES[k].label,
    )
    return gaps.MEASURES[key]


def pick_group(m: gaps.Measure, where):
    key = url_select(
        "Pupil group",
        [g.key for g in m.groups],
        "edu_group",
        m.groups[0].key,
        where=where,
        format_func=lambda k: next(g.label for g in m.groups if g.key == k),
    )
    return next(g for g in m.groups if g.key == key)


def results():
    m = pick_measure(st)
    st.subheader(m.label)
    indicator_trend(
        m.all_id,
        key=f"edu_all_{m.key}",
        page="education",
        title=f"{m.label}: all pupils",
        note=f"Period: {m.period_note}.",
    )
    if m.old_ids:
        view_block(
            "edu_old_measure",
            key=f"edu_old_{m.key}",
            page="education",
            filename=f"{m.key}_before_2016",
            measure_key=m.key,
        )


def the_gap():
    c1, c2 = st.columns(2)
    m = pick_measure(c1)
    group = pick_group(m, c2)
    st.subheader(f"The gap: {group.label.lower()} compared with {group.peers_label}")
    summary = st.container()
    _table, meta = view_block(
        "edu_gap",
        key=f"edu_gap_{m.key}_{group.key}",
        page="education",
        filename=f"gap_{m.key}_{group.key}",
        measure_key=m.key,
        group=group.key,
    )
    if meta.get("so_what"):
        summary.markdown(meta["so_what"])

    panel = table_panel("Every group, latest year: each gap in figures and in words", "panel_edu_groups")
    if panel is None:
        return
    table = gaps.gap_table(run("education_series", ids=gaps.measure_ids(m), areas=GAP_AREAS), m)
    if table.empty:
        panel.info("No group figures are in the store for this measure.")
        return
    with panel:
        show_table(table, column_config={"in words": st.column_config.TextColumn("In words", width="large")})
        st.caption(
            "Gap = group minus its peers. Looked-after children are compared with all pupils. Statistical "
            "neighbours are not shown for gaps: their figures are averages of other areas' gaps."
        )


def ofsted_grades():
    st.subheader("Ofsted grades of schools and settings")
    view_block("edu_ofsted", key="edu_ofsted", page="education", filename="ofsted_grades_settings")
    ey = run("education_series", ids=["2yr_Ofsted_rating", "3&4yr_Ofsted_rating"], areas=areas)
    if not ey.empty:
        view_block(
            "indicator_trend",
            key="edu_ey_ofsted",
            page="education",
            indicator_id="3&4yr_Ofsted_rating",
            title="Funded 3 and 4 year olds in good or outstanding early years settings",
        )


def neet_and_participation():
    st.subheader("Young people not in education, employment or training (NEET)")
    neet_pick = url_select(
        "NEET measure",
        edu_views.NEET_MEASURES,
        "edu_neet",
        edu_views.NEET_MEASURES[0],
        format_func=edu_views.NEET_IDS.get,
    )
    view_block("edu_neet", key="edu_neet_chart", page="education", filename="neet", neet_measure=neet_pick)
    st.caption(
        "Lower NEET is better. The council's 2006 figure counts 16-18 year olds, today's 16-17 year olds: "
        "they are separate series."
    )


# Only the open tab is built (the link keeps which one), so the page draws one section's charts, not all.
PAGE = page("education")
section_tabs(
    PAGE.sections(
        the_gap,
        results,
        ofsted_grades,
        neet_and_participation,
    ),
    PAGE.tab_key,
)
