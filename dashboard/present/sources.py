"""How a source is named for people: 'Cabinet report, 24 January 2008, line 62' (no Streamlit).

The store names every source once (the `source_label` macro in data/schema.sql gives `source_document` in
`facts` and the queries, and the `source_labels` table); this module adds the line and maps the names a
figure may carry (file name, source id, full title) to that label. Pages, tables, hovers, downloads,
slides and speaker notes all cite through `cite`; only the Sources page shows a document's file name.
"""

from __future__ import annotations

import re

import pandas as pd

# A seed document's file name ('002_2fdbf91cb6f1887a.txt') or a builder's shorthand for it ('seed 003').
SEED_FILE_RE = re.compile(r"\b\d{3}_[0-9a-f]{16}(?:\.txt)?\b")
SEED_SHORT_RE = re.compile(r"\bseeds? (\d{3})\b", re.IGNORECASE)


def _line(line) -> str:
    if line is None or isinstance(line, str) and not line.strip():
        return ""
    try:
        if pd.isna(line):
            return ""
    except (TypeError, ValueError):
        return ""
    text = str(line).strip()
    try:
        return str(int(float(text)))
    except ValueError:
        return text


def cite(document, line=None, names: dict[str, str] | None = None) -> str:
    """'Cabinet report, 24 January 2008, line 62'; the document alone without a line; '' without a document.
    `names` (from `labels`) turns a file name or source id into the document's label."""
    if document is None or not isinstance(document, str) and pd.isna(document):
        return ""
    doc = str(document).strip()
    doc = (names or {}).get(doc, doc)
    n = _line(line)
    return f"{doc}, line {n}" if doc and n else doc


def cite_rows(df: pd.DataFrame, doc_col: str = "source_document", line_col: str = "source_line") -> list[str]:
    """`cite` for every row of a table (a column of citations, e.g. for a hover or a table's 'Source')."""
    if df.empty or doc_col not in df:
        return [""] * len(df)
    lines = df[line_col] if line_col in df else [None] * len(df)
    return [cite(d, n) for d, n in zip(df[doc_col], lines)]


def labels(con) -> dict[str, str]:
    """File name, title or source id -> the source's label in the store."""
    from dashboard.store.queries import run_sql

    try:
        s = run_sql(con, "story_sources")
    except Exception:  # noqa: BLE001 - an older store without labels: sources keep the names figures give
        return {}
    return {
        key: r.label
        for r in s.itertuples()
        for key in (r.file_name, r.title, r.source_id)
        if isinstance(key, str) and key
    }


def by_number(names: dict[str, str]) -> dict[str, str]:
    """'003' -> the label of seed file 003_....txt (for text that says 'seed 003')."""
    out = {}
    for key, label in names.items():
        m = SEED_FILE_RE.fullmatch(key)
        if m:
            out[key[:3]] = label
    return out


def name_files(text: str, names: dict[str, str]) -> str:
    """Text with every seed file name (and 'seed 003') replaced by the document's label."""
    if not text:
        return text or ""
    nums = by_number(names)

    def file_sub(m: re.Match) -> str:
        key = m.group(0)
        return names.get(key) or names.get(key + ".txt") or nums.get(key[:3], key)

    def short_sub(m: re.Match) -> str:
        return nums.get(m.group(1), m.group(0))

    return SEED_SHORT_RE.sub(short_sub, SEED_FILE_RE.sub(file_sub, text))


def has_file_name(text: str) -> bool:
    """True when text shows a seed file name or 'seed 003' (allowed on the Sources page only)."""
    return bool(SEED_FILE_RE.search(text or "") or SEED_SHORT_RE.search(text or ""))
