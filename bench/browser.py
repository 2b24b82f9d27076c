"""Browser time-to-ready (bench/run.py section 4) and server memory (section 5).

Each app page is timed against the empty Streamlit page (st.write('x')) and against its floor (bench/floors.py:
the plain page with the same sidebar filters and the same number of bare charts), all visits interleaved
(empty page, floors and app pages in turn, `reps` rounds) so every page sees the same machine load. A first
visit is a fresh browser context; a returning visitor keeps one profile per server (bundles cached).
"""

from __future__ import annotations

import shutil
import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.floors import FLOORS, WIDGET_FLOORS, floor_for, write_floor_app
from bench.rows import Row, add
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
RATIO_TARGETS = {
    "overview": 1.6,
    "safeguarding": 1.6,
    "education": 1.6,
    "explore": 1.6,
    "localities": 1.8,
    "about": 1.3,
    "sources": 1.3,
}
BROWSER_RATIO = 1.5
LOCALITIES_READY_S = 2.0
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


def rss_mb(pid: int) -> float:
    try:
        import psutil  # optional

        return psutil.Process(pid).memory_info().rss / 1024 / 1024
    except ImportError:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _loopback_only(route):
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
        pg.route("**/*", _loopback_only)
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


def report_visits(visits: dict[str, list], pages: list[str], label: str, with_floors: bool) -> None:
    """Rows: the empty page's median, each floor's ratio, each page's ratio to the empty page and its floor."""
    empty = median_ms(visits.get("empty", []))
    add(
        Row(
            "browser",
            f"empty Streamlit page{label} (median)",
            empty,
            "ms",
            "baseline",
            None,
            f"{len(visits.get('empty', []))} visits",
        )
    )
    if not empty:
        return
    if with_floors:
        for floor, what in FLOORS + WIDGET_FLOORS:
            med = median_ms(visits.get(f"floor:{floor}", []))
            if med:
                add(
                    Row(
                        "browser",
                        f"floor {floor}{label} / empty ({med:,.0f} ms)",
                        med / empty,
                        "×",
                        "—",
                        None,
                        what,
                    )
                )
    for name in pages:
        page_visits = visits.get(name, [])
        med, why = median_ms(page_visits), next((v.why for v in page_visits if v.why), "")
        target = RATIO_TARGETS.get(name, BROWSER_RATIO)
        if med is None:
            add(
                Row(
                    "browser",
                    f"page {name}{label} / empty",
                    None,
                    "×",
                    f"≤ {target}×",
                    False,
                    why or "no data",
                )
            )
            continue
        note = why
        last = next((v for v in reversed(page_visits) if v.ms is not None), None)
        if with_floors and last is not None:
            floor = floor_for(last.charts, last.geo)
            f_med = median_ms(visits.get(f"floor:{floor}", []))
            if f_med:
                note = f"{med / f_med:.2f}× its floor {floor} ({last.charts} chart(s)) {why}".strip()
        ok = med / empty <= target and not why
        add(
            Row(
                "browser",
                f"page {name}{label} / empty ({med:,.0f} ms)",
                med / empty,
                "×",
                f"≤ {target}×",
                ok,
                note,
            )
        )
        if name == "localities":
            add(
                Row(
                    "browser",
                    f"page localities{label} time-to-ready",
                    med / 1000,
                    "s",
                    f"< {LOCALITIES_READY_S:.0f} s",
                    med / 1000 < LOCALITIES_READY_S,
                )
            )


def returning_visits(browser, targets: list[tuple[str, str]], empty_url: str, reps: int) -> dict[str, list]:
    """Like `interleaved`, but each server keeps one browser profile across visits (its bundles cached)."""
    app_ctx, empty_ctx = browser.new_context(viewport=DESKTOP), browser.new_context(viewport=DESKTOP)
    try:
        time_to_ready(browser, empty_url, empty_ctx)
        for _name, url in targets:
            time_to_ready(browser, url, app_ctx)
        out: dict[str, list] = {}
        for _ in range(reps):
            for name, url in targets:
                out.setdefault("empty", []).append(time_to_ready(browser, empty_url, empty_ctx))
                out.setdefault(name, []).append(time_to_ready(browser, url, app_ctx))
        return out
    finally:
        app_ctx.close()
        empty_ctx.close()


def bench_memory(browser, app_proc, first_url: str, sessions: int) -> None:
    """Server RSS after the tour, then with `sessions` browser contexts open at once on the first page."""
    one_rss = rss_mb(app_proc.pid)
    ctxs = []
    try:
        t0 = time.perf_counter()
        for _ in range(sessions):
            c = browser.new_context(viewport=DESKTOP)
            pg = c.new_page()
            pg.route("**/*", _loopback_only)
            pg.goto(first_url, wait_until="commit", timeout=READY_TIMEOUT_MS)
            ctxs.append((c, pg))
        ready = 0
        for _c, pg in ctxs:
            try:
                pg.wait_for_function(READY_JS, timeout=READY_TIMEOUT_MS, polling=100)
                ready += 1
            except Exception:
                pass
        all_ready_s = time.perf_counter() - t0
        time.sleep(1.0)
        many_rss = rss_mb(app_proc.pid)
    finally:
        for c, _pg in ctxs:
            c.close()
    add(Row("memory", "server RSS after the page tour (warm caches)", one_rss, "MB"))
    add(
        Row(
            "memory",
            f"server RSS with {sessions} sessions open",
            many_rss,
            "MB",
            "—",
            None,
            f"{ready}/{sessions} ready in {all_ready_s:.1f} s",
        )
    )
    add(
        Row(
            "memory",
            "memory per session",
            (many_rss - one_rss) / sessions,
            "MB",
            "—",
            None,
            f"({many_rss:,.0f} − {one_rss:,.0f}) / {sessions}",
        )
    )
    add(
        Row(
            "browser",
            f"{sessions} sessions opened at once: all ready",
            float(ready),
            "",
            f"= {sessions}",
            ready == sessions,
            f"in {all_ready_s:.1f} s",
        )
    )


def bench_browser(
    pages: list[tuple[str, str]], reps: int, mem_sessions: int, tmp: Path, phone: bool = False
) -> None:
    """First visits (desktop, with the floors; and at phone width when `phone`), returning visitors, memory."""
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        add(Row("browser", "Debian chromium", None, "", "installed", False, "apt-get install chromium"))
        return
    empty = tmp / "empty_app" / "empty.py"
    empty.parent.mkdir(parents=True, exist_ok=True)
    empty.write_text("import streamlit as st\n\nst.write('x')\n", encoding="utf-8")
    floors = write_floor_app(tmp / "floor_app")
    with (
        server() as (app_url, app_proc),
        server(script=empty) as (empty_url, _empty_proc),
        server(script=floors) as (floors_url, _floors_proc),
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            idle_rss = rss_mb(app_proc.pid)
            names = [Path(f).stem for f, _path in pages]
            app_targets = [(Path(f).stem, f"{app_url}/{path}") for f, path in pages]
            floor_targets = [
                (f"floor:{f}", f"{floors_url}/?floor={f}") for f, _what in FLOORS + WIDGET_FLOORS
            ]
            visits = interleaved(browser, floor_targets + app_targets, empty_url, reps)
            report_visits(visits, names, "", with_floors=True)
            if phone:
                visits = interleaved(browser, app_targets, empty_url, reps, viewport=PHONE)
                report_visits(visits, names, " at phone width (390 px)", with_floors=False)
            report_visits(
                returning_visits(browser, app_targets, empty_url, reps),
                names,
                ", returning visitor",
                with_floors=False,
            )
            add(Row("memory", "server RSS, idle after start", idle_rss, "MB"))
            bench_memory(browser, app_proc, app_targets[0][1], mem_sessions)
        finally:
            browser.close()
