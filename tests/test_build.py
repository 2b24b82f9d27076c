"""The store build: schema, unique non-null keys, every observation joins, atomic replace, missing pack."""

import duckdb
import pytest

from data import derive
from data.build import build
from data.buildkit import BuildError

FACTS_COLUMNS = [
    "indicator_id",
    "indicator",
    "area",
    "area_type",
    "period",
    "period_start",
    "period_end",
    "value",
    "unit",
    "status",
    "source_document",
    "source_line",
    "source_quote",
]


def test_facts_view_has_contract_columns(con):
    cols = [r[0] for r in con.execute("DESCRIBE facts").fetchall()]
    for c in FACTS_COLUMNS:
        assert c in cols, c


@pytest.mark.parametrize(
    "table,key",
    [
        ("sources", "source_id"),
        ("areas", "area_code"),
        ("indicators", "indicator_id"),
        ("observations", "obs_id"),
        ("judgements", "judgement_id"),
        ("statements", "statement_id"),
        ("recommendations", "rec_id"),
        ("actions", "action_id"),
        ("progress_reports", "progress_id"),
    ],
)
def test_keys_unique_and_not_null(con, table, key):
    n, distinct, nulls = con.execute(
        f"SELECT count(*), count(DISTINCT {key}), count(*) FILTER (WHERE {key} IS NULL) FROM {table}"
    ).fetchone()
    assert nulls == 0
    assert n == distinct


def test_every_observation_joins(con):
    assert derive.failing_checks(con) == []
    n_obs = con.execute("SELECT count(*) FROM observations").fetchone()[0]
    n_facts = con.execute("SELECT count(*) FROM facts").fetchone()[0]
    assert n_obs == n_facts > 0


def test_indicators_have_unit_and_polarity(con):
    bad = con.execute(
        "SELECT indicator_id FROM indicators WHERE unit IS NULL OR unit = '' OR polarity IS NULL"
    ).fetchall()
    assert bad == []


def test_demand_measures_have_no_judgement(con):
    rows = dict(
        con.execute(
            "SELECT indicator_id, polarity FROM indicators WHERE indicator_id IN "
            "('LAC','CPP_rate','CIN','LACnum','CPP_Num')"
        ).fetchall()
    )
    assert rows and set(rows.values()) == {"no judgement"}


def test_seed_rows_cite_seed_file_names(con):
    """Seed rows keep the file their quotes cite (source_id); pages read the document's name
    (source_document)."""
    docs = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT source_id FROM facts WHERE source_kind = 'seed document'"
        ).fetchall()
    }
    names = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT source_document FROM facts WHERE source_kind = 'seed document'"
        ).fetchall()
    }
    assert "Cabinet report, 24 January 2008" in names and not any(n.endswith(".txt") for n in names)
    assert docs <= {
        "000_2a4c1fcaad081570.txt",
        "001_b46cc8812e60abd1.txt",
        "002_2fdbf91cb6f1887a.txt",
        "003_7ecbc41205563c8b.txt",
        "004_fbd8def23261e3f4.txt",
    }
    assert len(docs) >= 4


def test_build_without_public_pack_succeeds_and_says_what_was_skipped(tmp_path):
    target = tmp_path / "s.duckdb"
    steps = build(target, public_dir=None, quiet=True)
    skipped = [s for s in steps if s.status == "skipped"]
    assert any("public data pack not found" in s.message for s in skipped)
    c = duckdb.connect(str(target), read_only=True)
    assert c.execute("SELECT count(*) FROM facts WHERE source_kind = 'seed document'").fetchone()[0] > 200
    c.close()


def test_failed_build_leaves_previous_store_in_place(tmp_path, monkeypatch):
    target = tmp_path / "s.duckdb"
    build(target, public_dir=None, quiet=True)
    before = target.read_bytes()
    from data.loaders import reference

    def broken(con, ctx):
        raise BuildError("data/areas.csv: damaged for this test")

    monkeypatch.setattr(reference, "load", broken)
    with pytest.raises(BuildError, match="areas.csv"):
        build(target, public_dir=None, quiet=True)
    assert target.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp"))


def test_local_facts_holds_herefordshire_and_its_comparators_and_nothing_else(con):
    """local_facts (built by finalize) must give place-based queries exactly what facts would."""

    def n(sql):
        return con.execute(sql).fetchone()[0]

    parts = "(area_code = 'E06000019' OR area_type IN ('locality', 'sub-locality', 'ward', 'LSOA'))"
    # every row of Herefordshire and its parts (all LSOAs in the real store are best-fitted to a ward)
    assert (
        n(f"SELECT count(*) FROM local_facts WHERE {parts}")
        == n(f"SELECT count(*) FROM facts WHERE {parts}")
        > 0
    )
    # England and the West Midlands only for the indicators Herefordshire or its parts have
    for code in ("E92000001", "E12000005"):
        want = n(
            f"SELECT count(*) FROM facts WHERE area_code = '{code}' AND indicator_id IN "
            f"(SELECT indicator_id FROM facts WHERE {parts})"
        )
        assert n(f"SELECT count(*) FROM local_facts WHERE area_code = '{code}'") == want > 0
    # no other area, and the same columns as facts (plus decimals)
    assert (
        n(
            f"SELECT count(*) FROM local_facts WHERE NOT {parts} AND area_code NOT IN ('E92000001', "
            "'E12000005')"
        )
        == 0
    )
    facts_cols = [r[0] for r in con.execute("DESCRIBE facts").fetchall()]
    assert [r[0] for r in con.execute("DESCRIBE local_facts").fetchall()] == facts_cols + ["decimals"]


def test_source_counts_match_observations(con):
    rows = con.execute(
        "SELECT s.source_id, s.n_figures, (SELECT count(*) FROM observations o "
        "WHERE o.source_id = s.source_id) FROM source_counts s"
    ).fetchall()
    assert rows and all(a == b for _, a, b in rows)
    assert sum(a for _, a, _ in rows) == con.execute("SELECT count(*) FROM observations").fetchone()[0]


def test_rebuild_that_would_lose_published_data_refuses_and_changes_nothing(tmp_path):
    from data import build as b

    if b._public_dir() is None:
        pytest.skip("needs the public data pack")
    target = tmp_path / "store.duckdb"
    build(target, quiet=True)  # with the public pack
    before = target.read_bytes()
    (tmp_path / "store.duckdb.999999.tmp").write_bytes(b"left by a killed build")
    with pytest.raises(BuildError, match="would lose published data"):
        build(target, public_dir=None, quiet=True)  # the pack unreachable
    assert target.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp*")), "temp files (this build's and a killed one's) are cleaned"
