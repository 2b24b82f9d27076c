"""EES value mappings and the rate/count pairs of the public pack."""

from __future__ import annotations

from data.loaders.pack.meta import KS2_CAVEAT, KS4_CAVEAT

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
