"""Tables as files: the CSV and XLSX bytes every download carries, with spreadsheet-formula cells neutralised.

No Streamlit here: the page widgets (`dashboard.ui.widgets`) and the story export (`dashboard.present.export`)
both build their files with these, so a table downloads the same way from a page and from a story.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import pandas as pd

from dashboard.store.memo import memoize

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_STARTS = ("=", "+", "-", "@")
_NUMBER = re.compile(r"[-+]?\d[\d,.]*")


def _neutralise(v):
    if isinstance(v, str) and v[:1] in _FORMULA_STARTS and not _NUMBER.fullmatch(v):
        return "'" + v
    return v


def safe_cells(df: pd.DataFrame) -> pd.DataFrame:
    """Neutralise text cells that a spreadsheet would run as a formula (= + - @ at the start); a signed
    number such as '-3.2' is left as it is."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or str(out[c].dtype).startswith("str"):
            if not any(isinstance(v, str) and v[:1] in _FORMULA_STARTS for v in out[c].tolist()):
                continue  # nothing to neutralise: leave the column as it is
            out[c] = out[c].map(_neutralise)
    return out


@memoize(maxsize=256, thaw=lambda b: b)  # pure in its inputs; bytes are immutable
def to_xlsx(df: pd.DataFrame, sheet: str = "data", notes: Sequence[str] = ()) -> bytes:
    """The XLSX download of a table: the table on `sheet`, the notes (sources, as-at) on a sheet 'about'."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        safe_cells(df).to_excel(xw, index=False, sheet_name=sheet[:31])
        if notes:
            pd.DataFrame({"notes": list(notes)}).to_excel(xw, index=False, sheet_name="about")
    return buf.getvalue()


@memoize(maxsize=256, thaw=lambda b: b)
def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """The CSV download of a table (formula-like cells neutralised), kept per table content."""
    return safe_cells(df).to_csv(index=False).encode("utf-8")
