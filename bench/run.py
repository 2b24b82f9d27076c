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
from pathlib import Path

from bench.browser import bench_browser
from bench.rows import ROWS, Row, add, pct

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # AppTest's "no runtime" warnings are expected here
sys.path.insert(0, str(ROOT / "tests"))

QUERY_P95_MS = 50.0  # every query, real and national-scale store
PAGE_SCRIPT_MS = (
    500.0  # a page's script (warm) on the national-scale store, and the other pages on the real one
)
# The Board's analysis pages (issue: analysis pages) must run in 300 ms once warm on the real store.
ANALYSIS_PAGES = {"overview", "profile_of_need", "safeguarding", "education", "outcomes", "explore", "about"}
ANALYSIS_PAGE_MS = 300.0


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
        f"Written by `python -m bench.run{''.join(' ' + a for a in sys.argv[1:])}` "
        f"({mode} run, {time.perf_counter() - started:.0f} s). "
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
        "- **browser**: Debian chromium via Playwright, a fresh context per visit (1400 × 1000; with "
        "--phone also "
        "390 × 844); time from navigation start until Streamlit's status widget is gone, the main block has "
        "elements and every `.js-plotly-plot` has drawn its traces (held for 300 ms; the time recorded is "
        "when it "
        "first held). Each URL is visited once first; then, round after round, the empty Streamlit page "
        "(`st.write('x')`, its own server) is visited before every floor page and every app page, and each "
        "median is divided by the empty page's median. *Floors* (`bench/floors.py`, one plain script on a "
        "third "
        "server): the shared filters' widgets alone (and as they were before: multiselect and slider), and "
        "the "
        "filters with one or two bare 5-point line charts through `st.plotly_chart` and through our "
        "renderer, "
        "and with one bare choropleth. A page's note gives its ratio to its floor (the floor with the same "
        "number of charts, or the choropleth floor for a map page): what our own code costs on top of the "
        "framework. Targets: the issue's bar (1.6× Overview, Safeguarding, Education, Explore; 1.8× "
        "Localities; "
        "1.3× About, Sources; 1.5× the others). *Returning visitor*: each server keeps one browser profile "
        "across visits (bundles cached), compared with the empty page visited the same way.",
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
    ap.add_argument("--reps", type=int, default=0, help="browser visits per page (default 5, 1 with --quick)")
    ap.add_argument("--pages", default="", help="browser section: only these pages (file stems, comma list)")
    ap.add_argument("--widgets", action="store_true", help="also time each candidate sidebar control alone")
    ap.add_argument("--against", default="", help="with --phone: also time the app at this git rev")
    ap.add_argument("--phone", action="store_true", help="also time first visits at phone width (390 px)")
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
    if args.pages:  # the browser section only: a subset of the pages, by file stem
        keep = {p.strip() for p in args.pages.split(",")}
        url_pages = [(f, path) for f, path in url_pages if Path(f).stem in keep]
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
            bench_browser(
                url_pages,
                args.reps or (1 if args.quick else 5),
                10 if args.quick else 20,
                tmp,
                phone=args.phone,
                widgets=args.widgets,
                against=args.against,
            )
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
