"""Real Chromium on Explore: KS2's rank and band, and the LAC rate's tested trend, as a reader sees them."""

import pytest
from conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser


def _body(page, url):
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app(page, timeout=90_000)
    page.get_by_text("How Herefordshire compares").first.wait_for(timeout=90_000)
    page.locator(".js-plotly-plot").nth(1).wait_for(timeout=90_000)
    return page.locator("body").inner_text()


def test_explore_ks2_rank_and_band_in_chromium(app_server, page):
    text = _body(page, f"{app_server}/explore?x_ind=KS2RWM_Expected_STD&x_year=2025")
    assert "rank 101 of 151, band D (lowest quarter)" in text
    assert "10 statistical neighbours (May 2025 list)" in text
    screenshot(page, "explore_ks2_rank")
    page.watch.assert_clean()


def test_explore_lac_trend_verdict_in_chromium(app_server, page):
    text = _body(page, f"{app_server}/explore?x_ind=LAC")
    assert "Trend:" in text
    assert any(v in text for v in ("increasing over", "decreasing over", "no significant change over"))
    assert "other councils with a figure" in text
    page.watch.assert_clean()
