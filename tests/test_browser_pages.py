"""Real Chromium: every page renders with no exception, console error or request off this machine."""

import pytest
from app_pages import url_paths
from conftest import empty_charts, screenshot, wait_for_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("file,path", url_paths())
def test_page_renders_in_chromium(app_server, page, file, path):
    page.goto(f"{app_server}/{path}", wait_until="domcontentloaded")
    wait_for_app(page, timeout=60_000)
    exc = page.locator("[data-testid='stException']")
    assert exc.count() == 0, exc.first.inner_text()
    assert page.locator("[data-testid='stAlertContentError']").count() == 0, \
        page.locator("[data-testid='stAlertContentError']").first.inner_text()
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
    page.wait_for_function("() => location.search.includes('from=2012') && location.search.includes('x_ind=CPP_rate')",
                           timeout=15_000)
    slider = page.locator("[data-testid='stSlider'] input[type='range']").first
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('from=2013')", timeout=15_000)
    page.reload(wait_until="domcontentloaded")
    wait_for_app(page, timeout=60_000)
    assert page.locator("[data-testid='stSlider'] input[type='range']").first.input_value() == "2013"
    page.watch.assert_clean()
