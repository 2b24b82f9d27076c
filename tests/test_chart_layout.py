"""Charts that suit their data, with their words where they can be read: one figure is a card, a few
irregular dates are categories, a date axis never ticks the time of day, and the title block, legend and
source line each have their own room (the browser suite checks the drawn boxes at 390, 1280 and 1400 px)."""

import pandas as pd
import pytest

from dashboard.views import catalogue as views
from dashboard.views import charts
from dashboard.views.layout import SOURCE_WRAP, SUBTITLE_WRAP, TITLE_WRAP


def rows(ends, values, series="Herefordshire", kind="publication"):
    return pd.DataFrame(
        {
            "series": series,
            "period": [str(pd.Timestamp(e).year) for e in ends],
            "period_end": pd.to_datetime(ends),
            "value": values,
            "source_kind": kind,
            "source_document": "DfE statistics",
        }
    )


def draw(df, unit="per 10,000 children aged 0-17", decimals=1):
    return charts.trend_chart(
        df,
        title="Children looked after",
        subtitle="Herefordshire",
        source="DfE",
        unit=unit,
        decimals=decimals,
    )


def test_one_figure_is_a_card_with_its_date_and_comparators():
    df = pd.concat([rows(["2025-03-31"], [100.0]), rows(["2025-03-31"], [67.0], series="England")])
    fig = draw(df)
    assert [t.type for t in fig.data] == ["indicator"]
    assert fig.data[0].value == 100.0 and fig.data[0].number.suffix == " per 10,000"
    assert "31 March 2025" in fig.data[0].title.text
    words = " ".join(a.text for a in fig.layout.annotations)
    assert "England: 67.0 per 10,000" in words and "Source: DfE" in words


def test_one_figure_without_comparator_says_so():
    fig = draw(rows(["2014-09-30"], [1893.0], kind="seed document"), unit="count", decimals=0)
    assert fig.data[0].type == "indicator" and fig.data[0].number.valueformat == ",.0f"
    assert any("No comparator" in a.text for a in fig.layout.annotations)


def test_few_irregular_dates_are_categories_in_date_order():
    fig = draw(rows(["2006-11-30", "2006-03-31"], [4.9, 7.1]))
    assert fig.layout.xaxis.type == "category"
    assert list(fig.layout.xaxis.categoryarray) == ["Mar 2006", "Nov 2006"]
    assert list(fig.data[0].x) == ["Mar 2006", "Nov 2006"]


def test_dates_in_one_month_keep_their_day():
    fig = draw(rows(["2006-03-01", "2006-03-31", "2006-05-19"], [1.0, 2.0, 3.0]))
    assert list(fig.layout.xaxis.categoryarray) == ["1 Mar 2006", "31 Mar 2006", "19 May 2006"]


def test_a_long_series_is_a_date_axis_that_never_shows_the_time_of_day():
    ends = [f"{y}-03-31" for y in range(2010, 2026)]
    fig = draw(rows(ends, list(range(16))))
    assert fig.layout.xaxis.type == "date"
    formats = [s.value for s in fig.layout.xaxis.tickformatstops]
    assert formats and not any("%H" in f or "%M" in f or "%S" in f for f in formats)
    assert formats[-1] == "%Y"


def test_title_block_legend_and_source_have_their_own_room():
    fig = draw(rows([f"{y}-03-31" for y in range(2015, 2026)], list(range(11))))
    lay = fig.layout
    title_lines = lay.title.text.split("<br>")
    assert lay.title.yref == "container" and lay.title.yanchor == "top"
    assert lay.legend.yref == "container" and lay.legend.yanchor == "top"
    # the legend starts below the title block (22 px a line), so a legend that wraps grows down, not into it
    assert (1 - lay.legend.y) * 450 >= 22 * len(title_lines)
    source = next(a for a in lay.annotations if a.text.startswith("Source:"))
    assert source.yref == "paper" and source.y == 0 and source.yshift < 0 and source.yanchor == "top"
    n = source.text.count("<br>") + 1
    assert lay.margin.b >= -source.yshift + 14 * n, "the bottom margin does not hold the source line"


@pytest.mark.parametrize("width,text", [(TITLE_WRAP, "t"), (SUBTITLE_WRAP, "s"), (SOURCE_WRAP, "src")])
def test_long_words_wrap_to_a_phone(width, text):
    long = " ".join(["Herefordshire"] * 30)
    assert all(len(line) <= width for line in charts.wrap(long, width).split("<br>"))


def test_peer_challenge_one_figure_slide_is_a_card(con):
    """Peer Challenge slide 5 (children exposed to domestic abuse: one figure, 1,893) was a scatter with an
    axis of 1,892-1,894 and tick labels '23:59:59.9995'."""
    fig, table, meta = views.render_view(
        {"chart": "indicator_trend", "params": {"indicator_id": "da_children_exposed_num"}}, con
    )
    assert table["value"].notna().sum() == 1
    assert [t.type for t in fig.data] == ["indicator"]
    assert fig.data[0].value == table["value"].dropna().iloc[0]


def test_set_height_keeps_title_and_legend_in_place():
    fig = draw(rows([f"{y}-03-31" for y in range(2015, 2026)], list(range(11))))
    top = fig.layout.meta["top_px"]
    charts.set_height(fig, 560)
    assert fig.layout.height == 560
    assert round((1 - fig.layout.legend.y) * 560) == top
