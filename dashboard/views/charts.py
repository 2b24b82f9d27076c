"""Figure builders: plain functions from DataFrames to Plotly figures (no Streamlit), tested on fig.to_dict().

Every figure carries a title, a subtitle (as-at date and comparator) and a source line; hover shows value,
period, source and, for figures from the council's papers, the quote.
"""

from __future__ import annotations

import math
from html import escape

import pandas as pd
import plotly.graph_objects as go

from dashboard.present import theme
from dashboard.present.format import fmt_value
from dashboard.present.sources import cite
from dashboard.store.memo import memoize
from dashboard.views.cards import figure_card
from dashboard.views.layout import paper_note, set_height, titled, wrap  # noqa: F401  (re-exported for the views)

theme.register()


def figure_from_dict(d: dict) -> go.Figure:
    """A Figure from a dict made by a (validated) figure's to_dict(): skips Plotly's re-validation, which
    costs far more than building the figure did. Falls back to a validated build if Plotly refuses."""
    try:
        return go.Figure(d, _validate=False)
    except TypeError:  # a Plotly without the private switch
        return go.Figure(d)


def _cached_figure(fn=None, *, maxsize: int = 512):
    """Memoise a figure builder by the content of its inputs; each caller gets its own Figure.
    Use as @_cached_figure or @_cached_figure(maxsize=n) (smaller for big figures such as maps)."""
    deco = memoize(maxsize=maxsize, freeze=lambda fig: fig.to_dict(), thaw=figure_from_dict)
    return deco(fn) if fn is not None else deco


def _hover(row, unit: str, decimals: int | None) -> str:
    """Hover text of one point; row is a record (dict) or a Series of trend_chart's columns."""
    parts = [
        f"<b>{escape(str(row.get('series', '')))}</b>",
        f"{escape(str(row.get('period', '')))}: "
        f"{fmt_value(row.get('value'), unit, decimals, row.get('status'))}",
    ]
    if pd.notna(row.get("lower")) and pd.notna(row.get("upper")):
        parts.append(
            f"95% interval {fmt_value(row['lower'], unit, decimals)} to "
            f"{fmt_value(row['upper'], unit, decimals)}"
        )
    if row.get("value_type") not in (None, "actual") and isinstance(row.get("value_type"), str):
        parts.append(f"({row['value_type']})")
    src = cite(row.get("source_document"), row.get("source_line"))
    if src:
        parts.append(f"Source: {escape(src)}")
    quote = row.get("source_quote")
    if isinstance(quote, str) and quote and row.get("source_kind") == "seed document":
        parts.append("“" + wrap(quote[:220], 60) + "”")
    note = row.get("note")
    if isinstance(note, str) and note:
        parts.append("Note: " + wrap(note[:200], 60))
    return "<br>".join(parts)


def _hovers(df: pd.DataFrame, unit: str, decimals: int | None) -> list[str]:
    return [_hover(r, unit, decimals) for r in df.to_dict("records")]


DATE_TICKS = [  # never time-of-day ticks: days, months or years depending on the tick spacing
    dict(dtickrange=[None, "M1"], value="%-d %b %Y"),
    dict(dtickrange=["M1", "M6"], value="%b %Y"),  # (ranges include both ends: a yearly tick is "%Y")
    dict(dtickrange=["M12", None], value="%Y"),
]
FEW_DATES = 4  # up to this many dates: one category per date, evenly spaced and labelled


def date_labels(dates) -> dict:
    """Each date's axis label: 'Mar 2006', or '31 Mar 2006' when two dates share a month."""
    ts = [pd.Timestamp(d) for d in dates]
    short = [f"{t:%b %Y}" for t in ts]
    if len(set(short)) < len(short):
        short = [f"{t.day} {t:%b %Y}" for t in ts]
    return dict(zip(ts, short))


def _error_bars(pub: pd.DataFrame, color: str) -> dict | None:
    """Confidence-interval bars from the lower and upper columns (None when the table has none)."""
    if not ({"lower", "upper"} <= set(pub.columns) and pub["lower"].notna().any()):
        return None
    return dict(
        type="data",
        symmetric=False,
        array=(pub["upper"] - pub["value"]).tolist(),
        arrayminus=(pub["value"] - pub["lower"]).tolist(),
        thickness=1,
        width=3,
        color=color,
    )


@_cached_figure
def trend_chart(
    df: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    unit: str,
    decimals: int | None = None,
    y_title: str | None = None,
) -> go.Figure:
    """Lines per series over real as-at dates.

    df: series, period, period_end, value, [status, lower, upper, source_kind, source_document, source_line,
    source_quote, note, value_type]. Points from the council's papers (source_kind 'seed document') are drawn
    as stars in their own trace so the source type is visible; targets as hollow markers.
    """
    fig = go.Figure()
    if df.empty:
        return titled(fig, title, subtitle, source)
    df = df.copy()
    df["period_end"] = pd.to_datetime(df["period_end"])
    df = df.sort_values("period_end")
    dates = sorted(df.loc[df["value"].notna(), "period_end"].unique())
    if len(dates) == 1:
        one = df[df["period_end"] == dates[0]]
        return figure_card(one, title=title, subtitle=subtitle, source=source, unit=unit, decimals=decimals)
    labels = date_labels(dates) if len(dates) <= FEW_DATES else None
    df["x"] = df["period_end"].map(labels) if labels else df["period_end"]
    if "source_kind" not in df:
        df["source_kind"] = "publication"
    if "value_type" not in df:
        df["value_type"] = "actual"
    order = [s for s in theme.AREA_STYLE if s in set(df["series"])] + sorted(
        set(df["series"]) - set(theme.AREA_STYLE)
    )

    def points(part: pd.DataFrame, **props) -> None:
        hover = _hovers(part, unit, decimals)
        fig.add_trace(go.Scatter(x=part["x"], y=part["value"], hovertext=hover, hoverinfo="text", **props))

    for i, name in enumerate(order):
        sub = df[df["series"] == name]
        style = theme.AREA_STYLE.get(
            name,
            dict(color=theme.PALETTE[(i + 1) % len(theme.PALETTE)], symbol="circle-open", dash="longdash"),
        )
        pub = sub[(sub["source_kind"] != "seed document") & (sub["value_type"] == "actual")]
        seed = sub[(sub["source_kind"] == "seed document") & (sub["value_type"] == "actual")]
        targets = sub[sub["value_type"] != "actual"]
        if not pub.empty:
            points(
                pub,
                name=f"{name} (published statistics)" if not seed.empty else name,
                mode="lines+markers",
                line=dict(color=style["color"], dash=style["dash"], width=2.5),
                marker=dict(symbol=style["symbol"], size=8, color=style["color"]),
                error_y=_error_bars(pub, style["color"]),
                connectgaps=False,
            )
        if not seed.empty:
            colour = style["color"] if name != "Herefordshire" else theme.DARK_PINK
            points(
                seed,
                name=f"{name} (council papers)",
                mode="markers",
                marker=dict(theme.SEED_MARKER, color=colour),
            )
        if not targets.empty:
            points(
                targets,
                name=f"{name} (target / baseline)",
                mode="markers",
                marker=dict(symbol="circle-open", size=12, color=style["color"], line=dict(width=2)),
            )
    xaxis = (
        dict(type="category", categoryorder="array", categoryarray=list(labels.values()))
        if labels
        else dict(type="date", tickformatstops=DATE_TICKS)
    )
    fig.update_layout(
        yaxis=dict(title=wrap(y_title or unit, 24), rangemode="normal"),
        xaxis=dict(title="As at", **xaxis),
        hovermode="closest",
    )
    return titled(fig, title, subtitle, source)


@_cached_figure
def gap_chart(
    df: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    unit: str = "percentage points",
    decimals: int | None = 1,
) -> go.Figure:
    """Gap between a group and its peers over time, one line per area. df: series, period, period_end, gap."""
    d = df.rename(columns={"gap": "value"})
    fig = trend_chart(
        d,
        title=title,
        subtitle=subtitle,
        source=source,
        unit=unit,
        decimals=decimals,
        y_title=f"Gap ({unit})",
    )
    fig.add_hline(y=0, line=dict(color=theme.GREY, width=1))
    return fig


@_cached_figure
def bar_chart(
    df: pd.DataFrame,
    *,
    x: str,
    y: str = "value",
    title: str,
    subtitle: str,
    source: str,
    unit: str,
    decimals: int | None = None,
    color: str | None = None,
    horizontal: bool = False,
    text: bool = True,
) -> go.Figure:
    fig = go.Figure()
    groups = [(None, df)] if not color else list(df.groupby(color, sort=False))
    for i, (name, sub) in enumerate(groups):
        labels = [
            fmt_value(v, unit, decimals, s) for v, s in zip(sub[y], sub.get("status", [None] * len(sub)))
        ]
        kw = dict(x=sub[y], y=sub[x], orientation="h") if horizontal else dict(x=sub[x], y=sub[y])
        fig.add_trace(
            go.Bar(
                **kw,
                name=str(name) if name is not None else y,
                text=labels if text else None,
                textposition="auto",
                marker=dict(
                    color=theme.PALETTE[i % len(theme.PALETTE)],
                    pattern=dict(shape=["", "/", ".", "x", "-", "+"][i % 6]),
                ),
                hovertemplate="%{x}: %{y}<extra></extra>" if not horizontal else "%{y}: %{x}<extra></extra>",
            )
        )
    fig.update_layout(barmode="group", showlegend=bool(color))
    if horizontal:
        fig.update_layout(yaxis=dict(autorange="reversed", title=""), xaxis=dict(title=unit))
    else:
        fig.update_layout(yaxis=dict(title=unit), xaxis=dict(title=""))
    return titled(fig, title, subtitle, source)


@_cached_figure
def pyramid_chart(levels: pd.DataFrame, *, title: str, subtitle: str, source: str) -> go.Figure:
    """The pyramid of need: widest level at the bottom. levels: level, value, [detail]. Bar widths on a
    square-root scale so the top levels stay visible; the label gives the real number."""
    fig = go.Figure()
    if levels.empty:
        return titled(fig, title, subtitle, source)
    d = levels.iloc[::-1].reset_index(drop=True)  # widest (all children) at the bottom
    widths = [math.sqrt(v) if pd.notna(v) and v > 0 else 0 for v in d["value"]]
    maxw = max(widths) or 1
    colours = [theme.PALETTE[i % len(theme.PALETTE)] for i in range(len(d))][::-1]
    for i, r in d.iterrows():
        half = widths[i] / maxw / 2
        fig.add_trace(
            go.Bar(
                x=[half * 2],
                base=[-half],
                y=[r["level"]],
                orientation="h",
                showlegend=False,
                marker=dict(color=colours[i]),
                text=[  # beside a narrow bar the words wrap, so they stay inside a phone's chart
                    wrap(f"{r['level']}: {fmt_value(r['value'], 'count', 0)}", 20)
                    if half < 0.12
                    else f"{r['level']}: {fmt_value(r['value'], 'count', 0)}"
                ],
                textposition="outside" if half < 0.12 else "inside",
                insidetextanchor="middle",
                hovertext=r.get("detail", r["level"]),
                hoverinfo="text",
            )
        )
    fig.update_layout(
        xaxis=dict(visible=False, range=[-0.75, 0.75]),
        yaxis=dict(visible=False),
        bargap=0.08,
        margin=dict(l=10, r=10),
    )
    return titled(fig, title, subtitle, source)
