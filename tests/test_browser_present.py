"""Presenter mode in real chromium: step through slides with the keyboard; loopback requests only."""

from __future__ import annotations

import re

import pytest
from conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser


def _clean(page, bad_responses):
    """Console errors allowed only for Streamlit's own probes of <page>/_stcore/* on a deep link."""
    w = page.watch
    assert not w.foreign_requests, f"requests to other hosts: {w.foreign_requests[:5]}"
    assert not w.page_errors, f"page errors: {w.page_errors[:5]}"
    probes = [u for u in bad_responses if re.search(r"/present/_stcore/(health|host-config)$", u)]
    other = [u for u in bad_responses if u not in probes]
    assert not other, f"failed responses: {other[:5]}"
    errs = [e for e in w.console_errors if "favicon" not in e]
    allowed = len(probes)
    real = [
        e
        for e in errs
        if not e.startswith("Failed to load resource: the server responded with a status of 404")
    ]
    assert not real and len(errs) - len(real) <= allowed, f"console errors: {errs[:5]}"


def _watch_responses(page) -> list[str]:
    bad: list[str] = []
    page.on("response", lambda r: bad.append(r.url) if r.status >= 400 else None)
    return bad


def _slide_number(page) -> str:
    return page.locator("[data-testid='slide-number']").inner_text().strip()


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_keyboard_steps_through_slides(app_server, page, size):
    from dashboard.present import stories

    n = len(stories.load("peer_challenge_2015_16").slides)
    bad = _watch_responses(page)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{app_server}/present?story=peer_challenge_2015_16", wait_until="domcontentloaded")
    wait_for_app(page)
    page.wait_for_selector("[data-testid='slide-number']")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    assert _slide_number(page) == f"1 / {n}"
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    screenshot(page, f"present_slide1_{size[0]}x{size[1]}")
    page.wait_for_function("() => window.__presenterSlide === 1", timeout=20_000)
    page.locator(".present-title").click()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        f"() => document.querySelector(\"[data-testid='slide-number']\")?.innerText.trim() === '2 / {n}'",
        timeout=20_000,
    )
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    page.wait_for_function(
        "() => window.__presenterSlide === 2", timeout=20_000
    )  # slide 2's key script is live
    assert re.search(r"slide=2", page.evaluate("location.href"))
    screenshot(page, f"present_slide2_{size[0]}x{size[1]}")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        f"() => document.querySelector(\"[data-testid='slide-number']\")?.innerText.trim() === '1 / {n}'",
        timeout=20_000,
    )
    _clean(page, bad)


def test_bad_slide_in_url_falls_back(app_server, page):
    bad = _watch_responses(page)
    page.goto(f"{app_server}/present?story=no_such_story&slide=99", wait_until="domcontentloaded")
    wait_for_app(page)
    page.wait_for_selector("[data-testid='slide-number']")
    body = page.locator("body").inner_text()
    assert "There is no story called" in body and "is not between 1 and" in body
    assert _slide_number(page).startswith("1 / ")
    _clean(page, bad)
