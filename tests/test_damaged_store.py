"""A damaged store (zero-length, or a file that is not DuckDB) gives every page one clear message, not an
exception — the shared filters included. Through the real app (app.py routes every page), in Chromium."""

from __future__ import annotations

import app_pages
import pytest

from dashboard.serve import running_server

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "content", [b"", b"this is not a database\n" * 100], ids=["zero-length", "not DuckDB"]
)
def test_every_page_says_the_store_is_damaged(content, tmp_path, browser):
    store = tmp_path / "store.duckdb"
    store.write_bytes(content)
    with running_server(env={"STORE_PATH": str(store)}, timeout=90) as (url, _proc):
        ctx = browser.new_context(viewport={"width": 1280, "height": 720})
        page = ctx.new_page()
        for _file, path in app_pages.url_paths():
            page.goto(f"{url}/{path}")
            page.wait_for_selector("text=The data store store.duckdb", timeout=30_000)
            page.wait_for_timeout(500)
            alerts = page.locator("[data-testid='stAlert']").all_inner_texts()
            assert len(alerts) == 1 and "make store" in alerts[0], (path, alerts)
            assert not page.locator("[data-testid='stException']").count(), path
            assert "Traceback" not in page.inner_text("body"), path
        ctx.close()
