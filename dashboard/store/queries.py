"""Load `queries/<name>.sql`, read its header, bind parameters and run it. No Streamlit here.

Each SQL file starts with a header the tests read:
    -- purpose: one sentence
    -- params: name=example, other=example   (or: none)
    -- columns: col1, col2, ...
Values are always bound as DuckDB named parameters ($name); nothing is formatted into SQL text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import duckdb
import pandas as pd

from dashboard.config import QUERIES_DIR

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class QueryError(Exception):
    """A query name that does not exist, or parameters that do not fit it."""


@dataclass(frozen=True)
class QueryHeader:
    name: str
    purpose: str
    params: dict[str, str]  # name -> example value (text)
    columns: tuple[str, ...]


# Connections whose store is an attached database (id(connection) -> database name): their cursors are
# pointed at it, since a cursor does not inherit the connection's USE.
ATTACHED: dict[int, str] = {}


def names() -> list[str]:
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


@lru_cache(maxsize=None)
def sql_text(name: str) -> str:
    if not _NAME.match(name or ""):
        raise QueryError(f"{name!r} is not a query name")
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise QueryError(f"no query named {name!r} in queries/")
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def header(name: str) -> QueryHeader:
    fields: dict[str, str] = {}
    for line in sql_text(name).splitlines():
        m = re.match(r"^--\s*(purpose|params|columns):\s*(.*)$", line.strip())
        if m:
            fields[m.group(1)] = m.group(2).strip()
    params: dict[str, str] = {}
    raw = fields.get("params", "none")
    if raw and raw.lower() != "none":
        for part in raw.split(","):
            k, _, v = part.strip().partition("=")
            params[k.strip()] = v.strip()
    cols = tuple(c.strip() for c in fields.get("columns", "").split(",") if c.strip())
    return QueryHeader(name, fields.get("purpose", ""), params, cols)


def bind_names(name: str) -> set[str]:
    return set(_PARAM.findall(sql_text(name)))


def run_sql(con: duckdb.DuckDBPyConnection, name: str, database: str | None = None, **params) -> pd.DataFrame:
    """Run a named query on a fresh cursor (one cursor per query: threads never share one).
    `database`: an attached database the cursor should use (cursors do not inherit USE)."""
    wanted = bind_names(name)
    missing = wanted - params.keys()
    if missing:
        raise QueryError(f"query {name!r} needs parameter(s): {', '.join(sorted(missing))}")
    bound = {k: (list(v) if isinstance(v, tuple) else v) for k, v in params.items() if k in wanted}
    cur = con.cursor()
    try:
        database = database or ATTACHED.get(id(con))
        if database and database.isidentifier():
            cur.execute(f"USE {database}").fetchall()
        return cur.execute(sql_text(name), bound).df()
    finally:
        cur.close()


def example_params(name: str) -> dict:
    """The header's example values, typed: a|b|c is a list, digits are ints."""
    out: dict = {}
    for k, v in header(name).params.items():
        if "|" in v:
            out[k] = [x for x in v.split("|") if x]
        elif re.fullmatch(r"-?\d+", v):
            out[k] = int(v)
        else:
            out[k] = v
    return out
