"""Statistics for comparing Herefordshire with England and its statistical neighbours. No Streamlit here.

Conventions (GUIDE.md): rates per 10,000 children aged 0-17; Wilson score intervals for proportions;
Byar's approximation for counts and rates, exact Poisson limits when the count is under 10;
"significantly higher/lower" only when the intervals do not overlap. Demand measures (CLA, CP, CIN)
have no polarity: say "higher / similar / lower than England", never better or worse.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy.stats import chi2, norm
from statsmodels.stats.proportion import proportion_confint

HIGHER, SIMILAR, LOWER, NOT_TESTED = ("significantly higher", "similar", "significantly lower", "not tested")
POLARITIES = ("high is good", "low is good", "no judgement")
RATE_MULTIPLIERS = (1000.0, 10000.0, 100000.0)


@lru_cache(maxsize=32)
def _z(confidence: float) -> float:
    return float(norm.ppf(1 - (1 - confidence) / 2))


def _ok(*xs) -> bool:
    return all(x is not None and not (isinstance(x, float) and math.isnan(x)) for x in xs)


# --------------------------------------------------------------------------------------- intervals
def wilson_ci(successes: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion (0-1), via statsmodels."""
    if not _ok(successes, n) or n <= 0 or successes < 0 or successes > n:
        raise ValueError(f"need 0 <= successes <= n and n > 0 (got {successes}/{n})")
    lo, hi = proportion_confint(successes, n, alpha=1 - confidence, method="wilson")
    return float(lo), float(hi)


def exact_poisson_ci(count: float, confidence: float = 0.95) -> tuple[float, float]:
    """Exact (Garwood) Poisson limits for an observed count, from the chi-squared distribution."""
    a = 1 - confidence
    lo = 0.0 if count == 0 else float(chi2.ppf(a / 2, 2 * count) / 2)
    hi = float(chi2.ppf(1 - a / 2, 2 * (count + 1)) / 2)
    return lo, hi


def byar_ci(count: float, confidence: float = 0.95) -> tuple[float, float]:
    """Limits for a Poisson count: Byar's approximation, exact limits when the count is under 10."""
    if not _ok(count) or count < 0:
        raise ValueError(f"count must be >= 0 (got {count})")
    if count < 10:
        return exact_poisson_ci(count, confidence)
    z = _z(confidence)
    o = float(count)
    lo = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3
    o1 = o + 1
    hi = o1 * (1 - 1 / (9 * o1) + z / (3 * math.sqrt(o1))) ** 3
    return lo, hi


def rate_ci(
    count: float, denominator: float, per: float = 10000.0, confidence: float = 0.95
) -> tuple[float, float]:
    """Interval for a rate per `per`: Byar (exact under 10) limits on the count, over the denominator."""
    lo, hi = byar_ci(count, confidence)
    return lo / denominator * per, hi / denominator * per


def rate_ci_arrays(
    counts, denominators, per: float = 10000.0, confidence: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """rate_ci over arrays: the same numbers row by row; NaN where rate_ci would not give an interval
    (count or denominator missing, denominator zero, count negative)."""
    n = np.asarray(counts, dtype=float)
    d = np.asarray(denominators, dtype=float)
    lo = np.full(n.shape, np.nan)
    hi = np.full(n.shape, np.nan)
    ok = ~np.isnan(n) & ~np.isnan(d) & (d != 0) & (n >= 0)
    for i in np.flatnonzero(ok):
        c, den = float(n[i]), float(d[i])
        a, b = byar_ci(c, confidence)
        lo[i], hi[i] = a / den * per, b / den * per
    return lo, hi


def wilson_ci_arrays(successes, n, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """wilson_ci over arrays (proportions 0-1): the same numbers row by row; NaN where wilson_ci would
    refuse (missing figures, n <= 0, successes < 0 or > n)."""
    k = np.asarray(successes, dtype=float)
    m = np.asarray(n, dtype=float)
    lo = np.full(k.shape, np.nan)
    hi = np.full(k.shape, np.nan)
    ok = ~np.isnan(k) & ~np.isnan(m) & (m > 0) & (k >= 0) & (k <= m)
    if ok.any():
        a, b = proportion_confint(k[ok], m[ok], alpha=1 - confidence, method="wilson")
        lo[ok], hi[ok] = a, b
    return lo, hi


def proportion_ci_pct(successes: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson interval as percentages."""
    lo, hi = wilson_ci(successes, n, confidence)
    return lo * 100, hi * 100


def interval(
    numerator, denominator, multiplier, confidence: float = 0.95
) -> tuple[float | None, float | None, str | None]:
    """The interval suited to an indicator: Wilson for % (multiplier 100), Byar for rates per 1,000 / 10,000 /
    100,000. Returns (low, high, method) or (None, None, None) when it cannot be computed."""
    if not _ok(numerator, denominator, multiplier) or denominator <= 0 or numerator < 0:
        return None, None, None
    m = float(multiplier)
    if m == 100.0 and numerator <= denominator:
        lo, hi = proportion_ci_pct(numerator, denominator, confidence)
        return lo, hi, "Wilson"
    if m in RATE_MULTIPLIERS:
        lo, hi = rate_ci(numerator, denominator, m, confidence)
        return lo, hi, "Byar" if numerator >= 10 else "exact Poisson"
    return None, None, None


# ------------------------------------------------------------------------------------- comparisons
def compare(value_ci: Sequence[float] | None, england_ci: Sequence[float] | None) -> str:
    """'significantly higher' / 'similar' / 'significantly lower' than England: significant only when the two
    intervals do not overlap. A bare England value (no interval) may be given as (v, v)."""
    if not value_ci or not england_ci or not _ok(*value_ci) or not _ok(*england_ci):
        return NOT_TESTED
    lo, hi = value_ci
    elo, ehi = england_ci
    if lo > ehi:
        return HIGHER
    if hi < elo:
        return LOWER
    return SIMILAR


def verdict_words(significance: str, polarity: str | None, against: str = "England") -> str:
    """The one wording of a significance result: 'significantly higher than England (worse)', 'similar to
    England', 'not tested (no interval)'. Polarity decides better/worse; a measure without one (demand:
    LAC, CP,
    CIN) only ever gets higher/similar/lower."""
    if significance == NOT_TESTED:
        return "not tested (no interval)"
    if significance == SIMILAR:
        return f"similar to {against}"
    pol = (polarity or "no judgement").lower()
    if pol not in ("high is good", "low is good"):
        return f"{significance} than {against}"
    better = (significance == HIGHER) == (pol == "high is good")
    return f"{significance} than {against} ({'better' if better else 'worse'})"
