"""The public data pack loader: values equal the pack's, SN figures, failures name the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard import config
from dashboard.store.queries import example_params, header, run_sql
from data.buildkit import BuildError

STATS = config.public_data_dir() / "stats"
needs_pack = pytest.mark.skipif(not STATS.is_dir(), reason="public data pack not present")
HERE, ENGLAND = "E06000019", "E92000001"
MY_QUERIES = ["comparator_series"]


def value(con, indicator, area, period):
    r = con.execute(
        "SELECT value FROM observations WHERE indicator_id = ? AND area_code = ? AND period_label = ?",
        [indicator, area, period],
    ).fetchall()
    assert len(r) == 1, (indicator, area, period, r)
    return r[0][0]


@needs_pack
def test_spot_values(con):
    assert value(con, "LAC", HERE, "2016") == 79
    assert value(con, "LAC", HERE, "2025") == 100
    assert value(con, "LAC", ENGLAND, "2025") == 67
    assert value(con, "CPP_rate", HERE, "2025") == pytest.approx(40.4)
    assert value(con, "CIN", HERE, "2025") == pytest.approx(457)
    assert value(con, "cin_count", HERE, "2025") == 1574
    assert value(con, "pop_0_17", HERE, "2024") == 34439


@needs_pack
def test_neighbour_values_equal_the_file(con):
    lait = pd.read_csv(
        STATS / "lait_key_indicators_herefordshire_comparators.csv", dtype=str, keep_default_na=False
    )
    rows = lait[
        (lait.area == "Shropshire")
        & (lait.measure_short.isin(["LAC", "CPP_rate", "CIN"]))
        & (lait.value != "-")
    ]
    assert len(rows) >= 20
    for r in rows.itertuples():
        assert value(con, r.measure_short, "E06000051", r.period) == pytest.approx(float(r.value)), r


@needs_pack
def test_rates_carry_numerator_and_denominator(con):
    r = con.execute(
        "SELECT numerator, denominator FROM observations WHERE indicator_id = 'CPP_rate' "
        "AND area_code = ? AND period_label = '2025'",
        [HERE],
    ).fetchone()
    assert r == (139, 34439)
    lo = con.execute(
        "SELECT value, status FROM observations WHERE indicator_id = 'CIN' AND area_code = ? "
        "AND period_label = '2024'",
        [HERE],
    ).fetchone()
    assert lo == (pytest.approx(463.2), "u")


@needs_pack
def test_symbols_kept_and_england_fte_withheld(con):
    bad = con.execute(
        "SELECT count(*) FROM observations WHERE source_id LIKE 'pack_%' AND value IS NULL AND status IS NULL"
    ).fetchone()[0]
    assert bad == 0
    r = con.execute(
        "SELECT value, status, note FROM observations WHERE indicator_id = 'FirstYJS' "
        "AND area_code = ? AND period_label = '2016'",
        [ENGLAND],
    ).fetchone()
    assert r[0] is None and r[1] == "x" and "3071" in r[2]
    ks2 = con.execute(
        "SELECT status FROM observations WHERE indicator_id = 'KS2RWM_Expected_STD' "
        "AND area_code = ? AND period_label = '2020'",
        [HERE],
    ).fetchone()
    assert ks2 == ("x",)


@needs_pack
def test_periods(con):
    def dates(i, p):
        return con.execute(
            "SELECT period_start, period_end FROM observations WHERE indicator_id = ? AND "
            "area_code = ? AND period_label = ?",
            [i, HERE, p],
        ).fetchone()

    assert str(dates("LAC", "2025")[1]) == "2025-03-31"
    assert [str(d) for d in dates("CPP_Total_NumRef", "2025")] == ["2024-04-01", "2025-03-31"]
    assert [str(d) for d in dates("KS2RWM_Expected_STD", "2025")] == ["2024-09-01", "2025-08-31"]
    assert [str(d) for d in dates("ks2_rwm_exp_cla", "2024/25")] == ["2024-09-01", "2025-08-31"]
    assert str(dates("Work_Force_Vac_Rate", "2025")[1]) == "2025-09-30"


@needs_pack
def test_indicators_and_sources(con):
    pol = dict(
        con.execute(
            "SELECT indicator_id, polarity FROM indicators WHERE indicator_id IN "
            "('LAC','CPP_rate','CIN','LACnum','CPP_Num','cin_count','KS2RWM_Expected_STD')"
        ).fetchall()
    )
    assert pol.pop("KS2RWM_Expected_STD") == "high is good"
    assert set(pol.values()) == {"no judgement"}
    n = con.execute("SELECT count(*) FROM indicators WHERE origin = 'LAIT dictionary'").fetchone()[0]
    assert n > 350
    files = {r[0] for r in con.execute("SELECT file_name FROM sources WHERE kind = 'publication'").fetchall()}
    assert "lait_key_indicators_herefordshire_comparators.csv" in files
    assert not list((config.ROOT / "data").rglob("lait_*.csv")), "pack files must be read in place"


@needs_pack
def test_sn_lists(con):
    sn = con.execute(
        "SELECT model, rank, la_code, in_force_from, in_force_to FROM sn_lists ORDER BY model, rank"
    ).df()
    assert len(sn) == 20
    may = sn[sn.model == "May 2025"]
    assert may.la_code.iloc[0] == "E06000064" and (may.in_force_from == 2025).all()
    apr = sn[sn.model == "April 2021"]
    assert "E10000006" in set(apr.la_code) and (apr.in_force_to == 2024).all()


@needs_pack
def test_sn_mean_equals_hand_calculation(con):
    lait = pd.read_csv(
        STATS / "lait_key_indicators_herefordshire_comparators.csv", dtype=str, keep_default_na=False
    )
    sn = pd.read_csv(STATS / "herefordshire_statistical_neighbours.csv", dtype=str)
    df = run_sql(con, "comparator_series", indicator_id="LAC")
    for year, model in (("2023", "2021"), ("2025", "2025")):
        codes = set(sn[sn.model.str.contains(model)].old_la_code)
        vals = lait[
            (lait.measure_short == "LAC")
            & (lait.period == year)
            & lait.la_number.isin(codes)
            & (lait.value != "-")
        ].value.astype(float)
        row = df[df.period == year].iloc[0]
        assert row.sn_n == len(vals)
        assert row.sn_mean == pytest.approx(vals.mean())
        assert row.sn_median == pytest.approx(vals.median())
        assert row.sn_model == ("April 2021" if model == "2021" else "May 2025")
        assert row.sn_rank == 1 + (vals > row.herefordshire).sum()


@pytest.mark.parametrize("name", MY_QUERIES)
def test_query_header_and_columns(con, name):
    h = header(name)
    assert h.purpose and h.columns
    df = run_sql(con, name, **example_params(name))
    assert tuple(df.columns) == h.columns


def _copy_pack(tmp_path: Path) -> Path:
    pub = tmp_path / "public"
    shutil.copytree(STATS, pub / "stats")
    for p in (pub / "stats").iterdir():
        p.chmod(0o644)
    return pub


def _store_bytes(p: Path) -> bytes:
    return p.read_bytes()


@needs_pack
@pytest.mark.parametrize("damage", ["value", "column"])
def test_damaged_pack_fails_naming_the_file(tmp_path, damage):
    from data.build import build

    target = tmp_path / "store.duckdb"
    build(target, public_dir=None, quiet=True)
    before = _store_bytes(target)
    pub = _copy_pack(tmp_path)
    f = pub / "stats" / "dfe_cin_d5_cpp_at_31march_by_duration_2013_2025.csv"
    lines = f.read_text(encoding="utf-8").splitlines()
    if damage == "value":
        cells = lines[5].split(",")
        cells[11] = "12o"  # CPP_At31
        lines[5] = ",".join(cells)
    else:
        lines[0] = lines[0].replace("CPP_At31", "CPP_at_31")
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BuildError) as e:
        build(target, public_dir=pub, quiet=True)
    assert f.name in str(e.value)
    if damage == "value":
        assert "row 6" in str(e.value)
    assert _store_bytes(target) == before
    duckdb.connect(str(target), read_only=True).close()


def test_build_without_pack_reports_skipped(tmp_path):
    from data.build import build

    steps = build(tmp_path / "store.duckdb", public_dir=None, quiet=True)
    skipped = [s for s in steps if s.step == "public pack" and s.status == "skipped"]
    assert skipped


def test_loader_skips_when_pack_missing():
    from data.buildkit import BuildContext
    from data.loaders import public_pack

    ctx = BuildContext(root=config.ROOT, public_dir=None, uploads_dir=config.ROOT / "var" / "uploads")
    steps = public_pack.load(None, ctx)
    assert len(steps) == 1 and steps[0].status == "skipped"
