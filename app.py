"""Herefordshire children's needs and outcomes dashboard: router and shared filters.

Run with `make run`. Pages in pages/ only lay out; data come from queries/ through dashboard.store.connection.
"""

from __future__ import annotations

import streamlit as st

from dashboard.present import theme
from dashboard.serve import freeze_long_lived
from dashboard.store.connection import StoreMissing, run
from dashboard.store.health import store_problem
from dashboard.ui.filters import (
    COMPARATOR_NAMES,
    COMPARATORS,
    COUNTY,
    COUNTY_NAME,
    FROM_YEAR,
    Filters,
    restore_params,
)
from dashboard.ui.pages import PAGES, served_at
from dashboard.ui.widgets import bad_param_messages, url_int, url_multiselect, url_select

st.set_page_config(
    page_title="Herefordshire children's dashboard",
    page_icon="📊",
    layout="wide",
    initial_sidebar_state="auto",  # open on a desktop, closed over a phone screen
)
theme.register()
freeze_long_lived()  # once per process: the collection after each run skips the libraries (serve.py)


def is_analyst() -> bool:
    from dashboard.intake import auth

    return auth.is_analyst()


def navigation():
    sections: dict[str, list] = {}
    for i, p in enumerate(PAGES):  # dashboard/ui/pages.py lists them; a page is listed when its file exists
        if not p.exists or (p.analyst_only and not is_analyst()):
            continue
        sections.setdefault(p.group, []).append(
            st.Page(p.file, title=p.title, url_path=p.url_path, default=(i == 0))
        )
    return st.navigation(sections, expanded=True)


def shared_filters() -> None:
    """Sidebar filters every page reads as `Filters.of(st.session_state)`; all live in the URL, and
    a page switch
    in the navigation keeps them (restore_params puts back what Streamlit drops)."""
    restore_params(st.query_params, st.session_state)
    with st.sidebar:
        st.markdown("### Filters")
        try:
            locs = run("localities")
        except StoreMissing:
            locs = None
        options = [COUNTY] + (locs["area_code"].tolist() if locs is not None else [])
        names = {COUNTY: COUNTY_NAME} | (
            dict(zip(locs["area_code"], locs["label"])) if locs is not None else {}
        )
        locality = url_select(
            "Locality",
            options,
            "locality",
            COUNTY,
            format_func=lambda c: names.get(c, c),
            where=st.sidebar,
            help="Localities are approximated from electoral wards. Pages with locality figures "
            "show them beside "
            "the county and England; the choice stays as you move between pages.",
        )
        comps = url_multiselect(
            "Compare with",
            list(COMPARATORS),
            "compare",
            list(COMPARATORS),
            format_func=COMPARATOR_NAMES.get,
            where=st.sidebar,
            control="pills",  # pills cost the first paint far less than a multiselect (bench/RESULTS.md)
        )
        from_year = url_int("From year", "from", 2005, 2025, FROM_YEAR, where=st.sidebar, control="select")
        st.session_state["filters"] = Filters(
            locality=locality,
            locality_name=names.get(locality, locality),
            compare=tuple(comps),
            from_year=from_year,
        )
        st.caption("Filters are kept in the page address, so a copied link shows the same view.")


def draws_filters(url_path: str) -> bool:
    """Whether the page at /url_path shows the shared filters (dashboard/ui/pages.py: Page.filters)."""
    found = served_at(url_path)
    return found is None or found.filters


def run_page(page) -> None:
    """Run the chosen page; a page never shows a traceback."""
    bad_param_messages()
    try:
        page.run()
        bad_param_messages()  # what the page itself found wrong in the link
    except StoreMissing as e:
        st.error(f"{e}", icon=":material/error:")
    except Exception as e:  # a page never shows a traceback
        st.error(
            "Sorry, this part of the page could not be shown. The problem was: "
            f"{type(e).__name__}: {str(e)[:300]}",
            icon=":material/error:",
        )


page = navigation()
DEFAULT_FILTERS = {
    "locality": "county",
    "compare": ["england", "west_midlands", "neighbours"],
    "from_year": 2005,
}
damaged = store_problem()
if damaged:  # one clear message on every page, before anything (the shared filters too) reads the store
    st.session_state.setdefault("filters", DEFAULT_FILTERS)
    st.error(damaged, icon=":material/error:")
elif draws_filters(page.url_path):
    try:
        shared_filters()
    except Exception as e:  # the filters run outside the page's error handling: never a traceback
        st.session_state.setdefault("filters", DEFAULT_FILTERS)
        st.sidebar.error(f"The filters could not be drawn ({type(e).__name__}: {str(e)[:200]}).")
else:  # presenter mode, About, Sources read no filter; the address keeps them for the next page
    restore_params(st.query_params, st.session_state)
    st.session_state.setdefault("filters", Filters())
    if page.url_path != "present":
        st.sidebar.caption(
            "The filters (locality, comparisons, from year) are on the pages with figures; your choices are "
            "kept while you read this page."
        )
if not damaged:
    run_page(page)
