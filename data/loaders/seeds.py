"""Figures, judgements and statements hand-extracted from the five seed documents (data/seeds/*.csv)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from data.loaders.columns import INDICATOR_COLS, OBS_CORE
from data.loaders.common import insert, read_csv

FIGURE_COLS = [
    "fact_id",
    *OBS_CORE,
    "value_type",
    "status",
    "source_document",
    "source_line",
    "source_quote",
    "note",
]
JUDGEMENT_COLS = [
    "judgement_id",
    "framework",
    "judgement_date",
    "period_label",
    "outcome",
    "subject",
    "area_code",
    "grade",
    "grade_label",
    "scale",
    "source_document",
    "source_line",
    "source_quote",
    "note",
]
STATEMENT_COLS = [
    "statement_id",
    "statement_date",
    "kind",
    "outcome",
    "text",
    "parent_id",
    "source_document",
    "source_line",
    "source_quote",
]


def _files(d: Path, prefix: str) -> list[Path]:
    return sorted(d.glob(f"{prefix}_*.csv"))


def seed_indicators(d: Path) -> pd.DataFrame:
    """All seed indicator files, one row per id; an id defined two different ways is an error."""
    from data.buildkit import BuildError

    frames = []
    for f in _files(d, "indicators"):
        df = read_csv(f, INDICATOR_COLS)
        df["_file"] = f.name
        frames.append(df)
    if not frames:
        return pd.DataFrame(columns=INDICATOR_COLS)
    allind = pd.concat(frames, ignore_index=True)
    for iid, grp in allind.groupby("indicator_id"):
        if grp[["unit", "polarity"]].drop_duplicates().shape[0] > 1:
            raise BuildError(
                f"data/seeds: indicator {iid!r} is defined with different unit/polarity in "
                f"{', '.join(grp['_file'])}"
            )
    return allind.drop_duplicates("indicator_id").drop(columns="_file")


def load(con, ctx):
    from data.buildkit import Step

    d = ctx.root / "data" / "seeds"
    steps = []
    ind = seed_indicators(d)
    known = {r[0] for r in con.execute("SELECT indicator_id FROM indicators").fetchall()}
    new = ind[~ind["indicator_id"].isin(known)].copy()
    new["origin"] = "seed"
    steps.append(Step("seeds", "data/seeds/indicators_*.csv", insert(con, "indicators", new, "data/seeds")))

    n = 0
    for f in _files(d, "figures"):
        df = read_csv(f, FIGURE_COLS)
        df["value_type"] = df["value_type"].fillna("actual")
        out = df.rename(columns={"fact_id": "obs_id", "source_document": "source_id"})
        n += insert(con, "observations", out, f"data/seeds/{f.name}")
    steps.append(Step("seeds", "data/seeds/figures_*.csv", n))

    n = 0
    for f in _files(d, "judgements"):
        df = read_csv(f, JUDGEMENT_COLS).rename(columns={"source_document": "source_id"})
        n += insert(con, "judgements", df, f"data/seeds/{f.name}")
    steps.append(Step("seeds", "data/seeds/judgements_*.csv", n))

    n = 0
    for f in _files(d, "statements"):
        df = read_csv(f, STATEMENT_COLS).rename(columns={"source_document": "source_id"})
        n += insert(con, "statements", df, f"data/seeds/{f.name}")
    steps.append(Step("seeds", "data/seeds/statements_*.csv", n))
    steps.append(_document_lines(con))
    return steps


def _document_lines(con):
    """The seed documents' lines (read in place from the shared seeds folder) for quotes in context."""
    from data.buildkit import Step
    from data.seedcheck import seed_lines, seeds_dir

    docs = [
        r[0] for r in con.execute("SELECT file_name FROM sources WHERE kind = 'seed document'").fetchall()
    ]
    if not seeds_dir().is_dir():
        return Step(
            "seeds",
            str(seeds_dir()),
            0,
            "skipped",
            "seed documents not found: quotes are shown without their surrounding lines",
        )
    frames = []
    for doc in docs:
        try:
            lines = seed_lines(doc)
        except FileNotFoundError:
            continue
        frames.append(pd.DataFrame({"source_id": doc, "line_no": range(1, len(lines) + 1), "text": lines}))
    n = insert(con, "document_lines", pd.concat(frames, ignore_index=True), "seed documents") if frames else 0
    return Step("seeds", "seed documents (text for context)", n)
