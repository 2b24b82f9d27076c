"""The HTML page Streamlit sends for a page's address, told where the server is.

On any page but the first, Streamlit's `index.html` looks for the server under the page's own path first
(`/overview/_stcore/health`, a 404), waits, then tries the app's root: on this machine about 130 ms of every
first paint of /overview, /explore, ... `ShellMiddleware` answers a page's address with Streamlit's own
`index.html` plus one line in its head, `window.__streamlit.BACKEND_BASE_URL` (Streamlit's hosting setting)
set to the app's root, so the browser connects there at once. The first page's own address
(`/overview`) is sent to `/`, where Streamlit serves it (it would say "Page not found" there and then show the
first page anyway). Everything else (assets, the websocket, unknown paths) goes to Streamlit untouched.

Measured and left out (bench/RESULTS.md): preloading the chunks a page's first paint draws, or the plotly.js
bundle, made pages slower here, not faster (and serving the assets from memory, twice as fast, made them no
faster): the browser's parsing is what a page waits for, so fetching early only adds to it.

The head also carries the app's own page-wide style (`PAGE_CSS`): a style element sent by the script instead
(st.html) would make every page that has one load Streamlit's HTML element and its sanitiser first.

`install()` (called by dashboard/serve.py) adds the middleware to the web app Streamlit builds; if this
Streamlit builds it some other way the app starts as before, without the hint, and says so in the log.
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path

from dashboard.ui.pages import PAGES, served_at

log = logging.getLogger(__name__)


def static_dir() -> Path:
    from streamlit import file_util

    return Path(file_util.get_static_dir())


@functools.cache
def _index_html() -> str:
    return (static_dir() / "index.html").read_text(encoding="utf-8")


def hint(base: str = "/") -> str:
    """The script that points Streamlit's frontend at the app's root (`base`) on the page's own origin."""
    root = json.dumps(base).replace("</", "<\\/")
    return (
        "<script>window.__streamlit = Object.assign({}, window.__streamlit, "
        f"{{BACKEND_BASE_URL: new URL({root}, window.location.origin).href}});</script>"
    )


# Page-wide style: written tables (widgets.text_table, markdown) scroll sideways on a phone instead of being
# cut off at the screen's edge. `!important`: Streamlit's own table rule comes later in the head with the same
# specificity.
PAGE_CSS = (
    "<style>@media (max-width: 640px) {[data-testid='stMarkdownContainer'] table "
    "{display: block !important; overflow-x: auto !important; max-width: 100%}}</style>"
)


@functools.cache
def shell(base: str = "/") -> bytes:
    """Streamlit's index.html with `hint` and `PAGE_CSS` first in its head (before the frontend's module
    script runs)."""
    index = _index_html()
    at = index.index("<head>") + len("<head>") if "<head>" in index else 0
    return (index[:at] + "\n    " + hint(base) + PAGE_CSS + index[at:]).encode("utf-8")


@functools.cache
def _page_paths(base: str) -> frozenset[str]:
    root = base.rstrip("/")
    return frozenset({root or "/", root + "/"} | {f"{root}/{p.url_path}" for p in PAGES})


def first_page_alias(path: str, base: str = "/") -> bool:
    """True for the first page's own name (/overview): Streamlit serves that page at the root only."""
    first = served_at("")
    return first is not None and path.rstrip("/") == base.rstrip("/") + "/" + first.url_path


def is_page(path: str, base: str = "/") -> bool:
    """True for one of the app's pages' addresses (the root is the first page), else False."""
    return path in _page_paths(base)


class ShellMiddleware:
    """ASGI middleware: a GET or HEAD for a page's address gets `shell()`; every other request passes on."""

    def __init__(self, app, base: str = "/") -> None:
        self.app = app
        self.base = "/" + base.strip("/") + ("/" if base.strip("/") else "")

    async def __call__(self, scope, receive, send) -> None:
        if not (
            scope["type"] == "http"
            and scope.get("method") in ("GET", "HEAD")
            and is_page(scope.get("path", ""), self.base)
        ):
            await self.app(scope, receive, send)
            return
        if first_page_alias(scope["path"], self.base):
            query = scope.get("query_string", b"")
            location = self.base.encode() + (b"?" + query if query else b"")
            headers = [(b"location", location), (b"cache-control", b"no-cache"), (b"content-length", b"0")]
            await send({"type": "http.response.start", "status": 302, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        body = shell(self.base)
        headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-cache"),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


def install() -> bool:
    """Add ShellMiddleware to the web app Streamlit builds at start-up. False (and a log line) if this
    Streamlit builds it some other way: the app then starts without the hint."""
    try:
        from streamlit import config as st_config
        from streamlit.web.server.starlette import starlette_server
    except ImportError:
        log.warning("page_shell: this Streamlit has no Starlette server; pages load without the server hint")
        return False
    build = getattr(starlette_server, "create_starlette_app", None)
    if build is None:
        log.warning(
            "page_shell: Streamlit's create_starlette_app is gone; pages load without the server hint"
        )
        return False
    if getattr(build, "with_page_shell", False):
        return True

    def create_starlette_app(runtime):
        app = build(runtime)
        app.add_middleware(ShellMiddleware, base=st_config.get_option("server.baseUrlPath") or "/")
        return app

    create_starlette_app.with_page_shell = True  # type: ignore[attr-defined]
    starlette_server.create_starlette_app = create_starlette_app
    return True
