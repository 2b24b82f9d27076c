"""Headline tiles: the latest published figure, its change, comparators and significance (no Streamlit)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.analysis import ranks, trends
from dashboard.present.format import as_at, change_text, fmt_value
from dashboard.store.memo import memoize

HEADLINES = [
    # (label, rate indicator, count indicator)
    ("Children looked after", "LAC", "LACnum"),
    ("Children on child protection plans", "CPP_rate", "CPP_Num"),
    ("Children in need", "CIN", "cin_count"),
]
RATE_UNIT = "rate per 10,000 children aged 0-17"


@dataclass
class Tile:
    label: str
    value_text: str
    count_text: str
    as_at_text: str
    change: str
    comparisons: list[str] = field(default_factory=list)
    significance: str = ""
    source: str = ""
    caveat: str = ""
    standing: str = ""  # position among all councils (LAIT's rule; demand measures: no rank or band)
    trend: str = ""  # the trend test over the last five published points


def significance_vs_england(count, denominator, eng_num, eng_den) -> str:
    """'significantly higher than England' / 'similar to England' from Byar's intervals on both rates
    (headline measures are demand measures: never better or worse); '' when not computable."""
    from dashboard.analysis import stats

    try:
        if any(pd.isna(x) for x in (count, denominator, eng_num, eng_den)) or not denominator or not eng_den:
            return ""
        here = stats.rate_ci(float(count), float(denominator), per=10_000)
        eng = stats.rate_ci(float(eng_num), float(eng_den), per=10_000)
        return stats.verdict_words(stats.compare(here, eng), "no judgement")
    except (AttributeError, ValueError, TypeError):
        return ""


def standing_for(standing: pd.DataFrame | None, period: str) -> str:
    """Herefordshire's position among all councils for the tile's period (queries/benchmark_standing.sql)."""
    if standing is None or standing.empty:
        return ""
    row = standing[standing["period_label"].astype(str) == str(period)]
    if row.empty:
        return ""
    r = row.iloc[0]
    text = ranks.standing_text(r, r["polarity"])
    return f"Among all English councils: {text}" if text else ""


def trend_for(pub: pd.DataFrame) -> str:
    """The trend test of the tile's published rates (counts and populations where known)."""
    t = trends.trend_test(pub.assign(value=pub["rate"]), 10_000)
    return f"Trend: {t.words()}" if t.tested else ""


@memoize()
def build_tile(
    label: str, series: pd.DataFrame, sn: pd.DataFrame | None = None, standing: pd.DataFrame | None = None
) -> Tile | None:
    """series: rows of queries/headline_series.sql; uses the latest published point. standing: rows of
    queries/benchmark_standing.sql for the rate (rank/position among all councils)."""
    pub = series[(series["source_kind"] == "publication") & series["rate"].notna()].sort_values("period_end")
    if pub.empty:
        return None
    last = pub.iloc[-1]
    prev = pub.iloc[-2] if len(pub) > 1 else None
    comps = []
    if pd.notna(last.get("england")):
        comps.append(f"England {fmt_value(last['england'], RATE_UNIT, 1)}")
    if pd.notna(last.get("west_midlands")):
        comps.append(f"West Midlands {fmt_value(last['west_midlands'], RATE_UNIT, 1)}")
    if sn is not None and not sn.empty:
        row = sn[pd.to_datetime(sn["period_end"]) == pd.to_datetime(last["period_end"])]
        if not row.empty and pd.notna(row.iloc[0].get("sn_mean")):
            r = row.iloc[0]
            comps.append(
                f"Statistical neighbours (mean of {int(r['sn_n']) if pd.notna(r.get('sn_n')) else '?'}, "
                f"{r.get('sn_model', 'list') + ' list'}) {fmt_value(r['sn_mean'], RATE_UNIT, 1)}"
            )
    count = last.get("count")
    sig = significance_vs_england(
        count if pd.notna(count) else last.get("numerator"),
        last.get("denominator"),
        last.get("england_numerator"),
        last.get("england_denominator"),
    )
    return Tile(
        label=label,
        value_text=fmt_value(last["rate"], RATE_UNIT, 1, last.get("rate_status")),
        count_text=(f"{fmt_value(count, 'count', 0)} children" if pd.notna(count) else "count not published"),
        as_at_text=as_at(last["period"], last["period_end"]),
        change=change_text(
            last["rate"],
            prev["rate"] if prev is not None else None,
            RATE_UNIT,
            1,
            as_at(prev["period"], prev["period_end"]) if prev is not None else "",
        ),
        comparisons=comps,
        significance=sig,
        source=str(last.get("source_document") or ""),
        caveat=str(last.get("note") or "") if pd.notna(last.get("note")) else "",
        standing=standing_for(standing, last["period"]),
        trend=trend_for(pub),
    )
