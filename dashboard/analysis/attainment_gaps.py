"""Attainment gaps: which measures pair a pupil group with its peers, the gap arithmetic and its wording.

No Streamlit here. A gap is always *group minus peers*: percentage points for % measures, points for
Attainment 8. A negative gap means the group is behind its peers; positive means ahead.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field

import pandas as pd

from dashboard.areas import ENGLAND, HERE, SN_CODES, WEST_MIDLANDS
from dashboard.config import ROOT
from dashboard.present.format import fmt_value
from dashboard.store.memo import memoize

AREA_LABEL = {
    HERE: "Herefordshire",
    ENGLAND: "England",
    WEST_MIDLANDS: "West Midlands",
} | dict.fromkeys(SN_CODES, "Statistical neighbours")
COMPARE_CODES = {"england": (ENGLAND,), "west_midlands": (WEST_MIDLANDS,), "neighbours": SN_CODES}


@dataclass(frozen=True)
class Group:
    key: str
    label: str  # 'Disadvantaged pupils'
    peers_label: str  # 'other pupils'
    group_id: str
    peers_id: str
    # seed figures that state the gap itself: (indicator_id, sign). sign -1 when the paper gives the
    # size of a shortfall as a positive number ("a gap of 25%" = the group is 25 points behind).
    seed_gap_ids: tuple[tuple[str, int], ...] = ()
    caveat: str = ""


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    all_id: str  # all pupils
    unit: str  # '%' or 'points'
    gap_unit: str  # 'percentage points' or 'points'
    period_note: str
    groups: tuple[Group, ...] = field(default_factory=tuple)
    old_ids: tuple[str, ...] = ()  # the different, earlier measure shown on its own chart
    old_label: str = ""
    old_unit: str = "%"
    why_different: str = ""


def _read(name: str) -> list[dict]:
    with (ROOT / "data" / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _group(r: dict) -> Group:
    gaps = tuple((i, int(sign)) for i, sign in (p.split(":") for p in r["seed_gap_ids"].split(";") if p))
    fields = ("key", "label", "peers_label", "group_id", "peers_id", "caveat")
    return Group(**{k: r[k] for k in fields}, seed_gap_ids=gaps)


def load_measures() -> dict[str, Measure]:
    """The measures and their pupil groups, from data/attainment_measures.csv and data/attainment_groups.csv
    (one row per group: the group's and its peers' indicator ids, and any seed figure stating the gap)."""
    groups = _read("attainment_groups.csv")
    out = {}
    for r in _read("attainment_measures.csv"):
        mine = tuple(_group(g) for g in groups if g["measure"] == r["key"])
        old = tuple(i for i in r.pop("old_ids").split(";") if i)
        out[r["key"]] = Measure(**r, groups=mine, old_ids=old)
    return out


MEASURES: dict[str, Measure] = load_measures()


def measure_ids(m: Measure) -> list[str]:
    ids = {m.all_id, *m.old_ids}
    for g in m.groups:
        ids |= {g.group_id, g.peers_id, *(i for i, _ in g.seed_gap_ids)}
    return sorted(ids)


def all_ids() -> list[str]:
    out: set[str] = set()
    for m in MEASURES.values():
        out |= set(measure_ids(m))
    return sorted(out)


def area_series(code: str) -> str:
    return AREA_LABEL.get(code, code)


def wanted_areas(compare: list[str] | tuple[str, ...]) -> list[str]:
    codes = [HERE]
    for c in compare or ():
        codes += list(COMPARE_CODES.get(c, ()))
    return codes


GAP_COLUMNS = (
    "series area_code period period_end group_value peers_value gap source_kind source_document source_line "
    "source_quote note"
).split()


@memoize()
def compute_gaps(df: pd.DataFrame, group: Group, areas: list[str] | None = None) -> pd.DataFrame:
    """Gap rows per area and period: group value, peers value and gap = group - peers.

    df: facts rows (indicator_id, area_code, period, period_end, value, source_kind, source_document,
    source_line, source_quote, note). Publication rows give gaps by subtraction, only where both values exist
    for the same area and period end; seed rows that state a gap directly are added with their quote.
    Returns columns: series, area_code, period, period_end, group_value, peers_value, gap, source_kind,
    source_document, source_line, source_quote, note.
    """
    if df is None or df.empty:
        return pd.DataFrame(columns=GAP_COLUMNS)
    d = df[df["value"].notna()].copy()
    if areas is not None:
        d = d[d["area_code"].isin(areas)]
    d["period_end"] = pd.to_datetime(d["period_end"])
    keys = ["area_code", "period_end", "source_kind"]
    g = d[d["indicator_id"] == group.group_id]
    p = d[d["indicator_id"] == group.peers_id]
    m = g.merge(p[keys + ["value", "source_line", "source_quote"]], on=keys, suffixes=("", "_peers"))
    rows = pd.DataFrame(
        {
            "series": m["area_code"].map(area_series),
            "area_code": m["area_code"],
            "period": m["period"],
            "period_end": m["period_end"],
            "group_value": m["value"],
            "peers_value": m["value_peers"],
            "gap": m["value"] - m["value_peers"],
            "source_kind": m["source_kind"],
            "source_document": m["source_document"],
            "source_line": m["source_line"],
            "source_quote": [
                q if not isinstance(qp, str) or qp == q else f"{q} … {qp}"
                for q, qp in zip(m["source_quote"], m["source_quote_peers"])
            ],
            "note": m.get("note"),
        }
    )
    seeds = []
    for sid, sign in group.seed_gap_ids:
        s = d[d["indicator_id"] == sid]
        if s.empty:
            continue
        seeds.append(
            pd.DataFrame(
                {
                    "series": s["area_code"].map(area_series),
                    "area_code": s["area_code"],
                    "period": s["period"],
                    "period_end": s["period_end"],
                    "group_value": None,
                    "peers_value": None,
                    "gap": s["value"] * sign,
                    "source_kind": s["source_kind"],
                    "source_document": s["source_document"],
                    "source_line": s["source_line"],
                    "source_quote": s["source_quote"],
                    "note": s.get("note"),
                }
            )
        )
    out = pd.concat([rows, *seeds], ignore_index=True) if seeds else rows
    out = out.dropna(subset=["period_end"])
    return out[GAP_COLUMNS].sort_values(["period_end", "area_code"]).reset_index(drop=True)


def gap_wording(gap: float | None, unit: str, group_label: str, peers_label: str, decimals: int = 1) -> str:
    """'Disadvantaged pupils were 17.0 percentage points behind other pupils.'"""
    if gap is None or pd.isna(gap):
        return f"No gap can be worked out for {group_label.lower()}."
    size = fmt_value(abs(gap), unit, decimals).replace(" pp", " percentage points")
    if unit == "points":
        size = f"{abs(gap):,.{decimals}f} points"
    if abs(gap) < 0.05:
        return f"{group_label} did as well as {peers_label}."
    side = "behind" if gap < 0 else "ahead of"
    return f"{group_label} were {size} {side} {peers_label}."


def compare_with_england(here: float | None, england: float | None, unit: str, decimals: int = 1) -> str:
    """How Herefordshire's gap compares with England's, in words that work for either sign."""
    if here is None or england is None or pd.isna(here) or pd.isna(england):
        return "England's gap for the same year is not available."
    diff = abs(here) - abs(england)
    size = f"{abs(diff):,.{decimals}f} {'percentage points' if unit != 'points' else 'points'}"
    if abs(diff) < 0.05:
        return "The gap is the same size as England's."
    both_behind = here <= 0 and england <= 0
    if both_behind or (here >= 0 and england >= 0):
        return f"The gap is {size} {'wider' if diff > 0 else 'narrower'} than England's."
    return (
        "The group is behind its peers here but ahead of them in England"
        if here < 0
        else "The group is ahead of its peers here but behind them in England"
    ) + "."


@memoize()
def latest_gap_summary(gaps: pd.DataFrame, group: Group, measure: Measure) -> dict | None:
    """The latest published Herefordshire gap with England's for the same period, as words and numbers."""
    pub = gaps[(gaps["source_kind"] == "publication") & (gaps["area_code"] == HERE)]
    if pub.empty:
        return None
    last = pub.sort_values("period_end").iloc[-1]
    eng = gaps[
        (gaps["source_kind"] == "publication")
        & (gaps["area_code"] == ENGLAND)
        & (gaps["period_end"] == last["period_end"])
    ]
    eng_gap = eng.iloc[0]["gap"] if not eng.empty else None
    return {
        "group": group.label,
        "period": last["period"],
        "period_end": last["period_end"],
        "group_value": last["group_value"],
        "peers_value": last["peers_value"],
        "gap": last["gap"],
        "england_gap": eng_gap,
        "wording": gap_wording(last["gap"], measure.gap_unit, group.label, group.peers_label),
        "england_wording": compare_with_england(last["gap"], eng_gap, measure.gap_unit),
        "trend": gap_trend_words(pub, last["gap"]),
    }


def gap_trend_words(pub: pd.DataFrame, latest_gap) -> str:
    """'The gap is closing / widening / not significantly changing over the last five points (...)', from the
    trend test of Herefordshire's published gaps with 2020-2021 (COVID-19) left out; '' when too few
    points."""
    from dashboard.analysis import trends

    t = trends.trend_test(pub.assign(value=pub["gap"]), None, exclude=trends.BREAK_PERIODS)
    if not t.tested:
        return ""
    verdict = trends.gap_verdict(t, latest_gap)
    moving = "not significantly changing" if verdict == trends.NO_CHANGE else verdict
    return f"The gap is {moving}: {t.words()}."


@memoize()
def gap_table(df: pd.DataFrame, measure: Measure) -> pd.DataFrame:
    """One row per group: the latest Herefordshire gap, England's gap for that year, and the wording."""
    rows = []
    for g in measure.groups:
        s = latest_gap_summary(compute_gaps(df, g), g, measure)
        if s is None:
            continue
        rows.append(
            {
                "group": g.label,
                "compared with": g.peers_label,
                "year": s["period"],
                "group result": fmt_value(s["group_value"], measure.unit if measure.unit == "%" else "", 1),
                "peers result": fmt_value(s["peers_value"], measure.unit if measure.unit == "%" else "", 1),
                f"gap ({measure.gap_unit})": round(float(s["gap"]), 1),
                f"England gap ({measure.gap_unit})": (
                    round(float(s["england_gap"]), 1) if s["england_gap"] is not None else None
                ),
                "in words": f"{s['wording']} {s['england_wording']}",
                "trend": s["trend"] or "fewer than five comparable years: not tested",
            }
        )
    return pd.DataFrame(rows)


@memoize()
def series_for_trend(
    df: pd.DataFrame, ids_labels: dict[str, str], areas: list[str], from_year: int | None = None
) -> pd.DataFrame:
    """Rows ready for charts.trend_chart: series = area (for the first id) or 'area: label' for others."""
    if df is None or df.empty:
        return pd.DataFrame(columns=["series", "period", "period_end", "value"])
    d = df[df["indicator_id"].isin(ids_labels) & df["area_code"].isin(areas)].copy()
    d = d[d["period_end"].notna() & (d["value"].notna() | d["status"].notna())]
    d["period_end"] = pd.to_datetime(d["period_end"])
    if from_year:
        d = d[d["period_end"].dt.year >= from_year]
    first = next(iter(ids_labels))
    d["series"] = [
        area_series(a) if i == first else f"{area_series(a)}: {ids_labels[i]}"
        for a, i in zip(d["area_code"], d["indicator_id"])
    ]
    return d.sort_values("period_end").reset_index(drop=True)
