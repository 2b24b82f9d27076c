"""The chart registry: any saved view ({"chart": id, "params": {...}}) re-rendered outside its page.

A renderer takes a read-only DuckDB connection and the view's params and returns (figure, table, meta).
Pages, the story builder, presenter mode and the exports all call `render_view`, so a slide looks the
same wherever it is shown. No Streamlit here: tests and exports run without a server.

Register more charts from any module with

    @views.register("my_chart", "what it shows")
    def my_chart(con, *, some_param: int = 2005) -> tuple[go.Figure, pd.DataFrame, dict]: ...

meta keys: title, subtitle, sources (list of source names), as_at (text), suppressed (bool),
suppression_note (text or ""), alt (chart description), chart (the id).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import series, trends
from dashboard.present import sources, theme
from dashboard.present.format import as_at, fmt_date, fmt_value
from dashboard.store.queries import run_sql
from dashboard.views import benchmark, charts, history

Renderer = Callable[..., tuple[go.Figure, pd.DataFrame, dict]]
SUPPRESSION_NOTE = (
    "Some figures are suppressed (shown as c) under disclosure control: counts below the "
    "threshold below county level, and any rate built on them."
)


class ViewError(ValueError):
    """A view that names an unknown chart, or params that do not fit it."""


@dataclass(frozen=True)
class ChartSpec:
    chart_id: str
    fn: Renderer
    description: str
    params: dict  # name -> default (inspect.Parameter.empty when required)


REGISTRY: dict[str, ChartSpec] = {}


def register(chart_id: str, description: str = "") -> Callable[[Renderer], Renderer]:
    """Decorator: make `fn(con, **params)` the renderer of `chart_id` (a later registration replaces it)."""

    def deco(fn: Renderer) -> Renderer:
        sig = inspect.signature(fn)
        params = {
            n: p.default
            for n, p in list(sig.parameters.items())[1:]
            if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
        }
        REGISTRY[chart_id] = ChartSpec(
            chart_id, fn, description or (fn.__doc__ or "").strip().split("\n")[0], params
        )
        return fn

    return deco


def chart_ids() -> list[str]:
    return sorted(REGISTRY)


def disclose(df: pd.DataFrame) -> pd.DataFrame:
    """The screen's disclosure control (dashboard.analysis.disclosure), applied to every rendered table."""
    from dashboard.analysis import disclosure

    return disclosure.protect(df)


def is_suppressed(df: pd.DataFrame) -> bool:
    for col in ("status", "rate_status"):
        if col in df and df[col].astype(str).str.strip().eq("c").any():
            return True
    return bool(((df.astype(str) == "c").any()).any()) if not df.empty else False


def render_view(view: dict, con: duckdb.DuckDBPyConnection) -> tuple[go.Figure, pd.DataFrame, dict]:
    """Re-render a saved view. Raises ViewError naming the problem for unknown charts or bad params."""
    if not isinstance(view, dict):
        raise ViewError("a view must be a mapping with a 'chart' key")
    chart = view.get("chart")
    if chart not in REGISTRY:
        raise ViewError(f"unknown chart id {chart!r}; registered charts: {', '.join(sorted(REGISTRY))}")
    spec = REGISTRY[chart]
    params = dict(view.get("params") or {})
    unknown = sorted(set(params) - set(spec.params))
    if unknown:
        raise ViewError(
            f"chart {chart!r} does not take parameter(s) {', '.join(unknown)}; "
            f"it takes: {', '.join(spec.params) or 'none'}"
        )
    missing = sorted(n for n, d in spec.params.items() if d is inspect.Parameter.empty and n not in params)
    if missing:
        raise ViewError(f"chart {chart!r} needs parameter(s): {', '.join(missing)}")
    fig, table, meta = spec.fn(con, **params)
    table = disclose(table) if table is not None else pd.DataFrame()
    meta = dict(meta)
    meta.setdefault("title", view.get("title") or chart)
    meta.setdefault("subtitle", "")
    meta.setdefault("sources", [])
    meta.setdefault("as_at", "")
    meta.setdefault("alt", meta["title"])
    titles = source_titles(con)
    meta["sources"] = _sources(titles.get(src, src) for src in meta["sources"])
    meta["chart"] = chart
    meta["suppressed"] = bool(meta.get("suppressed")) or is_suppressed(table)
    meta["suppression_note"] = SUPPRESSION_NOTE if meta["suppressed"] else ""
    meta["empty"] = table.empty
    return fig, table, meta


# ---------------------------------------------------------------------------------------------- helpers


def _sources(values) -> list[str]:
    out: list[str] = []
    for v in values:
        if isinstance(v, str) and v and v not in out:
            out.append(v)
    return out


source_titles = sources.labels  # file name, title or id -> the source's label (one home: present.sources)


def _indicator(con, indicator_id: str) -> pd.Series:
    info = run_sql(con, "indicator_info", indicator_id=indicator_id)
    if info.empty:
        raise ViewError(f"unknown indicator {indicator_id!r}")
    return info.iloc[0]


def _decimals(info: pd.Series):
    d = info.get("decimals")
    return None if d is None or pd.isna(d) else int(d)


def _latest_here(table: pd.DataFrame) -> str:
    here = table[(table["series"] == "Herefordshire") & table["value"].notna()] if not table.empty else table
    if here.empty:
        return ""
    last = here.sort_values("period_end").iloc[-1]
    return as_at(last["period"], last["period_end"])


# ---------------------------------------------------------------------------------------------- charts


@register(
    "indicator_trend",
    "Any indicator over time for Herefordshire with England, West Midlands and statistical neighbours",
)
def indicator_trend(
    con,
    indicator_id: str,
    from_year: int = 2005,
    compare: list | tuple = ("england", "west_midlands", "neighbours"),
):
    info = _indicator(con, indicator_id)
    compare = list(compare or [])
    rows = run_sql(con, "trend_series", indicator_id=indicator_id, from_year=int(from_year))
    sn = run_sql(con, "comparator_series", indicator_id=indicator_id)
    table = disclose(series.trend_table(rows, compare, sn, unit=info["unit"]))
    trend = trends.series_trend(table, info)
    sub = series.subtitle(table, compare, info["unit"])
    fig = charts.trend_chart(
        table,
        title=info["name"],
        subtitle=sub,
        source=series.source_line(table),
        unit=info["unit"],
        decimals=_decimals(info),
    )
    benchmark.trend_note(fig, trend)
    return (
        fig,
        table,
        {
            "title": info["name"],
            "subtitle": sub,
            "trend": trend.words("Herefordshire's trend"),
            "sources": _sources(table["source_document"]) if not table.empty else [],
            "as_at": _latest_here(table),
            "unit": info["unit"],
            "caveat": info["caveat"] if isinstance(info["caveat"], str) else "",
            "alt": f"{info['name']} over time for Herefordshire and the chosen comparators; figures from the "
            "council's papers are drawn as stars.",
        },
    )


@register("headline", "A headline rate (and its count) over time with England and West Midlands")
def headline(con, rate_id: str, count_id: str, label: str | None = None):
    info = _indicator(con, rate_id)
    h = run_sql(con, "headline_series", rate_id=rate_id, count_id=count_id)
    unit = info["unit"]
    cols = ["period", "period_end", "source_kind", "source_document", "source_line", "source_quote", "note"]
    here = h.assign(series="Herefordshire", value=h["rate"], status=h["rate_status"], value_type="actual")
    frames = [here]
    pub = h[h["source_kind"] == "publication"]
    for col, name in (("england", "England"), ("west_midlands", "West Midlands")):
        c = pub[pub[col].notna()]
        if not c.empty:
            frames.append(
                c[cols].assign(
                    series=name,
                    value=c[col],
                    status=None,
                    value_type="actual",
                    numerator=None,
                    denominator=None,
                    count=None,
                    source_line=None,
                    source_quote=None,
                )
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
    table = disclose(
        table[[c for c in keep if c in table]].sort_values(["period_end", "series"]).reset_index(drop=True)
    )
    title = label or info["name"]
    sub = (
        f"Herefordshire, latest {_latest_here(table)}; compared with England and the West Midlands"
        if not table.empty
        else "No figures in the store"
    )
    fig = charts.trend_chart(
        table,
        title=title,
        subtitle=sub,
        source=series.source_line(table),
        unit=unit,
        decimals=_decimals(info),
    )
    return (
        fig,
        table,
        {
            "title": title,
            "subtitle": sub,
            "unit": unit,
            "sources": _sources(table["source_document"]) if not table.empty else [],
            "as_at": _latest_here(table),
            "alt": f"{title} ({unit}) over time for Herefordshire, England and the West Midlands.",
        },
    )


PYRAMID_THEN_SOURCE = "APA self-assessment, 31 May 2006"
PYRAMID_NOW_SOURCE = "DfE children looked after / in need statistics; ONS mid-year estimates"


@register("pyramid_then", "The 2006 profile of need (pyramid) from the self-assessment")
def pyramid_then(con):
    pyr = run_sql(con, "pyramid_of_need")
    then = (
        pyr.dropna(subset=["then_value"])
        .drop(columns=["level"])
        .rename(columns={"then_value": "value", "then_level": "level"})
    )
    then["detail"] = [
        f"{r.level}: {fmt_value(r.value, 'count', 0)}<br>{r.then_period}<br>"
        f"{sources.cite(r.then_source, r.then_line)}"
        for r in then.itertuples()
    ]
    source = "; ".join(_sources(sorted(set(then["then_source"].dropna())))) or PYRAMID_THEN_SOURCE
    title, sub = (
        "Profile of need, 2006",
        "Herefordshire, as stated in the 2006 self-assessment (as at 31 May 2006); 'in need' is the "
        "council's "
        "estimate",
    )
    fig = charts.pyramid_chart(then[["level", "value", "detail"]], title=title, subtitle=sub, source=source)
    table = then[["level", "value", "then_period", "then_source", "then_line", "then_quote"]]
    levels = "; ".join(f"{r.level.lower()} {fmt_value(r.value, 'count', 0)}" for r in then.itertuples())
    return (
        fig,
        table,
        {
            "title": title,
            "subtitle": sub,
            "sources": [source],
            "as_at": str(then["then_period"].iloc[0]) if not then.empty else "",
            "alt": f"A pyramid of need, widest level at the bottom: {levels}.",
        },
    )


NOW_TITLE = "The pyramid of need today: published counts"
NOW_SUBTITLE = (
    "Latest published counts. Not like for like with 2006, whose top level was everyone aged 0-19 and whose "
    "'in need' was the council's estimate; levels with no published count are left out"
)


@register("pyramid_now", "The pyramid's levels that have a published count today")
def pyramid_now(con):
    pyr = run_sql(con, "pyramid_of_need")
    now = (
        pyr.dropna(subset=["now_value"])
        .drop(columns=["level"])
        .rename(columns={"now_value": "value", "now_level": "level"})
    )
    now["detail"] = [
        f"{r.level}: {fmt_value(r.value, 'count', 0)}<br>{r.now_indicator}, {r.now_period}"
        for r in now.itertuples()
    ]
    sub = NOW_SUBTITLE
    fig = charts.pyramid_chart(
        now[["level", "value", "detail"]],
        title=NOW_TITLE,
        subtitle=sub,
        source=PYRAMID_NOW_SOURCE,
    )
    table = now[["level", "value", "now_indicator", "now_period", "now_source"]]
    periods = _sources(now["now_period"])
    return (
        fig,
        table,
        {
            "title": NOW_TITLE,
            "subtitle": sub,
            "sources": _sources(now["now_source"]) or [PYRAMID_NOW_SOURCE],
            "as_at": "; ".join(periods),
            "alt": "The latest published counts: children aged 0-17, children in need, looked after and on "
            "child protection plans.",
        },
    )


GRADE_NAMES = {1: "1 inadequate", 2: "2 adequate", 3: "3 good", 4: "4 outstanding"}
FRAMEWORK_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "star"]


@register("ecm_judgements", "Every Child Matters outcome judgements (JAR/APA grades) by framework")
def ecm_judgements(con, frameworks: list | tuple | None = None, latest_only: bool = False):
    j = run_sql(con, "ecm_latest_judgements")
    if frameworks:
        j = j[j["framework"].isin(list(frameworks))]
    if latest_only:
        j = j[j["is_latest"]]
    graded = j[j["grade"].notna()].copy()
    fig = go.Figure()
    outcomes = list(dict.fromkeys(j["outcome"]))
    order = list(dict.fromkeys(graded.sort_values("judgement_date", na_position="first")["framework"]))
    for i, fw in enumerate(order):
        sub = graded[graded["framework"] == fw]
        # jitter each framework a little so equal grades do not hide each other
        offset = (i - (len(order) - 1) / 2) * 0.12
        fig.add_trace(
            go.Scatter(
                x=sub["grade"].astype(float) + offset,
                y=sub["outcome"],
                mode="markers",
                name=fw,
                marker=dict(
                    symbol=FRAMEWORK_SYMBOLS[i % len(FRAMEWORK_SYMBOLS)],
                    size=15,
                    color=theme.PALETTE[i % len(theme.PALETTE)],
                    line=dict(width=1, color="white"),
                ),
                hovertext=[
                    f"<b>{r.outcome}</b><br>{r.framework}: {r.grade_label} "
                    f"({int(r.grade)})<br>{r.subject}<br>"
                    f"{sources.cite(r.source_document, r.source_line)}"
                    for r in sub.itertuples()
                ],
                hoverinfo="text",
            )
        )
    fig.update_layout(
        xaxis=dict(
            title="Grade (JAR/APA four-point scale)",
            range=[0.5, 4.5],
            tickvals=[1, 2, 3, 4],
            ticktext=[GRADE_NAMES[g] for g in (1, 2, 3, 4)],
            showgrid=True,
            gridcolor="#E5E5E5",
        ),
        yaxis=dict(title="", categoryorder="array", categoryarray=outcomes[::-1], autorange="reversed"),
        legend=dict(orientation="h", y=-0.22),
        margin=dict(l=220),
    )
    fws = ", ".join(order) if order else "no graded judgements"
    dates = [fmt_date(d) for d in graded["judgement_date"].dropna().unique()]
    sub_text = f"Herefordshire: {fws}"
    title = "Every Child Matters outcomes: inspection judgements"
    fig = charts.titled(fig, title, sub_text, "; ".join(_sources(graded["source_document"])))
    table = j[
        [
            "outcome",
            "framework",
            "period_label",
            "judgement_date",
            "grade",
            "grade_label",
            "subject",
            "source_document",
            "source_line",
            "source_quote",
        ]
    ].reset_index(drop=True)
    return (
        fig,
        table,
        {
            "title": title,
            "subtitle": sub_text,
            "sources": _sources(table["source_document"]),
            "as_at": "; ".join(dates) if dates else "judgement dates as given in the reports",
            "alt": "Each outcome's grade on the four-point scale (1 inadequate to 4 outstanding), "
            "one marker shape per inspection or self-assessment.",
        },
    )


PLAN_DOCUMENTS = [
    "001_b46cc8812e60abd1.txt",
    "004_fbd8def23261e3f4.txt",
    "000_2a4c1fcaad081570.txt",
    "002_2fdbf91cb6f1887a.txt",
]
PLAN_SOURCE = (
    "Herefordshire Council: JAR improvement plan (Cabinet agenda pack, 30 March 2006), progress report "
    "(19 May 2006), APA self-assessment (31 May 2006), Cabinet report (24 January 2008)"
)


@register(
    "plan_status", "The JAR improvement plan: each recommendation's derived status at each progress report"
)
def plan_status(con, as_at: str | None = None):
    from datetime import date

    from dashboard.analysis import plan_status as ps
    from dashboard.analysis import plan_tracker as pt
    from dashboard.views import plan_figures

    recs, actions, progress, _leads = pt.load_frames(con)
    if recs.empty:
        return go.Figure(), pd.DataFrame(), {"title": "JAR improvement plan", "sources": [PLAN_SOURCE]}
    at = date.fromisoformat(as_at) if as_at else ps.REPORT_DATES[-1]
    act = ps.action_statuses(actions, progress)
    rst = ps.rec_statuses(recs, actions, progress, act_status=act)
    table = pt.heat_table(rst, recs)
    fig = plan_figures.heat_strip_figure(table, as_at=at, source=PLAN_SOURCE)
    now = rst[rst["at_date"] == at]["status"].value_counts()
    return (
        fig,
        table,
        {
            "title": "JAR improvement plan: status of the 17 recommendations",
            "subtitle": ", ".join(f"{now.get(s, 0)} {s}" for s in ps.STATUSES),
            "sources": PLAN_DOCUMENTS,
            "as_at": ps.REPORT_LABELS.get(at, str(at)),
            "caveat": ps.STATUS_NOTE,
            "alt": "A grid with one row per JAR recommendation and one column per progress report; each "
            "cell names "
            "the derived status.",
        },
    )


# ------------------------------------------------------------------------------ charts defined elsewhere
register(
    "benchmark_distribution", "Every council's value in one year, Herefordshire and its named neighbours"
)(benchmark.distribution)
register("lac_history", "Children looked after 2006-2025: counts, and rates with comparators")(
    history.lac_history
)
