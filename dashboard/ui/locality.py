"""The locality section of the Board pages (Streamlit glue): when the sidebar names a locality,
each page shows
that locality's own figures beside Herefordshire and England; when it names none, a one-line pointer to the
filter. Figures come from queries/locality_*.sql and the registered locality views
(dashboard/views/localities.py,
locality_profile.py), drawn through `view_block` like every other chart."""

from __future__ import annotations

import streamlit as st

from dashboard.analysis.locality_tiles import EDUCATION_SUMMARY, PROFILE_SUMMARY, build_tiles, summary_line
from dashboard.store.connection import connection, run
from dashboard.ui.blocks import view_block
from dashboard.ui.filters import Filters
from dashboard.ui.widgets import for_download, show_table, tile
from dashboard.views.locality_profile import profile_frame, profile_rows

LOCALITY_NOTE = (
    "Localities are approximated from electoral wards (a proposal, not an official council lookup); "
    "small-area "
    "figures are published statistics summed from LSOAs or schools, shown as published."
)
PROFILE_TOPICS = (
    "Population",
    "Child poverty",
    "Deprivation",
    "Deprivation (education)",
    "Households",
    "Rural and urban",
)
EDUCATION_TOPICS = ("Schools", "Key stage 4")
TABLE_COLS = ["measure", "area", "Herefordshire", "England", "period", "source", "note"]


def chosen() -> Filters:
    return Filters.of(st.session_state)


def _heading(f: Filters, what: str, summary: tuple[str, ...] = ()) -> None:
    st.subheader(f"{f.locality_name}: {what}")
    if summary:
        line = summary_line(_figures(f), summary)
        if line:
            st.markdown(f"In {f.locality_name}: {line}.")
    st.caption(LOCALITY_NOTE)


def _figures(f: Filters):
    """The chosen area's figures under disclosure control (dashboard.views.locality_profile.profile_rows)."""
    return profile_rows(connection(), f.locality)


def _mix_and_table(f: Filters, page: str, mix: str, what: str, topics: tuple[str, ...]) -> None:
    """The locality's mix chart (the view `locality_<mix>`) and its table of the page's topics."""
    view_block(
        f"locality_{mix}",
        key=f"loc_{mix}",
        page=page,
        filename=f"{mix}_{f.locality}",
        empty_reason=f"No {what} figures for this area.",
        area_code=f.locality,
    )
    t = profile_frame(connection(), f.locality, topics)
    if t.empty:
        st.info(f"No published small-area figures for {f.locality_name} in this store.")
        return
    show_table(t[TABLE_COLS].rename(columns={"area": f.locality_name}), key=f"loc_{page}_table")


def pointer() -> None:
    st.caption(
        ":material/location_on: Choose a locality in the sidebar to see its own figures on this page beside "
        "Herefordshire and England."
    )


def overview_section() -> None:
    """A tile row for the chosen locality: children, in low income families, deprivation, schools."""
    f = chosen()
    if not f.has_locality:
        return pointer()
    _heading(f, "the locality at a glance")
    tiles = build_tiles(_figures(f))
    if not tiles:
        st.info(f"No published small-area figures for {f.locality_name} in this store.")
        return
    for col, t in zip(st.columns(len(tiles)), tiles, strict=True):
        tile(col, t.label, t.value, t.as_at, t.lines)


def profile_section() -> None:
    f = chosen()
    if not f.has_locality:
        return pointer()
    _heading(f, "population, deprivation, child poverty and households", PROFILE_SUMMARY)
    st.caption(
        "Child population: ONS small-area estimates made before the Census 2021 rebasing, used for "
        "the area's "
        "share of the county's children and scaled to the rebased county total of ages 0-17."
    )
    _mix_and_table(f, "profile", "age_mix", "age", PROFILE_TOPICS)


def education_section() -> None:
    f = chosen()
    if not f.has_locality:
        return pointer()
    _heading(f, "its schools, their pupils and key stage 4 results", EDUCATION_SUMMARY)
    _mix_and_table(f, "education", "school_mix", "school", EDUCATION_TOPICS)
    schools = run("locality_schools", area_code=f.locality)
    with st.expander(f"The {len(schools)} open schools in {f.locality_name} (GIAS, May 2025)"):
        show_table(schools[["name", "phase", "type", "pupils", "pct_fsm", "ward_name"]], key="loc_schools")


def safeguarding_section() -> None:
    """Uploaded locality counts (through disclosure control) where they exist, else one line saying so."""
    f = chosen()
    if not f.has_locality:
        return pointer()
    up = run("uploaded_locality_counts", area_code=f.locality)
    if up.empty:
        st.info(
            f"No locality counts have been uploaded for {f.locality_name}: children in need, child "
            f"protection "
            "and looked-after figures are published for the whole county only, and locality counts come from "
            "the council's validated upload (Analysts: Upload local data).",
            icon=":material/info:",
        )
        return
    _heading(f, "counts uploaded by the council's analysts")
    shown = for_download(up)  # the screen's disclosure control: small counts below the county become 'c'
    show_table(
        shown[["indicator", "period", "value", "status", "note", "source_document"]], key="loc_uploads"
    )
