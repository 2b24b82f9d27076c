"""The shared locality filter: one Filters type, kept across page switches (AppTest), and the pages that show
the chosen locality's own figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.ui.filters import COUNTY, Filters, restore_params

ROOT = Path(__file__).resolve().parent.parent
LOCALITY_PAGES = ["pages/profile_of_need.py", "pages/education.py", "pages/safeguarding.py"]


def test_filters_of_session_defaults_and_old_dicts():
    assert Filters.of({}) == Filters()
    assert not Filters().has_locality and Filters().locality == COUNTY
    f = Filters.of(
        {"filters": {"locality": "LOC-LEOMINSTER", "locality_name": "Leominster", "from_year": 2010}}
    )
    assert f.has_locality and f.locality_name == "Leominster" and f.from_year == 2010
    assert f.compare == ("england", "west_midlands", "neighbours")


def test_restore_params_puts_back_what_a_page_switch_dropped():
    params = {"measure": "x"}  # Streamlit cleared locality/from on the switch; the page's own key is its own
    state = {"_qp_written": {"locality": "LOC-LEOMINSTER", "from": None, "compare": "england"}}
    assert restore_params(params, state) == ["locality", "compare"]
    assert params == {"measure": "x", "locality": "LOC-LEOMINSTER", "compare": "england"}
    # a value the address already has (a new link) wins over the session's
    params = {"locality": "LOC-ROSS"}
    restore_params(params, state)
    assert params["locality"] == "LOC-ROSS"


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [s.value for s in at.subheader] + [i.value for i in at.info]
    return " ".join(str(p) for p in parts)


@pytest.mark.parametrize("page", LOCALITY_PAGES)
def test_locality_chosen_on_one_page_is_still_chosen_on_the_next(page, store_path):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["locality"] = "LOC-LEOMINSTER"
    at.run()
    assert at.selectbox(key="w_locality").value == "LOC-LEOMINSTER"
    assert "Leominster: the locality at a glance" in _text(at)
    del at.query_params["locality"]  # what Streamlit does to the address when the user clicks another page
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["filters"].locality == "LOC-LEOMINSTER"
    # the page's locality section, for Leominster (Safeguarding, with no uploads, says so in one line)
    own = [h.value for h in at.subheader if h.value.startswith("Leominster: ")]
    own += [i.value for i in at.info if "uploaded for Leominster" in i.value]
    assert own, [h.value for h in at.subheader]
    assert "does not apply" not in _text(at)
    # The address keeps ?locality= (checked in real Chromium too, test_browser_localities.py; AppTest does not
    # always keep an st.navigation app's sidebar after a page switch).
