"""The app's pages and each page's section tabs: what app.py registers, what the pages lay out and what the
tests walk through. No Streamlit here, so tests and tools import it without starting the app.

To add a page: write `pages/<name>.py` and add a `Page` below (the first one is served at /). A page with
tabs lists their labels here and builds them with `section_tabs(PAGE.sections(fn1, fn2, ...), PAGE.tab_key)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dashboard.config import ROOT


@dataclass(frozen=True)
class Page:
    file: str  # relative to the project root
    title: str
    url_path: str
    group: str  # the sidebar heading it is listed under
    tab_key: str | None = None  # the URL parameter holding the open tab
    tabs: tuple[str, ...] = ()  # the section tabs' labels, in order
    analyst_only: bool = False
    filters: bool = True  # draws (and reads) the shared sidebar filters

    @property
    def exists(self) -> bool:
        return (Path(ROOT) / self.file).is_file()

    def sections(self, *builders: Callable[[], None]) -> dict[str, Callable[[], None]]:
        """This page's tab labels paired, in order, with the functions that build the tabs."""
        if len(builders) != len(self.tabs):
            raise ValueError(
                f"{self.file} has {len(self.tabs)} tabs ({', '.join(self.tabs)}) but {len(builders)} builders"
            )
        return dict(zip(self.tabs, builders, strict=True))


PAGES: tuple[Page, ...] = (
    Page("pages/overview.py", "Overview", "overview", "Board"),
    Page(
        "pages/profile_of_need.py",
        "Profile of need",
        "profile",
        "Board",
        "prof_tab",
        (
            "Child population",
            "Deprivation",
            "Disability and domestic abuse",
            "Referrals and re-referrals",
            "Levels of need",
        ),
    ),
    Page(
        "pages/safeguarding.py",
        "Safeguarding",
        "safeguarding",
        "Board",
        "sg_tab",
        ("Looked after", "Child protection", "Children in need", "Starts, ceases and referrals", "Workforce"),
    ),
    Page(
        "pages/education.py",
        "Education and attainment gaps",
        "education",
        "Board",
        "edu_tab",
        ("Attainment gap", "Results for all pupils", "Ofsted grades", "NEET and participation"),
    ),
    Page("pages/outcomes.py", "Every Child Matters outcomes", "outcomes", "Board"),
    Page(
        "pages/improvement_plan.py",
        "Improvement plan",
        "plan",
        "Board",
        "plan_tab",
        (
            "Status over time",
            "One recommendation",
            "What changed",
            "Overdue actions",
            "Export the tracker",
            "Where it went next (2007, 2015)",
        ),
    ),
    Page(
        "pages/localities.py",
        "Localities",
        "localities",
        "Commissioners",
        "loc_tab",
        (
            "Map and profile",
            "Rank localities",
            "LSOAs in the locality",
            "Compare localities",
            "County LSOA map",
            "Wards in each locality",
        ),
    ),
    Page("pages/explore.py", "Explore an indicator", "explore", "Explore"),
    Page("pages/sources.py", "Sources and search", "sources", "Explore", filters=False),
    Page("pages/story.py", "Story builder", "story", "Present"),
    Page("pages/present.py", "Presenter mode", "present", "Present", filters=False),
    Page("pages/sign_in.py", "Analyst sign-in", "sign-in", "Analysts"),
    Page("pages/upload.py", "Upload local data", "upload", "Analysts", analyst_only=True),
    Page("pages/about.py", "About, methods and accessibility", "about", "About", filters=False),
)


def served_at(url_path: str) -> Page | None:
    """The page Streamlit serves at /url_path: "" is the first page listed with its file; None if none."""
    listed = [p for p in PAGES if p.exists]
    if not url_path:
        return listed[0] if listed else None
    return next((p for p in listed if p.url_path == url_path), None)


def page(url_path: str) -> Page:
    """The page served at /<url_path>."""
    for p in PAGES:
        if p.url_path == url_path:
            return p
    raise KeyError(f"no page at /{url_path}")
