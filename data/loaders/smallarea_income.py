"""Children in low income families (DWP, relative low income before housing costs, children aged
0-19), by MSOA,
financial years ending 2015-2022 (March 2023 release, since revised), to wards, localities, Hereford's
sub-areas and the county, as a count and a rate per 100 children aged 0-19.

MSOAs do not nest in wards, so each MSOA's count is shared out to its LSOAs by their share of the MSOA's
children aged 0-19 (ONS mid-2020 small-area estimates) and the LSOAs summed to areas. Denominators are the
nearest ONS small-area estimate of children aged 0-19, scaled by the ratio of the rebased county total of
ages 0-17 to the estimate's own. The county's count is the published local authority row (it differs from
the MSOA sum by Stat-Xplore rounding: the note says by how much).
"""

from __future__ import annotations

import re

from data.loaders import smallarea as sa
from data.loaders import smallarea_population as pop

FILE = "dwp_cilif_relative_low_income_children_0_19_msoa_fye2015_2022p_herefordshire.csv"
SOURCE = "dwp-cilif-2023"
LA_NAME = "Herefordshire, County of"
YEARS = ["2014/15", "2015/16", "2016/17", "2017/18", "2018/19", "2019/20", "2020/21", "2021/22 (p)"]
# Financial year -> the ONS small-area estimate used for its denominator (the nearest mid-year available).
DENOMINATOR_YEAR = {
    "2014/15": 2017,
    "2015/16": 2017,
    "2016/17": 2017,
    "2017/18": 2017,
    "2018/19": 2019,
    "2019/20": 2019,
    "2020/21": 2020,
    "2021/22 (p)": 2020,
}
MSOA_SUM_2022 = 6920
LA_2022 = 6913


def read_cilif(path):
    """MSOA rows (name, counts per year) and the LA row; the 2021/22 MSOA sum is checked against SOURCES."""
    df = sa.read_pack(path, ["geography", "area_name", *YEARS], numeric=YEARS)
    msoa = df[df["geography"] == "MSOA"]
    la = df[(df["geography"] == "LA") & (df["area_name"] == LA_NAME)]
    if la.empty or len(msoa) != 23:
        from data.buildkit import BuildError

        raise BuildError(
            f"{path}: expected 23 Herefordshire MSOA rows and the LA row, found {len(msoa)} MSOAs"
        )
    sa.check_total(path, "2021/22 MSOA counts", msoa["2021/22 (p)"].sum(), MSOA_SUM_2022)
    sa.check_total(path, "2021/22 LA count", la["2021/22 (p)"].iloc[0], LA_2022)
    return msoa, la.iloc[0]


def lsoa_children(con, ctx):
    """Per LSOA 2011: its MSOA name, children 0-19 in each SAPE year (scaled), and its share of its MSOA's."""
    out = None
    for year, (file, _src, total) in pop.SAPE.items():
        df = pop.read_sape(ctx.smallarea_dir / file, total)
        rebased = pop.rebased_total(con, year)
        factor = rebased / df["age_0_17"].sum() if rebased else 1.0
        part = df[["lsoa_code", "age_0_19"]].rename(columns={"age_0_19": f"den_{year}"})
        part[f"den_{year}"] *= factor
        if out is None:
            names = con.execute("SELECT lsoa_code, lsoa_name FROM lsoa_locality WHERE vintage = '2011'").df()
            out = part.merge(names, on="lsoa_code", how="left")
            out["msoa"] = out["lsoa_name"].map(lambda n: re.sub(r"[A-Z]$", "", str(n)).strip())
        else:
            out = out.merge(part, on="lsoa_code")
    out["share"] = out["den_2020"] / out.groupby("msoa")["den_2020"].transform("sum")
    return out


def rows_for(con, lsoa, msoa, la) -> list[dict]:
    counts = msoa.set_index("area_name")
    missing = sorted(set(lsoa["msoa"]) - set(counts.index))
    if missing:
        from data.buildkit import BuildError

        raise BuildError(f"{FILE}: MSOAs of Herefordshire LSOAs not in the file: {', '.join(missing[:5])}")
    rows = []
    for fy in YEARS:
        label = fy.replace(" (p)", "")
        end = f"20{label[-2:]}-03-31"
        start = f"{label[:4]}-04-01"
        den = f"den_{DENOMINATOR_YEAR[fy]}"
        part = lsoa.assign(n=lsoa["msoa"].map(counts[fy]) * lsoa["share"])[["lsoa_code", "n", den]]
        agg = sa.aggregate(con, part, ["n", den], vintage="2011")
        here = agg["area_code"] == sa.HERE
        msoa_sum = agg.loc[here, "n"].iloc[0]
        agg.loc[here, "n"] = la[fy]
        extra = ("provisional; " if "(p)" in fy else "") + (
            f"denominator: ONS mid-{DENOMINATOR_YEAR[fy]} small-area estimate of children aged "
            f"0-19, scaled to "
            "the rebased county total"
        )
        for r in agg.to_dict("records"):
            note = sa.fit_note(r)
            if r["area_code"] == sa.HERE:
                note = f"published local authority count (the MSOA counts sum to {msoa_sum:,.0f})"
            else:
                note = f"{note}; MSOA counts shared out by each LSOA's share of the MSOA's children aged 0-19"
            rows.append(
                sa.observation(
                    "cilif_children",
                    r["area_code"],
                    label,
                    end,
                    r["n"],
                    SOURCE,
                    note=note,
                    period_start=start,
                )
            )
            rate = r["n"] / r[den] * 100 if r[den] else None
            rows.append(
                sa.observation(
                    "cilif_rate",
                    r["area_code"],
                    label,
                    end,
                    rate,
                    SOURCE,
                    num=r["n"],
                    den=r[den],
                    note=f"{note}; {extra}",
                    period_start=start,
                )
            )
    return rows


def load(con, ctx):
    from data.buildkit import Step

    if not sa.ready(con, ctx):
        return sa.skipped("small areas: income", "children in low income families")
    msoa, la = read_cilif(ctx.smallarea_dir / FILE)
    sa.register_sources(con, [SOURCE])
    n_ind = sa.register_indicators(con, ["cilif_"])
    n = sa.insert_observations(con, rows_for(con, lsoa_children(con, ctx), msoa, la), FILE)
    return [Step("small areas: income", FILE, n, "loaded", f"{n_ind} indicators; DWP March 2023 release")]
