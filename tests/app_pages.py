"""The app's page files and section tabs, from dashboard/ui/pages.py (tests cover every registered page)."""

from dashboard.ui.pages import PAGES, Page


def registered() -> list[Page]:
    return list(PAGES)


def _public() -> list[Page]:
    """Registered pages whose file exists and that everyone can open (not the analysts' upload page)."""
    return [p for p in PAGES if p.exists and not p.analyst_only]


def existing(analyst_only: bool = False) -> list[str]:
    pages = [p for p in PAGES if p.exists] if analyst_only else _public()
    return [p.file for p in pages]


def url_paths() -> list[tuple[str, str]]:
    return [
        (p.file, "" if i == 0 else p.url_path) for i, p in enumerate(_public())
    ]  # the first is served at /


def section_tabs(page: str) -> tuple[str | None, list[str]]:
    """The page's section-tab key and tab labels; (None, []) for a page without tabs."""
    p = next(p for p in PAGES if p.file == page)
    return p.tab_key, list(p.tabs)


def page_tabs() -> list[tuple[str, str | None, str | None]]:
    """(page, tab key, tab label) for every tab of every page; (page, None, None) for a page without tabs."""
    out = []
    for p in _public():
        out += [(p.file, p.tab_key, t) for t in p.tabs] if p.tabs else [(p.file, None, None)]
    return out
