"""Archive, record, rebuild; roll back. Writers hold `data.buildkit.writer_lock`."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from dashboard import config
from dashboard.intake.checks import check_file
from dashboard.intake.kinds import NORMALISED_COLUMNS
from dashboard.intake.manifest import abandon, commit, read_manifest, reconcile, uploads_dir, write_pending
from dashboard.intake.problems import UploadError, UploadResult
from data.buildkit import atomic_write_bytes, atomic_write_text, writer_lock


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _new_id(sha: str, taken: set[str]) -> str:
    base = f"U{_now():%Y%m%d-%H%M%S}-{sha[:6]}"
    uid, n = base, 1
    while uid in taken or (uploads_dir() / uid).exists():
        n += 1
        uid = f"{base}-{n}"
    return uid


def _safe_name(name: str) -> str:
    name = Path(name.replace("\\", "/")).name
    name = re.sub(r"[^A-Za-z0-9._ -]", "_", name).strip(" .") or "upload"
    return name[:120]


def _rebuild(store_path: Path | None, manifest: Path) -> None:
    from data import build
    from data.buildkit import BuildError

    try:
        build.build(Path(store_path or config.store_path()), quiet=True, manifest=manifest)
    except BuildError as e:
        raise UploadError(f"The store could not be rebuilt, so nothing was changed: {e}") from e


def _apply(m: dict, action: str, upload_id: str, store_path: Path | None) -> None:
    """Write-ahead: the pending manifest first, the store rebuilt from it, then the audit log. On any
    failure (a full disk, a failed build) nothing is left behind."""
    try:
        _rebuild(store_path, write_pending(m, action, upload_id))
        commit(m)
    except BaseException:
        abandon(upload_id, action)
        raise


def _entry(res, uid: str, file_name: str, user: str, when: str, stored_as: str) -> dict:
    return {
        "upload_id": uid,
        "file_name": file_name,
        "stored_as": stored_as,
        "sha256": res.sha256,
        "uploaded_by": user.strip(),
        "uploaded_at": when,
        "kind": res.kind,
        "rows": len(res.rows),
        "sheet": res.sheet,
        "status": "active",
        "replaced_by": None,
        "replaces": res.replaces,
        "synthetic": bool(res.synthetic),
        "status_changed_at": None,
        "status_changed_by": None,
    }


def _archive(folder: Path, res, file_bytes: bytes, file_name: str) -> str:
    """The original (named by its SHA-256, never by the user's file name), its checksum and the rows."""
    folder.mkdir(parents=True)
    original = folder / f"{res.sha256}{Path(_safe_name(file_name)).suffix.lower()}"
    atomic_write_bytes(original, file_bytes)
    atomic_write_text(folder / "sha256.txt", f"{res.sha256}  {original.name}\n")
    atomic_write_text(folder / "rows.csv", res.rows.to_csv(index=False, columns=NORMALISED_COLUMNS))
    return original.name


def accept_upload(
    file_bytes: bytes, file_name: str, user: str, store_path: Path | None = None, today: dt.date | None = None
) -> UploadResult:
    """Validate again (under the lock, against the current store), archive, record, rebuild.
    Raises UploadError (with `.problems`) and leaves store, manifest and archive unchanged on any failure."""
    if not (user or "").strip():
        raise UploadError("An upload must be made by a signed-in analyst.")
    with writer_lock():
        reconcile(store_path)
        res = check_file(file_bytes, file_name, store_path=store_path, today=today)
        if not res.ok:
            raise UploadError(f"{file_name} was rejected: {len(res.problems)} problem(s).", res.problems)
        m = read_manifest()
        uid = _new_id(res.sha256, {u["upload_id"] for u in m["uploads"]})
        when = _now().isoformat()
        try:
            stored_as = _archive(uploads_dir() / uid, res, file_bytes, file_name)
        except BaseException:
            shutil.rmtree(uploads_dir() / uid, ignore_errors=True)
            raise
        for u in m["uploads"]:
            if u["upload_id"] in res.replaces:
                u["status"], u["replaced_by"], u["status_changed_at"] = "replaced", uid, when
        m["uploads"].append(_entry(res, uid, file_name, user, when, stored_as))
        detail = f"{len(res.rows)} rows from {file_name}" + (
            f"; replaces {', '.join(res.replaces)}" if res.replaces else ""
        )
        m["events"].append(
            {"at": when, "by": user.strip(), "action": "upload", "upload_id": uid, "detail": detail}
        )
        _apply(m, "upload", uid, store_path)
        return UploadResult(uid, len(res.rows), list(res.replaces), res.kind, res.warnings)


def rollback(upload_id: str, user: str, store_path: Path | None = None) -> list[str]:
    """Mark an active upload 'rolled back' and rebuild. Uploads it had replaced become active again when
    nothing newer covers them. Returns the ids reactivated."""
    if not (user or "").strip():
        raise UploadError("A roll-back must be made by a signed-in analyst.")
    with writer_lock():
        reconcile(store_path)
        m = read_manifest()
        entry = next((u for u in m["uploads"] if u["upload_id"] == upload_id), None)
        if entry is None:
            raise UploadError(f"There is no upload {upload_id} in the audit log.")
        if entry["status"] != "active":
            raise UploadError(f"Upload {upload_id} is {entry['status']}, so it cannot be rolled back.")
        when, who = _now().isoformat(), user.strip()
        entry.update(status="rolled back", status_changed_at=when, status_changed_by=who)
        revived = []
        for u in m["uploads"]:
            if u["status"] == "replaced" and u.get("replaced_by") == upload_id:
                u.update(status="active", replaced_by=None, status_changed_at=when, status_changed_by=who)
                revived.append(u["upload_id"])
        detail = "reinstated " + ", ".join(revived) if revived else ""
        m["events"].append(
            {"at": when, "by": who, "action": "roll back", "upload_id": upload_id, "detail": detail}
        )
        _apply(m, "roll back", upload_id, store_path)
        return revived
