"""Public data pack: sources, constants, caveats and the period types (shared by the pack modules)."""

from __future__ import annotations

ENGLAND, WEST_MIDLANDS, HERE = "E92000001", "E12000005", "E06000019"
SYMBOLS = {"c", "k", "u", "x", "z"}
STEP = "public pack"

LAIT_REPO = "https://github.com/dfe-analytical-services/local-authority-interactive-tool"
LAIT_COMMIT = "2e30e3959a6ab8b2d22941b84764da41a40ac91b"
CSC_REPO = "https://github.com/dfe-analytical-services/CSC_outcomes_and_enablers"
CSC_COMMIT = "2f5d11a431050523dab58810083259d3313029ae"
OGL = "Open Government Licence v3.0"

# ---------------------------------------------------------------------------------------------- sources
# The fields of each SOURCES row, in order.
SOURCE_FIELDS = [
    "source_id",
    "file_name",
    "title",
    "publisher",
    "published_date",
    "licence",
    "url",
    "purpose",
]
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
