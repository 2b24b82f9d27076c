"""The pack's sources and its LAIT dictionary as store rows (`sources`, `indicators`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data.loaders.common import insert
from data.loaders.pack.meta import (
    CIN_CAVEAT,
    DEMAND,
    FILE_OF,
    FTE_CAVEAT,
    KS2_CAVEAT,
    KS4_CAVEAT,
    LAIT_PERIOD_TYPE,
    POLARITY,
    SOURCE_FIELDS,
    SOURCES,
    TOPIC_ECM,
)
from data.loaders.pack.own_indicators import own_indicators
from data.loaders.pack.parse import err, read

DICT_COLS = [
    "Measure_short",
    "Topic",
    "Measure",
    "Chart_title",
    "y_axis_name",
    "Polarity",
    "Year_Type",
    "dps",
    "Hyperlink(s)",
    "Description",
]


def load_sources(con) -> None:
    src = pd.DataFrame(SOURCES, columns=SOURCE_FIELDS).assign(
        kind="publication",
        note="read in place from the public data pack (PUBLIC_DATA_DIR/stats); see SOURCES.md",
    )
    known_src = {r[0] for r in con.execute("SELECT source_id FROM sources").fetchall()}
    insert(con, "sources", src[~src.source_id.isin(known_src)], "public pack sources")


def read_dictionary(sd: Path) -> tuple[pd.DataFrame, pd.Series]:
    """(LAIT dictionary, one row per measure; its decimal places as numbers)."""
    dic = read(sd / FILE_OF["pack_lait_dictionary"], DICT_COLS)
    dic = dic[dic.Measure_short != ""].drop_duplicates("Measure_short")
    dps = pd.to_numeric(dic.dps.replace("", np.nan), errors="coerce")
    if (dps.isna() & (dic.dps != "")).any():
        i = (dps.isna() & (dic.dps != "")).idxmax()
        raise err(f"{FILE_OF['pack_lait_dictionary']}: row {int(i) + 2}: dps {dic.dps[i]!r} is not a number")
    return dic, dps


def _multiplier(unit: pd.Series) -> np.ndarray:
    ul = unit.str.lower()
    return np.select(
        [
            ul.str.contains("per 10,000"),
            ul.str.contains("per 100,000"),
            ul.str.contains("per 1000") | ul.str.contains("per 1,000"),
            ul.str.startswith("%"),
        ],
        [10000.0, 100000.0, 1000.0, 100.0],
        np.nan,
    )


def indicator_frame(dic: pd.DataFrame, dps: pd.Series) -> pd.DataFrame:
    """The LAIT measures and the project's own EES/IoD indicators as `indicators` rows."""
    unit = dic.y_axis_name.replace("", "value")
    ind = pd.DataFrame(
        {
            "indicator_id": dic.Measure_short,
            "name": dic.Chart_title.where(dic.Chart_title != "", dic.Measure),
            "definition": dic.Description.replace("", None),
            "unit": unit,
            "polarity": dic.Polarity.map(POLARITY).fillna("no judgement"),
            "ecm_outcome": dic.Topic.map(TOPIC_ECM),
            "topic": dic.Topic.replace("", None),
            "period_type": dic.Year_Type.map(LAIT_PERIOD_TYPE),
            "decimals": dps.astype("Int64"),
            "source_link": dic["Hyperlink(s)"].replace("", None),
            "multiplier": _multiplier(unit),
            "caveat": None,
            "origin": "LAIT dictionary",
        }
    )
    ind.loc[ind.indicator_id.isin(DEMAND), "polarity"] = "no judgement"
    ind.loc[ind.topic == "Key Stage 2", "caveat"] = KS2_CAVEAT
    ind.loc[ind.topic == "Key Stage 4", "caveat"] = KS4_CAVEAT
    ind.loc[ind.indicator_id == "CIN", "caveat"] = CIN_CAVEAT
    ind.loc[ind.indicator_id == "FirstYJS", "caveat"] = FTE_CAVEAT
    return pd.concat([ind, pd.DataFrame(own_indicators())], ignore_index=True).drop_duplicates("indicator_id")


def load_indicators(con, ind: pd.DataFrame) -> tuple[int, int]:
    """Insert indicators the project has not defined; give the project's own a source link. (added, kept)"""
    known = {r[0] for r in con.execute("SELECT indicator_id FROM indicators").fetchall()}
    n_ind = insert(con, "indicators", ind[~ind.indicator_id.isin(known)], FILE_OF["pack_lait_dictionary"])
    links = ind[ind.indicator_id.isin(known) & ind.source_link.notna()][["indicator_id", "source_link"]]
    con.register("_links", links)
    con.execute(
        "UPDATE indicators i SET source_link = l.source_link FROM _links l "
        "WHERE i.indicator_id = l.indicator_id AND i.source_link IS NULL"
    )
    con.unregister("_links")
    con.execute(
        "UPDATE indicators SET polarity = 'no judgement' WHERE list_contains($d, indicator_id)", {"d": DEMAND}
    )
    return n_ind, int(ind.indicator_id.isin(known).sum())
