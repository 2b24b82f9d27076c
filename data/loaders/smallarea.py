"""What the small-area loaders share: their sources and indicator rows, reading a pack file strictly, and
aggregating LSOA (or school) figures to wards, localities, Hereford's sub-areas and the county.

The families (one module each, each a build step after geography): smallarea_population (ONS SAPE and Census
2021 age bands), smallarea_income (DWP children in low income families), smallarea_schools (GIAS,
school census,
KS4, absence) and smallarea_context (rural-urban classification, Census 2021 household context).

Sources are `data/smallarea_sources.csv` (title, publisher, release date, licence, caveat); indicators are
`data/smallarea_indicators.csv` (plain names, units, decimals, polarity). Files are read in place from
`$PUBLIC_DATA_DIR/smallarea` (never copied). An area's figure is the sum over its LSOAs, each LSOA in the ward
the ONS best-fit lookup gives (area-based fit where ONS has none: the note says how many).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.areas import HERE, SOUTH_WYE  # noqa: E402  (one home for area codes)
from dashboard.areas import HEREFORD_CITY as HEREFORD  # noqa: E402
from dashboard.areas import HEREFORD_CITY_EXCL_SW as EXCL_SW  # noqa: E402
from data.loaders.columns import INDICATOR_COLS, OBS_COLS, SOURCE_ORIGIN

DATA = Path(__file__).resolve().parents[1]
SOURCES_FILE = DATA / "smallarea_sources.csv"
INDICATORS_FILE = DATA / "smallarea_indicators.csv"
SOURCE_COLS = ["source_id", "title", *SOURCE_ORIGIN, "caveat"]
AREA_FIT_NOTE = "area-based best fit"


def read_pack(path: Path, required: Iterable[str], numeric: Iterable[str] = ()) -> pd.DataFrame:
    """A pack CSV with the named columns (text, stripped), numeric ones converted; fails naming the file."""
    from data.buildkit import BuildError

    if not path.is_file():
        raise BuildError(f"{path}: small-area file is missing from the public pack")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, csv.Error) as e:
        raise BuildError(f"{path}: cannot be read as a UTF-8 CSV ({e})") from e
    df.columns = [c.strip() for c in df.columns]
    required = list(required)
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise BuildError(f"{path}: missing column(s) {', '.join(missing)}")
    df = df[required].apply(lambda s: s.str.strip())
    for c in numeric:
        df[c] = pd.to_numeric(df[c].str.replace("%", "", regex=False), errors="coerce")
    return df


def check_total(path: Path, what: str, got: float, expected: float, tolerance: float = 0.5) -> None:
    """Fail naming the file when a column's county sum is not the LA total its SOURCES.md gives."""
    from data.buildkit import BuildError

    if abs(got - expected) > tolerance:
        raise BuildError(f"{path}: {what} sums to {got:,.0f}, expected the LA total {expected:,.0f}")


def register_sources(con, ids: Iterable[str]) -> None:
    """Insert the named rows of data/smallarea_sources.csv into `sources` (kind 'publication')."""
    from data.buildkit import BuildError
    from data.loaders.common import insert, read_csv

    src = read_csv(SOURCES_FILE, SOURCE_COLS).set_index("source_id")
    ids = list(ids)
    unknown = [i for i in ids if i not in src.index]
    if unknown:
        raise BuildError(f"{SOURCES_FILE}: no row for source(s) {', '.join(unknown)}")
    have = {r[0] for r in con.execute("SELECT source_id FROM sources").fetchall()}
    rows = src.loc[[i for i in ids if i not in have]].reset_index().assign(kind="publication")
    rows = rows.rename(columns={"caveat": "note"}).assign(caveat=rows["caveat"])
    insert(con, "sources", rows, str(SOURCES_FILE))


def register_indicators(con, prefix_or_ids: Iterable[str]) -> int:
    """Insert the rows of data/smallarea_indicators.csv whose id starts with one of the prefixes."""
    from data.loaders.common import insert, read_csv

    ind = read_csv(INDICATORS_FILE, INDICATOR_COLS)
    keep = ind["indicator_id"].apply(lambda i: any(i.startswith(p) for p in prefix_or_ids))
    have = {r[0] for r in con.execute("SELECT indicator_id FROM indicators").fetchall()}
    rows = ind[keep & ~ind["indicator_id"].isin(have)].assign(origin="project")
    return insert(con, "indicators", rows, str(INDICATORS_FILE))


def ward_areas(con) -> pd.DataFrame:
    """ward_code -> every area it counts towards: the ward, its locality, its Hereford sub-area, Hereford City
    without South Wye (north of Wye and fringe wards) and the county. Columns ward_code, area_code."""
    wl = con.execute("SELECT ward_code, locality, sub_area FROM ward_locality").df()
    parts = [
        wl[["ward_code"]].assign(area_code=wl["ward_code"]),
        wl[["ward_code"]].assign(area_code=wl["locality"]),
        wl.loc[wl["sub_area"].notna(), ["ward_code"]].assign(area_code=wl["sub_area"]),
        wl.loc[(wl["locality"] == HEREFORD) & (wl["sub_area"] != SOUTH_WYE), ["ward_code"]].assign(
            area_code=EXCL_SW
        ),
        wl[["ward_code"]].assign(area_code=HERE),
    ]
    return pd.concat(parts, ignore_index=True)


def lsoa_wards(con, vintage: str) -> pd.DataFrame:
    """lsoa_code, ward_code, fit for one LSOA vintage ('2011' / '2021'), as geo/build.py assigned them."""
    return con.execute(
        "SELECT lsoa_code, ward_code, fit FROM lsoa_locality WHERE vintage = ?", [vintage]
    ).df()


def aggregate(
    con, df: pd.DataFrame, sum_cols: list[str], *, vintage: str | None = None, key: str = "lsoa_code"
):
    """Sum `sum_cols` of per-LSOA rows (key 'lsoa_code', LSOAs of `vintage`) or per-ward rows (key
    'ward_code')
    to every area. Returns area_code, the sums, n_units and n_area_fit (LSOAs placed by area, not ONS)."""
    from data.buildkit import BuildError

    if key == "lsoa_code":
        lw = lsoa_wards(con, vintage)
        df = df.merge(lw, on="lsoa_code", how="left")
        unplaced = df.loc[df["ward_code"].isna(), "lsoa_code"].tolist()
        if unplaced:
            raise BuildError(f"LSOA codes with no ward ({vintage} LSOAs): {', '.join(unplaced[:5])}")
        df["area_fit"] = df["fit"].fillna("").str.startswith("area").astype(int)
    else:
        df = df.assign(area_fit=0)
    df = df.assign(n_units=1)
    out = (
        df.merge(ward_areas(con), on="ward_code")
        .groupby("area_code")[[*sum_cols, "n_units", "area_fit"]]
        .sum(min_count=1)
    )
    return out.rename(columns={"area_fit": "n_area_fit"}).reset_index()


def fit_note(row, unit: str = "LSOAs") -> str | None:
    """Say how an area's LSOAs were placed, where the area is not the county."""
    if row["area_code"] == HERE:
        return None
    k = int(row.get("n_area_fit", 0) or 0)
    base = f"sum of {int(row['n_units'])} {unit} placed in wards by the ONS best-fit lookup"
    return base + (f"; {k} by {AREA_FIT_NOTE} (not in the ONS lookup)" if k else "")


def observation(
    ind: str,
    area: str,
    period: str,
    period_end: str,
    value,
    source_id: str,
    *,
    num=None,
    den=None,
    note: str | None = None,
    period_start: str | None = None,
) -> dict:
    """One observations row; a missing value gets status 'x' (not available) and says why in the note."""
    missing = value is None or (isinstance(value, float) and np.isnan(value))
    return {
        "obs_id": f"sa-{ind}-{area}-{period}",
        "indicator_id": ind,
        "area_code": area,
        "period_label": period,
        "period_start": period_start,
        "period_end": period_end,
        "value": None if missing else float(value),
        "numerator": None if num is None or pd.isna(num) else float(num),
        "denominator": None if den is None or pd.isna(den) else float(den),
        "status": "x" if missing else None,
        "value_type": "actual",
        "source_id": source_id,
        "note": note,
    }


def ratio_rows(agg: pd.DataFrame, ind: str, num: str, den: str, mult: float, period, end, source, extra=None):
    """Observation rows of num/den*mult for every area in `agg` (blank where the denominator is 0)."""
    rows = []
    for r in agg.to_dict("records"):
        d = r[den]
        v = r[num] / d * mult if d and not pd.isna(d) and not pd.isna(r[num]) else None
        note = "; ".join(x for x in (fit_note(r), extra) if x) or None
        rows.append(observation(ind, r["area_code"], period, end, v, source, num=r[num], den=d, note=note))
    return rows


def count_rows(agg: pd.DataFrame, ind: str, col: str, period, end, source, extra=None, scale: float = 1.0):
    rows = []
    for r in agg.to_dict("records"):
        note = "; ".join(x for x in (fit_note(r), extra) if x) or None
        v = None if pd.isna(r[col]) else r[col] * scale
        rows.append(observation(ind, r["area_code"], period, end, v, source, note=note))
    return rows


def insert_observations(con, rows: list[dict], source: str) -> int:
    from data.loaders.common import insert

    return insert(con, "observations", pd.DataFrame(rows, columns=OBS_COLS), source)


def skipped(step: str, what: str):
    from data.buildkit import Step

    return [Step(step, "public pack smallarea/", 0, "skipped", f"small-area folder not found: no {what}")]


def ready(con, ctx) -> bool:
    """The small-area folder exists and geography placed the LSOAs (else the family is skipped)."""
    d = ctx.smallarea_dir
    if d is None or not d.is_dir():
        return False
    return con.execute("SELECT count(*) FROM lsoa_locality").fetchall()[0][0] > 0
