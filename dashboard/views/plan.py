"""The JAR improvement plan view: each recommendation's derived status at each progress report
(plan_status)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import plan_status as ps
from dashboard.analysis import plan_tracker as pt
from dashboard.views import plan_figures
from dashboard.views.registry import register

PLAN_SOURCE = (
    "Herefordshire Council: JAR improvement plan (Cabinet agenda pack, 30 March 2006), progress report "
    "(19 May 2006), APA self-assessment (31 May 2006), Cabinet report (24 January 2008)"
)
PLAN_DOCUMENTS = [
    "001_b46cc8812e60abd1.txt",
    "004_fbd8def23261e3f4.txt",
    "000_2a4c1fcaad081570.txt",
    "002_2fdbf91cb6f1887a.txt",
]


def chosen_recommendations(
    recs: pd.DataFrame,
    actions: pd.DataFrame,
    rec_status: pd.DataFrame,
    at: date,
    lead: str = "all",
    outcome: str = "all",
    statuses: list | tuple | None = None,
) -> pd.DataFrame:
    """The recommendations the plan's filters keep: of the outcome, with an action led by `lead` (the
    effective lead: a blank lead takes the row above's), and with a status at `at` among `statuses`."""
    keep = recs.copy()
    if outcome != "all":
        keep = keep[keep["ecm_outcome"] == outcome]
    if lead != "all":
        eff = pt.effective_leads(actions)
        led = actions[eff.str.contains(rf"\b{lead}\b", regex=True)]["rec_id"].unique()
        keep = keep[keep["rec_id"].isin(led)]
    now = rec_status[rec_status["at_date"] == at]
    wanted = list(statuses) if statuses is not None else ps.STATUSES
    return keep[keep["rec_id"].isin(now[now["status"].isin(wanted)]["rec_id"])]


def status_counts(rec_status: pd.DataFrame, at: date, rec_ids) -> str:
    """'3 completed, 10 on track, 4 slipping, 0 not started, 0 no report' as at `at`."""
    now = rec_status[(rec_status["at_date"] == at) & rec_status["rec_id"].isin(list(rec_ids))]
    counts = now["status"].value_counts()
    return ", ".join(f"{counts.get(s, 0)} {s}" for s in ps.STATUSES)


@register(
    "plan_status", "The JAR improvement plan: each recommendation's derived status at each progress report"
)
def plan_status(
    con,
    as_at: str | None = None,
    lead: str = "all",
    outcome: str = "all",
    statuses: list | tuple | None = None,
):
    recs, actions, progress, _leads = pt.load_frames(con)
    if recs.empty:
        return go.Figure(), pd.DataFrame(), {"title": "JAR improvement plan", "sources": PLAN_DOCUMENTS}
    at = date.fromisoformat(as_at) if as_at else ps.REPORT_DATES[-1]
    act = ps.action_statuses(actions, progress)
    rst = ps.rec_statuses(recs, actions, progress, act_status=act)
    keep = chosen_recommendations(recs, actions, rst, at, lead, outcome, statuses)
    table = pt.heat_table(rst[rst["rec_id"].isin(keep["rec_id"])], recs)
    fig = plan_figures.heat_strip_figure(table, as_at=at, source=PLAN_SOURCE)
    when = ps.REPORT_LABELS.get(at, str(at))
    counts = status_counts(rst, at, keep["rec_id"])
    n = len(keep)
    return (
        fig,
        table,
        {
            "title": f"JAR improvement plan: status of the {n} recommendations"
            if n != 17
            else "JAR improvement plan: status of the 17 recommendations",
            "subtitle": counts,
            "so_what": f"As at {when}, of {n} recommendations: {counts}.",
            "sources": PLAN_DOCUMENTS,
            "as_at": when,
            "caveat": ps.STATUS_NOTE,
            "empty_reason": "No recommendation matches these filters.",
            "alt": "A grid with one row per JAR recommendation and one column per progress report; each cell "
            "names the derived status (completed, on track, slipping, not started, no report).",
        },
    )
