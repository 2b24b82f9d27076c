"""Disclosure control for figures below the county (no Streamlit here; pages, downloads and exports all
call `apply_to_frame_for_display`, so the screen and every file obey the same rules).

The rules (the About page quotes this text):

1. **Which figures.** Only figures for a geography below the county — localities, Hereford sub-areas,
   wards, LSOAs, MSOAs, teams. Herefordshire, region, England and statistical-neighbour figures are
   published statistics and are shown as published.
2. **Primary suppression.** A count from 1 to threshold − 1 (the threshold is 5 unless the
   `DISCLOSURE_THRESHOLD` setting says otherwise, so counts 1–4) is replaced by `c` (confidential).
   A count of 0 is shown: it identifies nobody.
3. **Rates follow their counts.** A rate or percentage is judged by its numerator: a rate built on a
   suppressed count is suppressed too, and the rate of a suppressed count indicator (e.g. the children in
   need rate where the children in need number is hidden) is hidden as well. The numerator of every
   suppressed row is blanked, so it cannot be read back from a download.
4. **Secondary suppression.** Areas of one kind for the same indicator, period, value type and source
   form a group that adds up to a known total (the county, or the locality that contains the wards or
   sub-areas). In every group with a suppressed cell, further cells are suppressed — the smallest
   non-zero visible count first, then zeros — until **at least two** cells are hidden **and** the hidden
   total (the total minus the visible cells, which anyone can work out) is at least the threshold. So no
   hidden count can be recovered by subtraction, and two hidden cells cannot be pinned down because their
   sum is small (e.g. 1 + 1). If no other cell is left to hide, the group stays as it is (the total
   then covers areas not shown).
5. Ward groups are checked both within their locality (when the frame carries `parent_code`) and across
   the county; the rules are applied repeatedly until no group needs another cell hidden.
6. Suppressed rows keep their row (area, period) with `value` empty and `status` = `c`; other published
   symbols (`k`, `u`, `x`, `z`) are left as they are.

Rows without a count (a rate with no numerator, a percentage) are not judged by rule 2 and are never
chosen as secondary cells; locality rates can only come from uploads, which carry their numerator.
"""

from __future__ import annotations

import math

import pandas as pd

from dashboard import config
from dashboard.areas import BELOW_COUNTY_PREFIXES

NOT_BELOW_COUNTY = {
    "country",
    "region",
    "local authority",
    "statistical neighbours",
    "police force area",
    "county",
}
BELOW_COUNTY = {"locality", "sub-locality", "ward", "LSOA", "MSOA", "team"}
# Count indicator -> the rate built on it (both hidden together for an area and period).
PAIRED = {
    "cin_count": "CIN",
    "CPP_Num": "CPP_rate",
    "LACnum": "LAC",
    "CPP_Total_NumRef": "CPP_Total_Rateper10,000",
}
SUPPRESSED = "c"


def _below_county(code, area_type) -> bool:
    if isinstance(area_type, str) and area_type:
        return area_type in BELOW_COUNTY
    code = str(code or "")
    return code.startswith(BELOW_COUNTY_PREFIXES)


def suppress(
    df: pd.DataFrame,
    value_col: str = "value",
    group_cols: list[str] | None = None,
    total: float | dict | None = None,
    threshold: int | None = None,
    count_col: str | None = None,
    area_col: str = "area_code",
    below: pd.Series | None = None,
) -> pd.DataFrame:
    """Return a copy with primary and secondary suppression applied within groups.

    df          one row per cell; `count_col` (default `value_col`) holds the count judged.
    group_cols  columns whose values define a group that sums to a known total (e.g. indicator, period);
                `None` = the whole frame is one group.
    total       the group total an onlooker knows (a number, or a dict keyed by the group's tuple); when
                given, the hidden amount is total − visible cells (so an unallocated remainder counts).
    below       boolean Series: which rows are below the county (default: all rows).
    Sets `value_col` (and `numerator`, if present) to NaN and `status` to 'c' on suppressed rows.
    """
    threshold = config.disclosure_threshold() if threshold is None else int(threshold)
    out = df.copy()
    if "status" not in out.columns:
        out["status"] = None
    out["status"] = out["status"].astype(object)
    count_col = count_col or value_col
    counts = pd.to_numeric(out[count_col], errors="coerce")
    below = pd.Series(True, index=out.index) if below is None else below.reindex(out.index).fillna(False)
    hide = below & counts.between(1, threshold - 1)
    hide |= below & out["status"].eq(SUPPRESSED)
    hide = _secondary(out, counts, hide, below, group_cols, total, threshold)
    return _blank(out, hide, value_col)


def _group_iter(out: pd.DataFrame, idx, group_cols):
    if not group_cols:
        yield (), idx
        return
    sub = out.loc[idx, group_cols].astype(str)
    for key, g in sub.groupby(group_cols, sort=False, dropna=False):
        yield (key if isinstance(key, tuple) else (key,)), g.index


def _secondary(out, counts, hide, below, group_cols, total, threshold) -> pd.Series:
    hide = hide.copy()
    idx = out.index[below]
    for key, gidx in _group_iter(out, idx, group_cols):
        hide = _protect_group(gidx, counts, hide, _total_for(total, key), threshold, out)
    return hide


def _total_for(total, key):
    if total is None:
        return None
    if isinstance(total, dict):
        return total.get(key if len(key) != 1 else key[0], total.get(key))
    return float(total)


def _protect_group(gidx, counts, hide, total, threshold, out) -> pd.Series:
    """Hide more cells of one group until ≥2 are hidden and the hidden amount is ≥ threshold."""
    h = hide.loc[gidx]
    if not h.any():
        return hide
    c = counts.loc[gidx]
    while True:
        hidden = h[h].index
        visible = c[~h & c.notna()]
        if total is not None and not math.isnan(total):
            hidden_amount = total - float(visible.sum())
        else:
            known = c.loc[hidden]
            # a cell hidden upstream with no count known counts as protected (its size is unknown)
            hidden_amount = math.inf if known.isna().any() else float(known.sum())
        if len(hidden) >= 2 and hidden_amount >= threshold:
            break
        if visible.empty:
            break
        # smallest non-zero first, zeros last; ties by row label for determinism
        order = sorted(
            visible.index, key=lambda i: (visible[i] == 0, visible[i], str(out.loc[i].get("area_code", i)))
        )
        h.loc[order[0]] = True
    hide.loc[gidx] = h
    return hide


def _blank(out: pd.DataFrame, hide: pd.Series, value_col: str) -> pd.DataFrame:
    out[value_col] = pd.to_numeric(out[value_col], errors="coerce").astype(float)
    out.loc[hide, value_col] = math.nan
    if "numerator" in out.columns:
        out["numerator"] = pd.to_numeric(out["numerator"], errors="coerce").astype(float)
        out.loc[hide, "numerator"] = math.nan
    out.loc[hide, "status"] = SUPPRESSED
    return out


def _first(df: pd.DataFrame, *names: str) -> str | None:
    return next((n for n in names if n in df.columns), None)


def apply_to_frame_for_display(df: pd.DataFrame, threshold: int | None = None) -> pd.DataFrame:
    """Apply the module's rules to any frame of figures before it is shown, downloaded or exported.

    Uses the columns present: `value` (required), `area_code` and/or `area_type`, `indicator_id`,
    a period column (`period`, `period_label` or `period_end`), `value_type`, `source_id`, `unit`,
    `numerator`, `parent_code`, `status`. Frames with no area below the county come back unchanged
    (a copy). Never raises for a missing optional column."""
    if df is None or df.empty or "value" not in df.columns:
        return df.copy() if df is not None else df
    threshold = config.disclosure_threshold() if threshold is None else int(threshold)
    out = df.copy()
    area = _first(out, "area_code")
    atype = _first(out, "area_type")
    below = pd.Series(
        [
            _below_county(out.at[i, area] if area else None, out.at[i, atype] if atype else None)
            for i in out.index
        ],
        index=out.index,
        dtype=bool,
    )
    if not below.any():
        return out
    if "status" not in out.columns:
        out["status"] = None
    out["status"] = out["status"].astype(object)
    value = pd.to_numeric(out["value"], errors="coerce")
    num = pd.to_numeric(out["numerator"], errors="coerce") if "numerator" in out.columns else None
    if "unit" in out.columns:
        is_count = out["unit"].astype(str).str.lower().eq("count")
    elif "indicator_id" in out.columns:
        is_count = out["indicator_id"].isin(PAIRED.keys())
    else:
        is_count = pd.Series(True, index=out.index)
    counts = value.where(is_count)
    if num is not None:
        counts = counts.where(is_count, num)
    hide = below & (counts.between(1, threshold - 1) | out["status"].eq(SUPPRESSED))

    period = _first(out, "period", "period_label", "period_end")
    base = [c for c in ("indicator_id", period, "value_type", "source_id") if c]
    level = atype or "_level"
    if level == "_level":
        out["_level"] = [str(c)[:3] for c in out[area]] if area else "below"
    groupings = [base + [level]]
    if "parent_code" in out.columns:
        groupings.append(base + [level, "parent_code"])
    for _ in range(20):  # to a fixed point: pairing and nested groups can each add cells
        before = hide.copy()
        hide = _pair(out, hide, below, period, area)
        for cols in groupings:
            hide = _secondary(
                out, counts, hide, below, [c for c in cols if c in out.columns], None, threshold
            )
        if hide.equals(before):
            break
    out = _blank(out, hide, "value")
    return out.drop(columns=["_level"], errors="ignore")


def _pair(out, hide, below, period, area) -> pd.Series:
    """Hide a count indicator and its rate together for the same area and period."""
    if "indicator_id" not in out.columns or not area or not period:
        return hide
    fam = out["indicator_id"].map(lambda i: PAIRED.get(i, i))
    key = pd.Series(list(zip(fam, out[area].astype(str), out[period].astype(str))), index=out.index)
    hidden_keys = set(key[hide])
    return hide | (below & key.isin(hidden_keys))
