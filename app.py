"""Herefordshire children's needs and outcomes dashboard: router and shared filters.

Run with `make run`. Pages in pages/ only lay out; data come from queries/ through dashboard.store.connection.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.present import theme
from dashboard.store.connection import StoreMissing, run
from dashboard.ui.filters import (
    COMPARATOR_NAMES,
    COMPARATORS,
    COUNTY,
    COUNTY_NAME,
    FROM_YEAR,
    Filters,
    restore_params,
)
from dashboard.ui.widgets import bad_param_messages, url_int, url_multiselect, url_select

ROOT = Path(__file__).resolve().parent
st.set_page_config(
    page_title="Herefordshire children's dashboard",
    page_icon="📊",
    layout="wide",
    initial_sidebar_state="expanded",
)
theme.register()

# (file, title, url path, section). A page is listed when its file exists.
PAGES = [
    ("pages/overview.py", "Overview", "overview", "Board"),
    ("pages/profile_of_need.py", "Profile of need", "profile", "Board"),
    ("pages/safeguarding.py", "Safeguarding", "safeguarding", "Board"),
    ("pages/education.py", "Education and attainment gaps", "education", "Board"),
    ("pages/outcomes.py", "Every Child Matters outcomes", "outcomes", "Board"),
    ("pages/improvement_plan.py", "Improvement plan", "plan", "Board"),
    ("pages/localities.py", "Localities", "localities", "Commissioners"),
    ("pages/explore.py", "Explore an indicator", "explore", "Explore"),
    ("pages/sources.py", "Sources and search", "sources", "Explore"),
    ("pages/story.py", "Story builder", "story", "Present"),
    ("pages/present.py", "Presenter mode", "present", "Present"),
    ("pages/sign_in.py", "Analyst sign-in", "sign-in", "Analysts"),
    ("pages/upload.py", "Upload local data", "upload", "Analysts"),
    ("pages/about.py", "About, methods and accessibility", "about", "About"),
]
ANALYST_ONLY = {"pages/upload.py"}


def is_analyst() -> bool:
    try:
        from dashboard.intake import auth
    except ImportError:
        return False
    return auth.is_analyst()


def navigation():
    sections: dict[str, list] = {}
    for i, (file, title, path, section) in enumerate(PAGES):
        if not (ROOT / file).exists():
            continue
        if file in ANALYST_ONLY and not is_analyst():
            continue
        sections.setdefault(section, []).append(st.Page(file, title=title, url_path=path, default=(i == 0)))
    return st.navigation(sections)


def shared_filters() -> None:
    """Sidebar filters every page reads as `Filters.of(st.session_state)`; all live in the URL, and a page switch
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
            help="Localities are approximated from electoral wards. Pages with locality figures show them beside "
            "the county and England; the choice stays as you move between pages.",
        )
        comps = url_multiselect(
            "Compare with",
            list(COMPARATORS),
            "compare",
            list(COMPARATORS),
            format_func=COMPARATOR_NAMES.get,
            where=st.sidebar,
        )
        from_year = url_int("From year", "from", 2005, 2025, FROM_YEAR, where=st.sidebar)
        st.session_state["filters"] = Filters(
            locality=locality,
            locality_name=names.get(locality, locality),
            compare=tuple(comps),
            from_year=from_year,
        )
        st.caption("Filters are kept in the page address, so a copied link shows the same view.")


page = navigation()
if page.url_path != "present":
    shared_filters()
else:
    st.session_state.setdefault("filters", Filters())
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
