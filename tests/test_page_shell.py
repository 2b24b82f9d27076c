"""The page HTML Streamlit sends, told where the server is (dashboard/ui/page_shell.py), and the light
markdown tables (dashboard/present/display.py markdown_table, dashboard/ui/widgets.py figure_table)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pandas as pd
import plotly.graph_objects as go
import pytest
from starlette.applications import Starlette

from dashboard.present.display import markdown_escape, markdown_table
from dashboard.ui import page_shell
from dashboard.ui.pages import PAGES

FIRST = next(p for p in PAGES if p.exists)


async def _streamlit(scope, receive, send):  # stands in for Streamlit's app: says what reached it
    body = f"streamlit:{scope['path']}".encode()
    await send({"type": "http.response.start", "status": 200, "headers": [(b"cache-control", b"x")]})
    await send({"type": "http.response.body", "body": body})


def _get(path: str, method: str = "GET", base: str = "/"):
    """One request through ShellMiddleware (no HTTP client needed): status, headers, text."""
    target, _, query = path.partition("?")
    scope = {"type": "http", "method": method, "path": target, "query_string": query.encode(), "headers": []}
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    call = page_shell.ShellMiddleware(_streamlit, base=base)(scope, receive, send)
    with ThreadPoolExecutor(1) as pool:  # its own event loop, even beside a browser test's running one
        pool.submit(asyncio.run, call).result()
    start = sent[0]
    headers = {k.decode(): v.decode() for k, v in start["headers"]}
    text = b"".join(m.get("body", b"") for m in sent[1:]).decode()
    return SimpleNamespace(status_code=start["status"], headers=headers, text=text)


def test_every_page_address_gets_streamlits_html_with_the_servers_root_first():
    index = page_shell._index_html()
    for p in PAGES:
        if p is FIRST:
            continue
        r = _get(f"/{p.url_path}")
        assert r.status_code == 200 and r.headers["cache-control"] == "no-cache"
        html = r.text
        assert "BACKEND_BASE_URL" in html
        # the hint runs before Streamlit's own module script, and the rest of index.html is unchanged
        assert html.index("BACKEND_BASE_URL") < html.index('<script type="module"')
        assert html.index(page_shell.PAGE_CSS) < html.index('<script type="module"')
        assert html.replace("\n    " + page_shell.hint("/") + page_shell.PAGE_CSS, "", 1) == index
    assert "BACKEND_BASE_URL" in _get("/").text


def test_the_first_pages_own_name_is_sent_to_the_root_with_its_link():
    r = _get(f"/{FIRST.url_path}?locality=LOC-LEOMINSTER&from=2012")
    assert r.status_code == 302
    assert r.headers["location"] == "/?locality=LOC-LEOMINSTER&from=2012"
    assert _get(f"/{FIRST.url_path}").headers["location"] == "/"


@pytest.mark.parametrize(
    "path", ["/_stcore/health", "/static/js/index.js", "/app/static/plotly-basic.min.js", "/no-such-page"]
)
def test_everything_else_passes_to_streamlit(path):
    r = _get(path)
    assert r.text == f"streamlit:{path}"


def test_a_post_to_a_page_address_passes_to_streamlit():
    assert _get("/explore", method="POST").text == "streamlit:/explore"


def test_hint_points_at_the_root_under_a_base_url_path():
    assert 'new URL("/dash/", window.location.origin)' in page_shell.hint("/dash/")
    assert page_shell.is_page("/dash/explore", "/dash/") and not page_shell.is_page("/explore", "/dash/")
    assert "</script>" not in page_shell.hint("/x</script>/")[:-9]


def test_install_adds_the_middleware_to_the_app_streamlit_builds(monkeypatch):
    from streamlit.web.server.starlette import starlette_server

    built = Starlette()
    monkeypatch.setattr(starlette_server, "create_starlette_app", lambda runtime: built)
    assert page_shell.install()
    assert page_shell.install()  # a second call does not wrap twice
    app = starlette_server.create_starlette_app(object())
    assert app is built
    assert [m.cls for m in built.user_middleware] == [page_shell.ShellMiddleware]


def test_markdown_escape_keeps_the_words_as_written():
    assert markdown_escape("a|b $5 :red[x] *y*") == r"a\|b \$5 \:red\[x\] \*y\*"
    assert markdown_escape("two\nlines") == "two lines"


def test_markdown_table_has_headers_in_words_and_numbers_on_the_right():
    df = pd.DataFrame({"measure": ["Children | aged 0-4", "Share"], "value": [1144.0, None]})
    text = markdown_table(df, {"measure": "Measure", "value": "Value"})
    lines = text.splitlines()
    assert lines[0] == "| Measure | Value |"
    assert lines[1] == "| :--- | ---: |"
    assert lines[2] == r"| Children \| aged 0-4 | 1,144 |"
    assert lines[3] == "| Share |   |"  # an empty cell is blank, never None or nan


def test_a_table_figure_reads_on_screen_as_its_own_cells():
    from dashboard.ui.widgets import figure_table

    fig = go.Figure(
        go.Table(
            header=dict(values=["<b>measure</b>", "<b>Leominster</b>"]),
            cells=dict(values=[["Children aged 0-4", "Schools"], ["1,144", "c"]], align=["left", "right"]),
        )
    )
    shown, right = figure_table(fig)
    assert list(shown.columns) == ["measure", "Leominster"]
    assert shown["Leominster"].tolist() == ["1,144", "c"]
    assert right == ["Leominster"]
