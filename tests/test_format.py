"""Formatting of values, dates and changes as people read them."""

import datetime as dt

import pandas as pd

from dashboard.present.format import as_at, change_text, fmt_value


def test_fmt_value_units_and_symbols():
    assert fmt_value(1893, "count", 0) == "1,893"
    assert fmt_value(62, "%", 0) == "62%"
    assert fmt_value(75.07, "rate per 10,000 children aged 0-17", 1) == "75.1 per 10,000"
    assert fmt_value(None, "count", 0, "c") == "c"
    assert fmt_value(None, "count") == "–"
    assert fmt_value(463.2, "rate per 10,000", 1, "u").endswith("(u: low reliability)")


def test_as_at_and_change():
    assert as_at("2025", dt.date(2025, 3, 31)) == "as at 31 March 2025"
    assert as_at("end of April 2015", dt.date(2015, 4, 30)) == "end of April 2015 (to 30 April 2015)"
    assert (
        change_text(100, 113, "rate per 10,000", 1, "as at 31 March 2024")
        == "down 13.0 per 10,000 since 31 March 2024"
    )
    assert change_text(5, None, "count", 0, "x") == "no earlier figure to compare"


def test_counts_are_not_set_beside_other_areas_counts():
    import pandas as pd

    from dashboard.analysis import series

    rows = pd.DataFrame(
        {
            "series": ["Herefordshire", "England"],
            "period": ["2025", "2025"],
            "period_end": pd.to_datetime(["2025-03-31"] * 2),
            "value": [344.0, 81770.0],
        }
    )
    counts = series.trend_table(rows, ["england"], unit="count")
    assert counts["series"].tolist() == ["Herefordshire"]
    assert "not compared" in series.subtitle(counts, ["england"], "count")
    rates = series.trend_table(rows, ["england"], unit="rate per 10,000 children aged 0-17")
    assert set(rates["series"]) == {"Herefordshire", "England"}


def test_a_long_source_line_breaks_with_markup_and_its_words_are_escaped():
    """The source line under a chart wraps to fit a phone: the breaks must be Plotly markup, not text
    (a map once showed a literal '<br>'), and a '<' or '&' in a source's words must show as written."""
    from html import unescape

    import plotly.graph_objects as go

    from dashboard.views.charts import titled, wrap
    from dashboard.views.layout import SOURCE_WRAP

    source = (
        "MHCLG English Indices of Deprivation 2015, 2019 and 2025 (LSOA files), aggregated by the project "
        "to proposed localities via best-fit wards. Boundaries: ONS <OGL v3.0> & Ordnance Survey data"
    )
    fig = titled(go.Figure(), "A map", "", source)
    text = [a.text for a in fig.layout.annotations if a.text.startswith("Source")][0]
    assert "<br>" in text and "&lt;br&gt;" not in text
    assert "&lt;OGL" in text and "v3.0&gt; &amp; Ordnance" in text.replace("<br>", " ")
    assert all(len(unescape(line)) <= SOURCE_WRAP + len("Source: ") for line in text.split("<br>"))
    assert wrap("a < b", 40) == "a &lt; b"


def test_outcome_grid_hover_escapes_seed_text():
    from dashboard.views.outcome_figures import grid_figure

    grid = pd.DataFrame(
        [
            {
                "outcome": "Be healthy",
                "framework": "APA 2007",
                "step": 3,
                "cell_text": "Good <3>",
                "period_label": "2007",
                "subject": "Health & care",
                "source_line": 12,
                "source_document": "001_apa.txt",
                "others": "",
            }
        ]
    )
    fig = grid_figure(grid, ["Be healthy"], ["APA 2007"])
    hover = fig.data[0].hovertext[0][0]
    assert "Good &lt;3&gt;" in hover and "Health &amp; care" in hover and "line 12" in hover


def test_neighbours_line_breaks_where_no_neighbour_published():
    """KS2 was not published in 2020 and 2021: the neighbours' mean keeps those years as 'not published' rows
    (so its line breaks as England's does) and leaves out nothing before or after its span."""
    from dashboard.analysis import series

    ends = pd.to_datetime(["2019-08-31", "2020-08-31", "2021-08-31", "2022-08-31", "2023-08-31"])
    rows = pd.DataFrame(
        {
            "series": "Herefordshire",
            "period": ["2019", "2020", "2021", "2022", "2023"],
            "period_end": ends,
            "value": [69.0, None, None, 60.0, 64.0],
            "status": [None, "x", "x", None, None],
        }
    )
    sn = pd.DataFrame(
        {
            "period": ["2018", "2019", "2020", "2021", "2022", "2023"],
            "period_end": pd.to_datetime(["2018-08-31"]).append(ends),
            "sn_mean": [None, 62.9, None, None, 54.8, 55.6],
            "sn_model": "April 2021",
        }
    )
    t = series.trend_table(rows, ["neighbours"], sn, unit="%")
    nb = t[t["series"] == "Statistical neighbours"].set_index("period")
    assert nb.index.tolist() == ["2019", "2020", "2021", "2022", "2023"]
    assert nb.loc["2020", "status"] == "x" and pd.isna(nb.loc["2020", "value"])
    assert nb.loc["2022", "value"] == 54.8 and pd.isna(nb.loc["2022", "status"])


def test_when_line_reads_as_a_sentence():
    from dashboard.present.format import when_line

    assert when_line("as at 31 March 2025") == "As at 31 March 2025"
    assert when_line("24 Jan 2008 (end of intervention)") == "As at 24 Jan 2008 (end of intervention)"
    assert when_line("2024-25 (to 31 March 2025)") == "Period: 2024-25 (to 31 March 2025)"
    assert when_line("") == "As at: see the source" and when_line(None) == "As at: see the source"
