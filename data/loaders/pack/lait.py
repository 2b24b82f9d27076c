"""LAIT observations (the key file first, then all measures) merged with the EES rows, which win."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data.loaders.pack.meta import ENGLAND, FILE_OF, SYMBOLS, WEST_MIDLANDS
from data.loaders.pack.parse import err, numbers, read

LAIT_COLS = ["measure_short", "period", "area", "la_number", "value"]
KEY = ["indicator_id", "area_code", "period_label"]


def _frame(df: pd.DataFrame, sid: str, prio: int, lait_code: dict, measures: set) -> pd.DataFrame:
    fname = FILE_OF[sid]
    area = df.la_number.str.replace(r"\.0$", "", regex=True).map(lait_code)
    if area.isna().any():
        i = area.isna().idxmax()
        raise err(f"{fname}: row {int(i) + 2}: la_number {df.la_number[i]!r} ({df.area[i]}) has no ONS code")
    unknown = ~df.measure_short.isin(measures)
    if unknown.any():
        i = unknown.idxmax()
        raise err(f"{fname}: row {int(i) + 2}: measure {df.measure_short[i]!r} is not in the LAIT dictionary")
    v, st = numbers(df, "value", fname, {"-": "x", **{s: s for s in SYMBOLS}})
    note = pd.Series(np.where(df.value == "-", 'not published ("-" in LAIT)', None), index=df.index)
    return pd.DataFrame(
        {
            "indicator_id": df.measure_short,
            "area_code": area,
            "period_label": df.period,
            "value": v,
            "status": st,
            "numerator": np.nan,
            "denominator": np.nan,
            "source_id": sid,
            "note": note,
            "_prio": prio,
        }
    )


def lait_observations(sd: Path, code_of: dict[str, str], measures: set) -> tuple[pd.DataFrame, int]:
    """(LAIT rows of the key and all-measures files, rows with period '0' skipped)."""
    lk = read(sd / FILE_OF["pack_lait_key"], LAIT_COLS + ["area_role", "in_sn_2025", "in_sn_2021"])
    la_all = read(sd / FILE_OF["pack_lait_all"], LAIT_COLS)
    lait_code = {"970": ENGLAND, "984": WEST_MIDLANDS, **code_of}
    lait = pd.concat(
        [
            _frame(df, sid, prio, lait_code, measures)
            for sid, df, prio in (("pack_lait_key", lk, 2), ("pack_lait_all", la_all, 3))
        ],
        ignore_index=True,
    )
    zero = lait.period_label == "0"
    return lait[~zero], int(zero.sum())


def merge_sources(ees_obs: pd.DataFrame, lait: pd.DataFrame) -> pd.DataFrame:
    """One row per (indicator, area, period): EES first, then the LAIT key file, then all LAIT measures.
    A LAIT value that differs from the EES value it is replaced by goes into the note."""
    allobs = pd.concat([ees_obs, lait], ignore_index=True)
    allobs = allobs[allobs.value.notna() | allobs.status.notna()]
    allobs = allobs.sort_values(KEY + ["_prio"], kind="stable")
    first = allobs.drop_duplicates(KEY)
    laitv = allobs[allobs._prio > 1].drop_duplicates(KEY)[KEY + ["value", "status"]]
    first = first.merge(laitv, on=KEY, how="left", suffixes=("", "_lait"))
    differs = (
        (first._prio == 1)
        & first.value_lait.notna()
        & (first.value.isna() | ((first.value - first.value_lait).abs() > 1e-6))
    )
    first.loc[differs, "note"] = first.loc[differs].apply(
        lambda r: "; ".join(x for x in [r.note, f"LAIT gives {r.value_lait:g}"] if isinstance(x, str)), axis=1
    )
    return first.drop(columns=["value_lait", "status_lait"])
