"""Herefordshire children's needs and outcomes dashboard: router and shared filters.

Run with `make run`. Pages in pages/ only lay out; data come from queries/ through dashboard.store.connection.
"""

from __future__ import annotations

import streamlit as st

from dashboard.present import theme
from dashboard.store.connection import StoreMissing, run
from dashboard.ui.pages import PAGES
from dashboard.ui.widgets import bad_param_messages, url_int, url_multiselect, url_select

st.set_page_config(
    page_title="Herefordshire children's dashboard",
    page_icon="📊",
    layout="wide",
    initial_sidebar_state="expanded",
)
theme.register()


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
    """Sidebar filters every page reads from st.session_state['filters']; all live in the URL."""
    with st.sidebar:
        st.markdown("### Filters")
        try:
            locs = run("localities")
        except StoreMissing:
            locs = None
        options = ["county"] + (locs["area_code"].tolist() if locs is not None else [])
        names = {"county": "All of Herefordshire"} | (
            dict(zip(locs["area_code"], locs["label"])) if locs is not None else {}
        )
        locality = url_select(
            "Locality",
            options,
            "locality",
            "county",
            format_func=lambda c: names.get(c, c),
            where=st.sidebar,
            help="Localities are approximated from electoral wards",
        )
        comps = url_multiselect(
            "Compare with",
            ["england", "west_midlands", "neighbours"],
            "compare",
            ["england", "west_midlands", "neighbours"],
            format_func={
                "england": "England",
                "west_midlands": "West Midlands",
                "neighbours": "Statistical neighbours",
            }.get,
            where=st.sidebar,
            control="pills",  # pills cost the first paint far less than a multiselect (bench/RESULTS.md)
        )
        from_year = url_int("From year", "from", 2005, 2025, 2005, where=st.sidebar, control="select")
        st.session_state["filters"] = {
            "locality": locality,
            "locality_name": names.get(locality, locality),
            "compare": comps,
            "from_year": from_year,
        }
        st.caption("Filters are kept in the page address, so a copied link shows the same view.")


page = navigation()
if page.url_path != "present":
    shared_filters()
else:
    st.session_state.setdefault(
        "filters",
        {"locality": "county", "compare": ["england", "west_midlands", "neighbours"], "from_year": 2005},
    )
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
