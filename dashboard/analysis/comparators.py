"""Comparator tables: Herefordshire against England, West Midlands and statistical neighbours. No Streamlit here.

`comparator_table` takes the output of queries/headline_comparators.sql (or comparator_series.sql) and
(re)computes the 95% intervals and the significance against England with dashboard.analysis.stats, so the figures
shown come from scipy/statsmodels; the SQL's own intervals are a fast approximation cross-checked in tests.
"""

from __future__ import annotations

import pandas as pd

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
    v = row.get(col) if hasattr(row, "get") else None
    return None if v is None or pd.isna(v) else float(v)


def comparator_table(df: pd.DataFrame) -> pd.DataFrame:
    """Add ci_low / ci_high / ci_method, england_ci_low / england_ci_high, significance and plain words.

    Needs columns herefordshire, numerator, denominator, england, england_numerator, england_denominator,
    multiplier; polarity is used for the words when present. Rows without numerator and denominator get no
    interval and significance 'not tested'."""
    out = df.copy()
    cols = {
        k: []
        for k in (
            "ci_low",
            "ci_high",
            "ci_method",
            "england_ci_low",
            "england_ci_high",
            "significance",
            "significance_words",
        )
    }
    for _, r in out.iterrows():
        m = _num(r, "multiplier")
        lo, hi, method = stats.interval(_num(r, "numerator"), _num(r, "denominator"), m)
        elo, ehi, _ = stats.interval(_num(r, "england_numerator"), _num(r, "england_denominator"), m)
        if _num(r, "herefordshire") is None:
            lo = hi = method = None
        if _num(r, "england") is None:
            elo = ehi = None
        sig = stats.compare((lo, hi) if lo is not None else None, (elo, ehi) if elo is not None else None)
        cols["ci_low"].append(lo)
        cols["ci_high"].append(hi)
        cols["ci_method"].append(method)
        cols["england_ci_low"].append(elo)
        cols["england_ci_high"].append(ehi)
        cols["significance"].append(sig)
        cols["significance_words"].append(stats.judgement_words(sig, r.get("polarity") or "no judgement"))
    for k, v in cols.items():
        out[k] = pd.Series(v, index=out.index, dtype="float64" if k.endswith(("_low", "_high")) else "object")
    return out


def sn_label(model: str | None, method: str = "mean") -> str:
    """'SN mean (May 2025 list)': the list version and the method go wherever an SN figure appears."""
    return f"SN {method} ({model} list)" if model else f"SN {method}"
