"""A figure card: one number shown as a number, with whose and when it is and its comparators, instead of a
chart with a degenerate axis (a trend with a single date)."""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go

from dashboard.present import theme
from dashboard.present.format import as_at, fmt_value
from dashboard.views.layout import SUBTITLE_WRAP, paper_note, titled, wrap


def _card_number(value, unit: str, decimals: int | None, status) -> dict:
    """go.Indicator number settings that print the value as fmt_value does ('75.1 per 10,000', '62%')."""
    text = fmt_value(value, unit, decimals, status)
    d = int(decimals) if decimals is not None else (0 if float(value).is_integer() else 1)
    base = f"{float(value):,.{d}f}"
    prefix, _, suffix = text.partition(base)
    return dict(
        valueformat=f",.{d}f", prefix=prefix, suffix=suffix, font=dict(size=54, color=theme.DARK_BLUE)
    )


def figure_card(
    df: pd.DataFrame, *, title: str, subtitle: str, source: str, unit: str, decimals: int | None = None
) -> go.Figure:
    """One figure as a card, not a chart with a degenerate axis: the number, whose and when it is, and the
    comparators published for the same date (or that none is). df: the rows of one date (trend_chart's)."""
    have = df[df["value"].notna()]
    names = list(have["series"])
    main = "Herefordshire" if "Herefordshire" in names else names[0]
    row = have[have["series"] == main].iloc[0]
    when = as_at(row.get("period"), row.get("period_end"))
    kind = " (council papers)" if row.get("source_kind") == "seed document" else ""
    fig = go.Figure(
        go.Indicator(
            mode="number",
            value=float(row["value"]),
            number=_card_number(row["value"], unit, decimals, row.get("status")),
            title=dict(
                text=f"{escape(main)}{kind}<br><span style='font-size:14px'>{escape(when)}</span>",
                font=dict(size=16),
            ),
            domain=dict(x=[0, 1], y=[0.25, 1]),
        )
    )
    others = [
        f"{escape(str(r.series))}: {fmt_value(r.value, unit, decimals, getattr(r, 'status', None))}"
        for r in have[have["series"] != main].itertuples()
    ]
    compare = ("Same date: " + "; ".join(others)) if others else "No comparator is published for this date"
    where = dict(x=0.5, y=0.12, xanchor="center", yanchor="middle", name="comparator")
    paper_note(fig, wrap(compare, SUBTITLE_WRAP), dict(size=14, color="#0B0C0C"), **where)
    fig.update_layout(xaxis=dict(visible=False), yaxis=dict(visible=False), height=320)
    return titled(fig, title, subtitle, source)
