"""Only analysts write: a viewer cannot change a file under stories/ (the builder offers no save, and the save
function refuses); sign-in lockout is kept by the server per name and per client, so a new session (a
reload) does not reset it; an unknown name costs as much to refuse as a known one; with named accounts
configured a shared password cannot sign in under an invented name. Story text is escaped where drawn."""

from __future__ import annotations

import hashlib
import json
import time

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.config import ROOT
from dashboard.intake import auth
from dashboard.present import stories


def _tree_digest() -> str:
    h = hashlib.sha256()
    for p in sorted((ROOT / "stories").glob("*")):
        h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def test_save_refuses_without_an_analyst(tmp_path):
    s = stories.new_story("x")
    with pytest.raises(PermissionError):
        stories.save(s, "shipped", tmp_path)
    with pytest.raises(PermissionError):
        stories.save(s, "shipped", tmp_path, by="   ")
    assert not list(tmp_path.iterdir())
    assert stories.save(s, "shipped", tmp_path, by="a.analyst").exists()


def test_viewer_story_builder_has_no_save_and_changes_no_file():
    before = _tree_digest()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/story.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    labels = [b.label for b in at.button]
    assert "Save story" not in labels, labels
    assert not [c for c in at.checkbox if "Replace" in c.label]
    assert any("needs analyst sign-in" in i.value for i in at.info)
    assert _tree_digest() == before


def test_lockout_is_server_side_per_name_and_per_client():
    auth.clear_failures("name:x", "client:1.2.3.4", "client:5.6.7.8", "name:y")
    for _ in range(auth.MAX_ATTEMPTS):
        auth.record_failure("name:x", "client:1.2.3.4")
    assert auth.locked_out("name:x", "client:5.6.7.8"), "the name is locked from another client too"
    assert auth.locked_out("name:y", "client:1.2.3.4"), "the client is locked for another name too"
    assert not auth.locked_out("name:y", "client:5.6.7.8")
    assert not auth.locked_out("name:x", now=time.time() + auth.LOCKOUT_SECONDS + 1)


def test_lockout_survives_a_new_session(monkeypatch):
    monkeypatch.setenv(auth.ENV_VAR, auth.hash_password("correct horse battery", rounds=4))
    auth.clear_failures("name:someone", "client:unknown")
    for _ in range(auth.MAX_ATTEMPTS):
        at = AppTest.from_file(str(ROOT / "pages" / "sign_in.py"), default_timeout=60)  # a fresh session
        at.run()
        at.text_input[0].input("someone")
        at.text_input[1].input("wrong")
        at.button[0].click().run()
    at = AppTest.from_file(str(ROOT / "pages" / "sign_in.py"), default_timeout=60)
    at.run()
    at.text_input[0].input("someone")
    at.text_input[1].input("correct horse battery")
    at.button[0].click().run()
    assert any("Too many attempts" in e.value for e in at.error)
    assert "analyst_user" not in at.session_state
    auth.clear_failures("name:someone", "client:unknown")


def test_unknown_names_cost_as_much_as_known_ones(monkeypatch):
    users = {"a.smith": auth.hash_password("correct horse battery", rounds=10)}
    monkeypatch.setattr(auth, "configured_users", lambda: users)
    monkeypatch.setattr(auth, "configured_hash", lambda: None)

    def took(name):
        t = time.perf_counter()
        assert auth.check_credentials(name, "wrong password") is None
        return time.perf_counter() - t

    took("warm-up")
    known = min(took("a.smith") for _ in range(3))
    unknown = min(took("nobody") for _ in range(3))
    assert unknown > 0.5 * known, (known, unknown)


def test_named_accounts_required_when_configured(monkeypatch):
    shared = auth.hash_password("shared secret pass", rounds=4)
    own = {"a.smith": auth.hash_password("own pass", rounds=4)}
    monkeypatch.setattr(auth, "configured_users", lambda: own)
    monkeypatch.setattr(auth, "configured_hash", lambda: shared)
    assert auth.check_credentials("invented.name", "shared secret pass") is None
    assert auth.check_credentials("a.smith", "own pass") == "a.smith"


def test_html_in_a_slide_title_is_escaped_in_presenter_mode(tmp_path, monkeypatch):
    shipped = sorted((ROOT / "stories").glob("*.json"))
    assert shipped, "the project ships stories"
    data = json.loads(shipped[0].read_text(encoding="utf-8"))
    data["slides"][0]["title"] = "<b>bold</b> </div><script>alert(1)</script>"
    (tmp_path / "evil.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(stories, "stories_dir", lambda: tmp_path)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/present.py")
    at.query_params["story"] = "evil"
    at.query_params["slide"] = "1"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(m.value for m in at.markdown)
    assert "&lt;script&gt;" in shown and "<script>" not in shown
