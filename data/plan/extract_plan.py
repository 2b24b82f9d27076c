"""Re-creates data/plan/recommendations.csv, actions.csv and leads.csv from seed 001's flattened action-plan table.

The plan table (001, lines 603-846) is OCR text with one table row per line and the eight columns
separated by tabs: Recommendation | Action to be Taken | Lead | By When | Progress to Date | People/Partners |
Additional Capacity Requirement | Target/Success Criteria. The parser below walks those rows; the OVERRIDES
dict records, line by line, where the OCR shifted a cell and how it was read. Every row keeps the exact
substring of its line as `source_quote`. The 24 March 2006 progress cells go to progress.csv together with the
hand-extracted report rows in progress_reports.py (19 May 2006, 31 May 2006, 24 January 2008).

Run: .venv/bin/python -m data.plan.extract_plan   (rewrites the CSVs; review the diff before committing)
"""

from __future__ import annotations

import calendar
import csv
import re
from datetime import date
from pathlib import Path

from data.seedcheck import seed_lines

DOC = "001_b46cc8812e60abd1.txt"
HERE = Path(__file__).resolve().parent
FIRST, LAST = 603, 846
HEADER = "Recommendation\tAction to be Taken"
DITTO = {'"', "“", "”"}
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_name) if m})
MONTHS["sept"] = 9

# Lines where the OCR moved a cell: line -> {column: value} after splitting, or a special instruction.
OVERRIDES: dict[int, dict] = {
    # "Implement action plan": the date sits in the progress column.
    672: {"by_when": "From 15 Mar 06", "progress": ""},
    # "Establish multi-agency group ...": the date sits in the progress column.
    697: {"by_when": "Apr 06", "progress": ""},
    # "Evaluation of Year 1 of CCM ...": partners and capacity shifted one column right.
    730: {"partners": "All partner organisations", "capacity": "Staff time, venue and materials.", "success": ""},
    # "Improve website:": partners, capacity and success shifted one column right (nine cells).
    780: {"partners": "ICT Services", "capacity": "Web development costs C&YPPB",
          "success": "Improved and expanded web presence. Positive on-line evaluation results."},
    # Rec 13's last two rows lost their leading tab: the action is in column 0, the lead in column 1.
    810: {"shift_left": True},
    811: {"shift_left": True},
}
NOTES = {
    766: "Target printed 'Jun 05', before the plan was written (Dec 05 - Mar 06); probably 'Jun 06'. Recorded as printed.",
    708: "Lead printed 'SF (IMS)'; probably 'SF (ISM)', the Interim Senior Manager.",
    655: "The next three table rows give only further dates for this action (End September 06, End Dec 06, End Mar 07); "
         "target_date is the first.",
    615: "Ditto lead mark resolved to the lead of the row above.",
}
CONTINUATION_DATES = {656, 657, 658}   # extra "By When" cells of line 655
REC_CONTINUATION = {798}               # column 0 continues rec 12's text
PROGRESS_ONLY = {841}                  # a progress cell with no action: a recommendation-level entry for rec 16


def _eom(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _year(tok: str) -> int:
    y = int(tok)
    return 2000 + y if y < 100 else y


_DAY_MON_YR = re.compile(r"(\d{1,2})\s*(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?\s*(\d{2,4})\b")
_MON_YR = re.compile(r"([A-Za-z]+)\.?\s*(\d{2,4})\b")


def parse_target(text: str) -> tuple[date | None, str]:
    """The target date a 'By When' cell represents, and the convention used.

    Conventions (readable, so the page can state them):
    - a day given ('4 Jan 06', '1 st Apr 06') -> that day;
    - a month only ('Jan 06', 'End Feb 06', 'May06') -> the LAST day of that month (a 'by when' month means by its end);
    - 'mid <month>' -> the 15th;
    - a range ('Jan - Mar 06', 'Feb-Apr 06', 'Oct 06- Apr 07', 'Late Feb. - 7 March 06') -> the end of the range;
    - 'Autumn 06' -> 30 November 06 (end of autumn term); '06/07' -> 31 March 2007 (end of the financial year);
    - 'Commencing X, thereafter ... review in Y' -> the review date Y (the first point at which slippage can be seen);
    - 'From X' with no end, 'tbc', blank -> no date (ongoing / to be confirmed).
    """
    t = (text or "").strip()
    low = t.lower()
    if not t or low == "tbc":
        return None, "no date given"
    if re.fullmatch(r"\d{2}/\d{2}", t):
        return date(_year(t[3:]), 3, 31), "financial year: 31 March of its second year"
    if low.startswith("commencing"):
        m = re.search(r"review(?: end| in)?\s+([A-Za-z]+)\.?\s*(\d{2,4})?", t)
        if m and m.group(1).lower()[:3] in MONTHS:
            y = _year(m.group(2)) if m.group(2) else 2006
            return _eom(y, MONTHS[m.group(1).lower()[:3]]), "ongoing: date of the first review"
        return None, "ongoing, no review date"
    if low.startswith("from") and "no less" not in low:
        return None, "ongoing from a start date, no end"
    if low.startswith("from"):
        return None, "ongoing from a start date, no end"
    season = re.search(r"autumn\s*(\d{2,4})", low)
    if season:
        return date(_year(season.group(1)), 11, 30), "autumn: 30 November"
    # Last date-like token in the text = end of a range or the single date.
    found: list[tuple[int, date, str]] = []
    for m in _DAY_MON_YR.finditer(t):
        mon = m.group(2).lower()
        key = mon if mon in MONTHS else mon[:3]
        if key in MONTHS:
            found.append((m.end(), date(_year(m.group(3)), MONTHS[key], int(m.group(1))), "day given"))
    for m in _MON_YR.finditer(t):
        mon = m.group(1).lower()
        key = mon if mon in MONTHS else mon[:3]
        if key in MONTHS and not any(e == m.end() for e, _, _ in found):
            if "mid" in low[max(0, m.start() - 5): m.start()]:
                found.append((m.end(), date(_year(m.group(2)), MONTHS[key], 15), "mid-month: the 15th"))
            else:
                found.append((m.end(), _eom(_year(m.group(2)), MONTHS[key]), "month only: last day of the month"))
    if not found:
        return None, "no date recognised"
    found.sort(key=lambda x: x[0])
    end, d, rule = found[-1]
    if len(found) > 1 or re.search(r"[–-]", t):
        rule = "range: end of the range (" + rule + ")"
    return d, rule


def clean(cell: str) -> str:
    s = re.sub(r"</p>\s*<p>", " / ", cell)
    s = re.sub(r"</li>\s*<li>", "; ", s)
    s = re.sub(r"<[^>]+>", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def quote_of(cell: str, limit: int = 160) -> str:
    """An exact substring of the cell: its first tag-free segment, cut at a word boundary."""
    seg = next((p for p in re.split(r"<[^>]+>", cell) if p.strip()), "").strip()
    if len(seg) <= limit:
        return seg
    cut = seg[:limit]
    return cut[: cut.rfind(" ")] if " " in cut else cut


def parse():
    lines = seed_lines(DOC)
    recs: dict[int, dict] = {}
    actions: list[dict] = []
    progress: list[dict] = []
    rec_id = None
    last_lead: dict[int, str] = {}
    for n in range(FIRST, LAST + 1):
        raw = lines[n - 1]
        if not raw.strip() or raw.startswith(HEADER):
            continue
        cells = raw.split("\t") + [""] * 9
        ov = OVERRIDES.get(n, {})
        if ov.get("shift_left"):
            cells = [""] + cells
        col0, action, lead, by_when, prog, partners, capacity, success = (c.strip() for c in cells[:8])
        m = re.match(r"^(\d{1,2})\s*\.\s*(.*)$", col0)
        if m:
            rec_id = int(m.group(1))
            recs[rec_id] = {"rec_id": rec_id, "text": m.group(2).strip(), "line": n, "quote": col0}
        elif n in REC_CONTINUATION:
            recs[rec_id]["text"] += " " + col0
        if n in CONTINUATION_DATES:
            actions[-1]["target_text"] += "; " + by_when
            continue
        if n in PROGRESS_ONLY:
            progress.append({"rec_id": rec_id, "action_id": "", "cell": prog, "line": n})
            continue
        by_when = ov.get("by_when", by_when)
        prog = ov.get("progress", prog)
        partners = ov.get("partners", partners)
        capacity = ov.get("capacity", capacity)
        success = ov.get("success", success)
        seq = sum(1 for a in actions if a["rec_id"] == rec_id) + 1
        lead_written = lead
        note = NOTES.get(n, "")
        if lead in DITTO:
            lead = last_lead.get(rec_id, "")
            note = (note + " " if note and n != 615 else "") + "Lead is a ditto mark in the source; resolved to the lead above."
            note = note.strip()
        elif lead:
            last_lead[rec_id] = lead
        target, rule = parse_target(by_when)
        a = {
            "action_id": f"{rec_id}.{seq}", "rec_id": rec_id, "seq": seq, "text": clean(action), "lead": lead,
            "lead_as_written": lead_written, "partners": clean(partners), "additional_capacity": clean(capacity),
            "target_date": target.isoformat() if target else "", "target_text": by_when, "target_rule": rule,
            "success_measures": clean(success), "note": note,
            "source_id": DOC, "source_document": DOC, "source_line": n, "source_quote": quote_of(action),
        }
        actions.append(a)
        if prog:
            progress.append({"rec_id": rec_id, "action_id": a["action_id"], "cell": prog, "line": n})
    for a in actions:   # the 655 continuation dates were appended after parsing its date
        if ";" in a["target_text"]:
            d, _ = parse_target(a["target_text"].split(";")[0])
            a["target_date"] = d.isoformat() if d else ""
            a["target_rule"] = "several dates: the first"
    return recs, actions, progress


def main():
    recs, actions, progress = parse()
    meta = {}
    with (HERE / "rec_meta.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            meta[int(r["rec_id"])] = r
    rec_rows = []
    for rid in sorted(recs):
        r = recs[rid]
        m = meta[rid]
        rec_rows.append({
            "rec_id": rid, "text": m["text"] or r["text"], "rec_group": m["rec_group"], "timescale": m["timescale"],
            "ecm_outcome": m["ecm_outcome"], "source_id": DOC, "source_document": DOC, "source_line": r["line"],
            "source_quote": r["quote"],
        })
    write("recommendations.csv", rec_rows)
    write("actions.csv", actions)
    prog_rows = []
    for i, p in enumerate(progress, start=1):
        prog_rows.append({
            "progress_id": f"P0324-{i:03d}", "rec_id": p["rec_id"], "action_id": p["action_id"],
            "report_date": "2006-03-24",
            "report_label": "Action plan 'Progress to Date' column (Cabinet 30 March 2006)",
            "progress_text": clean(p["cell"]),
            "note": "The column's latest dated entry is 25 March 2006; filed under the plan's 24 March 2006 summary date.",
            "source_id": DOC, "source_document": DOC, "source_line": p["line"], "source_quote": quote_of(p["cell"]),
        })
    from data.plan.progress_reports import report_rows

    prog_rows += report_rows()
    write("progress.csv", prog_rows)
    print(f"{len(rec_rows)} recommendations, {len(actions)} actions, {len(prog_rows)} progress rows")


def write(name: str, rows: list[dict]):
    with (HERE / name).open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
