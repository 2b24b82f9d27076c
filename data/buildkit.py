"""Types and helpers shared by the store build, its loaders and the upload intake (kept apart from data.build
so that `python -m data.build`, the loaders and dashboard.intake see the same classes without importing
each other): BuildError, Step, BuildContext, the writers' lock and atomic file writes."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
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
    manifest: Path | None = None  # the upload audit log to build from (default uploads_dir/manifest.json)

    @property
    def stats_dir(self) -> Path | None:
        return self.public_dir / "stats" if self.public_dir else None

    @property
    def geo_dir(self) -> Path | None:
        return self.public_dir / "geo" if self.public_dir else None

    @property
    def smallarea_dir(self) -> Path | None:
        return self.public_dir / "smallarea" if self.public_dir else None


# --------------------------------------------------------------------------- writers: lock, atomic files
@contextlib.contextmanager
def writer_lock() -> Iterator[None]:
    """Serialise writers of the store and the upload archive (uploads, roll-backs, `make store`) with an
    fcntl lock under var/ (released by the kernel if the holder dies)."""
    from dashboard import config

    d = config.var_dir()
    d.mkdir(parents=True, exist_ok=True)
    with open(d / ".uploads.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def temp_name(path: Path) -> Path:
    """The temporary file a writer of `path` uses (`<name>.<pid>.tmp`, next to it, so rename is atomic)."""
    return path.with_name(f"{path.name}.{os.getpid()}.tmp")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temp file, fsync, rename over `path`. On any failure (a full disk) the temp file is removed
    and `path` is as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_name(path)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def fsync_dir(d: Path) -> None:
    try:
        fd = os.open(d, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def stale_temp_files(folder: Path, pattern: str = "*.tmp*") -> list[Path]:
    """Temp files in `folder` left by writers that are no longer running (their pid is in the name)."""
    out = []
    for p in folder.glob(pattern):
        parts = p.name.split(".")
        pid = next((int(x) for x in reversed(parts) if x.isdigit()), None)
        if pid is None or not _alive(pid):
            out.append(p)
    return out


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
