"""Geography step of the store build: boundaries, the ward→locality table, locality polygons and
locality indicators from the English Indices of Deprivation.

Reads the public pack's boundary files in place (`$PUBLIC_DATA_DIR/geo`, never copied) and the project's
own assignment table `geo/ward_locality.csv`, then writes:

* `geometries`   — layers 'locality' (7), 'sub-locality' (the three Hereford City parts), 'locality-variant'
  (Hereford City without South Wye), 'ward', 'lsoa21', 'lsoa11', 'county'. Each row is a GeoJSON geometry,
  simplified as a coverage (neighbours still touch), snapped to 5 decimal places and oriented for Plotly
  (exterior rings clockwise).
* `areas`        — wards (parent = locality), LSOAs (parent = best-fit ward) and LOC-HEREFORD-CITY-EXCL-SW.
* `ward_locality`, `lsoa_locality`.
* `indicators`, `sources`, `observations` — IMD 2015/2019 and IoD 2025 measures for each LSOA, locality,
  Hereford sub-area, the county and (where defined by construction) England.

Localities are a proposal approximated from electoral wards, not an official council lookup; LSOAs are
assigned to wards by best fit (largest share of area), so locality IMD figures are approximate too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

HERE = "E06000019"
ENGLAND = "E92000001"
EXCL_SW = "LOC-HEREFORD-CITY-EXCL-SW"
SOUTH_WYE = "LOC-SOUTH-WYE"
HEREFORD = "LOC-HEREFORD-CITY"
LOCALITY_CODES = [
    "LOC-HEREFORD-CITY",
    "LOC-LEOMINSTER",
    "LOC-ROSS",
    "LOC-LEDBURY",
    "LOC-BROMYARD",
    "LOC-GOLDEN-VALLEY",
    "LOC-KINGTON-WEOBLEY",
]
SUB_AREA_CODES = ["LOC-SOUTH-WYE", "LOC-HEREFORD-NORTH", "LOC-HEREFORD-FRINGE"]
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


# --------------------------------------------------------------------------------------------- IMD


@dataclass(frozen=True)
class ImdRelease:
    key: str  # 'imd2015'
    label: str  # period_label
    source_id: str
    file_name: str
    vintage: str  # LSOA vintage '2011' / '2021'
    published: str  # ISO date of release
    n_lsoa_england: int
    code_col: str
    cols: dict  # our name -> column in the file
    title: str


RELEASES = [
    ImdRelease(
        "imd2015",
        "IMD 2015",
        "imd2015-lsoa",
        "imd2015_herefordshire_lsoa11.csv",
        "2011",
        "2015-09-30",
        32844,
        "LSOA11CD",
        {
            "score": "IMD2015_score",
            "rank": "IMD2015_rank",
            "decile": "IMD2015_decile",
            "cyp_rank": "IMD2015_sub_children_and_young_people_sub_domain_rank",
            "cyp_decile": "IMD2015_sub_children_and_young_people_sub_domain_decile",
        },
        "English Indices of Deprivation 2015: Herefordshire LSOAs (2011)",
    ),
    ImdRelease(
        "imd2019",
        "IMD 2019",
        "imd2019-lsoa",
        "imd2019_herefordshire_lsoa11.csv",
        "2011",
        "2019-09-26",
        32844,
        "LSOA11CD",
        {
            "score": "IMD2019_score",
            "rank": "IMD2019_IMD_rank",
            "decile": "IMD2019_IMD_decile",
            "cyp_rank": "IMD2019_sub_Children_and_young_people_rank",
            "cyp_decile": "IMD2019_sub_Children_and_young_people_decile",
            "idaci_num": "IoD2019_IDACI_numerator_children_in_income_deprived_families",
        },
        "English Indices of Deprivation 2019: Herefordshire LSOAs (2011)",
    ),
    ImdRelease(
        "imd2025",
        "IoD 2025",
        "imd2025-lsoa",
        "imd2025_herefordshire_lsoa21.csv",
        "2021",
        "2025-10-30",
        33755,
        "LSOA21CD",
        {
            "score": "IMD2025_IMD_score",
            "rank": "IMD2025_IMD_rank",
            "decile": "IMD2025_IMD_decile",
            "cyp_rank": "IMD2025_sub_children_and_young_people_rank",
            "cyp_decile": "IMD2025_sub_children_and_young_people_decile",
            "idaci_num": "IoD2025_IDACI_numerator_children_in_income_deprived_families",
        },
        "English Indices of Deprivation 2025: Herefordshire LSOAs (2021)",
    ),
]

IMD_CAVEAT = (
    "Localities approximated from electoral wards (a proposal, not an official council lookup); "
    "LSOAs assigned to wards by best fit of area, so locality figures are approximate."
)

# indicator_id, name, definition, unit, polarity, topic, decimals, multiplier, caveat
INDICATORS = [
    (
        "imd_lsoa_pct_most_deprived_10",
        "LSOAs in the most deprived 10% nationally (IMD)",
        "Share of the area's LSOAs whose Index of Multiple Deprivation decile is 1 (most deprived 10% of "
        "LSOAs "
        "in England)",
        "%",
        "low is good",
        "Deprivation",
        1,
        100,
        IMD_CAVEAT,
    ),
    (
        "imd_lsoa_pct_most_deprived_20",
        "LSOAs in the most deprived 20% nationally (IMD)",
        "Share of the area's LSOAs whose IMD decile is 1 or 2",
        "%",
        "low is good",
        "Deprivation",
        1,
        100,
        IMD_CAVEAT,
    ),
    (
        "imd_lsoa_count",
        "LSOAs (IMD)",
        "Number of LSOAs in the area in the IMD release",
        "count",
        "no judgement",
        "Deprivation",
        0,
        None,
        IMD_CAVEAT,
    ),
    *[
        (
            f"imd_lsoas_decile_{d:02d}",
            f"LSOAs in national IMD decile {d}",
            f"Number of the area's LSOAs in national IMD decile {d} (1 = most deprived 10%)",
            "count",
            "no judgement",
            "Deprivation (decile mix)",
            0,
            None,
            IMD_CAVEAT,
        )
        for d in range(1, 11)
    ],
    (
        "idaci_children_income_deprived",
        "Children in income-deprived families (IDACI numerator)",
        "Sum over the area's LSOAs of the IDACI numerator: children aged 0-15 living in income-deprived "
        "families",
        "count of children",
        "low is good",
        "Deprivation",
        0,
        None,
        IMD_CAVEAT + " The 2019 source leaves the numerator blank for 9 LSOAs: sums exclude them (see note).",
    ),
    (
        "imd_cyp_education_mean_rank",
        "Children and young people education sub-domain: mean LSOA rank",
        "Mean national rank of the area's LSOAs on the IMD Children and Young People sub-domain of the "
        "Education domain (1 = most deprived); an attainment signal, not attainment itself",
        "rank",
        "high is good",
        "Deprivation (education)",
        0,
        None,
        IMD_CAVEAT
        + " Unweighted mean of LSOA ranks; ranks are out of about 32,800 (2011 LSOAs) or 33,755 (2021).",
    ),
    (
        "imd_cyp_education_pct_most_deprived_20",
        "LSOAs in the most deprived 20% nationally: children and young people education sub-domain",
        "Share of the area's LSOAs in deciles 1-2 of the IMD Children and Young People education sub-domain",
        "%",
        "low is good",
        "Deprivation (education)",
        1,
        100,
        IMD_CAVEAT,
    ),
    # LSOA level (so the LSOA map can be coloured)
    (
        "imd_lsoa_decile",
        "IMD decile (LSOA)",
        "National IMD decile of the LSOA (1 = most deprived 10%)",
        "decile",
        "high is good",
        "Deprivation (LSOA)",
        0,
        None,
        None,
    ),
    (
        "imd_lsoa_score",
        "IMD score (LSOA)",
        "Index of Multiple Deprivation score of the LSOA (higher = more deprived)",
        "score",
        "low is good",
        "Deprivation (LSOA)",
        1,
        None,
        None,
    ),
    (
        "imd_lsoa_rank",
        "IMD rank (LSOA)",
        "National IMD rank of the LSOA (1 = most deprived)",
        "rank",
        "high is good",
        "Deprivation (LSOA)",
        0,
        None,
        None,
    ),
    (
        "imd_lsoa_cyp_education_decile",
        "Children and young people education sub-domain decile (LSOA)",
        "National decile of the LSOA on the IMD Children and Young People education sub-domain",
        "decile",
        "high is good",
        "Deprivation (LSOA)",
        0,
        None,
        None,
    ),
    (
        "idaci_lsoa_children_income_deprived",
        "Children in income-deprived families (LSOA, IDACI numerator)",
        "IDACI numerator of the LSOA: children aged 0-15 living in income-deprived families",
        "count of children",
        "low is good",
        "Deprivation (LSOA)",
        0,
        None,
        None,
    ),
]
LOCALITY_INDICATORS = [i[0] for i in INDICATORS if "(LSOA)" not in i[5]]


def _imd_frame(stats_dir: Path, rel: ImdRelease, lsoa_ward: dict[str, str]) -> pd.DataFrame:
    from data.buildkit import BuildError

    path = stats_dir / rel.file_name
    try:
        raw = pd.read_csv(path, dtype={rel.code_col: str})
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as e:
        raise BuildError(f"{path}: cannot be read ({e})") from e
    need = [rel.code_col, *rel.cols.values()]
    missing = [c for c in need if c not in raw.columns]
    if missing:
        raise BuildError(f"{path}: missing column(s) {', '.join(missing)}")
    df = raw[need].rename(columns={v: k for k, v in rel.cols.items()}).rename(columns={rel.code_col: "lsoa"})
    for c in rel.cols:
        df[c] = pd.to_numeric(df[c], errors="coerce")
    if "idaci_num" not in df:
        df["idaci_num"] = np.nan
    unknown = sorted(set(df["lsoa"]) - set(lsoa_ward))
    if unknown:
        raise BuildError(f"{path}: LSOA codes with no best-fit ward: {', '.join(unknown[:5])}")
    if df[["rank", "decile"]].isna().any().any():
        raise BuildError(f"{path}: blank IMD rank or decile")
    df["ward"] = df["lsoa"].map(lsoa_ward)
    return df


def _summarise(df: pd.DataFrame, rel: ImdRelease) -> dict[str, tuple]:
    """indicator_id -> (value, numerator, denominator, note) for one group of LSOAs."""
    n = len(df)
    d1 = int((df["decile"] == 1).sum())
    d2 = int((df["decile"] <= 2).sum())
    out = {
        "imd_lsoa_count": (float(n), None, None, None),
        "imd_lsoa_pct_most_deprived_10": (100 * d1 / n, d1, n, None),
        "imd_lsoa_pct_most_deprived_20": (100 * d2 / n, d2, n, None),
    }
    for d in range(1, 11):
        out[f"imd_lsoas_decile_{d:02d}"] = (float((df["decile"] == d).sum()), None, None, None)
    cyp = df["cyp_decile"].dropna()
    if len(cyp):
        k = int((cyp <= 2).sum())
        out["imd_cyp_education_pct_most_deprived_20"] = (100 * k / len(cyp), k, len(cyp), None)
        out["imd_cyp_education_mean_rank"] = (
            float(df["cyp_rank"].mean()),
            None,
            None,
            f"unweighted mean over {len(cyp)} LSOAs",
        )
    if "idaci_num" in rel.cols:
        blanks = int(df["idaci_num"].isna().sum())
        note = f"{blanks} of {n} LSOAs blank in the source and left out of the sum" if blanks else None
        out["idaci_children_income_deprived"] = (float(df["idaci_num"].sum()), None, None, note)
    return out


def _observations(imd: dict[str, pd.DataFrame], membership: dict[str, set[str]]) -> pd.DataFrame:
    rows = []

    def add(ind, area, rel, value, num=None, den=None, note=None):
        rows.append(
            {
                "obs_id": f"geo-{rel.key}-{ind}-{area}",
                "indicator_id": ind,
                "area_code": area,
                "period_label": rel.label,
                "period_start": None,
                "period_end": rel.published,
                "value": None if value is None or (isinstance(value, float) and np.isnan(value)) else value,
                "numerator": num,
                "denominator": den,
                "status": "x" if value is None or (isinstance(value, float) and np.isnan(value)) else None,
                "value_type": "actual",
                "source_id": rel.source_id,
                "note": note,
            }
        )

    for rel in RELEASES:
        df = imd[rel.key]
        groups = {HERE: df}
        for area, wards in membership.items():
            groups[area] = df[df["ward"].isin(wards)]
        for area, part in groups.items():
            if part.empty:
                continue
            for ind, (v, num, den, note) in _summarise(part, rel).items():
                if area != HERE:
                    note = "; ".join(
                        x for x in [note, "LSOAs assigned by best fit to proposed localities"] if x
                    )
                add(ind, area, rel, v, num, den, note)
        # England, where the measure is fixed by construction of the deciles
        n = rel.n_lsoa_england
        by_def = f"by construction of the national deciles ({n:,} LSOAs in England)"
        add("imd_lsoa_pct_most_deprived_10", ENGLAND, rel, 10.0, None, n, by_def)
        add("imd_lsoa_pct_most_deprived_20", ENGLAND, rel, 20.0, None, n, by_def)
        add("imd_cyp_education_pct_most_deprived_20", ENGLAND, rel, 20.0, None, n, by_def)
        add("imd_cyp_education_mean_rank", ENGLAND, rel, (n + 1) / 2, None, n, by_def)
        # LSOA level
        for r in df.itertuples(index=False):
            add("imd_lsoa_decile", r.lsoa, rel, float(r.decile))
            add("imd_lsoa_score", r.lsoa, rel, float(r.score))
            add("imd_lsoa_rank", r.lsoa, rel, float(r.rank))
            add("imd_lsoa_cyp_education_decile", r.lsoa, rel, float(r.cyp_decile))
            if "idaci_num" in rel.cols:
                blank = pd.isna(r.idaci_num)
                add(
                    "idaci_lsoa_children_income_deprived",
                    r.lsoa,
                    rel,
                    None if blank else float(r.idaci_num),
                    note="blank in the source" if blank else None,
                )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------- load


def _upsert_areas(con, df: pd.DataFrame) -> int:
    """Add areas not already present (reference rows win). Same rule as data.loaders.common.upsert_areas,
    but every result is fetched in full (DuckDB 2 refuses to unregister with a half-read result)."""
    con.register("_geo_areas", df)
    try:
        before = con.execute("SELECT count(*) FROM areas").fetchall()[0][0]
        cols = ", ".join(df.columns)
        con.execute(
            f"INSERT INTO areas ({cols}) SELECT {cols} FROM _geo_areas "
            "WHERE area_code NOT IN (SELECT area_code FROM areas) "
            "QUALIFY row_number() OVER (PARTITION BY area_code) = 1"
        )
        after = con.execute("SELECT count(*) FROM areas").fetchall()[0][0]
    finally:
        con.unregister("_geo_areas")
    return after - before


def load(con, ctx):
    import time

    import geopandas as gpd  # noqa: F401  (imported here so a store without the pack never needs it)
    import shapely

    from data.buildkit import BuildError, Step
    from data.loaders.common import insert, read_csv

    t0 = time.perf_counter()
    table_path = ward_table_path(ctx.root)
    if ctx.geo_dir is None or not ctx.geo_dir.is_dir():
        read_ward_table(table_path)  # still validate the project's own table
        return [
            Step(
                "geography",
                str(ctx.geo_dir or "public pack"),
                0,
                "skipped",
                "boundary pack not found: no maps, locality polygons or locality IMD figures",
            )
        ]
    geo_dir = ctx.geo_dir
    paths = {k: _require(geo_dir, k) for k in FILES}

    wards = _read_geo(paths["wards"], "WD25CD", "WD25NM")
    lsoa11 = _read_geo(paths["lsoa11"], "LSOA11CD", "LSOA11NM")
    lsoa21 = _read_geo(paths["lsoa21"], "LSOA21CD", "LSOA21NM")
    county = _read_geo(paths["county"], "LAD25CD", None)
    wt = read_ward_table(table_path, set(wards["WD25CD"]), paths["wards"].name)
    wt = wt.set_index("ward_code").loc[wards["WD25CD"]].reset_index()  # boundary-file order

    # ---- geometry: simplify the ward coverage once; every larger area is a union of simplified wards
    wgeom = simplify_coverage(wards.geometry.values)
    loc_of = dict(zip(wt["ward_code"], wt["locality_code"], strict=True))
    sub_of = dict(zip(wt["ward_code"], wt["sub_area_code"], strict=True))
    membership: dict[str, set[str]] = {c: {w for w, lc in loc_of.items() if lc == c} for c in LOCALITY_CODES}
    for c in SUB_AREA_CODES:
        membership[c] = {w for w, sc in sub_of.items() if sc == c}
    membership[EXCL_SW] = membership[HEREFORD] - membership[SOUTH_WYE]
    empty = [c for c in LOCALITY_CODES if not membership[c]]
    if empty:
        raise BuildError(f"{table_path}: localities with no ward: {', '.join(empty)}")
    geom_of_ward = dict(zip(wards["WD25CD"], wgeom, strict=True))
    area_geoms = {c: dissolve([geom_of_ward[w] for w in sorted(ws)]) for c, ws in membership.items()}

    outline = county.geometry.union_all()
    county_geom = dissolve(wgeom)
    loc_union = shapely.union_all([area_geoms[c] for c in LOCALITY_CODES])
    diff = shapely.symmetric_difference(loc_union, outline).area / outline.area
    if diff > 0.01:
        raise BuildError(
            f"{paths['county']}: localities differ from the county outline by {diff:.1%} of its area"
        )

    grows = []
    for c in LOCALITY_CODES:
        grows.append((c, "locality", for_plotly(area_geoms[c])))
    for c in SUB_AREA_CODES:
        grows.append((c, "sub-locality", for_plotly(area_geoms[c])))
    grows.append((EXCL_SW, "locality-variant", for_plotly(area_geoms[EXCL_SW])))
    grows.append((HERE, "county", for_plotly(county_geom)))
    for code, g in zip(wards["WD25CD"], wgeom, strict=True):
        grows.append((code, "ward", for_plotly(g)))
    for layer, gdf, col in (("lsoa11", lsoa11, "LSOA11CD"), ("lsoa21", lsoa21, "LSOA21CD")):
        for code, g in zip(gdf[col], simplify_coverage(gdf.geometry.values), strict=True):
            grows.append((code, layer, for_plotly(g)))
    gdf_rows = pd.DataFrame(grows, columns=["area_code", "layer", "geojson"])

    # ---- LSOA best fit (shared lookups), checked against the boundary files
    bf = {}
    for key, vintage, layer_gdf, code_col, name_col in (
        ("bestfit11", "2011", lsoa11, "LSOA11CD", "LSOA11NM"),
        ("bestfit21", "2021", lsoa21, "LSOA21CD", "LSOA21NM"),
    ):
        t = read_csv(paths[key], [code_col, name_col, "WD25CD", "share_of_lsoa_area_in_ward"])
        t.columns = ["lsoa_code", "lsoa_name", "ward_code", "share"]
        missing = sorted(set(layer_gdf[code_col]) - set(t["lsoa_code"]))
        if missing or t["lsoa_code"].duplicated().any():
            raise BuildError(f"{paths[key]}: LSOAs missing or repeated ({', '.join(missing[:5])})")
        bad = sorted(set(t["ward_code"]) - set(wards["WD25CD"]))
        if bad:
            raise BuildError(f"{paths[key]}: ward codes not in {paths['wards'].name}: {', '.join(bad)}")
        t["vintage"] = vintage
        bf[vintage] = t
    lsoa_all = pd.concat([bf["2011"], bf["2021"]], ignore_index=True)
    conflict = lsoa_all.groupby("lsoa_code")["ward_code"].nunique()
    if (conflict > 1).any():
        raise BuildError(
            f"{paths['bestfit21']}: LSOA codes best-fitted to different wards in 2011 and 2021: "
            + ", ".join(conflict[conflict > 1].index[:5])
        )
    lsoa_all["locality"] = lsoa_all["ward_code"].map(loc_of)

    # ---- areas: LOC-HEREFORD-CITY-EXCL-SW, wards, LSOAs
    ward_areas = pd.DataFrame(
        {
            "area_code": wt["ward_code"],
            "area_name": wt["ward_name"],
            "area_type": "ward",
            "parent_code": wt["locality_code"],
            "old_la_code": None,
            "note": "electoral ward (2025 codes); locality " + BASIS,
        }
    )
    vint = lsoa_all.groupby("lsoa_code")["vintage"].agg(lambda s: " and ".join(sorted(s)))
    lsoa_areas = (
        lsoa_all.drop_duplicates("lsoa_code")
        .assign(
            area_type="LSOA",
            old_la_code=None,
            note=lambda d: "LSOA " + d["lsoa_code"].map(vint) + "; parent = best-fit ward",
        )
        .rename(columns={"lsoa_code": "area_code", "lsoa_name": "area_name", "ward_code": "parent_code"})[
            ["area_code", "area_name", "area_type", "parent_code", "old_la_code", "note"]
        ]
    )
    extra = pd.DataFrame(
        [
            {
                "area_code": EXCL_SW,
                "area_name": "Hereford City excluding South Wye",
                "area_type": "locality",
                "parent_code": HEREFORD,
                "old_la_code": None,
                "note": "Hereford City locality without the South Wye wards (north of Wye and rural "
                "fringe); " + BASIS,
            }
        ]
    )
    n_areas = _upsert_areas(con, pd.concat([extra, ward_areas, lsoa_areas], ignore_index=True))
    n_geom = insert(con, "geometries", gdf_rows, str(geo_dir))

    # ---- ward_locality / lsoa_locality
    wl = pd.DataFrame(
        {
            "ward_code": wt["ward_code"],
            "ward_name": wt["ward_name"],
            "locality": wt["locality_code"],
            "sub_area": wt["sub_area_code"],
            "confidence": wt["confidence"],
            "note": [
                " — ".join(x for x in (s, n) if x) or None
                for s, n in zip(wt["sub_area"], wt["note"], strict=True)
            ],
        }
    )
    n_wl = insert(con, "ward_locality", wl, str(table_path))
    pk = con.execute(
        "SELECT constraint_column_names FROM duckdb_constraints() WHERE table_name = 'lsoa_locality' "
        "AND constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    pk = pk[0] if pk else None
    ll = lsoa_all[["lsoa_code", "lsoa_name", "vintage", "ward_code", "locality"]]
    if pk and "vintage" not in list(pk[0]):  # key is the code alone: one row per code, vintages joined
        ll = ll.assign(vintage=ll["lsoa_code"].map(vint)).drop_duplicates("lsoa_code")
    n_ll = insert(con, "lsoa_locality", ll, f"{paths['bestfit11'].name} + {paths['bestfit21'].name}")

    steps = [
        Step(
            "geography",
            str(geo_dir),
            n_geom,
            "loaded",
            f"{len(LOCALITY_CODES)} localities, {len(wards)} wards, {len(lsoa11)}+{len(lsoa21)} LSOAs",
        ),
        Step("geography", str(table_path), n_wl, "loaded", BASIS),
        Step("geography", "lsoa best fit", n_ll, "loaded", f"{n_areas} areas added"),
    ]

    # ---- IMD indicators
    stats_dir = ctx.stats_dir
    if stats_dir is None or not stats_dir.is_dir():
        steps.append(
            Step("geography", "IMD", 0, "skipped", "stats folder not found: no locality IMD figures")
        )
        return steps
    lsoa_ward = dict(zip(lsoa_all["lsoa_code"], lsoa_all["ward_code"], strict=False))
    imd = {}
    for rel in RELEASES:
        p = stats_dir / rel.file_name
        if not p.is_file():
            raise BuildError(f"{p}: IMD file is missing from the public pack")
        imd[rel.key] = _imd_frame(stats_dir, rel, lsoa_ward)
    for rel in RELEASES:
        con.execute(
            "INSERT INTO sources (source_id, title, kind, publisher, published_date, file_name, licence, "
            "purpose, note) "
            "SELECT ?, ?, 'publication', 'MHCLG', ?, ?, 'Open Government Licence v3.0', ?, ? "
            "WHERE NOT EXISTS (SELECT 1 FROM sources WHERE source_id = ?)",
            [
                rel.source_id,
                rel.title,
                rel.published,
                rel.file_name,
                "LSOA-level deprivation, aggregated to proposed localities by best-fit ward",
                "read from the public pack stats folder; see its SOURCES.md",
                rel.source_id,
            ],
        )
    ind = pd.DataFrame(
        INDICATORS,
        columns=[
            "indicator_id",
            "name",
            "definition",
            "unit",
            "polarity",
            "topic",
            "decimals",
            "multiplier",
            "caveat",
        ],
    )
    ind = ind.assign(
        ecm_outcome="Achieve economic well-being",
        period_type="IMD release",
        source_link="https://www.gov.uk/government/collections/english-indices-of-deprivation",
        origin="project",
    )
    ind = ind[
        ~ind["indicator_id"].isin(
            [r[0] for r in con.execute("SELECT indicator_id FROM indicators").fetchall()]
        )
    ]
    n_ind = insert(con, "indicators", ind, "geo/build.py")
    obs = _observations(imd, membership)
    n_obs = insert(con, "observations", obs, "IMD files in " + str(stats_dir))
    steps.append(
        Step(
            "geography",
            "IMD 2015/2019/2025 LSOA files",
            n_obs,
            "loaded",
            f"{n_ind} indicators; localities, sub-areas, county, England, LSOAs; "
            f"{time.perf_counter() - t0:.1f} s",
        )
    )
    return steps


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
