"""check_file: read and validate an upload, nothing written. A pipeline of small steps, each adding problems
(row, column, what, fix) and stopping where later steps could not make sense of the file."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from dashboard.intake.kinds import (
    COUNT_INDICATORS,
    COUNTY_COLUMNS,
    KIND_COUNTY,
    KIND_LOCALITY,
    LOCALITY_COLUMNS,
    LOCALITY_REQUIRED,
    MAX_BYTES,
    MAX_ROWS,
    OPTIONAL_COLUMNS,
)
from dashboard.intake.manifest import _keys, active_keys, active_rows
from dashboard.intake.problems import CheckResult, Problem
from dashboard.intake.reading import (
    FORMULA_START,
    _decode,
    _is_plain_number,
    _norm_header,
    _num,
    _read_csv,
    _read_xlsx,
)
from dashboard.intake.reference import Reference
from dashboard.intake.rows import _ranges, _rows_county, _rows_locality

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
    others: pd.DataFrame | None = None,
) -> CheckResult:
    """Read and validate an upload. Nothing is written. `active` maps active upload ids to their keys
    (default: read from the manifest) to decide which earlier uploads this one replaces; `others` holds
    the active uploads' rows (default: read from the archive when `active` is not given) so area counts
    are checked against the county across all of them."""
    res = CheckResult(file_name=file_name or "", sha256=hashlib.sha256(data or b"").hexdigest())
    name = (file_name or "").strip()
    res.problems.extend(_file_problems(data, name))
    grid = _read_grid(data, Path(name).suffix.lower(), res) if not res.problems else None
    header = _header(grid, res) if grid else None
    df = _records(grid[1:], header, res) if header else None
    if df is None or res.problems:
        return res
    ref = ref or Reference.from_store(store_path)
    res.problems.extend(_schema_problems(df, res.kind, ref))
    build = _rows_locality if res.kind == KIND_LOCALITY else _rows_county
    if others is None and active is None:
        others = active_rows()
    rows = build(df, ref, today or dt.date.today(), res.problems, res, others)
    res.problems[:] = _one_per_cell(res.problems)
    if res.problems:
        return res
    res.rows = rows
    res.synthetic = bool(
        "synthetic" in name.lower() or rows["note"].fillna("").str.contains("SYNTHETIC", case=False).any()
    )
    _replacements(res, active_keys() if active is None else active)
    return res


EXT_HINTS = {
    ".xls": 'This is the old Excel format. Open it in Excel and save as "Excel Workbook (.xlsx)".',
    ".xlsm": 'Macro-enabled workbooks are not accepted. Save as "Excel Workbook (.xlsx)".',
}


def _file_problems(data: bytes, name: str) -> list[Problem]:
    ext = Path(name).suffix.lower()
    if ext not in (".csv", ".xlsx"):
        what = f"Files of type '{ext or 'no extension'}' are not accepted."
        return [
            Problem(None, "", what, EXT_HINTS.get(ext, "Upload a .csv or .xlsx file made from the template."))
        ]
    if not data or not data.strip(b" \t\r\n\xef\xbb\xbf"):
        return [Problem(None, "", "The file is empty.", "Fill in the template and upload it again.")]
    if len(data) > MAX_BYTES:
        mb = f"{len(data) / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB"
        return [Problem(None, "", f"The file is {mb}.", f"Split it into files of at most {MAX_ROWS:,} rows.")]
    return []


def _read_grid(data: bytes, ext: str, res: CheckResult) -> list[list[str]] | None:
    P = res.problems
    if ext == ".csv":
        if data[:2] == b"PK":
            what, fix = (
                "The file is named .csv but is an Excel workbook.",
                "Rename it to .xlsx, or save as CSV.",
            )
            P.append(Problem(None, "", what, fix))
            return None
        text, _enc, prob = _decode(data)
        if prob:
            P.append(prob)
            return None
        grid, probs = _read_csv(text)
    elif not zipfile.is_zipfile(io.BytesIO(data)):
        what = (
            "The file is named .xlsx but is not an Excel workbook (it may be damaged, or a CSV or old .xls "
            "file renamed)."
        )
        P.append(Problem(None, "", what, 'Open it in Excel and save it as "Excel Workbook (.xlsx)".'))
        return None
    else:
        grid, res.sheet, probs = _read_xlsx(data)
    P.extend(probs)
    # drop trailing blank rows; blank rows in the middle are an error (the table may be in two pieces)
    while grid and all(c.strip() == "" for c in grid[-1]):
        grid.pop()
    if not grid and not P:
        P.append(Problem(None, "", "The file is empty.", "Fill in the template and upload it again."))
    return grid if not P else None


def _header(grid: list[list[str]], res: CheckResult) -> list[str] | None:
    """The normalised header (and the upload's kind), or None with the header's problems."""
    P = res.problems
    raw = list(grid[0])
    while raw and raw[-1].strip() == "":
        raw.pop()
    header = [_norm_header(h) for h in raw]
    if len(header) == 1 and (";" in raw[0] or "\t" in raw[0]):
        fix = 'Save from Excel as "CSV UTF-8 (Comma delimited)".'
        P.append(Problem(1, "", "The columns are separated by semicolons or tabs, not commas.", fix))
        return None
    if "count" in header and "value" in header:
        what = "The header has both 'count' and 'value' columns, so it fits neither format."
        P.append(Problem(1, "", what, "Use the locality template (count) or the county template (value)."))
        return None
    res.kind = KIND_COUNTY if ("value" in header or "period_end" in header) else KIND_LOCALITY
    expected = (LOCALITY_COLUMNS if res.kind == KIND_LOCALITY else COUNTY_COLUMNS) + OPTIONAL_COLUMNS
    required = LOCALITY_REQUIRED if res.kind == KIND_LOCALITY else COUNTY_COLUMNS
    for i, h in enumerate(header):
        if h == "":
            fix = "Delete the column or give it one of the template's headings."
            P.append(Problem(1, f"column {i + 1}", "A column has no heading.", fix))
        elif h not in expected:
            fix = "Remove the column, or correct the heading to one of: " + ", ".join(expected) + "."
            P.append(Problem(1, raw[i].strip(), f"'{raw[i].strip()}' is not a column of this format.", fix))
        elif header.count(h) > 1 and header.index(h) == i:
            P.append(
                Problem(1, h, f"The heading '{h}' appears more than once.", "Keep one column of each name.")
            )
    for c in required:
        if c not in header:
            fix = "Start from the template; the header row must have: " + ", ".join(required) + "."
            P.append(Problem(1, c, f"The required column '{c}' is missing.", fix))
    return header if not P else None


def _records(body: list[list[str]], header: list[str], res: CheckResult) -> pd.DataFrame | None:
    """One record per non-empty row (index = the row as Excel numbers it), or None."""
    P = res.problems
    if not body:
        P.append(Problem(None, "", "The file has a header but no rows of figures.", "Add a row per figure."))
        return None
    if len(body) > MAX_ROWS:
        what = f"The file has {len(body):,} rows; the limit is {MAX_ROWS:,}."
        P.append(Problem(None, "", what, "Split it into smaller files."))
        return None
    records, rownums = [], []
    for i, row in enumerate(body, start=2):
        rec = _record(i, row, header, P)
        if rec is not None:
            rec.setdefault("note", None)
            records.append(rec)
            rownums.append(i)
    if not records:
        return None
    df = pd.DataFrame.from_records(records, index=pd.Index(rownums, name="row")).astype(object)
    return df.where(df.notna(), None)


def _record(i: int, row: list[str], header: list[str], P: list[Problem]) -> dict | None:
    if all(c.strip() == "" for c in row):
        P.append(Problem(i, "", "The row is empty.", "Delete empty rows between figures."))
        return None
    if any(c.strip() for c in row[len(header) :]):
        what = f"The row has {len(row)} values but the header has {len(header)} columns."
        fix = "Check for a comma inside a value (put the value in double quotes) or a stray cell."
        P.append(Problem(i, "", what, fix))
        return None
    row = row[: len(header)] + [""] * (len(header) - len(row))
    for h, cell in zip(header, row, strict=True):
        if cell[:1] in ("\t", "\r") or (cell.strip()[:1] in FORMULA_START and not _is_plain_number(cell)):
            what = (
                f"The cell starts with '{cell.strip()[:1] or repr(cell[:1])}', which a spreadsheet would run "
                "as a formula."
            )
            P.append(
                Problem(i, h, what, "Remove the leading character; cells hold plain text and numbers only.")
            )
    return {h: (cell.strip() or None) for h, cell in zip(header, row, strict=True)}


def _schema_problems(df: pd.DataFrame, kind: str, ref: Reference) -> list[Problem]:
    try:
        _checks(kind, ref).validate(df, lazy=True)
    except pa.errors.SchemaErrors as e:
        return [_schema_problem(f) for _, f in e.failure_cases.iterrows()]
    return []


def _schema_problem(f) -> Problem:
    check, col = str(f["check"]), str(f["column"])
    if check not in _FIXES or pd.isna(f["index"]):
        return Problem(None, col, f"Column {col}: {check}.", "Check the column against the template.")
    prob, fix = _FIXES[check]
    what = (
        (f"The {col} " + prob.format(v=f["failure_case"]))
        if check != "not_nullable"
        else f"The {col} is blank."
    )
    return Problem(int(f["index"]), col, what, fix)


def _one_per_cell(problems: list[Problem]) -> list[Problem]:
    """The first problem found in each cell (e.g. a formula, not also "not a number"), sorted by row."""
    seen, unique = set(), []
    for p in problems:
        if p.row is not None and p.column and (p.row, p.column) in seen:
            continue
        seen.add((p.row, p.column))
        unique.append(p)
    return sorted(unique, key=lambda p: (p.row or 0, p.column))


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
