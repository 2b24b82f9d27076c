"""Children looked after in Herefordshire from the 2006 papers to 2025 in one chart: counts (top) and rates
per
10,000 with England, the West Midlands and the neighbours' mean for the same years (bottom). The notes that
say where definitions differ are worded from the chart's own table. No Streamlit here."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.present import theme
from dashboard.present.format import fmt_value
from dashboard.store.queries import run_sql
from dashboard.views import charts

TITLE = "Children looked after in Herefordshire, 2006 to today"
RATE_UNIT = "rate per 10,000 children aged 0-17"
STYLE = {
    "Herefordshire": dict(color=theme.DARK_BLUE, dash="solid", width=3),
    "England": dict(color=theme.GREY, dash="dash", width=2),
    "West Midlands": dict(color=theme.TURQUOISE, dash="dot", width=2),
    "Statistical neighbours (mean)": dict(color=theme.ORANGE, dash="dashdot", width=2),
}


def history_table(con) -> pd.DataFrame:
    """queries/lac_history.sql, with a 'not published' row for each 31 March missing inside a rate series,
    so the lines break there instead of bridging the years."""
    t = run_sql(con, "lac_history")
    pub = t[(t["panel"] == "rate") & (t["source_kind"] == "publication")]
    if pub.empty:
        return t
    years = range(int(pub["period_end"].dt.year.min()), int(pub["period_end"].dt.year.max()) + 1)
    gaps = []
    for series, g in pub.groupby("series"):
        have = set(g["period_end"].dt.year)
        for y in years:
            if y not in have and y > min(have):
                gaps.append(
                    dict(
                        panel="rate",
                        series=series,
                        period=str(y),
                        period_end=pd.Timestamp(y, 3, 31),
                        value=float("nan"),
                        source_kind="publication",
                        note="no rate: the public pack has no population estimate for the year before",
                    )
                )
    out = pd.concat([t, pd.DataFrame(gaps)], ignore_index=True) if gaps else t
    return out.sort_values(["panel", "series", "period_end"]).reset_index(drop=True)


def notes(table: pd.DataFrame) -> list[str]:
    """Where the figures on the chart use different definitions, in words, with the chart's own numbers."""
    out = []
    papers = table[(table["panel"] == "count") & (table["source_kind"] != "publication")]
    for r in papers.itertuples():
        out.append(
            f"Star, {r.period}: {fmt_value(r.value, 'count', 0)} from {r.source_document} — the "
            "council's own "
            "figure, not DfE's 31 March count."
        )
    rates = table[(table["panel"] == "rate") & (table["source_kind"] != "publication")]
    for r in rates.itertuples():
        out.append(f"Star, {r.period}: {fmt_value(r.value, RATE_UNIT, 1)} from {r.source_document}.")
    computed = table[
        (table["panel"] == "rate") & table["note"].fillna("").str.contains("computed by the project")
    ]
    if not computed.empty:
        yrs = ", ".join(computed.loc[computed["series"] == "Herefordshire", "period"].astype(str))
        out.append(
            f"Rates for {yrs} are computed by the project from DfE's counts (2010 with the file's own "
            "mid-2009 "
            "population; later years with ONS's current mid-year estimate of the year before), so "
            "they can differ "
            "slightly from the rates DfE published then."
        )
    missing = table[(table["panel"] == "rate") & table["value"].isna() & (table["series"] == "Herefordshire")]
    if not missing.empty:
        out.append(f"No rate for {', '.join(missing['period'])}: no population estimate for the year before.")
    revised = table[
        (table["panel"] == "count") & table["note"].fillna("").str.contains("SFR file of the time")
    ]
    for r in revised.itertuples():
        out.append(
            f"{r.period}: LAIT gives {fmt_value(r.value, 'count', 0)}; {r.note} (counts are revised later)."
        )
    return out


def _trace(fig, g: pd.DataFrame, series: str, row: int, unit: str) -> None:
    dec = 0 if unit == "count" else 1
    hover = [
        f"{series}, {p}: {fmt_value(v, unit, dec)}" + (f"<br>{d}" if isinstance(d, str) and d else "")
        for p, v, d in zip(g["period"], g["value"], g["source_document"], strict=True)
    ]
    if series == "Council papers":
        props = dict(
            mode="markers", name="The council's papers", marker=theme.SEED_MARKER, showlegend=row == 1
        )
    else:
        st = STYLE.get(series, dict(color=theme.PURPLE, dash="solid", width=2))
        props = dict(
            mode="lines+markers",
            name=series,
            connectgaps=False,
            line=dict(color=st["color"], dash=st["dash"], width=st["width"]),
            marker=dict(size=6),
            showlegend=row == 2,
        )
    trace = go.Scatter(
        x=g["period_end"], y=g["value"], hovertext=hover, hoverinfo="text", legendgroup=series, **props
    )
    fig.add_trace(trace, row=row, col=1)


def figure(table: pd.DataFrame) -> go.Figure:
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.1,
        subplot_titles=("Number looked after at 31 March", "Rate per 10,000 children aged 0-17"),
    )
    for (panel, series), g in table.groupby(["panel", "series"], sort=False):
        row = 1 if panel == "count" else 2
        _trace(fig, g.sort_values("period_end"), series, row, "count" if row == 1 else RATE_UNIT)
    fig.update_layout(
        height=760,
        margin=dict(t=140, b=220),
        legend=dict(orientation="h", yanchor="top", y=-0.08, x=0),
        hovermode="closest",
    )
    fig.update_yaxes(rangemode="tozero")
    here = table[(table["panel"] == "count") & (table["series"] == "Herefordshire") & table["value"].notna()]
    sub = (
        "counts from the council's papers (stars) and DfE (line); rates with England, the West Midlands "
        "and neighbours"
    )
    if not here.empty:
        last = here.sort_values("period_end").iloc[-1]
        sub = f"{fmt_value(last['value'], 'count', 0)} children at 31 March {last['period']}; " + sub
    else:
        sub = sub[0].upper() + sub[1:]
    return charts.titled(
        fig,
        TITLE,
        sub,
        "DfE SFR underlying data 2010-2017; DfE LAIT and CLA statistics 2016-2025; "
        "the council's papers (stars)",
    )


def lac_history(con):
    """Children looked after 2006-2025 in one chart, with the definitions that differ said in words."""
    table = history_table(con)
    fig = figure(table)
    meta = fig.layout.meta or {}
    return (
        fig,
        table,
        {
            "title": TITLE,
            "subtitle": meta.get("subtitle", ""),
            "unit": "count; " + RATE_UNIT,
            "sources": [s for s in table["source_document"].dropna().unique().tolist()],
            "notes": notes(table),
            "alt": "Children looked after in Herefordshire: the number at 31 March from 2010 with the "
            "council's 2006 and 2015 figures as stars, and the rate per 10,000 with England, the West "
            "Midlands and neighbours.",
        },
    )
