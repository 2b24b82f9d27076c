"""The issue's attack, in Chromium: an analyst's ordinary locality upload with Leominster children in need = 3
(denominator 4,100) and South Wye = 3. On every Localities tab, in the page text, in every chart's figure
JSON (z,
hover text, customdata) and in the Localities page's CSV download, neither hidden count, its rate (7.317 per
10,000) nor its denominator appears."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from urllib.parse import quote

import app_pages
import pytest
from conftest import wait_for_app

from dashboard.serve import running_server

pytestmark = pytest.mark.browser

ATTACK = {
    "Leominster": (3, 4100),
    "Hereford City": (50, 20000),
    "Ross-on-Wye": (20, 5000),
    "Ledbury": (22, 4000),
    "Bromyard": (9, 2000),
    "Golden Valley": (12, 2500),
    "Kington/Weobley": (14, 3000),
    "South Wye": (3, 6000),
    "Hereford City excluding South Wye": (47, 14000),
}
HIDDEN = ("LOC-LEOMINSTER", "LOC-SOUTH-WYE")
FIGS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p =>
  JSON.stringify({data: p.data, layout: p.layout}))"""


@pytest.fixture(scope="module")
def attacked(store_path, tmp_path_factory):
    base = tmp_path_factory.mktemp("attack")
    store = base / "store.duckdb"
    shutil.copy(store_path, store)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STORE_PATH", str(store))
        mp.setenv("DASHBOARD_VAR_DIR", str(base / "var"))
        from dashboard.intake import uploads as U

        body = "indicator_id,area,period,count,denominator\n" + "".join(
            f"cin_count,{a},31 March 2024,{c},{d}\n" for a, (c, d) in ATTACK.items()
        )
        U.accept_upload(body.encode(), "attack.csv", "tester", today=dt.date(2025, 6, 1))
    with running_server(env={"STORE_PATH": str(store), "DASHBOARD_VAR_DIR": str(base / "var")}) as (url, _p):
        yield url


# the hidden count as a hover value ("</b><br>3", not "33.3%"), or its rate (7.3 per 10,000, not 17.3)
LEAK_TEXT = re.compile(r"</b><br>3(?![\d.,])|(?<![\d.])7\.3")


def _leaks_in_figure(fig: dict) -> list[str]:
    out = []
    for tr in fig["data"]:
        locs = tr.get("locations") or tr.get("x") or []
        for i, loc in enumerate(locs):
            if loc not in HIDDEN and not any(n in str(loc) for n in ("Leominster", "South Wye")):
                continue
            for key in ("z", "y", "customdata", "text", "hovertext"):
                seq = tr.get(key)
                v = seq[i] if isinstance(seq, list) and i < len(seq) else None
                if v is not None and (v == 3 or v == [3] or LEAK_TEXT.search(str(v))):
                    out.append(f"{tr.get('name')}: {key}[{loc}] = {v}")
    return out


def _page_leaks(page, path: str) -> list[str]:
    text = page.inner_text("body")
    leaks = [f"{path}: page text shows {n}" for n in ("7.317", "7.32", "4,100", "4100") if n in text]
    for fig in page.evaluate(FIGS_JS):
        leaks += [f"{path}: {x}" for x in _leaks_in_figure(json.loads(fig))]
    return leaks


def _csv_leaks(page, path: str) -> list[str]:
    """Open every data panel on the page, one at a time (each opening reruns the page), and read every CSV
    download in them. A page whose panels show no CSV button is itself a failure, not a pass."""
    leaks = []
    panels = page.get_by_text("Data table and downloads")
    n_panels = panels.count()
    if not n_panels:  # every figure suppressed: the page must say so, not show an empty chart
        assert "suppressed (c)" in page.inner_text("body"), f"{path}: no data panel and no word of why"
        return leaks
    for i in range(n_panels):
        panels.nth(i).click()
        wait_for_app(page, timeout=60_000)
    buttons = page.locator("[data-testid='stDownloadButton'] button", has_text="Download CSV")
    buttons.nth(n_panels - 1).wait_for(timeout=60_000)
    wait_for_app(page, timeout=60_000)
    assert buttons.count() == n_panels, f"{path}: {buttons.count()} CSV buttons for {n_panels} panels"
    for k in range(buttons.count()):
        # a deferred download: the server prepares the file on the click, so a loaded machine takes a while
        with page.expect_download(timeout=90_000) as dl:
            buttons.nth(k).click()
        csv_text = open(dl.value.path(), encoding="utf-8-sig").read()
        assert csv_text.strip(), f"{path}: download {k + 1} is empty"
        for line in csv_text.splitlines():
            if ("Leominster" in line or "South Wye" in line) and (
                ",3," in line or "4100" in line or "7.3" in line
            ):
                leaks.append(f"{path}: download {k + 1} has {line[:120]}")
    return leaks


def test_hidden_count_appears_nowhere(attacked, browser):
    """Every page and section tab with Leominster chosen in the sidebar, and every Localities tab for the
    uploaded count and its rate: no page text, chart JSON or CSV download shows a hidden count, its rate or
    its denominator."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = ctx.new_page()
    chosen = "locality=LOC-LEOMINSTER"
    paths = []
    for _file, key, label in app_pages.page_tabs():
        url_path = next(p for f, p in app_pages.url_paths() if f == _file)
        paths.append(f"{url_path}?{chosen}" + (f"&{key}={quote(label)}" if key and label else ""))
    loc = "localities?measure=cin_count&release=" + quote("31 March 2024") + "&area=LOC-LEOMINSTER"
    _key, tabs = app_pages.section_tabs("pages/localities.py")
    loc_paths = [f"{loc}&{_key}={quote(t)}" for t in tabs] + [loc.replace("cin_count", "CIN")]
    leaks = []
    for path in dict.fromkeys(paths + loc_paths):
        page.goto(f"{attacked}/{path}")
        wait_for_app(page, timeout=60_000)
        leaks += _page_leaks(page, path)
    for path in loc_paths[:2]:  # the map and ranking tabs: their tables carry every locality's figure
        page.goto(f"{attacked}/{path}")
        wait_for_app(page, timeout=60_000)
        leaks += _csv_leaks(page, path)
    assert not leaks, leaks
    ctx.close()
