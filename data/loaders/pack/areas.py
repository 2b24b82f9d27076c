"""Areas of the public pack: local authorities (old DfE code -> ONS code) and regions from the EES files."""

from __future__ import annotations

import pandas as pd

from data.loaders.pack.maps import FALLBACK_LA
from data.loaders.pack.meta import ENGLAND


def la_map(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """old_la_code -> latest ONS code, name, region, earlier codes (from every EES file)."""
    rows = []
    for _f, df in frames.items():
        la = df[df["geographic_level"] == "Local authority"]
        rows.append(
            la[["time_period", "old_la_code", "new_la_code", "la_name", "region_code", "region_name"]]
        )
    la = pd.concat(rows, ignore_index=True)
    la = la[la["old_la_code"] != ""]
    la["tp"] = la["time_period"].str[:4].astype(int)
    la = la.sort_values(["old_la_code", "tp"])
    latest = la.groupby("old_la_code").last().reset_index()
    earlier = (la.groupby("old_la_code")["new_la_code"].agg(lambda s: sorted(set(s)))).rename("codes")
    latest = latest.merge(earlier, on="old_la_code")
    for old, (code, name, region) in FALLBACK_LA.items():
        if old not in set(latest["old_la_code"]):
            latest.loc[len(latest)] = dict(
                old_la_code=old,
                new_la_code=code,
                la_name=name,
                region_code=region,
                region_name="North West",
                codes=[code],
                time_period="",
                tp=0,
            )
    return latest


def areas_frame(la: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    out = []
    for r in la.itertuples():
        notes = []
        others = [c for c in r.codes if c != r.new_la_code]
        if others:
            notes.append(
                f"ONS code {r.new_la_code} used for all years (DfE files give {', '.join(others)} "
                "before the 2023 reorganisation)"
            )
        if r.old_la_code == "909":
            notes.append(
                "abolished 1 April 2023 (split into Cumberland and Westmorland and Furness); "
                "figures end in 2023"
            )
        if r.old_la_code == "943":
            notes.append("created 1 April 2023 from part of Cumbria; figures from 2024")
        out.append(
            dict(
                area_code=r.new_la_code,
                area_name=r.la_name,
                area_type="local authority",
                parent_code=r.region_code or None,
                old_la_code=r.old_la_code,
                note="; ".join(notes) or None,
            )
        )
    for r in regions.itertuples():
        out.append(
            dict(
                area_code=r.region_code,
                area_name=r.region_name,
                area_type="region",
                parent_code=ENGLAND,
                old_la_code=None,
                note="Government Office region",
            )
        )
    return pd.DataFrame(out)
