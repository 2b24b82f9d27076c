"""Real Chromium: charts drawn by our renderer (dashboard/ui/plotly_chart.py, the plotly.js partial bundles)
really render, answer hover, and on Localities a click on the map selects a locality."""

from urllib.parse import parse_qs, urlparse

import pytest
from conftest import wait_for_app

pytestmark = pytest.mark.browser

DRAWN_JS = """() => Array.from(document.querySelectorAll('.hcd-plotly')).map(p => ({
  svg: !!p.querySelector('.main-svg'),
  traces: p.querySelectorAll('g.trace, path.choroplethlocation').length,
  types: (p._fullData || []).map(t => t.type),
}))"""


def _open(page, url):
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app(page, timeout=60_000)


def _hover_shows_a_label(page, selector: str) -> bool:
    point = page.locator(selector).first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(400)
    return page.locator(".hcd-plotly .hoverlayer .hovertext").count() > 0


@pytest.mark.parametrize(
    ("path", "point"),
    [("safeguarding", ".hcd-plotly .scatterlayer .point"), ("", ".hcd-plotly .bars .point path")],
)
def test_component_charts_render_with_traces_and_hover(app_server, page, path, point):
    _open(page, f"{app_server}/{path}")
    drawn = page.evaluate(DRAWN_JS)
    assert drawn, "no chart went through the partial-bundle renderer"
    assert all(d["svg"] and d["traces"] > 0 for d in drawn), drawn
    assert not page.locator("[data-testid='stPlotlyChart']").count(), "a chart fell back to st.plotly_chart"
    assert _hover_shows_a_label(page, point)
    page.watch.assert_clean()


def test_locality_map_click_selects_that_locality(app_server, page):
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    _open(page, f"{app_server}/localities")
    drawn = page.evaluate(DRAWN_JS)
    assert any("choropleth" in d["types"] and d["traces"] > 0 for d in drawn), drawn
    # the world topojson plotly.js wants came with the figure: no fetch for it once the bundle loaded
    assert not [u for u in asked if "topojson" in u or u.endswith(("_110m.json", "_50m.json"))], asked
    before = parse_qs(urlparse(page.url).query).get("area", ["LOC-SOUTH-WYE"])[0]
    # the map scrolled into view as a user would, then the locality whose outline is largest on screen,
    # clicked at a point inside it
    page.evaluate(
        """() => Array.from(document.querySelectorAll('.hcd-plotly')).find(
        p => (p._fullData || []).some(t => t.type === 'choropleth')).scrollIntoView({block: 'center'})"""
    )
    page.wait_for_timeout(300)
    target = page.evaluate(
        """() => {
      const map = Array.from(document.querySelectorAll('.hcd-plotly')).find(
        p => (p._fullData || []).some(t => t.type === 'choropleth'));
      const paths = Array.from(map.querySelectorAll('path.choroplethlocation'));
      const codes = map._fullData.find(t => t.type === 'choropleth').locations;
      let best = null;
      paths.forEach((el, i) => {
        const b = el.getBoundingClientRect();
        if (codes[i] === %r) return;
        if (!best || b.width * b.height > best.area) best = {i, area: b.width * b.height, el};
      });
      const svg = best.el.ownerSVGElement, len = best.el.getTotalLength();
      for (let k = 0; k < 400; k++) {  // a point inside the outline: try points near the centre
        const b = best.el.getBBox(), pt = svg.createSVGPoint();
        pt.x = b.x + b.width * (0.3 + 0.4 * Math.random()); pt.y = b.y + b.height * (0.3 + 0.4 *
        Math.random());
        if (best.el.isPointInFill(pt)) {
          const m = best.el.getScreenCTM();
          return {code: codes[best.i], x: pt.x * m.a + pt.y * m.c + m.e,
                  y: pt.x * m.b + pt.y * m.d + m.f, len};
        }
      }
      return null;
    }"""
        % before
    )
    assert target, "no point inside a locality outline"
    page.mouse.click(target["x"], target["y"])
    page.wait_for_function(f"() => location.search.includes('area={target['code']}')", timeout=20_000)
    wait_for_app(page, timeout=60_000)
    assert target["code"] != before
    assert page.get_by_text("Profile: ").count() > 0
    page.watch.assert_clean()
