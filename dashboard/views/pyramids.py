"""Pyramid views: the 2006 profile of need (pyramid_then) and the same levels with published counts
(pyramid_now)."""

from __future__ import annotations

import pandas as pd

from dashboard.present import sources
from dashboard.present.format import fmt_value
from dashboard.store.queries import run_sql
from dashboard.views import charts
from dashboard.views.registry import chart_view, register, unique

PYRAMID_THEN_SOURCE = "APA self-assessment, 31 May 2006"
PYRAMID_NOW_SOURCE = "DfE children looked after / in need statistics; ONS mid-year estimates"


def _levels(frame) -> str:
    return "; ".join(f"{r.level.lower()} {fmt_value(r.value, 'count', 0)}" for r in frame.itertuples())


def _side(con, side: str) -> pd.DataFrame:
    """The pyramid's levels that have a figure `side` ('then': 2006, 'now': published): level and value are
    that side's."""
    pyr = run_sql(con, "pyramid_of_need")
    return (
        pyr.dropna(subset=[f"{side}_value"])
        .drop(columns=["level"])
        .rename(columns={f"{side}_value": "value", f"{side}_level": "level"})
    )


@register("pyramid_then", "The 2006 profile of need (pyramid) from the self-assessment")
def pyramid_then(con):
    then = _side(con, "then")
    then["detail"] = [
        f"{r.level}: {fmt_value(r.value, 'count', 0)}<br>{r.then_period}<br>"
        f"{sources.cite(r.then_source, r.then_line)}"
        for r in then.itertuples()
    ]
    source = "; ".join(unique(sorted(set(then["then_source"].dropna())))) or PYRAMID_THEN_SOURCE
    title, sub = (
        "Profile of need, 2006",
        "Herefordshire, as stated in the 2006 self-assessment (as at 31 May 2006); 'in need' is the "
        "council's "
        "estimate",
    )
    return chart_view(
        charts.pyramid_chart,
        then[["level", "value", "detail"]],
        then[["level", "value", "then_period", "then_source", "then_line", "then_quote"]],
        {
            "title": title,
            "subtitle": sub,
            "so_what": f"The 2006 self-assessment's levels of need: {_levels(then)}."
            if not then.empty
            else "",
            "sources": [source],
            "as_at": str(then["then_period"].iloc[0]) if not then.empty else "",
            "empty_reason": "The 2006 profile of need has not been extracted into the store yet.",
            "alt": f"A pyramid of need, widest level at the bottom: {_levels(then)}.",
        },
        source=source,
    )


NOW_TITLE = "The pyramid of need today: published counts"
NOW_SUBTITLE = (
    "Latest published counts. Not like for like with 2006, whose top level was everyone aged 0-19 and whose "
    "'in need' was the council's estimate; levels with no published count are left out"
)


@register("pyramid_now", "The pyramid's levels that have a published count today")
def pyramid_now(con):
    now = _side(con, "now")
    now["detail"] = [
        f"{r.level}: {fmt_value(r.value, 'count', 0)}<br>{r.now_indicator}, {r.now_period}"
        for r in now.itertuples()
    ]
    periods = unique(now["now_period"])
    return chart_view(
        charts.pyramid_chart,
        now[["level", "value", "detail"]],
        now[["level", "value", "now_indicator", "now_period", "now_source"]],
        {
            "title": NOW_TITLE,
            "subtitle": NOW_SUBTITLE,
            "so_what": f"The latest published counts: {_levels(now)}." if not now.empty else "",
            "sources": unique(now["now_source"]) or [PYRAMID_NOW_SOURCE],
            "as_at": "; ".join(periods),
            "empty_reason": "Published statistics are not in this store (the public data pack was not "
            "found).",
            "alt": "The latest published counts: children aged 0-17, children in need, looked after and on "
            "child protection plans.",
        },
        source=PYRAMID_NOW_SOURCE,
    )
