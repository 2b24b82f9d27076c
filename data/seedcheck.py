"""Provenance checks for rows hand-extracted from the seed documents.

Every seed row cites `source_document` (file name), `source_line` (1-based) and `source_quote` (an exact
substring of that line). Figure rows must also have a `value` that can be read from the quote.

Run on files while extracting:  python -m data.seedcheck data/seeds/figures_000.csv [...]
"""

from __future__ import annotations

import csv
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NUMBER_WORDS = {
    "nil": 0,
    "none": 0,
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "half": 50,
    "quarter": 25,
    "third": 33.3,
    "thirds": 66.7,
    "once": 1,
    "twice": 2,
    "single": 1,
    "double": 2,
    "dozen": 12,
}
_NUM = re.compile(r"(?<![\w.])[-−–]?\d[\d,]*(?:\.\d+)?|(?<![\w.])\.\d+")


def seeds_dir() -> Path:
    env = os.environ.get("SEEDS_DIR")
    if env:
        return Path(env)
    public = os.environ.get("PUBLIC_DATA_DIR")
    if public:
        candidate = Path(public).resolve().parent / "seeds"
        if candidate.is_dir():
            return candidate
    return (ROOT.parent / "shared" / "seeds").resolve()


@lru_cache(maxsize=16)
def seed_lines(file_name: str) -> tuple[str, ...]:
    """The document's lines, split as the README says (Python split on newline, 1-based by index+1)."""
    text = (seeds_dir() / file_name).read_text(encoding="utf-8")
    return tuple(text.split("\n"))


def numbers_in(quote: str) -> list[float]:
    """Every number a reader could take from the quote: '1,893' -> 1893, '43.21%' -> 43.21,
    '£1.2m' -> 1.2 and 1200000, 'nine' -> 9, '2004/05' -> 2004 and 5."""
    found: list[float] = []
    for m in _NUM.finditer(quote):
        raw = m.group(0).replace(",", "").replace("−", "-").replace("–", "-")
        try:
            v = float(raw)
        except ValueError:
            continue
        found.append(v)
        found.append(abs(v))
        tail = quote[m.end() : m.end() + 9].lower().lstrip()
        if tail.startswith(("m ", "m,", "m.", "m)", "million")) or tail == "m":
            found.append(abs(v) * 1_000_000)
        if tail.startswith(("k ", "k,", "k.", "thousand")) or tail == "k":
            found.append(abs(v) * 1_000)
        if tail.startswith(("bn", "billion")):
            found.append(abs(v) * 1_000_000_000)
    for w in re.findall(r"[A-Za-z]+", quote.lower()):
        if w in NUMBER_WORDS:
            found.append(float(NUMBER_WORDS[w]))
    return found


def value_in_quote(value: float, quote: str) -> bool:
    for n in numbers_in(quote):
        if abs(n - value) <= max(1e-9, abs(value) * 1e-9):
            return True
    return False


def check_row(row: dict, needs_value: bool) -> list[str]:
    """Problems with one row, as sentences (empty when the row is sound)."""
    problems: list[str] = []
    doc = (row.get("source_document") or "").strip()
    quote = row.get("source_quote") or ""
    try:
        line_no = int(row.get("source_line") or "")
    except ValueError:
        return [f"source_line {row.get('source_line')!r} is not a whole number"]
    try:
        lines = seed_lines(doc)
    except FileNotFoundError:
        return [f"source_document {doc!r} is not a seed file"]
    if not 1 <= line_no <= len(lines):
        return [f"source_line {line_no} is outside {doc} (1..{len(lines)})"]
    if not quote.strip():
        problems.append("source_quote is empty")
    elif quote not in lines[line_no - 1]:
        problems.append(f"quote not on {doc}:{line_no}: {quote[:80]!r}")
    if needs_value and (row.get("status") or "").strip() == "":
        raw = (row.get("value") or "").strip()
        try:
            value = float(raw)
        except ValueError:
            problems.append(f"value {raw!r} is not a number (give a status symbol when there is none)")
        else:
            if quote and not value_in_quote(value, quote):
                problems.append(f"value {raw} cannot be read from the quote {quote[:80]!r}")
    return problems


def check_file(path: Path) -> list[str]:
    needs_value = path.name.startswith("figures_")
    out = []
    with path.open(newline="", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh), start=2):
            if "source_document" not in row:
                if path.name.startswith(("figures_", "judgements_", "statements_")):
                    return [f"{path.name}: no source_document column"]
                return []  # a file with no seed provenance (e.g. indicator definitions)
            if not (row.get("source_document") or "").strip():
                continue  # rows not from a seed document (e.g. project-made links) carry no quote
            for p in check_row(row, needs_value):
                key = row.get("fact_id") or row.get("judgement_id") or row.get("statement_id") or ""
                out.append(f"{path.name} row {i} {key}: {p}")
    return out


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "data").rglob("*.csv"))
    problems: list[str] = []
    for p in paths:
        problems.extend(check_file(p))
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s) in {len(paths)} file(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
