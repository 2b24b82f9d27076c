"""Child population by small area: ONS small-area estimates (mid-2017/2019/2020, LSOA 2011, single
year of age)
and Census 2021 usual residents by age band (LSOA 2021), aggregated to wards, localities, Hereford's sub-areas
and the county.

The estimates were made before ONS rebased its series to Census 2021 (their 0-17 county total is
about 6% above
the rebased one), so each area's count is its *share* of the county's children times the rebased county total
of ages 0-17 (`pop_0_17`, from the stats pack); every such figure says so in its note. Census
figures are shown as
published.
"""

from __future__ import annotations

from data.loaders import smallarea as sa

SAPE = {
    2017: ("ons_sape_mid2017_lsoa11_single_year_of_age_herefordshire.csv", "ons-sape-2017", 191041),
    2019: ("ons_sape_mid2019_lsoa11_single_year_of_age_herefordshire.csv", "ons-sape-2019", 192801),
    2020: ("ons_sape_mid2020_lsoa11_single_year_of_age_herefordshire.csv", "ons-sape-2020", 193615),
}
CENSUS_FILE = "census2021_usual_residents_6_age_bands_lsoa21_herefordshire.csv"
CENSUS_TOTAL = 187064
CENSUS_CHILD_BAND = "Aged 15 years and under"
AGES = ["0_4", "0_15", "0_17", "0_19"]
MIX = {"0_4": range(0, 5), "5_10": range(5, 11), "11_15": range(11, 16), "16_17": range(16, 18)}


def read_sape(path, expected_total: int):
    """One SAPE file: lsoa_code, total, age_0_4 .. age_0_19 and the age-mix bands; the LA total is checked."""
    single = [str(a) for a in range(18)]
    cols = ["lsoa11_code", "total_population", *(f"age_{a}" for a in AGES), *single]
    df = sa.read_pack(path, cols, numeric=cols[1:]).rename(columns={"lsoa11_code": "lsoa_code"})
    sa.check_total(path, "total_population", df["total_population"].sum(), expected_total)
    for band, ages in MIX.items():
        df[f"mix_{band}"] = df[[str(a) for a in ages]].sum(axis=1)
    return df.drop(columns=single)


def rebased_total(con, year: int) -> float | None:
    """The rebased ONS mid-year estimate of children aged 0-17 in Herefordshire (stats pack), or None."""
    r = con.execute(
        "SELECT value FROM observations WHERE indicator_id = 'pop_0_17' AND area_code = ? "
        "AND period_label = ? AND value IS NOT NULL",
        [sa.HERE, str(year)],
    ).fetchall()
    return r[0][0] if r else None


def sape_rows(con, ctx, year: int) -> list[dict]:
    file, source, total = SAPE[year]
    path = ctx.smallarea_dir / file
    df = read_sape(path, total)
    sums = [c for c in df.columns if c != "lsoa_code"]
    agg = sa.aggregate(con, df, sums, vintage="2011")
    county = agg.loc[agg["area_code"] == sa.HERE].iloc[0]
    rebased = rebased_total(con, year)
    factor = rebased / county["age_0_17"] if rebased else 1.0
    scaled = (
        f"share of the county's children in ONS mid-{year} small-area estimates (made before the Census 2021 "
        f"rebasing) times the rebased county total of ages 0-17 ({rebased:,.0f}); factor {factor:.3f}"
        if rebased
        else f"ONS mid-{year} small-area estimate before the Census 2021 rebasing (no rebased total in "
        "the store)"
    )
    period, end = f"mid-{year}", f"{year}-06-30"
    rows = []
    for a in AGES:
        rows += sa.count_rows(
            agg, f"sape_children_{a}", f"age_{a}", period, end, source, scaled, scale=factor
        )
        agg[f"county_{a}"] = county[f"age_{a}"]
        rows += sa.ratio_rows(agg, f"sape_share_{a}", f"age_{a}", f"county_{a}", 100, period, end, source)
    for a in ("0_17", "0_19"):
        rows += sa.ratio_rows(
            agg, f"sape_pct_pop_{a}", f"age_{a}", "total_population", 100, period, end, source
        )
    for band in MIX:
        rows += sa.ratio_rows(agg, f"sape_mix_{band}", f"mix_{band}", "age_0_17", 100, period, end, source)
    return rows


def census_rows(con, ctx) -> list[dict]:
    path = ctx.smallarea_dir / CENSUS_FILE
    df = sa.read_pack(path, ["lsoa21_code", "age_group", "usual_residents"], numeric=["usual_residents"])
    sa.check_total(path, "usual_residents", df["usual_residents"].sum(), CENSUS_TOTAL)
    wide = df.pivot_table(index="lsoa21_code", columns="age_group", values="usual_residents", aggfunc="sum")
    if CENSUS_CHILD_BAND not in wide.columns:
        from data.buildkit import BuildError

        raise BuildError(f"{path}: no '{CENSUS_CHILD_BAND}' age group")
    lsoa = wide.reset_index().rename(columns={"lsoa21_code": "lsoa_code"})
    lsoa = lsoa.assign(residents=wide.sum(axis=1).values, children=wide[CENSUS_CHILD_BAND].values)
    agg = sa.aggregate(
        con, lsoa[["lsoa_code", "residents", "children"]], ["residents", "children"], vintage="2021"
    )
    agg["county_children"] = agg.loc[agg["area_code"] == sa.HERE, "children"].iloc[0]
    args = ("Census 2021", "2021-03-21", "census21-age")
    return (
        sa.count_rows(agg, "census_residents", "residents", *args)
        + sa.count_rows(agg, "census_children_0_15", "children", *args)
        + sa.ratio_rows(agg, "census_pct_0_15", "children", "residents", 100, *args)
        + sa.ratio_rows(agg, "census_share_0_15", "children", "county_children", 100, *args)
    )


def load(con, ctx):
    from data.buildkit import Step

    if not sa.ready(con, ctx):
        return sa.skipped("small areas: population", "small-area child population")
    sa.register_sources(con, [s for _, s, _ in SAPE.values()] + ["census21-age"])
    n_ind = sa.register_indicators(
        con, ["sape_", "census_residents", "census_children", "census_pct_0_15", "census_share"]
    )
    rows = [r for year in SAPE for r in sape_rows(con, ctx, year)] + census_rows(con, ctx)
    n = sa.insert_observations(con, rows, "small-area population files")
    return [
        Step(
            "small areas: population",
            "ONS SAPE mid-2017/2019/2020 + Census 2021 age bands",
            n,
            "loaded",
            f"{n_ind} indicators; scaled to the rebased county total of children aged 0-17",
        )
    ]
