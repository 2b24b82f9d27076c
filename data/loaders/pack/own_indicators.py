"""Indicators for the EES tables and IoD summaries that LAIT lacks (snake_case ids), defined once."""

from __future__ import annotations

from data.loaders.columns import INDICATOR_COLS
from data.loaders.pack.maps import GAPS
from data.loaders.pack.meta import KS2_CAVEAT, KS4_CAVEAT, SOC_NAME

ROWS: list[dict] = []


def add(iid, name, definition, unit, polarity, ecm, topic, ptype, dec, mult=None, caveat=None, link=None):
    values = (iid, name, definition, unit, polarity, ecm, topic, ptype, dec, mult, caveat, link, "project")
    ROWS.append(dict(zip([*INDICATOR_COLS, "source_link", "origin"], values, strict=True)))


ees = (
    "https://explore-education-statistics.service.gov.uk/find-statistics/characteristics-of-children-in-need"
)
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
        f"Children subject to a child protection plan at 31 March whose plan had lasted {band}, as a % of "
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
# The outcomes of children in need, one indicator per measure and social-care group ({g} in the name and
# definition): id prefix, name, definition, unit, polarity, topic, decimals, multiplier, caveat.
SOC_MEASURES = [
    (
        "ks2_rwm_exp",
        "KS2 reading, writing and maths at expected standard: {g} (%)",
        "Pupils at the end of KS2 who are {g} meeting the expected standard in reading, writing and "
        "maths (DfE outcomes for children in need)",
        "%",
        "high is good",
        "Key Stage 2",
        0,
        100,
        KS2_CAVEAT,
    ),
    (
        "ks4_att8",
        "KS4 average Attainment 8 score: {g}",
        "Average Attainment 8 score per pupil at the end of KS4 for {g} (DfE outcomes for children in need)",
        "average score",
        "high is good",
        "Key Stage 4",
        1,
        None,
        KS4_CAVEAT,
    ),
    (
        "ks4_basics94",
        "KS4 grade 4 or above in English and maths: {g} (%)",
        "Pupils at the end of KS4 who are {g} achieving grade 4 or above in English and maths",
        "%",
        "high is good",
        "Key Stage 4",
        1,
        100,
        KS4_CAVEAT,
    ),
    (
        "abs_overall",
        "Overall absence: {g} (%)",
        "Sessions missed through overall absence as a % of possible sessions, pupils who are {g}, all "
        "school types (six half terms)",
        "% of sessions",
        "low is good",
        "Absence",
        1,
        100,
        None,
    ),
    (
        "abs_persistent",
        "Persistent absence: {g} (%)",
        "Pupils missing 10% or more of possible sessions, as a % of pupils who are {g}, all school "
        "types (six half terms)",
        "% of pupils",
        "low is good",
        "Absence",
        1,
        100,
        None,
    ),
]
for g, gname in SOC_NAME.items():
    for prefix, name, definition, unit, polarity, topic, dec, mult, cav in SOC_MEASURES:
        add(
            f"{prefix}_{g}",
            name.format(g=gname),
            definition.format(g=gname),
            unit,
            polarity,
            "Enjoy and achieve",
            topic,
            "academic year",
            dec,
            mult,
            cav,
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
# The IoD summaries (all "no judgement", topic Deprivation, period type "index release"):
# id, name, definition, unit, decimals, multiplier, caveat, link.
IOD_ROWS = [
    (
        "imd2019_avg_score",
        "IMD 2019: average score",
        "Population-weighted average of the IMD 2019 scores of the area's LSOAs (higher = more deprived)",
        "score",
        1,
        None,
        None,
        iod19,
    ),
    (
        "imd2019_rank_avg_score",
        "IMD 2019: rank of average score",
        "Rank of the IMD 2019 average score among the 296 lower-tier local "
        "authorities (2023 boundaries); 1 = most deprived",
        "rank of 296",
        0,
        None,
        "Ranked by the project from the LA summary file (296 LTLAs on 2023 boundaries); "
        "the official 2019 ranks were of 317 LTLAs on 2019 boundaries.",
        iod19,
    ),
    (
        "imd2019_prop_lsoa_10pct",
        "IMD 2019: LSOAs in the most deprived 10% nationally (%)",
        "Proportion of the area's LSOAs in the most deprived 10% of LSOAs in England",
        "% of LSOAs",
        1,
        100,
        None,
        iod19,
    ),
    (
        "imd2019_extent",
        "IMD 2019: extent (%)",
        "Proportion of the population living in the most deprived LSOAs (the IoD 'extent' measure)",
        "% of population",
        1,
        100,
        None,
        iod19,
    ),
    (
        "imd2025_avg_score",
        "IMD 2025: average score",
        "Population-weighted average of the IMD 2025 scores of the area's LSOAs (higher = more deprived)",
        "score",
        1,
        None,
        None,
        iod,
    ),
    (
        "imd2025_rank_avg_score",
        "IMD 2025: rank of average score",
        "Rank of the IMD 2025 average score among 296 lower-tier local authorities; 1 = most deprived",
        "rank of 296",
        0,
        None,
        None,
        iod,
    ),
    (
        "imd2025_avg_rank",
        "IMD 2025: average rank",
        "Population-weighted average of the IMD 2025 ranks of the area's LSOAs (1 = most deprived)",
        "rank",
        0,
        None,
        None,
        iod,
    ),
    (
        "imd2025_rank_avg_rank",
        "IMD 2025: rank of average rank",
        "Rank of the IMD 2025 average rank among 296 lower-tier local authorities; 1 = most deprived",
        "rank of 296",
        0,
        None,
        None,
        iod,
    ),
    (
        "imd2025_prop_lsoa_10pct",
        "IMD 2025: LSOAs in the most deprived 10% nationally (%)",
        "Proportion of the area's LSOAs in the most deprived 10% of LSOAs in England",
        "% of LSOAs",
        1,
        100,
        None,
        iod,
    ),
    (
        "imd2025_rank_prop_lsoa_10pct",
        "IMD 2025: rank of proportion of LSOAs in the most deprived 10%",
        "Rank among 296 lower-tier local authorities; 1 = highest proportion",
        "rank of 296",
        0,
        None,
        None,
        iod,
    ),
    (
        "imd2025_extent",
        "IMD 2025: extent (%)",
        "Proportion of the population living in the most deprived LSOAs (the IoD 'extent' measure)",
        "% of population",
        1,
        100,
        None,
        iod,
    ),
]
for iid, name, definition, unit, dec, mult, caveat, link in IOD_ROWS:
    add(
        iid,
        name,
        definition,
        unit,
        "no judgement",
        None,
        "Deprivation",
        "index release",
        dec,
        mult,
        caveat,
        link,
    )


def own_indicators() -> list[dict]:
    """The project-defined indicators, fresh copies."""
    return [dict(r) for r in ROWS]
