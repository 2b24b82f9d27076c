"""Profile of need: how many children, how deprived, what needs — from the 2006 pyramid to the latest
figures."""

import pandas as pd
import streamlit as st

from dashboard import areas
from dashboard.analysis import outcomes as oc
from dashboard.present.format import as_at, fmt_value
from dashboard.present.sources import cite_rows
from dashboard.store.connection import run
from dashboard.ui.blocks import available, names_for, safe_indicator_trend, view_block
from dashboard.ui.filters import Filters
from dashboard.ui.locality import profile_section
from dashboard.ui.pages import page
from dashboard.ui.widgets import chart_block, section_tabs, show_table, url_select
from dashboard.views import charts

trend = safe_indicator_trend

from_year = Filters.of(st.session_state).from_year

st.title("Profile of need")
st.markdown(
    "How many children live in Herefordshire, how deprived their neighbourhoods are, and how many need "
    "extra help. Figures from the council's papers (2005–2015) are drawn as stars; published statistics "
    "as lines. Demand measures (referrals, children in need) are compared, never coloured good or bad."
)
profile_section()  # the sidebar locality's own figures beside the county and England


def child_population():
    pop = run("profile_population", from_year=from_year)
    ons = pop[(pop["indicator_id"] == "pop_0_17") & pop["value"].notna()]
    if not ons.empty:
        last = ons.iloc[-1]
        sub = (
            f"Herefordshire, ONS estimate of 0-17 year olds {fmt_value(last['value'], 'count', 0)} "
            f"({as_at(last['period'], last['period_end'])}); stars: the council's own figures, other age "
            "bands"
        )
    else:
        sub = "Herefordshire; no ONS estimate in the store for this period"
    fig = charts.trend_chart(
        pop,
        title="Children living in Herefordshire",
        subtitle=sub,
        source="ONS mid-year population estimates (via DfE EES); council papers 000, 001, 003 (stars)",
        unit="count",
        decimals=0,
        y_title="Children",
    )
    chart_block(
        fig,
        pop,
        key="prof_pop",
        filename="child_population",
        alt="Line of the ONS estimate of children aged 0-17 from 2012, with stars for the council's figures "
        "of 2005, 2006 and 2011, which count different age bands (0-19, all children, 0-16).",
        notes=["The council's figures use other age bands (0-16, 0-19) and are not joined to the ONS line."],
        empty_reason=f"No population figures from {from_year}. Choose an earlier 'From year' in the sidebar.",
        view={"page": "profile", "chart": "prof_pop", "title": "Children living in Herefordshire"},
    )
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
    shares = oc.decile_shares(dep)
    fig = charts.bar_chart(
        shares,
        x="decile",
        y="value",
        color="edition",
        title="Herefordshire's neighbourhoods by national deprivation decile",
        subtitle="Share of Herefordshire's LSOAs in each tenth of England; England is 10% in every "
        "decile (dashed line)",
        source="MHCLG English Indices of Deprivation 2015, 2019 (2011 LSOAs) and 2025 (2021 LSOAs)",
        unit="% of LSOAs",
        decimals=1,
    )
    fig.add_hline(
        y=10,
        line=dict(color="#3D3D3D", dash="dash", width=1),
        annotation_text="England: 10%",
        annotation_position="top right",
    )
    fig.update_layout(xaxis=dict(title="National IMD decile (1 = most deprived 10%)"))
    chart_block(
        fig,
        shares,
        key="prof_deciles",
        filename="imd_deciles",
        alt="Grouped bars per national deprivation decile for 2015, 2019 and 2025: few Herefordshire "
        "neighbourhoods are in the most deprived deciles and most are in deciles 4 to 6.",
        empty_reason="Neighbourhood deprivation (IMD LSOA files) is not in the store yet.",
        view={"page": "profile", "chart": "prof_deciles", "title": "Neighbourhoods by deprivation decile"},
    )
    idaci = dep[(dep["indicator_id"] == "idaci_children_income_deprived") & (dep["area_code"] == areas.HERE)]
    if not idaci.empty:
        parts = [f"**{fmt_value(r.value, 'count', 0)}** in the {r.period}" for r in idaci.itertuples()]
        st.markdown(
            "Children aged 0-15 living in income-deprived families (IDACI numerator, summed over "
            "Herefordshire's "
            "neighbourhoods): " + "; ".join(parts) + "."
        )
        notes = "; ".join(sorted({str(n) for n in idaci["note"].dropna()}))
        st.caption(
            "Source: English Indices of Deprivation, IDACI numerators for Herefordshire's LSOAs. The 2019 "
            "file "
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
    ref_ids = available(["CPP_Total_Rateper10,000", "ReReferral", "CPP_Total_NumRef"])
    if ref_ids:
        labels = names_for(ref_ids)
        pick = url_select(
            "Referral measure", ref_ids, "prof_referral", ref_ids[0], format_func=lambda i: labels.get(i, i)
        )
        trend(pick, key="prof_ref")
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
