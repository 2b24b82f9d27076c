"""Reading an uploaded file into a grid of text cells: CSV (UTF-8 or Windows-1252) or XLSX (sheet 'data',
unpacked size limited before openpyxl opens it, every row read whatever its `<dimension>` tag says)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile

from dashboard.intake.problems import Problem

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


MAX_XLSX_UNPACKED = 20 * 1024 * 1024  # an XLSX is a zip: its parts, unpacked, may not exceed this


def _decode(data: bytes) -> tuple[str | None, str | None, Problem | None]:
    """Return (text, encoding) or a problem. UTF-8 (BOM or not), then Windows-1252."""
    fix_enc = 'In Excel use File > Save As > "CSV UTF-8 (Comma delimited)" and upload that file.'

    def refused(why: str) -> tuple[None, None, Problem]:
        return None, None, Problem(None, "", why, fix_enc)

    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (
        len(data) > 3 and data[1:2] == b"\x00" or data[:1] == b"\x00"
    ):
        return refused('The file is saved as UTF-16 ("Unicode text"), which is not accepted.')
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        bad = [ch for ch in text if (ord(ch) < 32 and ch not in "\t\r\n") or ord(ch) == 0x7F]
        if bad:
            return refused(
                f"The file contains bytes that are not text (e.g. character "
                f"code {ord(bad[0])}); it may not be a CSV file or may be damaged."
            )
        return text, enc, None
    return refused(
        "The file's characters are in an encoding that is neither UTF-8 nor "
        "Windows-1252, so some letters cannot be read."
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


def _xlsx_too_big(data: bytes) -> Problem | None:
    """A zip bomb check before openpyxl unpacks anything: the parts' declared sizes, unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # openpyxl reports a damaged workbook itself
    if unpacked <= MAX_XLSX_UNPACKED:
        return None
    return Problem(
        None,
        "",
        f"The workbook unpacks to {unpacked / 1024 / 1024:,.0f} MB "
        f"(limit {MAX_XLSX_UNPACKED // 1024 // 1024} MB): "
        "it holds far more than a table of figures (perhaps a huge cell or hidden content).",
        "Copy the figures into the template's 'data' sheet and upload that workbook.",
    )


def _read_xlsx(data: bytes) -> tuple[list[list[str]], str | None, list[Problem]]:
    from openpyxl import load_workbook

    too_big = _xlsx_too_big(data)
    if too_big:
        return [], None, [too_big]
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
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()  # read every row: the file's <dimension> tag may understate them
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
    return _num(s) is not None


def _num(v) -> float | None:
    """A plain number, or None. Commas only as thousands separators ("1,200"): "1,2" is not read as 12."""
    if v is None:
        return None
    s = str(v).strip()
    if "," in s:
        if not _THOUSANDS.match(s):
            return None
        s = s.replace(",", "")
    if not _NUMBER.match(s):
        return None
    f = float(s)
    return f if math.isfinite(f) else None
