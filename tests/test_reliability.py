"""Reliability: hostile URL parameters on every page; damaged or missing public pack files.

Covers what tests/test_app_pages.py (hostile parameters on the Overview page's shared filters),
tests/test_public_pack.py (one stats CSV with a bad value or a renamed column) and tests/test_geo.py (a
missing
boundary file with no previous store) leave out: every page's own URL keys, unicode, null bytes and unknown
codes; a stats file that is not text, an empty one and a truncated one; a boundary file that is not GeoJSON;
a missing boundary file when a previous store exists; the `python -m data.build` message; and every page
and section tab on a store built without the public pack.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import app_pages
import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import config

ROOT = Path(__file__).resolve().parent.parent
PACK = config.public_data_dir()
needs_pack = pytest.mark.skipif(
    not (PACK / "stats").is_dir() or not (PACK / "geo").is_dir(), reason="public data pack not found"
)

# Each page's own URL keys (the shared sidebar keys are locality, compare and from).
SHARED = ["locality", "compare", "from"]
PAGE_KEYS = {
    "pages/overview.py": SHARED,
    "pages/profile_of_need.py": ["prof_tab", "prof_referral"],
    "pages/safeguarding.py": ["sg_tab", "sg_cp_measure", "sg_flow", "sg_work"],
    "pages/education.py": ["edu_tab", "edu_measure", "edu_group", "edu_neet"],
    "pages/outcomes.py": ["oc_outcome"],
    "pages/improvement_plan.py": [
        "plan_tab",
        "plan_at",
        "plan_lead",
        "plan_outcome",
        "plan_status",
        "plan_rec",
        "plan_from",
        "plan_to",
        "plan_ind",
    ],
    "pages/localities.py": ["loc_tab", "measure", "release", "area", "lsoa_measure", "compare_areas"],
    "pages/explore.py": ["x_topic", "x_ind"],
    "pages/sources.py": ["src_tab", "q", "doc"],
    "pages/story.py": SHARED,
    "pages/present.py": ["story", "slide"],
    "pages/sign_in.py": SHARED,
    "pages/about.py": SHARED,
}
HOSTILE = {
    "sql": "'; DROP TABLE observations; --",
    "unknown_code": "E06999999",
    "long": "x" * 5000,
    "unicode": "Ĥéřęƒőŕđ 🚸 東京 ‮",
    "null_byte": "LAC\x00' OR 1=1",
}


def open_page(page: str, params: dict) -> AppTest:
    """Open `page` with `params` in the URL. AppTest drops query parameters on switch_page, so they are set
    once the page has run, and the page is run again (as a user pasting a new link in the same session)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    if page == "pages/overview.py":
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        return at
    at.run()
    at.switch_page(page)
    at.run()
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    return at


def test_every_page_has_its_keys_listed():
    assert set(app_pages.existing()) <= set(PAGE_KEYS), set(app_pages.existing()) - set(PAGE_KEYS)


@pytest.mark.parametrize("kind", list(HOSTILE))
@pytest.mark.parametrize("page", app_pages.existing())
def test_hostile_url_parameters_on_every_page(page, kind, store_path):
    """Every page's own keys set to a hostile value: no exception, no error box, the page still shows its
    content, and nothing of the hostile value is run (the store still has its tables)."""
    keys = PAGE_KEYS[page]
    at = open_page(page, {k: HOSTILE[kind] for k in keys})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title or at.header or at.subheader or at.markdown, "the page showed nothing: it did not run"
    c = duckdb.connect(str(store_path), read_only=True)
    assert c.execute("SELECT count(*) FROM observations").fetchone()[0] > 0
    c.close()


# Keys read only inside one section tab (only the open tab is built): they are tested with that tab open.
TAB_KEYS = {
    "pages/safeguarding.py": (
        "sg_tab",
        {
            "Child protection": ["sg_cp_measure"],
            "Starts, ceases and referrals": ["sg_flow"],
            "Workforce": ["sg_work"],
        },
    ),
    "pages/profile_of_need.py": ("prof_tab", {"Referrals and re-referrals": ["prof_referral"]}),
    "pages/education.py": ("edu_tab", {"NEET and participation": ["edu_neet"]}),
    "pages/improvement_plan.py": (
        "plan_tab",
        {"One recommendation": ["plan_rec", "plan_ind"], "What changed": ["plan_from", "plan_to"]},
    ),
    "pages/sources.py": ("src_tab", {"Search the council's papers": ["q", "doc"]}),
    "pages/localities.py": (
        "loc_tab",
        {"LSOAs in the locality": ["lsoa_measure"], "Compare localities": ["compare_areas"]},
    ),
}


@pytest.mark.parametrize("kind", ["sql", "long"])
@pytest.mark.parametrize(
    "page,tab_key,tab,keys",
    [(p, k, t, keys) for p, (k, tabs) in TAB_KEYS.items() for t, keys in tabs.items()],
)
def test_hostile_parameters_inside_a_section_tab(page, tab_key, tab, keys, kind, store_path):
    """With the tab that reads them open, hostile values give a warning naming the key, never an exception."""
    at = open_page(page, {tab_key: tab, **{k: HOSTILE[kind] for k in keys}})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    said = " ".join(w.value for w in at.warning) + " ".join(
        at.session_state["_bad_params"].values() if "_bad_params" in at.session_state else []
    )
    for k in keys:
        if k != "plan_ind":  # offered only when the recommendation has indicator figures
            assert f"`{k}`" in said, f"no warning names `{k}`: {said[:300]}"


@pytest.fixture(scope="module")
def store_without_public_pack(tmp_path_factory):
    """A store built from the seed documents alone: the public pack (statistics, IMD, boundaries) missing,
    as on
    a machine where it was never copied. Built with an empty temp var dir so no upload is read."""
    from data.build import build

    base = tmp_path_factory.mktemp("nopack")
    (base / "var").mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PUBLIC_DATA_DIR", str(base / "no-public-pack"))
        mp.setenv("DASHBOARD_VAR_DIR", str(base / "var"))
        build(base / "store.duckdb", quiet=True)
    return base


@pytest.mark.parametrize("page,tab_key,tab", app_pages.page_tabs())
def test_every_page_and_tab_without_the_public_pack(
    page, tab_key, tab, store_without_public_pack, monkeypatch
):
    """Every page, and every section tab, on a store without the public pack: a message says what is missing,
    never an exception or an empty map (the Localities LSOA tabs once raised
    'no options for LSOA measure')."""
    base = store_without_public_pack
    monkeypatch.setenv("STORE_PATH", str(base / "store.duckdb"))
    monkeypatch.setenv("PUBLIC_DATA_DIR", str(base / "no-public-pack"))
    monkeypatch.setenv("DASHBOARD_VAR_DIR", str(base / "var"))
    at = open_page(page, {tab_key: tab} if tab_key else {})
    assert not at.exception, [e.value[:300] for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title or at.header or at.subheader or at.markdown, "the page showed nothing: it did not run"
    if page == "pages/localities.py" and tab != "Wards in each locality":
        said = " ".join(i.value for i in at.info)
        assert "not found when the store was built" in said or "No figures for this selection" in said, said


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_shared_filters_name_the_parameter(kind, store_path):
    """The shared filters (read on every page but Presenter mode) warn, naming the parameter. The Overview
    page is used because AppTest keeps the URL only for the first page it runs."""
    at = open_page("pages/overview.py", {k: HOSTILE[kind] for k in SHARED})
    assert not at.exception and not at.error
    warnings = " ".join(w.value for w in at.warning)
    for k in SHARED:
        assert f"`{k}`" in warnings, f"no warning names `{k}`: {warnings[:300]}"


@pytest.mark.parametrize(
    "params,says",
    [
        ({"story": "'; DROP TABLE x; --"}, "no story called"),
        ({"story": "x" * 5000}, "no story called"),
        ({"slide": "9999"}, "is not between"),
        ({"slide": "1\x00"}, "is not between"),
    ],
)
def test_presenter_link_warns(params, says, store_path):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("pages/present.py")
    at.run()
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception and not at.error
    assert any(says in w.value for w in at.warning), [w.value for w in at.warning]


# ------------------------------------------------------------------ damaged or missing pack files


@pytest.fixture
def previous_store(tmp_path) -> tuple[Path, bytes]:
    from data.build import build

    target = tmp_path / "store.duckdb"
    build(target, public_dir=None, quiet=True)
    return target, target.read_bytes()


def _pack_copy(tmp_path: Path) -> Path:
    pub = tmp_path / "public"
    shutil.copytree(PACK, pub)
    for p in pub.rglob("*"):
        if p.is_file():
            p.chmod(0o644)
    return pub


def _assert_untouched(target: Path, before: bytes) -> None:
    assert target.read_bytes() == before, "the previous store was changed"
    assert not list(target.parent.glob("*.tmp")), "a temporary build file was left behind"
    duckdb.connect(str(target), read_only=True).close()


DAMAGE = {
    "not_text": (
        "stats/ons_mye_children_0_17_2012_2024.csv",
        lambda b: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    ),
    "empty": ("stats/lait_data_dictionary_subset.csv", lambda b: b""),
    "truncated": ("stats/dfe_cin_b1_children_in_need_2013_2025.csv", lambda b: b[: len(b) // 2]),
    "bad_geojson": ("geo/herefordshire_wards_2025.geojson", lambda b: b[: len(b) // 3]),
}


@needs_pack
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_pack_file_fails_naming_it_and_keeps_previous_store(tmp_path, previous_store, damage):
    from data.build import build
    from data.buildkit import BuildError

    target, before = previous_store
    pub = _pack_copy(tmp_path)
    rel, spoil = DAMAGE[damage]
    f = pub / rel
    f.write_bytes(spoil(f.read_bytes()))
    with pytest.raises(BuildError) as e:
        build(target, public_dir=pub, quiet=True)
    assert f.name in str(e.value), str(e.value)[:500]
    _assert_untouched(target, before)


@needs_pack
def test_missing_boundary_file_keeps_previous_store(tmp_path, previous_store):
    from data.build import build
    from data.buildkit import BuildError

    target, before = previous_store
    pub = _pack_copy(tmp_path)
    (pub / "geo" / "herefordshire_lsoa_2011.geojson").unlink()
    with pytest.raises(BuildError, match="herefordshire_lsoa_2011.geojson"):
        build(target, public_dir=pub, quiet=True)
    _assert_untouched(target, before)


@needs_pack
def test_build_command_names_the_file_and_says_the_store_was_kept(tmp_path, previous_store):
    target, before = previous_store
    pub = _pack_copy(tmp_path)
    (pub / "geo" / "herefordshire_county_outline.geojson").unlink()
    env = {"PATH": "/usr/bin:/bin", "PUBLIC_DATA_DIR": str(pub), "DASHBOARD_VAR_DIR": str(tmp_path / "var")}
    r = subprocess.run(
        [sys.executable, "-m", "data.build", "--target", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 1, r.stdout + r.stderr
    assert "herefordshire_county_outline.geojson" in r.stderr
    assert "previous store" in r.stderr and "left in place" in r.stderr
    assert "Traceback" not in r.stderr
    _assert_untouched(target, before)
