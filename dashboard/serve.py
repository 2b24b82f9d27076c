"""Start the app: python -m dashboard.serve [streamlit options]  (what `make run` and the tests use).

Streamlit treats a `pages/` folder beside the main script as a legacy multipage app and, for a first
request to a page's URL, runs that page file on its own — without app.py's router, filters and error
handling. Our `pages/` holds layout modules routed by st.navigation in app.py, so the legacy mode is
switched off before the server starts.

Streamlit runs a full garbage collection after every script run (runner.postScriptGC). With pandas, Plotly,
DuckDB and geopandas loaded that pass walks some 240,000 objects and holds the interpreter for 150-220 ms, so
the last messages of every page (and the script chunks the browser asks for next) wait behind it. The
libraries are therefore imported once at start-up and frozen out of the collector's sight (gc.freeze): the
pass after a page then takes 13-40 ms (measured on 2 December, issue 19's note), and what the pages make
is still collected.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboard.config import ROOT

# The libraries the pages use, imported before the server starts (their modules live as long as the server).
LONG_LIVED = (
    "numpy",
    "pandas",
    "pyarrow",
    "duckdb",
    "plotly.graph_objects",
    "plotly.io",
    "plotly.subplots",
    "geopandas",
    "shapely",
    "scipy.stats",
    "scipy.optimize",
    "statsmodels.api",
    "statsmodels.stats.proportion",
    "pydantic",
    "pandera.pandas",
    "openpyxl",
    "pptx",
    "reportlab.platypus",
)


_frozen: list[int] = []  # how many objects were frozen, once done (gc.get_freeze_count() walks them all)


def freeze_long_lived(modules: tuple[str, ...] = LONG_LIVED) -> int:
    """Import `modules`, then move every object alive now into the collector's permanent generation, so the
    full collection Streamlit runs after each script no longer walks them. Once per process (app.py calls it
    too, for a server started with `streamlit run app.py`). Returns how many objects are frozen."""
    if _frozen:
        return _frozen[0]
    for name in modules:
        importlib.import_module(name)
    gc.collect()
    gc.freeze()
    # At exit the frozen objects go back to the collector, so extension modules see them released.
    atexit.register(gc.unfreeze)
    _frozen.append(gc.get_freeze_count())
    return _frozen[0]


def main(argv: list[str] | None = None) -> None:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    from dashboard.ui import page_shell, plotly_bundles

    try:
        plotly_bundles.check()  # the charts' renderer: never start without it
    except plotly_bundles.BundleMissing as e:
        sys.exit(f"error: {e}")
    PagesManager.uses_pages_directory = False
    freeze_long_lived()  # the collection after each script run: 150-220 ms -> 13-40 ms
    page_shell.install()  # a page tells the browser where the server is: no probe under its own path
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(
    env: dict | None = None, script: Path | None = None, timeout: float = 90, root: Path = ROOT
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run the app (or, with `script`, a plain Streamlit script) on a free loopback port for tests and
    benchmarks; yields (base URL, process) once /_stcore/health answers, and stops it afterwards. `root`:
    the checkout to serve (the bench compares this one with an earlier commit's)."""
    port = free_port()
    flags = [
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
    ]
    cmd = (
        [sys.executable, "-m", "dashboard.serve", *flags]
        if script is None
        else [sys.executable, "-m", "streamlit", "run", str(script), *flags]
    )
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        cmd, cwd=root, env=dict(os.environ, **(env or {})), stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                log.seek(0)
                raise RuntimeError(
                    "the app server did not start: " + log.read().decode(errors="replace")[-1500:]
                )
            time.sleep(0.3)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


if __name__ == "__main__":
    main()
