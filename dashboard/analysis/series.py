"""Turn query rows into the tables the trend charts draw, with subtitles and source lines (no Streamlit)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis import stats
from dashboard.present.format import as_at

COMPARE_SERIES = {
    "england": "England",
    "west_midlands": "West Midlands",
    "neighbours": "Statistical neighbours",
}


def _intervals(df: pd.DataFrame, unit: str) -> pd.DataFrame:
    """95% intervals where numerator and denominator are known: Byar for rates, Wilson for percentages.

    Vectorised over the rows (stats.rate_ci_arrays / stats.wilson_ci_arrays give the same numbers as the
    scalar stats.rate_ci / stats.wilson_ci); rows whose figures the scalar functions reject stay blank."""
    df = df.copy()
    df["lower"] = float("nan")
    df["upper"] = float("nan")
    u = (unit or "").lower()
    if "per 10,000" in u:
        kind, per = "rate", 10_000
    elif "per 100,000" in u:
        kind, per = "rate", 100_000
    elif u.startswith("%"):
        kind, per = "pct", 100
    else:
        return df
    if "numerator" not in df or "denominator" not in df or df.empty:
        return df
    n = pd.to_numeric(df["numerator"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    d = pd.to_numeric(df["denominator"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if kind == "rate":
        lo, hi = stats.rate_ci_arrays(n, d, per=per)
    else:
        lo, hi = stats.wilson_ci_arrays(n, d)
        lo, hi = lo * 100, hi * 100
    df["lower"] = lo
    df["upper"] = hi
    return df


def trend_table(
    rows: pd.DataFrame, compare: list[str], sn: pd.DataFrame | None = None, unit: str = ""
) -> pd.DataFrame:
    """rows: queries/trend_series.sql; sn: queries/comparator_series.sql (optional)."""
    if is_count(unit):
        compare = []  # a count depends on the area's size: it is never set beside another area's count
    keep = {"Herefordshire"} | {COMPARE_SERIES[c] for c in compare if c in COMPARE_SERIES}
    out = rows[rows["series"].isin(keep)].copy()
    if sn is not None and not sn.empty and "neighbours" in compare and "sn_mean" in sn:
        have = sn["sn_mean"].notna()
        if have.any():
            # Years inside the series' span with no neighbour figure (KS2 in 2020 and 2021) stay as 'not
            # published' rows, so the line breaks there as the other areas' lines do instead of bridging them.
            ends = sn.loc[have, "period_end"]
            s = sn[sn["period_end"].between(ends.min(), ends.max())]
            lists = (
                s["sn_model"].astype(str)
                if "sn_model" in s
                else pd.Series("statistical neighbours", index=s.index)
            )
            gap = s["sn_mean"].isna()
            out = pd.concat(
                [
                    out,
                    pd.DataFrame(
                        {
                            "series": "Statistical neighbours",
                            "period": s["period"],
                            "period_end": s["period_end"],
                            "value": s["sn_mean"],
                            "status": gap.map(lambda g: "x" if g else None),
                            "value_type": "actual",
                            "source_kind": "publication",
                            "source_document": "DfE LAIT: mean of statistical neighbours (" + lists + ")",
                            "note": gap.map(
                                {
                                    True: "no statistical neighbour has a published figure for this year",
                                    False: None,
                                }
                            ),
                        }
                    ),
                ],
                ignore_index=True,
            )
    out = _intervals(out, unit) if not out.empty else out.assign(lower=[], upper=[])
    cols = (
        "series period period_end value status lower upper value_type "
        "source_kind source_document source_line source_quote note numerator denominator"
    ).split()
    for c in cols:
        if c not in out:
            out[c] = None
    return out[cols].sort_values(["period_end", "series"]).reset_index(drop=True)


def is_count(unit: str | None) -> bool:
    u = (unit or "").strip().lower()
    return u == "count" or u.startswith("number")


def subtitle(table: pd.DataFrame, compare: list[str], unit: str = "") -> str:
    here = table[(table["series"] == "Herefordshire") & table["value"].notna()]
    if here.empty:
        return "No Herefordshire figure for this selection"
    last = here.sort_values("period_end").iloc[-1]
    names = [
        COMPARE_SERIES[c]
        for c in compare
        if c in COMPARE_SERIES and COMPARE_SERIES[c] in set(table["series"])
    ]
    if is_count(unit):
        cmp = "a count, so not compared with other areas: see the rate for comparisons"
    else:
        cmp = f"compared with {', '.join(names)}" if names else "no comparator selected or available"
    return f"Herefordshire, latest {as_at(last['period'], last['period_end'])}; {cmp}"


def source_line(table: pd.DataFrame) -> str:
    kind = table["source_kind"] if "source_kind" in table else pd.Series("", index=table.index)
    rows = table.assign(_kind=kind.fillna("")).dropna(subset=["source_document"])
    rows = rows[rows["source_document"].astype(str) != ""]
    seeds = list(dict.fromkeys(rows.loc[rows["_kind"] == "seed document", "source_document"]))
    pubs = [d for d in dict.fromkeys(rows["source_document"]) if d not in seeds]
    parts = []
    if pubs:
        parts.append("; ".join(pubs))
    if seeds:
        parts.append("council papers " + ", ".join(seeds) + " (stars)")
    return ". ".join(parts) or "no source"
