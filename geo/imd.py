"""English Indices of Deprivation (2015, 2019, 2025) for LSOAs, localities, Hereford sub-areas, the county and
(where fixed by construction) England. Indicator definitions are in geo/imd_indicators.csv."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from geo.shapes import ENGLAND, HERE


@dataclass(frozen=True)
class ImdRelease:
    key: str  # 'imd2015'
    label: str  # period_label
    source_id: str
    file_name: str
    vintage: str  # LSOA vintage '2011' / '2021'
    published: str  # ISO date of release
    n_lsoa_england: int
    code_col: str
    cols: dict  # our name -> column in the file
    title: str


RELEASES = [
    ImdRelease(
        "imd2015",
        "IMD 2015",
        "imd2015-lsoa",
        "imd2015_herefordshire_lsoa11.csv",
        "2011",
        "2015-09-30",
        32844,
        "LSOA11CD",
        {
            "score": "IMD2015_score",
            "rank": "IMD2015_rank",
            "decile": "IMD2015_decile",
            "cyp_rank": "IMD2015_sub_children_and_young_people_sub_domain_rank",
            "cyp_decile": "IMD2015_sub_children_and_young_people_sub_domain_decile",
        },
        "English Indices of Deprivation 2015: Herefordshire LSOAs (2011)",
    ),
    ImdRelease(
        "imd2019",
        "IMD 2019",
        "imd2019-lsoa",
        "imd2019_herefordshire_lsoa11.csv",
        "2011",
        "2019-09-26",
        32844,
        "LSOA11CD",
        {
            "score": "IMD2019_score",
            "rank": "IMD2019_IMD_rank",
            "decile": "IMD2019_IMD_decile",
            "cyp_rank": "IMD2019_sub_Children_and_young_people_rank",
            "cyp_decile": "IMD2019_sub_Children_and_young_people_decile",
            "idaci_num": "IoD2019_IDACI_numerator_children_in_income_deprived_families",
        },
        "English Indices of Deprivation 2019: Herefordshire LSOAs (2011)",
    ),
    ImdRelease(
        "imd2025",
        "IoD 2025",
        "imd2025-lsoa",
        "imd2025_herefordshire_lsoa21.csv",
        "2021",
        "2025-10-30",
        33755,
        "LSOA21CD",
        {
            "score": "IMD2025_IMD_score",
            "rank": "IMD2025_IMD_rank",
            "decile": "IMD2025_IMD_decile",
            "cyp_rank": "IMD2025_sub_children_and_young_people_rank",
            "cyp_decile": "IMD2025_sub_children_and_young_people_decile",
            "idaci_num": "IoD2025_IDACI_numerator_children_in_income_deprived_families",
        },
        "English Indices of Deprivation 2025: Herefordshire LSOAs (2021)",
    ),
]


def _imd_frame(stats_dir: Path, rel: ImdRelease, lsoa_ward: dict[str, str]) -> pd.DataFrame:
    from data.buildkit import BuildError

    path = stats_dir / rel.file_name
    try:
        raw = pd.read_csv(path, dtype={rel.code_col: str})
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as e:
        raise BuildError(f"{path}: cannot be read ({e})") from e
    need = [rel.code_col, *rel.cols.values()]
    missing = [c for c in need if c not in raw.columns]
    if missing:
        raise BuildError(f"{path}: missing column(s) {', '.join(missing)}")
    df = raw[need].rename(columns={v: k for k, v in rel.cols.items()}).rename(columns={rel.code_col: "lsoa"})
    for c in rel.cols:
        df[c] = pd.to_numeric(df[c], errors="coerce")
    if "idaci_num" not in df:
        df["idaci_num"] = np.nan
    unknown = sorted(set(df["lsoa"]) - set(lsoa_ward))
    if unknown:
        raise BuildError(f"{path}: LSOA codes with no best-fit ward: {', '.join(unknown[:5])}")
    if df[["rank", "decile"]].isna().any().any():
        raise BuildError(f"{path}: blank IMD rank or decile")
    df["ward"] = df["lsoa"].map(lsoa_ward)
    return df


def _summarise(df: pd.DataFrame, rel: ImdRelease) -> dict[str, tuple]:
    """indicator_id -> (value, numerator, denominator, note) for one group of LSOAs."""
    n = len(df)
    d1 = int((df["decile"] == 1).sum())
    d2 = int((df["decile"] <= 2).sum())
    out = {
        "imd_lsoa_count": (float(n), None, None, None),
        "imd_lsoa_pct_most_deprived_10": (100 * d1 / n, d1, n, None),
        "imd_lsoa_pct_most_deprived_20": (100 * d2 / n, d2, n, None),
    }
    for d in range(1, 11):
        out[f"imd_lsoas_decile_{d:02d}"] = (float((df["decile"] == d).sum()), None, None, None)
    cyp = df["cyp_decile"].dropna()
    if len(cyp):
        k = int((cyp <= 2).sum())
        out["imd_cyp_education_pct_most_deprived_20"] = (100 * k / len(cyp), k, len(cyp), None)
        out["imd_cyp_education_mean_rank"] = (
            float(df["cyp_rank"].mean()),
            None,
            None,
            f"unweighted mean over {len(cyp)} LSOAs",
        )
    if "idaci_num" in rel.cols:
        blanks = int(df["idaci_num"].isna().sum())
        note = f"{blanks} of {n} LSOAs blank in the source and left out of the sum" if blanks else None
        out["idaci_children_income_deprived"] = (float(df["idaci_num"].sum()), None, None, note)
    return out


def _observations(imd: dict[str, pd.DataFrame], membership: dict[str, set[str]]) -> pd.DataFrame:
    rows = []

    def add(ind, area, rel, value, num=None, den=None, note=None):
        rows.append(
            {
                "obs_id": f"geo-{rel.key}-{ind}-{area}",
                "indicator_id": ind,
                "area_code": area,
                "period_label": rel.label,
                "period_start": None,
                "period_end": rel.published,
                "value": None if value is None or (isinstance(value, float) and np.isnan(value)) else value,
                "numerator": num,
                "denominator": den,
                "status": "x" if value is None or (isinstance(value, float) and np.isnan(value)) else None,
                "value_type": "actual",
                "source_id": rel.source_id,
                "note": note,
            }
        )

    for rel in RELEASES:
        df = imd[rel.key]
        groups = {HERE: df}
        for area, wards in membership.items():
            groups[area] = df[df["ward"].isin(wards)]
        for area, part in groups.items():
            if part.empty:
                continue
            for ind, (v, num, den, note) in _summarise(part, rel).items():
                if area != HERE:
                    note = "; ".join(
                        x for x in [note, "LSOAs assigned to proposed localities by best-fit ward"] if x
                    )
                add(ind, area, rel, v, num, den, note)
        # England, where the measure is fixed by construction of the deciles
        n = rel.n_lsoa_england
        by_def = f"by construction of the national deciles ({n:,} LSOAs in England)"
        add("imd_lsoa_pct_most_deprived_10", ENGLAND, rel, 10.0, None, n, by_def)
        add("imd_lsoa_pct_most_deprived_20", ENGLAND, rel, 20.0, None, n, by_def)
        add("imd_cyp_education_pct_most_deprived_20", ENGLAND, rel, 20.0, None, n, by_def)
        add("imd_cyp_education_mean_rank", ENGLAND, rel, (n + 1) / 2, None, n, by_def)
        # LSOA level
        for r in df.itertuples(index=False):
            add("imd_lsoa_decile", r.lsoa, rel, float(r.decile))
            add("imd_lsoa_score", r.lsoa, rel, float(r.score))
            add("imd_lsoa_rank", r.lsoa, rel, float(r.rank))
            add("imd_lsoa_cyp_education_decile", r.lsoa, rel, float(r.cyp_decile))
            if "idaci_num" in rel.cols:
                blank = pd.isna(r.idaci_num)
                add(
                    "idaci_lsoa_children_income_deprived",
                    r.lsoa,
                    rel,
                    None if blank else float(r.idaci_num),
                    note="blank in the source" if blank else None,
                )
    return pd.DataFrame(rows)


INDICATOR_FILE = Path(__file__).with_name("imd_indicators.csv")


def indicator_rows() -> pd.DataFrame:
    """geo/imd_indicators.csv as indicator rows (plain names, units, decimals, polarity)."""
    from data.loaders.common import read_csv

    cols = [
        "indicator_id",
        "name",
        "definition",
        "unit",
        "polarity",
        "topic",
        "decimals",
        "multiplier",
        "caveat",
    ]
    return read_csv(INDICATOR_FILE, cols).assign(
        ecm_outcome="Achieve economic well-being",
        period_type="IMD release",
        source_link="https://www.gov.uk/government/collections/english-indices-of-deprivation",
        origin="project",
    )


def load_imd(con, stats_dir: Path | None, lsoa_ward: dict[str, str], membership: dict[str, set[str]]):
    """IMD sources, indicators and observations. Returns the build steps."""
    from data.buildkit import BuildError, Step
    from data.loaders.common import insert

    if stats_dir is None or not stats_dir.is_dir():
        return [Step("geography", "IMD", 0, "skipped", "stats folder not found: no locality IMD figures")]
    imd = {}
    for rel in RELEASES:
        p = stats_dir / rel.file_name
        if not p.is_file():
            raise BuildError(f"{p}: IMD file is missing from the public pack")
        imd[rel.key] = _imd_frame(stats_dir, rel, lsoa_ward)
    for rel in RELEASES:
        con.execute(
            "INSERT INTO sources (source_id, title, kind, publisher, published_date, file_name, "
            "licence, purpose, "
            "note) SELECT ?, ?, 'publication', 'MHCLG', ?, ?, 'Open Government Licence v3.0', ?, ? "
            "WHERE NOT EXISTS (SELECT 1 FROM sources WHERE source_id = ?)",
            [
                rel.source_id,
                rel.title,
                rel.published,
                rel.file_name,
                "LSOA-level deprivation, aggregated to proposed localities by best-fit ward",
                "read from the public pack stats folder; see its SOURCES.md",
                rel.source_id,
            ],
        )
    ind = indicator_rows()
    known = {r[0] for r in con.execute("SELECT indicator_id FROM indicators").fetchall()}
    n_ind = insert(con, "indicators", ind[~ind["indicator_id"].isin(known)], str(INDICATOR_FILE))
    n_obs = insert(con, "observations", _observations(imd, membership), "IMD files in " + str(stats_dir))
    return [
        Step(
            "geography",
            "IMD 2015/2019/2025 LSOA files",
            n_obs,
            "loaded",
            f"{n_ind} indicators; localities, sub-areas, county, England, LSOAs",
        )
    ]
