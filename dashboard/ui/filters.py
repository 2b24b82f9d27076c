"""The shared sidebar filters as one type. No Streamlit here: the app builds a `Filters` from the sidebar
(app.py) and stores it in the session; pages read it with `Filters.of(st.session_state)`.

Every filter lives in the page address (?locality=..&compare=..&from=..). Streamlit drops query parameters
when the user clicks another page in the navigation, so `restore_params` puts back the ones this session last
wrote before the sidebar reads the address: the chosen locality follows the user from page to page.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field, replace

COUNTY = "county"
COUNTY_NAME = "All of Herefordshire"
COMPARATORS = ("england", "west_midlands", "neighbours")
COMPARATOR_NAMES = {
    "england": "England",
    "west_midlands": "West Midlands",
    "neighbours": "Statistical neighbours",
}
FROM_YEAR = 2005
# The URL keys the sidebar writes (url_select / url_multiselect / url_int keys in app.py).
PARAM_KEYS = ("locality", "compare", "from")
STATE_KEY = "filters"
WRITTEN_KEY = "_qp_written"  # what dashboard.ui.widgets last wrote to the address, per key


@dataclass(frozen=True)
class Filters:
    locality: str = COUNTY  # an area code (LOC-...) or 'county'
    locality_name: str = COUNTY_NAME
    compare: tuple[str, ...] = field(default=COMPARATORS)
    from_year: int = FROM_YEAR

    @property
    def has_locality(self) -> bool:
        """True when a locality or Hereford sub-area is chosen (not the whole county)."""
        return self.locality != COUNTY

    def with_locality(self, code: str, name: str) -> Filters:
        return replace(self, locality=code, locality_name=name)

    @classmethod
    def of(cls, state: Mapping) -> Filters:
        """The session's filters (defaults when the sidebar has not run, e.g. in presenter mode)."""
        f = state.get(STATE_KEY)
        if isinstance(f, Filters):
            return f
        if isinstance(f, Mapping):  # an older session's plain dict
            return cls(
                locality=f.get("locality", COUNTY),
                locality_name=f.get("locality_name", COUNTY_NAME),
                compare=tuple(f.get("compare", COMPARATORS)),
                from_year=int(f.get("from_year", FROM_YEAR)),
            )
        return cls()


def restore_params(query_params: MutableMapping, state: Mapping) -> list[str]:
    """Put back the filter parameters this session last wrote that the address no longer has (Streamlit
    clears them on a page switch). Returns the keys restored."""
    written = state.get(WRITTEN_KEY, {}) or {}
    restored = []
    for key in PARAM_KEYS:
        value = written.get(key)
        if value is not None and key not in query_params:
            query_params[key] = value
            restored.append(key)
    return restored
