"""Pyramid views: the 2006 profile of need (pyramid_then) and the same levels with published counts (pyramid_now)."""

from __future__ import annotations

from dashboard.present.format import fmt_value
from dashboard.store.queries import run_sql
from dashboard.views import charts
from dashboard.views.registry import register, unique

PYRAMID_THEN_SOURCE = "APA self-assessment, 31 May 2006 (000_2a4c1fcaad081570.txt)"
PYRAMID_NOW_SOURCE = "DfE children looked after / in need statistics; ONS mid-year estimates"


def _levels(frame) -> str:
    return "; ".join(f"{r.level.lower()} {fmt_value(r.value, 'count', 0)}" for r in frame.itertuples())


@register("pyramid_then", "The 2006 profile of need (pyramid) from the self-assessment")
def pyramid_then(con):
    pyr = run_sql(con, "pyramid_of_need")
    then = pyr.dropna(subset=["then_value"]).rename(columns={"then_value": "value"})
    then["detail"] = [
        f"{r.level}: {fmt_value(r.value, 'count', 0)}<br>{r.then_period}<br>{r.then_source}, "
        f"line {int(r.then_line)}"
        for r in then.itertuples()
    ]
    docs = unique(sorted(set(then["then_source"].dropna())))
    source = f"APA self-assessment, 31 May 2006 ({', '.join(docs)})" if docs else PYRAMID_THEN_SOURCE
    title, sub = (
        "Profile of need, 2006",
        "Herefordshire, as stated in the 2006 self-assessment (as at 31 May 2006)",
    )
    fig = charts.pyramid_chart(then[["level", "value", "detail"]], title=title, subtitle=sub, source=source)
    table = then[["level", "value", "then_period", "then_source", "then_line", "then_quote"]]
    return (
        fig,
        table,
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
    )


@register("pyramid_now", "The same levels of need with the latest published counts")
def pyramid_now(con):
    pyr = run_sql(con, "pyramid_of_need")
    now = pyr.dropna(subset=["now_value"]).rename(columns={"now_value": "value"})
    now["detail"] = [
        f"{r.level}: {fmt_value(r.value, 'count', 0)}<br>{r.now_indicator}, {r.now_period}"
        for r in now.itertuples()
    ]
    sub = "Latest published counts (levels with no published equivalent are left out)"
    fig = charts.pyramid_chart(
        now[["level", "value", "detail"]],
        title="The same levels today",
        subtitle=sub,
        source=PYRAMID_NOW_SOURCE,
    )
    table = now[["level", "value", "now_indicator", "now_period", "now_source"]]
    periods = unique(now["now_period"])
    return (
        fig,
        table,
        {
            "title": "The same levels today",
            "subtitle": sub,
            "so_what": f"The latest published counts: {_levels(now)}." if not now.empty else "",
            "sources": unique(now["now_source"]) or [PYRAMID_NOW_SOURCE],
            "as_at": "; ".join(periods),
            "empty_reason": "Published statistics are not in this store (the public data pack was not found).",
            "alt": "The same levels with the latest published counts: children aged 0-17, in need, "
            "looked after and on child protection plans.",
        },
    )
