"""Periods of the locality format: as-at dates, calendar quarters, financial years, with year sanity."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

YEAR_RANGE = (1990, 2100)  # periods outside these years are typing errors (and crash date arithmetic)


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date
    end: dt.date


def _d_month_y(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _parse_date(s: str) -> dt.date | None:
    s = s.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            pass
    return None


def _year_message(s: str) -> str:
    return f"'{s}' has a year outside {YEAR_RANGE[0]}-{YEAR_RANGE[1]}; check the year."


def _is_quarter_end(d: dt.date) -> bool:
    return (d.month, d.day) in QUARTER_END.values()


def parse_period(raw: str, period_type: str) -> tuple[Period | None, str | None]:
    """Locality-format period → Period, or an explanation. Snapshot indicators: as-at date; flows: the
    quarter or financial year the count covers."""
    s = raw.strip()
    snapshot = "snapshot" in period_type
    m = re.fullmatch(r"(\d{4})\s*-?\s*Q([1-4])", s, flags=re.I)
    if m and not YEAR_RANGE[0] <= int(m.group(1)) <= YEAR_RANGE[1]:
        return None, _year_message(s)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        end = dt.date(y, *QUARTER_END[q])
        start = dt.date(y, 3 * q - 2, 1)
        if snapshot:
            return Period(_d_month_y(end), end, end), None
        return Period(
            f"{y}-Q{q} ({MONTHS[start.month - 1]} to {MONTHS[end.month - 1]} {y})", start, end
        ), None
    m = re.fullmatch(r"(\d{4})\s*[-/]\s*(\d{2})", s)
    if m and not YEAR_RANGE[0] <= int(m.group(1)) < YEAR_RANGE[1]:
        return None, _year_message(s)
    if m:
        y = int(m.group(1))
        if int(m.group(2)) != (y + 1) % 100:
            return (
                None,
                f"'{s}' is not a financial year (the second year must follow the first, e.g. 2024-25).",
            )
        if snapshot:
            return None, (
                f"'{s}' is a financial year, but this indicator is a snapshot at a date; give the "
                f"as-at date, e.g. 31 March {y + 1}."
            )
        return Period(f"{y}-{(y + 1) % 100:02d}", dt.date(y, 4, 1), dt.date(y + 1, 3, 31)), None
    d = _parse_date(s)
    if d is None:
        return None, (
            f"'{s}' is not a period this format accepts (e.g. 31 March 2025 or 2025-Q1)."
            if s
            else "The period is blank."
        )
    if not YEAR_RANGE[0] <= d.year <= YEAR_RANGE[1]:
        return None, _year_message(s)
    if not _is_quarter_end(d):
        return (
            None,
            f"{_d_month_y(d)} is not the last day of a quarter (31 March, 30 June, 30 September, 31 "
            "December).",
        )
    if snapshot:
        return Period(_d_month_y(d), d, d), None
    if (d.month, d.day) == (3, 31):
        return Period(f"{d.year - 1}-{d.year % 100:02d}", dt.date(d.year - 1, 4, 1), d), None
    q = [k for k, v in QUARTER_END.items() if v == (d.month, d.day)][0]
    return parse_period(f"{d.year}-Q{q}", period_type)
