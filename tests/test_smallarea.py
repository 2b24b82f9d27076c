"""Small-area loaders (data/loaders/smallarea*.py): each file's rows, sums equal to the LA totals
its SOURCES.md
gives, caveats carried to the store, schools placed in exactly one ward, and the Bar for localities."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from dashboard import areas, config

PACK = config.public_data_dir()
SMALL = PACK / "smallarea"
needs_pack = pytest.mark.skipif(not SMALL.is_dir(), reason="public data pack (smallarea) not found")
LOCALITIES = list(areas.LOCALITIES)
AREAS = [areas.HEREFORD_CITY, *areas.SUB_AREAS, areas.HEREFORD_CITY_EXCL_SW, *LOCALITIES[1:]]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    from data.build import build

    target = tmp_path_factory.mktemp("sa") / "s.duckdb"
    steps = build(target=target, public_dir=PACK, quiet=True)
    sa_steps = [s for s in steps if s.step.startswith("small areas")]
    assert len(sa_steps) == 5 and all(s.status == "loaded" for s in sa_steps), sa_steps
    c = duckdb.connect(str(target), read_only=True)
    yield c
    c.close()


def value(con, ind, area, period):
    r = con.execute(
        "SELECT value FROM observations WHERE indicator_id = ? AND area_code = ? AND period_label = ?",
        [ind, area, period],
    ).fetchall()
    assert len(r) == 1, (ind, area, period, r)
    return r[0][0]


def localities_sum(con, ind, period):
    return sum(value(con, ind, a, period) for a in LOCALITIES)


# ------------------------------------------------------------------ the Bar


@needs_pack
def test_every_locality_and_sub_area_has_30_indicators_from_7_sources(con):
    got = dict(
        (r[0], (r[1], r[2]))
        for r in con.execute(
            "SELECT area_code, count(DISTINCT indicator_id), count(DISTINCT source_id) FROM facts "
            "WHERE area_code LIKE 'LOC-%' AND value IS NOT NULL GROUP BY 1"
        ).fetchall()
    )
    for a in AREAS:
        assert got[a][0] >= 30 and got[a][1] >= 7, (a, got.get(a))


# ------------------------------------------------------------------ population


@needs_pack
@pytest.mark.parametrize("year,total", [(2017, 191041), (2019, 192801), (2020, 193615)])
def test_sape_file_rows_and_la_total(year, total):
    from data.loaders.smallarea_population import SAPE, read_sape

    df = read_sape(SMALL / SAPE[year][0], SAPE[year][2])
    assert len(df) == 116
    assert df["total_population"].sum() == total


@needs_pack
def test_sape_children_scaled_to_rebased_total_and_localities_add_up(con):
    rebased = value(con, "pop_0_17", "E06000019", "2020")
    assert value(con, "sape_children_0_17", "E06000019", "mid-2020") == pytest.approx(rebased)
    assert rebased == 33909
    assert localities_sum(con, "sape_children_0_17", "mid-2020") == pytest.approx(rebased)
    shares = localities_sum(con, "sape_share_0_17", "mid-2020")
    assert shares == pytest.approx(100)
    note = con.execute(
        "SELECT note FROM observations WHERE indicator_id = 'sape_children_0_17' AND area_code = "
        "'LOC-SOUTH-WYE' "
        "AND period_label = 'mid-2020'"
    ).fetchall()[0][0]
    assert "before the Census 2021 rebasing" in note and "33,909" in note


@needs_pack
def test_census_age_bands_total_and_localities(con):
    df = pd.read_csv(SMALL / "census2021_usual_residents_6_age_bands_lsoa21_herefordshire.csv")
    assert len(df) == 702
    assert value(con, "census_residents", "E06000019", "Census 2021") == 187064
    assert localities_sum(con, "census_residents", "Census 2021") == 187064
    city = value(con, "census_children_0_15", "LOC-HEREFORD-CITY", "Census 2021")
    parts = sum(
        value(con, "census_children_0_15", a, "Census 2021")
        for a in ("LOC-SOUTH-WYE", "LOC-HEREFORD-NORTH", "LOC-HEREFORD-FRINGE")
    )
    assert city == parts
    assert value(con, "census_children_0_15", "LOC-HEREFORD-CITY-EXCL-SW", "Census 2021") == city - value(
        con, "census_children_0_15", "LOC-SOUTH-WYE", "Census 2021"
    )


# ------------------------------------------------------------------ low income families


@needs_pack
def test_cilif_rows_totals_and_caveat(con):
    from data.loaders.smallarea_income import FILE, read_cilif

    msoa, la = read_cilif(SMALL / FILE)
    assert len(msoa) == 23 and msoa["2021/22 (p)"].sum() == 6920 and la["2021/22 (p)"] == 6913
    assert value(con, "cilif_children", "E06000019", "2021/22") == 6913
    assert localities_sum(con, "cilif_children", "2021/22") == pytest.approx(6920)
    caveat = con.execute("SELECT caveat FROM sources WHERE source_id = 'dwp-cilif-2023'").fetchall()[0][0]
    assert "March 2023 release" in caveat and "since revised" in caveat
    ind_caveat = con.execute("SELECT caveat FROM indicators WHERE indicator_id = 'cilif_rate'").fetchall()[0][
        0
    ]
    assert "since revised" in ind_caveat
    rate = value(con, "cilif_rate", "LOC-SOUTH-WYE", "2021/22")
    assert rate > value(con, "cilif_rate", "E06000019", "2021/22")  # South Wye above the county, as published


# ------------------------------------------------------------------ schools


@needs_pack
def test_every_school_in_exactly_one_ward_and_locality(con):
    import geopandas as gpd

    rows = con.execute("SELECT urn, lon, lat, ward_code, locality FROM schools").df()
    assert len(rows) == 113 and rows["urn"].is_unique
    assert rows["ward_code"].notna().all() and rows["locality"].notna().all()
    wards = gpd.read_file(PACK / "geo" / "herefordshire_wards_2025.geojson")
    pts = gpd.GeoDataFrame(rows, geometry=gpd.points_from_xy(rows["lon"], rows["lat"]), crs=4326)
    hits = gpd.sjoin(pts, wards[["WD25CD", "geometry"]], predicate="within")
    assert hits.groupby("urn").size().eq(1).all() and len(hits) == 113
    assert (hits["WD25CD"] == hits["ward_code"]).all()
    assert value(con, "school_count", "E06000019", "May 2025") == 113
    assert localities_sum(con, "school_count", "May 2025") == 113


@needs_pack
def test_ks4_where_secondary_schools_and_county_as_published(con):
    assert value(con, "ks4_att8", "E06000019", "2018/19") == pytest.approx(44.6)
    assert value(con, "ks4_p8", "E06000019", "2018/19") == pytest.approx(-0.18)
    notes = con.execute(
        "SELECT area_code, note FROM observations WHERE indicator_id = 'ks4_att8' AND area_code LIKE 'LOC-%'"
    ).fetchall()
    assert len(notes) >= 7
    assert all("school" in n for _, n in notes)  # the number of schools behind the figure


@needs_pack
def test_school_census_fsm_pupil_weighted(con):
    df = pd.read_csv(SMALL / "dfe_performance_tables_2018_19_census_herefordshire.csv")
    assert len(df) == 108
    county = con.execute(
        "SELECT numerator, denominator FROM observations WHERE indicator_id = 'school_sen_support_pct' "
        "AND area_code = 'E06000019'"
    ).fetchall()[0]
    assert county[1] <= df["NOR"].sum() and county[1] > 0.9 * df["NOR"].sum()


# ------------------------------------------------------------------ context


@needs_pack
def test_ruc_counts_and_households(con):
    ruc = pd.read_csv(SMALL / "ons_ruc2021_lsoa21_herefordshire.csv")
    assert len(ruc) == 117 and (ruc["ruc"] == "Rural").sum() == 62
    assert value(con, "ruc2021_pct_lsoas_rural", "E06000019", "2021 classification") == pytest.approx(
        100 * 62 / 117
    )
    hh = pd.read_csv(SMALL / "census2021_ts011_household_deprivation_lsoa21_herefordshire.csv")
    total = hh.groupby("lsoa21_code")["total_households"].first().sum()
    assert value(con, "hh_count", "E06000019", "Census 2021") == total
    assert localities_sum(con, "hh_count", "Census 2021") == total


@needs_pack
def test_every_new_source_has_title_publisher_date_licence_caveat(con):
    rows = con.execute(
        "SELECT source_id, title, publisher, published_date, licence, caveat FROM sources "
        "WHERE source_id IN (SELECT DISTINCT source_id FROM observations WHERE obs_id LIKE 'sa-%')"
    ).fetchall()
    assert len(rows) >= 14
    for r in rows:
        assert all(x is not None and str(x).strip() for x in r), r


@needs_pack
def test_lsoa_fit_says_where_area_based_fit_was_used(con):
    fits = dict(con.execute("SELECT fit, count(*) FROM lsoa_locality GROUP BY 1").fetchall())
    assert sum(v for k, v in fits.items() if k.startswith("ONS")) == 232
    area = con.execute("SELECT lsoa_code FROM lsoa_locality WHERE fit LIKE 'area%'").fetchall()
    assert area == [("E01014007",)]  # split in 2021: no ONS 2021 ward for its 2011 code
