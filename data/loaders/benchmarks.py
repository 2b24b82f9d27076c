"""Every council's value of LAIT's key measures, ranked and banded LAIT's way for every indicator-year.

Reads `lait_key_indicators_all_las.csv` and `lait_key_indicators_polarity.csv` (PUBLIC_DATA_DIR/stats, see
SOURCES.md section 4) into `lait_all_las`; the rank rule lives in dashboard.analysis.ranks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.analysis import ranks
from data.loaders.common import insert
from data.loaders.pack.meta import LAIT_COMMIT, LAIT_REPO, OGL
from data.loaders.pack.parse import err, numbers, period_dates, read

STEP = "benchmarks"
ALL_FILE = "lait_key_indicators_all_las.csv"
POL_FILE = "lait_key_indicators_polarity.csv"
ALL_COLS = [
    "measure_short",
    "period",
    "area",
    "la_number",
    "new_la_code",
    "geographic_level",
    "region",
    "value",
]
POL_COLS = ["measure_short", "Polarity", "No_Quartile", "ranked_by_lait"]
LEVELS = {"la", "region", "london_inner_outer", "national"}
SOURCE = dict(
    source_id="pack_lait_all_las",
    file_name=ALL_FILE,
    title="DfE Local Authority Interactive Tool (LAIT): key measures for every English local authority",
    kind="publication",
    publisher="Department for Education",
    published_date="2026-04-08",
    licence=f"{OGL} (data); MIT (LAIT code)",
    url=f"{LAIT_REPO}/tree/{LAIT_COMMIT}/01_data/02_prod",
    purpose="Ranks, quartile bands and distributions among all councils (LAIT's rule, worked out at build "
    "time)",
    note="read in place from the public data pack (PUBLIC_DATA_DIR/stats); see SOURCES.md section 4",
)


def read_polarity(sd: Path) -> pd.DataFrame:
    pol = read(sd / POL_FILE, POL_COLS)
    if pol.measure_short.duplicated().any():
        raise err(
            f"{POL_FILE}: measure {pol.measure_short[pol.measure_short.duplicated()].iloc[0]!r} listed twice"
        )
    return pol


def read_all_las(sd: Path, measures: set[str]) -> pd.DataFrame:
    df = read(sd / ALL_FILE, ALL_COLS)
    checks = (
        (~df.measure_short.isin(measures), "measure_short", "is not in the polarity file"),
        (~df.geographic_level.isin(LEVELS), "geographic_level", f"is not one of {', '.join(sorted(LEVELS))}"),
        (~df.la_number.str.fullmatch(r"\d+"), "la_number", "is not an LA number"),
    )
    for bad, col, what in checks:
        if bad.any():
            i = bad.idxmax()
            raise err(f"{ALL_FILE}: row {int(i) + 2}: {col} {df[col][i]!r} {what}")
    dup = df.duplicated(["measure_short", "period", "la_number"])
    if dup.any():
        i = dup.idxmax()
        raise err(
            f"{ALL_FILE}: row {int(i) + 2}: a second row for {df.measure_short[i]} {df.period[i]} "
            f"{df.area[i]}"
        )
    v, st = numbers(df, "value", ALL_FILE, {"-": "x"})
    return df.assign(value=v, status=st)


def ranked_frame(df: pd.DataFrame, pol: pd.DataFrame, ptypes: dict[str, str]) -> pd.DataFrame:
    """The file's rows with LAIT polarity, period end, rank, band and position columns."""
    polarity = dict(zip(pol.measure_short, pol.Polarity))
    no_quartile = set(pol.measure_short[~pol.No_Quartile.isin(["", "NA"])])
    out = ranks.rank_all(df, polarity)
    out.loc[out.measure_short.isin(no_quartile), "band"] = None
    ends = {
        (m, p): period_dates(p, ptypes.get(m))[1]
        for m, p in out[["measure_short", "period"]].drop_duplicates().itertuples(index=False)
    }
    return out.assign(
        polarity=out.measure_short.map(polarity),
        period_end=[ends[(m, p)] for m, p in zip(out.measure_short, out.period)],
    ).rename(
        columns={
            "measure_short": "indicator_id",
            "period": "period_label",
            "area": "area_name",
            "new_la_code": "area_code",
        }
    )


def _check_against_lait(out: pd.DataFrame, pol: pd.DataFrame) -> None:
    """Ranked exactly where LAIT ranks (its ranked_by_lait flag)."""
    ranked = set(out.loc[out["rank"].notna(), "indicator_id"])
    flagged = set(pol.measure_short[pol.ranked_by_lait.str.lower() == "true"])
    wrong = sorted((ranked - flagged) | (flagged & set(out.indicator_id) - ranked))
    if wrong:
        raise err(f"{POL_FILE}: ranked_by_lait disagrees with the polarity for {', '.join(wrong[:5])}")


def load(con, ctx):
    from data.buildkit import Step

    sd = ctx.stats_dir
    if sd is None or not (Path(sd) / ALL_FILE).is_file():
        return [
            Step(STEP, ALL_FILE, 0, "skipped", "all-LA LAIT file not found: no ranks, bands or distributions")
        ]
    sd = Path(sd)
    pol = read_polarity(sd)
    df = read_all_las(sd, set(pol.measure_short))
    unknown = set(df.measure_short) - {
        r[0] for r in con.execute("SELECT indicator_id FROM indicators").fetchall()
    }
    if unknown:
        raise err(f"{ALL_FILE}: measure(s) {', '.join(sorted(unknown)[:5])} are not in the LAIT dictionary")
    ptypes = dict(con.execute("SELECT indicator_id, period_type FROM indicators").fetchall())
    out = ranked_frame(df, pol, ptypes)
    _check_against_lait(out, pol)
    cols = [
        "indicator_id",
        "period_label",
        "period_end",
        "la_number",
        "area_name",
        "area_code",
        "geographic_level",
    ]
    cols += ["region", "value", "status", "polarity"] + ranks.RANK_COLS
    known = {r[0] for r in con.execute("SELECT source_id FROM sources").fetchall()}
    if SOURCE["source_id"] not in known:
        insert(con, "sources", pd.DataFrame([SOURCE]), "benchmark source")
    n = insert(con, "lait_all_las", out[cols], ALL_FILE)
    n_years = out.loc[out["rank"].notna(), ["indicator_id", "period_label"]].drop_duplicates().shape[0]
    return [
        Step(
            STEP,
            ALL_FILE,
            n,
            "loaded",
            f"{n_years} indicator-years ranked and banded among LAs (LAIT's rule)",
        )
    ]
