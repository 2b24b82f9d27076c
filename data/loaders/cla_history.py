"""Children looked after 2010-2017 (DfE SFR underlying files), bridging the 2006 papers and LAIT's 2016+
series.

Reads `dfe_cla_counts_2010_2017_herefordshire_comparators_wide.csv` (PUBLIC_DATA_DIR/smallarea, SOURCES.md
section 4): counts at 31 March for Herefordshire, England, the West Midlands and the 17 neighbours.
* LACnum: the published count, for years the store has no count for yet (LAIT/EES win from 2016).
* LAC rate per 10,000: computed by the project, labelled as computed. 2010 from the file's own mid-2009
  population; 2011-2015 from the ONS 0-17 mid-year estimate of the previous year (DfE's method) where the pack
  has it (mid-2012 onwards, so 2013-2015); 2011 and 2012 have a count but no rate.
* Where LAIT's 2016-2017 count differs from the SFR file's, the LAIT row's note says so.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data.loaders.common import insert
from data.loaders.pack.meta import ENGLAND, OGL, WEST_MIDLANDS
from data.loaders.pack.parse import err, numbers, period_dates, read

STEP = "looked-after history"
FILE = "dfe_cla_counts_2010_2017_herefordshire_comparators_wide.csv"
YEARS = [str(y) for y in range(2010, 2018)]
SOURCE_ID = "pack_cla_2010_2017"
REPO = "https://github.com/BenGoodair/childrens_social_care_data"
SOURCE = dict(
    source_id=SOURCE_ID,
    file_name=FILE,
    title="DfE Children looked after in England: SFR underlying data 2010-2017",
    kind="publication",
    publisher="Department for Education",
    published_date="2017-09-28",
    licence=OGL,
    url=f"{REPO}/tree/ca4389abf37edc6531b03995b1d30be0e1a37807/Raw_Data/LA_level/Children_Placement_Characteristics",
    purpose="Children looked after at 31 March 2010-2017 for Herefordshire, England, West Midlands and "
    "neighbours",
    note="read in place from the public data pack (PUBLIC_DATA_DIR/smallarea); see SOURCES.md section 4",
)
OWN_POP_NOTE = (
    "rate computed by the project: count / the file's own mid-2009 population aged 0-17 ({pop:,.0f}) x 10,000"
)
ONS_NOTE = (
    "rate computed by the project: count / ONS 0-17 mid-year estimate of mid-{y} (the current, "
    "rebased series) "
    "x 10,000; DfE's rate at the time used the estimates then available, so it can differ slightly"
)
COUNT_NOTE = "DfE SFR underlying data (children looked after at 31 March), as published then"


def _areas(con, df: pd.DataFrame) -> pd.Series:
    old = dict(
        con.execute("SELECT old_la_code, area_code FROM areas WHERE old_la_code IS NOT NULL").fetchall()
    )
    code = df.old_la_code.map({"England": ENGLAND, "West Midlands": WEST_MIDLANDS, **old})
    if code.isna().any():
        i = code.isna().idxmax()
        raise err(f"{FILE}: row {int(i) + 2}: area {df.old_la_code[i]!r} ({df.area[i]}) is not a known area")
    return code


def read_counts(con, path: Path) -> pd.DataFrame:
    """Long rows (area_code, year, measure, value, status) from the wide file."""
    df = read(path, ["old_la_code", "area", "measure"] + YEARS)
    df = df.assign(area_code=_areas(con, df))
    long = df.melt(id_vars=["area_code", "measure"], value_vars=YEARS, var_name="year", value_name="raw")
    long = long[long.raw != ""].reset_index(drop=True)
    v, st = numbers(long, "raw", FILE, {"x": "x", "c": "c"})
    return long.assign(value=v, status=st)


def _obs(rows: pd.DataFrame, iid: str, value, num, den, note) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": iid,
            "area_code": rows.area_code.to_numpy(),
            "period_label": rows.year.to_numpy(),
            "value": np.asarray(value, dtype=float),
            "numerator": np.asarray(num, dtype=float),
            "denominator": np.asarray(den, dtype=float),
            "status": rows.status.to_numpy(),
            "note": note,
        }
    )


def history(con, long: pd.DataFrame) -> pd.DataFrame:
    """LACnum and computed LAC rates from the counts, with their numerators and denominators."""
    cnt = long[long.measure == "cla_at_31_march"].copy()
    own = long[long.measure == "mid2009_pop_0_17"].set_index("area_code").value
    ons = con.execute(
        "SELECT area_code, CAST(period_label AS INTEGER) + 1 AS y, value FROM observations "
        "WHERE indicator_id = 'pop_0_17' AND regexp_full_match(period_label, '\\d{4}')"
    ).df()
    ons["year"] = ons.y.astype(str)
    cnt = cnt.merge(ons[["area_code", "year", "value"]].rename(columns={"value": "ons"}), how="left")
    cnt["den"] = np.where(cnt.year == "2010", cnt.area_code.map(own), cnt.ons)
    frames = [_obs(cnt, "LACnum", cnt.value, np.nan, np.nan, COUNT_NOTE)]
    r = cnt[cnt.value.notna() & cnt.den.notna()]
    notes = [
        OWN_POP_NOTE.format(pop=d) if y == "2010" else ONS_NOTE.format(y=int(y) - 1)
        for y, d in zip(r.year, r.den)
    ]
    frames.append(_obs(r, "LAC", (r.value / r.den * 10000).round(1), r.value, r.den, notes))
    return pd.concat(frames, ignore_index=True)


def _note_differences(con, new: pd.DataFrame) -> int:
    """Years the store already has (LAIT/EES): keep those rows, and say in their note what the SFR file
    gave."""
    con.register("_sfr", new[new.indicator_id == "LACnum"])
    try:
        n = con.execute(
            "UPDATE observations o SET note = concat_ws('; ', o.note, "
            "'the DfE SFR file of the time gave ' || CAST(CAST(s.value AS INTEGER) AS VARCHAR) || "
            "'') FROM _sfr s WHERE o.indicator_id = 'LACnum' AND o.area_code = s.area_code "
            "AND o.period_label = s.period_label AND o.value IS NOT NULL AND s.value IS NOT NULL "
            "AND o.value <> s.value RETURNING o.obs_id"
        ).fetchall()
    finally:
        con.unregister("_sfr")
    return len(n)


def load(con, ctx):
    from data.buildkit import Step

    path = Path(ctx.public_dir) / "smallarea" / FILE if ctx.public_dir else None
    if path is None or not path.is_file():
        return [
            Step(STEP, FILE, 0, "skipped", "2010-2017 looked-after file not found: the series starts in 2016")
        ]
    new = history(con, read_counts(con, path))
    have = con.execute(
        "SELECT indicator_id, area_code, period_label FROM observations WHERE indicator_id IN "
        "('LAC', 'LACnum')"
    ).df()
    key = ["indicator_id", "area_code", "period_label"]
    fresh = new.merge(have.assign(_have=1), on=key, how="left")
    fresh = fresh[fresh._have.isna()].drop(columns="_have")
    fresh = fresh[fresh.value.notna() | fresh.status.notna()]
    n_diff = _note_differences(con, new)
    known = {r[0] for r in con.execute("SELECT source_id FROM sources").fetchall()}
    if SOURCE_ID not in known:
        insert(con, "sources", pd.DataFrame([SOURCE]), "looked-after history source")
    ends = {y: period_dates(y, "31 March snapshot") for y in YEARS}
    fresh = fresh.assign(
        obs_id="cla_2010_2017:" + fresh.indicator_id + ":" + fresh.area_code + ":" + fresh.period_label,
        period_start=fresh.period_label.map(lambda y: ends[y][0]),
        period_end=fresh.period_label.map(lambda y: ends[y][1]),
        source_id=SOURCE_ID,
        value_type="actual",
    )
    fresh["status"] = fresh.status.where(fresh.status.notna(), None)
    n = insert(con, "observations", fresh, FILE)
    n_rate = int((fresh.indicator_id == "LAC").sum())
    msg = (
        f"{n - n_rate} counts and {n_rate} computed rates added; {n_diff} LAIT counts differ from the SFR "
        "file (noted)"
    )
    return [Step(STEP, FILE, n, "loaded", msg)]
