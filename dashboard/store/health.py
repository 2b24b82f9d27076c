"""Is the store readable? One clear message for a damaged store (zero-length, not a DuckDB file, missing
tables), so every page says what is wrong instead of raising. No Streamlit here."""

from __future__ import annotations

import functools
from pathlib import Path

import duckdb

from dashboard import config

FIX = "An administrator rebuilds it with `make store` (python -m data.build); nothing else needs to change."


def store_problem(path: Path | None = None) -> str | None:
    """What is wrong with the store file, or None when it opens and holds the build log. A missing store is
    reported by the pages themselves (StoreMissing)."""
    p = Path(path or config.store_path())
    try:
        s = p.stat()
    except OSError:
        return None
    return _problem(str(p), s.st_ino, s.st_size, s.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _problem(path: str, _ino: int, size: int, _mtime: int) -> str | None:
    name = Path(path).name
    if size == 0:
        return f"The data store {name} is empty (0 bytes), so no figures can be shown. {FIX}"
    con = duckdb.connect()
    try:
        con.execute("ATTACH ? AS s (READ_ONLY)", [path]).fetchall()
        con.execute("SELECT count(*) FROM s.build_log").fetchall()
        con.execute("SELECT count(*) FROM s.observations").fetchall()
    except duckdb.Error as e:
        kind = type(e).__name__.removesuffix("Exception")
        return (
            f"The data store {name} cannot be read: it is damaged or is not a DuckDB database ({kind}). {FIX}"
        )
    finally:
        con.close()
    return None
