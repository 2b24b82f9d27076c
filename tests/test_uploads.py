"""Local data import: a good file loads, replaces and rolls back to an identical store; a failed rebuild or a
tampered archive leaves nothing half done; readers never see half an upload; the analysts' sign-in and the
Upload page's gate. The checks of a file are in tests/test_upload_checks.py and test_upload_bad_files.py.

Tests never touch data/store.duckdb or var/ (tests/uploads_env.py builds a store per module into a temp
directory and copies it for each test that changes it).
"""

from __future__ import annotations

import hashlib
import json
import threading

import duckdb
import pytest
from uploads_env import FIXTURE, ROOT, TODAY, facts, sha

from dashboard.intake import uploads as U


def test_load_replace_rollback_restores_identical_store(fresh):
    before = facts(fresh)
    first = U.accept_upload(FIXTURE.read_bytes(), FIXTURE.name, "analyst.one", store_path=fresh, today=TODAY)
    assert first.rows == 9 and first.replaced == []
    con = duckdb.connect(str(fresh), read_only=True)
    loaded = con.execute(
        "SELECT o.indicator_id, o.area_code, o.value, o.numerator, o.denominator, f.source_document "
        "FROM observations o JOIN facts f USING (obs_id) WHERE o.upload_id = ? ORDER BY obs_id",
        [first.upload_id],
    ).fetchall()
    src = con.execute(
        "SELECT title, kind FROM sources WHERE source_id = ?", [f"upload:{first.upload_id}"]
    ).fetchone()
    up = con.execute("SELECT status, rows_loaded, uploaded_by FROM uploads").fetchall()
    con.close()
    assert src[0].startswith("SYNTHETIC TEST DATA") and src[1] == "upload"
    assert up == [("active", 9, "analyst.one")]
    counts = [r for r in loaded if r[0] in U.COUNT_INDICATORS]
    assert len(counts) == 9
    rates = [r for r in loaded if r[0] == "LAC"]  # the two rows with a denominator give a rate; no others do
    assert sorted(round(r[2], 4) for r in rates) == sorted(
        [round(14 / 4100 * 10000, 4), round(8 / 2600 * 10000, 4)]
    )
    assert not [r for r in loaded if r[0] == "CIN"], "no locality rate without an uploaded denominator"
    # archive: original bytes, checksum, normalised rows
    folder = U.uploads_dir() / first.upload_id
    archived = folder / f"{hashlib.sha256(FIXTURE.read_bytes()).hexdigest()}.csv"  # named by its SHA-256
    assert archived.read_bytes() == FIXTURE.read_bytes()
    assert not (folder / FIXTURE.name).exists(), "the user's file name is never a path in the archive"
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() in (folder / "sha256.txt").read_text()
    assert (folder / "rows.csv").exists()

    # re-upload the same indicators, periods and areas with one figure changed: the first is replaced
    changed = FIXTURE.read_text().replace("Leominster,31 March 2023,17", "Leominster,31 March 2023,18")
    second = U.accept_upload(
        changed.encode(), "synthetic_v2.csv", "analyst.two", store_path=fresh, today=TODAY
    )
    assert second.replaced == [first.upload_id]
    log = U.audit_log().set_index("upload_id")
    assert log.at[first.upload_id, "status"] == "replaced"
    assert log.at[first.upload_id, "replaced_by"] == second.upload_id
    con = duckdb.connect(str(fresh), read_only=True)
    live = con.execute("SELECT DISTINCT upload_id FROM observations WHERE upload_id IS NOT NULL").fetchall()
    con.close()
    assert live == [(second.upload_id,)]

    # roll back the second: the first comes back; roll back the first: the store is as before
    assert U.rollback(second.upload_id, "analyst.two", store_path=fresh) == [first.upload_id]
    U.rollback(first.upload_id, "analyst.one", store_path=fresh)
    assert facts(fresh) == before
    log = U.audit_log().set_index("upload_id")
    assert set(log["status"]) == {"rolled back"}
    actions = U.audit_events()["action"].tolist()
    assert actions == ["upload", "upload", "roll back", "roll back"]
    with pytest.raises(U.UploadError, match="cannot be rolled back"):
        U.rollback(first.upload_id, "analyst.one", store_path=fresh)


def test_failed_rebuild_reverts_manifest_and_archive(fresh, monkeypatch):
    from data import build as build_mod
    from data.buildkit import BuildError

    before = sha(fresh)

    def boom(*a, **k):
        raise BuildError("simulated failure")

    monkeypatch.setattr(build_mod, "build", boom)
    with pytest.raises(U.UploadError, match="simulated failure"):
        U.accept_upload(FIXTURE.read_bytes(), FIXTURE.name, "tester", store_path=fresh, today=TODAY)
    assert sha(fresh) == before
    assert not U.manifest_path().exists()
    assert not any(U.uploads_dir().iterdir())


def test_tampered_archive_fails_the_build(fresh):
    res = U.accept_upload(FIXTURE.read_bytes(), FIXTURE.name, "tester", store_path=fresh, today=TODAY)
    (U.uploads_dir() / res.upload_id / f"{hashlib.sha256(FIXTURE.read_bytes()).hexdigest()}.csv").write_bytes(
        b"changed"
    )
    from data.build import build
    from data.buildkit import BuildError

    with pytest.raises(BuildError, match="SHA-256"):
        build(fresh, public_dir=None, quiet=True)
    m = json.loads(U.manifest_path().read_text())
    assert m["uploads"][0]["status"] == "active"


def test_anonymous_upload_refused(fresh):
    with pytest.raises(U.UploadError, match="signed-in analyst"):
        U.accept_upload(FIXTURE.read_bytes(), FIXTURE.name, "  ", store_path=fresh, today=TODAY)


def test_readers_see_old_or_new_never_an_error(fresh):
    def count() -> int:
        c = duckdb.connect(str(fresh), read_only=True)
        try:
            return c.execute("SELECT count(*) FROM observations").fetchone()[0]
        finally:
            c.close()

    old = count()
    seen, errors = set(), []
    done = threading.Event()

    def reader():
        while not done.is_set():
            try:
                seen.add(count())
            except Exception as e:  # pragma: no cover - the assertion reports it
                errors.append(repr(e))

    def writer():
        try:
            U.accept_upload(FIXTURE.read_bytes(), FIXTURE.name, "tester", store_path=fresh, today=TODAY)
        except Exception as e:  # pragma: no cover
            errors.append(repr(e))
        finally:
            done.set()

    readers = [threading.Thread(target=reader) for _ in range(4)]
    for t in readers:
        t.start()
    w = threading.Thread(target=writer)
    w.start()
    w.join(timeout=120)
    for t in readers:
        t.join(timeout=10)
    new = count()
    assert not errors, errors
    assert new > old
    assert seen <= {old, new}
    assert old in seen


# ---------------------------------------------------------------------------------------------- sign-in, page


def test_verify_and_configured_hash(monkeypatch):
    from dashboard.intake import auth

    h = auth.hash_password("correct horse battery", rounds=4)
    assert auth.verify("correct horse battery", h)
    assert not auth.verify("wrong", h)
    assert not auth.verify("x", "not a hash") and not auth.verify("", h) and not auth.verify("x", None)
    monkeypatch.setenv(auth.ENV_VAR, h)
    assert auth.configured_hash() == h
    assert auth.check_credentials("a.analyst", "correct horse battery") == "a.analyst"
    assert auth.check_credentials("a.analyst", "nope") is None
    assert auth.check_credentials("", "correct horse battery") is None


def test_hash_cli_reads_stdin():
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "dashboard.intake.auth", "hash"],
        input="a long enough password\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    from dashboard.intake import auth

    assert auth.verify("a long enough password", out.stdout.strip())


def test_upload_page_gate_and_sign_in(fresh, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard.intake import auth

    monkeypatch.setenv(auth.ENV_VAR, auth.hash_password("correct horse battery", rounds=4))
    at = AppTest.from_file(str(ROOT / "pages" / "upload.py"), default_timeout=60)
    at.run()
    assert not at.exception
    at.text_input[0].input("a.analyst")
    at.text_input[1].input("wrong")
    at.button[0].click().run()
    assert not at.exception and any("not recognised" in e.value for e in at.error)
    at.text_input[1].input("correct horse battery")
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["analyst_user"] == "a.analyst"
    assert any("Audit log" in s.value for s in at.subheader)
