"""Local data import: every kind of bad file is rejected with its message and the store untouched; a good
file loads, replaces and rolls back to an identical store; readers never see half an upload.

Tests never touch data/store.duckdb or var/: the store is built once per module into a temp directory
(without the public pack, ~3 s) and copied for each test that changes it; DASHBOARD_VAR_DIR, STORE_PATH
and PUBLIC_DATA_DIR point into tmp dirs.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import shutil
import threading
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from dashboard.intake import uploads as U

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "synthetic_locality_counts.csv"
TODAY = dt.date(2025, 6, 1)
HEAD = "indicator_id,area,period,count,denominator\n"
COUNTY_HEAD = "indicator_id,area,period_label,period_end,value\n"
# two Bromyard wards (geo/ward_locality.csv)
W1, W2 = "E05009446", "E05009447"


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


@pytest.fixture
def fresh(env, tmp_path, monkeypatch):
    """A private copy of the built store and an empty var dir for one test."""
    store = tmp_path / "store.duckdb"
    shutil.copy(env["store"], store)
    monkeypatch.setenv("STORE_PATH", str(store))
    monkeypatch.setenv("DASHBOARD_VAR_DIR", str(tmp_path / "var"))
    return store


@pytest.fixture
def ward_store(env, tmp_path, monkeypatch):
    store = tmp_path / "wards.duckdb"
    shutil.copy(env["wards"], store)
    monkeypatch.setenv("STORE_PATH", str(store))
    monkeypatch.setenv("DASHBOARD_VAR_DIR", str(tmp_path / "var"))
    return store


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


def corrupt_xlsx() -> bytes:
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<not really/>")
        z.writestr("xl/workbook.xml", "garbage")
    return buf.getvalue()


def big_csv() -> bytes:
    row = "cin_count,Leominster,31 March 2023,1,," + "x" * 200 + "\n"
    return (HEAD.strip() + ",note\n" + row * 12_000).encode()


def many_rows_csv() -> bytes:
    return (
        HEAD + "".join(f"cin_count,Leominster,31 March {1990 + i % 30},{i},\n" for i in range(U.MAX_ROWS + 1))
    ).encode()


GOOD_ROW = "cin_count,Leominster,31 March 2023,12,\n"

# (id, file bytes, file name, expected text in a problem, expected row or None)
BAD_FILES = [
    (
        "missing column",
        b"indicator_id,area,period\ncin_count,Leominster,31 March 2023\n",
        "f.csv",
        "required column 'count' is missing",
        1,
    ),
    (
        "unknown column",
        (HEAD.strip() + ",colour\n" + GOOD_ROW.strip() + ",red\n").encode(),
        "f.csv",
        "'colour' is not a column",
        1,
    ),
    (
        "unknown indicator",
        (HEAD + "cin_rate_typo,Leominster,31 March 2023,4,\n").encode(),
        "f.csv",
        "is not an indicator this format accepts",
        2,
    ),
    (
        "unknown area",
        (HEAD + "cin_count,Atlantis,31 March 2023,4,\n").encode(),
        "f.csv",
        "is not a ward code, locality or Herefordshire",
        2,
    ),
    (
        "whitespace-only area",
        (HEAD + "cin_count,   ,31 March 2023,4,\n").encode(),
        "f.csv",
        "The area is blank",
        2,
    ),
    ("bad quarter", (HEAD + "cin_count,Leominster,2023-Q5,4,\n").encode(), "f.csv", "is not a period", 2),
    (
        "not a quarter end",
        (HEAD + "cin_count,Leominster,15 March 2023,4,\n").encode(),
        "f.csv",
        "not the last day of a quarter",
        2,
    ),
    (
        "financial year for a snapshot",
        (HEAD + "cin_count,Leominster,2022-23,4,\n").encode(),
        "f.csv",
        "is a financial year",
        2,
    ),
    (
        "future period",
        (HEAD + "cin_count,Leominster,31 March 2031,4,\n").encode(),
        "f.csv",
        "in the future",
        2,
    ),
    (
        "negative count",
        (HEAD + "cin_count,Leominster,31 March 2023,-3,\n").encode(),
        "f.csv",
        "is negative",
        2,
    ),
    (
        "fractional count",
        (HEAD + "cin_count,Leominster,31 March 2023,2.5,\n").encode(),
        "f.csv",
        "not a whole number",
        2,
    ),
    (
        "text in count",
        (HEAD + "cin_count,Leominster,31 March 2023,ten,\n").encode(),
        "f.csv",
        "is not a number",
        2,
    ),
    (
        "blank count",
        (HEAD + "cin_count,Leominster,31 March 2023,,\n").encode(),
        "f.csv",
        "The count is blank",
        2,
    ),
    (
        "duplicate key (name and code)",
        (HEAD + GOOD_ROW + "cin_count,LOC-LEOMINSTER,31 March 2023,13,\n").encode(),
        "f.csv",
        "already given in row 2",
        3,
    ),
    (
        "denominator below count",
        (HEAD + "cin_count,Leominster,31 March 2023,40,30\n").encode(),
        "f.csv",
        "smaller than the count",
        2,
    ),
    (
        "denominator zero",
        (HEAD + "cin_count,Leominster,31 March 2023,0,0\n").encode(),
        "f.csv",
        "must be more than zero",
        2,
    ),
    (
        "ward sum above county row",
        (
            HEAD + f"cin_count,{W1},31 March 2023,30,\ncin_count,{W2},31 March 2023,25,\n"
            "cin_count,E06000019,31 March 2023,50,\n"
        ).encode(),
        "f.csv",
        "add up to 55, more than the county total 50",
        3,
    ),
    (
        "ward sum above county total in store",
        (HEAD + f"cin_count,{W1},31 March 2022,20,\ncin_count,{W2},31 March 2022,20,\n").encode(),
        "f.csv",
        "more than the county total 30 from the store",
        3,
    ),
    (
        "wards above their locality row",
        (
            HEAD + f"cin_count,{W1},31 March 2023,6,\ncin_count,{W2},31 March 2023,6,\n"
            "cin_count,Bromyard,31 March 2023,10,\n"
        ).encode(),
        "f.csv",
        "more than that locality's row",
        3,
    ),
    (
        "county row mismatch with store",
        (HEAD + "cin_count,E06000019,31 March 2022,31,\n").encode(),
        "f.csv",
        "differs from the figure already in the store",
        2,
    ),
    ("UTF-16", (HEAD + GOOD_ROW).encode("utf-16"), "f.csv", "UTF-16", None),
    (
        "invalid bytes",
        HEAD.encode() + b"cin_count,Leomin\x81ster\x8d,31 March 2023,4,\n",
        "f.csv",
        "neither UTF-8 nor Windows-1252",
        None,
    ),
    ("binary junk", HEAD.encode() + b"cin_count,\x00\x01\x02,31 March 2023,4,\n", "f.csv", "not text", None),
    (
        "formula =HYPERLINK",
        (HEAD + 'cin_count,"=HYPERLINK(""http://x"",""y"")",31 March 2023,4,\n').encode(),
        "f.csv",
        "run as a formula",
        2,
    ),
    (
        "formula +cmd",
        (HEAD + "cin_count,+cmd|' /C calc'!A0,31 March 2023,4,\n").encode(),
        "f.csv",
        "run as a formula",
        2,
    ),
    (
        "formula @SUM",
        (HEAD + "cin_count,Leominster,31 March 2023,@SUM(1+1),\n").encode(),
        "f.csv",
        "run as a formula",
        2,
    ),
    (
        "formula -2+3",
        (HEAD + "cin_count,Leominster,31 March 2023,-2+3,\n").encode(),
        "f.csv",
        "run as a formula",
        2,
    ),
    (
        "leading tab",
        (HEAD + "cin_count,\tLeominster,31 March 2023,4,\n").encode(),
        "f.csv",
        "run as a formula",
        2,
    ),
    ("empty file", b"", "f.csv", "The file is empty", None),
    ("header only", HEAD.encode(), "f.csv", "no rows of figures", None),
    (
        "blank row in the middle",
        (HEAD + GOOD_ROW + ",,,,\n" + "cin_count,Ledbury,31 March 2023,12,\n").encode(),
        "f.csv",
        "The row is empty",
        3,
    ),
    (
        "ragged row",
        (HEAD + "cin_count,Leominster,31 March 2023,4,,extra\n").encode(),
        "f.csv",
        "values but the header has",
        2,
    ),
    (
        "semicolons",
        b"indicator_id;area;period;count\ncin_count;Leominster;31 March 2023;4\n",
        "f.csv",
        "semicolons",
        1,
    ),
    ("too large", big_csv(), "f.csv", "the limit is 2 MB", None),
    ("too many rows", many_rows_csv(), "f.csv", "the limit is 20,000", None),
    ("wrong extension", (HEAD + GOOD_ROW).encode(), "f.txt", "are not accepted", None),
    ("old .xls", b"\xd0\xcf\x11\xe0 old excel", "f.xls", "old Excel format", None),
    ("xlsx that is not a zip", (HEAD + GOOD_ROW).encode(), "f.xlsx", "is not an Excel workbook", None),
    ("corrupt xlsx", corrupt_xlsx(), "f.xlsx", "cannot be opened as an Excel workbook", None),
    (
        "xlsx with two data sheets",
        xlsx({"Sheet1": [HEAD.strip().split(","), GOOD_ROW.strip().split(",")], "Sheet2": [["other"], [1]]}),
        "f.xlsx",
        "'Sheet1', 'Sheet2'",
        None,
    ),
    (
        "xlsx formula cell",
        xlsx({"data": [HEAD.strip().split(","), ["cin_count", "Leominster", "31 March 2023", "=2+2", None]]}),
        "f.xlsx",
        "contains a formula",
        2,
    ),
    (
        "county format: not the county",
        (COUNTY_HEAD + "LAC,Leominster,31 March 2023,2023-03-31,40\n").encode(),
        "f.csv",
        "is not Herefordshire",
        2,
    ),
    (
        "county format: bad date",
        (COUNTY_HEAD + "LAC,E06000019,31 March 2023,31st of March,40\n").encode(),
        "f.csv",
        "is not a date",
        2,
    ),
    (
        "county format: unknown indicator",
        (COUNTY_HEAD + "NOPE,E06000019,2023,2023-03-31,40\n").encode(),
        "f.csv",
        "not an indicator in the dashboard's catalogue",
        2,
    ),
    (
        "county format: negative count",
        (COUNTY_HEAD + "LACnum,E06000019,31 March 2023,2023-03-31,-1\n").encode(),
        "f.csv",
        "is a count",
        2,
    ),
]


def unpacks_huge_xlsx() -> bytes:
    """A small workbook that unpacks to 25 MB (a zip bomb: zeros compress ~1000:1)."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(xlsx({"data": [HEAD.strip().split(","), GOOD_ROW.strip().split(",")]})))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            z.writestr(item, src.read(item.filename))
        z.writestr("xl/sharedStrings2.xml", b"0" * (25 * 1024 * 1024))
    return buf.getvalue()


# Issue 18: the attack file's cousins: numbers that are not what they look like, years that crash date
# arithmetic, values outside their unit's range (from the catalogue), a zip bomb.
BAD_FILES += [
    (
        "count '1,2' (not 12)",
        (HEAD + 'cin_count,Leominster,31 March 2023,"1,2",\n').encode(),
        "f.csv",
        "'1,2' is not a number",
        2,
    ),
    (
        "count 1e20",
        (HEAD + "cin_count,Leominster,31 March 2023,1e20,\n").encode(),
        "f.csv",
        "not plausible",
        2,
    ),
    (
        "count 2,000,000",
        (HEAD + 'cin_count,Leominster,31 March 2023,"2,000,000",\n').encode(),
        "f.csv",
        "not plausible",
        2,
    ),
    (
        "count inf",
        (HEAD + "cin_count,Leominster,31 March 2023,inf,\n").encode(),
        "f.csv",
        "is not a number",
        2,
    ),
    (
        "count NaN",
        (HEAD + "cin_count,Leominster,31 March 2023,NaN,\n").encode(),
        "f.csv",
        "is not a number",
        2,
    ),
    (
        "denominator '4,1'",
        (HEAD + 'cin_count,Leominster,31 March 2023,3,"4,1"\n').encode(),
        "f.csv",
        "is not a number",
        2,
    ),
    (
        "denominator 1e20",
        (HEAD + "cin_count,Leominster,31 March 2023,3,1e20\n").encode(),
        "f.csv",
        "not plausible",
        2,
    ),
    ("period 0000-Q1", (HEAD + "cin_count,Leominster,0000-Q1,12,\n").encode(), "f.csv", "year outside", 2),
    (
        "period 9999-00",
        (HEAD + "CPP_Total_NumRef,Leominster,9999-00,12,\n").encode(),
        "f.csv",
        "year outside",
        2,
    ),
    (
        "period 31 March 0001",
        (HEAD + "cin_count,Leominster,31 March 0001,12,\n").encode(),
        "f.csv",
        "year outside",
        2,
    ),
    ("period 1899-Q4", (HEAD + "cin_count,Leominster,1899-Q4,12,\n").encode(), "f.csv", "year outside", 2),
    (
        "county 150 %",
        (COUNTY_HEAD + "FSP_Gooddev_FSM,E06000019,2023,2023-08-31,150\n").encode(),
        "f.csv",
        "is a percentage",
        2,
    ),
    (
        "county -20 %",
        (COUNTY_HEAD + "FSP_Gooddev_FSM,E06000019,2023,2023-08-31,-20\n").encode(),
        "f.csv",
        "is a percentage",
        2,
    ),
    (
        "county -5.5 children",
        (COUNTY_HEAD + "LACnum,E06000019,31 March 2023,2023-03-31,-5.5\n").encode(),
        "f.csv",
        "is a count",
        2,
    ),
    (
        "county 5.5 children",
        (COUNTY_HEAD + "LACnum,E06000019,31 March 2023,2023-03-31,5.5\n").encode(),
        "f.csv",
        "whole number",
        2,
    ),
    (
        "county rate below 0",
        (COUNTY_HEAD + "LAC,E06000019,31 March 2023,2023-03-31,-3\n").encode(),
        "f.csv",
        "is a rate",
        2,
    ),
    (
        "county count 1e20",
        (COUNTY_HEAD + "LACnum,E06000019,31 March 2023,2023-03-31,1e20\n").encode(),
        "f.csv",
        "not plausible",
        2,
    ),
    (
        "county value '1,2'",
        (COUNTY_HEAD + 'LAC,E06000019,31 March 2023,2023-03-31,"1,2"\n').encode(),
        "f.csv",
        "is not a number",
        2,
    ),
    (
        "county period_end 0001",
        (COUNTY_HEAD + "LAC,E06000019,31 March 2023,0001-03-31,40\n").encode(),
        "f.csv",
        "year outside",
        2,
    ),
    (
        "county value inf",
        (COUNTY_HEAD + "LAC,E06000019,31 March 2023,2023-03-31,inf\n").encode(),
        "f.csv",
        "is not a number",
        2,
    ),
    ("xlsx unpacks to 25 MB", unpacks_huge_xlsx(), "f.xlsx", "unpacks to", None),
]


def test_xlsx_rows_beyond_a_lying_dimension_tag_are_read(ward_store):
    """An XLSX whose <dimension> says A1:E2 still gives every row (openpyxl read-only mode trusts the tag)."""
    import re
    import zipfile

    rows = [
        ["cin_count", a, "31 March 2023", n, None]
        for a, n in [("Leominster", 12), ("Ledbury", 9), ("Ross-on-Wye", 7)]
    ]
    src = zipfile.ZipFile(io.BytesIO(xlsx({"data": [HEAD.strip().split(","), *rows]})))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:E2"', data)
            z.writestr(item, data)
    res = U.check_file(buf.getvalue(), "f.xlsx", store_path=ward_store, today=TODAY, active={})
    assert res.ok, res.problems
    assert sorted(res.rows["value"]) == [7, 9, 12]


def test_area_totals_are_checked_across_active_uploads(ward_store):
    """Two files of locality counts that each fit under the county total, but not together."""
    first = U.check_file(
        (HEAD + "cin_count,Leominster,31 March 2022,20,\n").encode(),
        "a.csv",
        store_path=ward_store,
        today=TODAY,
        active={},
    )
    assert first.ok, first.problems
    others = first.rows.assign(upload_id="U-first")
    second = U.check_file(
        (HEAD + "cin_count,Ross-on-Wye,31 March 2022,15,\n").encode(),
        "b.csv",
        store_path=ward_store,
        today=TODAY,
        active={},
        others=others,
    )
    assert not second.ok
    assert "add up to 35, more than the county total 30" in second.problems[0].problem
    assert "U-first" in second.problems[0].problem


@pytest.mark.parametrize("case", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file_rejected_and_store_unchanged(ward_store, case):
    _id, data, name, expected, row = case
    before = sha(ward_store)
    with pytest.raises(U.UploadError) as exc:
        U.accept_upload(data, name, "tester", store_path=ward_store, today=TODAY)
    problems = exc.value.problems
    assert problems, "a rejection lists its problems"
    hits = [p for p in problems if expected in p.problem + " " + p.fix]
    assert hits, [p.problem for p in problems]
    if row is not None:
        assert hits[0].row == row
    assert all(p.fix for p in problems), "every problem says how to fix it"
    assert sha(ward_store) == before
    assert not U.manifest_path().exists()
    assert not U.uploads_dir().exists() or not any(U.uploads_dir().iterdir())


def test_every_problem_is_listed(ward_store):
    data = (
        HEAD + "nope,Atlantis,2023-Q5,-3,\ncin_count,Leominster,31 March 2023,2.5,\n"
        "cin_count,Ross-on-Wye,31 March 2023,ten,\n"
    ).encode()
    res = U.check_file(data, "f.csv", today=TODAY)
    got = {(p.row, p.column) for p in res.problems}
    assert {(2, "indicator_id"), (2, "count"), (3, "count"), (4, "count")} <= got
    frame = res.problems_frame()
    assert list(frame.columns) == ["row", "column", "problem", "fix"]


def test_windows_1252_and_bom_accepted(ward_store):
    rows = HEAD.strip() + ",note\ncin_count,Leominster,31 March 2023,12,,café – £5 of notes\n"
    for data in (rows.encode("cp1252"), b"\xef\xbb\xbf" + rows.encode("utf-8"), rows.encode("utf-8")):
        res = U.check_file(data, "f.csv", today=TODAY, active={})
        assert res.ok, res.problems
        assert res.rows["note"].iloc[0] == "café – £5 of notes"


def test_quarters_and_dates(ward_store):
    data = (
        HEAD + "CPP_Num,South Wye,2024-Q2,3,\nCPP_Total_NumRef,Ledbury,2024-Q1,5,\n"
        "CPP_Total_NumRef,Ledbury,2023-24,40,1000\ncin_count,Ledbury,31/03/2024,12,\n"
        f"LACnum,{W1},2024-12-31,2,\n"
    ).encode()
    res = U.check_file(data, "f.csv", today=TODAY, active={})
    assert res.ok, res.problems
    got = dict(
        zip(
            res.rows["source_row"],
            zip(res.rows["period_label"], res.rows["period_start"], res.rows["period_end"]),
        )
    )
    assert got[2] == ("30 June 2024", dt.date(2024, 6, 30), dt.date(2024, 6, 30))
    assert got[3][1:] == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert got[4] == ("2023-24", dt.date(2023, 4, 1), dt.date(2024, 3, 31))
    assert got[5][0] == "31 March 2024"
    assert got[6][0] == "31 December 2024"


def test_templates_round_trip(ward_store):
    assert U.template_csv().decode().splitlines()[0] == "indicator_id,area,period,count,denominator,note"
    assert (
        U.template_csv(U.KIND_COUNTY).decode().startswith("indicator_id,area,period_label,period_end,value")
    )
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(U.template_xlsx()))
    assert wb.sheetnames == ["data", "notes"]
    ws = wb["data"]
    ws.append(["cin_count", "Leominster", "31 March 2023", 12, None, "x"])
    buf = io.BytesIO()
    wb.save(buf)
    res = U.check_file(buf.getvalue(), "filled.xlsx", today=TODAY, active={})
    assert res.ok, res.problems
    assert res.sheet == "data" and len(res.rows) == 1
    # the header-only template itself is rejected as "no rows"
    assert not U.check_file(U.template_xlsx(), "t.xlsx", today=TODAY, active={}).ok


def test_county_format_accepts_any_catalogue_indicator(fresh):
    data = (
        COUNTY_HEAD + "LAC,E06000019,31 March 2023,2023-03-31,71.5\n"
        "FirstYJS,Herefordshire,2022,31/12/2022,250\n"
    ).encode()
    res = U.check_file(data, "county.csv", today=TODAY, active={})
    assert res.ok, res.problems
    assert res.kind == U.KIND_COUNTY and set(res.rows["indicator_id"]) == {"LAC", "FirstYJS"}


def test_load_replace_rollback_restores_identical_store(fresh):
    before = facts(fresh)
    first = U.accept_upload(FIXTURE.read_bytes(), FIXTURE.name, "analyst.one", store_path=fresh, today=TODAY)
    assert first.rows == 9 and first.replaced == []
    con = duckdb.connect(str(fresh), read_only=True)
    loaded = con.execute(
        "SELECT o.indicator_id, o.area_code, o.value, o.numerator, o.denominator, f.source_document "
        "FROM observations o JOIN facts f USING (obs_id) WHERE o.upload_id = ? ORDER BY obs_id",
        [first.upload_id],
    ).fetchall()
    src = con.execute(
        "SELECT title, kind FROM sources WHERE source_id = ?", [f"upload:{first.upload_id}"]
    ).fetchone()
    up = con.execute("SELECT status, rows_loaded, uploaded_by FROM uploads").fetchall()
    con.close()
    assert src[0].startswith("SYNTHETIC TEST DATA") and src[1] == "upload"
    assert up == [("active", 9, "analyst.one")]
    counts = [r for r in loaded if r[0] in U.COUNT_INDICATORS]
    assert len(counts) == 9
    rates = [r for r in loaded if r[0] == "LAC"]  # the two rows with a denominator give a rate; no others do
    assert sorted(round(r[2], 4) for r in rates) == sorted(
        [round(14 / 4100 * 10000, 4), round(8 / 2600 * 10000, 4)]
    )
    assert not [r for r in loaded if r[0] == "CIN"], "no locality rate without an uploaded denominator"
    # archive: original bytes, checksum, normalised rows
    folder = U.uploads_dir() / first.upload_id
    archived = folder / f"{hashlib.sha256(FIXTURE.read_bytes()).hexdigest()}.csv"  # named by its SHA-256
    assert archived.read_bytes() == FIXTURE.read_bytes()
    assert not (folder / FIXTURE.name).exists(), "the user's file name is never a path in the archive"
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() in (folder / "sha256.txt").read_text()
    assert (folder / "rows.csv").exists()

    # re-upload the same indicators, periods and areas with one figure changed: the first is replaced
    changed = FIXTURE.read_text().replace("Leominster,31 March 2023,17", "Leominster,31 March 2023,18")
    second = U.accept_upload(
        changed.encode(), "synthetic_v2.csv", "analyst.two", store_path=fresh, today=TODAY
    )
    assert second.replaced == [first.upload_id]
    log = U.audit_log().set_index("upload_id")
    assert log.at[first.upload_id, "status"] == "replaced"
    assert log.at[first.upload_id, "replaced_by"] == second.upload_id
    con = duckdb.connect(str(fresh), read_only=True)
    live = con.execute("SELECT DISTINCT upload_id FROM observations WHERE upload_id IS NOT NULL").fetchall()
    con.close()
    assert live == [(second.upload_id,)]

    # roll back the second: the first comes back; roll back the first: the store is as before
    assert U.rollback(second.upload_id, "analyst.two", store_path=fresh) == [first.upload_id]
    U.rollback(first.upload_id, "analyst.one", store_path=fresh)
    assert facts(fresh) == before
    log = U.audit_log().set_index("upload_id")
    assert set(log["status"]) == {"rolled back"}
    actions = U.audit_events()["action"].tolist()
    assert actions == ["upload", "upload", "roll back", "roll back"]
    with pytest.raises(U.UploadError, match="cannot be rolled back"):
        U.rollback(first.upload_id, "analyst.one", store_path=fresh)


def test_partial_overlap_is_refused(fresh):
    data = (HEAD + "cin_count,Leominster,31 March 2023,12,\ncin_count,Ledbury,31 March 2023,9,\n").encode()
    res = U.check_file(
        data,
        "f.csv",
        today=TODAY,
        active={
            "U-old": {
                ("cin_count", "LOC-LEOMINSTER", "2023-03-31", "2023-03-31"),
                ("LACnum", "LOC-ROSS", "2023-03-31", "2023-03-31"),
            }
        },
    )
    assert not res.ok
    assert "Roll back upload U-old first" in res.problems[0].fix


def test_failed_rebuild_reverts_manifest_and_archive(fresh, monkeypatch):
    from data import build as build_mod
    from data.buildkit import BuildError

    before = sha(fresh)

    def boom(*a, **k):
        raise BuildError("simulated failure")

    monkeypatch.setattr(build_mod, "build", boom)
    with pytest.raises(U.UploadError, match="simulated failure"):
        U.accept_upload(FIXTURE.read_bytes(), FIXTURE.name, "tester", store_path=fresh, today=TODAY)
    assert sha(fresh) == before
    assert not U.manifest_path().exists()
    assert not any(U.uploads_dir().iterdir())


def test_tampered_archive_fails_the_build(fresh):
    res = U.accept_upload(FIXTURE.read_bytes(), FIXTURE.name, "tester", store_path=fresh, today=TODAY)
    (U.uploads_dir() / res.upload_id / f"{hashlib.sha256(FIXTURE.read_bytes()).hexdigest()}.csv").write_bytes(
        b"changed"
    )
    from data.build import build
    from data.buildkit import BuildError

    with pytest.raises(BuildError, match="SHA-256"):
        build(fresh, public_dir=None, quiet=True)
    m = json.loads(U.manifest_path().read_text())
    assert m["uploads"][0]["status"] == "active"


def test_anonymous_upload_refused(fresh):
    with pytest.raises(U.UploadError, match="signed-in analyst"):
        U.accept_upload(FIXTURE.read_bytes(), FIXTURE.name, "  ", store_path=fresh, today=TODAY)


def test_readers_see_old_or_new_never_an_error(fresh):
    def count() -> int:
        c = duckdb.connect(str(fresh), read_only=True)
        try:
            return c.execute("SELECT count(*) FROM observations").fetchone()[0]
        finally:
            c.close()

    old = count()
    seen, errors = set(), []
    done = threading.Event()

    def reader():
        while not done.is_set():
            try:
                seen.add(count())
            except Exception as e:  # pragma: no cover - the assertion reports it
                errors.append(repr(e))

    def writer():
        try:
            U.accept_upload(FIXTURE.read_bytes(), FIXTURE.name, "tester", store_path=fresh, today=TODAY)
        except Exception as e:  # pragma: no cover
            errors.append(repr(e))
        finally:
            done.set()

    readers = [threading.Thread(target=reader) for _ in range(4)]
    for t in readers:
        t.start()
    w = threading.Thread(target=writer)
    w.start()
    w.join(timeout=120)
    for t in readers:
        t.join(timeout=10)
    new = count()
    assert not errors, errors
    assert new > old
    assert seen <= {old, new}
    assert old in seen


# ---------------------------------------------------------------------------------------------- sign-in, page


def test_verify_and_configured_hash(monkeypatch):
    from dashboard.intake import auth

    h = auth.hash_password("correct horse battery", rounds=4)
    assert auth.verify("correct horse battery", h)
    assert not auth.verify("wrong", h)
    assert not auth.verify("x", "not a hash") and not auth.verify("", h) and not auth.verify("x", None)
    monkeypatch.setenv(auth.ENV_VAR, h)
    assert auth.configured_hash() == h
    assert auth.check_credentials("a.analyst", "correct horse battery") == "a.analyst"
    assert auth.check_credentials("a.analyst", "nope") is None
    assert auth.check_credentials("", "correct horse battery") is None


def test_hash_cli_reads_stdin():
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "dashboard.intake.auth", "hash"],
        input="a long enough password\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    from dashboard.intake import auth

    assert auth.verify("a long enough password", out.stdout.strip())


def test_upload_page_gate_and_sign_in(fresh, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard.intake import auth

    monkeypatch.setenv(auth.ENV_VAR, auth.hash_password("correct horse battery", rounds=4))
    at = AppTest.from_file(str(ROOT / "pages" / "upload.py"), default_timeout=60)
    at.run()
    assert not at.exception
    at.text_input[0].input("a.analyst")
    at.text_input[1].input("wrong")
    at.button[0].click().run()
    assert not at.exception and any("not recognised" in e.value for e in at.error)
    at.text_input[1].input("correct horse battery")
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["analyst_user"] == "a.analyst"
    assert any("Audit log" in s.value for s in at.subheader)
