"""What an upload check or write reports: problems (row, column, what, fix), the check's result and the
upload's result."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data.loaders.uploads import NORMALISED_COLUMNS


class UploadError(Exception):
    """The upload or roll-back could not be done; `problems` lists why (for the page's table)."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class Problem:
    row: int | None  # as Excel shows it (header = 1); None for the whole file
    column: str
    problem: str
    fix: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "problem": self.problem, "fix": self.fix}


@dataclass
class CheckResult:
    file_name: str
    sha256: str
    kind: str | None = None
    rows: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=NORMALISED_COLUMNS))
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)
    synthetic: bool = False
    sheet: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def problems_frame(self) -> pd.DataFrame:
        return pd.DataFrame([p.as_dict() for p in self.problems], columns=["row", "column", "problem", "fix"])

    def summary(self) -> pd.DataFrame:
        """Rows to load per indicator and period (for the page's confirmation step)."""
        if self.rows.empty:
            return pd.DataFrame(columns=["indicator_id", "period_label", "areas", "total"])
        return (
            self.rows.groupby(["indicator_id", "period_label"], sort=True)
            .agg(areas=("area_code", "count"), total=("value", "sum"))
            .reset_index()
        )


@dataclass
class UploadResult:
    upload_id: str
    rows: int
    replaced: list[str]
    kind: str
    warnings: list[str]
