"""Reading pack CSVs: text columns, numbers or published symbols, period labels to dates."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pandas as pd

from data.loaders.pack.meta import LAIT_PERIOD_TYPE


def err(msg: str):
    from data.buildkit import BuildError

    return BuildError(msg)


def read(path: Path, required: list[str]) -> pd.DataFrame:
    """A pack CSV as text; fail naming the file when it is unreadable or lacks a column."""
    if not path.is_file():
        raise err(f"{path}: missing from the public data pack")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, csv.Error, ValueError) as e:
        raise err(f"{path.name}: cannot be read as a UTF-8 CSV ({e})") from e
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise err(
            f"{path.name}: missing column(s) {', '.join(missing)} (header: {', '.join(df.columns[:8])}...)"
        )
    for c in required:
        df[c] = df[c].astype(str).str.strip()
    return df


def numbers(df: pd.DataFrame, col: str, fname: str, symbols: dict[str, str]) -> tuple[pd.Series, pd.Series]:
    """(value, status) for a column of numbers or published symbols; anything else names file and row."""
    s = df[col].astype(str).str.strip()
    v = pd.to_numeric(s, errors="coerce")
    sym = s.map(symbols)
    bad = v.isna() & sym.isna()
    if bad.any():
        i = bad.idxmax()
        raise err(
            f"{fname}: row {int(i) + 2}, column {col!r}: {s[i]!r} is neither a number nor a "
            f"published symbol ({', '.join(sorted(symbols))})"
        )
    v = v.where(sym.isna())
    return v.astype(float), sym.where(v.isna())


def _ymd(y: int, m: int, d: int) -> date:
    return date(y, m, d)


_P_YEAR = re.compile(r"^(\d{4})(?:\s*\((?:Rev|Final|prov|OT)\))?$", re.I)
_P_RANGE = re.compile(r"^(\d{4})[-/](\d{2})(?:\s*\((?:Rev|Final|prov|OT)\))?$", re.I)
_P_MULTI = re.compile(r"^(\d{4})/\d{2}-(\d{2})/(\d{2})$")
_P_EES = re.compile(r"^(\d{4})(\d{2})$")


def period_dates(label: str, ptype: str | None) -> tuple[date | None, date | None]:
    """Start and end dates of a published period label for the indicator's period type.

    A plain year is the year the period ends; ranges give their first and last years."""
    label = (label or "").strip()
    ptype = LAIT_PERIOD_TYPE.get((ptype or "").strip(), ptype or "").lower()
    m = _P_YEAR.match(label)
    if m:
        y = int(m.group(1))
        y0 = y1 = y
    elif _P_RANGE.match(label):
        m = _P_RANGE.match(label)
        y0 = int(m.group(1))
        y1 = int(m.group(1)[:2] + m.group(2))
        if y1 < y0:
            y1 += 100
    elif _P_MULTI.match(label):
        m = _P_MULTI.match(label)
        y0 = int(m.group(1))
        y1 = int(m.group(1)[:2] + m.group(3))
    elif _P_EES.match(label) and int(_P_EES.match(label).group(2)) == (int(label[:4]) + 1) % 100:
        y0, y1 = int(label[:4]), int(label[:4]) + 1
    else:
        return None, None
    plain = y0 == y1
    if "31 march" in ptype:
        return _ymd(y1, 3, 31) if plain else _ymd(y0, 4, 1), _ymd(y1, 3, 31)
    if "financial" in ptype:
        return _ymd(y1 - 1 if plain else y0, 4, 1), _ymd(y1, 3, 31)
    if "academic" in ptype:
        return _ymd(y1 - 1 if plain else y0, 9, 1), _ymd(y1, 8, 31)
    if "september" in ptype:
        return _ymd(y1, 9, 30) if plain else _ymd(y0, 10, 1), _ymd(y1, 9, 30)
    if "january" in ptype:
        return _ymd(y0, 1, 1), _ymd(y1, 1, 31)
    if "mid-year" in ptype or "30 june" in ptype:
        return _ymd(y1, 6, 30) if plain else _ymd(y0, 7, 1), _ymd(y1, 6, 30)
    return _ymd(y0, 1, 1), _ymd(y1, 12, 31)  # calendar year, or no type given


def ees_label(tp: pd.Series) -> pd.Series:
    """EES time_period: 2025 stays '2025'; 202425 becomes '2024/25'."""
    return tp.where(tp.str.len() != 6, tp.str[:4] + "/" + tp.str[4:])
