"""dashboard.analysis.stats against worked examples, and the SQL intervals cross-checked with it."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.analysis import stats

# The headline set: CLA, CP and CIN rates; KS2 RWM and its disadvantage gap; KS4 Attainment 8 and its
# disadvantage gap; first-time entrants to the youth justice system.
HEADLINE_IDS = [
    "LAC",
    "CPP_rate",
    "CIN",
    "KS2RWM_Expected_STD",
    "ks2_rwm_disadvantage_gap",
    "AVG_Attain8_Score",
    "ks4_att8_disadvantage_gap",
    "FirstYJS",
]


def _num(row, col):
    v = row.get(col)
    return None if v is None or pd.isna(v) else float(v)


def comparator_table(df: pd.DataFrame) -> pd.DataFrame:
    """The comparators table (data/models/30_comparators.sql) recomputed with scipy/statsmodels through
    dashboard.analysis.stats: the intervals and the significance against England the SQL must agree with."""
    rows = []
    for _, r in df.iterrows():
        m = _num(r, "multiplier")
        lo, hi, method = stats.interval(_num(r, "numerator"), _num(r, "denominator"), m)
        elo, ehi, _ = stats.interval(_num(r, "england_numerator"), _num(r, "england_denominator"), m)
        if _num(r, "herefordshire") is None:
            lo = hi = method = None
        if _num(r, "england") is None:
            elo = ehi = None
        sig = stats.compare((lo, hi) if lo is not None else None, (elo, ehi) if elo is not None else None)
        rows.append({"ci_low": lo, "ci_high": hi, "ci_method": method, "significance": sig})
    out = pd.DataFrame(rows, index=df.index)
    return df.drop(columns=[c for c in out.columns if c in df.columns]).join(
        out.astype({"ci_low": "float64", "ci_high": "float64"})
    )


def test_wilson_worked_example():
    lo, hi = stats.wilson_ci(81, 263)
    assert lo == pytest.approx(0.2553, abs=1e-4)
    assert hi == pytest.approx(0.3662, abs=1e-4)
    assert stats.proportion_ci_pct(81, 263)[0] == pytest.approx(25.53, abs=0.01)


def test_wilson_edges():
    lo, hi = stats.wilson_ci(0, 10)
    assert lo == pytest.approx(0.0, abs=1e-12) and 0 < hi < 0.35
    with pytest.raises(ValueError):
        stats.wilson_ci(11, 10)


def test_byar_ten_events():
    # Byar's approximation for O = 10 (95%): 4.787 to 18.391; exact Poisson 4.795 to 18.390
    lo, hi = stats.byar_ci(10)
    assert lo == pytest.approx(4.7874, abs=1e-3)
    assert hi == pytest.approx(18.3915, abs=1e-3)
    elo, ehi = stats.exact_poisson_ci(10)
    assert abs(lo - elo) < 0.01 and abs(hi - ehi) < 0.01


def test_exact_poisson_under_ten():
    # textbook exact limits: 0 -> (0, 3.689); 1 -> (0.0253, 5.572); 5 -> (1.623, 11.668)
    assert stats.byar_ci(0) == pytest.approx((0.0, 3.6889), abs=1e-4)
    assert stats.byar_ci(1) == pytest.approx((0.0253, 5.5716), abs=1e-4)
    assert stats.byar_ci(5) == pytest.approx((1.6235, 11.6683), abs=1e-4)


def test_rate_helpers():
    lo, hi = stats.rate_ci(139, 34439)  # 139 per 34,439 = 40.36 per 10,000
    assert lo < 40.36 < hi
    assert stats.interval(139, 34439, 10000)[2] == "Byar"
    assert stats.interval(5, 34439, 10000)[2] == "exact Poisson"
    assert stats.interval(81, 263, 100)[2] == "Wilson"
    assert stats.interval(None, 263, 100) == (None, None, None)


def test_compare():
    assert stats.compare((10, 12), (5, 9)) == stats.HIGHER
    assert stats.compare((1, 4), (5, 9)) == stats.LOWER
    assert stats.compare((4, 6), (5, 9)) == stats.SIMILAR
    assert stats.compare(None, (5, 9)) == stats.NOT_TESTED


def test_sql_intervals_match_stats(con):
    df = con.execute(
        "SELECT indicator_id, period_label AS period, h AS herefordshire, h_num AS numerator, "
        "h_den AS denominator, e AS england, e_num AS england_numerator, e_den AS england_denominator, "
        "m AS multiplier, h_lo AS ci_low, h_hi AS ci_high, significance FROM comparators "
        "WHERE list_contains(?, indicator_id) ORDER BY indicator_id, period_end",
        [HEADLINE_IDS],
    ).df()
    assert set(HEADLINE_IDS) <= set(df.indicator_id)
    checked = comparator_table(df)
    with_ci = checked[checked.ci_low.notna()]
    assert len(with_ci) >= 20
    sql = df.loc[with_ci.index]
    assert (sql.ci_low - with_ci.ci_low).abs().max() < 0.05
    assert (sql.ci_high - with_ci.ci_high).abs().max() < 0.05
    assert (sql.significance == with_ci.significance).all()
    # Herefordshire's CIN rate 2025 (1,574 / 34,439) is well above England's
    row = checked[(checked.indicator_id == "CIN") & (checked.period == "2025")].iloc[0]
    assert row.significance == "significantly higher"
    assert row.ci_low == pytest.approx(stats.rate_ci(1574, 34439)[0])


def test_comparator_table_without_numbers():
    df = pd.DataFrame(
        {
            "herefordshire": [60.0],
            "numerator": [None],
            "denominator": [None],
            "england": [63.0],
            "england_numerator": [None],
            "england_denominator": [None],
            "multiplier": [100.0],
            "polarity": ["high is good"],
        }
    )
    out = comparator_table(df)
    assert out.significance[0] == "not tested" and math.isnan(out.ci_low[0])


def test_verdict_words_follow_polarity_and_say_similar_to():
    assert stats.verdict_words(stats.SIMILAR, "high is good") == "similar to England"
    assert stats.verdict_words(stats.HIGHER, "no judgement") == "significantly higher than England"
    assert stats.verdict_words(stats.HIGHER, "low is good") == "significantly higher than England (worse)"
    assert stats.verdict_words(stats.LOWER, "low is good") == "significantly lower than England (better)"
    assert stats.verdict_words(stats.NOT_TESTED, "low is good") == "not tested (no interval)"
