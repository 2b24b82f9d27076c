"""Performance figures: python -m bench.run [--quick] [--skip-scale]   (make bench)

Prints a plain-text table (each figure next to its target, PASS / MISS) and writes bench/RESULTS.md with the
machine's facts. Measures, in one run:

1. store build time from all sources (built into a temporary file; data/store.duckdb is not touched);
2. p50 / p95 of every query in queries/ against the real store (header example parameters, a fresh cursor
   per run);
3. each page's script time through AppTest, cold (caches cleared, first run of the page) and warm (next run);
4. browser time-to-ready per page (Streamlit's status widget gone, every Plotly chart has drawn its traces)
   against an empty Streamlit page (st.write('x')) served by a second server in the same run, as a ratio,
   for a
   first visit (nothing cached) and for a returning visitor (the browser's cache kept);
5. server memory: RSS idle, with 1 and with 20 sessions open (20 browser contexts on one page), per session;
6. a scale run: a synthetic national-size store in a temporary folder (bench/scale.py), every query's p95
   and every page's script time against it (the app reads STORE_PATH).

Servers listen on 127.0.0.1 only; every wait has a timeout. The machine may be shared: compare the ratios
within one run rather than absolute times across runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dashboard.serve import running_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # AppTest's "no runtime" warnings are expected here
sys.path.insert(0, str(ROOT / "tests"))

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
QUERY_P95_MS = 50.0  # every query, real and national-scale store
PAGE_SCRIPT_MS = (
    500.0  # a page's script (warm) on the national-scale store, and the other pages on the real one
)
# The Board's analysis pages (issue: analysis pages) must run in 300 ms once warm on the real store.
ANALYSIS_PAGES = {"overview", "profile_of_need", "safeguarding", "education", "outcomes", "explore", "about"}
ANALYSIS_PAGE_MS = 300.0
BROWSER_RATIO = 1.5  # page time-to-ready / empty Streamlit page
LOCALITIES_READY_S = 2.0
READY_TIMEOUT_MS = 60_000
# A plain Streamlit page with the same sidebar widgets as app.py's shared filters and nothing else: shows how
# much of the 1.5x budget the filters alone use.
FILTERS_ONLY_PAGE = """import streamlit as st

with st.sidebar:
    st.markdown("### Filters")
    st.selectbox("Locality", ["All of Herefordshire", "South Wye"],
                 help="Localities are approximated from wards")
    st.multiselect("Compare with", ["England", "West Midlands", "Statistical neighbours"],
                   default=["England", "West Midlands", "Statistical neighbours"])
    st.slider("From year", 2005, 2025, 2005)
    st.caption("Filters are kept in the page address, so a copied link shows the same view.")
st.write("x")
"""

# Ready = the script has finished (stApp's data-test-script-state is notRunning, no status widget), the main
# block has elements, and every Plotly chart
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


@dataclass
class Row:
    section: str
    measure: str
    value: float | None  # in `unit`
    unit: str
    target: str = "—"
    ok: bool | None = None  # None: no target
    note: str = ""

    def shown(self) -> str:
        if self.value is None:
            return "n/a"
        if self.unit == "×":
            return f"{self.value:.2f}×"
        if self.unit in ("MB", "ms") and self.value >= 100:
            return f"{self.value:,.0f} {self.unit}"
        return f"{self.value:,.1f} {self.unit}" if self.unit else f"{self.value:,.0f}"

    def status(self) -> str:
        return "" if self.ok is None else ("PASS" if self.ok else "MISS")


ROWS: list[Row] = []


def add(row: Row) -> Row:
    ROWS.append(row)
    print(
        f"  {row.section:<16} {row.measure:<52} {row.shown():>12}  {row.target:<12} {row.status():<4} "
        f"{row.note}",
        flush=True,
    )
    return row


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    if len(xs) == 1:
        return xs[0]
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


# ------------------------------------------------------------------------------------------- machine


def machine_facts() -> dict[str, str]:
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    import duckdb
    import plotly
    import streamlit

    try:
        chromium = subprocess.run(
            [shutil.which("chromium") or "chromium", "--version"], capture_output=True, text=True, timeout=20
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "not found"
    return {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "nproc": str(os.cpu_count()),
        "memory": mem,
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "duckdb": duckdb.__version__,
        "plotly": plotly.__version__,
        "chromium": chromium,
        "platform": platform.platform(),
    }


# ------------------------------------------------------------------------------------------- 1. build


def bench_build(tmp: Path) -> None:
    from data.build import build

    target = tmp / "build" / "store.duckdb"
    target.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    steps = build(target, quiet=True)
    secs = time.perf_counter() - t0
    skipped = [s.step for s in steps if s.status == "skipped"]
    add(
        Row(
            "build",
            "store build from all sources (temp file)",
            secs,
            "s",
            "—",
            None,
            f"{sum(s.rows for s in steps):,} rows" + (f"; skipped: {', '.join(skipped)}" if skipped else ""),
        )
    )


# ------------------------------------------------------------------------------------------- 2. queries


def bench_queries(store: Path, runs: int, section: str, target_ms: float = QUERY_P95_MS) -> None:
    import duckdb

    from dashboard.store import queries

    con = duckdb.connect(str(store), read_only=True)
    worst = (0.0, "")
    try:
        for name in queries.names():
            params = queries.example_params(name)
            try:
                queries.run_sql(con, name, **params)  # warm the file pages once
                times = []
                for _ in range(runs):
                    t0 = time.perf_counter()
                    queries.run_sql(con, name, **params)  # a fresh cursor per run (run_sql makes one)
                    times.append((time.perf_counter() - t0) * 1000)
            except Exception as e:  # report, keep going
                add(
                    Row(
                        section,
                        f"query {name}",
                        None,
                        "ms",
                        f"p95 ≤ {target_ms:.0f} ms",
                        False,
                        f"failed: {type(e).__name__}: {str(e)[:120]}",
                    )
                )
                continue
            p50, p95 = pct(times, 0.5), pct(times, 0.95)
            worst = max(worst, (p95, name))
            add(
                Row(
                    section,
                    f"query {name} p95 (p50 {p50:.1f} ms)",
                    p95,
                    "ms",
                    f"≤ {target_ms:.0f} ms",
                    p95 <= target_ms,
                )
            )
    finally:
        con.close()
    if worst[1]:
        print(f"  {section}: slowest query {worst[1]} p95 {worst[0]:.1f} ms", flush=True)


# ------------------------------------------------------------------------------------------- 3. AppTest


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def page_script_times(pages: list[str], warm_runs: int = 3) -> dict[str, tuple[float, float, str]]:
    """{page: (cold ms, warm ms, problem)} via AppTest, for the store config.store_path() names now."""
    from streamlit.testing.v1 import AppTest

    out = {}
    for page in pages:
        _clear_caches()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
        problem = ""
        try:
            if page == "pages/overview.py":
                t0 = time.perf_counter()
                at.run()
                cold = time.perf_counter() - t0
            else:
                at.run()
                at.switch_page(page)
                _clear_caches()
                t0 = time.perf_counter()
                at.run()
                cold = time.perf_counter() - t0
            warms = []
            for _ in range(warm_runs):
                t0 = time.perf_counter()
                at.run()
                warms.append(time.perf_counter() - t0)
            warm = statistics.median(warms)
            if at.exception:
                problem = "exception: " + str(at.exception[0].value)[:120]
            elif at.error:
                problem = "error shown: " + str(at.error[0].value)[:120]
        except Exception as e:
            cold = warm = float("nan")
            problem = f"{type(e).__name__}: {str(e)[:120]}"
        out[page] = (cold * 1000, warm * 1000, problem)
    _clear_caches()
    return out


def bench_pages(pages: list[str], section: str, warm_runs: int = 3, real_store: bool = True) -> None:
    for page, (cold, warm, problem) in page_script_times(pages, warm_runs).items():
        name = Path(page).stem
        target = ANALYSIS_PAGE_MS if real_store and name in ANALYSIS_PAGES else PAGE_SCRIPT_MS
        add(Row(section, f"page {name} script, cold", cold, "ms", "—", None, problem))
        add(
            Row(
                section,
                f"page {name} script, warm",
                warm,
                "ms",
                f"≤ {target:.0f} ms",
                warm <= target and not problem,
                problem,
            )
        )


# ------------------------------------------------------------------------------------------- servers


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


def time_to_ready(browser, url: str, ctx=None) -> tuple[float | None, str]:
    """ms from navigation start to ready, in a fresh browser context (a first visit: nothing cached) or, given
    `ctx`, in that context (a returning visitor: Streamlit's and Plotly's bundles in the browser's cache);
    (None, why) on a timeout."""
    fresh = ctx is None
    ctx = ctx or browser.new_context(viewport={"width": 1400, "height": 1000})
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
            return None, f"not ready in {READY_TIMEOUT_MS / 1000:.0f} s ({type(e).__name__})"
        exc = pg.locator("[data-testid='stException'], [data-testid='stAlertContentError']").count()
        why = "; ".join(errors[:2]) + (f"{exc} error box(es) on the page" if exc else "")
        return ms, why
    finally:
        if fresh:
            ctx.close()
        elif pg is not None:
            pg.close()


def bench_browser(pages: list[tuple[str, str]], reps: int, mem_sessions: int, tmp: Path) -> None:
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        add(Row("browser", "Debian chromium", None, "", "installed", False, "apt-get install chromium"))
        return
    empty = tmp / "empty_app" / "empty.py"
    empty.parent.mkdir(parents=True, exist_ok=True)
    empty.write_text("import streamlit as st\n\nst.write('x')\n", encoding="utf-8")
    filters_only = tmp / "empty_app" / "filters_only.py"
    filters_only.write_text(FILTERS_ONLY_PAGE, encoding="utf-8")
    with (
        server() as (app_url, app_proc),
        server(script=empty) as (empty_url, _empty_proc),
        server(script=filters_only) as (filters_url, _filters_proc),
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            idle_rss = rss_mb(app_proc.pid)
            # Warm each server once per page (server-side caches), then measure `reps` fresh visitors,
            # alternating page and empty page so both see the same machine load.
            time_to_ready(browser, empty_url)
            for _file, path in pages:
                time_to_ready(browser, f"{app_url}/{path}")
            empty_times: list[float] = []
            filters_times: list[float] = []
            results: dict[str, list[float]] = {}
            notes: dict[str, str] = {}
            time_to_ready(browser, filters_url)
            for _ in range(reps):
                f_ms, _ = time_to_ready(browser, filters_url)
                if f_ms is not None:
                    filters_times.append(f_ms)
                for file, path in pages:
                    e_ms, _ = time_to_ready(browser, empty_url)
                    if e_ms is not None:
                        empty_times.append(e_ms)
                    ms, why = time_to_ready(browser, f"{app_url}/{path}")
                    if ms is not None:
                        results.setdefault(file, []).append(ms)
                    if why:
                        notes[file] = why
            empty_ms = statistics.median(empty_times) if empty_times else None
            add(
                Row(
                    "browser",
                    "empty Streamlit page time-to-ready (median)",
                    empty_ms,
                    "ms",
                    "baseline",
                    None,
                    f"{len(empty_times)} visits",
                )
            )
            if filters_times and empty_ms:
                f_med = statistics.median(filters_times)
                add(
                    Row(
                        "browser",
                        f"reference: empty page + the sidebar filters' widgets ({f_med:,.0f} ms)",
                        f_med / empty_ms,
                        "×",
                        "—",
                        None,
                        "no data, no charts: what the shared filters alone cost",
                    )
                )
            for file, _path in pages:
                name = Path(file).stem
                times = results.get(file)
                if not times or not empty_ms:
                    add(
                        Row(
                            "browser",
                            f"page {name} time-to-ready / empty",
                            None,
                            "×",
                            f"≤ {BROWSER_RATIO}×",
                            False,
                            notes.get(file, "no measurement"),
                        )
                    )
                    continue
                med = statistics.median(times)
                ratio = med / empty_ms
                add(
                    Row(
                        "browser",
                        f"page {name} time-to-ready / empty ({med:,.0f} ms)",
                        ratio,
                        "×",
                        f"≤ {BROWSER_RATIO}×",
                        ratio <= BROWSER_RATIO and not notes.get(file),
                        notes.get(file, ""),
                    )
                )
                if name == "localities":
                    add(
                        Row(
                            "browser",
                            "page localities time-to-ready",
                            med / 1000,
                            "s",
                            f"< {LOCALITIES_READY_S:.0f} s",
                            med / 1000 < LOCALITIES_READY_S,
                        )
                    )

            # Returning visitors: one browser profile per server, kept across visits (bundles cached), the
            # same
            # alternation; the same target.
            app_ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            empty_ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            try:
                time_to_ready(browser, empty_url, empty_ctx)
                for _file, path in pages:
                    time_to_ready(browser, f"{app_url}/{path}", app_ctx)
                warm_empty: list[float] = []
                warm: dict[str, list[float]] = {}
                for _ in range(reps):
                    for file, path in pages:
                        e_ms, _ = time_to_ready(browser, empty_url, empty_ctx)
                        if e_ms is not None:
                            warm_empty.append(e_ms)
                        ms, _why = time_to_ready(browser, f"{app_url}/{path}", app_ctx)
                        if ms is not None:
                            warm.setdefault(file, []).append(ms)
            finally:
                app_ctx.close()
                empty_ctx.close()
            warm_empty_ms = statistics.median(warm_empty) if warm_empty else None
            add(
                Row(
                    "browser",
                    "empty page, returning visitor (median)",
                    warm_empty_ms,
                    "ms",
                    "baseline",
                    None,
                    f"{len(warm_empty)} visits, browser cache kept",
                )
            )
            for file, _path in pages:
                times = warm.get(file)
                if not times or not warm_empty_ms:
                    continue
                med = statistics.median(times)
                add(
                    Row(
                        "browser",
                        f"page {Path(file).stem} returning visitor / empty ({med:,.0f} ms)",
                        med / warm_empty_ms,
                        "×",
                        f"≤ {BROWSER_RATIO}×",
                        med / warm_empty_ms <= BROWSER_RATIO,
                    )
                )
                if Path(file).stem == "localities":
                    add(
                        Row(
                            "browser",
                            "page localities returning visitor time-to-ready",
                            med / 1000,
                            "s",
                            f"< {LOCALITIES_READY_S:.0f} s",
                            med / 1000 < LOCALITIES_READY_S,
                        )
                    )

            # Memory: one session, then `mem_sessions` sessions open at once on the first page.
            one_rss = rss_mb(app_proc.pid)
            ctxs, first_url = [], f"{app_url}/{pages[0][1]}"
            try:
                t0 = time.perf_counter()
                for _ in range(mem_sessions):
                    c = browser.new_context(viewport={"width": 1400, "height": 1000})
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
            add(Row("memory", "server RSS, idle after start", idle_rss, "MB"))
            add(Row("memory", "server RSS after the page tour (warm caches)", one_rss, "MB"))
            add(
                Row(
                    "memory",
                    f"server RSS with {mem_sessions} sessions open",
                    many_rss,
                    "MB",
                    "—",
                    None,
                    f"{ready}/{mem_sessions} ready in {all_ready_s:.1f} s",
                )
            )
            add(
                Row(
                    "memory",
                    "memory per session",
                    (many_rss - one_rss) / mem_sessions,
                    "MB",
                    "—",
                    None,
                    f"({many_rss:,.0f} − {one_rss:,.0f}) / {mem_sessions}",
                )
            )
            add(
                Row(
                    "browser",
                    f"{mem_sessions} sessions opened at once: all ready",
                    float(ready),
                    "",
                    f"= {mem_sessions}",
                    ready == mem_sessions,
                    f"in {all_ready_s:.1f} s",
                )
            )
        finally:
            browser.close()


# ------------------------------------------------------------------------------------------- 6. scale


def bench_scale(tmp: Path, runs: int, pages: list[str], warm_runs: int = 3) -> None:
    from bench.scale import build_synthetic

    target = tmp / "scale" / "synthetic.duckdb"
    target.parent.mkdir(parents=True, exist_ok=True)
    counts = build_synthetic(target)
    add(
        Row(
            "scale",
            "synthetic national store generated",
            counts["seconds"],
            "s",
            "< 60 s",
            counts["seconds"] < 60,
            f"{counts['observations']:,} obs ({counts['LA-level observations']:,} LA + "
            f"{counts['LSOA-level observations']:,} LSOA); {counts['local authorities']} LAs, "
            f"{counts['LSOAs']:,} LSOAs",
        )
    )
    bench_queries(target, runs, "scale query")
    old = os.environ.get("STORE_PATH")
    os.environ["STORE_PATH"] = str(target)
    try:
        bench_pages(pages, "scale page", warm_runs, real_store=False)
    finally:
        if old is None:
            os.environ.pop("STORE_PATH", None)
        else:
            os.environ["STORE_PATH"] = old
        _clear_caches()


# ------------------------------------------------------------------------------------------- report


def write_results(facts: dict, args, started: float) -> Path:
    out = ROOT / "bench" / "RESULTS.md"
    mode = "quick" if args.quick else "full"
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python -m bench.run{' --quick' if args.quick else ''}"
        f"{' --skip-scale' if args.skip_scale else ''}` ({mode} run, {time.perf_counter() - started:.0f} s). "
        "Rerun with `make bench`. Times are wall-clock on a machine that may be shared: compare the ratios "
        "within a run rather than absolute times across runs.",
        "",
        "## Machine",
        "",
        "| fact | value |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in facts.items()],
        "",
        "## Figures",
        "",
        "| section | measure | value | target | result | note |",
        "|---|---|---:|---|---|---|",
        *[
            f"| {r.section} | {r.measure} | {r.shown()} | {r.target} | {r.status()} | "
            f"{r.note.replace('|', '/')} |"
            for r in ROWS
        ],
        "",
        "## How it is measured",
        "",
        "- **build**: `data.build.build` into a temporary file with the public pack (`PUBLIC_DATA_DIR`); "
        "the real "
        "store is not replaced.",
        "- **query**: every `queries/*.sql` with its header's example parameters through "
        "`dashboard.store.queries.run_sql` "
        "(a fresh cursor per run) on a read-only connection; one warm-up run, then "
        f"{'10' if args.quick else '30'} timed runs.",
        "- **page**: AppTest of `app.py`; *cold* = Streamlit caches cleared, then the page's first run; "
        "*warm* = the "
        "median of the next 3 runs (2 with --quick) of the same page. Targets: 300 ms for the Board's "
        "analysis "
        "pages (overview, profile of need, safeguarding, education, outcomes, explore, about) on the real "
        "store, "
        "500 ms for the others and for every page on the national-scale store.",
        "- **browser**: Debian chromium via Playwright, a fresh context per visit; time from navigation "
        "start until "
        "Streamlit's status widget is gone, the main block has elements and every `.js-plotly-plot` has "
        "drawn its "
        "traces (held for 300 ms; the time recorded is when it first held). Each server is warmed once per "
        "page; "
        "the median of the visits is divided by the median for an empty Streamlit page (`st.write('x')`) "
        "served by "
        "a second server in the same run, visits alternating. *Returning visitor*: the same, but each "
        "server keeps "
        "one browser profile across visits (its bundles cached, as for a board member coming back), "
        "compared with "
        "the empty page visited the same way. A *reference* row times a plain page holding only the shared "
        "filters' sidebar widgets, to show what they alone cost.",
        "- **memory**: the server process's RSS (`/proc/<pid>/status` VmRSS, or psutil) idle, after the "
        "page tour, "
        "and with 20 browser contexts open on the first page, each waited until ready.",
        "- **scale**: `bench/scale.py` generates a SYNTHETIC store in a temporary folder with "
        "`data/schema.sql` "
        "(only the unique index on `observations.obs_id` is left out) using DuckDB `range()` and `random()`: "
        "153 local authorities + regions + England × 450 indicators × 20 years and 33,700 LSOAs (+ "
        "localities) × "
        "40 indicators × 10 releases. Every source, area and indicator row is labelled SYNTHETIC; "
        "indicator ids, the "
        "special area codes and boundary shapes follow the real store so the pages find theirs. The "
        "queries and "
        "the pages (AppTest with `STORE_PATH` pointing at it) are then timed as above. It is deleted "
        "afterwards.",
        "",
    ]
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Performance figures for the dashboard (writes bench/RESULTS.md)"
    )
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (finishes in a few minutes)")
    ap.add_argument("--skip-scale", action="store_true", help="leave out the national-scale synthetic run")
    ap.add_argument("--only", default="", help="comma list of sections: build,queries,pages,browser,scale")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")

    import app_pages

    from dashboard import config

    store = config.store_path()
    if not store.exists():
        print(f"No store at {store}: run `make store` first.", file=sys.stderr)
        return 2
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    want = (lambda s: s in only) if only else (lambda s: True)
    facts = machine_facts()
    print("Machine: " + "; ".join(f"{k} {v}" for k, v in facts.items()), flush=True)
    print(f"  {'section':<16} {'measure':<52} {'value':>12}  {'target':<12} result", flush=True)
    pages = app_pages.existing()
    url_pages = app_pages.url_paths()
    runs = 10 if args.quick else 30
    with tempfile.TemporaryDirectory(prefix="bench_") as d:
        tmp = Path(d)
        if want("build"):
            bench_build(tmp)
        if want("queries"):
            bench_queries(store, runs, "query")
        if want("pages"):
            bench_pages(pages, "page", 2 if args.quick else 3)
        if want("browser"):
            bench_browser(url_pages, 1 if args.quick else 3, 10 if args.quick else 20, tmp)
        if want("scale") and not args.skip_scale:
            bench_scale(tmp, 5 if args.quick else runs, pages, 2 if args.quick else 3)
    out = write_results(facts, args, started)
    misses = [r for r in ROWS if r.ok is False]
    print(
        f"\n{len(ROWS)} figures, {len(misses)} miss(es); written to {out.relative_to(ROOT)} "
        f"in {time.perf_counter() - started:.0f} s"
    )
    for r in misses:
        print(f"  MISS {r.section}: {r.measure} = {r.shown()} (target {r.target}) {r.note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
