"""The upload audit log (`var/uploads/manifest.json`) and its write-ahead intent.

A writer never edits the manifest before the store holds the change. It writes the manifest it wants as
`manifest.pending.json` (with an `_intent` naming the action), rebuilds the store *from the pending file*,
and only once the new store is renamed into place writes `manifest.json` and removes the pending file. A
writer killed at any point leaves either nothing changed, or a pending file that `reconcile()` settles
under the writers' lock: if the store holds exactly the pending manifest's active uploads the change is
committed, otherwise it is dropped (with the new upload's archive folder). Orphan archive folders and temp
files of dead writers are removed. `read_manifest()` reconciles whenever no writer holds the lock, so the
next page that reads the audit log (or the next upload) settles it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import config
from dashboard.intake.problems import UploadError
from data.buildkit import atomic_write_text, stale_temp_files
from data.loaders import uploads as _loader

EMPTY = {"version": 1, "uploads": [], "events": []}


def uploads_dir() -> Path:
    return config.var_dir() / "uploads"


def manifest_path() -> Path:
    return uploads_dir() / "manifest.json"


def pending_path() -> Path:
    return uploads_dir() / "manifest.pending.json"


def _load(p: Path) -> dict:
    if not p.exists():
        return json.loads(json.dumps(EMPTY))
    try:
        m = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise UploadError(
            f"The upload audit log {p} cannot be read ({e}). Restore it from backup; no upload "
            "can be loaded or rolled back until it is fixed."
        ) from e
    m.setdefault("uploads", [])
    m.setdefault("events", [])
    return m


def read_manifest(path: Path | None = None) -> dict:
    if path is None:
        reconcile_if_idle()
    return _load(path or manifest_path())


def write_pending(m: dict, action: str, upload_id: str) -> Path:
    atomic_write_text(pending_path(), json.dumps(m | {"_intent": {"action": action, "upload_id": upload_id}}))
    return pending_path()


def commit(m: dict) -> None:
    """The store holds `m`: make it the audit log and drop the intent."""
    clean = {k: v for k, v in m.items() if k != "_intent"}
    atomic_write_text(manifest_path(), json.dumps(clean, indent=2, default=str))
    pending_path().unlink(missing_ok=True)


def abandon(upload_id: str | None, action: str | None) -> None:
    """Drop a pending change: the audit log stays as it was; a new upload's archive folder goes."""
    if action == "upload" and upload_id and upload_id not in _ids(_load(manifest_path())):
        shutil.rmtree(uploads_dir() / upload_id, ignore_errors=True)
    pending_path().unlink(missing_ok=True)


def _ids(m: dict) -> set[str]:
    return {u["upload_id"] for u in m["uploads"]}


def active_ids(m: dict) -> set[str]:
    return {u["upload_id"] for u in m["uploads"] if u.get("status") == "active"}


def store_active_ids(store_path: Path | None = None) -> set[str] | None:
    """Active uploads the store holds (None when the store cannot be read)."""
    p = Path(store_path or config.store_path())
    if not p.exists() or p.stat().st_size == 0:
        return None
    try:
        con = duckdb.connect()
        try:
            con.execute("ATTACH ? AS s (READ_ONLY)", [str(p)]).fetchall()
            rows = con.execute("SELECT upload_id FROM s.uploads WHERE status = 'active'").fetchall()
        finally:
            con.close()
    except duckdb.Error:
        return None
    return {r[0] for r in rows}


def reconcile(store_path: Path | None = None) -> str | None:
    """Settle a writer that died (the caller holds the writers' lock). Returns what was done, or None."""
    done = None
    p = pending_path()
    if p.exists():
        try:
            pending = json.loads(p.read_text(encoding="utf-8"))
            intent = pending.get("_intent") or {}
        except (OSError, ValueError):
            pending, intent = None, {}
        if pending is not None and store_active_ids(store_path) == active_ids(pending):
            commit(pending)
            done = f"committed {intent.get('action')} {intent.get('upload_id')}"
        else:
            abandon(intent.get("upload_id"), intent.get("action"))
            done = f"dropped {intent.get('action')} {intent.get('upload_id')}"
    _clean_orphans()
    return done


def _clean_orphans() -> None:
    d = uploads_dir()
    if not d.is_dir():
        return
    known = _ids(_load(manifest_path()))
    for folder in d.iterdir():
        if folder.is_dir() and folder.name not in known:
            shutil.rmtree(folder, ignore_errors=True)  # archived by a writer that died before recording it
    for tmp in stale_temp_files(d, "*.tmp*"):
        tmp.unlink(missing_ok=True)
    store = config.store_path()
    for tmp in stale_temp_files(store.parent, store.name + ".*.tmp*"):
        tmp.unlink(missing_ok=True)


def reconcile_if_idle() -> None:
    """Reconcile when no writer holds the lock (never waits)."""
    if not pending_path().exists() and not _has_litter():
        return
    lock = config.var_dir() / ".uploads.lock"
    with contextlib.suppress(OSError), open(lock, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # a writer is at work; it settles its own change
        try:
            reconcile()
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _has_litter() -> bool:
    d = uploads_dir()
    if not d.is_dir():
        return False
    known = _ids(_load(manifest_path()))
    return any(f.is_dir() and f.name not in known for f in d.iterdir()) or any(d.glob("*.tmp*"))


def read_rows(upload_id: str, base: Path | None = None) -> pd.DataFrame:
    """The normalised rows of an archived upload."""
    return _loader.read_rows((base or uploads_dir()) / upload_id)


def _keys(rows: pd.DataFrame) -> set:
    return {
        (r.indicator_id, r.area_code, str(r.period_start or ""), str(r.period_end)) for r in rows.itertuples()
    }


def active_keys() -> dict[str, set]:
    m = read_manifest()
    return {u["upload_id"]: _keys(read_rows(u["upload_id"])) for u in m["uploads"] if u["status"] == "active"}


def active_rows() -> pd.DataFrame:
    """Every active upload's rows, with its upload_id (for totals across uploads)."""
    m = read_manifest()
    frames = [
        read_rows(u["upload_id"]).assign(upload_id=u["upload_id"])
        for u in m["uploads"]
        if u["status"] == "active"
    ]
    return (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=[*_loader.NORMALISED_COLUMNS, "upload_id"])
    )


def audit_log() -> pd.DataFrame:
    """One row per upload, newest first (who, when, file, checksum, kind, rows, status, replaced_by)."""
    cols = [
        "upload_id",
        "uploaded_at",
        "uploaded_by",
        "file_name",
        "sha256",
        "kind",
        "rows",
        "status",
        "replaced_by",
        "status_changed_at",
        "status_changed_by",
        "synthetic",
    ]
    m = read_manifest()
    df = pd.DataFrame(m["uploads"])
    if df.empty:
        return pd.DataFrame(columns=cols)
    for c in cols:
        if c not in df.columns:
            df[c] = None
    return df[cols].sort_values("uploaded_at", ascending=False, kind="stable").reset_index(drop=True)


def audit_events() -> pd.DataFrame:
    m = read_manifest()
    return pd.DataFrame(m["events"], columns=["at", "by", "action", "upload_id", "detail"])
