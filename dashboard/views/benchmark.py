"""Benchmark views: every council's value of one indicator in one year (a strip of dots), with Herefordshire,
its statistical neighbours by name (list version), the West Midlands and England; and words computed from the
same table (rank and band LAIT's way, position for demand measures, significance from the intervals).

Renderers take (con, **params) and return (figure, table, meta); dashboard.views.registry registers them.
No Streamlit here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import ranks, stats
from dashboard.present import theme
from dashboard.present.format import as_at, fmt_value
from dashboard.store.queries import run_sql
from dashboard.views import charts

SOURCE = "DfE Local Authority Interactive Tool (LAIT): key measures for every English local authority"
POLARITY_OF_STORE = {"high is good": "High", "low is good": "Low"}
TABLE_COLS = [
    "role",
    "area_name",
    "area_code",
    "period_label",
    "period_end",
    "value",
    "lower",
    "upper",
    "interval_method",
    "status",
    "rank",
    "n_ranked",
    "band",
    "n_lower",
    "n_higher",
    "n_valued",
    "sn_model",
    "sn_rank",
    "region",
    "polarity",
]


class NoBenchmark(ValueError):
    """The indicator has no all-council figures (it is not one of LAIT's key measures)."""


def years(con, indicator_id: str) -> list[str]:
    """Period labels with every council's value, latest first."""
    return run_sql(con, "benchmark_years", indicator_id=indicator_id)["period_label"].tolist()


def distribution_table(con, indicator_id: str, period: str | None = None) -> pd.DataFrame:
    """Rows of queries/benchmark_distribution.sql for the year asked for (default: the latest)."""
    ys = years(con, indicator_id)
    if not ys:
        raise NoBenchmark(f"{indicator_id} has no all-council figures in the store")
    period = period if period in ys else ys[0]
    t = run_sql(con, "benchmark_distribution", indicator_id=indicator_id, period_label=period)
    return t.assign(period_label=period)


def period_words(label: str, end, period_type: str | None) -> str:
    """'academic year 2024/25', 'financial year 2024-25', 'calendar year 2024' or 'as at 31 March 2025'."""
    pt = (period_type or "").lower()
    if str(label).isdigit() and len(str(label)) == 4:
        y = int(label)
        if "academic" in pt:
            return f"academic year {y - 1}/{str(y)[2:]}"
        if "financial" in pt:
            return f"financial year {y - 1}-{str(y)[2:]}"
        if "calendar" in pt:
            return f"calendar year {y}"
    return as_at(label, end)


def _row(table: pd.DataFrame, role: str) -> pd.Series | None:
    r = table[table["role"] == role]
    return None if r.empty else r.iloc[0]


def standing(table: pd.DataFrame) -> str:
    """Herefordshire's rank and band (High/Low measures) or position (others), from the table's own row."""
    here = _row(table, "Herefordshire")
    if here is None or pd.isna(here["value"]):
        return "Herefordshire has no figure for this year"
    text = ranks.standing_text(here, here["polarity"])
    return text or "not ranked"


def neighbours_text(table: pd.DataFrame) -> str:
    """'10 statistical neighbours (April 2021 list), 9 with a figure'."""
    sn = table[table["role"] == "Statistical neighbour"]
    if sn.empty:
        return "no statistical neighbours in force for this year"
    model = sn["sn_model"].dropna().iloc[0]
    return f"{len(sn)} statistical neighbours ({model} list), {int(sn['value'].notna().sum())} with a figure"


def versus_england(table: pd.DataFrame, polarity: str | None) -> str:
    """Herefordshire against England from the 95% intervals; polarity decides better/worse, demand measures
    only get higher/similar/lower; '' when either interval is missing."""
    here, eng = _row(table, "Herefordshire"), _row(table, "England")
    if here is None or eng is None or pd.isna(here["lower"]) or pd.isna(eng["lower"]):
        return ""
    sig = stats.compare((here["lower"], here["upper"]), (eng["lower"], eng["upper"]))
    return stats.verdict_words(sig, polarity)


def neighbour_table(table: pd.DataFrame, unit: str, decimals: int | None) -> pd.DataFrame:
    """Herefordshire, each neighbour by name, the West Midlands and England: value, interval, rank and
    band."""
    keep = table[table["role"].isin(["Herefordshire", "Statistical neighbour", "West Midlands", "England"])]

    def interval(r) -> str:
        if pd.isna(r["lower"]):
            return "no interval (counts not in the store)"
        lo, hi = fmt_value(r["lower"], unit, decimals), fmt_value(r["upper"], unit, decimals)
        return f"{lo} to {hi} ({r['interval_method']})"

    return pd.DataFrame(
        {
            "Area": keep["area_name"],
            "Role": [
                f"neighbour {int(r.sn_rank)} ({r.sn_model} list)"
                if r.role == "Statistical neighbour"
                else r.role
                for r in keep.itertuples()
            ],
            "Value": [fmt_value(v, unit, decimals, s) for v, s in zip(keep["value"], keep["status"])],
            "95% interval": [interval(r) for _, r in keep.iterrows()],
            "Rank among councils": [
                ranks.rank_text(r["rank"], r["n_ranked"], r["band"], r["polarity"]) or "–"
                for _, r in keep.iterrows()
            ],
        }
    ).reset_index(drop=True)


def _jitter(n: int) -> np.ndarray:
    """Deterministic spread of n dots over a row (the same picture on every render)."""
    return (((np.arange(n) * 0.618034) % 1.0) - 0.5) * 0.6


def _strip(fig: go.Figure, table: pd.DataFrame, unit: str, decimals: int | None) -> None:
    las = table[table["geographic_level"].eq("la") & table["value"].notna()]
    hover = [
        f"{a}: {fmt_value(v, unit, decimals)}<br>{ranks.rank_text(r, n, b, p) or ''}"
        for a, v, r, n, b, p in zip(
            las.area_name, las.value, las["rank"], las.n_ranked, las.band, las.polarity
        )
    ]
    fig.add_trace(
        go.Scatter(
            x=las["value"],
            y=_jitter(len(las)),
            mode="markers",
            name=f"All councils ({len(las)})",
            marker=dict(size=7, color=theme.LIGHT_GREY, line=dict(width=0.5, color="white")),
            hovertext=hover,
            hoverinfo="text",
        )
    )


def _rows(fig: go.Figure, table: pd.DataFrame, unit: str, decimals: int | None) -> list[str]:
    """Herefordshire and each neighbour on its own named row (value and interval); returns the row labels."""
    named = table[table["role"].isin(["Herefordshire", "Statistical neighbour"])].reset_index(drop=True)
    labels, shown = [], set()
    for i, r in named.iterrows():
        here = r["role"] == "Herefordshire"
        y = i + 1.2
        labels.append(r["area_name"])
        err = None
        if pd.notna(r["lower"]):
            err = dict(
                type="data",
                symmetric=False,
                array=[r["upper"] - r["value"]],
                arrayminus=[r["value"] - r["lower"]],
            )
        fig.add_trace(
            go.Scatter(
                x=[r["value"]],
                y=[y],
                mode="markers",
                name="Herefordshire" if here else f"Statistical neighbours ({r['sn_model']} list)",
                legendgroup=r["role"],
                showlegend=r["role"] not in shown,
                marker=dict(
                    size=13 if here else 10,
                    color=theme.RED if here else theme.DARK_BLUE,
                    symbol="diamond" if here else "circle",
                ),
                error_x=err,
                hovertext=f"{r['area_name']}: {fmt_value(r['value'], unit, decimals, r['status'])}",
                hoverinfo="text",
            )
        )
        shown.add(r["role"])
        if here and pd.notna(r["value"]):
            fig.add_trace(
                go.Scatter(
                    x=[r["value"]],
                    y=[0],
                    mode="markers",
                    showlegend=False,
                    legendgroup=r["role"],
                    marker=dict(
                        size=13, color=theme.RED, symbol="diamond", line=dict(width=1, color="white")
                    ),
                    hovertext=f"Herefordshire: {fmt_value(r['value'], unit, decimals)}",
                    hoverinfo="text",
                )
            )
    return labels


def _lines(fig: go.Figure, table: pd.DataFrame, unit: str, decimals: int | None) -> None:
    for role, dash, pos in (("England", "dash", "top"), ("West Midlands", "dot", "bottom")):
        r = _row(table, role)
        if r is not None and pd.notna(r["value"]):
            fig.add_vline(
                x=r["value"],
                line=dict(color=theme.GREY, dash=dash, width=1.5),
                annotation_text=f"{role} {fmt_value(r['value'], unit, decimals)}",
                annotation_position=pos,
                annotation_font=dict(size=11, color=theme.GREY),
            )


def distribution_figure(
    table: pd.DataFrame, *, title: str, subtitle: str, unit: str, decimals: int | None
) -> go.Figure:
    fig = go.Figure()
    _strip(fig, table, unit, decimals)
    labels = _rows(fig, table, unit, decimals)
    _lines(fig, table, unit, decimals)
    n_all = int((table["geographic_level"].eq("la") & table["value"].notna()).sum())
    ticks = [0] + [i + 1.2 for i in range(len(labels))]
    fig.update_yaxes(
        tickvals=ticks,
        ticktext=[f"All {n_all} councils"] + labels,
        autorange="reversed",
        showgrid=False,
        zeroline=False,
    )
    fig.update_xaxes(title_text=unit)
    fig.update_layout(
        height=300 + 28 * len(labels),
        margin=dict(l=10, r=20, t=110, b=170),
        legend=dict(orientation="h", yanchor="top", y=-0.18, x=0),
        hovermode="closest",
    )
    return charts.titled(fig, title, subtitle, SOURCE)


def distribution(con, indicator_id: str, period: str | None = None):
    """Every council's value of one indicator in one year, Herefordshire and its neighbours named."""
    info = run_sql(con, "indicator_info", indicator_id=indicator_id)
    if info.empty:
        raise NoBenchmark(f"unknown indicator {indicator_id!r}")
    info = info.iloc[0]
    table = distribution_table(con, indicator_id, period)
    dec = None if pd.isna(info["decimals"]) else int(info["decimals"])
    when = period_words(table["period_label"].iloc[0], table["period_end"].iloc[0], info["period_type"])
    sub = f"{when}: Herefordshire {standing(table)}; {neighbours_text(table)}"
    title = f"{info['name']}: every council"
    fig = distribution_figure(table, title=title, subtitle=sub, unit=info["unit"], decimals=dec)
    out = table[[c for c in TABLE_COLS if c in table]].assign(indicator_id=indicator_id, unit=info["unit"])
    return (
        fig,
        out,
        {
            "title": title,
            "subtitle": sub,
            "unit": info["unit"],
            "sources": [SOURCE],
            "as_at": when,
            "alt": f"{info['name']} {when} for every English council as dots, with Herefordshire, its "
            "statistical "
            "neighbours by name, the West Midlands and England marked.",
        },
    )


def summary_lines(table: pd.DataFrame, info, trend_meta: dict | None) -> list[tuple[str, str]]:
    """(label, words) for Explore's comparison box, every phrase computed from the two charts' tables/meta:
    rank or position and neighbours from the distribution table, England from its intervals, the trend from
    the trend view's test."""
    when = period_words(table["period_label"].iloc[0], table["period_end"].iloc[0], info.get("period_type"))
    pol = info.get("polarity")
    eng = versus_england(table, pol) or "not tested: no interval for Herefordshire or England this year"
    lines = [
        (f"Among all English councils, {when}", standing(table)),
        ("Statistical neighbours", neighbours_text(table)),
        ("Against England", eng),
    ]
    if trend_meta and trend_meta.get("trend"):
        lines.append(("Trend", trend_meta["trend"]))
    return lines


def trend_note(fig: go.Figure, trend) -> None:
    """The trend test's verdict above a trend chart's top right corner (nothing when not tested),
    short so it stays inside the chart's box at phone width."""
    if not trend.tested:
        return
    where = dict(x=1, y=1.0, xanchor="right", yanchor="bottom")
    charts.paper_note(fig, f"Trend: <b>{trend.short()}</b>", dict(size=12, color=theme.GREY), **where)
