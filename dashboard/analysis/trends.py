"""Is the recent trend real? A stated test over the last five points (no Streamlit, no store).

* Counts with denominators (rates per 1,000 / 10,000 / 100,000): Poisson regression of the count on the year
  with log(denominator) as offset; the scale is estimated from the Pearson chi-squared (quasi-Poisson), never
  below 1, so year-to-year swings bigger than chance widen the test rather than make every wobble significant.
* Percentages with numerator and denominator: logistic (binomial) regression, with the same scale rule.
* Anything else (published values without counts, gaps between two percentages): least-squares regression of
  the value on the year, the test saying so.
A two-sided p < 0.05 on the year's coefficient gives "increasing" or "decreasing", otherwise "no significant
change". Years that break a series (2020 and 2021 for attainment, COVID-19) are left out and named.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import statsmodels.api as sm

WINDOW = 5
ALPHA = 0.05
INCREASING, DECREASING, NO_CHANGE = "increasing", "decreasing", "no significant change"
CLOSING, WIDENING = "closing", "widening"
METHODS = {
    "poisson": "Poisson regression of the counts on year, over-dispersion allowed",
    "logistic": "logistic regression of numerator out of denominator on year (over-dispersion allowed)",
    "linear": "least-squares regression of the published values on year (no counts available)",
}


@dataclass(frozen=True)
class Trend:
    verdict: str  # increasing | decreasing | no significant change | '' (not tested)
    method: str  # poisson | logistic | linear | ''
    p_value: float
    n_points: int
    first: str  # period label of the first point tested
    last: str
    excluded: tuple[str, ...] = ()
    reason: str = ""  # why not tested

    @property
    def tested(self) -> bool:
        return bool(self.verdict)

    def words(self, noun: str = "trend") -> str:
        """'increasing over the last 5 points (2021 to 2025; Poisson regression ..., p = 0.003)'."""
        if not self.tested:
            return f"{noun}: not tested ({self.reason})"
        p = self.p_text()
        skip = f"; {', '.join(self.excluded)} left out (not comparable)" if self.excluded else ""
        return (
            f"{self.verdict} over the last {self.n_points} points ({self.first} to {self.last}{skip}; "
            f"{METHODS[self.method]}, {p})"
        )

    def p_text(self) -> str:
        return "p < 0.001" if self.p_value < 0.001 else f"p = {self.p_value:.3f}"

    def short(self) -> str:
        """'no significant change, 2021 to 2025' for tiles; '' when not tested."""
        return f"{self.verdict} ({self.first} to {self.last})" if self.tested else ""


def _untested(reason: str, n: int = 0) -> Trend:
    return Trend("", "", math.nan, n, "", "", (), reason)


def _fit(method: str, x: np.ndarray, pts: pd.DataFrame) -> tuple[float, float]:
    """(coefficient of year, two-sided p) for one method."""
    exog = sm.add_constant(x)
    if method == "linear":
        res = sm.OLS(pts["value"].to_numpy(float), exog).fit()
        return float(res.params[1]), float(res.pvalues[1])
    num = pts["numerator"].to_numpy(float)
    den = pts["denominator"].to_numpy(float)
    if method == "poisson":
        model = sm.GLM(num, exog, family=sm.families.Poisson(), offset=np.log(den))
    else:
        model = sm.GLM(np.column_stack([num, den - num]), exog, family=sm.families.Binomial())
    first = model.fit()
    scale = max(1.0, float(first.pearson_chi2 / first.df_resid)) if first.df_resid > 0 else 1.0
    res = model.fit(scale=scale)
    return float(res.params[1]), float(res.pvalues[1])


def choose_method(pts: pd.DataFrame, multiplier) -> str:
    """poisson / logistic when every point has numerator and denominator, else linear."""
    have = {"numerator", "denominator"} <= set(pts.columns)
    counts = have and pts["numerator"].notna().all() and (pts["denominator"] > 0).all()
    m = None if multiplier is None or pd.isna(multiplier) else float(multiplier)
    if counts and m == 100.0 and (pts["numerator"] <= pts["denominator"]).all():
        return "logistic"
    if counts and m in (1.0, 1000.0, 10000.0, 100000.0):
        return "poisson"
    return "linear"


def trend_test(
    series: pd.DataFrame,
    multiplier=None,
    exclude: tuple[str, ...] = (),
    window: int = WINDOW,
    count: bool = False,
) -> Trend:
    """Test the last `window` points of one area's series.

    series: rows with period (label), period_end, value and, where known, numerator and denominator. Rows
    whose period label is in `exclude` are left out (named in the result). `count`: the values are counts
    (a Poisson regression without a denominator)."""
    if series is None or series.empty:
        return _untested("no figures")
    s = series.sort_values("period_end").drop_duplicates("period_end", keep="last")
    out = s["period"].astype(str).isin(exclude)
    dropped = s[out]
    s = s[~out & s["value"].notna()]
    if count and not s.empty:
        s = s.assign(numerator=s["value"], denominator=1.0)
        multiplier = 1.0
    if len(s) < window:
        return _untested(f"{len(s)} comparable points; a trend test needs {window}", len(s))
    pts = s.tail(window)
    end = pd.to_datetime(pts["period_end"])
    x = ((end - end.iloc[0]).dt.days / 365.25).to_numpy(float)
    method = choose_method(pts, multiplier)
    try:
        coef, p = _fit(method, x, pts)
    except (ValueError, np.linalg.LinAlgError, ZeroDivisionError) as e:
        return _untested(f"the model could not be fitted ({type(e).__name__})", len(pts))
    if not math.isfinite(p):
        verdict = (
            NO_CHANGE if coef == 0 or not math.isfinite(coef) else (INCREASING if coef > 0 else DECREASING)
        )
        p = 0.0 if verdict != NO_CHANGE else 1.0
    else:
        verdict = NO_CHANGE if p >= ALPHA else (INCREASING if coef > 0 else DECREASING)
    inside = tuple(dropped.loc[dropped["period_end"] > pts["period_end"].min(), "period"].astype(str))
    return Trend(
        verdict, method, p, len(pts), str(pts["period"].iloc[0]), str(pts["period"].iloc[-1]), inside
    )


def gap_verdict(trend: Trend, latest_gap: float | None = None) -> str:
    """'closing / widening / no significant change' for a gap (advantaged minus disadvantaged): a positive gap
    that falls is closing; a negative gap (the group ahead of its peers) that rises towards zero is
    closing."""
    if not trend.tested:
        return ""
    if trend.verdict == NO_CHANGE:
        return NO_CHANGE
    shrinking = (trend.verdict == DECREASING) == (
        latest_gap is None or pd.isna(latest_gap) or latest_gap >= 0
    )
    return CLOSING if shrinking else WIDENING


BREAK_TOPICS = ("Key Stage 2", "Key Stage 4")
BREAK_PERIODS = ("2020", "2021", "2019/20", "2020/21")
BREAK_NOTE = (
    "Attainment series break at 2020 and 2021 (COVID-19): KS2 was not assessed (the line breaks) and KS4 "
    "grades were centre- and teacher-assessed. Those years are left out of the trend test."
)


def breaks_at_covid(indicator_id: str, topic: str | None) -> bool:
    """Attainment measures (KS2, KS4 and the gaps built on them) break at 2020-2021."""
    return (topic or "") in BREAK_TOPICS or indicator_id.lower().startswith(("ks2", "ks4", "dap_", "nondap_"))


def series_trend(table: pd.DataFrame, info, series: str = "Herefordshire") -> Trend:
    """The trend test of one series of a trend table (dashboard.analysis.series.trend_table): its published
    figures only (the council's papers and targets are not a consistent series), COVID years left out for
    attainment. `info`: the indicator's catalogue row (indicator_id, unit, multiplier, topic)."""
    if table is None or table.empty:
        return _untested("no figures")
    rows = table[table["series"] == series]
    if "source_kind" in rows:
        rows = rows[rows["source_kind"] == "publication"]
    if "value_type" in rows:
        rows = rows[rows["value_type"].fillna("actual") == "actual"]
    iid = str(info.get("indicator_id") or "")
    exclude = BREAK_PERIODS if breaks_at_covid(iid, info.get("topic")) else ()
    unit = str(info.get("unit") or "").strip().lower()
    t = trend_test(rows, info.get("multiplier"), exclude=exclude, count=unit == "count")
    if t.tested and "gap" in iid.lower():
        last = rows.loc[rows["value"].notna(), "value"]
        return replace(t, verdict=gap_verdict(t, last.iloc[-1] if len(last) else None))
    return t
