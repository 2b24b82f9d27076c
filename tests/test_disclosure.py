"""Disclosure control: small counts hidden below the county, rates follow counts, and no hidden value can be
recovered from the visible cells and the county total (hypothesis over random locality tables)."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.analysis import disclosure as D

T = 5
LOCS = [f"LOC-{i}" for i in range(12)]


def table(counts: list[int], with_county: bool = True, with_rates: bool = False) -> pd.DataFrame:
    rows = [
        {
            "indicator_id": "cin_count",
            "area_code": LOCS[i],
            "area_type": "locality",
            "period": "31 March 2024",
            "value": float(c),
            "unit": "count",
            "numerator": None,
        }
        for i, c in enumerate(counts)
    ]
    if with_rates:
        rows += [
            {
                "indicator_id": "CIN",
                "area_code": LOCS[i],
                "area_type": "locality",
                "period": "31 March 2024",
                "value": c / 1000 * 10000,
                "unit": "rate per 10,000 children aged 0-17",
                "numerator": float(c),
            }
            for i, c in enumerate(counts)
        ]
    if with_county:
        rows.append(
            {
                "indicator_id": "cin_count",
                "area_code": "E06000019",
                "area_type": "local authority",
                "period": "31 March 2024",
                "value": float(sum(counts)),
                "unit": "count",
                "numerator": None,
            }
        )
    return pd.DataFrame(rows)


def test_primary_suppression_keeps_zero_and_county():
    out = D.apply_to_frame_for_display(table([0, 3, 40, 50, 60]), threshold=T)
    by = out.set_index("area_code")
    assert by.at["LOC-0", "value"] == 0 and by.at["LOC-0", "status"] is None
    assert math.isnan(by.at["LOC-1", "value"]) and by.at["LOC-1", "status"] == "c"
    assert by.at["E06000019", "value"] == 153 and by.at["E06000019", "status"] is None


def test_secondary_suppression_picks_smallest_nonzero():
    out = D.apply_to_frame_for_display(table([0, 3, 40, 50, 60]), threshold=T).set_index("area_code")
    assert out.at["LOC-2", "status"] == "c"  # 40: the smallest non-zero visible cell
    assert out.at["LOC-0", "status"] is None and out.at["LOC-3", "status"] is None


def test_two_small_cells_with_small_sum_get_a_third():
    out = D.apply_to_frame_for_display(table([1, 1, 50, 60]), threshold=T).set_index("area_code")
    assert (out["status"] == "c").sum() == 3


def test_rates_follow_their_counts_and_numerators_are_blanked():
    out = D.apply_to_frame_for_display(table([2, 30, 40, 50], with_rates=True), threshold=T)
    hidden = out[out["status"] == "c"]
    assert set(hidden["area_code"]) == {"LOC-0", "LOC-1"}
    assert set(hidden["indicator_id"]) == {"cin_count", "CIN"}
    assert hidden["value"].isna().all() and hidden["numerator"].isna().all()


def test_rate_without_count_row_judged_by_numerator():
    df = table([3, 30, 40], with_rates=True)
    df = df[df["indicator_id"] == "CIN"]
    out = D.apply_to_frame_for_display(df, threshold=T)
    assert (out["status"] == "c").sum() == 2


def test_county_and_above_never_suppressed():
    df = pd.DataFrame(
        {
            "indicator_id": ["cin_count"] * 3,
            "area_code": ["E06000019", "E92000001", "E12000005"],
            "area_type": ["local authority", "country", "region"],
            "period": "2024",
            "value": [3, 2, 1],
            "unit": "count",
        }
    )
    out = D.apply_to_frame_for_display(df, threshold=T)
    assert ("status" not in out or out["status"].isna().all()) and out["value"].tolist() == [3, 2, 1]


def test_threshold_comes_from_config(monkeypatch):
    monkeypatch.setenv("DISCLOSURE_THRESHOLD", "10")
    out = D.apply_to_frame_for_display(table([7, 30, 40, 50]))
    assert out.set_index("area_code").at["LOC-0", "status"] == "c"


def test_wards_within_locality_protected_when_parent_known():
    df = pd.DataFrame(
        {
            "indicator_id": "cin_count",
            "period": "2024",
            "unit": "count",
            "area_type": "ward",
            "area_code": ["E05-a1", "E05-a2", "E05-a3", "E05-b1", "E05-b2"],
            "parent_code": ["LOC-A", "LOC-A", "LOC-A", "LOC-B", "LOC-B"],
            "value": [3, 20, 30, 2, 40],
        }
    )
    out = D.apply_to_frame_for_display(df, threshold=T)
    for _loc, g in out.groupby("parent_code"):
        assert (g["status"] == "c").sum() >= 2


def test_frames_without_small_areas_unchanged():
    df = pd.DataFrame({"indicator_id": ["LAC"], "area_code": ["E06000019"], "value": [71.0]})
    assert D.apply_to_frame_for_display(df).equals(df)
    empty = pd.DataFrame(columns=["value"])
    assert D.apply_to_frame_for_display(empty).empty


def test_suppress_with_known_total_counts_unallocated_remainder():
    # visible 50 + 60; the onlooker knows the total is 114 -> hidden 4 < threshold: hide more
    df = pd.DataFrame({"value": [1, 50, 60]})
    out = D.suppress(df, total=114, threshold=T)
    assert (out["status"] == "c").sum() >= 2
    assert 114 - out["value"].sum(skipna=True) >= T


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=40), min_size=2, max_size=12),
    st.integers(min_value=2, max_value=10),
)
def test_no_hidden_value_can_be_recovered(counts, threshold):
    out = D.apply_to_frame_for_display(table(counts), threshold=threshold)
    loc = out[out["area_type"] == "locality"].reset_index(drop=True)
    county = out[out["area_type"] == "local authority"]["value"].iloc[0]
    hidden = loc["status"].eq("c")
    # every primary cell hidden, and nothing else changed on visible cells
    for i, c in enumerate(counts):
        if 1 <= c < threshold:
            assert hidden[i]
        if not hidden[i]:
            assert loc.at[i, "value"] == c
    n = int(hidden.sum())
    assert n == 0 or n >= 2, "a group with a hidden cell has at least two"
    if n:
        remainder = county - loc.loc[~hidden, "value"].sum()
        # what subtraction reveals is only the hidden total, shared by ≥2 cells, and never a small number
        assert remainder == sum(c for c, h in zip(counts, hidden) if h)
        all_hidden = n == len(counts)
        assert remainder >= threshold or all_hidden
        # no single hidden cell equals the remainder unless the others hidden are all zero — then the
        # onlooker still cannot tell which cell holds it
        if not all_hidden:
            assert all(counts[i] < remainder or n >= 2 for i in range(len(counts)) if hidden[i])
