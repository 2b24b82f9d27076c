"""The app's one read-only store connection and its cached query runner (Streamlit side).

A connection is cached per store file version (its modification time), so a rebuilt store, renamed into
place, is picked up on the next query while old readers finish on the old file. Each query runs on its
own cursor; results are cached with st.cache_data keyed by the store version.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.store.queries import ATTACHED, run_sql


class StoreMissing(Exception):
    pass


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(path: str, version: int) -> duckdb.DuckDBPyConnection:
    """A private in-memory connection with the store file attached read-only. duckdb.connect(path) would
    reuse DuckDB's per-path database cache and keep serving the old file after a rebuild is renamed in."""
    con = duckdb.connect()
    con.execute("ATTACH ? AS store (READ_ONLY)", [path]).fetchall()
    con.execute("USE store").fetchall()
    ATTACHED[id(con)] = "store"
    return con


def store_version() -> int:
    """Changes whenever a rebuilt store is renamed into place: the file's inode, size and modification time
    together (the time alone could repeat if two builds land within the clock's resolution)."""
    p = config.store_path()
    if not p.exists():
        raise StoreMissing(
            f"The data store {p.name} has not been built yet. Run `make store` (or `make run`)."
        )
    s = p.stat()
    return hash((s.st_ino, s.st_size, s.st_mtime_ns))


def connection() -> duckdb.DuckDBPyConnection:
    return _connection(str(config.store_path()), store_version())


@st.cache_data(max_entries=1024, show_spinner=False)
def _cached(name: str, items: tuple, version: int) -> pd.DataFrame:
    return run_sql(_connection(str(config.store_path()), version), name, **dict(items))


def run(name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql with bound parameters; cached until the store is rebuilt."""
    items = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(name, items, store_version()).copy()
