"""Education and attainment gaps: results over time and the gap between pupil groups and their peers."""

import streamlit as st

from dashboard.analysis import attainment_gaps as gaps
from dashboard.analysis.trends import BREAK_NOTE
from dashboard.present.format import as_at
from dashboard.store.connection import run
from dashboard.ui.blocks import safe_indicator_trend
from dashboard.ui.filters import Filters
from dashboard.ui.locality import education_section
from dashboard.ui.pages import page
from dashboard.ui.widgets import (
    chart_block,
    section_tabs,
    show_table,
    table_panel,
    url_select,
)
from dashboard.views import charts

trend = safe_indicator_trend

f = Filters.of(st.session_state)
compare, from_year = list(f.compare), f.from_year

st.title("Education and attainment gaps")
st.markdown(
    "Results at the end of the early years, key stage 2 (age 11) and key stage 4 (GCSE, age 16), and the "
    "**gap** between groups of pupils and their peers. A gap is the group's result minus its peers': "
    "**negative means the group is behind**, positive means ahead. Gaps are in percentage points for "
    "percentages and in points for Attainment 8 scores."
)
education_section()  # the sidebar locality's own figures beside the county and England

areas = gaps.wanted_areas([c for c in compare if c != "neighbours"])


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


def measure_data(m: gaps.Measure):
    return run(
        "education_series", ids=gaps.measure_ids(m), areas=[gaps.HERE, gaps.ENGLAND, gaps.WEST_MIDLANDS]
    )


def results():
    m = pick_measure(st)
    data = measure_data(m)
    st.subheader(m.label)
    trend(m.all_id, key=f"edu_all_{m.key}", title=f"{m.label}: all pupils", note=f"Period: {m.period_note}.")
    if m.old_ids:
        old = gaps.series_for_trend(
            data,
            {
                m.old_ids[0]: "all pupils",
                **{
                    i: (
                        "pupils with English as an additional language"
                        if "eal" in i
                        else "looked-after children"
                    )
                    for i in m.old_ids[1:]
                },
            },
            areas,
            from_year,
        )
        fig = charts.trend_chart(
            old,
            title=m.old_label,
            subtitle="The earlier, different measure, from the council's papers (stars); compared "
            "with England where the paper gives it",
            source="Council papers 000 and 003 (2006 and 2015 self-assessments)",
            unit="%",
            decimals=1,
            y_title="% of pupils",
        )
        fig.add_annotation(
            text="Not the same measure as the chart above",
            xref="paper",
            yref="paper",
            x=1,
            y=1.02,
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            font=dict(size=12, color="#801650"),
        )
        st.caption(f":material/warning: {m.why_different}")
        chart_block(
            fig,
            old,
            key=f"edu_old_{m.key}",
            filename=f"{m.key}_before_2016",
            alt=f"{m.old_label}: stars for Herefordshire and England from the council's papers.",
            empty_reason=f"The council's papers give no figures for this earlier measure from {from_year}.",
            view={"page": "education", "chart": "old_measure", "title": m.old_label},
        )


def the_gap():
    c1, c2 = st.columns(2)
    m = pick_measure(c1)
    group = pick_group(m, c2)
    data = measure_data(m)
    st.subheader(f"The gap: {group.label.lower()} compared with {group.peers_label}")
    gap_rows = gaps.compute_gaps(data, group, areas)
    gap_rows = gap_rows[gap_rows["period_end"].dt.year >= from_year]
    summary = gaps.latest_gap_summary(gap_rows, group, m)
    if summary:
        st.markdown(f"**{summary['period']}:** {summary['wording']} {summary['england_wording']}")
        if summary["trend"]:
            st.markdown(summary["trend"])
        st.caption(BREAK_NOTE)
    sub = (
        f"Herefordshire, latest {as_at(summary['period'], summary['period_end'])}; compared with England's "
        "gap"
        if summary
        else "Herefordshire compared with England"
    )
    fig = charts.gap_chart(
        gap_rows,
        title=f"{m.label.split(':')[0]}: gap for {group.label.lower()}",
        subtitle=sub + f" (group minus {group.peers_label}; below zero = behind)",
        source="DfE via LAIT (gap worked out from the two published percentages or scores)"
        + ("; council papers (stars)" if (gap_rows["source_kind"] == "seed document").any() else ""),
        unit=m.gap_unit,
    )
    if group.caveat:
        st.caption(f":material/warning: {group.caveat}")
    chart_block(
        fig,
        gap_rows,
        key=f"edu_gap_{m.key}_{group.key}",
        filename=f"gap_{m.key}_{group.key}",
        alt=f"Gap in {m.gap_unit} between {group.label.lower()} and {group.peers_label} over time, for "
        "Herefordshire and England; a line below zero means the group is behind.",
        empty_reason=f"No published figures for both {group.label.lower()} and {group.peers_label} from "
        f"{from_year}.",
        view={
            "page": "education",
            "chart": "gap",
            "title": f"Gap: {group.label}",
            "params": {"edu_measure": m.key, "edu_group": group.key},
        },
    )

    panel = table_panel("Every group, latest year: each gap in figures and in words", "panel_edu_groups")
    if panel is None:
        return
    table = gaps.gap_table(data, m)
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
    settings = run("education_settings")
    fig = charts.bar_chart(
        settings,
        x="setting",
        y="value",
        color="period",
        title="Schools and settings judged good or outstanding by Ofsted",
        subtitle="Herefordshire, 2012 to 2014/15, as reported in the 2015 self-assessment; no "
        "England figure given",
        source="Peer Challenge self-assessment, September 2015",
        unit="% good or outstanding",
        decimals=1,
        horizontal=True,
    )
    chart_block(
        fig,
        settings,
        key="edu_ofsted",
        filename="ofsted_grades_settings",
        alt="Horizontal grouped bars per type of setting (early years, primary, secondary, special/PRU, "
        "post-16, "
        "children's centres, children's homes) for 2012, 2013/14 and 2014/15.",
        empty_reason="The Ofsted grades of settings have not been extracted from the council's papers yet.",
        view={"page": "education", "chart": "ofsted", "title": "Ofsted grades of settings"},
    )
    ey = run("education_series", ids=["2yr_Ofsted_rating", "3&4yr_Ofsted_rating"], areas=areas)
    if not ey.empty:
        trend(
            "3&4yr_Ofsted_rating",
            key="edu_ey_ofsted",
            title="Funded 3 and 4 year olds in good or outstanding early years settings",
        )


def neet_and_participation():
    st.subheader("Young people not in education, employment or training (NEET)")
    neet_ids = {
        "16-17 NEET": "NEET aged 16-17",
        "16-17_not known_NEET": "NEET or not known, aged 16-17",
        "neet_16_18_pct": "NEET aged 16-18 (council papers)",
        "neet_not_known_pct": "not known (council papers)",
    }
    neet_pick = url_select(
        "NEET measure",
        ["16-17 NEET", "16-17_not known_NEET"],
        "edu_neet",
        "16-17 NEET",
        format_func=neet_ids.get,
    )
    neet_data = run("education_series", ids=list(neet_ids), areas=areas)
    neet = gaps.series_for_trend(
        neet_data,
        {
            neet_pick: neet_ids[neet_pick],
            "neet_16_18_pct": neet_ids["neet_16_18_pct"],
            "neet_not_known_pct": neet_ids["neet_not_known_pct"],
        },
        areas,
        from_year,
    )
    last = neet[(neet["series"] == "Herefordshire") & neet["value"].notna()]
    fig = charts.trend_chart(
        neet,
        title=f"{neet_ids[neet_pick]}: Herefordshire and comparators",
        subtitle=(
            f"Latest {as_at(last.iloc[-1]['period'], last.iloc[-1]['period_end'])}; "
            if not last.empty
            else ""
        )
        + "compared with "
        + ", ".join(gaps.area_series(a) for a in areas[1:])
        + "; stars: 16-18 figures from the council's papers",
        source="DfE NEET and participation (via LAIT), average of December to February; council papers 000 "
        "and 003",
        unit="%",
        decimals=1,
        y_title="% of young people",
    )
    chart_block(
        fig,
        neet,
        key="edu_neet_chart",
        filename="neet",
        alt="Lines of the share of 16-17 year olds who are NEET for Herefordshire and comparators from 2018, "
        "with stars for the council's 2006 and 2015 figures for 16-18 year olds.",
        empty_reason=f"No NEET figures from {from_year}.",
        view={"page": "education", "chart": "neet", "title": neet_ids[neet_pick]},
    )
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
