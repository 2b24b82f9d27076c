"""Localities and maps: the ward table, the built polygons, the Plotly payloads, LSOA best fit, failures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard import areas, config
from dashboard.present import theme

ROOT = Path(__file__).resolve().parent.parent
PACK = config.public_data_dir()
GEO = PACK / "geo"
SOUTH_WYE = {"Hinton & Hunderton", "Newton Farm", "Red Hill", "Saxon Gate", "Belmont Rural"}
LOCALITIES = set(areas.LOCALITIES)
needs_pack = pytest.mark.skipif(not GEO.is_dir(), reason="public data pack (boundaries) not found")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, float]:
    """A store built from the real pack into a temp file (the shared store may be mid-rebuild)."""
    from data.build import build

    target = tmp_path_factory.mktemp("geo") / "s.duckdb"
    steps = build(target=target, public_dir=PACK, quiet=True)
    geo_steps = [s for s in steps if s.step == "geography"]
    assert geo_steps and all(s.status == "loaded" for s in geo_steps), geo_steps
    return target, 0.0


@pytest.fixture(scope="module")
def con(built):
    c = duckdb.connect(str(built[0]), read_only=True)
    yield c
    c.close()


def ward_table() -> pd.DataFrame:
    return pd.read_csv(ROOT / "geo" / "ward_locality.csv", dtype=str, keep_default_na=False)


# ------------------------------------------------------------------ the project's ward table


def test_ward_table_assigns_53_wards_exactly_once():
    wt = ward_table()
    assert len(wt) == 53
    assert wt["ward_code"].is_unique
    assert set(wt["locality_code"]) == LOCALITIES
    assert (wt["basis"] == "proposal, approximated from electoral wards").all()
    assert not {"centroid_lon", "centroid_lat", "status"} & set(wt.columns)


@needs_pack
def test_ward_table_codes_match_boundary_file():
    import geopandas as gpd

    wards = gpd.read_file(GEO / "herefordshire_wards_2025.geojson")
    assert set(ward_table()["ward_code"]) == set(wards["WD25CD"])


def test_south_wye_is_exactly_the_five_wards():
    wt = ward_table()
    assert set(wt.loc[wt["sub_area_code"] == "LOC-SOUTH-WYE", "ward_name"]) == SOUTH_WYE
    assert (wt.loc[wt["sub_area_code"] != "", "locality_code"] == "LOC-HEREFORD-CITY").all()


def test_ward_table_validation_rejects_a_repeated_ward(tmp_path):
    from data.buildkit import BuildError
    from geo.build import read_ward_table

    wt = ward_table()
    bad = pd.concat([wt, wt.iloc[[0]]])
    p = tmp_path / "ward_locality.csv"
    bad.to_csv(p, index=False)
    with pytest.raises(BuildError, match="ward_locality.csv"):
        read_ward_table(p)


# ------------------------------------------------------------------ built polygons


@needs_pack
def test_locality_polygons_valid_and_cover_the_county(con):
    import geopandas as gpd
    import shapely

    rows = con.execute("SELECT area_code, geojson FROM geometries WHERE layer = 'locality'").fetchall()
    assert {r[0] for r in rows} == LOCALITIES
    geoms = [shapely.from_geojson(g) for _, g in rows]
    assert all(shapely.is_valid(g) and not g.is_empty for g in geoms)
    outline = gpd.read_file(GEO / "herefordshire_county_outline.geojson").geometry.union_all()
    union = shapely.union_all(geoms)
    assert shapely.symmetric_difference(union, outline).area / outline.area < 0.01
    # neighbours still touch after simplification: pairwise overlaps are negligible
    total_overlap = sum(
        geoms[i].intersection(geoms[j]).area for i in range(len(geoms)) for j in range(i + 1, len(geoms))
    )
    assert total_overlap / outline.area < 1e-4


@needs_pack
def test_rings_oriented_for_plotly(con):
    import shapely

    for (g,) in con.execute(
        "SELECT geojson FROM geometries WHERE layer IN ('locality', 'lsoa21')"
    ).fetchall():
        geom = shapely.from_geojson(g)
        for poly in getattr(geom, "geoms", [geom]):
            assert not poly.exterior.is_ccw  # exterior clockwise


@needs_pack
def test_south_wye_in_store_and_city_without_it(con):
    wards = {
        r[0]
        for r in con.execute(
            "SELECT ward_name FROM ward_locality WHERE sub_area = 'LOC-SOUTH-WYE'"
        ).fetchall()
    }
    assert wards == SOUTH_WYE
    layers = dict(
        con.execute("SELECT area_code, layer FROM geometries WHERE area_code LIKE 'LOC-%'").fetchall()
    )
    assert layers["LOC-SOUTH-WYE"] == "sub-locality"
    assert layers["LOC-HEREFORD-CITY-EXCL-SW"] == "locality-variant"
    n = con.execute(
        "SELECT count(*) FROM observations WHERE area_code = 'LOC-HEREFORD-CITY-EXCL-SW'"
    ).fetchall()[0][0]
    assert n > 0


@needs_pack
def test_lsoa_best_fit_covers_every_lsoa(con):
    import geopandas as gpd

    known = {r[0]: r[1] for r in con.execute("SELECT lsoa_code, locality FROM lsoa_locality").fetchall()}
    for f, col in (
        ("herefordshire_lsoa_2011.geojson", "LSOA11CD"),
        ("herefordshire_lsoa_2021.geojson", "LSOA21CD"),
    ):
        codes = set(gpd.read_file(GEO / f)[col])
        assert codes <= set(known), f
        assert all(known[c] in LOCALITIES for c in codes)


@needs_pack
def test_county_and_locality_imd_figures(con):
    rows = dict(
        con.execute(
            "SELECT area_code, value FROM observations WHERE indicator_id = 'imd_lsoa_count' AND "
            "period_label = 'IoD 2025'"
        ).fetchall()
    )
    assert rows["E06000019"] == 117
    assert sum(rows[c] for c in LOCALITIES) == 117
    assert rows["LOC-HEREFORD-CITY"] == rows["LOC-SOUTH-WYE"] + rows["LOC-HEREFORD-CITY-EXCL-SW"]


# ------------------------------------------------------------------ Plotly figures and payload


@needs_pack
def test_locality_figure_one_feature_per_locality_and_payload(con):
    from dashboard.store.queries import run_sql
    from dashboard.views import maps

    geoms = run_sql(con, "locality_boundaries", layer="locality")
    vals = run_sql(
        con, "locality_indicator_values", indicator_id="imd_lsoa_pct_most_deprived_20", period="IoD 2025"
    )
    fig = maps.locality_map(geoms, vals[vals["area_type"] == "locality"], title="t", subtitle="s", unit="%")
    d = fig.to_dict()
    feats = [f["properties"]["area_code"] for t in d["data"] for f in t["geojson"]["features"]]
    assert sorted(feats) == sorted(LOCALITIES)
    assert all(t["featureidkey"] == "properties.area_code" for t in d["data"])
    assert d["layout"]["geo"]["visible"] is False and d["layout"]["geo"]["fitbounds"] == "locations"
    assert "mapbox" not in d["layout"] and "map" not in d["layout"]
    assert maps.payload_bytes(fig) <= maps.LOCALITY_MAP_MAX_BYTES


@needs_pack
def test_lsoa_figure_payload(con):
    from dashboard.store.queries import run_sql
    from dashboard.views import maps

    geoms = run_sql(con, "locality_boundaries", layer="lsoa21")
    vals = run_sql(
        con, "lsoa_indicator_values", indicator_id="imd_lsoa_decile", period="IoD 2025", area="all"
    )
    fig = maps.lsoa_map(geoms, vals, title="t", subtitle="s", unit="decile", polarity="high is good")
    assert sum(len(t.geojson["features"]) for t in fig.data) == 117
    assert maps.payload_bytes(fig) <= maps.LSOA_MAP_MAX_BYTES


def test_local_topojson_is_what_plotly_asks_for():
    import plotly

    from dashboard.views import maps

    bundle = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")
    assert "getTopojsonName" in bundle and '"_",e.resolution.toString(),"m"' in bundle
    for p in maps.topojson_paths():
        topo = json.loads(p.read_text(encoding="utf-8"))
        assert topo["type"] == "Topology" and "land" in topo["objects"]
    assert theme.PLOTLY_CONFIG["topojsonURL"] == "/app/static/"


@needs_pack
def test_locality_queries_match_headers(con):
    from dashboard.store.queries import example_params, header, names, run_sql

    mine = [n for n in names() if n.startswith(("locality_", "lsoa_"))]
    assert mine
    for n in mine:
        df = run_sql(con, n, **example_params(n))
        assert tuple(df.columns) == header(n).columns, n
        assert not df.empty, n


# ------------------------------------------------------------------ build behaviour


@needs_pack
def test_missing_boundary_file_fails_naming_it(tmp_path):
    from data.build import build
    from data.buildkit import BuildError

    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    (pack / "geo" / "herefordshire_lsoa_2021.geojson").unlink()
    with pytest.raises(BuildError, match="herefordshire_lsoa_2021.geojson"):
        build(target=tmp_path / "s.duckdb", public_dir=pack, quiet=True)
    assert not (tmp_path / "s.duckdb").exists()


def test_missing_pack_skips_geography(tmp_path):
    from data.build import build

    steps = build(target=tmp_path / "s.duckdb", public_dir=None, quiet=True)
    geo = [s for s in steps if s.step == "geography"]
    assert geo and all(s.status == "skipped" for s in geo)


@needs_pack
def test_south_wye_shape_valid_and_inside_hereford_city(con):
    import shapely

    g = {
        r[0]: shapely.from_geojson(r[1])
        for r in con.execute(
            "SELECT area_code, geojson FROM geometries WHERE area_code IN "
            "('LOC-SOUTH-WYE', 'LOC-HEREFORD-CITY', 'LOC-HEREFORD-CITY-EXCL-SW')"
        ).fetchall()
    }
    sw, city, rest = g["LOC-SOUTH-WYE"], g["LOC-HEREFORD-CITY"], g["LOC-HEREFORD-CITY-EXCL-SW"]
    assert sw.is_valid and sw.area > 0
    assert shapely.difference(sw, city).area < 1e-6 * sw.area  # inside the city (up to snapping)
    assert shapely.intersection(sw, rest).area < 1e-6 * sw.area  # and not part of the city without it
    assert shapely.union_all([sw, rest]).area == pytest.approx(city.area, rel=1e-4)
