"""What a reader sees in Chromium: no seed file name outside the Sources page (page text, chart hovers and
annotations), no 'None' or 'nan'; presenter mode fits a 1280x720 laptop with its controls and notes."""

from __future__ import annotations

import re

import pytest
from app_pages import section_tabs, url_paths
from conftest import screenshot, wait_for_app

from dashboard.present.sources import has_file_name

pytestmark = pytest.mark.browser

SHOWN_JS = """() => { const out = [document.querySelector('[data-testid="stMain"]')?.innerText || ''];
  document.querySelectorAll('.js-plotly-plot').forEach(p => {
    (p.data || []).forEach(t => ['hovertext', 'text', 'name'].forEach(k => {
      const v = t[k];
      if (Array.isArray(v)) out.push(v.join(' | ')); else if (typeof v === 'string') out.push(v); }));
    ((p.layout || {}).annotations || []).forEach(a => out.push(a.text || '')); });
  return out.join('\\n'); }"""
VIEWS = [
    (path, key, label)
    for file, path in url_paths()
    if path != "sources"
    for key, labels in [section_tabs(file)]
    for label in (labels or [None])
]


@pytest.mark.parametrize("path,key,label", VIEWS)
def test_no_file_names_or_none_shown(app_server, page, path, key, label):
    page.goto(f"{app_server}/{path}" + (f"?{key}={label}" if label else ""), wait_until="domcontentloaded")
    wait_for_app(page, timeout=60_000)
    shown = page.evaluate(SHOWN_JS)
    assert shown.strip(), "nothing drawn"
    hits = [
        m.group(0)
        for m in re.finditer(r".{0,60}\b\d{3}_[0-9a-f]{16}\b.{0,20}|.{0,60}\bseeds? \d{3}\b", shown)
    ]
    assert not has_file_name(shown), hits[:3]
    assert not re.search(r"\bNone\b|\bnan\b", shown), re.findall(r".{0,40}\b(?:None|nan)\b.{0,20}", shown)[:3]


def test_presenter_fits_a_laptop_screen(app_server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(f"{app_server}/present?story=jar_to_2008&slide=3", wait_until="domcontentloaded")
        wait_for_app(page, timeout=60_000)
        text = page.locator("[data-testid='stMain']").inner_text()
        assert "3 of the 17 recommendations were completed, 10 on track and 4 slipping" in text
        for sel in (
            ".st-key-present_next button",
            ".st-key-present_prev button",
            "[data-testid='speaker-notes']",
        ):
            box = page.locator(sel).bounding_box()
            assert box and box["y"] + box["height"] <= 720, (sel, box)
        assert page.locator(".st-key-present_story_pick").count() == 1
        screenshot(page, "present_1280x720")
    finally:
        page.close()
