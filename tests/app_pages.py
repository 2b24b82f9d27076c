"""The app's page files, read from app.py's PAGES list (so tests cover every registered page)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def registered() -> list[tuple[str, str, str, str]]:
    tree = ast.parse((ROOT / "app.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PAGES":
            return ast.literal_eval(node.value)
    raise AssertionError("app.py has no PAGES list")


def existing(analyst_only: bool = False) -> list[str]:
    skip = {"pages/upload.py"} if not analyst_only else set()
    return [f for f, *_ in registered() if (ROOT / f).exists() and f not in skip]


def url_paths() -> list[tuple[str, str]]:
    pages = [(f, path) for f, _t, path, _s in registered() if (ROOT / f).exists() and f != "pages/upload.py"]
    return [(f, "" if i == 0 else path) for i, (f, path) in enumerate(pages)]  # the first page is served at /


def section_tabs(page: str) -> tuple[str | None, list[str]]:
    """The page's section-tab key and tab labels, read from its SECTIONS dict and its section_tabs(SECTIONS,
    "<key>") call; (None, []) for a page without tabs."""
    import re

    src = (ROOT / page).read_text()
    call = re.search(r'section_tabs\(SECTIONS, "(\w+)"\)', src)
    if not call:
        return None, []
    for node in ast.parse(src).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "SECTIONS":
            return call.group(1), [k.value for k in node.value.keys]
    raise AssertionError(f"{page} calls section_tabs(SECTIONS, ...) but has no SECTIONS dict")


def page_tabs() -> list[tuple[str, str | None, str | None]]:
    """(page, tab key, tab label) for every tab of every page, and (page, None, None) for pages without tabs."""
    out = []
    for page in existing():
        key, labels = section_tabs(page)
        out += [(page, key, t) for t in labels] if key else [(page, None, None)]
    return out
