"""Formatting numbers, units, periods and source lines for people (no Streamlit)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

SYMBOLS = {
    "c": "c (suppressed: small number)",
    "k": "k (rounds to zero)",
    "u": "u (low reliability)",
    "x": "x (not available)",
    "z": "z (not applicable)",
}


def fmt_value(value, unit: str | None = "", decimals: int | None = None, status: str | None = None) -> str:
    """'1,234', '62%', '75.1 per 10,000', 'c' for a suppressed value."""
    if isinstance(status, str) and status and status != "u" and (value is None or pd.isna(value)):
        return status
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    unit = (unit or "").strip()
    if decimals is None or pd.isna(decimals):
        decimals = 0 if float(value).is_integer() else 1
    text = f"{float(value):,.{int(decimals)}f}"
    u = unit.lower()
    if u.startswith("%") or u.startswith("percentage") and "point" not in u or u.startswith("% "):
        text += "%"
    elif "point" in u:
        text += " pp"
    elif u.startswith("£"):
        text = "£" + text + (unit[1:] and " " + unit[1:].strip().replace("million", "m") or "")
    elif "per 10,000" in u:
        text += " per 10,000"
    elif "per 100,000" in u:
        text += " per 100,000"
    elif "per 1,000" in u:
        text += " per 1,000"
    if status == "u":
        text += " (u: low reliability)"
    return text


def fmt_date(d) -> str:
    if d is None or (not isinstance(d, str) and pd.isna(d)):
        return "date not given"
    if isinstance(d, str):
        d = pd.to_datetime(d)
    if isinstance(d, (pd.Timestamp, dt.datetime)):
        d = d.date()
    return f"{d.day} {d.strftime('%B %Y')}"


def as_at(period_label: str | None, period_end=None) -> str:
    """'as at 31 March 2025' for snapshots, the label otherwise ('2024-25 (to 31 March 2025)')."""
    label = (period_label or "").strip()
    if period_end is None or (not isinstance(period_end, str) and pd.isna(period_end)):
        return label or "date not given"
    end = fmt_date(period_end)
    if not label or label[:4].isdigit() and len(label) == 4:
        return f"as at {end}"
    if end in label or label.lower().startswith(("as at", "at ")):
        return label
    return f"{label} (to {end})"


def change_text(
    latest: float | None, previous: float | None, unit: str, decimals: int | None, prev_label: str
) -> str:
    if latest is None or previous is None or pd.isna(latest) or pd.isna(previous):
        return "no earlier figure to compare"
    diff = latest - previous
    if abs(diff) < 1e-9:
        return f"no change since {prev_label}"
    word = "up" if diff > 0 else "down"
    since = prev_label[6:] if prev_label.startswith("as at ") else prev_label
    return f"{word} {fmt_value(abs(diff), unit, decimals)} since {since}"


def when_line(text: str | None) -> str:
    """The 'when' part of a slide or download footer, from a view's as_at text: 'As at 31 March 2025' (never
    'As at: as at ...'), 'As at 24 Jan 2008 (end of intervention)', 'Period: 2024-25 (to 31 March 2025)'."""
    t = (text or "").strip()
    if not t:
        return "As at: see the source"
    if t.lower().startswith("as at "):
        return "As at " + t[6:]
    if re.match(r"\d{1,2} [A-Z][a-z]+ \d{4}", t):
        return "As at " + t
    return f"Period: {t}"


# Headers people read in on-screen tables (downloads keep the stable machine names). Columns not listed
# get their name with spaces for underscores and a capital first letter.
COLUMN_LABELS = {
    "series": "Area or series",
    "period": "Period",
    "period_end": "As at",
    "period_label": "Period",
    "value": "Value",
    "status": "Status",
    "lower": "95% interval: lower",
    "upper": "95% interval: upper",
    "value_type": "Type of figure",
    "source_kind": "Kind of source",
    "source_document": "Source document",
    "source_line": "Line",
    "source_quote": "Quote from the source",
    "area_code": "Area code",
    "area_name": "Area",
    "n_figures": "Number of figures",
    "n_observations": "Number of figures",
    "n_obs": "Number of figures",
    "published_date": "Published",
    "file_name": "File",
    "url": "Link",
    "indicator_id": "Indicator code",
    "rec_id": "Recommendation no.",
    "action_id": "Action no.",
    "lead_roles": "Lead (roles)",
    "target_text": "Target",
    "days_overdue": "Days overdue",
    "as_at": "As at",
    "at_date": "As at",
    "locality_name": "Locality",
    "sub_area_name": "Hereford sub-area",
    "ward_name": "Ward",
    "ward_code": "Ward code",
    "lsoa_code": "LSOA code",
    "lsoa_name": "LSOA",
    "grade_label": "Grade",
    "evidence_source": "Evidence source",
    "action_status": "Action status",
    "action_rule": "Rule for the action's status",
    "unit": "Unit",
    "ecm_outcome": "Every Child Matters outcome",
    "rec_status": "Recommendation status",
    "rec_rule": "Rule for the recommendation's status",
    "lead": "Lead (as written)",
    "lead_effective": "Lead (from the row above where blank)",
    "source_id": "Source",
    "target_date": "Target date",
    "latest_progress_date": "Latest progress reported",
    "status_basis": "Status based on",
}


def column_label(name: str) -> str:
    """The header a table shows for a column: 'source_line' -> 'Line', 'shown value' -> 'Shown value'."""
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]
