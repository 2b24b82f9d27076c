"""Local data import: templates, validation, archive, audit log, load and roll back (no Streamlit here).

An analyst uploads a CSV or XLSX file. Every row is checked **before anything is stored**; if any
check fails the whole file is rejected and each problem is listed with its row (as Excel numbers it:
the header is row 1), its column and a plain-English fix. An accepted file is archived under
`var/uploads/<upload_id>/` (the original file, its SHA-256 and a normalised CSV of the validated rows),
recorded in `var/uploads/manifest.json` (the audit log) and the store is rebuilt (`data.build.build`)
into a temporary file that is renamed into place: readers see all of the upload or none of it. If the
rebuild fails the manifest change is undone and the archive removed. Writers are serialised by a file
lock (`var/.uploads.lock`).

Two formats (the Upload page and the README quote FORMAT_DOC below).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import fcntl
import hashlib
import io
import json
import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pandera.pandas as pa

from dashboard import areas, config
from data.loaders import uploads as _loader

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
COUNTY = areas.HERE
COUNTY_NAMES = {"e06000019", "herefordshire", "herefordshire, county of", "county"}

# Count indicators a locality/ward file may carry, and the rate each one feeds (per 10,000 aged 0-17).
COUNT_INDICATORS: tuple[str, ...] = ("cin_count", "CPP_Num", "LACnum", "CPP_Total_NumRef")
RATE_FOR_COUNT = _loader.RATE_FOR_COUNT
POPULATION_INDICATOR = _loader.POPULATION_INDICATOR

KIND_LOCALITY = "locality counts"
KIND_COUNTY = "county values"
LOCALITY_COLUMNS = ["indicator_id", "area", "period", "count", "denominator"]
LOCALITY_REQUIRED = ["indicator_id", "area", "period", "count"]
COUNTY_COLUMNS = ["indicator_id", "area", "period_label", "period_end", "value"]
OPTIONAL_COLUMNS = ["note"]
BELOW_COUNTY_TYPES = ("locality", "sub-locality", "ward", "team")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
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


class UploadError(Exception):
    """The upload or roll-back could not be done; `problems` lists why (for the page's table)."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class Problem:
    row: int | None  # as Excel shows it (header = 1); None for the whole file
    column: str
    problem: str
    fix: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "problem": self.problem, "fix": self.fix}


@dataclass
class CheckResult:
    file_name: str
    sha256: str
    kind: str | None = None
    rows: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=NORMALISED_COLUMNS))
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)
    synthetic: bool = False
    sheet: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def problems_frame(self) -> pd.DataFrame:
        return pd.DataFrame([p.as_dict() for p in self.problems], columns=["row", "column", "problem", "fix"])

    def summary(self) -> pd.DataFrame:
        """Rows to load per indicator and period (for the page's confirmation step)."""
        if self.rows.empty:
            return pd.DataFrame(columns=["indicator_id", "period_label", "areas", "total"])
        return (
            self.rows.groupby(["indicator_id", "period_label"], sort=True)
            .agg(areas=("area_code", "count"), total=("value", "sum"))
            .reset_index()
        )


@dataclass
class UploadResult:
    upload_id: str
    rows: int
    replaced: list[str]
    kind: str
    warnings: list[str]


# --------------------------------------------------------------------------------------------- templates


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


# ------------------------------------------------------------------------------------------- reference


@dataclass
class Reference:
    """What validation needs from the store: catalogue, areas, county totals, populations."""

    indicators: dict[str, dict]
    areas: dict[str, dict]  # code -> {name, type, parent}
    ward_locality: dict[str, str] = field(default_factory=dict)  # ward code -> locality code
    county_values: dict[tuple, float] = field(default_factory=dict)  # (indicator, period_end) -> value
    county_sources: dict[tuple, str] = field(default_factory=dict)
    county_all: dict[tuple, set] = field(default_factory=dict)  # every published value (sources may differ)

    @property
    def names(self) -> dict[str, str]:
        idx: dict[str, str] = {}
        for code, a in self.areas.items():
            if a["type"] in BELOW_COUNTY_TYPES or code == COUNTY:
                idx[a["name"].strip().lower()] = code
        for code, a in self.areas.items():
            if a["type"] in BELOW_COUNTY_TYPES or code == COUNTY:
                idx[code.lower()] = code  # codes win over names
        for n in COUNTY_NAMES:
            idx[n] = COUNTY
        return idx

    def locality_of(self, code: str) -> str | None:
        a = self.areas.get(code, {})
        if a.get("type") == "ward":
            return self.ward_locality.get(code) or (
                a.get("parent")
                if self.areas.get(a.get("parent") or "", {}).get("type") == "locality"
                else None
            )
        if a.get("type") == "sub-locality":
            return a.get("parent")
        return None

    @classmethod
    def from_store(cls, store_path: Path | None = None) -> Reference:
        path = Path(store_path or config.store_path())
        if not path.exists():
            raise UploadError(
                f"The data store {path.name} has not been built, so the file cannot be checked. "
                "Run `make store` first."
            )
        con = duckdb.connect(str(path), read_only=True)
        try:
            ind = con.execute(
                "SELECT indicator_id, name, unit, period_type, multiplier FROM indicators"
            ).fetchall()
            indicators = {
                r[0]: {"name": r[1], "unit": r[2], "period_type": r[3] or "", "multiplier": r[4]} for r in ind
            }
            areas = {
                r[0]: {"name": r[1], "type": r[2], "parent": r[3]}
                for r in con.execute(
                    "SELECT area_code, area_name, area_type, parent_code FROM areas"
                ).fetchall()
            }
            by_name = {a["name"].lower(): c for c, a in areas.items() if a["type"] == "locality"}
            wl = {}
            for ward, loc in con.execute("SELECT ward_code, locality FROM ward_locality").fetchall():
                code = loc if loc in areas else by_name.get((loc or "").lower())
                if code:
                    wl[ward] = code
            cv, cs, alts = {}, {}, {}
            for ind_id, end, value, src in con.execute(
                "SELECT indicator_id, period_end, value, source_id FROM observations "
                "WHERE area_code = ? AND value IS NOT NULL AND period_end IS NOT NULL "
                "AND value_type = 'actual' AND upload_id IS NULL",
                [COUNTY],
            ).fetchall():
                cv.setdefault((ind_id, end), value)
                cs.setdefault((ind_id, end), src)
                alts.setdefault((ind_id, end), set()).add(value)
        finally:
            con.close()
        return cls(indicators, areas, wl, cv, cs, alts)


# ------------------------------------------------------------------------------------------------ reading


def _decode(data: bytes) -> tuple[str | None, str | None, Problem | None]:
    """Return (text, encoding) or a problem. UTF-8 (BOM or not), then Windows-1252."""
    fix_enc = 'In Excel use File > Save As > "CSV UTF-8 (Comma delimited)" and upload that file.'
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (
        len(data) > 3 and data[1:2] == b"\x00" or data[:1] == b"\x00"
    ):
        return (
            None,
            None,
            Problem(
                None, "", 'The file is saved as UTF-16 ("Unicode text"), which is not accepted.', fix_enc
            ),
        )
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        bad = [ch for ch in text if (ord(ch) < 32 and ch not in "\t\r\n") or ord(ch) == 0x7F]
        if bad:
            return (
                None,
                None,
                Problem(
                    None,
                    "",
                    f"The file contains bytes that are not text (e.g. character "
                    f"code {ord(bad[0])}); it may not be a CSV file or may be damaged.",
                    fix_enc,
                ),
            )
        return text, enc, None
    return (
        None,
        None,
        Problem(
            None,
            "",
            "The file's characters are in an encoding that is neither UTF-8 nor "
            "Windows-1252, so some letters cannot be read.",
            fix_enc,
        ),
    )


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v).upper()
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def _read_csv(text: str) -> tuple[list[list[str]], list[Problem]]:
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), strict=True)]
    except csv.Error as e:
        return [], [
            Problem(
                None,
                "",
                f"The file cannot be read as CSV ({e}).",
                'Check for a stray double-quote (") and save again as CSV from Excel.',
            )
        ]
    return rows, []


def _read_xlsx(data: bytes) -> tuple[list[list[str]], str | None, list[Problem]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as e:  # openpyxl raises many types for damaged files
        return (
            [],
            None,
            [
                Problem(
                    None,
                    "",
                    f"The file cannot be opened as an Excel workbook ({type(e).__name__}).",
                    "Open it in Excel, check it is not damaged or password-protected, save it as "
                    '"Excel Workbook (.xlsx)" and upload again.',
                )
            ],
        )
    try:
        sheets: dict[str, list[list]] = {}
        formula_cells: dict[str, list[tuple[int, int]]] = {}
        for ws in wb.worksheets:
            grid, formulas = [], []
            for r_i, row in enumerate(ws.iter_rows(), start=1):
                vals = []
                for c_i, cell in enumerate(row, start=1):
                    if getattr(cell, "data_type", None) == "f":
                        formulas.append((r_i, c_i))
                    vals.append(getattr(cell, "value", None))
                grid.append(vals)
            while grid and all(v is None or str(v).strip() == "" for v in grid[-1]):
                grid.pop()
            if grid:
                sheets[ws.title] = grid
                formula_cells[ws.title] = formulas
    except Exception as e:
        return (
            [],
            None,
            [
                Problem(
                    None,
                    "",
                    f"The workbook is damaged and its cells cannot be read ({type(e).__name__}).",
                    "Open it in Excel, save it again as .xlsx and upload again.",
                )
            ],
        )
    finally:
        wb.close()
    named = [s for s in sheets if s.strip().lower() == "data"]
    if named:
        name = named[0]
    elif len(sheets) == 1:
        name = next(iter(sheets))
    elif not sheets:
        return (
            [],
            None,
            [
                Problem(
                    None,
                    "",
                    "The workbook has no data in any sheet.",
                    "Fill in the 'data' sheet of the template.",
                )
            ],
        )
    else:
        return (
            [],
            None,
            [
                Problem(
                    None,
                    "",
                    "The workbook has several sheets with data ("
                    + ", ".join(f"'{s}'" for s in sheets)
                    + ") and none is named 'data'.",
                    "Rename the sheet to load as 'data', or delete the other sheets.",
                )
            ],
        )
    grid = sheets[name]
    problems = []
    for r_i, c_i in formula_cells.get(name, []):
        col = _cell_text(grid[0][c_i - 1]) if c_i - 1 < len(grid[0]) else f"column {c_i}"
        problems.append(
            Problem(
                r_i,
                col,
                "The cell contains a formula.",
                "Copy the sheet and use Paste Special > Values, so cells hold numbers and text only.",
            )
        )
    return [[_cell_text(v) for v in row] for row in grid], name, problems


def _norm_header(h: str) -> str:
    return re.sub(r"\s+", "_", h.strip().lower())


def _is_plain_number(s: str) -> bool:
    return bool(_NUMBER.match(s.strip().replace(",", "")))


# ------------------------------------------------------------------------------------------------ periods


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


def _is_quarter_end(d: dt.date) -> bool:
    return (d.month, d.day) in QUARTER_END.values()


def parse_period(raw: str, period_type: str) -> tuple[Period | None, str | None]:
    """Locality-format period → Period, or an explanation. Snapshot indicators: as-at date; flows: the
    quarter or financial year the count covers."""
    s = raw.strip()
    snapshot = "snapshot" in period_type
    m = re.fullmatch(r"(\d{4})\s*-?\s*Q([1-4])", s, flags=re.I)
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


# ------------------------------------------------------------------------------------------------ checking

_FIXES = {
    "not_nullable": ("is blank.", "Enter a value in every required cell (or delete the row)."),
    "number": ("'{v}' is not a number.", "Enter digits only, e.g. 12 (no words, units or symbols)."),
    "non_negative": ("'{v}' is negative.", "Counts cannot be below zero; check the figure."),
    "whole": ("'{v}' is not a whole number.", "Counts are whole numbers of children; remove the decimals."),
    "positive": (
        "'{v}' must be more than zero.",
        "Enter the number of children aged 0-17, or leave it blank.",
    ),
    "count_indicator": (
        "'{v}' is not an indicator this format accepts.",
        "Use one of: " + ", ".join(COUNT_INDICATORS) + " (exact spelling, upper/lower case as shown).",
    ),
    "catalogue_indicator": (
        "'{v}' is not an indicator in the dashboard's catalogue.",
        "Use an indicator_id from the Explore page's list (exact spelling).",
    ),
}


def _num(v) -> float | None:
    if v is None:
        return None
    s = str(v).strip().replace(",", "")
    return float(s) if _NUMBER.match(s) else None


def _checks(kind: str, ref: Reference) -> pa.DataFrameSchema:
    def ck(fn, name):
        return pa.Check(lambda v: v is None or fn(v), element_wise=True, name=name, error=name)

    is_num = ck(lambda v: _num(v) is not None, "number")
    non_neg = ck(lambda v: _num(v) is None or _num(v) >= 0, "non_negative")
    whole = ck(lambda v: _num(v) is None or float(_num(v)).is_integer(), "whole")
    text = {"dtype": object, "coerce": False}
    if kind == KIND_LOCALITY:
        allowed = [i for i in COUNT_INDICATORS if i in ref.indicators]
        cols = {
            "indicator_id": pa.Column(
                nullable=False, checks=[ck(lambda v: v in allowed, "count_indicator")], **text
            ),
            "area": pa.Column(nullable=False, **text),
            "period": pa.Column(nullable=False, **text),
            "count": pa.Column(nullable=False, checks=[is_num, non_neg, whole], **text),
            "denominator": pa.Column(
                nullable=True,
                required=False,
                checks=[is_num, non_neg, whole, ck(lambda v: _num(v) is None or _num(v) != 0, "positive")],
                **text,
            ),
        }
    else:
        cols = {
            "indicator_id": pa.Column(
                nullable=False, checks=[ck(lambda v: v in ref.indicators, "catalogue_indicator")], **text
            ),
            "area": pa.Column(nullable=False, **text),
            "period_label": pa.Column(nullable=False, **text),
            "period_end": pa.Column(nullable=False, **text),
            "value": pa.Column(nullable=False, checks=[is_num], **text),
        }
    cols["note"] = pa.Column(nullable=True, required=False, **text)
    return pa.DataFrameSchema(cols, strict=False)


def check_file(
    data: bytes,
    file_name: str,
    ref: Reference | None = None,
    store_path: Path | None = None,
    today: dt.date | None = None,
    active: dict[str, set] | None = None,
) -> CheckResult:
    """Read and validate an upload. Nothing is written. `active` maps active upload ids to their keys
    (default: read from the manifest) to decide which earlier uploads this one replaces."""
    res = CheckResult(file_name=file_name or "", sha256=hashlib.sha256(data or b"").hexdigest())
    today = today or dt.date.today()
    P = res.problems
    name = (file_name or "").strip()
    ext = Path(name).suffix.lower()
    if ext not in (".csv", ".xlsx"):
        hint = {
            ".xls": 'This is the old Excel format. Open it in Excel and save as "Excel Workbook (.xlsx)".',
            ".xlsm": 'Macro-enabled workbooks are not accepted. Save as "Excel Workbook (.xlsx)".',
        }
        P.append(
            Problem(
                None,
                "",
                f"Files of type '{ext or 'no extension'}' are not accepted.",
                hint.get(ext, "Upload a .csv or .xlsx file made from the template."),
            )
        )
        return res
    if not data or not data.strip(b" \t\r\n\xef\xbb\xbf"):
        P.append(Problem(None, "", "The file is empty.", "Fill in the template and upload it again."))
        return res
    if len(data) > MAX_BYTES:
        P.append(
            Problem(
                None,
                "",
                f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB.",
                f"Split it into files of at most {MAX_ROWS:,} rows.",
            )
        )
        return res
    if ext == ".csv":
        if data[:2] == b"PK":
            P.append(
                Problem(
                    None,
                    "",
                    "The file is named .csv but is an Excel workbook.",
                    "Rename it to .xlsx, or save it from Excel as CSV.",
                )
            )
            return res
        text, _enc, prob = _decode(data)
        if prob:
            P.append(prob)
            return res
        grid, probs = _read_csv(text)
    else:
        if not zipfile.is_zipfile(io.BytesIO(data)):
            P.append(
                Problem(
                    None,
                    "",
                    "The file is named .xlsx but is not an Excel workbook (it may be damaged, "
                    "or a CSV or old .xls file renamed).",
                    'Open it in Excel and save it as "Excel Workbook (.xlsx)".',
                )
            )
            return res
        grid, res.sheet, probs = _read_xlsx(data)
    P.extend(probs)
    if P:
        return res
    # drop trailing blank rows; blank rows in the middle are an error (the table may be in two pieces)
    while grid and all(c.strip() == "" for c in grid[-1]):
        grid.pop()
    if not grid:
        P.append(Problem(None, "", "The file is empty.", "Fill in the template and upload it again."))
        return res
    header_raw = grid[0]
    while header_raw and header_raw[-1].strip() == "":
        header_raw = header_raw[:-1]
    header = [_norm_header(h) for h in header_raw]
    if len(header) == 1 and (";" in header_raw[0] or "\t" in header_raw[0]):
        P.append(
            Problem(
                1,
                "",
                "The columns are separated by semicolons or tabs, not commas.",
                'Save from Excel as "CSV UTF-8 (Comma delimited)".',
            )
        )
        return res
    if "count" in header and "value" in header:
        P.append(
            Problem(
                1,
                "",
                "The header has both 'count' and 'value' columns, so it fits neither format.",
                "Use the locality template (count) or the county template (value), not both.",
            )
        )
        return res
    res.kind = KIND_COUNTY if ("value" in header or "period_end" in header) else KIND_LOCALITY
    expected = (LOCALITY_COLUMNS if res.kind == KIND_LOCALITY else COUNTY_COLUMNS) + OPTIONAL_COLUMNS
    required = LOCALITY_REQUIRED if res.kind == KIND_LOCALITY else COUNTY_COLUMNS
    for i, h in enumerate(header):
        if h == "":
            P.append(
                Problem(
                    1,
                    f"column {i + 1}",
                    "A column has no heading.",
                    "Delete the column or give it one of the template's headings.",
                )
            )
        elif h not in expected:
            P.append(
                Problem(
                    1,
                    header_raw[i].strip(),
                    f"'{header_raw[i].strip()}' is not a column of this format.",
                    "Remove the column, or correct the heading to one of: " + ", ".join(expected) + ".",
                )
            )
        elif header.count(h) > 1 and header.index(h) == i:
            P.append(
                Problem(1, h, f"The heading '{h}' appears more than once.", "Keep one column of each name.")
            )
    for c in required:
        if c not in header:
            P.append(
                Problem(
                    1,
                    c,
                    f"The required column '{c}' is missing.",
                    "Start from the template; the header row must have: " + ", ".join(required) + ".",
                )
            )
    if P:
        return res
    body = grid[1:]
    if not body:
        P.append(Problem(None, "", "The file has a header but no rows of figures.", "Add a row per figure."))
        return res
    if len(body) > MAX_ROWS:
        P.append(
            Problem(
                None,
                "",
                f"The file has {len(body):,} rows; the limit is {MAX_ROWS:,}.",
                "Split it into smaller files.",
            )
        )
        return res
    records, rownums = [], []
    for i, row in enumerate(body, start=2):
        if all(c.strip() == "" for c in row):
            P.append(Problem(i, "", "The row is empty.", "Delete empty rows between figures."))
            continue
        extra = [c for c in row[len(header) :] if c.strip()]
        if extra:
            P.append(
                Problem(
                    i,
                    "",
                    f"The row has {len(row)} values but the header has {len(header)} columns.",
                    "Check for a comma inside a value (put the value in double quotes) or a stray cell.",
                )
            )
            continue
        row = row[: len(header)] + [""] * (len(header) - len(row))
        for h, cell in zip(header, row):
            if cell[:1] in ("\t", "\r") or (cell.strip()[:1] in FORMULA_START and not _is_plain_number(cell)):
                P.append(
                    Problem(
                        i,
                        h,
                        f"The cell starts with '{cell.strip()[:1] or repr(cell[:1])}', which a "
                        "spreadsheet would run as a formula.",
                        "Remove the leading character; cells hold plain text and numbers only.",
                    )
                )
        rec = {h: (cell.strip() or None) for h, cell in zip(header, row)}
        if res.kind == KIND_COUNTY:
            rec.setdefault("note", None)
        records.append(rec)
        rownums.append(i)
    if not records:
        return res
    ref = ref or Reference.from_store(store_path)
    df = pd.DataFrame.from_records(records, index=pd.Index(rownums, name="row")).astype(object)
    df = df.where(df.notna(), None)
    try:
        _checks(res.kind, ref).validate(df, lazy=True)
    except pa.errors.SchemaErrors as e:
        fc = e.failure_cases
        for _, f in fc.iterrows():
            check = str(f["check"])
            col = str(f["column"])
            if check not in _FIXES or pd.isna(f["index"]):
                P.append(
                    Problem(None, col, f"Column {col}: {check}.", "Check the column against the template.")
                )
                continue
            prob, fix = _FIXES[check]
            v = f["failure_case"]
            P.append(
                Problem(
                    int(f["index"]),
                    col,
                    (f"The {col} " + prob.format(v=v)) if check != "not_nullable" else f"The {col} is blank.",
                    fix,
                )
            )
    rows = (_rows_locality if res.kind == KIND_LOCALITY else _rows_county)(df, ref, today, P, res)
    seen_cells, unique = set(), []
    for p in P:  # one problem per cell: the first found (e.g. a formula, not also "not a number")
        if p.row is not None and p.column and (p.row, p.column) in seen_cells:
            continue
        seen_cells.add((p.row, p.column))
        unique.append(p)
    P[:] = sorted(unique, key=lambda p: (p.row or 0, p.column))
    if P:
        return res
    res.rows = rows
    res.synthetic = (
        "synthetic" in name.lower() or rows["note"].fillna("").str.contains("SYNTHETIC", case=False).any()
    )
    if active is None:
        active = active_keys()
    _replacements(res, active)
    return res


def _resolve_area(raw: str, ref: Reference) -> str | None:
    return ref.names.get(raw.strip().lower())


def _rows_locality(df: pd.DataFrame, ref: Reference, today: dt.date, P: list[Problem], res: CheckResult):
    bad_rows = {p.row for p in P}
    out = []
    seen: dict[tuple, int] = {}
    for row, r in df.iterrows():
        if row in bad_rows:
            continue
        ind = r["indicator_id"]
        code = _resolve_area(r["area"], ref)
        if code is None:
            P.append(
                Problem(
                    row,
                    "area",
                    f"'{r['area']}' is not a ward code, locality or Herefordshire.",
                    "Use a ward code (E05...), a locality name or code from the Localities list "
                    "(e.g. Leominster or LOC-LEOMINSTER), or E06000019 for the county.",
                )
            )
            continue
        per, why = parse_period(r["period"], ref.indicators[ind]["period_type"])
        if per is None:
            P.append(
                Problem(row, "period", why, "Write 31 March 2025 or a calendar quarter such as 2025-Q1.")
            )
            continue
        if per.end > today:
            P.append(
                Problem(
                    row,
                    "period",
                    f"{per.label} ends on {_d_month_y(per.end)}, which is in the future.",
                    "Check the year; figures can only be loaded for periods that have ended.",
                )
            )
            continue
        count = _num(r["count"])
        den = _num(r.get("denominator"))
        if den is not None and den < count:
            P.append(
                Problem(
                    row,
                    "denominator",
                    f"The denominator ({den:,.0f}) is smaller than the count ({count:,.0f}).",
                    "The denominator is the number of children aged 0-17 in the "
                    "area; check the two columns are not swapped.",
                )
            )
            continue
        key = (ind, code, per.start, per.end)
        if key in seen:
            P.append(
                Problem(
                    row,
                    "area",
                    f"{ind} for {ref.areas[code]['name']} at {per.label} is already given in "
                    f"row {seen[key]}.",
                    "Keep one row per indicator, area and period.",
                )
            )
            continue
        seen[key] = row
        out.append(
            {
                "source_row": row,
                "indicator_id": ind,
                "area_code": code,
                "period_label": per.label,
                "period_start": per.start,
                "period_end": per.end,
                "value": count,
                "denominator": den,
                "note": r.get("note"),
            }
        )
    if P:
        return None
    rows = pd.DataFrame(out, columns=NORMALISED_COLUMNS)
    rows["area_type"] = [("county" if c == COUNTY else ref.areas[c]["type"]) for c in rows["area_code"]]
    keep = []
    for (ind, start, end), g in rows.groupby(["indicator_id", "period_start", "period_end"], sort=False):
        county_rows = g[g["area_type"] == "county"]
        label = g["period_label"].iloc[0]
        total, total_from = None, None
        stored = ref.county_values.get((ind, end))
        if (
            stored is not None
            and start != end
            and ref.indicators[ind]["period_type"].startswith("financial")
            and (end - start).days < 360
        ):
            stored = None  # a quarter of a flow: the store's figure is for the whole year
        if not county_rows.empty:
            cr = county_rows.iloc[0]
            total, total_from = cr["value"], f"the county row (row {cr['source_row']})"
            if stored is not None and cr["value"] not in ref.county_all.get((ind, end), {stored}):
                P.append(
                    Problem(
                        int(cr["source_row"]),
                        "count",
                        f"The county total {cr['value']:,.0f} for {ind} at "
                        f"{label} differs from the figure already in the store ({stored:,.0f}, source "
                        f"{ref.county_sources.get((ind, end))}).",
                        "Correct the county row, or delete it to check against the store's figure.",
                    )
                )
            elif stored is not None:
                res.warnings.append(
                    f"Row {cr['source_row']}: the county total for {ind} at {label} matches the store; "
                    "it was used as a check and is not loaded twice."
                )
                keep.append(int(cr["source_row"]))
        elif stored is not None:
            total, total_from = stored, f"the store ({ref.county_sources.get((ind, end))})"
        else:
            res.warnings.append(
                f"{ind} at {label}: there is no county total in the file or the store, so the "
                "area counts could not be checked against one."
            )
        if total is not None:
            for level in ("ward", "locality", "sub-locality", "team"):
                part = g[g["area_type"] == level]
                if not part.empty and part["value"].sum() > total:
                    P.append(
                        Problem(
                            int(part["source_row"].iloc[-1]),
                            "count",
                            f"The {level} counts for {ind} at {label} add up to {part['value'].sum():,.0f}, "
                            f"more than the county total {total:,.0f} from {total_from} "
                            f"(rows {_ranges(part['source_row'])}).",
                            "Check for double-counted children or a wrong county total.",
                        )
                    )
        # wards within a locality given in the same file
        g_loc = g.set_index("area_code")
        wards = g[g["area_type"] == "ward"]
        if not wards.empty:
            wards = wards.assign(locality=[ref.locality_of(c) for c in wards["area_code"]])
            for loc, wg in wards.groupby("locality"):
                if loc in g_loc.index and wg["value"].sum() > g_loc.loc[loc, "value"]:
                    P.append(
                        Problem(
                            int(wg["source_row"].iloc[-1]),
                            "count",
                            f"The ward counts for {ind} at {label} in {ref.areas[loc]['name']} add up to "
                            f"{wg['value'].sum():,.0f}, more than that locality's row "
                            f"({g_loc.loc[loc, 'value']:,.0f}, row {g_loc.loc[loc, 'source_row']}).",
                            "Check the ward-to-locality assignment and the locality total.",
                        )
                    )
    if P:
        return None
    rows = rows[~rows["source_row"].isin(keep)].drop(columns="area_type")
    return rows.reset_index(drop=True)


def _ranges(rows) -> str:
    rows = sorted(int(r) for r in rows)
    return ", ".join(str(r) for r in rows[:8]) + (" ..." if len(rows) > 8 else "")


def _rows_county(df: pd.DataFrame, ref: Reference, today: dt.date, P: list[Problem], res: CheckResult):
    bad_rows = {p.row for p in P}
    out, seen = [], {}
    for row, r in df.iterrows():
        if row in bad_rows:
            continue
        ind = r["indicator_id"]
        if _resolve_area(r["area"], ref) != COUNTY:
            P.append(
                Problem(
                    row,
                    "area",
                    f"'{r['area']}' is not Herefordshire (E06000019).",
                    "This format is for county figures; use the locality template for localities and wards.",
                )
            )
            continue
        end = _parse_date(r["period_end"])
        if end is None:
            P.append(
                Problem(
                    row,
                    "period_end",
                    f"'{r['period_end']}' is not a date.",
                    "Write the period's last day as 2025-03-31 or 31/03/2025.",
                )
            )
            continue
        if end > today:
            P.append(
                Problem(
                    row,
                    "period_end",
                    f"{_d_month_y(end)} is in the future.",
                    "Check the year; figures can only be loaded for periods that have ended.",
                )
            )
            continue
        if len(r["period_label"]) > 60:
            P.append(
                Problem(
                    row,
                    "period_label",
                    "The period label is longer than 60 characters.",
                    "Write the period briefly, e.g. 2024-25 or 31 March 2025.",
                )
            )
            continue
        value = _num(r["value"])
        unit = (ref.indicators[ind]["unit"] or "").lower()
        if unit == "count" and (value < 0 or not float(value).is_integer()):
            P.append(
                Problem(
                    row,
                    "value",
                    f"{ind} is a count, so {r['value']} is not possible.",
                    "Enter a whole number, 0 or more.",
                )
            )
            continue
        if unit in ("%", "percent", "percentage") and not 0 <= value <= 100:
            P.append(
                Problem(
                    row,
                    "value",
                    f"{ind} is a percentage, so {r['value']} is out of range.",
                    "Enter a value from 0 to 100 (not a fraction such as 0.45).",
                )
            )
            continue
        key = (ind, COUNTY, end)
        if key in seen:
            P.append(
                Problem(
                    row,
                    "period_end",
                    f"{ind} for the period ending {_d_month_y(end)} is already given in row {seen[key]}.",
                    "Keep one row per indicator and period.",
                )
            )
            continue
        seen[key] = row
        if (ind, end) in ref.county_values:
            res.warnings.append(
                f"Row {row}: the store already holds {ind} for {_d_month_y(end)} "
                f"({ref.county_values[(ind, end)]:g}, source {ref.county_sources[(ind, end)]}); "
                "both will be kept, each labelled with its source."
            )
        snapshot = "snapshot" in (ref.indicators[ind]["period_type"] or "")
        out.append(
            {
                "source_row": row,
                "indicator_id": ind,
                "area_code": COUNTY,
                "period_label": r["period_label"],
                "period_start": end if snapshot else None,
                "period_end": end,
                "value": value,
                "denominator": None,
                "note": r.get("note"),
            }
        )
    if P:
        return None
    return pd.DataFrame(out, columns=NORMALISED_COLUMNS)


def _keys(rows: pd.DataFrame) -> set:
    return {
        (r.indicator_id, r.area_code, str(r.period_start or ""), str(r.period_end)) for r in rows.itertuples()
    }


def _replacements(res: CheckResult, active: dict[str, set]) -> None:
    mine = _keys(res.rows)
    for uid, keys in active.items():
        overlap = mine & keys
        if not overlap:
            continue
        if keys <= mine:
            res.replaces.append(uid)
            continue
        rows = res.rows[
            [
                k in overlap
                for k in zip(
                    res.rows["indicator_id"],
                    res.rows["area_code"],
                    res.rows["period_start"].map(lambda v: "" if v is None or pd.isna(v) else str(v)),
                    res.rows["period_end"].map(str),
                )
            ]
        ]["source_row"]
        res.problems.append(
            Problem(
                int(rows.min()),
                "",
                f"Rows {_ranges(rows)} repeat figures from upload {uid}, which also holds "
                f"{len(keys - mine)} figure(s) this file does not.",
                f"Roll back upload {uid} first, or include all of its figures so this file replaces it.",
            )
        )


# ------------------------------------------------------------------------------------------- manifest


def uploads_dir() -> Path:
    return config.var_dir() / "uploads"


def manifest_path() -> Path:
    return uploads_dir() / "manifest.json"


def read_manifest(path: Path | None = None) -> dict:
    p = path or manifest_path()
    if not p.exists():
        return {"version": 1, "uploads": [], "events": []}
    try:
        m = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise UploadError(
            f"The upload audit log {p} cannot be read ({e}). Restore it from backup; no upload "
            "can be loaded or rolled back until it is fixed."
        ) from e
    m.setdefault("uploads", [])
    m.setdefault("events", [])
    return m


def _write_manifest(m: dict) -> None:
    p = manifest_path()
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(m, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, p)


def read_rows(upload_id: str, base: Path | None = None) -> pd.DataFrame:
    """The normalised rows of an archived upload."""
    return _loader.read_rows((base or uploads_dir()) / upload_id)


def active_keys() -> dict[str, set]:
    m = read_manifest()
    return {u["upload_id"]: _keys(read_rows(u["upload_id"])) for u in m["uploads"] if u["status"] == "active"}


@contextlib.contextmanager
def writer_lock(timeout_note: str = "") -> Iterator[None]:
    """Serialise writers (uploads, roll-backs; `make store` may take it too) with an fcntl lock under var/."""
    d = config.var_dir()
    d.mkdir(parents=True, exist_ok=True)
    with open(d / ".uploads.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _new_id(sha: str, taken: set[str]) -> str:
    base = f"U{_now():%Y%m%d-%H%M%S}-{sha[:6]}"
    uid, n = base, 1
    while uid in taken or (uploads_dir() / uid).exists():
        n += 1
        uid = f"{base}-{n}"
    return uid


def _safe_name(name: str) -> str:
    name = Path(name.replace("\\", "/")).name
    name = re.sub(r"[^A-Za-z0-9._ -]", "_", name).strip(" .") or "upload"
    return name[:120]


def _rebuild(store_path: Path | None) -> None:
    from data import build
    from data.buildkit import BuildError

    try:
        build.build(Path(store_path or config.store_path()), quiet=True)
    except BuildError as e:
        raise UploadError(f"The store could not be rebuilt, so nothing was changed: {e}") from e


def accept_upload(
    file_bytes: bytes, file_name: str, user: str, store_path: Path | None = None, today: dt.date | None = None
) -> UploadResult:
    """Validate again (under the lock, against the current store), archive, record, rebuild.
    Raises UploadError (with `.problems`) and leaves store, manifest and archive unchanged on any failure."""
    if not (user or "").strip():
        raise UploadError("An upload must be made by a signed-in analyst.")
    with writer_lock():
        res = check_file(file_bytes, file_name, store_path=store_path, today=today)
        if not res.ok:
            raise UploadError(f"{file_name} was rejected: {len(res.problems)} problem(s).", res.problems)
        existed = manifest_path().exists()
        before = read_manifest()
        m = json.loads(json.dumps(before))
        uid = _new_id(res.sha256, {u["upload_id"] for u in m["uploads"]})
        folder = uploads_dir() / uid
        when = _now().isoformat()
        try:
            folder.mkdir(parents=True)
            original = folder / _safe_name(file_name)
            original.write_bytes(file_bytes)
            (folder / "sha256.txt").write_text(f"{res.sha256}  {original.name}\n", encoding="utf-8")
            res.rows.to_csv(folder / "rows.csv", index=False, columns=NORMALISED_COLUMNS)
            for u in m["uploads"]:
                if u["upload_id"] in res.replaces:
                    u["status"], u["replaced_by"], u["status_changed_at"] = "replaced", uid, when
            m["uploads"].append(
                {
                    "upload_id": uid,
                    "file_name": file_name,
                    "stored_as": original.name,
                    "sha256": res.sha256,
                    "uploaded_by": user.strip(),
                    "uploaded_at": when,
                    "kind": res.kind,
                    "rows": len(res.rows),
                    "sheet": res.sheet,
                    "status": "active",
                    "replaced_by": None,
                    "replaces": res.replaces,
                    "synthetic": bool(res.synthetic),
                    "status_changed_at": None,
                    "status_changed_by": None,
                }
            )
            m["events"].append(
                {
                    "at": when,
                    "by": user.strip(),
                    "action": "upload",
                    "upload_id": uid,
                    "detail": f"{len(res.rows)} rows from {file_name}"
                    + (f"; replaces {', '.join(res.replaces)}" if res.replaces else ""),
                }
            )
            _write_manifest(m)
            _rebuild(store_path)
        except BaseException:
            if existed:
                _write_manifest(before)
            else:
                manifest_path().unlink(missing_ok=True)
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return UploadResult(uid, len(res.rows), list(res.replaces), res.kind, res.warnings)


def rollback(upload_id: str, user: str, store_path: Path | None = None) -> list[str]:
    """Mark an active upload 'rolled back' and rebuild. Uploads it had replaced become active again when
    nothing newer covers them. Returns the ids reactivated."""
    if not (user or "").strip():
        raise UploadError("A roll-back must be made by a signed-in analyst.")
    with writer_lock():
        before = read_manifest()
        m = json.loads(json.dumps(before))
        entry = next((u for u in m["uploads"] if u["upload_id"] == upload_id), None)
        if entry is None:
            raise UploadError(f"There is no upload {upload_id} in the audit log.")
        if entry["status"] != "active":
            raise UploadError(f"Upload {upload_id} is {entry['status']}, so it cannot be rolled back.")
        when = _now().isoformat()
        entry.update(status="rolled back", status_changed_at=when, status_changed_by=user.strip())
        revived = []
        for u in m["uploads"]:
            if u["status"] == "replaced" and u.get("replaced_by") == upload_id:
                u.update(
                    status="active", replaced_by=None, status_changed_at=when, status_changed_by=user.strip()
                )
                revived.append(u["upload_id"])
        m["events"].append(
            {
                "at": when,
                "by": user.strip(),
                "action": "roll back",
                "upload_id": upload_id,
                "detail": "reinstated " + ", ".join(revived) if revived else "",
            }
        )
        try:
            _write_manifest(m)
            _rebuild(store_path)
        except BaseException:
            _write_manifest(before)
            raise
        return revived


def audit_log() -> pd.DataFrame:
    """One row per upload, newest first (who, when, file, checksum, kind, rows, status, replaced_by)."""
    cols = [
        "upload_id",
        "uploaded_at",
        "uploaded_by",
        "file_name",
        "sha256",
        "kind",
        "rows",
        "status",
        "replaced_by",
        "status_changed_at",
        "status_changed_by",
        "synthetic",
    ]
    m = read_manifest()
    df = pd.DataFrame(m["uploads"])
    if df.empty:
        return pd.DataFrame(columns=cols)
    for c in cols:
        if c not in df.columns:
            df[c] = None
    return df[cols].sort_values("uploaded_at", ascending=False, kind="stable").reset_index(drop=True)


def audit_events() -> pd.DataFrame:
    m = read_manifest()
    return pd.DataFrame(m["events"], columns=["at", "by", "action", "upload_id", "detail"])
