"""IoD 2019 and 2025 LA summaries of the pack as observations, for the areas the store knows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data.loaders.pack.meta import FILE_OF
from data.loaders.pack.parse import numbers, read

C25 = {
    "imd2025_avg_score": ("imd_average_score", 1),
    "imd2025_rank_avg_score": ("imd_rank_of_average_score", 1),
    "imd2025_avg_rank": ("imd_average_rank", 1),
    "imd2025_rank_avg_rank": ("imd_rank_of_average_rank", 1),
    "imd2025_prop_lsoa_10pct": ("imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally", 100),
    "imd2025_rank_prop_lsoa_10pct": (
        "imd_rank_of_proportion_of_lso_as_in_most_deprived_10_percent_nationally",
        1,
    ),
    "imd2025_extent": ("imd25_extent", 100),
}


def _imd2019(sd: Path) -> pd.DataFrame:
    f19 = FILE_OF["pack_imd2019_la"]
    imd19 = read(sd / f19, ["ltla23_code", "Score", "Proportion", "Extent"])
    s19 = numbers(imd19, "Score", f19, {})[0]
    return imd19.assign(
        imd2019_avg_score=s19,
        imd2019_rank_avg_score=s19.rank(ascending=False, method="min"),
        imd2019_prop_lsoa_10pct=numbers(imd19, "Proportion", f19, {})[0] * 100,
        imd2019_extent=numbers(imd19, "Extent", f19, {})[0] * 100,
    ).rename(columns={"ltla23_code": "area_code"})


def _imd2025(sd: Path) -> pd.DataFrame:
    f25 = FILE_OF["pack_imd2025_la"]
    imd25 = read(sd / f25, ["ltla24_code", "ltla24_name"] + [c for c, _ in C25.values()])
    return imd25.assign(**{k: numbers(imd25, c, f25, {})[0] * f for k, (c, f) in C25.items()}).rename(
        columns={"ltla24_code": "area_code"}
    )


def imd_observations(sd: Path, areas_known: set[str]) -> list[tuple[str, pd.DataFrame, str]]:
    """[(source id, observations, log message)] for IoD 2019 and IoD 2025."""
    imd19 = _imd2019(sd)
    out = []
    for sid, df, cols, label in (
        ("pack_imd2019_la", imd19, [c for c in imd19 if c.startswith("imd2019_")], "IoD 2019"),
        ("pack_imd2025_la", _imd2025(sd), list(C25), "IoD 2025"),
    ):
        df = df[df.area_code.isin(areas_known)]
        long = df.melt(id_vars=["area_code"], value_vars=cols, var_name="indicator_id", value_name="value")
        long = long.assign(
            period_label=label,
            status=None,
            numerator=np.nan,
            denominator=np.nan,
            source_id=sid,
            note=np.where(
                long.indicator_id == "imd2019_rank_avg_score",
                "ranked by the project among the 296 LTLAs in the file",
                None,
            ),
            _prio=1,
        )
        out.append((sid, long, f"{len(df)} of {len(areas_known)} known areas found"))
    return out
