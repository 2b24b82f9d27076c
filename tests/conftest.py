"""Shared fixtures: the built store, a running app server, Debian chromium driven by Playwright, and the
upload tests' private stores (tests/uploads_env.py, loaded as a plugin).

The Makefile builds data/store.duckdb before pytest runs; the `store` fixture builds it when it is missing.
Browser tests never download a browser: they launch the system chromium, and fail on any request to a
host other than loopback.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urlparse

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
sys.path.insert(0, str(ROOT))
pytest_plugins = ["uploads_env"]  # env, fresh and ward_store for tests/test_upload*.py

from bench.visits import CHROMIUM_ARGS  # noqa: E402  (the bench's flags: tests and timings see one browser)


@pytest.fixture(scope="session")
def store_path() -> Path:
    from dashboard import config

    p = config.store_path()
    if not p.exists():
        from data.build import build

        build(p, quiet=True)
    return p


@pytest.fixture(scope="session")
def con(store_path):
    c = duckdb.connect(str(store_path), read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="session")
def app_server(store_path):
    """The real app (python -m dashboard.serve) on a free loopback port; yields its base URL."""
    from dashboard.serve import running_server

    with running_server(timeout=60) as (url, _proc):
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.fail("Debian chromium is not installed (make test installs it: apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageWatch:
    """Records console errors, page errors and any request to a non-loopback host (which it aborts)."""

    def __init__(self, page):
        self.page = page
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.failed_responses: list[str] = []
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("response", self._response)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.route("**/*", self._route)

    def _response(self, response):
        # Streamlit's frontend probes <page path>/_stcore/host-config and /_stcore/health to find its base
        # path, then falls back to the root: those two 404s are expected on a nested URL.
        if response.status >= 400 and not re.search(r"/[^/]+/_stcore/(host-config|health)$", response.url):
            self.failed_responses.append(f"{response.status} {response.url}")

    def _route(self, route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost", "::1"):
            route.continue_()
        else:
            self.foreign_requests.append(route.request.url)
            route.abort()

    def assert_clean(self):
        assert not self.foreign_requests, f"requests to other hosts: {self.foreign_requests[:5]}"
        assert not self.page_errors, f"page errors: {self.page_errors[:5]}"
        assert not self.failed_responses, f"failed responses: {self.failed_responses[:5]}"
        real = [
            e
            for e in self.console_errors
            if "favicon" not in e and not e.startswith("Failed to load resource")
        ]
        assert not real, f"console errors: {real[:5]}"


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.watch = PageWatch(pg)
    yield pg
    ctx.close()


READY_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  if (!main || main.querySelectorAll('*').length < 20) return false;
  for (const p of document.querySelectorAll('[data-testid="stPlotlyChart"], .hcd-plotly')) {
    if (!p.querySelector('.main-svg')) return false;
  }
  return true;
}"""

# A chart is empty when it drew no marks; a table chart (go.Table) when its body has no cell text.
EMPTY_CHARTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(p =>
  p.querySelectorAll(
    'g.trace, path.choroplethlocation, g.hm, image, .bars path, .point, .scatterlayer path'
  ).length === 0
  && Array.from(p.querySelectorAll('.column-block:not(#header) .cell-text'))
       .filter(t => t.textContent.trim()).length === 0
).map(p => (p.querySelector('.gtitle') || {textContent: '(untitled)'}).textContent)"""


def wait_for_app(page, timeout=30_000):
    """Wait until Streamlit has finished the run: no running indicator or skeletons, every chart drawn,
    and the page unchanged for a moment."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
    page.wait_for_timeout(800)
    last = -1
    for _ in range(int(timeout / 500)):
        page.wait_for_function(READY_JS, timeout=timeout)
        n = page.evaluate(
            "() => document.querySelectorAll('[data-testid=\"stMainBlockContainer\"] *').length"
        )
        if n == last:
            return
        last = n
        page.wait_for_timeout(500)


def empty_charts(page) -> list[str]:
    """Titles of charts on the page that drew nothing."""
    return page.evaluate(EMPTY_CHARTS_JS)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    p = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(p), full_page=True)
    return p


# ------------------------------------------------------------------------------------------------- markers
def _names(fn) -> tuple[set[str], set[str]]:
    """The names and string constants a function's code (nested code included) uses."""
    codes, names, consts = [getattr(fn, "__code__", None)], set(), set()
    while codes:
        code = codes.pop()
        if code is None:
            continue
        names |= set(code.co_names) | set(code.co_varnames)
        consts |= {c for c in code.co_consts if isinstance(c, str)}
        codes += [c for c in code.co_consts if hasattr(c, "co_names")]
    return names, consts


def _reaches(fn, module, seen: set, hit) -> bool:
    """Whether `hit(names, consts)` holds for fn or for a function of its own module that it calls."""
    names, consts = _names(fn)
    if hit(names, consts):
        return True
    for name in names - seen:
        seen.add(name)
        obj = getattr(module, name, None)
        obj = getattr(obj, "__wrapped__", obj)
        if callable(obj) and getattr(obj, "__module__", None) == module.__name__:
            if _reaches(obj, module, seen, hit):
                return True
    return False


def _uses_apptest(names, consts) -> bool:
    return "AppTest" in names


def _builds_a_store(names, consts) -> bool:
    """Calls data.build's build() / build_synthetic(), or runs `python -m data.build`."""
    return bool({"build", "build_synthetic"} & names) or any("data.build" in c for c in consts)


MARKS = {"apptest": _uses_apptest, "store_build": _builds_a_store}


def _fixture_home(func, module):
    """The module a fixture's code is read in: the test's own module, or a helper module of tests/ loaded as
    a plugin (tests/uploads_env.py); None for this file's shared fixtures (the store fixture builds only when
    the store is missing) and for pytest's own."""
    home = sys.modules.get(func.__module__)
    if home is module:
        return module
    path = Path(getattr(home, "__file__", None) or "/")
    return home if path.parent == ROOT / "tests" and path.name != "conftest.py" else None


def pytest_collection_modifyitems(config, items):
    """Mark `apptest` every test that drives the app through Streamlit's AppTest and `store_build` every
    test that builds a store of its own (directly, through a helper of its module or through a fixture of
    its module or of a tests/ helper module), so `make check` can leave those and the `browser` tests out."""
    for item in items:
        module = getattr(item, "module", None)
        fn = getattr(item, "function", None)
        if module is None or fn is None:
            continue
        fixtures = [
            (d.func, home)
            for defs in item._fixtureinfo.name2fixturedefs.values()
            for d in defs
            if (home := _fixture_home(d.func, module)) is not None
        ]
        for mark, hit in MARKS.items():
            if any(_reaches(f, home, set(), hit) for f, home in [(fn, module), *fixtures]):
                item.add_marker(getattr(pytest.mark, mark))
