"""What a locality's tile row says: the chosen area's latest figure for a few measures, each with
the county and
England beside it, its period and source. Plain functions over the rows of `locality_profile.sql`;
no Streamlit."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.present.format import fmt_value

# (tile label, indicator, companion indicator shown in words under the value or None)
TILES = [
    ("Children aged 0-17", "sape_children_0_17", "sape_share_0_17"),
    ("In low income families (per 100 aged 0-19)", "cilif_rate", "cilif_children"),
    ("LSOAs in the most deprived 20%", "imd_lsoa_pct_most_deprived_20", "idaci_children_income_deprived"),
    ("Schools open", "school_count", "school_pupils"),
]


@dataclass(frozen=True)
class LocalityTile:
    label: str
    value: str
    as_at: str
    lines: tuple[str, ...]


def latest(profile: pd.DataFrame, indicator_id: str) -> pd.Series | None:
    rows = profile[(profile["indicator_id"] == indicator_id) & profile["value"].notna()]
    return None if rows.empty else rows.sort_values("period_end").iloc[-1]


def _fmt(row: pd.Series, col: str) -> str:
    return fmt_value(row[col], row["unit"], row["decimals"])


def build_tiles(profile: pd.DataFrame) -> list[LocalityTile]:
    """One tile per TILES entry that has a figure for the area."""
    out = []
    for label, ind, companion in TILES:
        r = latest(profile, ind)
        if r is None:
            continue
        lines = [f"Herefordshire {_fmt(r, 'county')}" if pd.notna(r["county"]) else "No county figure"]
        lines.append(
            f"England {_fmt(r, 'england')}" if pd.notna(r["england"]) else "No England figure published"
        )
        c = latest(profile, companion) if companion else None
        if c is not None:
            lines.insert(0, f"{c['indicator']}: {_fmt(c, 'value')}")
        lines.append(f"Source: {r['source_document']}")
        out.append(LocalityTile(label, _fmt(r, "value"), str(r["period"]), tuple(lines)))
    return out


PROFILE_SUMMARY = ("sape_children_0_17", "sape_share_0_17", "cilif_rate", "imd_lsoa_pct_most_deprived_20")
EDUCATION_SUMMARY = ("school_count", "school_pupils", "school_fsm_pct", "school_sen_support_pct", "ks4_att8")


def summary_line(profile: pd.DataFrame, ids: tuple[str, ...]) -> str:
    """The area's latest figures for `ids` in words, each with its period and the county beside it."""
    parts = []
    for ind in ids:
        r = latest(profile, ind)
        if r is None:
            continue
        county = f"; Herefordshire {_fmt(r, 'county')}" if pd.notna(r["county"]) else ""
        parts.append(f"{r['indicator'].lower()} {_fmt(r, 'value')} ({r['period']}{county})")
    return "; ".join(parts)
