"""Presenter mode in real chromium: step through slides with the keyboard; loopback requests only."""

from __future__ import annotations

import re

import pytest
from conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser


def _slide_number(page) -> str:
    return page.locator("[data-testid='slide-number']").inner_text().strip()


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_keyboard_steps_through_slides(app_server, page, size):
    from dashboard import stories

    n = len(stories.load("peer_challenge_2015_16").slides)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{app_server}/present?story=peer_challenge_2015_16", wait_until="domcontentloaded")
    wait_for_app(page)
    page.wait_for_selector("[data-testid='slide-number']")
    assert _slide_number(page) == f"1 / {n}"
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    screenshot(page, f"present_slide1_{size[0]}x{size[1]}")
    page.locator(".present-title").click()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => document.querySelector(\"[data-testid='slide-number']\")?.innerText.trim() === '2 / {n}'",
                           timeout=20_000)
    wait_for_app(page)
    assert re.search(r"slide=2", page.url)
    screenshot(page, f"present_slide2_{size[0]}x{size[1]}")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"() => document.querySelector(\"[data-testid='slide-number']\")?.innerText.trim() === '1 / {n}'",
                           timeout=20_000)
    page.watch.assert_clean()


def test_bad_slide_in_url_falls_back(app_server, page):
    page.goto(f"{app_server}/present?story=no_such_story&slide=99", wait_until="domcontentloaded")
    wait_for_app(page)
    page.wait_for_selector("[data-testid='slide-number']")
    body = page.locator("body").inner_text()
    assert "There is no story called" in body and "is not between 1 and" in body
    assert _slide_number(page).startswith("1 / ")
    page.watch.assert_clean()
