"""The issue's attack, in Chromium: an analyst's ordinary locality upload with Leominster children in need = 3
(denominator 4,100) and South Wye = 3. On every Localities tab, in the page text, in every chart's figure
JSON (z,
hover text, customdata) and in the Localities page's CSV download, neither hidden count, its rate (7.317 per
10,000) nor its denominator appears."""

from __future__ import annotations

import datetime as dt
import json
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
                if v is not None and (v == 3 or v == [3] or "</b><br>3" in str(v) or "7.3" in str(v)):
                    out.append(f"{tr.get('name')}: {key}[{loc}] = {v}")
    return out


def test_hidden_count_appears_nowhere(attacked, browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = ctx.new_page()
    loc = "localities?measure=cin_count&release=" + quote("31 March 2024") + "&area=LOC-LEOMINSTER"
    # the pages that draw locality figures: each section tab of Localities, for the count and its rate
    _key, tabs = app_pages.section_tabs("pages/localities.py")
    paths = [f"{loc}&{_key}={quote(t)}" for t in tabs] + [loc.replace("cin_count", "CIN")]
    leaks = []
    for path in paths:
        page.goto(f"{attacked}/{path}")
        wait_for_app(page, timeout=60_000)
        text = page.inner_text("body")
        for needle in ("7.317", "7.32", "4,100", "4100"):
            if needle in text:
                leaks.append(f"{path}: page text shows {needle}")
        for fig in page.evaluate(FIGS_JS):
            leaks += [f"{path}: {x}" for x in _leaks_in_figure(json.loads(fig))]
    page.goto(f"{attacked}/{loc}")
    wait_for_app(page, timeout=60_000)
    page.get_by_text("Data table and downloads").first.click()  # the locality map's data panel
    button = page.locator("[data-testid='stDownloadButton'] button", has_text="Download CSV").first
    button.wait_for(timeout=60_000)
    with page.expect_download() as dl:
        button.click()
    csv_text = open(dl.value.path(), encoding="utf-8-sig").read()
    for line in csv_text.splitlines():
        if "Leominster" in line or "South Wye," in line:
            assert ",3," not in line and "4100" not in line and "7.3" not in line, line
    assert not leaks, leaks
    ctx.close()
