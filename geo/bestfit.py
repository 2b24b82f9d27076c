"""LSOA → ward assignment: the official ONS LSOA 2021 → ward best-fit lookup where it exists, the pack's
area-based best fit (largest share of the LSOA's area) elsewhere. Every row says which fit it used.

LSOA 2011 codes unchanged in 2021 (115 of 116) take their 2021 code's ONS ward; E01014007, split in 2021,
keeps the area-based fit. Without the small-area folder every LSOA keeps the area-based fit."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ONS_LOOKUP = "ons_lookup_lsoa21_ward24_bestfit_herefordshire.csv"
ONS_FIT = "ONS best-fit lookup (LSOA 2021 to ward 2024)"
AREA_FIT = "area-based best fit (largest share of the LSOA's area)"


def read_area_fit(path: Path, vintage: str, layer_codes: set[str], ward_codes: set[str]) -> pd.DataFrame:
    """One of the pack's area-based best-fit files as lsoa_code, lsoa_name, ward_code, share, vintage."""
    from data.buildkit import BuildError
    from data.loaders.common import read_csv

    code_col, name_col = f"LSOA{vintage[2:]}CD", f"LSOA{vintage[2:]}NM"
    t = read_csv(path, [code_col, name_col, "WD25CD", "share_of_lsoa_area_in_ward"])
    t.columns = ["lsoa_code", "lsoa_name", "ward_code", "share"]
    missing = sorted(layer_codes - set(t["lsoa_code"]))
    if missing or t["lsoa_code"].duplicated().any():
        raise BuildError(f"{path}: LSOAs missing or repeated ({', '.join(missing[:5])})")
    bad = sorted(set(t["ward_code"]) - ward_codes)
    if bad:
        raise BuildError(f"{path}: ward codes not in the 2025 ward boundaries: {', '.join(bad)}")
    return t.assign(vintage=vintage)


def read_ons_lookup(smallarea_dir: Path | None, ward_codes: set[str]) -> dict[str, str]:
    """LSOA21 code -> ward code from the ONS lookup ({} when the file is absent)."""
    from data.buildkit import BuildError
    from data.loaders.common import read_csv

    if smallarea_dir is None or not (smallarea_dir / ONS_LOOKUP).is_file():
        return {}
    path = smallarea_dir / ONS_LOOKUP
    t = read_csv(path, ["lsoa21_code", "ward24_code"])
    if t["lsoa21_code"].duplicated().any() or t.isna().any().any():
        raise BuildError(f"{path}: blank or repeated LSOA codes")
    bad = sorted(set(t["ward24_code"]) - ward_codes)
    if bad:
        raise BuildError(f"{path}: ward codes not in the 2025 ward boundaries: {', '.join(bad[:5])}")
    return dict(zip(t["lsoa21_code"], t["ward24_code"], strict=True))


def assign(area_fit: pd.DataFrame, ons: dict[str, str]) -> pd.DataFrame:
    """area_fit rows (both vintages) with ward_code replaced by the ONS ward where the code has one, and `fit`
    naming the method used; `area_ward` keeps the area-based ward for comparison."""
    out = area_fit.assign(area_ward=area_fit["ward_code"])
    has = out["lsoa_code"].isin(ons.keys())
    out.loc[has, "ward_code"] = out.loc[has, "lsoa_code"].map(ons)
    out["fit"] = AREA_FIT
    out.loc[has, "fit"] = ONS_FIT
    return out
