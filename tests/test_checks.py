"""The store's checks (data/checks/*.sql) and derived tables (data/models/*.sql): each check finds the rows
that break its rule, the build fails naming the check and showing the rows, and the models are run in
order."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from data import derive
from data.buildkit import BuildError

# One bad row per check: the statement that breaks the rule, and a value the failure must show.
BREAKS = {
    "observations_unknown_indicator": (
        "INSERT INTO observations (obs_id, indicator_id, area_code, period_label, value, source_id) "
        "SELECT 'T1', 'NO_SUCH_INDICATOR', area_code, '2025', 1, source_id FROM observations LIMIT 1",
        "NO_SUCH_INDICATOR",
    ),
    "observations_unknown_area": (
        "INSERT INTO observations (obs_id, indicator_id, area_code, period_label, value, source_id) "
        "SELECT 'T2', indicator_id, 'E99999999', '2025', 1, source_id FROM observations LIMIT 1",
        "E99999999",
    ),
    "observations_unknown_source": (
        "INSERT INTO observations (obs_id, indicator_id, area_code, period_label, value, source_id) "
        "SELECT 'T3', indicator_id, area_code, '2025', 1, 'no-such-source' FROM observations LIMIT 1",
        "no-such-source",
    ),
    "judgements_unknown_source": (
        "UPDATE judgements SET source_id = 'lost-paper' WHERE judgement_id = (SELECT min(judgement_id) "
        "FROM judgements)",
        "lost-paper",
    ),
    "statements_unknown_source": (
        "UPDATE statements SET source_id = 'lost-paper' WHERE statement_id = (SELECT min(statement_id) "
        "FROM statements)",
        "lost-paper",
    ),
    "actions_unknown_recommendation": (
        "UPDATE actions SET rec_id = 99 WHERE action_id = (SELECT min(action_id) FROM actions)",
        "99",
    ),
    "observations_without_value_or_status": (
        "UPDATE observations SET value = NULL, status = NULL WHERE obs_id = (SELECT min(obs_id) FROM "
        "observations)",
        None,
    ),
    "comparators_one_row_per_period": (
        "INSERT INTO comparators SELECT * FROM comparators LIMIT 1",
        None,
    ),
    "local_facts_complete": (
        "DELETE FROM local_facts WHERE obs_id = (SELECT min(obs_id) FROM local_facts WHERE area_type = "
        "'locality')",
        None,
    ),
}


@pytest.fixture(scope="module")
def clean_store(store_path, tmp_path_factory) -> Path:
    """A copy of the built store that each test may damage (through its own further copy)."""
    target = tmp_path_factory.mktemp("checks") / "store.duckdb"
    shutil.copy(store_path, target)
    return target


@pytest.fixture
def damaged(clean_store, tmp_path):
    def open_copy() -> duckdb.DuckDBPyConnection:
        p = tmp_path / "store.duckdb"
        shutil.copy(clean_store, p)
        return duckdb.connect(str(p))

    return open_copy


def test_every_check_has_a_data_test():
    assert {p.stem for p in derive.CHECKS.glob("*.sql")} == set(BREAKS)


def test_the_built_store_passes_every_check(con):
    assert derive.failing_checks(con) == []


@pytest.mark.parametrize("check", sorted(BREAKS))
def test_a_check_finds_the_row_that_breaks_its_rule(check, damaged):
    sql, shown = BREAKS[check]
    con = damaged()
    con.execute(sql)
    failures = derive.failing_checks(con)
    assert [f.check for f in failures] == [check]
    assert failures[0].n_rows >= 1 and failures[0].rows
    with pytest.raises(BuildError) as e:
        derive.check(con)
    assert f"check {check} failed" in str(e.value)
    if shown is not None:  # the message shows the offending row
        assert shown in str(e.value)
    con.close()


def test_a_failure_names_the_rule_and_counts_rows_beyond_those_shown(damaged):
    con = damaged()
    con.execute(
        "UPDATE observations SET value = NULL, status = NULL "
        "WHERE obs_id IN (SELECT obs_id FROM observations ORDER BY obs_id LIMIT 12)"
    )
    (f,) = derive.failing_checks(con)
    assert f.n_rows == 12 and len(f.rows) == derive.SHOW_ROWS
    assert "neither a value nor a published status" in str(f) and "(and 4 more)" in str(f)
    con.close()


def test_models_run_in_order_and_a_broken_model_names_its_file(damaged, tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    (models / "10_first.sql").write_text("-- one row\nSELECT 1 AS x\n")
    (models / "20_second.sql").write_text("SELECT x + 1 AS y FROM first;\n")
    con = damaged()
    assert derive.run_models(con, models) == ["first", "second"]
    assert con.execute("SELECT y FROM second").fetchall() == [(2,)]
    (models / "30_broken.sql").write_text("SELECT nothing FROM nowhere")
    with pytest.raises(BuildError, match="30_broken.sql"):
        derive.run_models(con, models)
    (models / "bad name.sql").write_text("SELECT 1")
    with pytest.raises(BuildError, match="NN_name.sql"):
        derive.run_models(con, models)
    con.close()


def test_the_comparator_rule_is_one_model(con):
    """Herefordshire's significance against England in the comparators table follows its intervals."""
    rows = con.execute(
        "SELECT h_lo, h_hi, e_lo, e_hi, significance FROM comparators WHERE significance <> 'not tested'"
    ).fetchall()
    assert len(rows) > 20
    for h_lo, h_hi, e_lo, e_hi, sig in rows:
        want = "significantly higher" if h_lo > e_hi else "significantly lower" if h_hi < e_lo else "similar"
        assert sig == want
    assert sorted(p.name for p in derive.MODELS.glob("*comparators*.sql")) == ["30_comparators.sql"]
