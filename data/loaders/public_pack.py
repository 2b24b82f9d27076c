"""The public data pack (PUBLIC_DATA_DIR/stats): published statistics read in place, never copied.

Loads `sources`, `indicators`, `areas`, `observations` and `sn_lists` from the DfE LAIT extracts, the
DfE Explore Education Statistics (EES) CSVs, ONS 0-17 mid-year estimates, the IoD LA summaries and the
statistical-neighbour (SN) files. See ../shared/public/stats/SOURCES.md for the files and caveats.

Rules the rest of the dashboard relies on
* One observation per (indicator, area, period label). Where an EES file and LAIT both give a figure,
  the EES row wins (it carries the numerator and denominator); a different LAIT value is kept in `note`.
* Rates per 10,000 carry numerator (the count) and denominator (ONS 0-17 mid-year estimate of the
  previous year, DfE's method) wherever both are in the pack and they reproduce the published rate.
  CIN and CPP rates for 2013-2015 (before LAIT's series) are computed that way and say so in `note`.
* Published symbols stay in `status` (c, k, u, x, z; LAIT '-' -> 'x') with `value` NULL; a value that
  DfE flags as low reliability keeps its value with status 'u'.
* Period labels are kept as published; period_start/period_end come from the indicator's period type.
  A LAIT year YYYY is the year the period ends: 31 March YYYY, financial year (YYYY-1)-YY,
  academic year (YYYY-1)/YY, calendar year YYYY, workforce 30 September YYYY. EES '202425' is the
  academic year 2024/25 (1 Sep 2024 - 31 Aug 2025).
* SN list in force (stated in sn_lists.in_force_from/to): the April 2021 model applies to years up to
  and including 2024 and the May 2025 model from 2025, where "year" is the year of the period's end
  date (31 March / financial-year end / academic-year end). The 2025 model is the one the current LAIT
  uses; DfE published it in May 2025, so 2025 figures are the first compared with it.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from data.loaders.common import insert

ENGLAND, WEST_MIDLANDS, HERE = "E92000001", "E12000005", "E06000019"
SYMBOLS = {"c", "k", "u", "x", "z"}
STEP = "public pack"

LAIT_REPO = "https://github.com/dfe-analytical-services/local-authority-interactive-tool"
LAIT_COMMIT = "2e30e3959a6ab8b2d22941b84764da41a40ac91b"
CSC_REPO = "https://github.com/dfe-analytical-services/CSC_outcomes_and_enablers"
CSC_COMMIT = "2f5d11a431050523dab58810083259d3313029ae"
OGL = "Open Government Licence v3.0"

# ---------------------------------------------------------------------------------------------- sources
# (source_id, file, title, publisher, published_date, licence, url, purpose)
SOURCES = [
    (
        "pack_lait_all",
        "lait_all_indicators_herefordshire_england_westmidlands.csv",
        "DfE Local Authority Interactive Tool (LAIT): all measures, Herefordshire, England, West Midlands",
        "Department for Education",
        "2026-04-08",
        f"{OGL} (data); MIT (LAIT code)",
        f"{LAIT_REPO}/tree/{LAIT_COMMIT}/01_data/02_prod",
        "Every LAIT measure for Herefordshire and its England and regional comparators, mostly 2016-2025",
    ),
    (
        "pack_lait_key",
        "lait_key_indicators_herefordshire_comparators.csv",
        "DfE Local Authority Interactive Tool (LAIT): key measures for Herefordshire's statistical "
        "neighbours",
        "Department for Education",
        "2026-04-08",
        f"{OGL} (data); MIT (LAIT code)",
        f"{LAIT_REPO}/tree/{LAIT_COMMIT}/01_data/02_prod",
        "44 key measures for Herefordshire, England, West Midlands and the 17 LAs in its two SN lists",
    ),
    (
        "pack_lait_dictionary",
        "lait_data_dictionary_subset.csv",
        "DfE LAIT data dictionary",
        "Department for Education",
        "2026-04-08",
        f"{OGL} (data); MIT (LAIT code)",
        f"{LAIT_REPO}/blob/{LAIT_COMMIT}/01_data/02_prod/lait_data_dictionary.csv",
        "Measure codes, titles, units, polarity, year type and definitions",
    ),
    (
        "pack_ees_cla",
        "dfe_cla_number_and_rate_per_10k_2021_2025.csv",
        "Children looked after in England including adoptions: number and rate per 10,000 (EES)",
        "Department for Education",
        None,
        OGL,
        f"{CSC_REPO}/tree/{CSC_COMMIT}/data-raw",
        "Children looked after at 31 March, starting and ceasing, with counts and population, 2021-2025",
    ),
    (
        "pack_ees_cin_b1",
        "dfe_cin_b1_children_in_need_2013_2025.csv",
        "Characteristics of children in need, table B1: children in need (EES)",
        "Department for Education",
        None,
        OGL,
        f"{CSC_REPO}/tree/{CSC_COMMIT}/data-raw",
        "Children in need episodes: open at 31 March, started, ended, 2013-2025",
    ),
    (
        "pack_ees_cin_c1",
        "dfe_cin_c1_referrals_rereferrals_2013_2025.csv",
        "Characteristics of children in need, table C1: referrals and re-referrals (EES)",
        "Department for Education",
        None,
        OGL,
        f"{CSC_REPO}/tree/{CSC_COMMIT}/data-raw",
        "Referrals, re-referrals within 12 months, no further action, assessed not in need, 2013-2025",
    ),
    (
        "pack_ees_cin_d3",
        "dfe_cin_d3_cpp_subsequent_plans_2013_2025.csv",
        "Characteristics of children in need, table D3: second or subsequent child protection plans (EES)",
        "Department for Education",
        None,
        OGL,
        f"{CSC_REPO}/tree/{CSC_COMMIT}/data-raw",
        "Child protection plans starting in the year and those that were a second or subsequent plan",
    ),
    (
        "pack_ees_cin_d5",
        "dfe_cin_d5_cpp_at_31march_by_duration_2013_2025.csv",
        "Characteristics of children in need, table D5: child protection plans at 31 March by duration (EES)",
        "Department for Education",
        None,
        OGL,
        f"{CSC_REPO}/tree/{CSC_COMMIT}/data-raw",
        "Children subject to a child protection plan at 31 March, by length of time on the plan",
    ),
    (
        "pack_ons_mye",
        "ons_mye_children_0_17_2012_2024.csv",
        "ONS mid-year population estimates: children aged 0 to 17 (via EES)",
        "Office for National Statistics",
        None,
        OGL,
        f"{CSC_REPO}/tree/{CSC_COMMIT}/data-raw",
        "Denominators for rates per 10,000 children (DfE uses the previous year's estimate)",
    ),
    (
        "pack_ees_workforce",
        "dfe_csc_workforce_indicators_2017_2025.csv",
        "Children's social work workforce: indicators (EES)",
        "Department for Education",
        None,
        OGL,
        f"{CSC_REPO}/tree/{CSC_COMMIT}/data-raw",
        "Social workers in post, starters, leavers, turnover, agency, vacancies, caseloads, absence",
    ),
    (
        "pack_ees_ks2",
        "dfe_outcomes_cin_cla_ks2.csv",
        "Outcomes for children in need, including children looked after: key stage 2 (EES)",
        "Department for Education",
        None,
        OGL,
        f"{CSC_REPO}/tree/{CSC_COMMIT}/data-raw",
        "KS2 attainment by social care group (CIN, CPP, CLA 12 months)",
    ),
    (
        "pack_ees_ks4",
        "dfe_outcomes_cin_cla_ks4.csv",
        "Outcomes for children in need, including children looked after: key stage 4 (EES)",
        "Department for Education",
        None,
        OGL,
        f"{CSC_REPO}/tree/{CSC_COMMIT}/data-raw",
        "KS4 attainment by social care group (CIN, CPP, CLA 12 months)",
    ),
    (
        "pack_ees_absence",
        "dfe_outcomes_cin_cla_absence.csv",
        "Outcomes for children in need, including children looked after: absence (EES)",
        "Department for Education",
        None,
        OGL,
        f"{CSC_REPO}/tree/{CSC_COMMIT}/data-raw",
        "Overall and persistent absence by social care group (all school types)",
    ),
    (
        "pack_sn_hfd",
        "herefordshire_statistical_neighbours.csv",
        "Herefordshire's statistical neighbours: DfE models April 2021 and May 2025",
        "Department for Education",
        None,
        OGL,
        f"{LAIT_REPO}/tree/{LAIT_COMMIT}/01_data/02_prod",
        "The ten statistical neighbours in each model, with closeness",
    ),
    (
        "pack_sn_2025",
        "dfe_statistical_neighbours_2025_all_las.csv",
        "DfE children's services statistical neighbour model, May 2025 (all LAs)",
        "Department for Education",
        None,
        OGL,
        f"{CSC_REPO}/tree/{CSC_COMMIT}/data-raw",
        "Cross-check of Herefordshire's 2025 list",
    ),
    (
        "pack_sn_2021",
        "dfe_statistical_neighbours_2021_all_las.csv",
        "DfE children's services statistical neighbour groupings, April 2021 (all LAs)",
        "Department for Education",
        None,
        OGL,
        f"{CSC_REPO}/tree/{CSC_COMMIT}/data-raw",
        "Cross-check of Herefordshire's 2021 list",
    ),
    (
        "pack_imd2019_la",
        "imd2019_england_ltla23_summary.csv",
        "English Indices of Deprivation 2019: local authority summaries (LTLA 2023 boundaries)",
        "Ministry of Housing, Communities and Local Government",
        "2019-09-26",
        f"{OGL} (data); MIT (humaniverse/IMD)",
        "https://github.com/humaniverse/IMD/tree/2f6c9050afee99a40041eb63b02b6b0c58850704/data",
        "LA-level IMD 2019 average score, proportion of LSOAs in the most deprived 10%, extent",
    ),
    (
        "pack_imd2025_la",
        "imd2025_england_ltla24_summary.csv",
        "English Indices of Deprivation 2025: local authority summaries (LTLA 2024 boundaries)",
        "Ministry of Housing, Communities and Local Government",
        "2025-10-30",
        f"{OGL} (data); MIT (humaniverse/IMD)",
        "https://github.com/humaniverse/IMD/tree/2f6c9050afee99a40041eb63b02b6b0c58850704/data",
        "LA-level IoD 2025 average score and rank, proportion of LSOAs in the most deprived 10%, extent",
    ),
]
FILE_OF = {sid: f for sid, f, *_ in SOURCES}

# ------------------------------------------------------------------------------------------- indicators
LAIT_PERIOD_TYPE = {
    "Academic Year": "academic year",
    "Financial Year": "financial year",
    "Calendar Year": "calendar year",
    "Annual (end of Sept)": "30 September snapshot",
    "Annual - January": "January census",
    "Annual": "31 March snapshot",
}
POLARITY = {"High": "high is good", "Low": "low is good"}
TOPIC_ECM = {
    "Health and Wellbeing": "Be healthy",
    "Children Looked After": "Stay safe",
    "Children in Need": "Stay safe",
    "Child Protection": "Stay safe",
    "Adoption": "Stay safe",
    "Key Stage 2": "Enjoy and achieve",
    "Key Stage 4": "Enjoy and achieve",
    "Key Stage 5": "Enjoy and achieve",
    "Key Stage 1 and Phonics": "Enjoy and achieve",
    "Foundation Stage": "Enjoy and achieve",
    "Early Years": "Enjoy and achieve",
    "All Pupil Absence & Exclusions": "Enjoy and achieve",
    "Children with SEN": "Enjoy and achieve",
    "Attainment by age 19": "Achieve economic well-being",
    "Further & Higher Education": "Achieve economic well-being",
    "Economic Factors": "Achieve economic well-being",
    "Youth Offending": "Make a positive contribution",
    "Children's Service Finance": "Service management",
    "Children's Services Workforce": "Service management",
}
DEMAND = ["LAC", "LACnum", "CPP_rate", "CPP_Num", "CIN", "cin_count"]
KS2_CAVEAT = "KS2 assessments were not published for 2020 and 2021 (COVID-19): shown as not published."
KS4_CAVEAT = (
    "KS4 results for 2020 and 2021 were based on centre- and teacher-assessed grades and are not "
    "comparable with other years."
)
CIN_CAVEAT = "Herefordshire's 2024 children in need return was flagged low reliability (u) by DfE."
FTE_CAVEAT = (
    "The LAIT England row for this measure is not a rate per 100,000 (an order of magnitude above "
    "every region); it is withheld (status x) and not shown as a comparator."
)
CUMBRIA_CAVEAT = (
    "Cumbria (April 2021 SN list) was abolished on 1 April 2023: its figures end in 2023; "
    "Westmorland and Furness (May 2025 list) starts in 2024."
)

SOC = {"CINO at 31 March": "cin", "CPPO at 31 March": "cpp", "CLA 12 months at 31 March": "cla"}
SOC_NAME = {
    "cin": "children in need at 31 March",
    "cpp": "children on a child protection plan at 31 March",
    "cla": "children looked after continuously for 12 months at 31 March",
}
R10K = "rate per 10,000 children aged 0-17"


def _own_indicators() -> list[dict]:
    """Indicators for EES tables that LAIT lacks (snake_case ids)."""
    rows = []

    def add(iid, name, definition, unit, polarity, ecm, topic, ptype, dec, mult=None, caveat=None, link=None):
        rows.append(
            dict(
                indicator_id=iid,
                name=name,
                definition=definition,
                unit=unit,
                polarity=polarity,
                ecm_outcome=ecm,
                topic=topic,
                period_type=ptype,
                decimals=dec,
                multiplier=mult,
                caveat=caveat,
                source_link=link,
                origin="project",
            )
        )

    ees = "https://explore-education-statistics.service.gov.uk/find-statistics/characteristics-of-children-in-need"
    for iid, band in [
        ("cpp_dur_3m_or_less_pct", "3 months or less"),
        ("cpp_dur_3_6m_pct", "more than 3 months and up to 6 months"),
        ("cpp_dur_6_12m_pct", "more than 6 months and less than 1 year"),
        ("cpp_dur_1_2y_pct", "1 year and less than 2 years"),
        ("cpp_dur_2y_plus_pct", "2 years or more"),
    ]:
        add(
            iid,
            f"Child protection plans at 31 March lasting {band} (%)",
            f"Children subject to a child protection plan at 31 March whose plan had lasted {band}, as a % "
            "of "
            "all children on a plan at 31 March (DfE CIN table D5)",
            "%",
            "no judgement",
            "Stay safe",
            "Child protection",
            "31 March snapshot",
            1,
            100,
            None,
            ees,
        )
    edu = "https://explore-education-statistics.service.gov.uk/find-statistics/outcomes-for-children-in-need-including-children-looked-after-by-local-authorities-in-england"
    for g, gname in SOC_NAME.items():
        add(
            f"ks2_rwm_exp_{g}",
            f"KS2 reading, writing and maths at expected standard: {gname} (%)",
            f"Pupils at the end of KS2 who are {gname} meeting the expected standard in reading, writing and "
            "maths (DfE outcomes for children in need)",
            "%",
            "high is good",
            "Enjoy and achieve",
            "Key Stage 2",
            "academic year",
            0,
            100,
            KS2_CAVEAT,
            edu,
        )
        add(
            f"ks4_att8_{g}",
            f"KS4 average Attainment 8 score: {gname}",
            f"Average Attainment 8 score per pupil at the end of KS4 for {gname} (DfE outcomes for "
            "children in "
            "need)",
            "average score",
            "high is good",
            "Enjoy and achieve",
            "Key Stage 4",
            "academic year",
            1,
            None,
            KS4_CAVEAT,
            edu,
        )
        add(
            f"ks4_basics94_{g}",
            f"KS4 grade 4 or above in English and maths: {gname} (%)",
            f"Pupils at the end of KS4 who are {gname} achieving grade 4 or above in English and maths",
            "%",
            "high is good",
            "Enjoy and achieve",
            "Key Stage 4",
            "academic year",
            1,
            100,
            KS4_CAVEAT,
            edu,
        )
        add(
            f"abs_overall_{g}",
            f"Overall absence: {gname} (%)",
            f"Sessions missed through overall absence as a % of possible sessions, pupils who are {gname}, "
            "all "
            "school types (six half terms)",
            "% of sessions",
            "low is good",
            "Enjoy and achieve",
            "Absence",
            "academic year",
            1,
            100,
            None,
            edu,
        )
        add(
            f"abs_persistent_{g}",
            f"Persistent absence: {gname} (%)",
            f"Pupils missing 10% or more of possible sessions, as a % of pupils who are {gname}, all school "
            "types (six half terms)",
            "% of pupils",
            "low is good",
            "Enjoy and achieve",
            "Absence",
            "academic year",
            1,
            100,
            None,
            edu,
        )
    for iid, name, a, b, unit, dec, cav in GAPS:
        add(
            iid,
            name,
            f"{a} minus {b} (LAIT measures), computed by the project for every area and year where "
            "both are published; a smaller gap is better",
            unit,
            "low is good",
            "Enjoy and achieve",
            "Key Stage 2" if "ks2" in iid else "Key Stage 4",
            "academic year",
            dec,
            None,
            cav,
        )
    iod = "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2025"
    iod19 = "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2019"
    ctx = "Deprivation"
    add(
        "imd2019_avg_score",
        "IMD 2019: average score",
        "Population-weighted average of the IMD 2019 scores of the area's LSOAs (higher = more deprived)",
        "score",
        "no judgement",
        None,
        ctx,
        "index release",
        1,
        None,
        None,
        iod19,
    )
    add(
        "imd2019_rank_avg_score",
        "IMD 2019: rank of average score",
        "Rank of the IMD 2019 average score among "
        "the 296 lower-tier local authorities (2023 boundaries); 1 = most deprived",
        "rank of 296",
        "no judgement",
        None,
        ctx,
        "index release",
        0,
        None,
        "Ranked by the project from the LA summary file (296 LTLAs on 2023 boundaries); the official 2019 "
        "ranks were of 317 LTLAs on 2019 boundaries.",
        iod19,
    )
    add(
        "imd2019_prop_lsoa_10pct",
        "IMD 2019: LSOAs in the most deprived 10% nationally (%)",
        "Proportion of the area's LSOAs in the most deprived 10% of LSOAs in England",
        "% of LSOAs",
        "no judgement",
        None,
        ctx,
        "index release",
        1,
        100,
        None,
        iod19,
    )
    add(
        "imd2019_extent",
        "IMD 2019: extent (%)",
        "Proportion of the population living in the most deprived LSOAs (the IoD 'extent' measure)",
        "% of population",
        "no judgement",
        None,
        ctx,
        "index release",
        1,
        100,
        None,
        iod19,
    )
    add(
        "imd2025_avg_score",
        "IMD 2025: average score",
        "Population-weighted average of the IMD 2025 scores of the area's LSOAs (higher = more deprived)",
        "score",
        "no judgement",
        None,
        ctx,
        "index release",
        1,
        None,
        None,
        iod,
    )
    add(
        "imd2025_rank_avg_score",
        "IMD 2025: rank of average score",
        "Rank of the IMD 2025 average score among 296 lower-tier local authorities; 1 = most deprived",
        "rank of 296",
        "no judgement",
        None,
        ctx,
        "index release",
        0,
        None,
        None,
        iod,
    )
    add(
        "imd2025_avg_rank",
        "IMD 2025: average rank",
        "Population-weighted average of the IMD 2025 ranks of the area's LSOAs (1 = most deprived)",
        "rank",
        "no judgement",
        None,
        ctx,
        "index release",
        0,
        None,
        None,
        iod,
    )
    add(
        "imd2025_rank_avg_rank",
        "IMD 2025: rank of average rank",
        "Rank of the IMD 2025 average rank among 296 lower-tier local authorities; 1 = most deprived",
        "rank of 296",
        "no judgement",
        None,
        ctx,
        "index release",
        0,
        None,
        None,
        iod,
    )
    add(
        "imd2025_prop_lsoa_10pct",
        "IMD 2025: LSOAs in the most deprived 10% nationally (%)",
        "Proportion of the area's LSOAs in the most deprived 10% of LSOAs in England",
        "% of LSOAs",
        "no judgement",
        None,
        ctx,
        "index release",
        1,
        100,
        None,
        iod,
    )
    add(
        "imd2025_rank_prop_lsoa_10pct",
        "IMD 2025: rank of proportion of LSOAs in the most deprived 10%",
        "Rank among 296 lower-tier local authorities; 1 = highest proportion",
        "rank of 296",
        "no judgement",
        None,
        ctx,
        "index release",
        0,
        None,
        None,
        iod,
    )
    add(
        "imd2025_extent",
        "IMD 2025: extent (%)",
        "Proportion of the population living in the most deprived LSOAs (the IoD 'extent' measure)",
        "% of population",
        "no judgement",
        None,
        ctx,
        "index release",
        1,
        100,
        None,
        iod,
    )
    return rows


# EES value mappings: (indicator_id, value column, numerator column, denominator column)
CLA_MAP = {
    "Children looked after on 31 March each year": [
        ("LAC", "rate_per_10000", "children_count", "population_estimate"),
        ("LACnum", "children_count", None, None),
    ],
    "Children starting to be looked after each year": [
        ("LAC_Start_Rate", "rate_per_10000", "children_count", "population_estimate"),
        ("LACnum_Start", "children_count", None, None),
    ],
    "Children ceasing to be looked after each year": [
        ("LAC_Cease_Rate", "rate_per_10000", "children_count", "population_estimate"),
        ("LACceased", "children_count", None, None),
    ],
}
B1_MAP = [("cin_count", "At31_episodes", "At31_episodes", "@pop")]
C1_MAP = [
    ("CPP_Total_NumRef", "referral_count", None, None),
    ("ReReferral", "rereferral_percent", "rereferral_count", "referral_count"),
    ("CIN_Refferals_NFA", "no_further_action_percent", "no_further_action_count", "referral_count"),
    ("Referrals_AssessedNotNeed", "not_in_need_percent", "not_in_need_count", "referral_count"),
]
D3_MAP = [
    ("CPP_Abuse", "CPP_start", None, None),
    ("ReRegCPR", "CPP_subsequent", None, None),
    ("PrevRegCPR", "CPP_subsequent_percent", "CPP_subsequent", "CPP_start"),
]
D5_MAP = [
    ("CPP_Num", "CPP_At31", None, None),
    ("cpp_dur_3m_or_less_pct", "3_months_or_less_percent", "3_months_or_less", "CPP_At31"),
    ("cpp_dur_3_6m_pct", "more_than_3_months_6_months_percent", "more_than_3_months_6_months", "CPP_At31"),
    (
        "cpp_dur_6_12m_pct",
        "more_than_6_months_less_than_1_year_percent",
        "more_than_6_months_less_than_1_year",
        "CPP_At31",
    ),
    ("cpp_dur_1_2y_pct", "1_year_less_than_2_years_percent", "1_year_less_than_2_years", "CPP_At31"),
    ("cpp_dur_2y_plus_pct", "2_years_or_more_percent", "2_years_or_more", "CPP_At31"),
]
WF_MAP = [
    ("Work_Force_NoSW", "inpost_fte"),
    ("Work_Force_Vac_Rate", "vacancy_rate_fte"),
    ("Work_Force_TO_Rate", "turnover_rate_fte"),
    ("Work_Force_Agecy_Rate", "agency_rate_fte"),
    ("Work_Force_AgencyCover", "agency_cover_rate_fte"),
    ("Vacancies_cover", "vacancy_agency_cover_rate_fte"),
    ("Work_Force_SWAbsence", "absence_rate_fte"),
    ("Work_Force_Num_CaseHeld", "cases"),
    ("Work_Force_AvgNumCase_SW", "caseload_fte"),
    ("Social_Work_Starters", "starters_fte"),
    ("Social_Work_Leavers", "leavers_fte"),
]
WF_MAP = [(i, v, None, None) for i, v in WF_MAP]
KS2_MAP = [
    (
        "ks2_rwm_exp_{g}",
        "pt_rwm_met_expected_standard",
        "t_rwm_met_expected_standard",
        "t_rwm_eligible_pupils",
    )
]
KS4_MAP = [
    ("ks4_att8_{g}", "avg_att8", "t_att8", "t_pupils"),
    ("ks4_basics94_{g}", "pt_l2basics_94", "t_l2basics_94", "t_pupils"),
]
ABS_MAP = [
    ("abs_overall_{g}", "pt_overall", "t_sess_overall", "t_sess_possible"),
    ("abs_persistent_{g}", "pt_pupils_pa_10_exact", "t_pupils_pa_10_exact", "t_pupils"),
]

EES_COLS = [
    "time_period",
    "geographic_level",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
]

# disadvantage gaps computed from two LAIT measures: (id, name, minuend, subtrahend, unit, decimals, caveat)
GAPS = [
    (
        "ks2_rwm_disadvantage_gap",
        "KS2 reading, writing and maths: disadvantage gap (percentage points)",
        "NonDAP_NEW_KS2_RWM",
        "DAP_NEW_KS2_RWM",
        "percentage points",
        0,
        KS2_CAVEAT,
    ),
    (
        "ks4_att8_disadvantage_gap",
        "KS4 Attainment 8: disadvantage gap (points)",
        "NonDAP_KS4_ATT8",
        "DAP_KS4_ATT8",
        "Attainment 8 points",
        1,
        KS4_CAVEAT,
    ),
]

FALLBACK_LA = {
    "909": ("E10000006", "Cumbria", "E12000002"),
    "943": ("E06000064", "Westmorland and Furness", "E12000002"),
}


# ---------------------------------------------------------------------------------------------- helpers
def _err(msg: str):
    from data.buildkit import BuildError

    return BuildError(msg)


def _read(path: Path, required: list[str]) -> pd.DataFrame:
    """A pack CSV as text; fail naming the file when it is unreadable or lacks a column."""
    if not path.is_file():
        raise _err(f"{path}: missing from the public data pack")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, csv.Error, ValueError) as e:
        raise _err(f"{path.name}: cannot be read as a UTF-8 CSV ({e})") from e
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise _err(
            f"{path.name}: missing column(s) {', '.join(missing)} (header: {', '.join(df.columns[:8])}...)"
        )
    for c in required:
        df[c] = df[c].astype(str).str.strip()
    return df


def _numbers(df: pd.DataFrame, col: str, fname: str, symbols: dict[str, str]) -> tuple[pd.Series, pd.Series]:
    """(value, status) for a column of numbers or published symbols; anything else names file and row."""
    s = df[col].astype(str).str.strip()
    v = pd.to_numeric(s, errors="coerce")
    sym = s.map(symbols)
    bad = v.isna() & sym.isna()
    if bad.any():
        i = bad.idxmax()
        raise _err(
            f"{fname}: row {int(i) + 2}, column {col!r}: {s[i]!r} is neither a number nor a "
            f"published symbol ({', '.join(sorted(symbols))})"
        )
    v = v.where(sym.isna())
    return v.astype(float), sym.where(v.isna())


def _ymd(y: int, m: int, d: int) -> date:
    return date(y, m, d)


_P_YEAR = re.compile(r"^(\d{4})(?:\s*\((?:Rev|Final|prov|OT)\))?$", re.I)
_P_RANGE = re.compile(r"^(\d{4})[-/](\d{2})(?:\s*\((?:Rev|Final|prov|OT)\))?$", re.I)
_P_MULTI = re.compile(r"^(\d{4})/\d{2}-(\d{2})/(\d{2})$")
_P_EES = re.compile(r"^(\d{4})(\d{2})$")


def period_dates(label: str, ptype: str | None) -> tuple[date | None, date | None]:
    """Start and end dates of a published period label for the indicator's period type.

    A plain year is the year the period ends; ranges give their first and last years."""
    label = (label or "").strip()
    ptype = LAIT_PERIOD_TYPE.get((ptype or "").strip(), ptype or "").lower()
    m = _P_YEAR.match(label)
    if m:
        y = int(m.group(1))
        y0 = y1 = y
    elif _P_RANGE.match(label):
        m = _P_RANGE.match(label)
        y0 = int(m.group(1))
        y1 = int(m.group(1)[:2] + m.group(2))
        if y1 < y0:
            y1 += 100
    elif _P_MULTI.match(label):
        m = _P_MULTI.match(label)
        y0 = int(m.group(1))
        y1 = int(m.group(1)[:2] + m.group(3))
    elif _P_EES.match(label) and int(_P_EES.match(label).group(2)) == (int(label[:4]) + 1) % 100:
        y0, y1 = int(label[:4]), int(label[:4]) + 1
    else:
        return None, None
    plain = y0 == y1
    if "31 march" in ptype:
        return _ymd(y1, 3, 31) if plain else _ymd(y0, 4, 1), _ymd(y1, 3, 31)
    if "financial" in ptype:
        return _ymd(y1 - 1 if plain else y0, 4, 1), _ymd(y1, 3, 31)
    if "academic" in ptype:
        return _ymd(y1 - 1 if plain else y0, 9, 1), _ymd(y1, 8, 31)
    if "september" in ptype:
        return _ymd(y1, 9, 30) if plain else _ymd(y0, 10, 1), _ymd(y1, 9, 30)
    if "january" in ptype:
        return _ymd(y0, 1, 1), _ymd(y1, 1, 31)
    if "mid-year" in ptype or "30 june" in ptype:
        return _ymd(y1, 6, 30) if plain else _ymd(y0, 7, 1), _ymd(y1, 6, 30)
    return _ymd(y0, 1, 1), _ymd(y1, 12, 31)  # calendar year, or no type given


def _ees_label(tp: pd.Series) -> pd.Series:
    """EES time_period: 2025 stays '2025'; 202425 becomes '2024/25'."""
    return tp.where(tp.str.len() != 6, tp.str[:4] + "/" + tp.str[4:])


# ----------------------------------------------------------------------------------------------- pieces
def _upsert_areas(con, df: pd.DataFrame) -> int:
    """Add areas not already present (reference rows win). Same rule as common.upsert_areas, but every
    result is fetched (DuckDB 2 refuses to unregister a view while a result is pending)."""
    if df.empty:
        return 0
    before = con.execute("SELECT count(*) FROM areas").fetchall()[0][0]
    con.register("_pack_areas", df)
    try:
        cols = ", ".join(df.columns)
        con.execute(
            f"INSERT INTO areas ({cols}) SELECT {cols} FROM _pack_areas "
            "WHERE area_code NOT IN (SELECT area_code FROM areas) "
            "QUALIFY row_number() OVER (PARTITION BY area_code) = 1"
        ).fetchall()
    finally:
        con.unregister("_pack_areas")
    return con.execute("SELECT count(*) FROM areas").fetchall()[0][0] - before


def _la_map(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """old_la_code -> latest ONS code, name, region, earlier codes (from every EES file)."""
    rows = []
    for _f, df in frames.items():
        la = df[df["geographic_level"] == "Local authority"]
        rows.append(
            la[["time_period", "old_la_code", "new_la_code", "la_name", "region_code", "region_name"]]
        )
    la = pd.concat(rows, ignore_index=True)
    la = la[la["old_la_code"] != ""]
    la["tp"] = la["time_period"].str[:4].astype(int)
    la = la.sort_values(["old_la_code", "tp"])
    latest = la.groupby("old_la_code").last().reset_index()
    earlier = (la.groupby("old_la_code")["new_la_code"].agg(lambda s: sorted(set(s)))).rename("codes")
    latest = latest.merge(earlier, on="old_la_code")
    for old, (code, name, region) in FALLBACK_LA.items():
        if old not in set(latest["old_la_code"]):
            latest.loc[len(latest)] = dict(
                old_la_code=old,
                new_la_code=code,
                la_name=name,
                region_code=region,
                region_name="North West",
                codes=[code],
                time_period="",
                tp=0,
            )
    return latest


def _areas_frame(la: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    out = []
    for r in la.itertuples():
        notes = []
        others = [c for c in r.codes if c != r.new_la_code]
        if others:
            notes.append(
                f"ONS code {r.new_la_code} used for all years (DfE files give {', '.join(others)} "
                "before the 2023 reorganisation)"
            )
        if r.old_la_code == "909":
            notes.append(
                "abolished 1 April 2023 (split into Cumberland and Westmorland and Furness); "
                "figures end in 2023"
            )
        if r.old_la_code == "943":
            notes.append("created 1 April 2023 from part of Cumbria; figures from 2024")
        out.append(
            dict(
                area_code=r.new_la_code,
                area_name=r.la_name,
                area_type="local authority",
                parent_code=r.region_code or None,
                old_la_code=r.old_la_code,
                note="; ".join(notes) or None,
            )
        )
    for r in regions.itertuples():
        out.append(
            dict(
                area_code=r.region_code,
                area_name=r.region_name,
                area_type="region",
                parent_code=ENGLAND,
                old_la_code=None,
                note="Government Office region",
            )
        )
    return pd.DataFrame(out)


def _ees_obs(
    df: pd.DataFrame,
    fname: str,
    source_id: str,
    mapping,
    code_of: dict[str, str],
    pop: pd.DataFrame | None = None,
    note: pd.Series | None = None,
) -> pd.DataFrame:
    """Long observations from an EES frame for a list of (indicator, value, numerator, denominator)
    columns."""
    lvl = df["geographic_level"]
    unknown = ~lvl.isin(["National", "Regional", "Local authority"])
    if unknown.any():
        i = unknown.idxmax()
        raise _err(f"{fname}: row {int(i) + 2}: unknown geographic_level {lvl[i]!r}")
    area = np.where(
        lvl == "National",
        ENGLAND,
        np.where(lvl == "Regional", df["region_code"], df["old_la_code"].map(code_of)),
    )
    area = pd.Series(area, index=df.index)
    if area.isna().any():
        i = area.isna().idxmax()
        raise _err(
            f"{fname}: row {int(i) + 2}: local authority code {df['old_la_code'][i]!r} has no ONS code"
        )
    label = _ees_label(df["time_period"])
    syms = {s: s for s in SYMBOLS}
    frames = []
    for iid, vcol, ncol, dcol in mapping:
        v, st = _numbers(df, vcol, fname, syms)
        num = _numbers(df, ncol, fname, syms)[0] if ncol else pd.Series(np.nan, index=df.index)
        if dcol == "@pop":
            key = pd.DataFrame({"area_code": area, "pop_year": label.str[:4].astype(int) - 1})
            den = key.merge(pop, on=["area_code", "pop_year"], how="left")["pop"].set_axis(df.index)
        elif dcol:
            den = _numbers(df, dcol, fname, syms)[0]
        else:
            den = pd.Series(np.nan, index=df.index)
        frames.append(
            pd.DataFrame(
                {
                    "indicator_id": iid,
                    "area_code": area,
                    "period_label": label,
                    "value": v,
                    "status": st,
                    "numerator": num,
                    "denominator": den,
                    "source_id": source_id,
                    "note": note if note is not None else None,
                    "_prio": 1,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


# ------------------------------------------------------------------------------------------------- load
def load(con, ctx):
    from data.buildkit import Step

    sd = ctx.stats_dir
    if sd is None or not Path(sd).is_dir():
        return [
            Step(
                STEP,
                str(sd or "PUBLIC_DATA_DIR/stats"),
                0,
                "skipped",
                "public data pack not found: no comparators, SN lists, 2013-2025 trend or IMD",
            )
        ]
    sd = Path(sd)
    steps: list[Step] = []

    def log(source_id: str, rows: int, msg: str = ""):
        steps.append(Step(STEP, FILE_OF.get(source_id, source_id), rows, "loaded", msg))

    # --- sources
    src = pd.DataFrame(
        [
            dict(
                source_id=s,
                file_name=f,
                title=t,
                kind="publication",
                publisher=p,
                published_date=d,
                licence=lic,
                url=u,
                purpose=pur,
                note="read in place from the public data pack (PUBLIC_DATA_DIR/stats); see SOURCES.md",
            )
            for s, f, t, p, d, lic, u, pur in SOURCES
        ]
    )
    known_src = {r[0] for r in con.execute("SELECT source_id FROM sources").fetchall()}
    insert(con, "sources", src[~src.source_id.isin(known_src)], "public pack sources")

    # --- read the EES files (areas come from them)
    ees_specs = {
        "pack_ees_cla": ["population_type", "population_estimate", "children_count", "rate_per_10000"],
        "pack_ees_cin_b1": ["At31_episodes"],
        "pack_ees_cin_c1": [
            "referral_count",
            "rereferral_count",
            "rereferral_percent",
            "no_further_action_count",
            "no_further_action_percent",
            "not_in_need_count",
            "not_in_need_percent",
        ],
        "pack_ees_cin_d3": ["CPP_start", "CPP_subsequent", "CPP_subsequent_percent"],
        "pack_ees_cin_d5": sorted({c for _, v, n, d in D5_MAP for c in (v, n, d) if c}),
        "pack_ons_mye": ["age_group", "population_estimate"],
        "pack_ees_workforce": [v for _, v, _, _ in WF_MAP],
        "pack_ees_ks2": ["social_care_group", "version"] + [c for m in KS2_MAP for c in m[1:]],
        "pack_ees_ks4": ["social_care_group", "version"] + [c for m in KS4_MAP for c in m[1:]],
        "pack_ees_absence": ["social_care_group", "phase_type_grouping"]
        + [c for m in ABS_MAP for c in m[1:]],
    }
    ees = {sid: _read(sd / FILE_OF[sid], EES_COLS + cols) for sid, cols in ees_specs.items()}
    for sid, df in ees.items():
        bad = ~df["time_period"].str.fullmatch(r"\d{4}(\d{2})?")
        if bad.any():
            i = bad.idxmax()
            raise _err(
                f"{FILE_OF[sid]}: row {int(i) + 2}: time_period {df['time_period'][i]!r} is not a year"
            )

    la = _la_map(ees)
    code_of = dict(zip(la.old_la_code, la.new_la_code))
    allrows = pd.concat([d[["region_code", "region_name"]] for d in ees.values()])
    regions = allrows[allrows.region_code != ""].drop_duplicates("region_code")
    n_areas = _upsert_areas(con, _areas_frame(la, regions))
    log("pack_ees_cla", 0, f"{n_areas} areas added ({len(la)} local authorities from the EES files)")

    # --- indicators
    dic = _read(
        sd / FILE_OF["pack_lait_dictionary"],
        [
            "Measure_short",
            "Topic",
            "Measure",
            "Chart_title",
            "y_axis_name",
            "Polarity",
            "Year_Type",
            "dps",
            "Hyperlink(s)",
            "Description",
        ],
    )
    dic = dic[dic.Measure_short != ""].drop_duplicates("Measure_short")
    dps = pd.to_numeric(dic.dps.replace("", np.nan), errors="coerce")
    if (dps.isna() & (dic.dps != "")).any():
        i = (dps.isna() & (dic.dps != "")).idxmax()
        raise _err(f"{FILE_OF['pack_lait_dictionary']}: row {int(i) + 2}: dps {dic.dps[i]!r} is not a number")
    unit = dic.y_axis_name.replace("", "value")
    ul = unit.str.lower()
    mult = np.where(
        ul.str.contains("per 10,000"),
        10000.0,
        np.where(
            ul.str.contains("per 100,000"),
            100000.0,
            np.where(
                ul.str.contains("per 1000") | ul.str.contains("per 1,000"),
                1000.0,
                np.where(ul.str.startswith("%"), 100.0, np.nan),
            ),
        ),
    )
    ind = pd.DataFrame(
        {
            "indicator_id": dic.Measure_short,
            "name": dic.Chart_title.where(dic.Chart_title != "", dic.Measure),
            "definition": dic.Description.replace("", None),
            "unit": unit,
            "polarity": dic.Polarity.map(POLARITY).fillna("no judgement"),
            "ecm_outcome": dic.Topic.map(TOPIC_ECM),
            "topic": dic.Topic.replace("", None),
            "period_type": dic.Year_Type.map(LAIT_PERIOD_TYPE),
            "decimals": dps.astype("Int64"),
            "source_link": dic["Hyperlink(s)"].replace("", None),
            "multiplier": mult,
            "caveat": None,
            "origin": "LAIT dictionary",
        }
    )
    ind.loc[ind.indicator_id.isin(DEMAND), "polarity"] = "no judgement"
    ind.loc[ind.topic == "Key Stage 2", "caveat"] = KS2_CAVEAT
    ind.loc[ind.topic == "Key Stage 4", "caveat"] = KS4_CAVEAT
    ind.loc[ind.indicator_id == "CIN", "caveat"] = CIN_CAVEAT
    ind.loc[ind.indicator_id == "FirstYJS", "caveat"] = FTE_CAVEAT
    ind = pd.concat([ind, pd.DataFrame(_own_indicators())], ignore_index=True).drop_duplicates("indicator_id")
    known = {r[0] for r in con.execute("SELECT indicator_id FROM indicators").fetchall()}
    n_ind = insert(con, "indicators", ind[~ind.indicator_id.isin(known)], FILE_OF["pack_lait_dictionary"])
    links = ind[ind.indicator_id.isin(known) & ind.source_link.notna()][["indicator_id", "source_link"]]
    con.register("_links", links)
    con.execute(
        "UPDATE indicators i SET source_link = l.source_link FROM _links l "
        "WHERE i.indicator_id = l.indicator_id AND i.source_link IS NULL"
    )
    con.unregister("_links")
    con.execute(
        "UPDATE indicators SET polarity = 'no judgement' WHERE list_contains($d, indicator_id)", {"d": DEMAND}
    )
    log(
        "pack_lait_dictionary",
        n_ind,
        f"{len(dic)} measures; {len(ind) - len(dic)} project-defined EES/IoD "
        f"indicators; {int(ind.indicator_id.isin(known).sum())} already defined by the project kept",
    )

    # --- ONS population (also the denominators)
    ons = ees["pack_ons_mye"]
    ons_obs = _ees_obs(
        ons,
        FILE_OF["pack_ons_mye"],
        "pack_ons_mye",
        [("pop_0_17", "population_estimate", None, None)],
        code_of,
    )
    pop = ons_obs[["area_code", "period_label", "value"]].dropna()
    pop = pd.DataFrame(
        {"area_code": pop.area_code, "pop_year": pop.period_label.astype(int), "pop": pop.value}
    )

    # --- EES observations
    obs = [ons_obs]
    obs.append(
        pd.concat(
            [
                _ees_obs(
                    ees["pack_ees_cla"][ees["pack_ees_cla"].population_type == pt],
                    FILE_OF["pack_ees_cla"],
                    "pack_ees_cla",
                    m,
                    code_of,
                )
                for pt, m in CLA_MAP.items()
            ]
        )
    )
    b1 = ees["pack_ees_cin_b1"]
    obs.append(_ees_obs(b1, FILE_OF["pack_ees_cin_b1"], "pack_ees_cin_b1", B1_MAP, code_of, pop))
    obs.append(
        _ees_obs(ees["pack_ees_cin_c1"], FILE_OF["pack_ees_cin_c1"], "pack_ees_cin_c1", C1_MAP, code_of)
    )
    obs.append(
        _ees_obs(ees["pack_ees_cin_d3"], FILE_OF["pack_ees_cin_d3"], "pack_ees_cin_d3", D3_MAP, code_of)
    )
    obs.append(
        _ees_obs(ees["pack_ees_cin_d5"], FILE_OF["pack_ees_cin_d5"], "pack_ees_cin_d5", D5_MAP, code_of)
    )
    obs.append(
        _ees_obs(
            ees["pack_ees_workforce"], FILE_OF["pack_ees_workforce"], "pack_ees_workforce", WF_MAP, code_of
        )
    )
    for sid, mapping in (("pack_ees_ks2", KS2_MAP), ("pack_ees_ks4", KS4_MAP), ("pack_ees_absence", ABS_MAP)):
        df = ees[sid]
        if "phase_type_grouping" in df:
            df = df[df.phase_type_grouping == "Total"]
        grp = df.social_care_group.map(SOC)
        if grp.isna().any():
            i = grp.isna().idxmax()
            raise _err(
                f"{FILE_OF[sid]}: row {int(i) + 2}: unknown social_care_group {df.social_care_group[i]!r}"
            )
        note = ("DfE version: " + df["version"]) if "version" in df else None
        for g in SOC.values():
            sel = grp == g
            m = [(i.format(g=g), v, n, d) for i, v, n, d in mapping]
            obs.append(
                _ees_obs(df[sel], FILE_OF[sid], sid, m, code_of, note=None if note is None else note[sel])
            )
    ees_obs = pd.concat(obs, ignore_index=True)
    for sid in ees:
        log(sid, int((ees_obs.source_id == sid).sum()), f"{len(ees[sid])} rows read")

    # --- LAIT observations (the key file first, so shared rows come from it once)
    lait_cols = ["measure_short", "period", "area", "la_number", "value"]
    lk = _read(sd / FILE_OF["pack_lait_key"], lait_cols + ["area_role", "in_sn_2025", "in_sn_2021"])
    la_all = _read(sd / FILE_OF["pack_lait_all"], lait_cols)
    lait_code = {"970": ENGLAND, "984": WEST_MIDLANDS, **code_of}
    lframes = []
    for sid, df, prio in (("pack_lait_key", lk, 2), ("pack_lait_all", la_all, 3)):
        fname = FILE_OF[sid]
        area = df.la_number.str.replace(r"\.0$", "", regex=True).map(lait_code)
        if area.isna().any():
            i = area.isna().idxmax()
            raise _err(
                f"{fname}: row {int(i) + 2}: la_number {df.la_number[i]!r} ({df.area[i]}) has no ONS code"
            )
        unknown = ~df.measure_short.isin(set(dic.Measure_short))
        if unknown.any():
            i = unknown.idxmax()
            raise _err(
                f"{fname}: row {int(i) + 2}: measure {df.measure_short[i]!r} is not in the LAIT dictionary"
            )
        v, st = _numbers(df, "value", fname, {"-": "x", **{s: s for s in SYMBOLS}})
        note = pd.Series(np.where(df.value == "-", 'not published ("-" in LAIT)', None), index=df.index)
        lframes.append(
            pd.DataFrame(
                {
                    "indicator_id": df.measure_short,
                    "area_code": area,
                    "period_label": df.period,
                    "value": v,
                    "status": st,
                    "numerator": np.nan,
                    "denominator": np.nan,
                    "source_id": sid,
                    "note": note,
                    "_prio": prio,
                }
            )
        )
    lait = pd.concat(lframes, ignore_index=True)
    zero = lait.period_label == "0"
    n_zero = int(zero.sum())
    lait = lait[~zero]

    allobs = pd.concat([ees_obs, lait], ignore_index=True)
    allobs = allobs[allobs.value.notna() | allobs.status.notna()]
    key = ["indicator_id", "area_code", "period_label"]
    allobs = allobs.sort_values(key + ["_prio"], kind="stable")
    # A LAIT value that differs from the EES value it is replaced by goes into the note.
    first = allobs.drop_duplicates(key)
    laitv = allobs[allobs._prio > 1].drop_duplicates(key)[key + ["value", "status"]]
    first = first.merge(laitv, on=key, how="left", suffixes=("", "_lait"))
    differs = (
        (first._prio == 1)
        & first.value_lait.notna()
        & (first.value.isna() | ((first.value - first.value_lait).abs() > 1e-6))
    )
    first.loc[differs, "note"] = first.loc[differs].apply(
        lambda r: "; ".join(x for x in [r.note, f"LAIT gives {r.value_lait:g}"] if isinstance(x, str)), axis=1
    )
    obsdf = first.drop(columns=["value_lait", "status_lait"])

    # --- rates per 10,000: numerator = count, denominator = ONS 0-17 of the previous year
    n_enriched = n_computed = 0
    extra = []
    # rate per 10,000 -> the count indicator that is its numerator (the catalogue's count_indicator column;
    # denominator: ONS 0-17, previous year)
    from data.catalogue import rate_for_count, store_catalogue

    for count_id, rate_id in rate_for_count(store_catalogue(con)).items():
        cnt = obsdf[(obsdf.indicator_id == count_id) & obsdf.value.notna()][
            ["area_code", "period_label", "value", "source_id"]
        ]
        cnt = cnt[cnt.period_label.str.fullmatch(r"\d{4}")]
        cnt = cnt.assign(pop_year=cnt.period_label.astype(int) - 1).merge(pop, on=["area_code", "pop_year"])
        cnt["calc"] = cnt.value / cnt["pop"] * 10000
        rate_mask = obsdf.indicator_id == rate_id
        m = (
            obsdf[rate_mask]
            .reset_index()
            .merge(
                cnt[["area_code", "period_label", "value", "pop", "calc"]],
                on=["area_code", "period_label"],
                how="left",
                suffixes=("", "_cnt"),
            )
        )
        ok = m.numerator.isna() & m.value.notna() & m.calc.notna() & ((m.calc - m.value).abs() <= 0.55)
        idx = m.loc[ok, "index"]
        obsdf.loc[idx, "numerator"] = m.loc[ok, "value_cnt"].to_numpy()
        obsdf.loc[idx, "denominator"] = m.loc[ok, "pop"].to_numpy()
        n_enriched += int(ok.sum())
        have = set(zip(obsdf[rate_mask].area_code, obsdf[rate_mask].period_label))
        new = cnt[[(a, p) not in have for a, p in zip(cnt.area_code, cnt.period_label)]]
        if rate_id in ("CIN", "CPP_rate") and len(new):
            extra.append(
                pd.DataFrame(
                    {
                        "indicator_id": rate_id,
                        "area_code": new.area_code,
                        "period_label": new.period_label,
                        "value": new.calc.round(1),
                        "status": None,
                        "numerator": new.value,
                        "denominator": new["pop"],
                        "source_id": new.source_id,
                        "note": "rate computed by the project: count / ONS 0-17 mid-year estimate of the "
                        "previous year "
                        "x 10,000 (DfE's method); LAIT's series starts in 2016",
                        "_prio": 4,
                    }
                )
            )
            n_computed += len(new)
    if extra:
        obsdf = pd.concat([obsdf] + extra, ignore_index=True)

    # --- disadvantage gaps (non-disadvantaged minus disadvantaged), where both figures are published
    for iid, _name, a_id, b_id, _u, dec, _c in GAPS:
        a = obsdf[(obsdf.indicator_id == a_id) & obsdf.value.notna()]
        b = obsdf[(obsdf.indicator_id == b_id) & obsdf.value.notna()]
        g = a.merge(
            b[["area_code", "period_label", "value"]], on=["area_code", "period_label"], suffixes=("", "_b")
        )
        extra_gap = pd.DataFrame(
            {
                "indicator_id": iid,
                "area_code": g.area_code,
                "period_label": g.period_label,
                "value": (g.value - g.value_b).round(dec + 1),
                "status": None,
                "numerator": np.nan,
                "denominator": np.nan,
                "source_id": g.source_id,
                "note": f"computed by the project: {a_id} minus {b_id}",
                "_prio": 4,
            }
        )
        obsdf = pd.concat([obsdf, extra_gap], ignore_index=True)

    # --- caveats on specific rows
    here24 = (
        (obsdf.area_code == HERE)
        & (obsdf.period_label == "2024")
        & obsdf.indicator_id.isin(["CIN", "cin_count"])
        & obsdf.value.notna()
    )
    obsdf.loc[here24, "status"] = "u"
    obsdf.loc[here24, "note"] = (
        "DfE flags Herefordshire's 2024 children in need return as low reliability (u); "
        "the published figure is kept"
    )
    fte = (obsdf.indicator_id == "FirstYJS") & (obsdf.area_code == ENGLAND) & obsdf.value.notna()
    obsdf.loc[fte, "note"] = obsdf.loc[fte, "value"].map(
        lambda v: (
            f"withheld: LAIT gives {v:g}, which is not a rate per 100,000 (an order of magnitude above every "
            "region); check against Youth Justice Board statistics"
        )
    )
    obsdf.loc[fte, "value"] = np.nan
    obsdf.loc[fte, "status"] = "x"
    ks2 = (
        obsdf.indicator_id.isin(ind.loc[ind.topic == "Key Stage 2", "indicator_id"])
        & obsdf.period_label.isin(["2020", "2021"])
        & obsdf.value.isna()
    )
    obsdf.loc[ks2, "note"] = "KS2 assessments were not held in 2020 and 2021 (COVID-19)"
    ks4 = (
        obsdf.indicator_id.isin(ind.loc[ind.topic == "Key Stage 4", "indicator_id"])
        & obsdf.period_label.isin(["2020", "2021", "2019/20", "2020/21"])
        & obsdf.value.notna()
    )
    obsdf.loc[ks4, "note"] = obsdf.loc[ks4, "note"].map(
        lambda n: "; ".join(
            x
            for x in [n, "centre/teacher-assessed grades (COVID-19): not comparable with other years"]
            if isinstance(x, str)
        )
    )

    # --- IoD LA summaries
    areas_known = {r[0] for r in con.execute("SELECT area_code FROM areas").fetchall()}
    imd19 = _read(sd / FILE_OF["pack_imd2019_la"], ["ltla23_code", "Score", "Proportion", "Extent"])
    s19 = _numbers(imd19, "Score", FILE_OF["pack_imd2019_la"], {})[0]
    imd19 = imd19.assign(
        imd2019_avg_score=s19,
        imd2019_rank_avg_score=s19.rank(ascending=False, method="min"),
        imd2019_prop_lsoa_10pct=_numbers(imd19, "Proportion", FILE_OF["pack_imd2019_la"], {})[0] * 100,
        imd2019_extent=_numbers(imd19, "Extent", FILE_OF["pack_imd2019_la"], {})[0] * 100,
    ).rename(columns={"ltla23_code": "area_code"})
    f25 = FILE_OF["pack_imd2025_la"]
    c25 = {
        "imd2025_avg_score": ("imd_average_score", 1),
        "imd2025_rank_avg_score": ("imd_rank_of_average_score", 1),
        "imd2025_avg_rank": ("imd_average_rank", 1),
        "imd2025_rank_avg_rank": ("imd_rank_of_average_rank", 1),
        "imd2025_prop_lsoa_10pct": ("imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally", 100),
        "imd2025_rank_prop_lsoa_10pct": (
            "imd_rank_of_proportion_of_lso_as_in_most_deprived_10_percent_nationally",
            1,
        ),
        "imd2025_extent": ("imd25_extent", 100),
    }
    imd25 = _read(sd / f25, ["ltla24_code", "ltla24_name"] + [c for c, _ in c25.values()])
    imd25 = imd25.assign(**{k: _numbers(imd25, c, f25, {})[0] * f for k, (c, f) in c25.items()}).rename(
        columns={"ltla24_code": "area_code"}
    )
    imd_frames = []
    for sid, df, cols, label in (
        ("pack_imd2019_la", imd19, [c for c in imd19 if c.startswith("imd2019_")], "IoD 2019"),
        ("pack_imd2025_la", imd25, list(c25), "IoD 2025"),
    ):
        df = df[df.area_code.isin(areas_known)]
        long = df.melt(id_vars=["area_code"], value_vars=cols, var_name="indicator_id", value_name="value")
        long = long.assign(
            period_label=label,
            status=None,
            numerator=np.nan,
            denominator=np.nan,
            source_id=sid,
            note=np.where(
                long.indicator_id == "imd2019_rank_avg_score",
                "ranked by the project among the 296 LTLAs in the file",
                None,
            ),
            _prio=1,
        )
        imd_frames.append(long)
        log(sid, len(long), f"{len(df)} of {len(areas_known)} known areas found")
    obsdf = pd.concat([obsdf] + imd_frames, ignore_index=True)

    # --- periods from the indicator's period type
    ptypes = dict(con.execute("SELECT indicator_id, period_type FROM indicators").fetchall())
    pairs = obsdf[["indicator_id", "period_label"]].drop_duplicates()
    published = dict(con.execute("SELECT source_id, published_date FROM sources").fetchall())
    dates = []
    for iid, lab in pairs.itertuples(index=False):
        if lab.startswith("IoD "):
            d = published.get("pack_imd2019_la" if "2019" in lab else "pack_imd2025_la")
            dates.append((iid, lab, None, d))
            continue
        s, e = period_dates(lab, ptypes.get(iid))
        if e is None:
            raise _err(f"LAIT/EES period {lab!r} for {iid} cannot be read as a year or year range")
        dates.append((iid, lab, s, e))
    dates = pd.DataFrame(dates, columns=["indicator_id", "period_label", "period_start", "period_end"])
    obsdf = obsdf.merge(dates, on=["indicator_id", "period_label"], how="left")

    prefix = obsdf.source_id.str.replace("pack_", "", regex=False)
    obsdf["obs_id"] = prefix + ":" + obsdf.indicator_id + ":" + obsdf.area_code + ":" + obsdf.period_label
    obsdf["value_type"] = "actual"
    missing_area = ~obsdf.area_code.isin(areas_known)
    if missing_area.any():
        raise _err(f"public pack: area {obsdf.area_code[missing_area].iloc[0]} is not in the areas table")
    cols = [
        "obs_id",
        "indicator_id",
        "area_code",
        "period_label",
        "period_start",
        "period_end",
        "value",
        "numerator",
        "denominator",
        "status",
        "value_type",
        "source_id",
        "note",
    ]
    out = obsdf[cols].copy()
    out["status"] = out.status.where(out.status.notna(), None)
    out["note"] = out.note.where(out.note.notna(), None)
    if out.obs_id.duplicated().any():
        raise _err(f"public pack: duplicate observation id {out.obs_id[out.obs_id.duplicated()].iloc[0]}")
    insert(con, "observations", out, "public pack observations")
    for sid in ("pack_lait_key", "pack_lait_all"):
        log(
            sid,
            int((out.obs_id.str.startswith(sid[5:] + ":")).sum()),
            f"{(lait.source_id == sid).sum()} rows read; shared rows loaded once; EES rows win where both"
            + (f"; {n_zero} rows with period '0' skipped" if sid == "pack_lait_all" and n_zero else ""),
        )
    steps.append(
        Step(
            STEP,
            "rates per 10,000",
            n_enriched + n_computed,
            "loaded",
            f"{n_enriched} LAIT/EES rates given numerator and denominator; {n_computed} CIN/CPP rates "
            "for years before LAIT computed",
        )
    )

    # --- statistical neighbour lists
    steps.append(_sn_lists(con, sd, code_of))
    return steps


def _sn_lists(con, sd: Path, code_of: dict[str, str]):
    from data.buildkit import Step

    fname = FILE_OF["pack_sn_hfd"]
    sn = _read(sd / fname, ["model", "rank", "old_la_code", "la_name", "closeness"])
    model = np.where(
        sn.model.str.contains("2025"), "May 2025", np.where(sn.model.str.contains("2021"), "April 2021", None)
    )
    if pd.isna(model).any():
        i = int(np.argmax(pd.isna(model)))
        raise _err(f"{fname}: row {i + 2}: model {sn.model.iloc[i]!r} is neither the 2021 nor the 2025 model")
    rank = _numbers(sn, "rank", fname, {})[0]
    out = pd.DataFrame(
        {
            "model": model,
            "rank": rank.astype(int),
            "old_la_code": sn.old_la_code,
            "la_code": sn.old_la_code.map(code_of),
            "la_name": sn.la_name,
            "closeness": sn.closeness,
        }
    )
    if out.la_code.isna().any():
        i = out.la_code.isna().idxmax()
        raise _err(f"{fname}: row {int(i) + 2}: LA {sn.old_la_code[i]} has no ONS code in the EES files")
    # The rule: the April 2021 model for years up to 2024, the May 2025 model from 2025 (year of period end).
    out["in_force_from"] = np.where(out.model == "May 2025", 2025, None)
    out["in_force_to"] = np.where(out.model == "April 2021", 2024, None)
    # cross-check against the all-LA model files
    f25, f21 = FILE_OF["pack_sn_2025"], FILE_OF["pack_sn_2021"]
    a25 = _read(sd / f25, ["old_la_code"] + [f"SN_{i}" for i in range(1, 11)])
    a21 = _read(sd / f21, ["LA num"] + ["SN1"] + [f"SN{i}" for i in range(2, 11)])
    h25 = a25[a25.old_la_code == "884"]
    h21 = a21[a21["LA num"].str.replace(r"\.0$", "", regex=True) == "884"]
    for f, h, cols, m in (
        (f25, h25, [f"SN_{i}" for i in range(1, 11)], "May 2025"),
        (f21, h21, [f"SN{i}" for i in range(1, 11)], "April 2021"),
    ):
        if h.empty:
            raise _err(f"{f}: no row for Herefordshire (884)")
        listed = [str(x).replace(".0", "") for x in h.iloc[0][cols]]
        mine = out[out.model == m].sort_values("rank").old_la_code.tolist()
        if listed != mine:
            raise _err(f"{f}: Herefordshire's {m} neighbours {listed} differ from {fname} {mine}")
    insert(
        con,
        "sn_lists",
        out[
            [
                "model",
                "rank",
                "la_code",
                "old_la_code",
                "la_name",
                "closeness",
                "in_force_from",
                "in_force_to",
            ]
        ],
        fname,
    )
    return Step(
        STEP,
        fname,
        len(out),
        "loaded",
        "April 2021 list for years to 2024, May 2025 list from 2025; checked against both all-LA model files",
    )
