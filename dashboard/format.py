"""Formatting numbers, units, periods and source lines for people (no Streamlit)."""

from __future__ import annotations

import datetime as dt

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


def change_text(latest: float | None, previous: float | None, unit: str, decimals: int | None,
                prev_label: str) -> str:
    if latest is None or previous is None or pd.isna(latest) or pd.isna(previous):
        return "no earlier figure to compare"
    diff = latest - previous
    if abs(diff) < 1e-9:
        return f"no change since {prev_label}"
    word = "up" if diff > 0 else "down"
    since = prev_label[6:] if prev_label.startswith("as at ") else prev_label
    return f"{word} {fmt_value(abs(diff), unit, decimals)} since {since}"
