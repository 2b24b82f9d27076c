"""Load: 20 browser sessions step through pages while an analyst upload is loading.

Set-up (nothing shared is touched): a store built into a temp folder with an empty temp var dir, and our
own server started on it with STORE_PATH and DASHBOARD_VAR_DIR (conftest's app_server serves the real store).
20 Playwright contexts in one chromium each visit the Explore probe (below) and the Home, Sources and About
pages in turn. Once the first round has rendered in every session, and while the second round is loading, an
upload of tests/fixtures/synthetic_locality_counts.csv is accepted in a thread
(dashboard.intake.uploads.accept_upload:
validate, archive, rebuild into a temp file, rename into place).

What each session sees is checked on the Explore page opened as `/explore?x_ind=cin_count` (light enough
for 20 sessions on 2 cores; the Localities page with its maps is not): its card shows "Figures in the store:
N"
and "Sources: ..." for children in need (counts), read from the store by `indicator_info`. The upload adds
the fixture's 7 locality `cin_count` rows and its SYNTHETIC upload source, so both values differ between the
store before and after the upload; the expected pairs are read from the two stores with the same query.
Every visit must show exactly the before pair or the after pair (never N from one and sources from the
other, never another N), each session must go before -> after and never back, every session must start
before and end after, and no page may show an exception, an error box, a page error or a failed response.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "synthetic_locality_counts.csv"
SESSIONS = int(os.environ.get("LOAD_SESSIONS", "20"))
MAX_ROUNDS = 8
READY_TIMEOUT_MS = 90_000
PROBE = "/explore?x_ind=cin_count"
OTHER_PAGES = ["/", "/sources", "/about"]

READY_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  if (!main || !main.querySelector('[data-testid="stElementContainer"]')) return false;
  for (const p of document.querySelectorAll('.js-plotly-plot')) { if (!p.data || !p.layout) return false; }
  return true;
}
"""
STATE_JS = """
() => {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const text = main ? main.innerText : '';
  const errors =
  document.querySelectorAll('[data-testid="stException"], [data-testid="stAlertContentError"]').length;
  return {text, errors};
}
"""


@pytest.fixture(scope="module")
def load_env(tmp_path_factory):
    """A temp store (built with an empty temp var dir) and a server reading it; yields (url, store, var)."""
    from data.build import build

    base = tmp_path_factory.mktemp("load")
    store, var = base / "store.duckdb", base / "var"
    var.mkdir()
    mp = pytest.MonkeyPatch()
    mp.setenv("STORE_PATH", str(store))
    mp.setenv("DASHBOARD_VAR_DIR", str(var))
    try:
        build(store, quiet=True)
        c = duckdb.connect(str(store), read_only=True)
        n_loc = c.execute(
            "SELECT count(*) FROM observations JOIN areas USING (area_code) "
            "WHERE indicator_id = 'cin_count' AND area_type = 'locality'"
        ).fetchone()[0]
        has_geo = c.execute("SELECT count(*) FROM geometries WHERE layer = 'locality'").fetchone()[0]
        c.close()
        if not has_geo:
            pytest.skip("no locality boundaries in this store (public data pack missing)")
        assert n_loc == 0, "the fresh store already has locality cin_count figures"
        from dashboard.serve import running_server

        with running_server(timeout=60) as (url, _proc):
            yield url, store, var
    finally:
        mp.undo()
        shutil.rmtree(base, ignore_errors=True)


def card(text: str) -> tuple[int | None, str]:
    """('Figures in the store' N, the 'Sources:' line) as the Explore page shows them."""
    n = re.search(r"Figures in the store:\s*([\d,]+)", text)
    src = re.search(r"Sources:\s*(.*)", text)
    return (int(n.group(1).replace(",", "")) if n else None), (src.group(1).strip() if src else "")


def expected(store: Path) -> tuple[int, str]:
    from dashboard.store.queries import run_sql

    c = duckdb.connect(str(store), read_only=True)
    try:
        info = run_sql(c, "indicator_info", indicator_id="cin_count").iloc[0]
    finally:
        c.close()
    return int(info["n_obs"]), str(info["sources"] or "–").strip()


def classify(text: str, before: tuple[int, str], after: tuple[int, str]) -> str:
    n, src = card(text)
    if n == before[0] and src == before[1]:
        return "before"
    if n == after[0] and src == after[1]:
        return "after"
    return f"mixed (figures {n}, sources {src[:80]!r})"


def test_twenty_sessions_during_an_upload(load_env, browser):
    from dashboard.intake import uploads

    url, store, var = load_env
    before = expected(store)

    problems: list[str] = []
    contexts, pages = [], []
    for i in range(SESSIONS):
        ctx = browser.new_context(viewport={"width": 1200, "height": 900})
        pg = ctx.new_page()
        pg.on("pageerror", lambda e, i=i: problems.append(f"session {i}: page error {e}"))
        pg.on(
            "response",
            lambda r, i=i: (
                problems.append(f"session {i}: {r.status} {r.url}")
                if r.status >= 400 and "/_stcore/host-config" not in r.url and "/_stcore/health" not in r.url
                else None
            ),
        )
        contexts.append(ctx)
        pages.append(pg)

    seen: list[list[str]] = [[] for _ in range(SESSIONS)]
    upload: dict = {}
    overlaps: list[int] = []  # rounds that loaded while the upload was running

    def do_upload():
        try:
            t0 = time.perf_counter()
            upload["result"] = uploads.accept_upload(
                FIXTURE.read_bytes(), FIXTURE.name, "load-test analyst", store_path=store
            )
            upload["seconds"] = time.perf_counter() - t0
        except BaseException as e:  # reported by the test
            upload["error"] = e

    t_start = time.perf_counter()
    worker = None
    try:
        for rnd in range(MAX_ROUNDS):
            # Even rounds open the probe; odd rounds visit another page (Home, Sources, About) in every
            # session.
            path = PROBE if rnd % 2 == 0 else OTHER_PAGES[(rnd // 2) % len(OTHER_PAGES)]
            for pg in pages:
                pg.goto(url + path, wait_until="commit", timeout=READY_TIMEOUT_MS)
            if rnd == 1:
                # The upload starts once every session has shown the store as it was (round 0 is fully
                # rendered), while the second round's pages are still loading. Starting it earlier made the
                # test a race: on a fast machine the upload finished before any session's first render.
                worker = threading.Thread(target=do_upload, daemon=True)
                worker.start()
                overlaps.append(rnd)
            for i, pg in enumerate(pages):
                pg.wait_for_function(READY_JS, timeout=READY_TIMEOUT_MS, polling=100)
                st = pg.evaluate(STATE_JS)
                if st["errors"]:
                    problems.append(f"session {i} on {path}: {st['errors']} error box(es)")
                if path == PROBE:
                    seen[i].append(st["text"])
            if worker is not None and worker.is_alive():
                overlaps.append(rnd)  # this round's pages loaded while the upload was still running
            done = worker is not None and not worker.is_alive()
            if done and rnd % 2 == 0 and "result" in upload:
                after = expected(store)
                if all(classify(s[-1], before, after) == "after" for s in seen):
                    break
            if worker is not None and rnd >= 2:
                worker.join(timeout=120)  # bounded: never loop for ever on a stuck upload
    finally:
        if worker is not None:
            worker.join(timeout=120)
        for ctx in contexts:
            ctx.close()
    elapsed = time.perf_counter() - t_start

    assert "error" not in upload, f"the upload failed: {upload.get('error')!r}"
    assert "result" in upload, "the upload did not finish"
    assert not problems, problems[:10]
    after = expected(store)
    assert after[0] == before[0] + 7 and after[1] != before[1], (before, after)
    seen = [[classify(t, before, after) for t in texts] for texts in seen]
    for i, states in enumerate(seen):
        assert all(s in ("before", "after") for s in states), f"session {i} saw a mixed page: {states}"
        assert states == sorted(states, key=("before", "after").index), f"session {i} went back: {states}"
        assert states[-1] == "after", f"session {i} never saw the upload: {states}"
    assert all(s[0] == "before" for s in seen), (
        "a session's first visit (before the upload began) saw 'after'"
    )
    print(
        f"\n{SESSIONS} sessions, {len(seen[0])} probe visits each, upload {upload['seconds']:.1f} s, "
        f"total {elapsed:.1f} s; rounds loading while the upload ran: {sorted(set(overlaps))}"
    )
