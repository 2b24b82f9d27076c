"""The public data pack (PUBLIC_DATA_DIR/stats): published statistics read in place, never copied.

Loads `sources`, `indicators`, `areas`, `observations` and `sn_lists` from the DfE LAIT extracts, the
DfE Explore Education Statistics (EES) CSVs, ONS 0-17 mid-year estimates, the IoD LA summaries and the
statistical-neighbour (SN) files. See ../shared/public/stats/SOURCES.md for the files and caveats.

Rules the rest of the dashboard relies on
* One observation per (indicator, area, period label). Where an EES file and LAIT both give a figure,
  the EES row wins (it carries the numerator and denominator); a different LAIT value is kept in `note`.
* Rates per 10,000 carry numerator (the count) and denominator (ONS 0-17 mid-year estimate of the
  previous year, DfE's method) wherever both are in the pack and they reproduce the published rate.
  CIN and CPP rates for 2013-2015 (before LAIT's series) are computed that way and say so in `note`.
* Published symbols stay in `status` (c, k, u, x, z; LAIT '-' -> 'x') with `value` NULL; a value that
  DfE flags as low reliability keeps its value with status 'u'.
* Period labels are kept as published; period_start/period_end come from the indicator's period type.
  A LAIT year YYYY is the year the period ends: 31 March YYYY, financial year (YYYY-1)-YY,
  academic year (YYYY-1)/YY, calendar year YYYY, workforce 30 September YYYY. EES '202425' is the
  academic year 2024/25 (1 Sep 2024 - 31 Aug 2025).
* SN list in force (stated in sn_lists.in_force_from/to): the April 2021 model applies to years up to
  and including 2024 and the May 2025 model from 2025, where "year" is the year of the period's end
  date (31 March / financial-year end / academic-year end). The 2025 model is the one the current LAIT
  uses; DfE published it in May 2025, so 2025 figures are the first compared with it.

Modules (data/loaders/pack/): `meta` (sources, constants, caveats), `maps` (EES column mappings),
`parse` (reading, numbers,
period dates), `areas`, `ees`, `sources` (sources and the LAIT dictionary), `lait`, `rates` (derived
rates, gaps, row caveats), `imd`, `finish` (dates, ids, insert) and `sn` (neighbour lists).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from data.loaders.common import upsert_areas
from data.loaders.pack import areas, ees, finish, imd, lait, rates, sn, sources
from data.loaders.pack.meta import FILE_OF, STEP
from data.loaders.pack.parse import period_dates

__all__ = ["load", "period_dates"]


def _skipped(sd):
    from data.buildkit import Step

    return [
        Step(
            STEP,
            str(sd or "PUBLIC_DATA_DIR/stats"),
            0,
            "skipped",
            "public data pack not found: no comparators, SN lists, 2013-2025 trend or IMD",
        )
    ]


def _areas(con, frames: dict[str, pd.DataFrame]) -> tuple[dict[str, str], int]:
    """Add the EES files' LAs and regions to `areas`; (old DfE code -> ONS code, areas added)."""
    la = areas.la_map(frames)
    allrows = pd.concat([d[["region_code", "region_name"]] for d in frames.values()])
    regions = allrows[allrows.region_code != ""].drop_duplicates("region_code")
    return dict(zip(la.old_la_code, la.new_la_code)), upsert_areas(con, areas.areas_frame(la, regions))


def load(con, ctx):
    from data.buildkit import Step

    sd = ctx.stats_dir
    if sd is None or not Path(sd).is_dir():
        return _skipped(sd)
    sd = Path(sd)
    steps: list[Step] = []

    def log(source_id: str, rows: int, msg: str = ""):
        steps.append(Step(STEP, FILE_OF.get(source_id, source_id), rows, "loaded", msg))

    sources.load_sources(con)
    frames = ees.read_ees(sd)
    code_of, n_areas = _areas(con, frames)
    log("pack_ees_cla", 0, f"{n_areas} areas added ({len(code_of)} local authorities from the EES files)")

    dic, dps = sources.read_dictionary(sd)
    ind = sources.indicator_frame(dic, dps)
    n_ind, n_kept = sources.load_indicators(con, ind)
    log(
        "pack_lait_dictionary",
        n_ind,
        f"{len(dic)} measures; {len(ind) - len(dic)} project-defined EES/IoD indicators; {n_kept} already "
        "defined by the project kept",
    )

    ees_obs, pop = ees.ees_observations(frames, code_of)
    for sid in frames:
        log(sid, int((ees_obs.source_id == sid).sum()), f"{len(frames[sid])} rows read")
    lait_obs, n_zero = lait.lait_observations(sd, code_of, set(dic.Measure_short))
    from data.catalogue import rate_for_count, store_catalogue

    pairs = rate_for_count(store_catalogue(con))
    obsdf, n_enriched, n_computed = rates.with_rates(lait.merge_sources(ees_obs, lait_obs), pop, pairs)
    obsdf = rates.with_gaps(obsdf)
    rates.add_caveats(obsdf, ind)

    areas_known = {r[0] for r in con.execute("SELECT area_code FROM areas").fetchall()}
    imd_frames = []
    for sid, frame, msg in imd.imd_observations(sd, areas_known):
        imd_frames.append(frame)
        log(sid, len(frame), msg)
    out = finish.insert_observations(con, pd.concat([obsdf] + imd_frames, ignore_index=True), areas_known)
    for sid in ("pack_lait_key", "pack_lait_all"):
        log(
            sid,
            int((out.obs_id.str.startswith(sid[5:] + ":")).sum()),
            f"{(lait_obs.source_id == sid).sum()} rows read; shared rows loaded once; EES rows win where both"
            + (f"; {n_zero} rows with period '0' skipped" if sid == "pack_lait_all" and n_zero else ""),
        )
    steps.append(
        Step(
            STEP,
            "rates per 10,000",
            n_enriched + n_computed,
            "loaded",
            f"{n_enriched} LAIT/EES rates given numerator and denominator; {n_computed} CIN/CPP rates "
            "for years before LAIT computed",
        )
    )
    steps.append(sn.sn_lists(con, sd, code_of))
    return steps
