"""Trend views: one indicator over time (indicator_trend) and a headline rate with its count (headline)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import series, trends
from dashboard.present.format import as_at, fmt_value
from dashboard.store.queries import run_sql
from dashboard.views import benchmark, charts, history
from dashboard.views.registry import chart_view, decimals, disclose, indicator, latest_here, register, unique

DEFAULT_COMPARE = ("england", "west_midlands", "neighbours")


def latest_sentence(table: pd.DataFrame, unit: str, dec: int | None, label: str = "") -> str:
    """'Herefordshire: 75.1 per 10,000 as at 31 March 2025; England 70.0 per 10,000, West Midlands ...' from
    the latest Herefordshire figure of a trend table and the comparators' figures for the same date."""
    have = table[table["value"].notna()] if not table.empty else table
    here = have[have["series"] == "Herefordshire"] if not have.empty else have
    if here.empty:
        return ""
    last = here.sort_values("period_end").iloc[-1]
    when = as_at(last["period"], last["period_end"])
    text = f"{label or 'Herefordshire'}: {fmt_value(last['value'], unit, dec, last.get('status'))} ({when})"
    same = have[(have["series"] != "Herefordshire") & (have["period_end"] == last["period_end"])]
    others = [
        f"{r.series} {fmt_value(r.value, unit, dec)}" for r in same.drop_duplicates("series").itertuples()
    ]
    return text + ("; " + ", ".join(others) if others else "") + "."


def trend_view(
    table: pd.DataFrame, meta: dict, *, source: str, unit: str, y_title: str | None = None
) -> tuple[go.Figure, pd.DataFrame, dict]:
    """A trend view's (figure, table, meta): the trend chart of `table` under the title, subtitle and decimals
    of `meta`."""
    return chart_view(
        charts.trend_chart,
        table,
        table,
        meta,
        source=source,
        unit=unit,
        decimals=meta["decimals"],
        y_title=y_title,
    )


@register(
    "indicator_trend",
    "Any indicator over time for Herefordshire with England, West Midlands and statistical neighbours",
)
def indicator_trend(
    con,
    indicator_id: str,
    from_year: int = 2005,
    compare: list | tuple = DEFAULT_COMPARE,
    title: str | None = None,
):
    info = indicator(con, indicator_id)
    compare = list(compare or [])
    rows = run_sql(con, "trend_series", indicator_id=indicator_id, from_year=int(from_year))
    sn = run_sql(con, "comparator_series", indicator_id=indicator_id)
    sn = sn[pd.to_datetime(sn["period_end"]).dt.year >= int(from_year)]  # the same years as trend_series
    unit = info["unit"]
    table = disclose(series.trend_table(rows, compare, sn, unit=unit))
    title = title or info["name"]
    sub = series.subtitle(table, compare, unit)
    trend = trends.series_trend(table, info)
    who = "" if series.is_count(unit) else " and the chosen comparators"
    fig, table, meta = trend_view(
        table,
        {
            "title": title,
            "subtitle": sub,
            "so_what": latest_sentence(table, unit, decimals(info)),
            "trend": trend.words("Herefordshire's trend"),
            "sources": unique(table["source_document"]) if not table.empty else [],
            "as_at": latest_here(table),
            "unit": unit,
            "decimals": decimals(info),
            "caveat": info["caveat"] if isinstance(info["caveat"], str) else "",
            "empty_reason": f"No figures for {info['name']} from {from_year} in the store. Try an earlier "
            "'From year' in the sidebar.",
            "alt": f"{info['name']} over time for Herefordshire{who}; figures from the council's papers are "
            "drawn as stars, targets as open circles.",
        },
        source=series.source_line(table),
        unit=unit,
    )
    benchmark.trend_note(fig, trend)
    return fig, table, meta


def _headline_table(h: pd.DataFrame) -> pd.DataFrame:
    cols = ["period", "period_end", "source_kind", "source_document", "source_line", "source_quote", "note"]
    here = h.assign(series="Herefordshire", value=h["rate"], status=h["rate_status"], value_type="actual")
    frames = [here]
    pub = h[h["source_kind"] == "publication"]
    for col, name in (("england", "England"), ("west_midlands", "West Midlands")):
        c = pub[pub[col].notna()]
        if not c.empty:
            frames.append(
                c[cols].assign(series=name, value=c[col], status=None, value_type="actual", source_line=None)
            )
    table = pd.concat(frames, ignore_index=True) if len(frames) > 1 else here
    keep = [
        "series",
        "period",
        "period_end",
        "value",
        "status",
        "count",
        "numerator",
        "denominator",
        "value_type",
        "source_kind",
        "source_document",
        "source_line",
        "source_quote",
        "note",
    ]
    return table[[c for c in keep if c in table]].sort_values(["period_end", "series"]).reset_index(drop=True)


@register("headline", "A headline rate (and its count) over time with England and West Midlands")
def headline(con, rate_id: str, count_id: str, label: str | None = None):
    info = indicator(con, rate_id)
    table = disclose(_headline_table(run_sql(con, "headline_series", rate_id=rate_id, count_id=count_id)))
    unit = info["unit"]
    title = label or info["name"]
    sub = (
        f"Herefordshire, latest {latest_here(table)}; compared with England and the West Midlands"
        if not table.empty
        else "No Herefordshire figure yet"
    )
    return trend_view(
        table,
        {
            "title": title,
            "subtitle": sub,
            "so_what": latest_sentence(table, unit, decimals(info)),
            "unit": unit,
            "decimals": decimals(info),
            "sources": unique(table["source_document"]) if not table.empty else [],
            "as_at": latest_here(table),
            "alt": f"{title} ({unit}) over time for Herefordshire, England and the West Midlands.",
        },
        source=series.source_line(table),
        unit=unit,
    )


# Benchmarking views whose renderers live in their own modules (dashboard.views.benchmark and .history).
register(
    "benchmark_distribution", "Every council's value in one year, Herefordshire and its named neighbours"
)(benchmark.distribution)
register("lac_history", "Children looked after 2006-2025: counts, and rates with comparators")(
    history.lac_history
)
