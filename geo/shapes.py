"""Geography inputs and geometry helpers: the ward→locality table, boundary files, coverage simplification,
dissolving wards into localities, and GeoJSON for Plotly. Used by geo/build.py and the small-area loaders."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.areas import ENGLAND, HERE, SOUTH_WYE  # noqa: F401  (one home for area codes; re-exported)
from dashboard.areas import HEREFORD_CITY as HEREFORD
from dashboard.areas import HEREFORD_CITY_EXCL_SW as EXCL_SW  # noqa: F401
from dashboard.areas import LOCALITIES as LOCALITY_CODES
from dashboard.areas import SUB_AREAS as SUB_AREA_CODES

BASIS = "proposal, approximated from electoral wards"
N_WARDS = 53

# Simplification tolerance in degrees (about 35 m north-south, 55 m east-west at 52°N) and output grid.
TOLERANCE = 0.0005
GRID = 1e-5

FILES = {
    "wards": "herefordshire_wards_2025.geojson",
    "lsoa11": "herefordshire_lsoa_2011.geojson",
    "lsoa21": "herefordshire_lsoa_2021.geojson",
    "county": "herefordshire_county_outline.geojson",
    "bestfit11": "herefordshire_lsoa11_to_ward_bestfit.csv",
    "bestfit21": "herefordshire_lsoa21_to_ward_bestfit.csv",
}
WARD_TABLE_COLS = [
    "ward_code",
    "ward_name",
    "ward_code_2015",
    "locality",
    "locality_code",
    "sub_area",
    "sub_area_code",
    "confidence",
    "note",
    "basis",
]


def ward_table_path(root: Path) -> Path:
    return Path(root) / "geo" / "ward_locality.csv"


# --------------------------------------------------------------------------------------------- inputs


def read_ward_table(path: Path, ward_codes: set[str] | None = None, boundary_file: str = "") -> pd.DataFrame:
    """Read and validate geo/ward_locality.csv: 53 wards each exactly once, known locality codes,
    and (when given) every code present in the boundary file."""
    from data.buildkit import BuildError
    from data.loaders.common import read_csv

    if not path.exists():
        raise BuildError(f"{path}: the ward→locality table is missing")
    df = read_csv(path, WARD_TABLE_COLS)
    problems = []
    if df["ward_code"].isna().any():
        problems.append("rows without a ward_code")
    dup = df.loc[df["ward_code"].duplicated(), "ward_code"].tolist()
    if dup:
        problems.append(f"wards listed more than once: {', '.join(dup)}")
    bad_loc = sorted(set(df["locality_code"].fillna("(blank)")) - set(LOCALITY_CODES))
    if bad_loc:
        problems.append(f"unknown locality_code: {', '.join(bad_loc)}")
    sub = df["sub_area_code"].dropna()
    bad_sub = sorted(set(sub) - set(SUB_AREA_CODES))
    if bad_sub:
        problems.append(f"unknown sub_area_code: {', '.join(bad_sub)}")
    if (df.loc[df["sub_area_code"].notna(), "locality_code"] != HEREFORD).any():
        problems.append(f"sub_area_code is only for wards in {HEREFORD}")
    if (df.loc[df["locality_code"] == HEREFORD, "sub_area_code"].isna()).any():
        problems.append(f"every {HEREFORD} ward needs a sub_area_code")
    if ward_codes is not None:
        unknown = sorted(set(df["ward_code"].dropna()) - ward_codes)
        if unknown:
            problems.append(f"ward codes not in {boundary_file}: {', '.join(unknown)}")
        missing = sorted(ward_codes - set(df["ward_code"].dropna()))
        if missing:
            problems.append(f"wards in {boundary_file} with no locality: {', '.join(missing)}")
    if len(df) != N_WARDS and not problems:
        problems.append(f"{len(df)} rows, expected {N_WARDS}")
    if problems:
        raise BuildError(f"{path}: " + "; ".join(problems))
    return df


def _require(geo_dir: Path, key: str) -> Path:
    from data.buildkit import BuildError

    p = geo_dir / FILES[key]
    if not p.is_file():
        raise BuildError(f"{p}: boundary pack file is missing (geo/build.py needs it)")
    return p


def _read_geo(path: Path, code_col: str, name_col: str | None):
    import geopandas as gpd

    from data.buildkit import BuildError

    try:
        gdf = gpd.read_file(path)
    except Exception as e:  # pyogrio raises its own errors for damaged files
        raise BuildError(f"{path}: cannot be read as GeoJSON ({e})") from e
    need = [code_col] + ([name_col] if name_col else [])
    missing = [c for c in need if c not in gdf.columns]
    if missing:
        raise BuildError(f"{path}: missing property {', '.join(missing)}")
    if gdf.crs is not None and gdf.crs.to_epsg() not in (4326, None):
        gdf = gdf.to_crs(4326)
    if gdf.geometry.isna().any() or gdf[code_col].duplicated().any():
        raise BuildError(f"{path}: empty geometries or duplicate {code_col}")
    return gdf


# --------------------------------------------------------------------------------------------- geometry


def simplify_coverage(geoms, tolerance: float = TOLERANCE, grid: float = GRID):
    """Simplify polygons as one coverage (shared edges simplified once, so neighbours still touch),
    then snap to a grid (5 dp); identical vertices snap identically so shared edges stay shared."""
    import shapely

    arr = np.asarray(geoms, dtype=object)
    if shapely.coverage_is_valid(arr):
        arr = shapely.coverage_simplify(arr, tolerance)
    else:  # not a clean coverage: simplify each polygon, preserving its topology
        arr = shapely.simplify(arr, tolerance, preserve_topology=True)
    arr = shapely.set_precision(arr, grid)
    return shapely.make_valid(arr)


def for_plotly(geom) -> str:
    """GeoJSON text with exterior rings clockwise (what Plotly's d3-geo expects)."""
    import shapely

    return shapely.to_geojson(shapely.orient_polygons(geom, exterior_cw=True))


def dissolve(geoms):
    import shapely

    return shapely.make_valid(shapely.union_all(np.asarray(geoms, dtype=object), grid_size=GRID))


def geojson_feature_collection(rows) -> dict:
    """rows of (area_code, area_name, geojson text) -> a FeatureCollection keyed by properties.area_code."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": code,
                "properties": {"area_code": code, "area_name": name},
                "geometry": json.loads(g),
            }
            for code, name, g in rows
        ],
    }
