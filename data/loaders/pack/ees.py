"""Explore Education Statistics (EES) files of the pack: read, checked, and turned into long observations."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data.loaders.pack.maps import (
    ABS_MAP,
    B1_MAP,
    C1_MAP,
    CLA_MAP,
    D3_MAP,
    D5_MAP,
    EES_COLS,
    KS2_MAP,
    KS4_MAP,
    WF_MAP,
)
from data.loaders.pack.meta import ENGLAND, FILE_OF, SOC, SYMBOLS
from data.loaders.pack.parse import ees_label, err, numbers, read

EES_SPECS = {
    "pack_ees_cla": ["population_type", "population_estimate", "children_count", "rate_per_10000"],
    "pack_ees_cin_b1": ["At31_episodes"],
    "pack_ees_cin_c1": [
        "referral_count",
        "rereferral_count",
        "rereferral_percent",
        "no_further_action_count",
        "no_further_action_percent",
        "not_in_need_count",
        "not_in_need_percent",
    ],
    "pack_ees_cin_d3": ["CPP_start", "CPP_subsequent", "CPP_subsequent_percent"],
    "pack_ees_cin_d5": sorted({c for _, v, n, d in D5_MAP for c in (v, n, d) if c}),
    "pack_ons_mye": ["age_group", "population_estimate"],
    "pack_ees_workforce": [v for _, v, _, _ in WF_MAP],
    "pack_ees_ks2": ["social_care_group", "version"] + [c for m in KS2_MAP for c in m[1:]],
    "pack_ees_ks4": ["social_care_group", "version"] + [c for m in KS4_MAP for c in m[1:]],
    "pack_ees_absence": ["social_care_group", "phase_type_grouping"] + [c for m in ABS_MAP for c in m[1:]],
}


def read_ees(sd: Path) -> dict[str, pd.DataFrame]:
    """Every EES file of the pack as text, each time_period checked to be a year or an academic year."""
    ees = {sid: read(sd / FILE_OF[sid], EES_COLS + cols) for sid, cols in EES_SPECS.items()}
    for sid, df in ees.items():
        bad = ~df["time_period"].str.fullmatch(r"\d{4}(\d{2})?")
        if bad.any():
            i = bad.idxmax()
            raise err(f"{FILE_OF[sid]}: row {int(i) + 2}: time_period {df['time_period'][i]!r} is not a year")
    return ees


def ees_obs(
    df: pd.DataFrame,
    fname: str,
    source_id: str,
    mapping,
    code_of: dict[str, str],
    pop: pd.DataFrame | None = None,
    note: pd.Series | None = None,
) -> pd.DataFrame:
    """Long observations from an EES frame for a list of (indicator, value, numerator, denominator)
    columns."""
    lvl = df["geographic_level"]
    unknown = ~lvl.isin(["National", "Regional", "Local authority"])
    if unknown.any():
        i = unknown.idxmax()
        raise err(f"{fname}: row {int(i) + 2}: unknown geographic_level {lvl[i]!r}")
    area = np.where(
        lvl == "National",
        ENGLAND,
        np.where(lvl == "Regional", df["region_code"], df["old_la_code"].map(code_of)),
    )
    area = pd.Series(area, index=df.index)
    if area.isna().any():
        i = area.isna().idxmax()
        raise err(f"{fname}: row {int(i) + 2}: local authority code {df['old_la_code'][i]!r} has no ONS code")
    label = ees_label(df["time_period"])
    syms = {s: s for s in SYMBOLS}
    frames = []
    for iid, vcol, ncol, dcol in mapping:
        v, st = numbers(df, vcol, fname, syms)
        num = numbers(df, ncol, fname, syms)[0] if ncol else pd.Series(np.nan, index=df.index)
        if dcol == "@pop":
            key = pd.DataFrame({"area_code": area, "pop_year": label.str[:4].astype(int) - 1})
            den = key.merge(pop, on=["area_code", "pop_year"], how="left")["pop"].set_axis(df.index)
        elif dcol:
            den = numbers(df, dcol, fname, syms)[0]
        else:
            den = pd.Series(np.nan, index=df.index)
        frames.append(
            pd.DataFrame(
                {
                    "indicator_id": iid,
                    "area_code": area,
                    "period_label": label,
                    "value": v,
                    "status": st,
                    "numerator": num,
                    "denominator": den,
                    "source_id": source_id,
                    "note": note if note is not None else None,
                    "_prio": 1,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


# ------------------------------------------------------------------------------------------------- load


def population(ees: dict[str, pd.DataFrame], code_of: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ONS 0-17 observations, denominators by area and mid-year) from the ONS mid-year estimates file."""
    ons_obs = ees_obs(
        ees["pack_ons_mye"],
        FILE_OF["pack_ons_mye"],
        "pack_ons_mye",
        [("pop_0_17", "population_estimate", None, None)],
        code_of,
    )
    pop = ons_obs[["area_code", "period_label", "value"]].dropna()
    pop = pd.DataFrame(
        {"area_code": pop.area_code, "pop_year": pop.period_label.astype(int), "pop": pop.value}
    )
    return ons_obs, pop


def _outcome_obs(ees: dict[str, pd.DataFrame], code_of: dict[str, str]) -> list[pd.DataFrame]:
    """KS2, KS4 and absence of children in need / on a plan / looked after, one indicator per group."""
    out = []
    for sid, mapping in (("pack_ees_ks2", KS2_MAP), ("pack_ees_ks4", KS4_MAP), ("pack_ees_absence", ABS_MAP)):
        df = ees[sid]
        if "phase_type_grouping" in df:
            df = df[df.phase_type_grouping == "Total"]
        grp = df.social_care_group.map(SOC)
        if grp.isna().any():
            i = grp.isna().idxmax()
            raise err(
                f"{FILE_OF[sid]}: row {int(i) + 2}: unknown social_care_group {df.social_care_group[i]!r}"
            )
        note = ("DfE version: " + df["version"]) if "version" in df else None
        for g in SOC.values():
            sel = grp == g
            m = [(i.format(g=g), v, n, d) for i, v, n, d in mapping]
            out.append(
                ees_obs(df[sel], FILE_OF[sid], sid, m, code_of, note=None if note is None else note[sel])
            )
    return out


def ees_observations(
    ees: dict[str, pd.DataFrame], code_of: dict[str, str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(every EES observation incl. ONS population, the population denominators)."""
    ons_obs, pop = population(ees, code_of)
    cla = ees["pack_ees_cla"]
    obs = [ons_obs]
    obs += [
        ees_obs(cla[cla.population_type == pt], FILE_OF["pack_ees_cla"], "pack_ees_cla", m, code_of)
        for pt, m in CLA_MAP.items()
    ]
    obs.append(
        ees_obs(ees["pack_ees_cin_b1"], FILE_OF["pack_ees_cin_b1"], "pack_ees_cin_b1", B1_MAP, code_of, pop)
    )
    for sid, mapping in (
        ("pack_ees_cin_c1", C1_MAP),
        ("pack_ees_cin_d3", D3_MAP),
        ("pack_ees_cin_d5", D5_MAP),
        ("pack_ees_workforce", WF_MAP),
    ):
        obs.append(ees_obs(ees[sid], FILE_OF[sid], sid, mapping, code_of))
    obs += _outcome_obs(ees, code_of)
    return pd.concat(obs, ignore_index=True), pop
