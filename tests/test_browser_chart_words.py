"""Real Chromium, every page and section tab: each chart's words (title, source line, labels) lie inside its
own box at 390, 1280 and 1400 px; no table or text shows 'None' or 'nan'; every chart on a Board page has
its 'Add to story' button."""

import re

import pytest
from app_pages import url_paths
from conftest import screenshot, wait_for_app

from dashboard.ui.pages import PAGES

pytestmark = pytest.mark.browser
WIDTHS = (1400, 1280, 390)
BOARD = {p.file for p in PAGES if p.group == "Board"}

# Each annotation and the title of each Plotly chart, with the chart's SVG box: a word outside is clipped.
WORDS_JS = """() => {
  const out = [];
  document.querySelectorAll('.js-plotly-plot').forEach((plot, i) => {
    const svg = plot.querySelector('svg.main-svg');
    if (!svg || plot.closest('[data-stale="true"]')) return;  // a chart of the tab being replaced
    const box = svg.getBoundingClientRect();
    const title = (plot.querySelector('.gtitle') || {textContent: '(untitled)'}).textContent.slice(0, 50);
    const items = [...plot.querySelectorAll('g.annotation')].map(a => ['annotation', a]);
    plot.querySelectorAll('.g-gtitle').forEach(t => items.push(['title', t]));
    for (const [kind, el] of items) {
      const b = el.getBoundingClientRect();
      if (b.width === 0 && b.height === 0) continue;
      const inside = b.left >= box.left - 1 && b.right <= box.right + 1 && b.top >= box.top - 1
        && b.bottom <= box.bottom + 1;
      const at = [b.left, b.top, b.right, b.bottom].map(Math.round);
      const chart = [box.left, box.top, box.right, box.bottom].map(Math.round);
      const what = `${kind} "${el.textContent.slice(0, 40)}"`;
      if (!inside) out.push(`${title}: ${what} at [${at}] outside [${chart}]`);
    }
    const legend = plot.querySelector('g.legend');
    const source = [...plot.querySelectorAll('g.annotation')].find(a => a.textContent.startsWith('Source:'));
    if (legend && source) {
      const l = legend.getBoundingClientRect(), s = source.getBoundingClientRect();
      if (!(s.right < l.left || s.left > l.right || s.bottom < l.top || s.top > l.bottom))
        out.push(`${title}: the source line is drawn over the legend`);
    }
  });
  return out;
}"""

# Text the user can see, data grids' cells included (Streamlit draws them on a canvas, so read its data).
VISIBLE_TEXT_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  const parts = [main.innerText];
  main.querySelectorAll('[data-testid="stDataFrame"] [role="gridcell"], [data-testid="stTable"] td')
    .forEach(c => parts.push(c.textContent));
  return parts.join('\\n');
}"""
BAD_TEXT = re.compile(r"(?<![\w-])(None|nan|NaN|NaT)(?![\w-])")


def _charts_and_buttons(page) -> tuple[int, int]:
    charts = page.locator(".js-plotly-plot").count()
    buttons = page.get_by_role("button", name="Add to story").count()
    return charts, buttons


def _check_here(page, where: str, board: bool) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(900)  # Plotly redraws on resize
        problems += [f"{where} at {width} px: {p}" for p in page.evaluate(WORDS_JS)]
    page.set_viewport_size({"width": 1400, "height": 1000})
    text = page.evaluate(VISIBLE_TEXT_JS)
    problems += [
        f"{where}: shows '{m.group(1)}' in “…{text[max(0, m.start() - 40) : m.end() + 20]}…”"
        for m in BAD_TEXT.finditer(text)
    ]
    if board:
        charts, buttons = _charts_and_buttons(page)
        if buttons < charts:
            problems.append(f"{where}: {charts} charts but {buttons} 'Add to story' buttons")
    return problems


@pytest.mark.parametrize("file,path", url_paths())
def test_chart_words_tables_and_story_buttons(app_server, page, file, path):
    from app_pages import section_tabs

    key, labels = section_tabs(file)
    page.goto(f"{app_server}/{path}", wait_until="domcontentloaded")
    wait_for_app(page, timeout=60_000)
    name = path or "overview"
    problems = []
    for label in labels[1:] + labels[:1] if labels else [None]:
        if label is not None:
            page.get_by_role("tab", name=label, exact=True).click()
            wait_for_app(page, timeout=60_000)
        where = f"{name}{' / ' + label if label else ''}"
        problems += _check_here(page, where, file in BOARD)
        if problems:
            screenshot(page, f"words_{name}_{(label or 'page').split()[0].lower()}")
    assert not problems, "\n".join(problems[:20])
