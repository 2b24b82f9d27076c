"""Types shared by the store build and its loaders (kept apart from data.build so that
`python -m data.build` and the loaders see the same classes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class BuildError(Exception):
    """An input is damaged or inconsistent. The message names the file (and row) at fault."""


@dataclass
class Step:
    step: str
    source: str
    rows: int = 0
    status: str = "loaded"  # loaded | skipped
    message: str = ""


@dataclass
class BuildContext:
    root: Path
    public_dir: Path | None  # None when the pack is missing
    uploads_dir: Path
    steps: list[Step] = field(default_factory=list)
    synthetic: bool = False

    @property
    def stats_dir(self) -> Path | None:
        return self.public_dir / "stats" if self.public_dir else None

    @property
    def geo_dir(self) -> Path | None:
        return self.public_dir / "geo" if self.public_dir else None

    @property
    def smallarea_dir(self) -> Path | None:
        return self.public_dir / "smallarea" if self.public_dir else None
