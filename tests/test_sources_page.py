"""Sources (pages/sources.py): the documents first; a link with a search in it opens the search tab, which
finds, lists and cites the council's papers' entries and shows the chosen one in context."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.config import ROOT


def _open(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("pages/sources.py")
    at.run()
    if params:
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
    return at


def _words(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown) + " " + " ".join(c.value for c in at.caption)


def test_the_documents_come_first_without_search_controls():
    at = _open()
    assert not at.exception and not at.error
    assert [t.label for t in at.tabs] == ["The documents", "Search the council's papers"]
    assert not at.text_input and not at.selectbox, "the first paint loads no text box or picker"
    words = _words(at)
    for title in ("JAR Performance Improvement Action Plan", "West Midlands Peer Challenge 2015-16"):
        assert title in words, title
    assert "figures," in words and "judgements," in words


def test_a_search_link_opens_the_search_and_cites_its_matches():
    at = _open({"q": "looked after"})
    assert not at.exception and not at.error
    assert at.query_params["src_tab"] == "Search the council's papers"
    assert at.text_input[0].value == "looked after"
    count = next(c.value for c in at.caption if "match(es)" in c.value)
    assert int(count.split()[0]) > 0, count
    assert any(s.value == "In context" for s in at.subheader)
    cited = [m.value for m in at.markdown if m.value.startswith(":orange-background[")]
    assert len(cited) == 1, "the cited line is highlighted once"


def test_the_search_tab_opened_from_the_page_searches_every_document():
    at = _open({"src_tab": "Search the council's papers"})
    assert not at.exception and not at.error
    assert at.text_input[0].value == ""
    assert at.selectbox[0].value == "all"
