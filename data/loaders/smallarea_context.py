"""Place context by locality: the ONS Rural-Urban Classification (2011 on LSOA 2011, 2021 on LSOA 2021) and
Census 2021 household context (households deprived in 1+ / 2+ dimensions, overcrowding, tenure, disability),
summed from LSOAs to wards, localities, Hereford's sub-areas and the county. Census figures are as published;
percentages are sums of counts over sums of totals.
"""

from __future__ import annotations

from data.loaders import smallarea as sa
from data.loaders import smallarea_population as pop

RUC11 = "ons_ruc2011_lsoa11_herefordshire.csv"
RUC21 = "ons_ruc2021_lsoa21_herefordshire.csv"
TS011 = "census2021_ts011_household_deprivation_lsoa21_herefordshire.csv"
TS038 = "census2021_ts038_disability_lsoa21_herefordshire.csv"
TS052 = "census2021_ts052_occupancy_rating_bedrooms_lsoa21_herefordshire.csv"
TS054 = "census2021_ts054_tenure_lsoa21_herefordshire.csv"
CENSUS = ("Census 2021", "2021-03-21")
N_RUC21_URBAN, N_RUC21_RURAL = 55, 62


def ruc2011_rows(con, ctx) -> list[dict]:
    path = ctx.smallarea_dir / RUC11
    df = sa.read_pack(path, ["Lower Super Output Area 2011 Code", "Rural Urban Classification 2011 (2 fold)"])
    df.columns = ["lsoa_code", "fold2"]
    if len(df) != 116:
        from data.buildkit import BuildError

        raise BuildError(f"{path}: expected 116 LSOAs, found {len(df)}")
    file, _src, total = pop.SAPE[2020]
    kids = pop.read_sape(ctx.smallarea_dir / file, total)[["lsoa_code", "age_0_17"]]
    df = df.merge(kids, on="lsoa_code", how="left").assign(one=1)
    df["rural"] = (df["fold2"] == "Rural").astype(int)
    df["rural_kids"] = df["age_0_17"] * df["rural"]
    agg = sa.aggregate(
        con,
        df[["lsoa_code", "one", "rural", "age_0_17", "rural_kids"]],
        ["one", "rural", "age_0_17", "rural_kids"],
        vintage="2011",
    )
    args = ("2011 classification", "2011-03-27", "ons-ruc2011")
    return sa.ratio_rows(agg, "ruc2011_pct_lsoas_rural", "rural", "one", 100, *args) + sa.ratio_rows(
        agg,
        "ruc2011_pct_children_rural",
        "rural_kids",
        "age_0_17",
        100,
        *args,
        extra="children from ONS mid-2020 small-area estimates",
    )


def ruc2021_rows(con, ctx, residents) -> list[dict]:
    path = ctx.smallarea_dir / RUC21
    df = sa.read_pack(path, ["lsoa21_code", "classification", "ruc"]).rename(
        columns={"lsoa21_code": "lsoa_code"}
    )
    counts = df["ruc"].value_counts()
    sa.check_total(path, "urban LSOAs", counts.get("Urban", 0), N_RUC21_URBAN, 0)
    sa.check_total(path, "rural LSOAs", counts.get("Rural", 0), N_RUC21_RURAL, 0)
    df = df.merge(residents, on="lsoa_code", how="left").assign(one=1)
    df["rural"] = (df["ruc"] == "Rural").astype(int)
    df["smaller"] = df["classification"].str.startswith("Smaller rural").astype(int)
    df["rural_res"] = df["residents"] * df["rural"]
    cols = ["one", "rural", "smaller", "residents", "rural_res"]
    agg = sa.aggregate(con, df[["lsoa_code", *cols]], cols, vintage="2021")
    args = ("2021 classification", "2021-03-21", "ons-ruc2021")
    return (
        sa.ratio_rows(agg, "ruc2021_pct_lsoas_rural", "rural", "one", 100, *args)
        + sa.ratio_rows(agg, "ruc2021_pct_lsoas_smaller_rural", "smaller", "one", 100, *args)
        + sa.ratio_rows(
            agg,
            "ruc2021_pct_residents_rural",
            "rural_res",
            "residents",
            100,
            *args,
            extra="residents from Census 2021",
        )
    )


def census_counts(path, category_col: str, total_col: str, picks: dict[str, callable]):
    """Per LSOA: the total and, for each pick, the sum of n over categories the predicate accepts."""
    df = sa.read_pack(path, ["lsoa21_code", total_col, category_col, "n"], numeric=[total_col, "n"])
    out = df.groupby("lsoa21_code")[[total_col]].first()
    for name, pred in picks.items():
        out[name] = df[df[category_col].map(pred)].groupby("lsoa21_code")["n"].sum()
    return out.fillna(0).reset_index().rename(columns={"lsoa21_code": "lsoa_code", total_col: "total"})


# Census 2021 tables: file, category column, total column, source, the indicator of the total (or None), and
# each share's indicator with the categories it counts.
CENSUS_SHARES = (
    (
        TS011,
        "deprivation_dimensions",
        "total_households",
        "census21-ts011",
        "hh_count",
        {
            "hh_deprived_1plus_pct": lambda c: "not deprived" not in c,
            "hh_deprived_2plus_pct": lambda c: any(w in c for w in ("two", "three", "four")),
        },
    ),
    (
        TS052,
        "occupancy_rating",
        "total_households",
        "census21-ts052",
        None,
        {"hh_overcrowded_pct": lambda c: c.startswith("-")},
    ),
    (
        TS054,
        "tenure",
        "total_households",
        "census21-ts054",
        None,
        {
            "hh_social_rent_pct": lambda c: c.startswith("Social rented"),
            "hh_private_rent_pct": lambda c: c.startswith(("Private rented", "Lives rent free")),
        },
    ),
    (
        TS038,
        "disability",
        "total_residents",
        "census21-ts038",
        None,
        {"pop_disabled_pct": lambda c: c.startswith("Disabled")},
    ),
)


def household_rows(con, ctx) -> list[dict]:
    rows = []
    for file, category, total, source, count_id, shares in CENSUS_SHARES:
        counts = census_counts(ctx.smallarea_dir / file, category, total, shares)
        agg = sa.aggregate(con, counts, ["total", *shares], vintage="2021")
        if count_id:
            rows += sa.count_rows(agg, count_id, "total", *CENSUS, source)
        for ind in shares:
            rows += sa.ratio_rows(agg, ind, ind, "total", 100, *CENSUS, source)
    return rows


def load(con, ctx):
    from data.buildkit import Step

    if not sa.ready(con, ctx):
        return sa.skipped("small areas: context", "rural-urban or Census household context")
    sa.register_sources(
        con,
        [
            "ons-ruc2011",
            "ons-ruc2021",
            "census21-ts011",
            "census21-ts038",
            "census21-ts052",
            "census21-ts054",
        ],
    )
    n_ind = sa.register_indicators(con, ["ruc20", "hh_", "pop_disabled"])
    dis = census_counts(ctx.smallarea_dir / TS038, "disability", "total_residents", {})
    residents = dis.rename(columns={"total": "residents"})[["lsoa_code", "residents"]]
    rows = ruc2011_rows(con, ctx) + ruc2021_rows(con, ctx, residents) + household_rows(con, ctx)
    n = sa.insert_observations(con, rows, "rural-urban and Census 2021 files")
    return [
        Step(
            "small areas: context",
            "RUC 2011/2021, Census 2021 TS011/038/052/054",
            n,
            "loaded",
            f"{n_ind} indicators",
        )
    ]
