"""The indicator catalogue's rules, read from `data/indicators.csv` (or the store's `indicators` table): which
indicators are counts of people, which rate is built on which count (`count_indicator`), and what range a
value of each unit may take. One home for these rules: disclosure control, the upload checks and the loaders
all ask here."""

from __future__ import annotations

import csv
import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path

CATALOGUE_CSV = Path(__file__).resolve().parent / "indicators.csv"
COUNT_UNITS = {"count", "number"}
# A count above this for Herefordshire (about 36,000 children) is a typing error, not a figure.
MAX_PLAUSIBLE_COUNT = 1_000_000


@dataclass(frozen=True)
class Entry:
    indicator_id: str
    unit: str
    period_type: str = ""
    multiplier: float | None = None
    count_indicator: str | None = None
    name: str = ""

    @property
    def kind(self) -> str:
        return unit_kind(self.unit)

    @property
    def counts_areas(self) -> bool:
        """A figure about areas, not people: a count or share of LSOAs ("LSOAs in national IMD decile 1",
        "LSOAs in the most deprived 20% nationally", unit "% of LSOAs"). Its numerator counts LSOAs, so it
        identifies nobody. Figures about the children in an LSOA ("... average LSOA rank", "Children in
        income-deprived families (aged 0-15, LSOA)") say LSOA in the singular and are about people. A count of
        schools (unit "count of schools", from the public register of schools) identifies nobody either."""
        unit = (self.unit or "").strip().lower()
        return unit == "count of schools" or bool(re.search(r"\blsoas\b", f"{self.name} {unit}".lower()))


def unit_kind(unit: str | None) -> str:
    """'count', 'percent', 'rate', 'difference' (may be negative) or 'other', from a catalogue unit."""
    u = (unit or "").strip().lower()
    if u in COUNT_UNITS or u.startswith(("number of", "count of")):  # "count of children", "... of pupils"
        return "count"
    if "percentage point" in u or "change" in u or "gap" in u or "difference" in u:
        return "difference"
    if u.startswith("%") or u.startswith("percent") or u == "percentage":
        return "percent"
    if u.startswith("rate"):
        return "rate"
    return "other"


def value_problem(value: float, entry: Entry) -> str | None:
    """Why a value cannot be right for an indicator of this unit (None when it can)."""
    if not math.isfinite(value):
        return "is not a finite number"
    kind = entry.kind
    if kind == "count":
        if value < 0 or not float(value).is_integer():
            return "is a count, so it must be a whole number, 0 or more"
        if value > MAX_PLAUSIBLE_COUNT:
            return f"is a count above {MAX_PLAUSIBLE_COUNT:,}, which is not plausible for Herefordshire"
    elif kind == "percent" and not 0 <= value <= 100:
        return "is a percentage, so it must be from 0 to 100"
    elif kind == "rate" and value < 0:
        return "is a rate, so it cannot be negative"
    elif kind == "rate" and value > (entry.multiplier or 10_000_000):
        return f"is a rate above {entry.multiplier or 10_000_000:,.0f}, which is not possible"
    elif abs(value) > 1e12:
        return "is far too large to be a figure"
    return None


def _entries(rows) -> dict[str, Entry]:
    out = {}
    for r in rows:
        mult = r.get("multiplier")
        try:
            mult = float(mult) if mult not in (None, "") else None
        except (TypeError, ValueError):
            mult = None
        out[r["indicator_id"]] = Entry(
            r["indicator_id"],
            r.get("unit") or "",
            r.get("period_type") or "",
            mult if mult is None or math.isfinite(mult) else None,
            r.get("count_indicator") or None,
            r.get("name") or "",
        )
    return out


@functools.cache
def project_catalogue() -> dict[str, Entry]:
    """The project's own catalogue (data/indicators.csv), without opening the store."""
    with CATALOGUE_CSV.open(newline="", encoding="utf-8") as fh:
        return _entries(list(csv.DictReader(fh)))


def store_catalogue(con) -> dict[str, Entry]:
    """The store's catalogue (project, seed and LAIT dictionary indicators)."""
    cur = con.execute(
        "SELECT indicator_id, unit, period_type, multiplier, count_indicator, name FROM indicators"
    ).fetchall()
    cols = ["indicator_id", "unit", "period_type", "multiplier", "count_indicator", "name"]
    return _entries([dict(zip(cols, r, strict=True)) for r in cur])


def rate_for_count(catalogue: dict[str, Entry] | None = None) -> dict[str, str]:
    """count indicator -> the rate built on it (from the `count_indicator` column of the rate's row)."""
    cat = project_catalogue() if catalogue is None else catalogue
    return {e.count_indicator: e.indicator_id for e in cat.values() if e.count_indicator}


def count_ids(catalogue: dict[str, Entry] | None = None) -> set[str]:
    """Indicators whose values are counts of people."""
    cat = project_catalogue() if catalogue is None else catalogue
    return {i for i, e in cat.items() if e.kind == "count"}
