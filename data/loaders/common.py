"""Shared helpers for loaders: read a project CSV strictly, insert into a table, name the file on error."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pandas as pd


def read_csv(path: Path, required: list[str]) -> pd.DataFrame:
    """Read a CSV as text columns; fail naming the file when it is unreadable or lacks a column."""
    from data.buildkit import BuildError

    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, csv.Error) as e:
        raise BuildError(f"{path}: cannot be read as a UTF-8 CSV ({e})") from e
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise BuildError(f"{path}: missing column(s) {', '.join(missing)}")
    df = df[required].copy()
    for c in required:
        df[c] = df[c].astype(str).str.strip()
    return df.replace({"": None})


def insert(con: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame, source: str) -> int:
    """Insert a frame's columns into the same-named table columns (DuckDB casts text to the column type)."""
    from data.buildkit import BuildError

    if df.empty:
        return 0
    cols = ", ".join(f'"{c}"' for c in df.columns)
    con.register("_incoming", df)
    try:
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _incoming").fetchall()
    except duckdb.Error as e:
        raise BuildError(f"{source}: rows do not fit table {table}: {e}") from e
    finally:
        con.unregister("_incoming")
    return len(df)


def upsert_areas(con: duckdb.DuckDBPyConnection, df: pd.DataFrame) -> int:
    """Add areas not already present (reference rows win; the first of repeated codes wins). Every result is
    fetched in full: DuckDB refuses to unregister a frame while a result on it is pending."""
    if df.empty:
        return 0
    con.register("_areas", df)
    try:
        before = con.execute("SELECT count(*) FROM areas").fetchall()[0][0]
        cols = ", ".join(df.columns)
        con.execute(
            f"INSERT INTO areas ({cols}) SELECT {cols} FROM _areas "
            "WHERE area_code NOT IN (SELECT area_code FROM areas) "
            "QUALIFY row_number() OVER (PARTITION BY area_code) = 1"
        ).fetchall()
        return con.execute("SELECT count(*) FROM areas").fetchall()[0][0] - before
    finally:
        con.unregister("_areas")
