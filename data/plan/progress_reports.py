"""Hand-extracted progress reports on the JAR recommendations (recommendation level, action_id blank).

The quotes are in report_quotes.csv (report, rec_ids, heading, quote). The quote is an exact substring of one
line of the seed; its line number is found by searching the document and must be unique. `heading` is the one
the line sits under in the source (e.g. "What we have achieved so far"), prefixed to progress_text so the
status rules can read it;
it is never part of the quote. One quote that names several recommendations gives one row per recommendation.
"""

from __future__ import annotations

import csv
from pathlib import Path

from data.seedcheck import seed_lines

REPORTS = {
    "0324": (
        "2006-03-24",
        "001_b46cc8812e60abd1.txt",
        "Summary progress report as at 24 March 2006 (Cabinet 30 March 2006)",
    ),
    "0519": ("2006-05-19", "004_fbd8def23261e3f4.txt", "Summary progress report 19 May 2006"),
    "0531": ("2006-05-31", "000_2a4c1fcaad081570.txt", "APA self-assessment 31 May 2006"),
    "0124": (
        "2008-01-24",
        "002_2fdbf91cb6f1887a.txt",
        "Cabinet report 24 January 2008: 2007 APA and end of Government Office intervention",
    ),
}
QUOTES = Path(__file__).resolve().parent / "report_quotes.csv"


def entries() -> list[tuple[str, tuple[int, ...], str, str]]:
    """report_quotes.csv as (report, rec_ids, quote, context): one row per quote; `rec_ids` lists the
    recommendations it speaks of ('3;4'), `heading` the source heading it sits under (may be blank)."""
    with QUOTES.open(encoding="utf-8", newline="") as f:
        return [
            (
                r["report"],
                tuple(int(x) for x in r["rec_ids"].split(";")),
                r["quote"],
                r["heading"] and r["heading"] + ": ",
            )
            for r in csv.DictReader(f)
        ]


def find_line(doc: str, quote: str) -> int:
    hits = [i + 1 for i, line in enumerate(seed_lines(doc)) if quote in line]
    if len(hits) != 1:
        raise ValueError(f"quote found on {len(hits)} lines of {doc}: {quote[:60]!r}")
    return hits[0]


def _text(quote: str) -> str:
    import re

    s = re.sub(r"<[^>]+>", " ", quote).replace("\t", " — ")
    return re.sub(r"\s+", " ", s).strip()


def report_rows() -> list[dict]:
    rows = []
    seen: dict[tuple[str, int], int] = {}
    for key, rec_ids, quote, context in entries():
        rdate, doc, label = REPORTS[key]
        line = find_line(doc, quote)
        for rec in rec_ids:
            k = (key, rec)
            seen[k] = seen.get(k, 0) + 1
            rows.append(
                {
                    "progress_id": f"P{key}-R{rec:02d}-{seen[k]}",
                    "rec_id": rec,
                    "action_id": "",
                    "report_date": rdate,
                    "report_label": label,
                    "progress_text": context + _text(quote),
                    "note": "Context heading added before the quote: '" + context.strip() + "'"
                    if context
                    else "",
                    "source_id": doc,
                    "source_document": doc,
                    "source_line": line,
                    "source_quote": quote,
                }
            )
    return rows
