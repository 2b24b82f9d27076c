"""The two kinds of upload (locality and ward counts; county values of any catalogue indicator): their
columns, limits, the format text the Upload page quotes and the templates."""

from __future__ import annotations

import io
import re

import pandas as pd

from dashboard import areas
from data.catalogue import rate_for_count
from data.loaders import uploads as _loader

MAX_BYTES = 2 * 1024 * 1024


MAX_ROWS = 20_000


COUNTY = areas.HERE


COUNTY_NAMES = {"e06000019", "herefordshire", "herefordshire, county of", "county"}

# Count indicators a locality/ward file may carry, and the rate each one feeds (per 10,000 aged 0-17).


COUNT_INDICATORS: tuple[str, ...] = ("cin_count", "CPP_Num", "LACnum", "CPP_Total_NumRef")


RATE_FOR_COUNT = rate_for_count()


POPULATION_INDICATOR = _loader.POPULATION_INDICATOR


KIND_LOCALITY = "locality counts"


KIND_COUNTY = "county values"


LOCALITY_COLUMNS = ["indicator_id", "area", "period", "count", "denominator"]


LOCALITY_REQUIRED = ["indicator_id", "area", "period", "count"]


COUNTY_COLUMNS = ["indicator_id", "area", "period_label", "period_end", "value"]


OPTIONAL_COLUMNS = ["note"]


BELOW_COUNTY_TYPES = ("locality", "sub-locality", "ward", "team")


NORMALISED_COLUMNS = _loader.NORMALISED_COLUMNS


FORMAT_DOC = f"""
**Format 1 — locality and ward counts** (template `locality_counts_template`). Columns:

| column | what to enter |
|---|---|
| `indicator_id` | one of {", ".join(f"`{i}`" for i in COUNT_INDICATORS)} (children in need, on a child protection plan, looked after; referrals) |
| `area` | a ward code (`E05…`), a locality name or code (`Leominster` or `LOC-LEOMINSTER`), a Hereford sub-area (`South Wye`), or `E06000019` for a county total row |
| `period` | `31 March 2025` (an as-at date), or a **calendar** quarter `2025-Q1` (January–March 2025, ending 31 March 2025; Q2 ends 30 June, Q3 30 September, Q4 31 December). For children in need, on a plan or looked after (31 March snapshots) a quarter means "as at the quarter's last day". For referrals (a flow) a quarter means "referrals during the quarter", and `2024-25` or `31 March 2025` mean the financial year April 2024–March 2025 |
| `count` | a whole number, 0 or more |
| `denominator` | optional: the number of children aged 0–17 in that area, if you hold it (a whole number at least as big as the count). A rate per 10,000 is computed **only** when you give it |
| `note` | optional free text kept with the figure |

**Format 2 — county values of any catalogue indicator** (template `county_values_template`). Columns
`indicator_id, area, period_label, period_end, value` (+ optional `note`): `area` must be `E06000019`
(Herefordshire); `period_label` is the period as you would write it (`2024-25`, `31 March 2025`);
`period_end` is its last day as `2025-03-31` or `31/03/2025`; `value` is a number (counts: whole and not
negative; percentages: 0–100).

**Rules.** CSV files may be UTF-8 (with or without BOM) or Windows-1252 ("CSV (Comma delimited)" from
Excel); XLSX files use the sheet named `data`, or the only sheet with data. At most
{MAX_BYTES // (1024 * 1024)} MB and
{MAX_ROWS:,} rows. Cells may not start with `=`, `+`, `-`, `@`, a tab or a carriage return (spreadsheet
formulas), except plain numbers. Each indicator + area + period may appear once. Ward (or locality) counts for
a period may not add up to more than the county total, taken from a county row in the same file or from the
store. Periods may not be in the future. Any problem rejects the whole file; nothing is stored until it is
clean. Uploading the same indicators, periods and areas again **replaces** the earlier upload (kept in the
audit log, marked "replaced"); a roll-back removes an upload's figures and leaves the store as it was.

**Populations.** ONS publishes no child population for wards, LSOAs or localities in the data pack, so
locality and ward rates are computed only from a denominator you upload. County rates for uploaded county
counts use the ONS mid-year estimate of children aged 0–17 (the latest estimate on or before the period end,
the year is stated in the note) when it is in the store. No denominator is ever invented.
"""  # noqa: E501  (markdown table rows stay one line each)


def template_frame(kind: str = KIND_LOCALITY) -> pd.DataFrame:
    cols = LOCALITY_COLUMNS if kind == KIND_LOCALITY else COUNTY_COLUMNS
    return pd.DataFrame(columns=cols + ["note"])


def template_csv(kind: str = KIND_LOCALITY) -> bytes:
    """Header row only (UTF-8): example rows would be loaded as figures if left in."""
    return template_frame(kind).to_csv(index=False).encode("utf-8")


def template_xlsx(kind: str = KIND_LOCALITY) -> bytes:
    """A workbook with an empty `data` sheet (period columns formatted as text) and a `notes` sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "data"
    cols = list(template_frame(kind).columns)
    ws.append(cols)
    for i, c in enumerate(cols, start=1):
        ws.cell(row=1, column=i).font = Font(bold=True)
        letter = ws.cell(row=1, column=i).column_letter
        ws.column_dimensions[letter].width = max(14, len(c) + 4)
        if c in ("period", "period_label", "area", "indicator_id"):
            ws.column_dimensions[
                letter
            ].number_format = "@"  # stops Excel turning "31 March 2025" into a date
    notes = wb.create_sheet("notes")
    notes.column_dimensions["A"].width = 120
    notes.append(
        [f"Herefordshire children's dashboard: {kind} upload template. Fill in the 'data' sheet only."]
    )
    for line in _plain(FORMAT_DOC).splitlines():
        notes.append([line])
    notes.append([])
    notes.append(["Examples (do not paste into 'data' unless they are your real figures):"])
    if kind == KIND_LOCALITY:
        notes.append(["cin_count | Leominster | 31 March 2025 | <count> | <children aged 0-17, optional>"])
        notes.append(["CPP_Num | E05009455 | 2025-Q2 | <count> |"])
    else:
        notes.append(["LAC | E06000019 | 31 March 2025 | 2025-03-31 | <value>"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _plain(md: str) -> str:
    return re.sub(r"[`*]", "", md).strip()
