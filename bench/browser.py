"""Browser time-to-ready (bench/run.py section 4) and server memory (section 5).

Each app page is timed against the empty Streamlit page (st.write('x')) and against its floor
(bench/floors.py:
the plain page with the same sidebar filters and the same number of bare charts), all visits interleaved
(empty page, floors and app pages in turn, `reps` rounds) so every page sees the same machine load. A first
visit is a fresh browser context; a returning visitor keeps one profile per server (bundles cached).
"""

from __future__ import annotations

import shutil
import time
from contextlib import ExitStack
from pathlib import Path

from bench.floors import FLOORS, WIDGET_FLOORS, floor_for, write_floor_app
from bench.rows import Row, add
from bench.visits import (
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    READY_JS,
    READY_TIMEOUT_MS,
    earlier_app,
    interleaved,
    loopback_only,
    median_ms,
    rss_mb,
    server,
    time_to_ready,
)

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


def _draws_filters(name: str) -> bool:
    """Whether the app page with file stem `name` draws the shared sidebar filters (Page.filters)."""
    from dashboard.ui.pages import PAGES

    return next((p.filters for p in PAGES if Path(p.file).stem == name), True)


def report_visits(visits: dict[str, list], pages: list[str], label: str, with_floors: bool) -> None:
    """Rows: the empty page's median, each floor's ratio, and each page's ratio to the empty page and to
    its floor."""
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
        if with_floors and last is not None and last.charts == 0 and not _draws_filters(name):
            note = f"no filters, no chart: its floor is the empty page {why}".strip()
        elif with_floors and last is not None:
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
            pg.route("**/*", loopback_only)
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


def phone_visits(browser, app_targets, empty_url: str, reps: int, earlier_url: str | None) -> None:
    """First visits at phone width: the issue's pages, and with `earlier_url` the same pages of the earlier
    app interleaved, each page's time now against before (the bar: no page slower)."""
    targets = [(n, u) for n, u in app_targets if n in RATIO_TARGETS]
    before = []
    if earlier_url:
        app_base = app_targets[0][1].rstrip("/")
        before = [(f"{n} before", u.replace(app_base, earlier_url, 1)) for n, u in targets]
    visits = interleaved(browser, targets + before, empty_url, reps, viewport=PHONE)
    report_visits(visits, [n for n, _u in targets], " at phone width (390 px)", with_floors=False)
    for name, _u in targets if earlier_url else []:
        now, then = median_ms(visits.get(name, [])), median_ms(visits.get(f"{name} before", []))
        if now and then:
            add(
                Row(
                    "browser",
                    f"page {name} at phone width: now / before ({now:,.0f} / {then:,.0f} ms)",
                    now / then,
                    "×",
                    "≤ 1.00×",
                    now <= then,
                )
            )


def bench_browser(
    pages: list[tuple[str, str]],
    reps: int,
    mem_sessions: int,
    tmp: Path,
    phone: bool = False,
    widgets: bool = False,
    against: str | None = None,
) -> None:
    """First visits (desktop, with the floors, and the sidebar controls one by one when `widgets`; at phone
    width when `phone`, against the app at git rev `against` when given), returning visitors, memory."""
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
        ExitStack() as stack,
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
            shown = FLOORS + (WIDGET_FLOORS if widgets else [])
            floor_targets = [(f"floor:{f}", f"{floors_url}/?floor={f}") for f, _what in shown]
            visits = interleaved(browser, floor_targets + app_targets, empty_url, reps)
            report_visits(visits, names, "", with_floors=True)
            if phone:
                earlier = stack.enter_context(earlier_app(against, tmp)) if against else None
                phone_visits(browser, app_targets, empty_url, reps, earlier)
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
