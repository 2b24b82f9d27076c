"""The upload tests' environment (tests/test_upload_*.py, tests/test_uploads.py): a store built without the
public pack into a temp directory (~3 s, once per test module), its copy with wards and one county total, a
private copy of either for each test, and the files the tests upload.

Tests never touch data/store.duckdb or var/: DASHBOARD_VAR_DIR, STORE_PATH and PUBLIC_DATA_DIR point into
tmp dirs.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "synthetic_locality_counts.csv"
TODAY = dt.date(2025, 6, 1)
HEAD = "indicator_id,area,period,count,denominator\n"
COUNTY_HEAD = "indicator_id,area,period_label,period_end,value\n"
# two Bromyard wards (geo/ward_locality.csv)
W1, W2 = "E05009446", "E05009447"
GOOD_ROW = "cin_count,Leominster,31 March 2023,12,\n"


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def facts(path: Path) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT * FROM facts ORDER BY obs_id").fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """Module-wide environment: no public pack, temp var dir. Restored afterwards."""
    base = tmp_path_factory.mktemp("uploads")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PUBLIC_DATA_DIR", str(base / "no-public-pack"))
        mp.setenv("DASHBOARD_VAR_DIR", str(base / "var"))
        mp.setenv("DISCLOSURE_THRESHOLD", "5")
        from data.build import build

        store = base / "base.duckdb"
        mp.setenv("STORE_PATH", str(store))
        build(store, public_dir=None, quiet=True)
        # a copy with wards and one county total, for the ward checks (not rebuilt by those tests)
        wards = base / "wards.duckdb"
        shutil.copy(store, wards)
        con = duckdb.connect(str(wards))
        with open(ROOT / "geo" / "ward_locality.csv", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                con.execute(
                    "INSERT INTO areas (area_code, area_name, area_type, parent_code) VALUES (?, ?, "
                    "'ward', ?) "
                    "ON CONFLICT DO NOTHING",
                    [r["ward_code"], r["ward_name"], r["locality_code"]],
                )
                con.execute(
                    "INSERT INTO ward_locality (ward_code, ward_name, locality) VALUES (?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    [r["ward_code"], r["ward_name"], r["locality"]],
                )
        con.execute(
            "INSERT INTO observations (obs_id, indicator_id, area_code, period_label, period_start, "
            "period_end, "
            "value, source_id) VALUES ('t-1', 'cin_count', 'E06000019', '31 March 2022', '2022-03-31', "
            "'2022-03-31', 30, 'project')"
        )
        con.close()
        yield {"base": base, "store": store, "wards": wards, "mp": mp}


def _private(built: Path, store: Path, monkeypatch) -> Path:
    """`built` copied to `store`, the store of one test, with an empty var dir beside it."""
    shutil.copy(built, store)
    monkeypatch.setenv("STORE_PATH", str(store))
    monkeypatch.setenv("DASHBOARD_VAR_DIR", str(store.parent / "var"))
    return store


@pytest.fixture
def fresh(env, tmp_path, monkeypatch):
    """A private copy of the built store and an empty var dir for one test."""
    return _private(env["store"], tmp_path / "store.duckdb", monkeypatch)


@pytest.fixture
def ward_store(env, tmp_path, monkeypatch):
    """A private copy of the store with wards and one county total, and an empty var dir, for one test."""
    return _private(env["wards"], tmp_path / "wards.duckdb", monkeypatch)


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
