"""Derived pack figures: rates per 10,000 given numerator and denominator, early CIN/CPP rates computed
DfE's way, disadvantage gaps, and the caveats on specific rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.loaders.pack.maps import GAPS
from data.loaders.pack.meta import ENGLAND, HERE

COMPUTED_NOTE = (
    "rate computed by the project: count / ONS 0-17 mid-year estimate of the previous year "
    "x 10,000 (DfE's method); LAIT's series starts in 2016"
)


def _counts(obsdf: pd.DataFrame, count_id: str, pop: pd.DataFrame) -> pd.DataFrame:
    cnt = obsdf[(obsdf.indicator_id == count_id) & obsdf.value.notna()][
        ["area_code", "period_label", "value", "source_id"]
    ]
    cnt = cnt[cnt.period_label.str.fullmatch(r"\d{4}")]
    cnt = cnt.assign(pop_year=cnt.period_label.astype(int) - 1).merge(pop, on=["area_code", "pop_year"])
    cnt["calc"] = cnt.value / cnt["pop"] * 10000
    return cnt


def _enrich(obsdf: pd.DataFrame, rate_id: str, cnt: pd.DataFrame) -> int:
    """Give published rates their count and population where these reproduce the rate (to 0.55)."""
    rate_mask = obsdf.indicator_id == rate_id
    m = (
        obsdf[rate_mask]
        .reset_index()
        .merge(
            cnt[["area_code", "period_label", "value", "pop", "calc"]],
            on=["area_code", "period_label"],
            how="left",
            suffixes=("", "_cnt"),
        )
    )
    ok = m.numerator.isna() & m.value.notna() & m.calc.notna() & ((m.calc - m.value).abs() <= 0.55)
    idx = m.loc[ok, "index"]
    obsdf.loc[idx, "numerator"] = m.loc[ok, "value_cnt"].to_numpy()
    obsdf.loc[idx, "denominator"] = m.loc[ok, "pop"].to_numpy()
    return int(ok.sum())


def with_rates(
    obsdf: pd.DataFrame, pop: pd.DataFrame, rate_for_count: dict[str, str]
) -> tuple[pd.DataFrame, int, int]:
    """(observations, rates given numerator and denominator, CIN/CPP rates computed for years before LAIT)."""
    n_enriched = n_computed = 0
    extra = []
    # rate_for_count: count indicator -> the rate it is the numerator of (catalogue's count_indicator;
    # denominator: ONS 0-17, previous year)
    for count_id, rate_id in rate_for_count.items():
        cnt = _counts(obsdf, count_id, pop)
        n_enriched += _enrich(obsdf, rate_id, cnt)
        rate_mask = obsdf.indicator_id == rate_id
        have = set(zip(obsdf[rate_mask].area_code, obsdf[rate_mask].period_label))
        new = cnt[[(a, p) not in have for a, p in zip(cnt.area_code, cnt.period_label)]]
        if rate_id in ("CIN", "CPP_rate") and len(new):
            extra.append(
                pd.DataFrame(
                    {
                        "indicator_id": rate_id,
                        "area_code": new.area_code,
                        "period_label": new.period_label,
                        "value": new.calc.round(1),
                        "status": None,
                        "numerator": new.value,
                        "denominator": new["pop"],
                        "source_id": new.source_id,
                        "note": COMPUTED_NOTE,
                        "_prio": 4,
                    }
                )
            )
            n_computed += len(new)
    if extra:
        obsdf = pd.concat([obsdf] + extra, ignore_index=True)
    return obsdf, n_enriched, n_computed


def with_gaps(obsdf: pd.DataFrame) -> pd.DataFrame:
    """Disadvantage gaps (non-disadvantaged minus disadvantaged), where both figures are published."""
    frames = [obsdf]
    for iid, _name, a_id, b_id, _u, dec, _c in GAPS:
        a = obsdf[obsdf.indicator_id == a_id]
        b = obsdf[obsdf.indicator_id == b_id]
        g = a.merge(
            b[["area_code", "period_label", "value"]], on=["area_code", "period_label"], suffixes=("", "_b")
        )
        # both published, or (so that a chart breaks there) either one not published
        missing = g.value.isna() | g.value_b.isna()
        frames.append(
            pd.DataFrame(
                {
                    "indicator_id": iid,
                    "area_code": g.area_code,
                    "period_label": g.period_label,
                    "value": (g.value - g.value_b).round(dec + 1),
                    "status": np.where(missing, "x", None),
                    "numerator": np.nan,
                    "denominator": np.nan,
                    "source_id": g.source_id,
                    "note": np.where(
                        missing,
                        f"not computed: {a_id} or {b_id} is not published for this year",
                        f"computed by the project: {a_id} minus {b_id}",
                    ),
                    "_prio": 4,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _join(note, extra: str) -> str:
    return "; ".join(x for x in [note, extra] if isinstance(x, str))


def add_caveats(obsdf: pd.DataFrame, ind: pd.DataFrame) -> None:
    """Herefordshire's 2024 CIN flag, the withheld England FirstYJS row, KS2/KS4 COVID years (in place)."""
    here24 = (
        (obsdf.area_code == HERE)
        & (obsdf.period_label == "2024")
        & obsdf.indicator_id.isin(["CIN", "cin_count"])
        & obsdf.value.notna()
    )
    obsdf.loc[here24, "status"] = "u"
    obsdf.loc[here24, "note"] = (
        "DfE flags Herefordshire's 2024 children in need return as low reliability (u); "
        "the published figure is kept"
    )
    fte = (obsdf.indicator_id == "FirstYJS") & (obsdf.area_code == ENGLAND) & obsdf.value.notna()
    obsdf.loc[fte, "note"] = obsdf.loc[fte, "value"].map(
        lambda v: (
            f"withheld: LAIT gives {v:g}, which is not a rate per 100,000 (an order of magnitude above every "
            "region); check against Youth Justice Board statistics"
        )
    )
    obsdf.loc[fte, "value"] = np.nan
    obsdf.loc[fte, "status"] = "x"
    topic_ids = {t: ind.loc[ind.topic == t, "indicator_id"] for t in ("Key Stage 2", "Key Stage 4")}
    ks2 = (
        obsdf.indicator_id.isin(topic_ids["Key Stage 2"])
        & obsdf.period_label.isin(["2020", "2021"])
        & obsdf.value.isna()
    )
    obsdf.loc[ks2, "note"] = "KS2 assessments were not held in 2020 and 2021 (COVID-19)"
    ks4 = (
        obsdf.indicator_id.isin(topic_ids["Key Stage 4"])
        & obsdf.period_label.isin(["2020", "2021", "2019/20", "2020/21"])
        & obsdf.value.notna()
    )
    obsdf.loc[ks4, "note"] = obsdf.loc[ks4, "note"].map(
        lambda n: _join(n, "centre/teacher-assessed grades (COVID-19): not comparable with other years")
    )
