"""Schools by locality: Get Information About Schools (open establishments, May 2025), the 2018/19
school census,
key stage 4 (2018/19 provisional) and absence (2018/19).

Every open establishment is placed in its 2025 ward by point in polygon (geopandas `sjoin` against the full-
resolution ward boundaries), and so in its locality and Hereford sub-area; the placed list is the `schools`
table (the map's schools layer). 2018/19 school rows join an open school by URN, or by its DfE establishment
number where the URN changed (academy conversion); schools since closed are left out and the note counts them.
Percentages are pupil-weighted (sums of counts over sums of pupils); KS4 scores are weighted by each school's
pupils, and the county's KS4 figures are the published local authority row.
"""

from __future__ import annotations

import pandas as pd

from data.loaders import smallarea as sa

GIAS = "gias_open_establishments_20250524_herefordshire.csv"
CENSUS = "dfe_performance_tables_2018_19_census_herefordshire.csv"
KS4 = "dfe_performance_tables_2018_19_ks4provisional_herefordshire.csv"
ABS = "dfe_performance_tables_2018_19_abs_herefordshire.csv"
N_GIAS = 113
SPECIAL = {
    "Community special school",
    "Academy special converter",
    "Academy special sponsor led",
    "Free schools special",
    "Other independent special school",
    "Pupil referral unit",
}
GIAS_COLS = [
    "urn",
    "establishment_number",
    "establishment_name",
    "establishment_type",
    "establishment_type_group",
    "education_phase",
    "number_of_pupils",
    "percentage_fsm",
    "longitude",
    "latitude",
]


def place_schools(ctx) -> pd.DataFrame:
    """GIAS schools with ward_code from a point-in-polygon join; fails unless each is in exactly one ward."""
    import geopandas as gpd

    from data.buildkit import BuildError
    from geo.shapes import FILES, _read_geo

    path = ctx.smallarea_dir / GIAS
    df = sa.read_pack(
        path, GIAS_COLS, numeric=["number_of_pupils", "percentage_fsm", "longitude", "latitude"]
    )
    if len(df) != N_GIAS or df["urn"].duplicated().any():
        raise BuildError(f"{path}: expected {N_GIAS} establishments each once, found {len(df)}")
    if df[["longitude", "latitude"]].isna().any().any():
        raise BuildError(f"{path}: establishments without a location")
    wards = _read_geo(ctx.geo_dir / FILES["wards"], "WD25CD", "WD25NM")
    pts = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["longitude"], df["latitude"]), crs=4326)
    joined = gpd.sjoin(pts, wards[["WD25CD", "geometry"]], predicate="within", how="left")
    counts = joined.groupby("urn")["WD25CD"].count()
    bad = counts[counts != 1].index.tolist()
    if bad:
        raise BuildError(f"{path}: establishments not inside exactly one 2025 ward: {', '.join(bad[:5])}")
    return pd.DataFrame(joined.drop(columns=["geometry", "index_right"])).rename(
        columns={"WD25CD": "ward_code"}
    )


def schools_table(con, placed: pd.DataFrame) -> pd.DataFrame:
    wl = con.execute("SELECT ward_code, locality, sub_area FROM ward_locality").df()
    t = placed.merge(wl, on="ward_code", how="left")
    return pd.DataFrame(
        {
            "urn": t["urn"],
            "name": t["establishment_name"],
            "type": t["establishment_type"],
            "type_group": t["establishment_type_group"],
            "phase": t["education_phase"],
            "pupils": t["number_of_pupils"],
            "pct_fsm": t["percentage_fsm"],
            "lon": t["longitude"],
            "lat": t["latitude"],
            "ward_code": t["ward_code"],
            "locality": t["locality"],
            "sub_area": t["sub_area"],
            "source_id": "gias-2025",
        }
    )


def match_to_open(df: pd.DataFrame, placed: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Rows of a 2018/19 file with the ward of the open school they are (by URN, else establishment
    number)."""
    by_urn = dict(zip(placed["urn"], placed["ward_code"], strict=True))
    by_estab = dict(zip(placed["establishment_number"], placed["ward_code"], strict=True))
    ward = df["URN"].map(by_urn).fillna(df["ESTAB"].map(by_estab))
    out = df.assign(ward_code=ward)
    return out[out["ward_code"].notna()], int(ward.isna().sum())


def gias_rows(con, placed: pd.DataFrame) -> list[dict]:
    s = placed.assign(
        n=1,
        primary=(placed["education_phase"] == "Primary").astype(int),
        secondary=placed["education_phase"].isin(["Secondary", "All-through"]).astype(int),
        special=placed["establishment_type"].isin(SPECIAL).astype(int),
        fsm_n=placed["number_of_pupils"] * placed["percentage_fsm"] / 100,
        fsm_den=placed["number_of_pupils"].where(placed["percentage_fsm"].notna()),
    )
    cols = ["n", "primary", "secondary", "special", "number_of_pupils", "fsm_n", "fsm_den"]
    agg = sa.aggregate(con, s[["ward_code", *cols]], cols, key="ward_code")
    args = ("May 2025", "2025-05-24", "gias-2025")
    rows = []
    for ind, col in (
        ("school_count", "n"),
        ("school_count_primary", "primary"),
        ("school_count_secondary", "secondary"),
        ("school_count_special", "special"),
        ("school_pupils", "number_of_pupils"),
    ):
        rows += school_rows(agg, ind, col, None, args)
    return rows + school_rows(agg, "school_fsm_pct", "fsm_n", "fsm_den", args, mult=100)


def school_rows(agg, ind, num, den, args, mult=1.0, extra=None) -> list[dict]:
    """Rows for every area: num (a count) or num/den*mult, the note giving the number of schools behind it."""
    rows = []
    for r in agg.to_dict("records"):
        n = int(r["n_units"])
        if den is None:
            v, d = r[num], None
        else:
            d = r[den]
            v = r[num] / d * mult if d and not pd.isna(d) else None
        note = "; ".join(x for x in (f"{n} school{'s' if n != 1 else ''}", extra) if x)
        rows.append(
            sa.observation(
                ind,
                r["area_code"],
                args[0],
                args[1],
                v,
                args[2],
                num=None if den is None else r[num],
                den=d,
                note=note,
            )
        )
    return rows


def census_rows(con, ctx, placed) -> list[dict]:
    path = ctx.smallarea_dir / CENSUS
    num = ["NOR", "TSENELK", "TSENELSE", "NUMEAL", "NUMENGFL", "NUMUNCFL", "NUMFSMEVER"]
    df = sa.read_pack(path, ["URN", "ESTAB", *num], numeric=num)
    df, closed = match_to_open(df, placed)
    df = df.assign(eal_den=df["NUMEAL"] + df["NUMENGFL"] + df["NUMUNCFL"])
    agg = sa.aggregate(con, df[["ward_code", *num, "eal_den"]], [*num, "eal_den"], key="ward_code")
    extra = f"{closed} county schools since closed left out" if closed else None
    args = ("2018/19", "2019-01-17", "dfe-census-2019")
    return (
        school_rows(agg, "school_census_pupils", "NOR", None, args, extra=extra)
        + school_rows(agg, "school_sen_support_pct", "TSENELK", "NOR", args, 100, extra)
        + school_rows(agg, "school_ehcp_pct", "TSENELSE", "NOR", args, 100, extra)
        + school_rows(agg, "school_eal_pct", "NUMEAL", "eal_den", args, 100, extra)
        + school_rows(agg, "school_fsm_ever_pct", "NUMFSMEVER", "NOR", args, 100, extra)
    )


def ks4_rows(con, ctx, placed) -> list[dict]:
    path = ctx.smallarea_dir / KS4
    num = ["TPUP", "ATT8SCR", "P8PUP", "P8MEA", "PTL2BASICS_94"]
    raw = sa.read_pack(path, ["RECTYPE", "URN", "ESTAB", *num], numeric=num)
    la = raw[raw["RECTYPE"] == "4"]
    df, closed = match_to_open(raw[raw["RECTYPE"].isin(["1", "2"])], placed)
    df = df[df["ATT8SCR"].notna()]
    df = df.assign(
        att8=df["ATT8SCR"] * df["TPUP"],
        p8=df["P8MEA"] * df["P8PUP"],
        basics=df["PTL2BASICS_94"] * df["TPUP"] / 100,
        p8pup=df["P8PUP"].where(df["P8MEA"].notna()),
    )
    cols = ["TPUP", "att8", "p8", "basics", "p8pup"]
    agg = sa.aggregate(con, df[["ward_code", *cols]], cols, key="ward_code")
    agg = agg[agg["area_code"] != sa.HERE]
    args = ("2018/19", "2019-08-31", "dfe-ks4-2019p")
    extra = "schools with results, pupil-weighted" + (
        f"; {closed} county schools since closed left out" if closed else ""
    )
    rows = (
        school_rows(agg, "ks4_att8", "att8", "TPUP", args, extra=extra)
        + school_rows(agg, "ks4_p8", "p8", "p8pup", args, extra=extra)
        + school_rows(agg, "ks4_basics_94_pct", "basics", "TPUP", args, 100, extra)
        + school_rows(agg, "ks4_pupils", "TPUP", None, args, extra=extra)
    )
    if not la.empty:
        r = la.iloc[0]
        note = "published local authority figure (all state-funded schools)"
        for ind, col in (
            ("ks4_att8", "ATT8SCR"),
            ("ks4_p8", "P8MEA"),
            ("ks4_basics_94_pct", "PTL2BASICS_94"),
            ("ks4_pupils", "TPUP"),
        ):
            rows.append(sa.observation(ind, sa.HERE, args[0], args[1], r[col], args[2], note=note))
    return rows


def absence_rows(con, ctx, placed) -> list[dict]:
    path = ctx.smallarea_dir / ABS
    df = sa.read_pack(path, ["URN", "ESTAB", "PERCTOT", "PPERSABS10"], numeric=["PERCTOT", "PPERSABS10"])
    nor = sa.read_pack(ctx.smallarea_dir / CENSUS, ["URN", "NOR"], numeric=["NOR"])
    df = df.merge(nor, on="URN", how="left")
    df, closed = match_to_open(df, placed)
    df = df.assign(
        abs_n=df["PERCTOT"] * df["NOR"] / 100,
        abs_den=df["NOR"].where(df["PERCTOT"].notna()),
        pa_n=df["PPERSABS10"] * df["NOR"] / 100,
        pa_den=df["NOR"].where(df["PPERSABS10"].notna()),
    )
    cols = ["abs_n", "abs_den", "pa_n", "pa_den"]
    agg = sa.aggregate(con, df[["ward_code", *cols]], cols, key="ward_code")
    args = ("2018/19", "2019-08-31", "dfe-abs-2019")
    extra = "weighted by pupils on roll" + (
        f"; {closed} county schools since closed left out" if closed else ""
    )
    return school_rows(agg, "school_absence_pct", "abs_n", "abs_den", args, 100, extra) + school_rows(
        agg, "school_persistent_absence_pct", "pa_n", "pa_den", args, 100, extra
    )


def load(con, ctx):
    from data.buildkit import Step
    from data.loaders.common import insert

    if not sa.ready(con, ctx):
        return sa.skipped("small areas: schools", "school figures by locality")
    placed = place_schools(ctx)
    sa.register_sources(con, ["gias-2025", "dfe-census-2019", "dfe-ks4-2019p", "dfe-abs-2019"])
    n_ind = sa.register_indicators(con, ["school_", "ks4_"])
    n_sch = insert(con, "schools", schools_table(con, placed), GIAS)
    rows = gias_rows(con, placed) + census_rows(con, ctx, placed) + ks4_rows(con, ctx, placed)
    rows += absence_rows(con, ctx, placed)
    n = sa.insert_observations(con, rows, "school files")
    return [
        Step(
            "small areas: schools", GIAS, n_sch, "loaded", "schools placed in 2025 wards by point in polygon"
        ),
        Step(
            "small areas: schools", "school census, KS4, absence 2018/19", n, "loaded", f"{n_ind} indicators"
        ),
    ]
