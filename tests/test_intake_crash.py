"""An upload killed (SIGKILL, no clean-up code runs) at any of its steps leaves the audit log and the store
agreeing once the next reader or writer reconciles — and no temp files or orphan archive folders; a full
disk leaves nothing behind. Each kill runs in its own subprocess against a private store and var dir."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dashboard.config import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "synthetic_locality_counts.csv"

# Where to die: (id, module, function) — the process kills itself right after that function returns.
KILL_POINTS = [
    ("after the check", "dashboard.intake.archive", "check_file"),
    ("after archiving the original", "dashboard.intake.archive", "atomic_write_bytes"),
    ("after writing the pending manifest", "dashboard.intake.archive", "write_pending"),
    ("inside the rebuild", "data.build", "finalize"),
    ("after the new store is renamed in", "data.build", "_renamed"),
    ("after the audit log is written", "dashboard.intake.manifest", "atomic_write_text"),
]

CHILD = textwrap.dedent(
    """
    import os, signal, sys, datetime as dt, importlib
    from pathlib import Path
    module, name = sys.argv[1], sys.argv[2]
    mod = importlib.import_module(module)
    real = getattr(mod, name, None)
    if name == "_renamed":  # data.build renames the temp store with os.replace: die right after it
        import data.build as b
        class _Os:
            def __getattr__(self, a):
                return getattr(os, a)
            def replace(self, src, dst):
                os.replace(src, dst)
                if str(dst).endswith(".duckdb"):
                    os.kill(os.getpid(), signal.SIGKILL)
        b.os = _Os()
    else:
        def dying(*a, **k):
            out = real(*a, **k)
            if name != "atomic_write_text" or str(a[0]).endswith("manifest.json"):
                os.kill(os.getpid(), signal.SIGKILL)
            return out
        setattr(mod, name, dying)
    from dashboard.intake import uploads as U
    data = Path(sys.argv[3]).read_bytes()
    U.accept_upload(data, "synthetic_locality_counts.csv", "tester", today=dt.date(2025, 6, 1))
    print("finished without being killed")
    """
)


@pytest.fixture(scope="module")
def base_store(tmp_path_factory):
    base = tmp_path_factory.mktemp("crash")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PUBLIC_DATA_DIR", str(base / "no-pack"))
        mp.setenv("DASHBOARD_VAR_DIR", str(base / "var"))
        from data.build import build

        build(base / "store.duckdb", public_dir=None, quiet=True)
    return base / "store.duckdb"


def _env(tmp: Path, store: Path) -> dict:
    return os.environ | {
        "PUBLIC_DATA_DIR": str(tmp / "no-pack"),
        "DASHBOARD_VAR_DIR": str(tmp / "var"),
        "STORE_PATH": str(store),
        "PYTHONPATH": str(ROOT),
    }


def _agree(tmp: Path, store: Path, monkeypatch) -> tuple[set, set]:
    for k, v in _env(tmp, store).items():
        if k in ("PUBLIC_DATA_DIR", "DASHBOARD_VAR_DIR", "STORE_PATH"):
            monkeypatch.setenv(k, v)
    from dashboard.intake import manifest

    m = manifest.read_manifest()  # a reader: reconciles the dead writer's intent (nobody holds the lock)
    return manifest.active_ids(m), manifest.store_active_ids(store)


@pytest.mark.parametrize("point", KILL_POINTS, ids=[p[0] for p in KILL_POINTS])
def test_sigkill_at_any_step_leaves_manifest_and_store_agreeing(point, base_store, tmp_path, monkeypatch):
    _id, module, name = point
    store = tmp_path / "store.duckdb"
    shutil.copy(base_store, store)
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, module, name, str(FIXTURE)],
        env=_env(tmp_path, store),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == -signal.SIGKILL, (proc.returncode, proc.stdout, proc.stderr[-2000:])
    in_manifest, in_store = _agree(tmp_path, store, monkeypatch)
    assert in_store is not None, "the store is still readable"
    assert in_manifest == in_store
    uploads = tmp_path / "var" / "uploads"
    assert not list(uploads.glob("*.tmp*")) and not (uploads / "manifest.pending.json").exists()
    assert not list(tmp_path.glob("store.duckdb.*.tmp*")), "no temp store left behind"
    folders = {p.name for p in uploads.iterdir() if p.is_dir()} if uploads.exists() else set()
    assert folders == in_manifest, "no orphan archive folder"


def test_full_disk_leaves_nothing_behind(base_store, tmp_path, monkeypatch):
    """Writing the rows fails with ENOSPC: no archive folder, no manifest, no temp file, store unchanged."""
    store = tmp_path / "store.duckdb"
    shutil.copy(base_store, store)
    for k, v in _env(tmp_path, store).items():
        if k in ("PUBLIC_DATA_DIR", "DASHBOARD_VAR_DIR", "STORE_PATH"):
            monkeypatch.setenv(k, v)
    import datetime as dt
    import errno

    from dashboard.intake import archive
    from dashboard.intake import uploads as U

    real = archive.atomic_write_text
    calls = {"n": 0}

    def full(path, text):
        calls["n"] += 1
        if calls["n"] == 2:  # rows.csv: the disk fills while writing it
            Path(str(path) + f".{os.getpid()}.tmp").write_text(text[:10])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, text)

    monkeypatch.setattr(archive, "atomic_write_text", full)
    before = store.read_bytes()
    with pytest.raises(OSError):
        U.accept_upload(FIXTURE.read_bytes(), FIXTURE.name, "tester", today=dt.date(2025, 6, 1))
    assert store.read_bytes() == before
    uploads = tmp_path / "var" / "uploads"
    U.read_manifest()  # a reader clears what a writer could not
    left = [p for p in uploads.rglob("*")] if uploads.exists() else []
    assert left == [], left
