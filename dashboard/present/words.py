"""Slide words from the slide's data: a story's title, so-what and notes are templates whose numbers are
filled from the table of the chart the slide shows, never typed (no Streamlit).

A template names figures in braces: ``{here.latest}`` (Herefordshire's latest value), ``{england.latest}``,
``{here.latest.when}`` (its as-at words), ``{here.max.year}``, ``{here.seed1}`` (the first figure from a
council paper), ``{here.y2015}`` (the published figure for the year ending in 2015), ``{here.latest.count}``;
``{completed}``/``{on_track}``/``{slipping}``/``{no_report}``/``{total}`` on the plan grid;
``{jar_2005.stay_safe}`` (the grade's words) and ``{jar_2005.stay_safe.grade}`` on the outcomes chart;
``{in_need}``/``{looked_after}``... on a pyramid. ``{here.latest:0}`` rounds to 0 decimals.
`facts` lists every name a slide's table offers (the story builder shows them); `fill` raises
`WordsError` naming an unknown one. `missing_numbers` lists the numbers in a text that its table does
not hold (the story builder warns with it; tests run it over every shipped slide).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.present.format import as_at, fmt_date

SERIES_KEYS = {
    "Herefordshire": "here",
    "England": "england",
    "West Midlands": "wm",
    "Statistical neighbours": "sn",
}
PLACEHOLDER = re.compile(r"\{([a-z0-9_.]+)(?::(\d))?\}")
UNIT_PHRASES = re.compile(r"\bper (?:10,000|100,000|1,000|10000|100000|1000)\b")
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


class WordsError(ValueError):
    """A template naming a figure its slide's table does not give."""


def slug(text) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")


# ------------------------------------------------------------------------------------------------ facts


def _year(d) -> str:
    return str(pd.Timestamp(d).year) if d is not None and pd.notna(d) else ""


def _point(prefix: str, r: pd.Series, out: dict) -> None:
    out[prefix] = r["value"]
    out[f"{prefix}.when"] = as_at(r.get("period"), r.get("period_end"))
    out[f"{prefix}.period"] = str(r.get("period") or "")
    out[f"{prefix}.year"] = _year(r.get("period_end"))
    for extra in ("count", "numerator"):
        v = r.get(extra)
        if v is not None and not isinstance(v, str) and pd.notna(v):
            out[f"{prefix}.{extra}"] = float(v)


def trend_facts(table: pd.DataFrame) -> dict:
    """Per series (here, england, wm, sn): first, latest, prev, max, min, seedN, yYYYY and their when/year."""
    out: dict = {}
    if table.empty or not {"series", "value", "period_end"} <= set(table.columns):
        return out
    for name, key in SERIES_KEYS.items():
        s = table[(table["series"] == name) & table["value"].notna()].sort_values("period_end")
        if s.empty:
            continue
        pts = s.reset_index(drop=True)
        _point(f"{key}.first", pts.iloc[0], out)
        _point(f"{key}.latest", pts.iloc[-1], out)
        if len(pts) > 1:
            _point(f"{key}.prev", pts.iloc[-2], out)
        _point(f"{key}.max", pts.loc[pts["value"].astype(float).idxmax()], out)
        _point(f"{key}.min", pts.loc[pts["value"].astype(float).idxmin()], out)
        kind = pts["source_kind"] if "source_kind" in pts else pd.Series("", index=pts.index)
        for i, (_, r) in enumerate(pts[kind == "seed document"].iterrows(), start=1):
            _point(f"{key}.seed{i}", r, out)
        for _, r in pts[kind != "seed document"].iterrows():
            _point(f"{key}.y{_year(r['period_end'])}", r, out)
    return out


def plan_facts(table: pd.DataFrame, as_at_date: str | None = None) -> dict:
    """How many recommendations had each derived status at the grid's chosen report."""
    if table.empty or "status" not in table or "at_date" not in table:
        return {}
    dates = sorted(pd.to_datetime(table["at_date"]).dt.date.unique())
    at = dt.date.fromisoformat(as_at_date) if as_at_date else dates[-1]
    now = table[pd.to_datetime(table["at_date"]).dt.date == at]
    counts = now["status"].value_counts()
    out = {slug(s): float(counts.get(s, 0)) for s in ("completed", "on track", "slipping", "not started")}
    out["no_report"] = float(counts.get("no report", 0))
    out["total"] = float(now["rec_id"].nunique()) if "rec_id" in now else float(len(now))
    out["when"] = fmt_date(at)
    return out


# Which of an outcome's judgements is the overall one, best first (sub-judgements such as the Youth Service's
# are left to the notes).
OVERALL = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^contribution of (?:services|the council)",
        r"overall contribution",
        r"^capacity to improve",
        r"outcome$",
    )
]


def _overall(g: pd.DataFrame) -> pd.Series:
    subjects = g["subject"].astype(str) if "subject" in g else pd.Series("", index=g.index)
    for rx in OVERALL:
        hit = g[subjects.str.contains(rx)]
        if not hit.empty:
            return hit.iloc[0]
    return g.iloc[0]


def judgement_facts(table: pd.DataFrame) -> dict:
    """{framework.outcome}: the overall judgement's words; .grade its number on the four-point scale."""
    out: dict = {}
    if table.empty or not {"framework", "outcome", "grade"} <= set(table.columns):
        return out
    graded = table[table["grade"].notna()]
    for (fw, outcome), g in graded.groupby(["framework", "outcome"], sort=False):
        r = _overall(g)
        key = f"{slug(fw)}.{slug(outcome)}"
        out[key] = str(r.get("grade_label") or "")
        out[f"{key}.grade"] = float(r["grade"])
    return out


def level_facts(table: pd.DataFrame) -> dict:
    """{level}: a pyramid level's count, by the level's name in lower case with underscores."""
    if table.empty or not {"level", "value"} <= set(table.columns):
        return {}
    return {slug(r.level): float(r.value) for r in table.itertuples() if pd.notna(r.value)}


FACTS: dict[str, Callable[[pd.DataFrame, dict], dict]] = {
    "indicator_trend": lambda t, p: trend_facts(t),
    "headline": lambda t, p: trend_facts(t),
    "plan_status": lambda t, p: plan_facts(t, p.get("as_at")),
    "ecm_judgements": lambda t, p: judgement_facts(t),
    "pyramid_then": lambda t, p: level_facts(t),
    "pyramid_now": lambda t, p: level_facts(t),
}


def facts(chart: str, table: pd.DataFrame, params: dict | None = None) -> dict:
    """Every figure a template may name for this chart's table (empty for a chart with no fact rule)."""
    fn = FACTS.get(chart)
    return fn(table, dict(params or {})) if fn and table is not None else {}


# ------------------------------------------------------------------------------------------------- fill


def _shown(v, decimals: int | None) -> str:
    if isinstance(v, str):
        return v
    if decimals is None:
        decimals = 0 if float(v).is_integer() else 1
    return f"{float(v):,.{decimals}f}"


def fill(template: str, values: dict) -> str:
    """The template with each {name} replaced by its figure; WordsError for a name the table lacks."""
    if not template:
        return template or ""

    def sub(m: re.Match) -> str:
        name, dec = m.group(1), m.group(2)
        if name not in values:
            near = sorted(k for k in values if k.split(".")[0] == name.split(".")[0])[:8]
            hint = f"; this chart gives {', '.join(near)}" if near else ""
            raise WordsError(f"“{{{name}}}” is not a figure of this slide's chart{hint}")
        return _shown(values[name], int(dec) if dec is not None else None)

    return PLACEHOLDER.sub(sub, template)


def placeholders(template: str) -> list[str]:
    return [m.group(1) for m in PLACEHOLDER.finditer(template or "")]


# ------------------------------------------------------------------------------------------ the check


def numbers(text: str) -> list[str]:
    """The numbers a reader sees in a text ('1,893', '7.1', '2025'); unit phrases like 'per 10,000' aside."""
    return NUMBER.findall(UNIT_PHRASES.sub(" ", text or ""))


def _cell_numbers(v) -> list[float]:
    if v is None or isinstance(v, (list, dict)):
        return []
    if isinstance(v, (pd.Timestamp, dt.date, dt.datetime)):
        d = pd.Timestamp(v)
        return [float(d.year), float(d.month), float(d.day)]
    if isinstance(v, str):
        return [float(n.replace(",", "")) for n in NUMBER.findall(v)]
    try:
        return [] if pd.isna(v) else [float(v)]
    except (TypeError, ValueError):
        return []


def table_numbers(table: pd.DataFrame) -> list[float]:
    """Every number a table holds: values, counts, dates' years, months and days, and numbers in its text."""
    out: set[float] = set()
    if table is None or table.empty:
        return []
    for col in table.columns:
        for v in table[col].tolist():
            out.update(_cell_numbers(v))
    return sorted(out)


def _matches(shown: str, held: list[float]) -> bool:
    t = float(shown.replace(",", ""))
    dec = len(shown.split(".")[1]) if "." in shown else 0
    return any(abs(round(v, dec) - t) < 1e-9 or abs(v - t) < 1e-9 for v in held)


def missing_numbers(text: str, table: pd.DataFrame) -> list[str]:
    """The numbers in text that the table does not hold (at the precision the text gives them)."""
    held = table_numbers(table)
    return [n for n in numbers(text) if not _matches(n, held)]


# ------------------------------------------------------------------------------------------ one slide


@dataclass(frozen=True)
class SlideWords:
    """A slide's title, so-what and notes with their figures filled in; `problem` says what could not be."""

    title: str
    so_what: str
    notes: str
    problem: str = ""


def slide_words(slide, table: pd.DataFrame | None) -> SlideWords:
    """Fill a story slide's title, so-what and notes from the table of the chart it shows. A template naming a
    figure the chart does not give keeps the slide readable: the so-what then says what is wrong."""
    values = facts(slide.view.chart, table if table is not None else pd.DataFrame(), slide.view.params)
    out, problem = [], ""
    for text in (slide.title, slide.so_what, slide.notes):
        try:
            out.append(fill(text, values))
        except WordsError as e:
            problem = problem or str(e)
            out.append(PLACEHOLDER.sub("…", text))
    if problem:
        out[1] = f"(This slide's words need checking: {problem}.)"
    return SlideWords(*out, problem=problem)
