"""AppTest over the three Board analysis pages: no exception, no error, figures from the store, chart specs,
and URL round-trips (a hostile value gives a warning, not an exception)."""

import json

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import config
from dashboard.analysis import attainment_gaps as gaps
from dashboard.ui.pages import PAGES

APP = str(config.ROOT / "app.py")
pytestmark = pytest.mark.skipif(not config.store_path().exists(), reason="store not built (make store)")


def _page(path, params=None):
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(path)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def _warnings(at):
    """Warnings about bad URL values: app.py shows them at the start of a run, so the
    page's own notes from the
    run that read the URL appear on the following run; look at both."""
    first = [w.value for w in at.warning]
    pending = list(at.session_state["_bad_params"].values()) if "_bad_params" in at.session_state else []
    at.run()
    assert not at.exception
    return " ".join(first + pending + [w.value for w in at.warning])


def _figures(at):
    """Every figure the run drew, through our renderer (dashboard/ui/plotly_chart.py) or st.plotly_chart."""
    ours = [json.loads(json.loads(c.proto.json)["figure"]) for c in at.get("bidi_component")]
    return ours + [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _titles(at):
    """Each chart's title as read (the title block breaks its lines to fit a phone)."""
    return [f["layout"]["title"]["text"].replace("<br>", " ") for f in _figures(at)]


def _text(at):
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    return "\n".join(str(p) for p in parts)


def _store():
    return duckdb.connect(str(config.store_path()), read_only=True)


def test_profile_page_shows_population_and_pyramid():
    at = _page("pages/profile_of_need.py")
    titles = _titles(at)
    assert any("Children living in Herefordshire" in t for t in titles)
    assert not any("Profile of need, 2006" in t for t in titles)  # only the open tab is built
    assert any(
        "Profile of need, 2006" in t
        for t in _titles(_page("pages/profile_of_need.py", {"prof_tab": "Levels of need"}))
    )
    with _store() as con:
        last = con.execute(
            "SELECT value FROM facts WHERE indicator_id='pop_0_17' AND area_code='E06000019' "
            "ORDER BY period_end DESC LIMIT 1"
        ).fetchone()
    assert last, "no child population figure for Herefordshire in the store"
    assert f"{last[0]:,.0f}" in json.dumps(_figures(at)[0]["layout"]["title"])
    pop = next(f for f in _figures(at) if "Children living" in f["layout"]["title"]["text"])
    assert len(pop["data"]) >= 1


def test_profile_referral_choice_round_trips_and_rejects_hostile_value():
    at = _page(
        "pages/profile_of_need.py", {"prof_tab": "Referrals and re-referrals", "prof_referral": "ReReferral"}
    )
    sel = [s for s in at.selectbox if s.label == "Referral measure"]
    assert [s.value for s in sel] == ["ReReferral"]
    at = _page(
        "pages/profile_of_need.py",
        {"prof_tab": "Referrals and re-referrals", "prof_referral": "<script>x</script>"},
    )
    assert "prof_referral" in _warnings(at)


def test_education_gap_figure_matches_store():
    at = _page("pages/education.py", {"edu_measure": "ks2_rwm", "edu_group": "disadvantaged"})
    assert [s.value for s in at.selectbox if s.label == "Results measure"] == ["ks2_rwm"]
    g = gaps.MEASURES["ks2_rwm"].groups[0]
    with _store() as con:
        row = con.execute(
            """
            SELECT g.period, g.value - p.value FROM facts g JOIN facts p USING (area_code, period_end,
            source_kind)
            WHERE g.indicator_id = ? AND p.indicator_id = ? AND area_code = 'E06000019'
              AND g.value IS NOT NULL AND p.value IS NOT NULL AND source_kind = 'publication'
            ORDER BY period_end DESC LIMIT 1""",
            [g.group_id, g.peers_id],
        ).fetchone()
    gap_fig = next((f for f in _figures(at) if "gap for disadvantaged" in f["layout"]["title"]["text"]), None)
    if row is None:
        assert any("No published figures" in i.value for i in at.info)
        return
    assert gap_fig is not None
    assert len(gap_fig["data"]) >= 1
    assert f"{abs(row[1]):.1f} percentage points behind" in _text(at)
    assert any(t["name"].startswith("Herefordshire") for t in gap_fig["data"])


def test_education_old_measure_is_a_separate_chart():
    at = _page("pages/education.py", {"edu_measure": "ks4_att8", "edu_tab": "Results for all pupils"})
    titles = _titles(at)
    assert any("5 or more GCSEs at A*-C" in t for t in titles)
    assert any("Attainment 8" in t and "5 or more" not in t for t in titles)


def test_education_hostile_params_warn():
    at = _page("pages/education.py", {"edu_measure": "x' OR 1=1 --", "edu_group": "nobody"})
    assert [s.value for s in at.selectbox if s.label == "Results measure"] == ["ks2_rwm"]
    msgs = _warnings(at)
    assert "edu_measure" in msgs and "edu_group" in msgs


def test_outcomes_grid_and_quotes():
    at = _page("pages/outcomes.py", {"oc_outcome": "Stay safe"})
    grid = next(f for f in _figures(at) if "How each outcome was judged" in f["layout"]["meta"]["title"])
    assert grid["data"][0]["type"] == "heatmap" and len(grid["data"]) == 1
    with _store() as con:
        n_fw = con.execute(
            "SELECT count(DISTINCT framework) FROM judgements WHERE framework IN ('JAR 2005', 'APA 2007')"
        ).fetchone()[0]
        quote = con.execute(
            "SELECT source_quote FROM statements WHERE outcome = 'Stay safe' AND kind = 'strength' "
            "ORDER BY statement_date, source_id, source_line LIMIT 1"
        ).fetchone()
    assert len(grid["data"][0]["x"]) >= n_fw
    cell_texts = [a["text"] for a in grid["layout"]["annotations"]]
    assert any("inadequate" in t for t in cell_texts)
    assert [s.value for s in at.selectbox if s.label == "Outcome"] == ["Stay safe"]
    assert quote, "no 'Stay safe' strength statement in the store"
    assert any(quote[0][:30].replace("*", "\\*")[:20] in m.value for m in at.markdown)


def test_outcomes_hostile_outcome_warns():
    at = _page("pages/outcomes.py", {"oc_outcome": "../../etc/passwd"})
    assert "oc_outcome" in _warnings(at)


# Link parameters a page's tabs are opened with besides the tab: by January 2008 no plan action was overdue
# (tested below), so the plan's tabs open at May 2006.
TAB_EXTRA = {"plan": {"plan_at": "2006-05-19"}}


@pytest.mark.parametrize("pg", [p for p in PAGES if p.tabs], ids=lambda p: p.url_path)
def test_section_tabs_build_only_the_open_tab_and_live_in_the_link(pg):
    """Each tab named in the link opens with its own content (and only its own charts); the rest are not
    built."""
    path, key, tabs, extra = pg.file, pg.tab_key, list(pg.tabs), TAB_EXTRA.get(pg.url_path, {})
    seen = []
    for label in tabs:
        at = _page(path, {key: label, **extra})
        assert [t.label for t in at.tabs][: len(tabs)] == tabs  # a tab may hold tabs of its own
        if label != tabs[0]:  # the first tab is the default: Streamlit keeps it out of the link
            assert at.query_params.get(key) == label
        seen.append(tuple(_titles(at)) + tuple(str(d.value.shape) for d in at.dataframe))
        assert seen[-1], f"tab {label!r} shows no chart and no table"
    assert len(set(seen)) == len(tabs), "two tabs showed the same content"


def test_plan_overdue_tab_says_when_nothing_was_overdue():
    late = _page("pages/improvement_plan.py", {"plan_tab": "Overdue actions", "plan_at": "2006-05-19"})
    assert late.dataframe and len(late.dataframe[0].value) > 0
    none = _page("pages/improvement_plan.py", {"plan_tab": "Overdue actions", "plan_at": "2008-01-24"})
    assert not none.dataframe
    assert any("No action shown here was overdue as at 24 Jan 2008" in i.value for i in none.info)


def test_section_tab_unknown_in_the_link_opens_the_first_and_warns():
    at = _page("pages/safeguarding.py", {"sg_tab": "'; DROP TABLE x; --"})
    assert any("Children looked after" in t for t in _titles(at))
    assert "sg_tab" in _warnings(at)
