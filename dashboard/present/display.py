"""Tables as people read them: every cell as the text it should show (no Streamlit).

No 'None', 'nan' or 'NaT' (an empty cell is blank), numbers rounded (to the indicator's decimals where the
caller knows them, else to whole numbers or one decimal place), thousands separated, dates as '31 Mar 2014'
and yes/no for true/false. Downloads keep the frame itself; only the screen shows these strings.
"""

from __future__ import annotations

import re

import pandas as pd

EMPTY = {"", "none", "nan", "nat", "<na>", "null"}
# Numbers that are labels, not quantities: no thousands separator, no decimals.
PLAIN = re.compile(r"(^|_)(line|id|year|no|number|rank|code)$|^(rec_id|action_id|source_line|then_line)$")
# Columns holding the chart's measured value, shown to the indicator's decimals.
MEASURED = {
    "value",
    "lower",
    "upper",
    "gap",
    "group_value",
    "peers_value",
    "england",
    "west_midlands",
    "rate",
}


def _is_empty(v) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and pd.isna(v):
        return True
    try:
        if pd.isna(v) is True:
            return True
    except (TypeError, ValueError):
        pass
    return isinstance(v, str) and v.strip().lower() in EMPTY


def _places(values: pd.Series) -> int:
    """Decimal places a column needs when nobody says: none for whole numbers, else one (two below 1)."""
    v = values.dropna().astype(float)
    if v.empty or (v == v.round()).all():
        return 0
    return 2 if v.abs().max() < 1 else 1


def _number(v, places: int, plain: bool) -> str:
    if _is_empty(v):
        return ""
    if plain:
        return f"{float(v):.0f}" if float(v).is_integer() else f"{float(v):g}"
    return f"{float(v):,.{places}f}"


def text_column(s: pd.Series, decimals: int | None = None) -> pd.Series:
    """One column as display text."""
    name = str(s.name)
    if pd.api.types.is_bool_dtype(s):
        return s.map(lambda v: "" if _is_empty(v) else ("Yes" if v else "No"))
    if pd.api.types.is_datetime64_any_dtype(s):
        return s.map(lambda v: "" if _is_empty(v) else f"{v.day} {v:%b %Y}")
    if pd.api.types.is_numeric_dtype(s):
        plain = bool(PLAIN.search(name))
        places = decimals if decimals is not None and name in MEASURED else _places(s)
        return s.map(lambda v: _number(v, places, plain))
    return s.map(lambda v: "" if _is_empty(v) else _cell(v))


def _cell(v) -> str:
    if isinstance(v, float):
        return f"{v:,.0f}" if v.is_integer() else f"{v:,.1f}"
    if isinstance(v, pd.Timestamp):
        return f"{v.day} {v:%b %Y}"
    if isinstance(v, (list, tuple)):
        return ", ".join(str(x) for x in v if not _is_empty(x))
    return str(v)


def display_frame(df: pd.DataFrame, decimals: int | None = None) -> pd.DataFrame:
    """`df` with every cell as the text it should show; `decimals` applies to the measured value columns."""
    return pd.DataFrame({c: text_column(df[c], decimals) for c in df.columns}, index=df.index)


def numeric_columns(df: pd.DataFrame) -> list:
    """Columns whose cells are quantities (shown right-aligned)."""
    return [
        c
        for c in df.columns
        if pd.api.types.is_numeric_dtype(df[c])
        and not pd.api.types.is_bool_dtype(df[c])
        and not PLAIN.search(str(c))
    ]


# Characters Streamlit's markdown would read as formatting (emphasis, links, tables, maths, icons, colours).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|$~:#])")


def markdown_escape(text: str) -> str:
    """`text` shown as written in Streamlit markdown: every formatting character escaped, lines joined."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def markdown_table(
    df: pd.DataFrame, labels: dict | None = None, decimals: int | None = None, right: list | None = None
) -> str:
    """`df` as a GitHub-flavoured markdown table of its display text (`display_frame`): headers from `labels`
    (else the column names), quantities (or the `right` columns) right-aligned. Light to draw: no table grid
    is loaded for it."""
    labels = labels or {}
    shown = display_frame(df, decimals)
    right = set(numeric_columns(df) if right is None else right)
    head = "| " + " | ".join(markdown_escape(labels.get(c, c)) for c in df.columns) + " |"
    rule = "| " + " | ".join("---:" if c in right else ":---" for c in df.columns) + " |"
    rows = [
        "| " + " | ".join(markdown_escape(v) or " " for v in row) + " |"
        for row in shown.itertuples(index=False, name=None)
    ]
    return "\n".join([head, rule, *rows])
