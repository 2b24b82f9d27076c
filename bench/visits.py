"""Timing one page visit in Chromium: ready = the script finished, the main block filled and every Plotly
chart drawn (held 300 ms); visits interleaved with the empty page so both see the same machine load."""

from __future__ import annotations

import statistics
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dashboard import config
from dashboard.config import ROOT
from dashboard.serve import running_server

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# The bar (time-to-ready / empty page, median of the visits); other pages keep the earlier 1.5x.
READY_TIMEOUT_MS = 60_000
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
CHARTS_JS = """() => {
  const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
  return [plots.length, plots.some(p => (p._fullData || []).some(t => t.type === 'choropleth'))];
}"""

# has drawn its traces; it must hold for 300 ms (so a gap between two script messages is not taken for the
# end). The time recorded is when it first became true, in ms since navigation start.
READY_JS = """
() => {
  const now = performance.now();
  const ok = (() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    if (!main || !main.querySelector('[data-testid="stElementContainer"]')) return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    for (const p of document.querySelectorAll('.js-plotly-plot')) {
      if (!p._fullData || !p._fullLayout || !p.querySelector('.main-svg')) return false;
      const geo = p._fullData.some(t => t.type === 'choropleth' || t.type === 'scattergeo');
      if (geo && !p.querySelector('.choroplethlocation, .scattergeo .point')) return false;
      const xy = p._fullData.some(t => ['scatter', 'bar'].includes(t.type) && t.visible !== false);
      if (xy && !p.querySelector('.trace')) return false;
    }
    return true;
  })();
  if (!ok) { window.__readySince = undefined; return false; }
  if (window.__readySince === undefined) window.__readySince = now;
  return now - window.__readySince >= 300 ? window.__readySince : false;
}
"""


@contextmanager
def server(script: Path | None = None, env: dict | None = None):
    """Start our app (python -m dashboard.serve) or a plain Streamlit script on a loopback port."""
    with running_server(env=env, script=script) as (url, proc):
        yield url, proc


@contextmanager
def earlier_app(rev: str, tmp: Path):
    """The app as it was at git `rev` (its files from `git archive`, reading this checkout's store), served;
    yields its URL. For "no page slower than before": the same pages of both apps timed in one run."""
    tree = tmp / "earlier"
    tree.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    for f in (ROOT / "static").glob("plotly-*.min.js"):  # the bundles, if that commit's server asks for them
        if not (tree / "static" / f.name).exists():
            (tree / "static").mkdir(exist_ok=True)
            (tree / "static" / f.name).symlink_to(f)
    with running_server(env={"STORE_PATH": str(config.store_path())}, root=tree) as (url, _proc):
        yield url


def rss_mb(pid: int) -> float:
    try:
        import psutil  # optional

        return psutil.Process(pid).memory_info().rss / 1024 / 1024
    except ImportError:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def loopback_only(route):
    from urllib.parse import urlparse

    host = urlparse(route.request.url).hostname or ""
    if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost", "::1"):
        route.continue_()
    else:
        route.abort()


@dataclass
class Visit:
    ms: float | None  # time-to-ready, None on a timeout
    why: str = ""  # a page error, an error box, a timeout
    charts: int = 0  # Plotly charts drawn
    geo: bool = False  # a choropleth among them


def time_to_ready(browser, url: str, ctx=None, viewport: dict = DESKTOP) -> Visit:
    """ms from navigation start to ready, in a fresh browser context (a first visit: nothing cached) or, given
    `ctx`, in that context (a returning visitor: Streamlit's and Plotly's bundles in the browser's cache)."""
    fresh = ctx is None
    ctx = ctx or browser.new_context(viewport=viewport)
    pg = None
    try:
        pg = ctx.new_page()
        pg.route("**/*", loopback_only)
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(url, wait_until="commit", timeout=READY_TIMEOUT_MS)
        try:
            h = pg.wait_for_function(READY_JS, timeout=READY_TIMEOUT_MS, polling=50)
            ms = float(h.json_value())
        except Exception as e:
            return Visit(None, f"not ready in {READY_TIMEOUT_MS / 1000:.0f} s ({type(e).__name__})")
        exc = pg.locator("[data-testid='stException'], [data-testid='stAlertContentError']").count()
        charts, geo = pg.evaluate(CHARTS_JS)
        why = "; ".join(errors[:2]) + (f"{exc} error box(es) on the page" if exc else "")
        return Visit(ms, why, charts, geo)
    finally:
        if fresh:
            ctx.close()
        elif pg is not None:
            pg.close()


def interleaved(browser, targets: list[tuple[str, str]], empty_url: str, reps: int, **kw) -> dict[str, list]:
    """{name: [Visit, ...]} for "empty" and each (name, url) target: each round visits the empty page before
    every target, so the two see the same load. Each URL is visited once first (server caches warm)."""
    for _name, url in [("empty", empty_url), *targets]:
        time_to_ready(browser, url, **kw)
    out: dict[str, list] = {}
    for _ in range(reps):
        for name, url in targets:
            out.setdefault("empty", []).append(time_to_ready(browser, empty_url, **kw))
            out.setdefault(name, []).append(time_to_ready(browser, url, **kw))
    return out


def median_ms(visits: list) -> float | None:
    times = [v.ms for v in visits if v.ms is not None]
    return statistics.median(times) if times else None
