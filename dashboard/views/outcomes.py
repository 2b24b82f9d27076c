"""Every Child Matters views: graded judgements by framework (ecm_judgements) and the judgement grid
(outcomes_grid)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import outcomes as oc
from dashboard.present import sources, theme
from dashboard.present.format import fmt_date
from dashboard.store.queries import run_sql
from dashboard.views import charts
from dashboard.views.outcome_figures import grid_figure
from dashboard.views.registry import register, unique

GRADE_NAMES = {1: "1 inadequate", 2: "2 adequate", 3: "3 good", 4: "4 outstanding"}
FRAMEWORK_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "star"]
GRID_SOURCE = (
    "APA self-assessment, 31 May 2006; Cabinet agenda pack, 30 March 2006; Cabinet report, 24 January 2008; "
    "Peer Challenge self-assessment, September 2015"
)


def _framework_trace(sub: pd.DataFrame, fw: str, i: int, offset: float) -> go.Scatter:
    return go.Scatter(
        x=sub["grade"].astype(float) + offset,
        y=[charts.wrap(o, 16) for o in sub["outcome"]],
        mode="markers",
        name=fw,
        marker=dict(
            symbol=FRAMEWORK_SYMBOLS[i % len(FRAMEWORK_SYMBOLS)],
            size=15,
            color=theme.PALETTE[i % len(theme.PALETTE)],
            line=dict(width=1, color="white"),
        ),
        hovertext=[
            f"<b>{r.outcome}</b><br>{r.framework}: {r.grade_label} ({int(r.grade)})<br>{r.subject}<br>"
            f"{sources.cite(r.source_document, r.source_line)}"
            for r in sub.itertuples()
        ],
        hoverinfo="text",
    )


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
        # jitter each framework a little so equal grades do not hide each other
        offset = (i - (len(order) - 1) / 2) * 0.12
        fig.add_trace(_framework_trace(graded[graded["framework"] == fw], fw, i, offset))
    fig.update_layout(
        xaxis=dict(
            title="Grade (JAR/APA four-point scale)",
            range=[0.5, 4.5],
            tickvals=[1, 2, 3, 4],
            ticktext=[GRADE_NAMES[g].replace(" ", "<br>") for g in (1, 2, 3, 4)],
            showgrid=True,
            gridcolor="#E5E5E5",
        ),
        yaxis=dict(
            title="",
            categoryorder="array",
            categoryarray=[charts.wrap(o, 16) for o in outcomes[::-1]],
            autorange="reversed",
        ),
    )
    fws = ", ".join(order) if order else "no graded judgements"
    dates = [fmt_date(d) for d in graded["judgement_date"].dropna().unique()]
    sub_text = f"Herefordshire: {fws}"
    title = "Every Child Matters outcomes: inspection judgements"
    fig = charts.titled(fig, title, sub_text, "; ".join(unique(graded["source_document"])))
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
    per_fw = [
        f"{fw}: "
        + ", ".join(
            f"{n} {label}"
            for label, n in graded[graded["framework"] == fw]["grade_label"].value_counts().items()
        )
        for fw in order
    ]
    return (
        fig,
        table,
        {
            "title": title,
            "subtitle": sub_text,
            "so_what": ("Outcomes judged " + "; ".join(per_fw) + ".") if per_fw else "",
            "sources": unique(table["source_document"]),
            "as_at": "; ".join(dates) if dates else "judgement dates as given in the reports",
            "empty_reason": "No graded judgements are in the store yet.",
            "alt": "Each outcome's grade on the four-point scale (1 inadequate to 4 outstanding), "
            "one marker shape per inspection or self-assessment.",
        },
    )


@register("outcomes_grid", "Every outcome's judgement at each inspection or self-assessment, in time order")
def outcomes_grid(con):
    grid = oc.judgement_grid(run_sql(con, "outcomes_judgements"))
    cols = oc.grid_columns(grid)
    rows = [o for o in oc.OUTCOMES if o in set(grid["outcome"].astype(str))]
    fig = grid_figure(grid, rows, cols)
    latest = grid["framework"].iloc[grid["order"].argmax()] if not grid.empty else ""
    title = "How each outcome was judged: inspections and the council's own self-assessments"
    sub = (
        f"Herefordshire, {cols[0] if cols else ''} to {latest}; grades 1-4 (RI: requires improvement); "
        "* several part judgements, no overall one"
    )
    charts.titled(fig, title, sub, GRID_SOURCE)
    table = grid.assign(outcome=grid["outcome"].astype(str))[
        [
            "outcome",
            "framework",
            "period_label",
            "cell_text",
            "subject",
            "source_document",
            "source_line",
            "source_quote",
            "others",
        ]
    ].rename(columns={"cell_text": "judgement"})
    return (
        fig,
        table,
        {
            "title": title,
            "subtitle": sub,
            "sources": unique(table["source_document"]),
            "as_at": f"{cols[0]} to {latest}" if cols else "",
            "note": "* = no judgement of the whole outcome was found, only of parts of it (see the subject "
            "column). RI = requires improvement, Ofsted's grade below good since 2012, placed on the "
            "adequate step. Columns named 'self-assessment' are the council's own grades, not an "
            "inspector's.",
            "empty_reason": "No outcome judgements are in the store yet.",
            "alt": "Grid with the outcomes as rows and inspections in time order as columns; each cell gives "
            "the grade in words.",
        },
    )
