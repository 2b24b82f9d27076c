"""Safeguarding: children looked after, on child protection plans and in need, 2006 to 2025."""

import streamlit as st

from dashboard.ui.blocks import indicator_trend, measure_choice, view_block
from dashboard.ui.locality import safeguarding_section
from dashboard.ui.pages import page
from dashboard.ui.widgets import section_tabs

st.title("Safeguarding")
st.markdown(
    "Children looked after (LAC), on child protection (CP) plans and in need (CIN), from the council's "
    "2006–2015 papers (stars) to the published statistics (lines), on one time axis. These are "
    "measures of demand: higher is not better or worse, so they are compared, not coloured."
)
safeguarding_section()  # the sidebar locality's own figures beside the county and England


def looked_after():
    _table, meta = view_block(
        "lac_history",
        key="sg_lac_history",
        page="safeguarding",
        filename="looked_after_2006_2025",
        empty_reason="No looked-after figures are in the store.",
    )
    for line in meta.get("notes", []):
        st.caption(line)
    indicator_trend(
        "LAC", page="safeguarding", key="sg_lac", title="Children looked after: rate per 10,000 children"
    )


def child_protection():
    indicator_trend(
        "CPP_rate",
        page="safeguarding",
        key="sg_cpp",
        title="Children on child protection plans: rate per 10,000",
        note="Before 2008 children were placed on the child protection register rather than on a plan.",
    )
    pick = measure_choice(
        "Plan duration, repeat plans and reviews",
        [
            "cpp_subsequent_pct",
            "CPPlans2yrsActive",
            "CPPlans2yrs",
            "cpp_duration_2y_plus_pct",
            "cpp_duration_3m_or_less_pct",
            "CPP_Abuse_Rate",
            "CPP_Num",
            "RevCP",
        ],
        "sg_cp_measure",
    )
    if pick:
        indicator_trend(pick, page="safeguarding", key="sg_cp_more")


def in_need():
    indicator_trend(
        "CIN", page="safeguarding", key="sg_cin", title="Children in need: rate per 10,000 children"
    )
    indicator_trend(
        "cin_count", page="safeguarding", key="sg_cin_n", title="Children in need: number at 31 March"
    )


def flows():
    pick = measure_choice(
        "Measure",
        [
            "LACnum_Start",
            "LACceased",
            "LAC_Start_Rate",
            "LAC_Cease_Rate",
            "CPP_Abuse",
            "CPP_Total_Rateper10,000",
            "CPP_Total_NumRef",
            "ReReferral",
            "CIN_Refferals_NFA",
        ],
        "sg_flow",
    )
    if pick is None:
        st.info("No figures on starts, ceases or referrals are in the store.")
        return
    indicator_trend(pick, page="safeguarding", key="sg_flow_chart")


def workforce():
    pick = measure_choice(
        "Workforce measure",
        [
            "Work_Force_Vac_Rate",
            "Work_Force_Agecy_Rate",
            "Work_Force_AvgNumCase_SW",
            "turnover_rate_fte",
            "Work_Force_NoSW",
            "Social_Work_Starters",
            "Social_Work_Leavers",
            "Vacancies_cover",
        ],
        "sg_work",
    )
    if pick is None:
        st.info("No workforce figures are in the store.")
        return
    indicator_trend(
        pick,
        page="safeguarding",
        key="sg_work_chart",
        note="Workforce figures are as at 30 September each year (DfE children's social work "
        "workforce); figures from the council's papers keep their own dates.",
    )


# Only the open tab is built (the link keeps which one, ?sg_tab=...): two charts on screen, not nine.
PAGE = page("safeguarding")
section_tabs(
    PAGE.sections(
        looked_after,
        child_protection,
        in_need,
        flows,
        workforce,
    ),
    PAGE.tab_key,
)
