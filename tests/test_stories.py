"""Stories: round-trip, validation messages, editing helpers, and every shipped slide renders on the store."""

from __future__ import annotations

import json
import re

import pytest

from dashboard.present import stories
from dashboard.views import registry as views

SHIPPED = ["peer_challenge_2015_16", "jar_to_2008"]


def _story():
    return stories.parse(
        {
            "title": "T",
            "subtitle": "S",
            "slides": [
                {
                    "title": "A",
                    "so_what": "one",
                    "notes": "n",
                    "view": {"chart": "pyramid_then", "page": "overview"},
                },
                {
                    "title": "B",
                    "so_what": "two",
                    "notes": "",
                    "view": {
                        "chart": "indicator_trend",
                        "params": {"indicator_id": "LAC", "from_year": 2010},
                    },
                },
            ],
        }
    )


def test_round_trip(tmp_path):
    s = _story()
    p = stories.save(s, "my-story_1", tmp_path, by="tester")
    assert p.name == "my-story_1.json"
    text = p.read_text()
    assert text.startswith('{\n  "title": "T"')
    assert stories.load("my-story_1", tmp_path) == s
    assert stories.dumps(stories.load("my-story_1", tmp_path)) == text  # stable key order


def test_bad_file_names_field(tmp_path):
    (tmp_path / "bad.json").write_text(json.dumps({"title": "X", "slides": [{"title": "A", "view": {}}]}))
    with pytest.raises(stories.StoryError) as e:
        stories.load("bad", tmp_path)
    msg = str(e.value)
    assert "bad.json" in msg and "slides[0].view.chart" in msg


def test_bad_json_and_unknown_field(tmp_path):
    (tmp_path / "broken.json").write_text("{ not json")
    with pytest.raises(stories.StoryError, match=r"broken.json: not valid JSON \(line 1"):
        stories.load("broken", tmp_path)
    (tmp_path / "extra.json").write_text(json.dumps({"title": "X", "slides": [], "colour": "red"}))
    with pytest.raises(stories.StoryError, match="field colour"):
        stories.load("extra", tmp_path)


@pytest.mark.parametrize("name", ["../etc/passwd", "a b", "Big", "x.y", "", "-lead", "a" * 64])
def test_unsafe_names_rejected(name):
    with pytest.raises(stories.StoryError):
        stories.check_stem(name)


def test_editing_helpers():
    s = _story()
    assert [x.title for x in stories.move_slide(s, 0, 1).slides] == ["B", "A"]
    assert stories.move_slide(s, 0, -1) == s
    assert [x.title for x in stories.delete_slide(s, 0).slides] == ["B"]
    e = stories.edit_slide(s, 1, so_what="new line", notes="more")
    assert e.slides[1].so_what == "new line" and e.slides[1].notes == "more"
    with pytest.raises(stories.StoryError, match="so_what"):
        stories.edit_slide(s, 0, so_what="two\nlines")


def test_add_to_session_story():
    state: dict = {}
    n = stories.add_to_session_story(
        state,
        {
            "page": "explore",
            "chart": "indicator_trend",
            "title": "LAC",
            "params": {"indicator_id": "LAC", "from_year": 2005},
        },
    )
    assert n == 1 and state["story"].slides[0].title == "LAC"
    assert stories.add_to_session_story(state, {"chart": "pyramid_now"}) == 2


def test_unknown_chart_and_bad_params(con):
    with pytest.raises(views.ViewError, match="unknown chart id 'nope'"):
        views.render_view({"chart": "nope"}, con)
    with pytest.raises(views.ViewError, match="does not take parameter"):
        views.render_view({"chart": "pyramid_then", "params": {"x": 1}}, con)
    with pytest.raises(views.ViewError, match="needs parameter"):
        views.render_view({"chart": "indicator_trend"}, con)


def test_shipped_stories_are_valid():
    for stem in SHIPPED:
        s = stories.load(stem)
        assert len(s.slides) >= (8 if stem.startswith("peer") else 6)
        assert all(x.so_what and x.notes for x in s.slides)


@pytest.mark.parametrize("stem,i", [(s, i) for s in SHIPPED for i in range(len(stories.load(s).slides))])
def test_shipped_slide_renders(con, stem, i):
    slide = stories.load(stem).slides[i]
    fig, table, meta = views.render_view(slide.view.model_dump(), con)
    if meta["empty"]:
        pytest.skip(
            f"{stem} slide {i + 1} ({slide.view.chart} {slide.view.params}): no data for it in this store"
        )
    assert fig.to_dict()["data"], "the figure has traces"
    assert meta["sources"] and meta["title"]


def test_slide_sources_name_council_papers_by_title(con):
    """A slide's footer names a council paper by its short title and date, never its file name; the sources
    slide lists the same names."""
    from dashboard.present import export

    _fig, _table, meta = views.render_view(
        {"chart": "indicator_trend", "params": {"indicator_id": "LAC"}}, con
    )
    assert "Peer Challenge self-assessment, September 2015" in meta["sources"], meta["sources"]
    assert not any(re.search(r"\d{3}_[0-9a-f]{16}", s) for s in meta["sources"]), meta["sources"]
    rendered = [export.RenderedSlide(None, None, meta)]
    assert export.all_sources(rendered) == meta["sources"]  # the sources slide lists the same full names
