"""Ranks and quartile bands LAIT's way, the all-LA table, the looked-after history and trend tests."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard import config
from dashboard.analysis import ranks, trends

HERE = "E06000019"


def _group(values, polarity):
    return ranks.rank_group(pd.Series(values, dtype=float), polarity)


# ------------------------------------------------------------------------------------ hand-worked ranks
def test_ties_share_the_best_rank():
    high = _group([10, 20, 20, 30], "High")
    assert high["rank"].tolist() == [4, 2, 2, 1]
    low = _group([10, 20, 20, 30], "Low")
    assert low["rank"].tolist() == [1, 2, 2, 4]
    assert set(high["n_ranked"]) == {4}


def test_missing_values_get_no_rank_and_are_not_counted():
    g = _group([10, np.nan, 30], "High")
    assert g["rank"].isna().tolist() == [False, True, False]
    assert g["rank"].dropna().tolist() == [2, 1]
    assert set(g["n_ranked"]) == {2}
    assert pd.isna(g["band"].iloc[1])


def test_type7_quartiles_interpolate():
    assert ranks.quartiles(pd.Series([1, 2, 3, 4])) == (1.75, 2.5, 3.25)
    assert ranks.quartiles(pd.Series([1, 2, 3, 4, 5])) == (2.0, 3.0, 4.0)


def test_value_exactly_on_a_quartile():
    # quartiles of 1..5 are exactly 2, 3 and 4
    assert _group([1, 2, 3, 4, 5], "High")["band"].tolist() == ["D", "D", "C", "B", "A"]
    assert _group([1, 2, 3, 4, 5], "Low")["band"].tolist() == ["A", "A", "B", "C", "D"]


def test_no_polarity_gets_position_only():
    g = _group([10, 20, 20, 30], "-")
    assert g["rank"].isna().all() and g["band"].isna().all()
    assert g["n_lower"].tolist() == [0, 1, 1, 3]
    assert g["n_higher"].tolist() == [3, 1, 1, 0]
    assert ranks.position_text(3, 0, 4) == "higher than 3 of the 3 other councils with a figure"
    assert ranks.position_text(0, 3, 4) == "lower than 3 of the 3 other councils with a figure"


def test_rank_all_counts_only_local_authorities():
    df = pd.DataFrame(
        {
            "measure_short": "M",
            "period": "2025",
            "la_number": ["201", "202", "970", "984", "980"],
            "geographic_level": ["la", "la", "national", "region", "london_inner_outer"],
            "value": [5.0, 7.0, 100.0, 1.0, 50.0],
        }
    )
    out = ranks.rank_all(df, {"M": "High"})
    assert out["rank"].tolist()[:2] == [2, 1]
    assert out["rank"].iloc[2:].isna().all()
    assert set(out["n_ranked"].dropna()) == {2}


def test_rank_text():
    assert ranks.rank_text(101, 151, "D", "High") == "rank 101 of 151, band D (lowest quarter)"
    assert ranks.rank_text(3, 150, "A", "Low") == "rank 3 of 150, band A (lowest quarter)"
    assert ranks.rank_text(None, 151, None, "High") == ""


# ------------------------------------------------------------------------------------------- the store
@pytest.fixture(scope="module")
def all_las_file() -> pd.DataFrame:
    p = config.public_data_dir() / "stats" / "lait_key_indicators_all_las.csv"
    if not p.is_file():
        pytest.skip("public data pack not present")
    return pd.read_csv(p, dtype=str, keep_default_na=False)


def test_store_all_la_values_equal_the_file(con, all_las_file):
    store = con.execute(
        "SELECT indicator_id AS measure_short, period_label AS period, la_number, value, status FROM "
        "lait_all_las"
    ).df()
    assert len(store) == len(all_las_file)
    f = all_las_file.assign(v=pd.to_numeric(all_las_file.value, errors="coerce"))
    m = f.merge(store, on=["measure_short", "period", "la_number"], how="left", validate="one_to_one")
    assert m.status.notna().sum() == (f.value == "-").sum()
    assert np.allclose(m.v.fillna(-1e9), m.value_y.fillna(-1e9), rtol=0, atol=1e-9)


def test_store_ranks_match_lait_rule_on_the_file(con, all_las_file):
    """Recompute LAIT's rule directly from the file for every indicator-year and compare with the store."""
    pol = dict(con.execute("SELECT DISTINCT indicator_id, polarity FROM lait_all_las").fetchall())
    f = all_las_file[(all_las_file.geographic_level == "la") & (all_las_file.la_number.astype(int) < 970)]
    f = f.assign(v=pd.to_numeric(f.value, errors="coerce"))
    store = con.execute(
        "SELECT indicator_id, period_label, la_number, rank, band FROM lait_all_las WHERE "
        "geographic_level = 'la'"
    ).df()
    parts = []
    for (m, _p), g in f.groupby(["measure_short", "period"]):
        if pol[m] not in ("High", "Low"):
            continue
        q1, q2, q3 = g.v.quantile([0.25, 0.5, 0.75])
        up = np.select([g.v <= q1, g.v <= q2, g.v <= q3, g.v > q3], [0, 1, 2, 3], -1)
        letters = np.array(list("DCBA" if pol[m] == "High" else "ABCD") + [None])
        parts.append(
            g.assign(
                exp_rank=(-g.v if pol[m] == "High" else g.v).rank(method="min"),
                exp_band=letters[up],
            )
        )
    exp = pd.concat(parts).merge(
        store,
        left_on=["measure_short", "period", "la_number"],
        right_on=["indicator_id", "period_label", "la_number"],
    )
    assert len(exp) == sum(len(x) for x in parts)
    valued = exp[exp.v.notna()]
    assert exp[exp.v.isna()]["rank"].isna().all()
    assert (valued["rank"].astype(float) == valued.exp_rank).all()
    assert (valued["band"] == valued.exp_band).all()
    checked = len(valued)
    assert checked > 20_000


def test_ks2_2025_is_rank_101_band_d(con):
    r = con.execute(
        "SELECT rank, n_ranked, band, q1 FROM lait_all_las "
        "WHERE indicator_id = 'KS2RWM_Expected_STD' AND period_label = '2025' AND la_number = '884'"
    ).fetchall()[0]
    assert r == (101, 151, "D", 60.0)


def test_demand_measures_have_no_rank(con):
    n = con.execute(
        "SELECT count(*) FROM lait_all_las WHERE indicator_id IN ('LAC', 'CPP_rate', 'CIN') "
        "AND (rank IS NOT NULL OR band IS NOT NULL)"
    ).fetchall()[0][0]
    assert n == 0


def test_herefordshire_looked_after_count_complete_2010_2025(con):
    years = {
        r[0]
        for r in con.execute(
            "SELECT year(period_end) FROM observations o JOIN sources s USING (source_id) "
            "WHERE indicator_id = 'LACnum' AND area_code = ? AND value IS NOT NULL AND s.kind = "
            "'publication' "
            "AND month(period_end) = 3 AND day(period_end) = 31",
            [HERE],
        ).fetchall()
    }
    assert set(range(2010, 2026)) <= years


def test_early_rates_are_labelled_computed(con):
    rows = con.execute(
        "SELECT period_label, value, numerator, denominator, note FROM observations "
        "WHERE indicator_id = 'LAC' AND area_code = ? AND source_id = 'pack_cla_2010_2017' ORDER BY 1",
        [HERE],
    ).fetchall()
    assert [r[0] for r in rows] == ["2010", "2013", "2014", "2015"]
    assert rows[0][1:4] == (45.6, 162.0, 35500.0)
    assert all("computed by the project" in r[4] for r in rows)


# ---------------------------------------------------------------------------------------------- trends
def _series(values, nums=None, dens=None, start=2015):
    years = [str(start + i) for i in range(len(values))]
    return pd.DataFrame(
        {
            "period": years,
            "period_end": pd.to_datetime([f"{y}-03-31" for y in years]),
            "value": values,
            "numerator": nums if nums is not None else np.nan,
            "denominator": dens if dens is not None else np.nan,
        }
    )


def test_clear_rise_is_increasing():
    nums = [200, 240, 290, 340, 400]
    dens = [35000] * 5
    t = trends.trend_test(_series([n / 3.5 for n in nums], nums, dens), 10000)
    assert t.method == "poisson" and t.verdict == "increasing" and t.p_value < 0.05
    assert trends.trend_test(_series([1, 2, 3, 4, 5.1]), None).verdict == "increasing"


def test_flat_noise_is_no_significant_change():
    rng = np.random.default_rng(15)
    nums = rng.poisson(300, 5)
    t = trends.trend_test(_series(nums / 3.5, nums, [35000] * 5), 10000)
    assert t.verdict == "no significant change"
    assert trends.trend_test(_series([50, 52, 49, 51, 50]), None).verdict == "no significant change"


def test_fall_is_decreasing_and_logistic_for_percentages():
    nums = [600, 560, 500, 450, 400]
    t = trends.trend_test(_series([n / 10 for n in nums], nums, [1000] * 5), 100)
    assert t.method == "logistic" and t.verdict == "decreasing"


def test_only_last_five_points_and_excluded_years_named():
    s = _series([10, 20, 30, 40, 50, 50, np.nan, np.nan, 50, 51, 50], start=2014)
    t = trends.trend_test(s, None, exclude=("2020", "2021"))
    assert (t.first, t.last) == ("2018", "2024")
    assert t.excluded == ("2020", "2021")
    assert "2020, 2021 left out" in t.words()
    assert not trends.trend_test(_series([1, 2, 3]), None).tested


def test_gap_verdict():
    up = trends.Trend("increasing", "linear", 0.01, 5, "2019", "2025")
    down = trends.Trend("decreasing", "linear", 0.01, 5, "2019", "2025")
    assert trends.gap_verdict(down, 12.0) == "closing"
    assert trends.gap_verdict(up, 12.0) == "widening"
    assert trends.gap_verdict(up, -3.0) == "closing"
