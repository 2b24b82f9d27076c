"""Slide words from data: every number in a shipped slide's text is in its chart's table; templates fill
from the table and refuse names it lacks; sources are cited by name, never by file."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.present import sources, stories, words
from dashboard.present.export import RenderedSlide
from dashboard.views import registry as views

SHIPPED = [stem for stem, _ in stories.list_stories()]
SLIDES = [(stem, i) for stem in SHIPPED for i in range(len(stories.load(stem).slides))]


@pytest.mark.parametrize("stem,i", SLIDES)
def test_every_number_in_a_shipped_slide_is_in_its_table(con, stem, i):
    slide = stories.load(stem).slides[i]
    _fig, table, meta = views.render_view(slide.view.model_dump(), con)
    r = RenderedSlide(slide, None, meta, "", table)
    assert not r.words.problem, r.words.problem
    shown = " ".join([r.words.title, r.words.so_what, r.footer()])
    assert words.numbers(r.words.so_what), f"{stem} slide {i + 1}: a so-what with no figure from the chart"
    assert words.missing_numbers(shown, table) == [], f"{stem} slide {i + 1}: {shown}"
    assert not sources.has_file_name(shown + " " + r.words.notes), shown


def test_jar_plan_slide_agrees_with_its_grid(con):
    slide = stories.load("jar_to_2008").slides[2]
    _fig, table, _meta = views.render_view(slide.view.model_dump(), con)
    at = table[pd.to_datetime(table["at_date"]) == pd.Timestamp("2006-05-19")]["status"].value_counts()
    text = words.slide_words(slide, table).so_what
    assert f"{at['completed']} of the 17 recommendations were completed" in text
    assert f"{at['on track']} on track and {at['slipping']} slipping" in text


def test_fill_and_check():
    t = pd.DataFrame(
        {
            "series": ["Herefordshire", "Herefordshire", "England"],
            "period": ["31 January 2015", "2025", "2025"],
            "period_end": pd.to_datetime(["2015-01-31", "2025-03-31", "2025-03-31"]),
            "value": [75.07, 100.0, 67.0],
            "count": [None, 344.0, None],
            "source_kind": ["seed document", "publication", "publication"],
        }
    )
    v = words.trend_facts(t)
    text = words.fill(
        "{here.seed1:0} then {here.latest} ({here.latest.count}) {here.latest.when}; E {england.y2025}", v
    )
    assert text == "75 then 100 (344) as at 31 March 2025; E 67"
    assert words.missing_numbers(text, t) == []
    assert words.missing_numbers("13 of the 17 were slipping", t) == ["13", "17"]
    assert words.numbers("75 per 10,000 in 2015") == ["75", "2015"]
    with pytest.raises(words.WordsError, match="here.latest"):
        words.fill("{here.nope}", v)


def test_cite_names_documents_not_files(con):
    names = sources.labels(con)
    assert sources.cite("002_2fdbf91cb6f1887a.txt", 62, names) == "Cabinet report, 24 January 2008, line 62"
    assert sources.cite("Cabinet report, 24 January 2008", 62.0) == "Cabinet report, 24 January 2008, line 62"
    assert sources.cite(None) == ""
    text = sources.name_files("see seed 003 line 40 and 000_2a4c1fcaad081570.txt", names)
    assert not sources.has_file_name(text), text
    assert "Peer Challenge self-assessment, September 2015" in text


def test_no_query_names_a_seed_by_file(con):
    """Every figure, judgement and statement a page reads names its document by title and date."""
    for q in ("facts", "source_labels"):
        col = "source_document" if q == "facts" else "label"
        vals = con.execute(f"SELECT DISTINCT {col} FROM {q}").df()[col].dropna()
        assert not any(sources.has_file_name(v) for v in vals), [v for v in vals if sources.has_file_name(v)]
