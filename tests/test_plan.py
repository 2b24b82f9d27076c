"""The JAR improvement plan: data integrity and provenance, derived statuses, queries, and the page."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.analysis import plan_status as ps
from dashboard.analysis import plan_tracker as pt
from dashboard.views import plan_figures

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "plan"
PLAN_QUERIES = sorted(p.stem for p in (ROOT / "queries").glob("plan_*.sql"))


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(PLAN / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def plan_store(tmp_path_factory) -> Path:
    """A store built from the project's own data (no public pack), so these tests do not depend on it."""
    from data.build import build

    target = tmp_path_factory.mktemp("plan") / "store.duckdb"
    build(target, public_dir=None, quiet=True)
    return target


@pytest.fixture(scope="module")
def frames(plan_store):
    con = duckdb.connect(str(plan_store), read_only=True)
    try:
        yield pt.load_frames(con)
    finally:
        con.close()


# ---------- data


def test_seventeen_recommendations():
    recs = read("recommendations.csv")
    assert sorted(recs["rec_id"].astype(int)) == list(range(1, 18))
    assert recs["text"].str.len().min() > 20


def test_every_action_belongs_to_one_existing_recommendation():
    recs = set(read("recommendations.csv")["rec_id"].astype(int))
    acts = read("actions.csv")
    assert len(acts) >= 170
    assert acts["action_id"].is_unique
    assert set(acts["rec_id"].astype(int)) <= recs
    assert set(acts["rec_id"].astype(int)) == recs  # every recommendation has actions
    # the id names its recommendation, so an action cannot sit under two
    assert (acts["action_id"].str.split(".").str[0] == acts["rec_id"]).all()


def test_ids_unique_and_progress_links_resolve():
    prog = read("progress.csv")
    acts = read("actions.csv")
    assert prog["progress_id"].is_unique
    assert read("leads.csv")["initials"].is_unique
    ri = read("rec_indicators.csv")
    assert not ri.duplicated(["rec_id", "indicator_id"]).any()
    linked = prog[prog["action_id"] != ""]
    assert set(linked["action_id"]) <= set(acts["action_id"])
    merged = linked.merge(acts[["action_id", "rec_id"]], on="action_id", suffixes=("", "_a"))
    assert (merged["rec_id"] == merged["rec_id_a"]).all()
    assert set(prog["report_date"]) == {d.isoformat() for d in ps.REPORT_DATES}
    assert set(ri["rec_id"].astype(int)) == set(range(1, 18))


@pytest.mark.parametrize("name", ["recommendations.csv", "actions.csv", "progress.csv", "leads.csv"])
def test_quotes_on_their_cited_lines(name):
    from data.seedcheck import check_file

    assert check_file(PLAN / name) == []
    with (PLAN / name).open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert row["source_id"] == row["source_document"]
            assert row["source_quote"].strip(), row


def test_rec_indicators_exist_in_the_catalogue():
    ids = set()
    for f in [ROOT / "data" / "indicators.csv", *sorted((ROOT / "data" / "seeds").glob("indicators_*.csv"))]:
        ids |= set(pd.read_csv(f, dtype=str)["indicator_id"])
    dictionary = ROOT.parent / "shared" / "public" / "stats" / "lait_data_dictionary_subset.csv"
    if dictionary.exists():
        ids |= set(pd.read_csv(dictionary, dtype=str)["Measure_short"])
    missing = set(read("rec_indicators.csv")["indicator_id"]) - ids
    assert not missing


def test_target_date_conventions():
    from data.plan.extract_plan import parse_target

    assert parse_target("Jan 06")[0] == date(2006, 1, 31)
    assert parse_target("4 Jan 06")[0] == date(2006, 1, 4)
    assert parse_target("mid Feb 06")[0] == date(2006, 2, 15)
    assert parse_target("Jan – Mar 06")[0] == date(2006, 3, 31)
    assert parse_target("06/07")[0] == date(2007, 3, 31)
    assert parse_target("Autumn 06")[0] == date(2006, 11, 30)
    assert parse_target("tbc")[0] is None
    assert parse_target("Commencing Jan 06, thereafter at least monthly, subject to review in April 06.")[
        0
    ] == date(2006, 4, 30)


# ---------- derived statuses

SAMPLE = [  # action, date, expected status, rule prefix, word the rule must quote (checked against the text)
    ("1.1", "2006-03-24", "completed", "A2", "prepared"),  # "Discussion paper prepared Dec 05."
    ("4.1", "2006-03-24", "completed", "A2", "Completed"),  # "Completed 18 Jan"
    ("1.23", "2006-03-24", "on track", "A3", "further work"),  # "... – further work required", due end Mar 06
    (
        "12.2",
        "2006-03-24",
        "slipping",
        "A4",
        "being updated",
    ),  # "Some plans currently being updated", due Feb 06
    ("15.2", "2006-03-24", "slipping", "A4", "Started"),  # "Started", due Jan/Feb 06
    ("1.18", "2006-03-24", "not started", "A7", ""),  # nothing recorded, due 15 April 06
    ("13.2", "2006-05-19", "slipping", "A6", ""),  # nothing recorded, due Mar 06
    ("1.21", "2006-05-19", "completed", "A1", "All milestones /actions now completed"),
    ("5.4", "2008-01-24", "no report", "A8", ""),  # no action-level report after 2006
    ("1.1", "2008-01-24", "completed", "A1", "All milestones"),  # once reported done, stays done
]


@pytest.mark.parametrize("action_id,at,status,rule,word", SAMPLE)
def test_action_status_sample(frames, action_id, at, status, rule, word):
    recs, acts, prog, leads = frames
    st = ps.action_statuses(acts, prog, [at])
    row = st[st["action_id"] == action_id].iloc[0]
    assert row["status"] == status, row["rule"]
    assert row["rule"].startswith(rule), row["rule"]
    assert word in row["rule"]
    if rule in ("A2", "A3", "A4"):  # the word is really in the action's 24 March text
        text = prog[prog["action_id"] == action_id]["progress_text"].iloc[0]
        assert word.lower() in text.lower()


def test_read_text_last_word_wins_and_headings():
    assert (
        ps.read_text("Audit questionnaires under development 15 02 06 Approved by SF 01 03 06").verdict
        == "done"
    )
    assert ps.read_text("Initial analysis produced 21 03 06 – further work required").verdict == "open"
    assert ps.read_text("2007 APA area for improvement: Ensuring resources are allocated").verdict == "open"
    assert ps.read_text("Key stakeholders identified").verdict is None


def test_rollup_rule():
    assert ps.rollup(["completed", "completed", "no report"]) == "completed"
    assert ps.rollup(["completed", "slipping", "on track"]) == "slipping"
    assert ps.rollup(["completed", "not started"]) == "on track"
    assert ps.rollup(["not started"]) == "not started"
    assert ps.rollup(["no report"]) == "no report"


def test_recommendation_statuses(frames):
    recs, acts, prog, leads = frames
    rst = ps.rec_statuses(recs, acts, prog)
    assert len(rst) == 17 * len(ps.REPORT_DATES)
    assert set(rst["status"]) <= set(ps.STATUSES)
    get = rst.set_index(["rec_id", "at_date"])
    r1 = get.loc[(1, date(2006, 5, 19))]
    assert r1["status"] == "completed" and r1["rule"].startswith("R1")
    r4 = get.loc[(4, date(2008, 1, 24))]  # the 2008 report says nothing on the duty-team records
    assert r4["status"] == "no report"
    r17 = get.loc[
        (17, date(2008, 1, 24))
    ]  # "Embedding performance management" is a 2007 area for improvement
    assert r17["status"] == "slipping" and "area for improvement" in r17["rule"]


def test_what_changed_between_march_and_may_2006(frames):
    recs, acts, prog, leads = frames
    rst = ps.rec_statuses(recs, acts, prog)
    ch = ps.what_changed(rst, "2006-03-24", "2006-05-19")
    assert list(ch.columns) == ["rec_id", "status_a", "status_b", "change", "rule_b"]
    got = dict(zip(ch["rec_id"], ch["change"]))
    assert got == {
        1: "slipping → completed",
        2: "slipping → on track",
        5: "slipping → on track",
        7: "completed → on track",
        11: "slipping → on track",
        14: "slipping → on track",
        15: "completed → slipping",
    }
    assert ps.what_changed(rst, "2006-05-19", "2006-05-19").empty


def test_overdue_and_tracker(frames):
    recs, acts, prog, leads = frames
    tr = pt.tracker_at("2006-05-19", recs, acts, prog, leads)
    assert len(tr) == len(acts) and tr["action_id"].is_unique
    assert (tr["status_basis"].str.contains("derived")).all()
    od = ps.overdue(tr.rename(columns={"action_status": "status"}), date(2006, 5, 19))
    assert "13.2" in set(od["action_id"])
    assert not (od["status"].isin(["completed", "no report"])).any()
    assert (od["days_overdue"] > 0).all()


def test_expand_leads(frames):
    leads = frames[3]
    out = pt.expand_leads("SF (ISM)", leads)
    assert "SF: Director of Children's Services" in out and "ISM: Interim Senior Manager" in out
    assert pt.expand_leads("", leads) == "not stated"
    assert "not in the plan's index" in pt.expand_leads("AB", leads)
    assert "HL: Head of Children's Social Care" in pt.expand_leads("HL to sign off", leads)


def test_heat_strip_has_words_in_cells(frames):
    recs, acts, prog, leads = frames
    fig = plan_figures.heat_strip_figure(
        pt.heat_table(ps.rec_statuses(recs, acts, prog), recs), as_at=date(2008, 1, 24)
    )
    d = fig.to_dict()
    trace = d["data"][0]
    assert trace["type"] == "heatmap" and trace["texttemplate"] == "%{text}"
    assert {w for row in trace["text"] for w in row} <= set(ps.STATUSES)
    assert "derived" in d["layout"]["title"]["text"]


# ---------- queries


@pytest.mark.parametrize("name", PLAN_QUERIES)
def test_plan_query_header_and_columns(plan_store, name):
    from dashboard.store.queries import header, run_sql

    h = header(name)
    assert h.purpose and h.columns
    con = duckdb.connect(str(plan_store), read_only=True)
    try:
        df = run_sql(con, name, **h.params)
    finally:
        con.close()
    assert tuple(df.columns) == h.columns


# ---------- page


def test_page_renders(plan_store, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("STORE_PATH", str(plan_store))
    at = AppTest.from_file(str(ROOT / "pages" / "improvement_plan.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    tabs = [t.label for t in at.tabs]
    assert "Status over time" in tabs and "What changed" in tabs
    assert at.get("plotly_chart"), "the status grid (the first tab) is not drawn"
    assert any("derived from the progress text" in i.value for i in at.info)
