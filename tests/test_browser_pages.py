"""Real Chromium: every page renders with no exception, console error or request off this machine."""

import pytest
from app_pages import section_tabs, url_paths
from conftest import empty_charts, screenshot, wait_for_app
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("file,path", url_paths())
def test_page_renders_in_chromium(app_server, page, file, path):
    page.goto(f"{app_server}/{path}", wait_until="domcontentloaded")
    wait_for_app(page, timeout=60_000)
    exc = page.locator("[data-testid='stException']")
    assert exc.count() == 0, exc.first.inner_text()
    assert page.locator("[data-testid='stAlertContentError']").count() == 0, page.locator(
        "[data-testid='stAlertContentError']"
    ).first.inner_text()
    screenshot(page, f"page_{path or 'overview'}")
    assert empty_charts(page) == [], f"empty charts: {empty_charts(page)}"
    page.watch.assert_clean()


def test_charts_are_drawn_not_blank(app_server, page):
    page.goto(f"{app_server}/safeguarding", wait_until="domcontentloaded")
    wait_for_app(page, timeout=60_000)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .trace", timeout=30_000)
    assert page.locator(".js-plotly-plot .scatterlayer .trace").count() >= 2
    page.watch.assert_clean()


def test_filter_change_updates_the_link_and_survives_reload(app_server, page):
    page.goto(f"{app_server}/explore?from=2012&x_ind=CPP_rate", wait_until="domcontentloaded")
    wait_for_app(page, timeout=60_000)
    page.wait_for_function(
        "() => location.search.includes('from=2012') && location.search.includes('x_ind=CPP_rate')",
        timeout=15_000,
    )
    sidebar = page.locator("[data-testid='stSidebar']")
    for attempt in range(3):  # a select box: the year picked from its list (a first click may only focus it)
        sidebar.get_by_label("From year").click()
        try:
            page.get_by_role("option", name="2013", exact=True).click(timeout=5_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('from=2013')", timeout=15_000)
    wait_for_app(page, timeout=60_000)
    sidebar.get_by_role("button", name="West Midlands").click()  # a pill: click to leave a comparator out
    page.wait_for_function("() => location.search.includes('compare=england%2Cneighbours')", timeout=15_000)
    page.reload(wait_until="domcontentloaded")
    wait_for_app(page, timeout=60_000)
    assert sidebar.get_by_label("From year").input_value() == "2013"
    pressed = sidebar.locator("[data-testid='stButtonGroup'] button[aria-pressed='true']")
    assert sorted(pressed.all_inner_texts()) == ["England", "Statistical neighbours"]
    page.watch.assert_clean()


def test_section_tab_and_data_panel_in_chromium(app_server, page, store_path):
    """A section tab opens from a click and lands in the link; a chart's data panel is built when opened and
    its CSV download carries the figures the chart draws (Herefordshire's CP plan rate, from the store)."""
    import csv
    import io

    import duckdb

    page.goto(f"{app_server}/safeguarding", wait_until="domcontentloaded")
    wait_for_app(page, timeout=60_000)
    assert page.locator("[data-testid='stDownloadButton']").count() == 0  # closed panels prepare nothing
    page.get_by_role("tab", name="Child protection").click()
    page.wait_for_function("() => location.search.includes('sg_tab=Child+protection')", timeout=15_000)
    wait_for_app(page, timeout=60_000)
    page.get_by_text("Data table and downloads").first.click()
    page.wait_for_selector("[data-testid='stDownloadButton']", timeout=30_000)
    wait_for_app(page, timeout=60_000)
    assert page.locator("[data-testid='stDownloadButton']").count() == 4
    with page.expect_download(timeout=30_000) as dl:
        page.get_by_role("button", name="Download CSV").first.click()
    rows = list(csv.DictReader(io.StringIO(open(dl.value.path(), encoding="utf-8").read())))
    with duckdb.connect(str(store_path), read_only=True) as con:
        latest = con.execute(
            "SELECT value FROM facts WHERE indicator_id = 'CPP_rate' AND area_code = 'E06000019' "
            "AND source_kind = 'publication' ORDER BY period_end DESC LIMIT 1"
        ).fetchone()[0]
    values = {
        round(float(r["value"]), 1) for r in rows if r["series"].startswith("Herefordshire") and r["value"]
    }
    assert rows and round(latest, 1) in values, (
        f"latest CP plan rate {latest} not in the download: {rows[-1]}"
    )
    screenshot(page, "safeguarding_cp_data_panel")
    page.watch.assert_clean()


TABBED = [(f, path) for f, path in url_paths() if section_tabs(f)[0]]


@pytest.mark.parametrize("file,path", TABBED)
def test_every_section_tab_in_chromium(app_server, page, file, path):
    """Each section tab, opened by a click as a user would: no exception or error box, no empty chart, the tab
    lands in the link, and no console error or request off this machine on the way."""
    key, labels = section_tabs(file)
    page.goto(f"{app_server}/{path}", wait_until="domcontentloaded")
    wait_for_app(page, timeout=60_000)
    for label in labels[1:] + labels[:1]:  # the first tab last: back to the default, which leaves the link
        page.get_by_role("tab", name=label, exact=True).click()
        if label != labels[0]:
            page.wait_for_function(
                "([k, v]) => new URLSearchParams(location.search).get(k) === v",
                arg=[key, label],
                timeout=15_000,
            )
        wait_for_app(page, timeout=60_000)
        exc = page.locator("[data-testid='stException']")
        assert exc.count() == 0, f"{label}: {exc.first.inner_text()}"
        errors = page.locator("[data-testid='stAlertContentError']")
        assert errors.count() == 0, f"{label}: {errors.first.inner_text()}"
        assert empty_charts(page) == [], f"{label}: empty charts {empty_charts(page)}"
        screenshot(page, f"tab_{path or 'overview'}_{label.split()[0].strip(',').lower()}")
    page.watch.assert_clean()


def test_a_page_connects_at_the_root_at_once_and_the_first_page_has_its_own_name(app_server, page):
    """No probe for the server under the page's own path (dashboard/ui/page_shell.py), and /overview opens
    the first page with its link, not Streamlit's "Page not found"."""
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(f"{app_server}/explore", wait_until="domcontentloaded")
    wait_for_app(page, timeout=60_000)
    assert not [u for u in asked if "/explore/_stcore/" in u], [u for u in asked if "_stcore" in u]
    page.goto(f"{app_server}/overview?locality=LOC-LEOMINSTER", wait_until="domcontentloaded")
    wait_for_app(page, timeout=60_000)
    assert page.locator("[role='dialog']").count() == 0, page.locator("[role='dialog']").all_inner_texts()
    assert "locality=LOC-LEOMINSTER" in page.url
    assert page.get_by_text("Leominster: the locality at a glance").count() >= 1
    page.watch.assert_clean()


def test_the_filters_wait_while_you_read_about_and_come_back(app_server, page):
    """About and Sources read no filter and draw none; the locality chosen before is there again after."""
    page.goto(f"{app_server}/safeguarding?locality=LOC-LEOMINSTER&from=2012", wait_until="domcontentloaded")
    wait_for_app(page, timeout=60_000)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("link", name="About, methods and accessibility").click()
    page.wait_for_url("**/about*", timeout=15_000)
    wait_for_app(page, timeout=60_000)
    assert sidebar.get_by_label("Locality").count() == 0
    assert sidebar.get_by_text("your choices are kept").count() == 1
    sidebar.get_by_role("link", name="Safeguarding").click()
    page.wait_for_url("**/safeguarding*", timeout=15_000)
    wait_for_app(page, timeout=60_000)
    page.wait_for_function(
        "() => location.search.includes('locality=LOC-LEOMINSTER') && location.search.includes('from=2012')",
        timeout=15_000,
    )
    assert sidebar.get_by_label("From year").input_value() == "2012"
    page.watch.assert_clean()


def test_a_written_table_scrolls_sideways_on_a_phone(app_server, page):
    """The locality profile is a markdown table; at 390 px its last columns are reached by scrolling it."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_server}/localities?locality=LOC-LEOMINSTER", wait_until="domcontentloaded")
    wait_for_app(page, timeout=60_000)
    page.wait_for_selector("[data-testid='stMarkdownContainer'] table", timeout=30_000)
    tables = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stMarkdownContainer] table')].map(t =>
           [t.scrollWidth, t.clientWidth, getComputedStyle(t).overflowX,
            t.getBoundingClientRect().right])"""
    )
    assert tables
    for scroll_w, client_w, overflow, right in tables:
        assert right <= 390 + 1, tables  # nothing drawn past the screen's edge
        assert scroll_w <= client_w or overflow == "auto", tables
    page.watch.assert_clean()
