"""Rank and quartile band among all English councils, LAIT's way (no Streamlit, no store).

The rule, as DfE's Local Authority Interactive Tool applies it (../shared/public/stats/SOURCES.md section 4):
* only local authorities count (LA number < 970: not regions, Inner/Outer London or England);
* one indicator and one year at a time; non-numbers are missing and get no rank;
* `High` polarity ranks descending, `Low` ascending, ties share the best (lowest) rank
  (R `ties.method="min"`);
* quartiles are type-7 quantiles of the LAs' values (R's default, pandas' default linear interpolation);
* band A is the best quarter, D the worst: for `Low`, <= Q1 -> A, <= Q2 -> B, <= Q3 -> C, else D; for
  `High`, <= Q1 -> D, <= Q2 -> C, <= Q3 -> B, else A (a value exactly on Q1 of a `High` measure is D);
* a measure without a High/Low polarity (the LAC, CP and CIN rates among them) gets neither rank nor band:
  only its position ("higher than 128 of the 150 other councils with a figure"), without a verdict.
"""

from __future__ import annotations

import math

import pandas as pd

POLAR = ("High", "Low")
BAND_WORDS = {
    ("High", "A"): "highest quarter",
    ("High", "B"): "second-highest quarter",
    ("High", "C"): "second-lowest quarter",
    ("High", "D"): "lowest quarter",
    ("Low", "A"): "lowest quarter",
    ("Low", "B"): "second-lowest quarter",
    ("Low", "C"): "second-highest quarter",
    ("Low", "D"): "highest quarter",
}
RANK_COLS = ["rank", "n_ranked", "band", "q1", "q2", "q3", "n_lower", "n_higher", "n_valued"]


def quartiles(values: pd.Series) -> tuple[float, float, float]:
    """Type-7 (linear) lower quartile, median and upper quartile of the numbers in `values`."""
    v = pd.to_numeric(values, errors="coerce").dropna()
    if v.empty:
        return (math.nan, math.nan, math.nan)
    q = v.quantile([0.25, 0.5, 0.75])
    return float(q.iloc[0]), float(q.iloc[1]), float(q.iloc[2])


def band(value: float, q: tuple[float, float, float], polarity: str | None) -> str | None:
    """LAIT's quartile band (A best .. D worst) of one value; None when missing or without a polarity."""
    if polarity not in POLAR or value is None or pd.isna(value) or any(pd.isna(x) for x in q):
        return None
    q1, q2, q3 = q
    pos = 0 if value <= q1 else 1 if value <= q2 else 2 if value <= q3 else 3  # quarter from the bottom
    return "DCBA"[pos] if polarity == "High" else "ABCD"[pos]


def rank_group(values: pd.Series, polarity: str | None) -> pd.DataFrame:
    """Rank, band and position of every LA in one indicator-year (index as `values`).

    `values` holds the LAs only; non-numbers are missing (no rank, no band, not counted)."""
    v = pd.to_numeric(values, errors="coerce")
    valued = v.dropna()
    q = quartiles(valued)
    out = pd.DataFrame(index=values.index)
    if polarity in POLAR:
        out["rank"] = (-v if polarity == "High" else v).rank(method="min").astype("Int64")
        out["n_ranked"] = len(valued)
    else:
        out["rank"] = pd.array([pd.NA] * len(v), dtype="Int64")
        out["n_ranked"] = pd.NA
    out["band"] = [band(x, q, polarity) for x in v]
    out["q1"], out["q2"], out["q3"] = q
    srt = valued.sort_values().to_numpy()
    lower = pd.Series(srt.searchsorted(v.fillna(0).to_numpy(), side="left"), index=v.index)
    higher = len(srt) - pd.Series(srt.searchsorted(v.fillna(0).to_numpy(), side="right"), index=v.index)
    out["n_lower"] = lower.where(v.notna()).astype("Int64")
    out["n_higher"] = higher.where(v.notna()).astype("Int64")
    out["n_valued"] = len(valued)
    return out


def rank_all(df: pd.DataFrame, polarity_of: dict[str, str]) -> pd.DataFrame:
    """Rank columns for a long frame of (measure_short, period, la_number, value, geographic_level):
    every indicator-year ranked among its LAs; other rows (regions, England) get no rank."""
    la = df[(df["geographic_level"] == "la") & (pd.to_numeric(df["la_number"], errors="coerce") < 970)]
    parts = [
        rank_group(g["value"], polarity_of.get(m))
        for (m, _p), g in la.groupby(["measure_short", "period"], sort=False)
    ]
    ranked = pd.concat(parts) if parts else pd.DataFrame(columns=RANK_COLS)
    return df.join(ranked[RANK_COLS], how="left")


def rank_text(rank, n_ranked, band_letter, polarity: str | None) -> str:
    """'rank 101 of 151, band D (lowest quarter)'; '' when unranked."""
    if rank is None or pd.isna(rank) or n_ranked is None or pd.isna(n_ranked):
        return ""
    words = BAND_WORDS.get((polarity, band_letter), "")
    tail = f", band {band_letter} ({words})" if band_letter and not pd.isna(band_letter) else ""
    return f"rank {int(rank)} of {int(n_ranked)}{tail}"


def position_text(n_lower, n_higher, n_valued) -> str:
    """Position among the other councils with a figure, without a verdict: 'higher than 128 of the 150
    other councils with a figure' (or 'lower than ...' when it sits in the lower half)."""
    if any(x is None or pd.isna(x) for x in (n_lower, n_higher, n_valued)):
        return ""
    others = int(n_valued) - 1
    if others <= 0:
        return ""
    if n_lower >= n_higher:
        return f"higher than {int(n_lower)} of the {others} other councils with a figure"
    return f"lower than {int(n_higher)} of the {others} other councils with a figure"


def standing_text(row: dict | pd.Series, polarity: str | None) -> str:
    """Rank and band for a High/Low measure, the position for any other: one phrase for tiles and tables."""
    if polarity in POLAR:
        return rank_text(row.get("rank"), row.get("n_ranked"), row.get("band"), polarity)
    return position_text(row.get("n_lower"), row.get("n_higher"), row.get("n_valued"))


RULE_NOTE = (
    "Rank and band as DfE's LAIT works them out: local authorities only, 1 = best, ties share the best rank, "
    "councils without a figure are not ranked; bands are quarters of all councils' values (A = best quarter)."
)
