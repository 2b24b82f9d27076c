"""What disclosure control needs to know besides the frame: the area hierarchy (which areas add up to which),
the indicator catalogue and the store's figures below the county (the universe a suppression pattern is
worked out over). Read from the store once per store version; the project's own files when there is no
store (or it cannot be read)."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field

import pandas as pd

from dashboard import config
from data import catalogue as cat

BELOW_COUNTY = {"locality", "sub-locality", "ward", "LSOA", "MSOA", "team", "locality-variant"}
NOT_ADDITIVE = {"LSOA", "MSOA"}  # best-fitted to wards: their sums are not the ward's figure
UNIVERSE_SQL = """
SELECT o.indicator_id, o.area_code, a.area_type, o.period_label, o.period_start, o.period_end, o.value,
       o.numerator, o.denominator, o.status, o.value_type
FROM observations o JOIN areas a USING (area_code)
WHERE a.area_type IN ('locality', 'sub-locality', 'ward', 'team', 'LSOA', 'MSOA')
  AND list_contains(?, o.indicator_id)
"""


@dataclass(frozen=True, eq=False)  # hashed by identity: one instance per store version
class Hierarchy:
    partitions: tuple[tuple[str, tuple[str, ...]], ...]
    below: frozenset[str]
    types: dict[str, str] = field(default_factory=dict)
    code_of: dict[str, str] = field(default_factory=dict)  # area name -> code


def hierarchy_from(areas: list[tuple], ward_sub: list[tuple] = ()) -> Hierarchy:
    """areas: (code, name, type, parent) rows; ward_sub: (ward code, sub-area code) rows."""
    areas = [tuple(v if isinstance(v, str) else None for v in a) for a in areas]
    types = {a[0]: a[2] for a in areas}
    names = {a[1]: a[0] for a in areas}
    parts: dict[tuple[str, str], list[str]] = {}
    partitions = []
    for code, name, typ, parent in areas:
        if not parent or typ in NOT_ADDITIVE:
            continue
        m = re.search(r"excluding (.+)$", name or "")
        if typ == types.get(parent) and m and m.group(1) in names:
            partitions.append((parent, (names[m.group(1)], code)))  # parent = the rest + the excluded part
            continue
        parts.setdefault((parent, typ), []).append(code)
    subs: dict[str, list[str]] = {}
    for ward, sub in ward_sub:
        if isinstance(sub, str) and sub and ward in types:
            subs.setdefault(sub, []).append(ward)
    partitions += [(p, tuple(sorted(c))) for (p, _t), c in sorted(parts.items())]
    partitions += [(s, tuple(sorted(w))) for s, w in sorted(subs.items()) if s in types]
    below = frozenset(c for c, t in types.items() if t in BELOW_COUNTY)
    partitions = [p for p in partitions if set(p[1]) <= below]  # only parts of the county are protected
    return Hierarchy(tuple(partitions), below, types, names)


def _project_hierarchy() -> Hierarchy:
    with (config.ROOT / "data" / "areas.csv").open(newline="", encoding="utf-8") as fh:
        rows = [
            (r["area_code"], r["area_name"], r["area_type"], r["parent_code"]) for r in csv.DictReader(fh)
        ]
    return hierarchy_from(rows)


def _version() -> tuple | None:
    p = config.store_path()
    try:
        s = p.stat()
    except OSError:
        return None
    return (str(p), s.st_ino, s.st_size, s.st_mtime_ns)


def _read(sql: str, params: list | None = None):
    """Rows from the store (read-only), or None when there is no readable store."""
    import duckdb

    v = _version()
    if v is None:
        return None
    try:
        con = duckdb.connect()
        try:
            con.execute("ATTACH ? AS s (READ_ONLY)", [v[0]]).fetchall()
            con.execute("USE s").fetchall()
            return con.execute(sql, params or []).df()
        finally:
            con.close()
    except duckdb.Error:
        return None


@functools.lru_cache(maxsize=4)
def _hierarchy_for(version: tuple | None) -> Hierarchy:
    areas = _read("SELECT area_code, area_name, area_type, parent_code FROM areas") if version else None
    if areas is None:
        return _project_hierarchy()
    subs = _read("SELECT ward_code, sub_area FROM ward_locality")
    ward_sub = list(subs.itertuples(index=False, name=None)) if subs is not None else []
    return hierarchy_from(list(areas.itertuples(index=False, name=None)), ward_sub)


def store_hierarchy() -> Hierarchy:
    return _hierarchy_for(_version())


@functools.lru_cache(maxsize=4)
def _catalogue_for(version: tuple | None) -> dict:
    rows = (
        _read("SELECT indicator_id, unit, period_type, multiplier, count_indicator, name FROM indicators")
        if version
        else None
    )
    if rows is None:
        return cat.project_catalogue()
    rows = rows.astype(object).where(rows.notna(), None)
    return {**cat.project_catalogue(), **cat._entries(rows.to_dict("records"))}


def _store_catalogue() -> dict:
    return _catalogue_for(_version())


@functools.lru_cache(maxsize=64)
def _universe_for(version: tuple | None, families: frozenset) -> pd.DataFrame:
    if version is None or not families:
        return pd.DataFrame()
    catalogue = _catalogue_for(version)
    ids = set(families) | {i for i, e in catalogue.items() if e.count_indicator in families}
    df = _read(UNIVERSE_SQL, [sorted(ids)])
    return df if df is not None else pd.DataFrame()


def _store_universe(families: frozenset) -> pd.DataFrame:
    return _universe_for(_version(), families)
