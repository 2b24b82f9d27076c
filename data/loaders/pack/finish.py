"""The last step of the pack: period dates from each indicator's period type, ids, checks, insert."""

from __future__ import annotations

import pandas as pd

from data.loaders.columns import OBS_COLS
from data.loaders.common import insert
from data.loaders.pack.parse import err, period_dates


def _dates(con, obsdf: pd.DataFrame) -> pd.DataFrame:
    ptypes = dict(con.execute("SELECT indicator_id, period_type FROM indicators").fetchall())
    published = dict(con.execute("SELECT source_id, published_date FROM sources").fetchall())
    dates = []
    for iid, lab in obsdf[["indicator_id", "period_label"]].drop_duplicates().itertuples(index=False):
        if lab.startswith("IoD "):
            d = published.get("pack_imd2019_la" if "2019" in lab else "pack_imd2025_la")
            dates.append((iid, lab, None, d))
            continue
        s, e = period_dates(lab, ptypes.get(iid))
        if e is None:
            raise err(f"LAIT/EES period {lab!r} for {iid} cannot be read as a year or year range")
        dates.append((iid, lab, s, e))
    return pd.DataFrame(dates, columns=["indicator_id", "period_label", "period_start", "period_end"])


def insert_observations(con, obsdf: pd.DataFrame, areas_known: set[str]) -> pd.DataFrame:
    """Date, identify and insert the pack's observations; returns what was inserted."""
    obsdf = obsdf.merge(_dates(con, obsdf), on=["indicator_id", "period_label"], how="left")
    prefix = obsdf.source_id.str.replace("pack_", "", regex=False)
    obsdf["obs_id"] = prefix + ":" + obsdf.indicator_id + ":" + obsdf.area_code + ":" + obsdf.period_label
    obsdf["value_type"] = "actual"
    missing_area = ~obsdf.area_code.isin(areas_known)
    if missing_area.any():
        raise err(f"public pack: area {obsdf.area_code[missing_area].iloc[0]} is not in the areas table")
    out = obsdf[OBS_COLS].copy()
    out["status"] = out.status.where(out.status.notna(), None)
    out["note"] = out.note.where(out.note.notna(), None)
    if out.obs_id.duplicated().any():
        raise err(f"public pack: duplicate observation id {out.obs_id[out.obs_id.duplicated()].iloc[0]}")
    insert(con, "observations", out, "public pack observations")
    return out
