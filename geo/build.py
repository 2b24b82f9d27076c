"""Geography step of the store build: boundaries, the ward→locality table, locality polygons, LSOA best fit
and locality indicators from the English Indices of Deprivation.

Reads the public pack's boundary files in place (`$PUBLIC_DATA_DIR/geo`, never copied) and the project's
own assignment table `geo/ward_locality.csv`, then writes:

* `geometries`   — layers 'locality' (7), 'sub-locality' (the three Hereford City parts), 'locality-variant'
  (Hereford City without South Wye), 'ward', 'lsoa21', 'lsoa11', 'county'. Each row is a GeoJSON geometry,
  simplified as a coverage (neighbours still touch), snapped to 5 decimal places and oriented for Plotly
  (exterior rings clockwise).
* `areas`        — wards (parent = locality), LSOAs (parent = best-fit ward) and LOC-HEREFORD-CITY-EXCL-SW.
* `ward_locality`, `lsoa_locality` (with the fit used: the ONS lookup, or area-based where ONS gives none).
* `indicators`, `sources`, `observations` — IMD 2015/2019 and IoD 2025 (geo/imd.py).

Localities are a proposal approximated from electoral wards, not an official council lookup; LSOAs are
assigned to wards by best fit, so locality IMD figures are approximate too. Helpers live in geo/shapes.py
(inputs, geometry), geo/bestfit.py (LSOA → ward) and geo/imd.py (deprivation).
"""

from __future__ import annotations

import pandas as pd

from data.loaders.common import upsert_areas
from geo import bestfit
from geo.imd import RELEASES, ImdRelease, load_imd  # noqa: F401  (re-exported for callers of geo.build)
from geo.shapes import (  # noqa: F401  (re-exported: tests and loaders import these from geo.build)
    BASIS,
    EXCL_SW,
    FILES,
    HERE,
    HEREFORD,
    LOCALITY_CODES,
    N_WARDS,
    SOUTH_WYE,
    SUB_AREA_CODES,
    _read_geo,
    _require,
    dissolve,
    for_plotly,
    geojson_feature_collection,
    read_ward_table,
    simplify_coverage,
    ward_table_path,
)


def _skipped(ctx, table_path):
    from data.buildkit import Step

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


def memberships(wt: pd.DataFrame, table_path) -> dict[str, set[str]]:
    """Area code -> its ward codes, for the localities, Hereford's sub-areas and Hereford City
    without South Wye."""
    from data.buildkit import BuildError

    loc_of = dict(zip(wt["ward_code"], wt["locality_code"], strict=True))
    sub_of = dict(zip(wt["ward_code"], wt["sub_area_code"], strict=True))
    membership: dict[str, set[str]] = {c: {w for w, lc in loc_of.items() if lc == c} for c in LOCALITY_CODES}
    for c in SUB_AREA_CODES:
        membership[c] = {w for w, sc in sub_of.items() if sc == c}
    membership[EXCL_SW] = membership[HEREFORD] - membership[SOUTH_WYE]
    empty = [c for c in LOCALITY_CODES if not membership[c]]
    if empty:
        raise BuildError(f"{table_path}: localities with no ward: {', '.join(empty)}")
    return membership


def _geometry_rows(wards, lsoa11, lsoa21, county, membership, county_path) -> pd.DataFrame:
    """Simplify the ward coverage once; every larger area is a union of simplified wards."""
    import shapely

    from data.buildkit import BuildError

    wgeom = simplify_coverage(wards.geometry.values)
    geom_of_ward = dict(zip(wards["WD25CD"], wgeom, strict=True))
    area_geoms = {c: dissolve([geom_of_ward[w] for w in sorted(ws)]) for c, ws in membership.items()}
    outline = county.geometry.union_all()
    loc_union = shapely.union_all([area_geoms[c] for c in LOCALITY_CODES])
    diff = shapely.symmetric_difference(loc_union, outline).area / outline.area
    if diff > 0.01:
        raise BuildError(
            f"{county_path}: localities differ from the county outline by {diff:.1%} of its area"
        )
    rows = [(c, "locality", for_plotly(area_geoms[c])) for c in LOCALITY_CODES]
    rows += [(c, "sub-locality", for_plotly(area_geoms[c])) for c in SUB_AREA_CODES]
    rows.append((EXCL_SW, "locality-variant", for_plotly(area_geoms[EXCL_SW])))
    rows.append((HERE, "county", for_plotly(dissolve(wgeom))))
    rows += [(code, "ward", for_plotly(g)) for code, g in zip(wards["WD25CD"], wgeom, strict=True)]
    for layer, gdf, col in (("lsoa11", lsoa11, "LSOA11CD"), ("lsoa21", lsoa21, "LSOA21CD")):
        for code, g in zip(gdf[col], simplify_coverage(gdf.geometry.values), strict=True):
            rows.append((code, layer, for_plotly(g)))
    return pd.DataFrame(rows, columns=["area_code", "layer", "geojson"])


def lsoa_fit(paths, lsoa11, lsoa21, wards, smallarea_dir) -> pd.DataFrame:
    """Both LSOA vintages with their ward (ONS lookup where it exists, else area-based) and the fit used."""
    from data.buildkit import BuildError

    ward_codes = set(wards["WD25CD"])
    area_fit = pd.concat(
        [
            bestfit.read_area_fit(paths["bestfit11"], "2011", set(lsoa11["LSOA11CD"]), ward_codes),
            bestfit.read_area_fit(paths["bestfit21"], "2021", set(lsoa21["LSOA21CD"]), ward_codes),
        ],
        ignore_index=True,
    )
    lsoa_all = bestfit.assign(area_fit, bestfit.read_ons_lookup(smallarea_dir, ward_codes))
    conflict = lsoa_all.groupby("lsoa_code")["ward_code"].nunique()
    if (conflict > 1).any():
        raise BuildError(
            f"{paths['bestfit21']}: LSOA codes best-fitted to different wards in 2011 and 2021: "
            + ", ".join(conflict[conflict > 1].index[:5])
        )
    return lsoa_all


def _area_rows(wt: pd.DataFrame, lsoa_all: pd.DataFrame) -> pd.DataFrame:
    """Areas: LOC-HEREFORD-CITY-EXCL-SW, the wards and the LSOAs (parent = best-fit ward)."""
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
            note=lambda d: "LSOA " + d["lsoa_code"].map(vint) + "; parent = ward by " + d["fit"],
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
    return pd.concat([extra, ward_areas, lsoa_areas], ignore_index=True)


def _ward_locality_rows(wt: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
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


def load(con, ctx):
    import geopandas as gpd  # noqa: F401  (imported here so a store without the pack never needs it)

    from data.buildkit import Step
    from data.loaders.common import insert

    table_path = ward_table_path(ctx.root)
    if ctx.geo_dir is None or not ctx.geo_dir.is_dir():
        return _skipped(ctx, table_path)
    geo_dir = ctx.geo_dir
    paths = {k: _require(geo_dir, k) for k in FILES}
    wards = _read_geo(paths["wards"], "WD25CD", "WD25NM")
    lsoa11 = _read_geo(paths["lsoa11"], "LSOA11CD", "LSOA11NM")
    lsoa21 = _read_geo(paths["lsoa21"], "LSOA21CD", "LSOA21NM")
    county = _read_geo(paths["county"], "LAD25CD", None)
    wt = read_ward_table(table_path, set(wards["WD25CD"]), paths["wards"].name)
    wt = wt.set_index("ward_code").loc[wards["WD25CD"]].reset_index()  # boundary-file order
    membership = memberships(wt, table_path)
    geoms = _geometry_rows(wards, lsoa11, lsoa21, county, membership, paths["county"])
    lsoa_all = lsoa_fit(paths, lsoa11, lsoa21, wards, ctx.smallarea_dir)
    lsoa_all["locality"] = lsoa_all["ward_code"].map(
        dict(zip(wt["ward_code"], wt["locality_code"], strict=True))
    )

    n_areas = upsert_areas(con, _area_rows(wt, lsoa_all))
    n_geom = insert(con, "geometries", geoms, str(geo_dir))
    n_wl = insert(con, "ward_locality", _ward_locality_rows(wt), str(table_path))
    ll = lsoa_all[["lsoa_code", "lsoa_name", "vintage", "ward_code", "locality", "fit"]]
    n_ll = insert(con, "lsoa_locality", ll, f"{paths['bestfit11'].name} + {paths['bestfit21'].name}")
    n_ons = int((ll["fit"] == bestfit.ONS_FIT).sum())
    steps = [
        Step(
            "geography",
            str(geo_dir),
            n_geom,
            "loaded",
            f"{len(LOCALITY_CODES)} localities, {len(wards)} wards, {len(lsoa11)}+{len(lsoa21)} LSOAs",
        ),
        Step("geography", str(table_path), n_wl, "loaded", BASIS),
        Step(
            "geography",
            "lsoa best fit",
            n_ll,
            "loaded",
            f"{n_areas} areas added; {n_ons} of {len(ll)} LSOA rows by the ONS lookup, the rest by area",
        ),
    ]
    lsoa_ward = dict(zip(lsoa_all["lsoa_code"], lsoa_all["ward_code"], strict=False))
    return steps + load_imd(con, ctx.stats_dir, lsoa_ward, membership)
