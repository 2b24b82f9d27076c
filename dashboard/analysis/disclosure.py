"""Disclosure control for figures below the county: one entry point, `protect(frame)`, for every frame that
leaves the store for a person — tables on screen, CSV/XLSX downloads, the maps' figures (z, hover,
customdata and text are drawn from the protected frame), slides, PNG/SVG and story JSON. No Streamlit here.

The rules (the About page quotes this text):

1. **Which figures.** Only figures for a geography below the county — localities, Hereford sub-areas,
   wards, LSOAs, MSOAs, teams. Herefordshire, region, England and statistical-neighbour figures are
   published statistics and are shown as published.
2. **Which values are counts.** The indicator catalogue (`data/indicators.csv` and the store's
   `indicators` table) says so: an indicator whose unit is a count of people is judged by its value; a
   rate or percentage is judged by its numerator; the catalogue's `count_indicator` column says which
   count each rate is built on. Counts of areas (LSOAs in a decile) are not counts of people.
3. **Primary suppression.** A count from 1 to threshold − 1 (the threshold is 5 unless the
   `DISCLOSURE_THRESHOLD` setting says otherwise, so counts 1–4), or a figure whose denominator is that
   small, is replaced by `c` (confidential). A count of 0 is shown: it identifies nobody.
4. **Rates follow their counts.** A rate on a suppressed count is suppressed, for the same area and period;
   the numerator and denominator of every suppressed row are blanked, so they never appear beside a rate.
5. **Secondary suppression over the real groups**, applied jointly: localities → the county, Hereford's
   sub-areas → Hereford City, Hereford City = South Wye + "Hereford City excluding South Wye", wards → their
   locality and sub-area, quarters → their financial year. A suppressed count hides every other part of
   its group (all eight localities, all four quarters), so the pattern says only that some part is small;
   other complementary cells are chosen in a fixed order that does not depend on the figures, and the
   whole table is audited by linear programming so that every
   hidden cell keeps at least two feasible values given everything shown (method and references:
   `dashboard.analysis.sdc`, following ONS and DfE/GSS statistical disclosure control guidance).
6. The pattern is worked out over every figure of the same indicator below the county in the store, not
   just the rows of one table, so two pages cannot be subtracted from each other.
7. Suppressed rows keep their row (area, period) with the value empty and `status` = `c`; other published
   symbols (`k`, `u`, `x`, `z`) are left as they are.
"""

from __future__ import annotations

import functools
import math
import re

import pandas as pd

from dashboard import config
from dashboard.analysis import sdc
from dashboard.analysis.disclosure_ref import (
    BELOW_COUNTY,
    Hierarchy,
    _store_catalogue,
    _store_universe,
    store_hierarchy,
)
from dashboard.areas import BELOW_COUNTY_PREFIXES
from data import catalogue as cat

SUPPRESSED = "c"
BLANKED = ("value", "numerator", "denominator", "z", "customdata", "text")


def _is_below(code, area_type) -> bool:
    if isinstance(area_type, str) and area_type:
        return area_type in BELOW_COUNTY
    return str(code or "").startswith(BELOW_COUNTY_PREFIXES)


def _num(s: pd.Series | None, index) -> pd.Series:
    if s is None:
        return pd.Series(math.nan, index=index, dtype=float)
    return pd.to_numeric(s, errors="coerce").astype(float)


def _period_keys(df: pd.DataFrame) -> list[tuple]:
    def iso(v):
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return ""
        return str(pd.Timestamp(v).date()) if not isinstance(v, str) or re.match(r"\d{4}-\d\d-\d\d", v) else v

    if "period_end" in df.columns:
        starts = df["period_start"] if "period_start" in df.columns else [None] * len(df)
        return [(iso(s)[:10], iso(e)[:10]) for s, e in zip(starts, df["period_end"], strict=True)]
    col = next((c for c in ("period", "period_label") if c in df.columns), None)
    return [("", str(v)) for v in (df[col] if col else [""] * len(df))]


def cells_of(
    df: pd.DataFrame,
    threshold: int,
    *,
    indicator: str | None = None,
    unit: str | None = None,
    area_code: str | None = None,
    catalogue: dict | None = None,
    hierarchy: Hierarchy | None = None,
) -> tuple[pd.Series, list[sdc.Cell | None]]:
    """Interpret a frame: which rows are below the county, and each row's cell (None: not judged)."""
    catalogue = catalogue if catalogue is not None else cat.project_catalogue()
    idx = df.index
    codes = _codes(df, area_code, hierarchy)
    types = df["area_type"] if "area_type" in df.columns else [None] * len(df)
    if hierarchy is not None and "area_type" not in df.columns:
        types = [hierarchy.types.get(c) for c in codes]
    below = pd.Series([_is_below(c, t) for c, t in zip(codes, types, strict=True)], index=idx, dtype=bool)
    ids = df["indicator_id"].tolist() if "indicator_id" in df.columns else [indicator] * len(df)
    units = df["unit"].tolist() if "unit" in df.columns else [unit] * len(df)
    value, num, den = (
        _num(df.get("value"), idx),
        _num(df.get("numerator"), idx),
        _num(df.get("denominator"), idx),
    )
    status = df["status"].astype(object).tolist() if "status" in df.columns else [None] * len(df)
    vts = df["value_type"].fillna("actual").tolist() if "value_type" in df.columns else ["actual"] * len(df)
    periods = _period_keys(df)
    labels = [str(v) for v in df[_label_col(df)]] if _label_col(df) else [""] * len(df)
    cells: list[sdc.Cell | None] = []
    for k in range(len(df)):
        entry = catalogue.get(ids[k]) if ids[k] else None
        kind = _kind(entry, units[k])
        n = value.iat[k] if kind == "count" else (num.iat[k] if kind != "area count" else math.nan)
        if kind == "unknown":  # nothing says what the figure is: judge the numerator, else the value
            n = num.iat[k] if not math.isnan(num.iat[k]) else value.iat[k]
        if not below.iat[k] or (math.isnan(n) and status[k] != SUPPRESSED):
            cells.append(None)
            continue
        small = lambda v: not math.isnan(v) and 1 <= v < threshold  # noqa: E731
        primary = small(n) or small(den.iat[k]) or status[k] == SUPPRESSED
        family = (entry.count_indicator if entry and entry.count_indicator else ids[k]) or "?"
        count = None if math.isnan(n) else n
        cells.append(sdc.Cell(family, codes[k], periods[k], vts[k], count, primary, labels[k]))
    return below, cells


def _label_col(df) -> str | None:
    return next((c for c in ("period_label", "period") if c in df.columns), None)


def _kind(entry, unit) -> str:
    if entry is not None:
        if entry.counts_areas:  # a count or share of LSOAs: its numerator counts areas, not people
            return "area count"
        return entry.kind
    if unit is not None and isinstance(unit, str):
        return cat.unit_kind(unit)
    return "unknown"


def _codes(df, area_code, hierarchy) -> list[str]:
    if "area_code" in df.columns:
        return [str(c) if c is not None and not pd.isna(c) else "" for c in df["area_code"]]
    if area_code:
        return [area_code] * len(df)
    if "area_name" in df.columns and hierarchy is not None:
        return [hierarchy.code_of.get(str(n), str(n)) for n in df["area_name"]]
    return [""] * len(df)


def protect(
    frame: pd.DataFrame,
    *,
    indicator: str | None = None,
    unit: str | None = None,
    area_code: str | None = None,
    threshold: int | None = None,
    universe: pd.DataFrame | None = None,
    catalogue: dict | None = None,
    hierarchy: Hierarchy | None = None,
) -> pd.DataFrame:
    """The frame as a person may see it. `indicator`, `unit`, `area_code` describe a frame that lacks those
    columns. `universe` is every figure the pattern is worked out over (default: the store's figures below
    the county for the same indicators, plus the frame's own rows); `catalogue` and `hierarchy` default to
    the store's (or the project's files when there is no store)."""
    if frame is None or frame.empty or not ({"value", "numerator"} & set(frame.columns)):
        return frame.copy() if frame is not None else frame
    threshold = config.disclosure_threshold() if threshold is None else int(threshold)
    catalogue = catalogue if catalogue is not None else _store_catalogue()
    hierarchy = hierarchy if hierarchy is not None else store_hierarchy()
    kw = dict(indicator=indicator, unit=unit, area_code=area_code, catalogue=catalogue, hierarchy=hierarchy)
    below, cells = cells_of(frame, threshold, **kw)
    if not below.any():
        return frame.copy()
    mine = [c for c in cells if c is not None]
    if universe is None:
        universe = _store_universe(frozenset(c.family for c in mine))
    others = (
        cells_of(universe, threshold, catalogue=catalogue, hierarchy=hierarchy)[1] if len(universe) else []
    )
    others = [c for c in others if c is not None]
    aligned = iter(sdc.align(mine, others))
    cells = [next(aligned) if c is not None else None for c in cells]
    mine = [c for c in cells if c is not None]
    hidden = hidden_keys(tuple(mine) + tuple(others), hierarchy, threshold)
    hide = pd.Series(
        [c is not None and (c.primary or _key(c) in hidden) for c in cells], index=frame.index, dtype=bool
    )
    return _blank(frame, hide & below)


def _key(c: sdc.Cell) -> tuple:
    return (c.family, c.area, c.period, c.value_type)


@functools.lru_cache(maxsize=256)
def hidden_keys(cells: tuple, hierarchy: Hierarchy, threshold: int) -> frozenset:
    """The (family, area, period, value type) keys to hide among `cells` (the frame's rows win over the
    universe's for the same key)."""
    unique: dict[tuple, sdc.Cell] = {}
    for c in cells:
        unique.setdefault(_key(c), c)
    pool = list(unique.values())
    groups = sdc.groups_for(pool, hierarchy.partitions, hierarchy.below)
    return frozenset(_key(pool[i]) for i in sdc.pattern(pool, groups, threshold))


def _blank(frame: pd.DataFrame, hide: pd.Series) -> pd.DataFrame:
    out = frame.copy()
    if "status" not in out.columns:
        out["status"] = None
    out["status"] = out["status"].astype(object)
    for col in BLANKED:
        if col in out.columns and hide.any():
            if pd.api.types.is_numeric_dtype(out[col]) or col in ("value", "numerator", "denominator"):
                out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
                out.loc[hide, col] = math.nan
            else:
                out[col] = out[col].astype(object)
                out.loc[hide, col] = None
    out.loc[hide, "status"] = SUPPRESSED
    return out


def apply_to_frame_for_display(df: pd.DataFrame, threshold: int | None = None) -> pd.DataFrame:
    """The former name of `protect` (kept for callers not yet moved)."""
    return protect(df, threshold=threshold)


__all__ = ["Hierarchy", "protect", "cells_of", "hidden_keys", "store_hierarchy", "SUPPRESSED"]
