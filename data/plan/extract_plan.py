"""Re-creates data/plan/recommendations.csv, actions.csv and leads.csv from seed
001's flattened action-plan table.

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
    730: {
        "partners": "All partner organisations",
        "capacity": "Staff time, venue and materials.",
        "success": "",
    },
    # "Improve website:": partners, capacity and success shifted one column right (nine cells).
    780: {
        "partners": "ICT Services",
        "capacity": "Web development costs C&YPPB",
        "success": "Improved and expanded web presence. Positive on-line evaluation results.",
    },
    # Rec 13's last two rows lost their leading tab: the action is in column 0, the lead in column 1.
    810: {"shift_left": True},
    811: {"shift_left": True, "by_when": "End Apr 06", "progress": ""},
}
NOTES = {
    766: "Target printed 'Jun 05', before the plan was written (Dec 05 - Mar 06); probably 'Jun 06'. "
    "Recorded as printed.",
    708: "Lead printed 'SF (IMS)'; probably 'SF (ISM)', the Interim Senior Manager.",
    655: "The next three table rows give only further dates for this action (End September 06, End Dec 06, "
    "End Mar 07); "
    "target_date is the first.",
}
# rec_id -> (group, Every Child Matters outcome). Groups are the project's themes; outcomes follow the APA
# self-assessment's table of "JAR Recommendations plus Priorities" (000 lines 153-166): recs 1-6 under Staying
# safe; 7, 8, 9, 11, 14 under Being healthy; 16 under Economic well-being; 10 under Vulnerable groups / LDD
# transition (placed with Achieve economic well-being, as the APA's section on it is, 000 line 619); 12, 13,
# 15, 17
# under Service management ("Integrating service delivery").
# timescale: the 19 May 2006 report's "JAR Timescale Requirement" rows: "January – June 2006" above recs 1-4
# (004 line 15) and "June 2006 -" above rec 5 onwards (004 line 30).
REC_META = {
    1: ("Safeguarding: thresholds and the Child Concern Model", "Stay safe"),
    2: ("Safeguarding: thresholds and the Child Concern Model", "Stay safe"),
    3: ("Workforce", "Stay safe"),
    4: ("Safeguarding: thresholds and the Child Concern Model", "Stay safe"),
    5: ("Safeguarding: thresholds and the Child Concern Model", "Stay safe"),
    6: ("Safeguarding: thresholds and the Child Concern Model", "Stay safe"),
    7: ("Looked after children", "Be healthy"),
    8: ("Children with learning difficulties and disabilities", "Be healthy"),
    9: ("Children with learning difficulties and disabilities", "Be healthy"),
    10: ("Children with learning difficulties and disabilities", "Achieve economic well-being"),
    11: ("Children with learning difficulties and disabilities", "Be healthy"),
    12: ("Planning, information and performance management", "Service management"),
    13: ("Planning, information and performance management", "Service management"),
    14: ("Mental health (tier 4 CAMHS)", "Be healthy"),
    15: ("Participation of children and young people", "Service management"),
    16: ("Housing", "Achieve economic well-being"),
    17: ("Planning, information and performance management", "Service management"),
}
# Rec 12's cell is split over lines 795 and 798 with a repeated fragment; the full wording is on line 865-867.
TEXT_FIXES = {
    12: "Improve action planning to deliver strategic aims and objectives and, in particular, ensure that "
    "associated resourcing needs are met.",
}
CONTINUATION_DATES = {656, 657, 658}  # extra "By When" cells of line 655
REC_CONTINUATION = {798}  # column 0 continues rec 12's text
PROGRESS_ONLY = {841}  # a progress cell with no action: a recommendation-level entry for rec 16


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
    - a month only ('Jan 06', 'End Feb 06', 'May06') -> the LAST day of that month (a 'by when' month means
    by its end);
    - 'mid <month>' -> the 15th;
    - a range ('Jan - Mar 06', 'Feb-Apr 06', 'Oct 06- Apr 07', 'Late Feb. - 7 March 06') -> the end of the
    range;
    - 'Autumn 06' -> 30 November 06 (end of autumn term); '06/07' -> 31 March 2007 (end of the financial
    year);
    - 'Commencing X, thereafter ... review in Y' -> the review date Y (the first point at which slippage can
    be seen);
    - 'From X' with no end, 'tbc', blank -> no date (ongoing / to be confirmed).
    """
    t = (text or "").strip()
    low = t.lower()
    if not t or low == "tbc":
        return None, "no date given"
    if re.fullmatch(r"\d{2}/\d{2}", t):
        return date(_year(t[3:]), 3, 31), "financial year: 31 March of its second year"
    if low.startswith(("commencing", "from")):
        # the review date: the first month named after the word "review"/"reviewed" (year 2006 when not
        # printed)
        m = re.search(r"review.*?\b([A-Za-z]+)\.?\s*(\d{2,4})?\.?\)?$", t)
        if m and m.group(1).lower()[:3] in MONTHS and m.group(1).lower() not in ("review", "arrangements"):
            y = _year(m.group(2)) if m.group(2) else 2006
            return _eom(y, MONTHS[m.group(1).lower()[:3]]), "ongoing: date of the review it names"
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
            if "mid" in low[max(0, m.start() - 5) : m.start()]:
                found.append((m.end(), date(_year(m.group(2)), MONTHS[key], 15), "mid-month: the 15th"))
            else:
                found.append(
                    (m.end(), _eom(_year(m.group(2)), MONTHS[key]), "month only: last day of the month")
                )
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
            note = (note + " Lead is a ditto mark in the source; resolved to the lead above.").strip()
        elif lead:
            last_lead[rec_id] = lead
        target, rule = parse_target(by_when)
        a = {
            "action_id": f"{rec_id}.{seq}",
            "rec_id": rec_id,
            "seq": seq,
            "text": clean(action),
            "lead": lead,
            "lead_as_written": lead_written,
            "partners": clean(partners),
            "additional_capacity": clean(capacity),
            "target_date": target.isoformat() if target else "",
            "target_text": by_when,
            "target_rule": rule,
            "success_measures": clean(success),
            "note": note,
            "source_id": DOC,
            "source_document": DOC,
            "source_line": n,
            "source_quote": quote_of(action),
        }
        actions.append(a)
        if prog:
            progress.append({"rec_id": rec_id, "action_id": a["action_id"], "cell": prog, "line": n})
    for a in actions:  # the 655 continuation dates were appended after parsing its date
        if ";" in a["target_text"]:
            d, _ = parse_target(a["target_text"].split(";")[0])
            a["target_date"] = d.isoformat() if d else ""
            a["target_rule"] = "several dates: the first"
    return recs, actions, progress


def main():
    recs, actions, progress = parse()
    rec_rows = []
    for rid in sorted(recs):
        r = recs[rid]
        group, outcome = REC_META[rid]
        text = re.sub(r"\s+", " ", r["text"]).strip()
        text = TEXT_FIXES.get(rid, text)
        rec_rows.append(
            {
                "rec_id": rid,
                "text": text,
                "rec_group": group,
                "timescale": "January – June 2006" if rid <= 4 else "June 2006 -",
                "ecm_outcome": outcome,
                "source_id": DOC,
                "source_document": DOC,
                "source_line": r["line"],
                "source_quote": r["quote"],
            }
        )
    write("recommendations.csv", rec_rows)
    write("actions.csv", actions)
    prog_rows = []
    for i, p in enumerate(progress, start=1):
        prog_rows.append(
            {
                "progress_id": f"P0324-{i:03d}",
                "rec_id": p["rec_id"],
                "action_id": p["action_id"],
                "report_date": "2006-03-24",
                "report_label": "Action plan 'Progress to Date' column (Cabinet 30 March 2006)",
                "progress_text": clean(p["cell"]),
                "note": "The column's latest dated entry is 25 March 2006; filed under the plan's 24 March "
                "2006 summary date.",
                "source_id": DOC,
                "source_document": DOC,
                "source_line": p["line"],
                "source_quote": quote_of(p["cell"]),
            }
        )
    write("leads.csv", lead_rows())
    from data.plan.progress_reports import report_rows

    prog_rows += report_rows()
    write("progress.csv", prog_rows)
    print(f"{len(rec_rows)} recommendations, {len(actions)} actions, {len(prog_rows)} progress rows")


def lead_rows() -> list[dict]:
    """The plan's 'Index to initials' (001 lines 574-592) and its glossary of bodies (lines 594-601)."""
    lines = seed_lines(DOC)
    rows = []
    for n in range(576, 602):
        raw = lines[n - 1]
        cells = raw.split("\t")
        if len(cells) == 3:
            ini, name, role = (c.strip() for c in cells)
            rows.append(
                {
                    "initials": ini,
                    "role": f"{role} ({name})",
                    "kind": "person",
                    "name": name,
                    "source_id": DOC,
                    "source_document": DOC,
                    "source_line": n,
                    "source_quote": raw.strip(),
                }
            )
            continue
        m = re.match(r"^\s*-?\s*([A-Za-z&]+)\s+(.+)$", raw)
        if m and raw.strip():
            ini, role = m.group(1), m.group(2).strip()
            kind = "role" if ini == "ISM" else "glossary"
            rows.append(
                {
                    "initials": ini,
                    "role": role,
                    "kind": kind,
                    "name": "",
                    "source_id": DOC,
                    "source_document": DOC,
                    "source_line": n,
                    "source_quote": f"{ini} {role}",
                }
            )
    return rows


def write(name: str, rows: list[dict]):
    with (HERE / name).open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
