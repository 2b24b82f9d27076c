"""Every kind of bad upload is rejected with its message (and how to fix it) and the store untouched: missing
or unknown columns, areas, periods and counts, area totals above the county's, encodings, sizes, formulas,
workbooks, and (issue 18) the attack file's cousins: numbers that are not what they look like, years that
crash date arithmetic, values outside their unit's range, a zip bomb."""

from __future__ import annotations

import io

import pytest
from uploads_env import COUNTY_HEAD, GOOD_ROW, HEAD, TODAY, W1, W2, sha, xlsx

from dashboard.intake import uploads as U


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
