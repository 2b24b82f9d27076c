"""Real Chromium: pick Leominster in the sidebar, click through Overview, Profile of need, Education and
Safeguarding in the navigation; the address keeps ?locality= and each page shows Leominster's own figures.
The Localities map names its localities on the map."""

from __future__ import annotations

import pytest
from conftest import screenshot, wait_for_app

from dashboard.present.format import fmt_value

pytestmark = pytest.mark.browser
LEO = "LOC-LEOMINSTER"
NAV = [
    ("Profile of need", "profile"),
    ("Education and attainment gaps", "education"),
    ("Safeguarding", "safeguarding"),
    ("Overview", ""),
]


def figure(con, indicator_id: str) -> str:
    """Leominster's latest figure of an indicator, formatted as the pages show it."""
    v, unit, dec = con.execute(
        "SELECT value, unit, decimals FROM local_facts WHERE indicator_id = ? AND area_code = ? "
        "ORDER BY period_end DESC LIMIT 1",
        [indicator_id, LEO],
    ).fetchall()[0]
    return fmt_value(v, unit, dec)


def main_text(page) -> str:
    return page.inner_text("[data-testid='stMain']")


def test_leominster_follows_the_user_through_four_pages(app_server, page, con):
    page.goto(f"{app_server}/", wait_until="domcontentloaded")
    wait_for_app(page, timeout=90_000)
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="Leominster", exact=True).click()
    page.wait_for_function(f"() => location.search.includes('locality={LEO}')", timeout=30_000)
    wait_for_app(page, timeout=90_000)
    expected = {
        "": [figure(con, "sape_children_0_17"), "Leominster: the locality at a glance"],
        "profile": ["Leominster: population", figure(con, "sape_children_0_17"), figure(con, "cilif_rate")],
        "education": [
            "Leominster: its schools",
            figure(con, "school_fsm_pct"),
            figure(con, "school_sen_support_pct"),
        ],
        "safeguarding": ["uploaded for Leominster"],
    }
    assert all(x in main_text(page) for x in expected[""]), expected[""]
    for title, path in NAV:
        page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
        page.wait_for_function(f"() => location.pathname.endsWith('/{path}')", timeout=30_000)
        wait_for_app(page, timeout=90_000)
        page.wait_for_function(f"() => location.search.includes('locality={LEO}')", timeout=30_000)
        text = main_text(page)
        assert "does not apply" not in text, path
        for want in expected[path]:
            assert want in text, (path, want)
        screenshot(page, f"locality_nav_{path or 'overview'}")
    page.watch.assert_clean()


def test_localities_map_names_eight_shapes_on_the_map(app_server, page):
    page.goto(f"{app_server}/localities", wait_until="domcontentloaded")
    wait_for_app(page, timeout=90_000)
    plot = page.locator(".js-plotly-plot").first
    shapes = plot.locator("path.choroplethlocation").count()
    labels = plot.locator("text").evaluate_all("els => els.map(e => e.textContent)")  # every SVG text
    assert shapes >= 8, shapes
    for name in ("Leominster", "South Wye", "Golden Valley", "Hereford City (excl. South Wye)"):
        assert name in labels, labels
    screenshot(page, "localities_map")
    page.watch.assert_clean()
