"""Profile of need: how many children, how deprived, what needs — from the 2006 pyramid to the latest
figures."""

import pandas as pd
import streamlit as st

from dashboard import areas
from dashboard.analysis import outcomes as oc
from dashboard.present.format import as_at, fmt_value
from dashboard.present.sources import cite_rows
from dashboard.store.connection import run
from dashboard.ui.blocks import measure_choice, view_block
from dashboard.ui.locality import profile_section
from dashboard.ui.pages import page
from dashboard.ui.widgets import section_tabs, show_table

st.title("Profile of need")
st.markdown(
    "How many children live in Herefordshire, how deprived their neighbourhoods are, and how many need "
    "extra help. Figures from the council's papers (2005–2015) are drawn as stars; published statistics "
    "as lines. Demand measures (referrals, children in need) are compared, never coloured good or bad."
)
profile_section()  # the sidebar locality's own figures beside the county and England


def child_population():
    view_block("prof_population", key="prof_pop", page="profile", filename="child_population")
    st.caption(
        "A count, so no comparator is shown: rates per 10,000 children on the Safeguarding page use the ONS "
        "estimate as their denominator. The age bands differ (0-16, 0-17, 0-19), so the stars are not on "
        "the line."
    )


def deprivation():
    dep = run("profile_deprivation")
    summary = oc.deprivation_summary(dep)
    if summary.empty:
        st.info("The district summaries of the Indices of Deprivation are not in the store yet.")
    else:
        st.markdown(
            "**Herefordshire among England's 296 districts** (English Indices of Deprivation 2019 and 2025)"
        )
        show_table(summary)
        st.caption(
            "Source: MHCLG English Indices of Deprivation 2019 and 2025, district summaries (OGL v3). "
            "Ranks are out of 296 lower-tier districts; 1 is the most deprived. England's shares are fixed "
            "by "
            "how the indices are built (10% of neighbourhoods are in the most deprived 10%)."
        )
    view_block("prof_deciles", key="prof_deciles", page="profile", filename="imd_deciles")
    idaci = dep[(dep["indicator_id"] == "idaci_children_income_deprived") & (dep["area_code"] == areas.HERE)]
    if not idaci.empty:
        parts = [f"**{fmt_value(r.value, 'count', 0)}** in the {r.period}" for r in idaci.itertuples()]
        st.markdown(
            "Children aged 0-15 living in income-deprived families (the children counted by the Income "
            "Deprivation Affecting Children Index, IDACI, added up over Herefordshire's neighbourhoods): "
            + "; ".join(parts)
            + "."
        )
        notes = "; ".join(sorted({str(n) for n in idaci["note"].dropna()}))
        st.caption(
            "Source: English Indices of Deprivation, the IDACI child counts of Herefordshire's "
            "neighbourhoods "
            "(LSOAs). The 2019 file "
            "leaves 9 neighbourhoods blank, so its sum is an undercount and the two editions are not "
            "comparable." + (f" {notes}" if notes else "")
        )


def disability_and_domestic_abuse():
    seeds = run(
        "profile_seed_figures", topics=["Disability", "Domestic abuse", "Children in need", "Profile of need"]
    )
    shown = seeds[
        seeds["topic"].isin(["Disability", "Domestic abuse"])
        | seeds["indicator_id"].isin(["cin_disability_num"])
    ]
    if shown.empty:
        st.info(
            "No figures on disability or domestic abuse have been extracted from the council's papers yet."
        )
    else:
        table = pd.DataFrame(
            {
                "topic": shown["topic"],
                "figure": shown["indicator"],
                "value": [
                    fmt_value(v, u, None, s) + ("" if t == "actual" else f" ({t})")
                    for v, u, s, t in zip(shown["value"], shown["unit"], shown["status"], shown["value_type"])
                ],
                "area": shown["area"],
                "as at": [as_at(p, e) for p, e in zip(shown["period"], shown["period_end"])],
                "source": cite_rows(shown),
                "quote": shown["source_quote"],
                "note": shown["note"],
            }
        )
        show_table(table, column_config={"quote": st.column_config.TextColumn("Quote", width="large")})
        st.caption(
            "From the council's papers (no published series at county level): each figure keeps the date the "
            "paper gives. West Mercia figures cover the police force area, not Herefordshire alone."
        )


def referrals_and_re_referrals():
    pick = measure_choice(
        "Referral measure", ["CPP_Total_Rateper10,000", "ReReferral", "CPP_Total_NumRef"], "prof_referral"
    )
    if pick:
        view_block("indicator_trend", key="prof_ref", page="profile", indicator_id=pick)
        st.caption(
            "Referrals are a measure of demand: a higher rate is not better or worse. The 2006 star for the "
            "referral rate is a target the council set, not an actual figure."
        )
    else:
        st.info("No referral figures are in the store yet.")


def levels_of_need():
    left, right = st.columns([3, 2])
    with left:
        view_block(
            "pyramid_then",
            key="prof_pyramid",
            page="profile",
            filename="profile_of_need_2006",
            empty_reason="The 2006 profile of need has not been extracted into the store yet.",
        )
    with right:
        st.markdown("**The Child Concern Model**")
        st.markdown(
            "Herefordshire's levels of need run from *universal* (all children) through *additional* and "
            "*complex* to *acute / statutory* (in need, protected, looked after). The 2006 pyramid uses the "
            "same steps."
        )
        seeds = run("profile_seed_figures", topics=["Children in need", "Profile of need"])
        ccm = seeds[seeds["indicator_id"].str.startswith("ccm_level")]
        if ccm.empty:
            st.info(
                "The council's papers give no counts per Child Concern Model level beyond the 2006 pyramid."
            )
        else:
            show_table(
                ccm[["indicator", "value", "period", "source_document", "source_line", "source_quote"]]
            )


# Only the open tab is built (the link keeps which one), so the page draws one section's charts, not all.
PAGE = page("profile")
section_tabs(
    PAGE.sections(
        child_population,
        deprivation,
        disability_and_domestic_abuse,
        referrals_and_re_referrals,
        levels_of_need,
    ),
    PAGE.tab_key,
)
