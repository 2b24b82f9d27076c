"""AppTest on Explore: the rank, band, neighbour count and trend verdict it shows come from the store."""

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import config
from dashboard.analysis import ranks

APP = str(config.ROOT / "app.py")
pytestmark = pytest.mark.skipif(not config.store_path().exists(), reason="store not built (make store)")


def _explore(params):
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page("pages/explore.py")
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def _text(at) -> str:
    return " ".join(m.value for m in at.markdown)


def _store_row(indicator_id, period):
    with duckdb.connect(str(config.store_path()), read_only=True) as c:
        return c.execute(
            "SELECT rank, n_ranked, band, polarity, n_lower, n_higher, n_valued FROM lait_all_las "
            "WHERE indicator_id = ? AND period_label = ? AND la_number = '884'",
            [indicator_id, period],
        ).fetchall()[0]


@pytest.mark.parametrize("period", ["2025", "2019"])
def test_explore_shows_ks2_rank_and_band_from_the_store(period):
    at = _explore({"x_ind": "KS2RWM_Expected_STD", "x_year": period})
    rank, n, band, pol, *_ = _store_row("KS2RWM_Expected_STD", period)
    expected = ranks.rank_text(rank, n, band, pol)
    assert expected.startswith(f"rank {rank} of {n}, band {band}")
    assert expected in _text(at)
    if period == "2025":
        assert "rank 101 of 151, band D (lowest quarter)" in _text(at)
    assert "10 statistical neighbours" in _text(at)


def test_explore_shows_lac_position_and_trend_verdict():
    at = _explore({"x_ind": "LAC", "x_year": "2025"})
    text = _text(at)
    _r, _n, _b, _p, lower, higher, valued = _store_row("LAC", "2025")
    assert ranks.position_text(lower, higher, valued) in text
    assert "band" not in text.split("Among all English councils")[1].split("Statistical neighbours")[0]
    assert "**Trend:**" in text
    assert any(v in text for v in ("increasing over", "decreasing over", "no significant change over"))
    assert "10 statistical neighbours (May 2025 list)" in text
    captions = " ".join(c.value for c in at.caption)
    assert "for every English council as dots" in captions


def test_explore_indicator_without_all_council_figures():
    at = _explore({"x_ind": "pop_0_17"})
    assert "No all-council figures" in _text(at)


def test_overview_tiles_show_position_and_trend_from_the_store():
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    text = _text(at)
    with duckdb.connect(str(config.store_path()), read_only=True) as c:
        rows = c.execute(
            "SELECT indicator_id, n_lower, n_higher, n_valued FROM lait_all_las WHERE la_number = '884' "
            "AND indicator_id IN ('LAC', 'CPP_rate', 'CIN') AND period_label = '2025'"
        ).fetchall()
    assert len(rows) == 3
    for _iid, lower, higher, valued in rows:
        assert f"Among all English councils: {ranks.position_text(lower, higher, valued)}" in text
    assert text.count("Trend: ") >= 3
    assert "similar than" not in text.lower()


def test_lac_history_view_runs_2006_to_2025_and_says_where_definitions_differ(con):
    from dashboard.views import catalogue

    fig, table, meta = catalogue.render_view({"chart": "lac_history", "params": {}}, con)
    counts = table[(table["panel"] == "count") & (table["series"] == "Herefordshire")]
    assert set(range(2010, 2026)) <= set(counts["period_end"].dt.year)
    stars = table[(table["panel"] == "count") & (table["source_kind"] != "publication")]
    assert stars["period_end"].dt.year.min() == 2006
    rates = table[(table["panel"] == "rate") & (table["series"] == "England")]
    assert rates["value"].notna().sum() >= 14
    notes = " ".join(meta["notes"])
    assert "not DfE's 31 March count" in notes and "computed by the project" in notes
    assert len(fig.data) >= 5


def test_one_indicator_picker_labelled_by_topic_and_a_link_topic_narrows_it():
    """The picker's labels carry the topic (typing one narrows the list); ?x_topic= from an older link still
    narrows it, and an unknown topic lists every indicator."""
    at = _explore({"x_topic": "Key Stage 2"})
    picker = at.selectbox(key="w_x_ind")
    assert picker.options and all(o.lower().startswith("key stage 2") for o in picker.options)
    at = _explore({"x_topic": "No such topic"})
    assert len(at.selectbox(key="w_x_ind").options) > 100
    assert not at.exception
