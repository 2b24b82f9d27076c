"""Start the app: python -m dashboard.serve [streamlit options]  (what `make run` and the tests use).

Streamlit treats a `pages/` folder beside the main script as a legacy multipage app and, for a first
request to a page's URL, runs that page file on its own — without app.py's router, filters and error
handling. Our `pages/` holds layout modules routed by st.navigation in app.py, so the legacy mode is
switched off before the server starts.
"""

from __future__ import annotations

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


def main(argv: list[str] | None = None) -> None:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    from dashboard.ui import page_shell, plotly_bundles

    try:
        plotly_bundles.check()  # the charts' renderer: never start without it
    except plotly_bundles.BundleMissing as e:
        sys.exit(f"error: {e}")
    PagesManager.uses_pages_directory = False
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
