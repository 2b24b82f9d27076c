"""Checking an upload: what a good file is read as (XLSX rows past a lying dimension tag, Windows-1252 and BOM
text, quarters and dates, the templates, any catalogue indicator in the county format), every problem listed
at once, and the checks across uploads (area totals against the county, overlaps with an active upload)."""

from __future__ import annotations

import datetime as dt
import io

from uploads_env import COUNTY_HEAD, HEAD, TODAY, W1, xlsx

from dashboard.intake import uploads as U


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
