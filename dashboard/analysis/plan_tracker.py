"""The JAR improvement plan's tracker: one row per action as at a date (its derived status, its lead spelt
out, its latest progress text) for the page and the CSV/XLSX export, and the table behind the heat-strip.
Statuses come from plan_status.py's rules."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from dashboard.analysis.plan_status import REPORT_LABELS, _d, _prepare, action_statuses, rec_statuses
from dashboard.store.memo import memoize


def expand_leads(lead_text: str | None, leads) -> str:
    """'SF (ISM)' -> "SF: Director of Children's Services (Sue Fiennes); ISM: Interim Senior Manager".

    leads: a dict initials -> role, or a DataFrame with initials and role. Initials not in the
    plan's index are
    said to be so; a blank lead is 'not stated'."""
    if isinstance(leads, pd.DataFrame):
        leads = dict(zip(leads["initials"], leads["role"]))
    text = lead_text.strip() if isinstance(lead_text, str) else ""
    text = text.replace(" (from row above)", "")
    if not text:
        return "not stated"
    if text.lower() == "tbc":
        return "to be confirmed (tbc)"
    tokens = re.findall(r"[A-Z][A-Za-z&]{1,5}", text)
    parts, seen = [], set()
    for tok in tokens:
        if tok in seen:
            continue
        seen.add(tok)
        role = leads.get(tok)
        if role is None and tok == "IMS":
            role = leads.get("ISM", "") + " (printed 'IMS')"
        parts.append(f"{tok}: {role}" if role else f"{tok}: not in the plan's index of initials")
    extra = re.sub(r"[A-Z][A-Za-z&]{1,5}|[()/,\s]", "", text)
    return "; ".join(parts) + (f" ({text})" if extra else "") if parts else text


@memoize()
def effective_leads(actions: pd.DataFrame) -> pd.Series:
    """Each action's lead, or, where the row leaves it blank, the lead stated above it in the same
    recommendation, marked '(from row above)'. Order: the plan's order (rec_id, seq)."""
    a = actions.copy()
    a["_k"] = a["action_id"].map(lambda s: tuple(int(x) for x in str(s).split(".")))
    a = a.sort_values("_k")
    out, last = {}, {}
    for _, r in a.iterrows():
        lead = (r["lead"] or "").strip() if isinstance(r["lead"], str) else ""
        if lead:
            last[r["rec_id"]] = lead
            out[r["action_id"]] = lead
        elif r["rec_id"] in last:
            out[r["action_id"]] = f"{last[r['rec_id']]} (from row above)"
        else:
            out[r["action_id"]] = ""
    return actions["action_id"].map(out)


def tracker_at(
    at_date,
    recs: pd.DataFrame | None = None,
    actions: pd.DataFrame | None = None,
    progress: pd.DataFrame | None = None,
    leads: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The tracker as at a date, one row per action, for CSV/XLSX export.

    Frames default to the store's tables (read-only), so `tracker_at('2006-05-19')` works on its own."""
    if recs is None or actions is None or progress is None or leads is None:
        recs, actions, progress, leads = load_frames()
    return _tracker_at(_d(at_date), recs, actions, progress, leads)


@memoize()
def _tracker_at(
    at: date | None, recs: pd.DataFrame, actions: pd.DataFrame, progress: pd.DataFrame, leads: pd.DataFrame
) -> pd.DataFrame:
    ast = action_statuses(actions, progress, [at])
    rst = rec_statuses(recs, actions, progress, [at], act_status=ast)
    a, p = _prepare(actions, progress)
    last_text = (
        p[p["action_id"].notna() & (p["report_date"] <= at)]
        .sort_values("report_date")
        .groupby("action_id")
        .last()[["report_date", "progress_text"]]
    )
    lead_map = dict(zip(leads["initials"], leads["role"]))
    t = a.merge(ast[["action_id", "status", "rule"]], on="action_id")
    t = t.merge(
        recs[["rec_id", "text", "ecm_outcome"]]
        .astype({"rec_id": int})
        .rename(columns={"text": "recommendation"}),
        on="rec_id",
    )
    t = t.merge(
        rst[["rec_id", "status", "rule"]].rename(columns={"status": "rec_status", "rule": "rec_rule"}),
        on="rec_id",
    )
    t["lead_effective"] = effective_leads(t)
    t["lead_roles"] = t["lead_effective"].map(lambda x: expand_leads(x, lead_map)) + t["lead_effective"].map(
        lambda x: (
            " (lead of the row above; this row leaves it blank)" if "(from row above)" in (x or "") else ""
        )
    )
    t["latest_progress"] = t["action_id"].map(last_text["progress_text"]).fillna("")
    t["latest_progress_date"] = t["action_id"].map(last_text["report_date"])
    t["as_at"] = at
    t["status_basis"] = "derived from the progress text by rules (not the source's RAG colour)"
    t["_k"] = t["action_id"].map(lambda s: tuple(int(x) for x in str(s).split(".")))
    t = t.sort_values("_k")
    cols = [
        "as_at",
        "rec_id",
        "recommendation",
        "ecm_outcome",
        "rec_status",
        "rec_rule",
        "action_id",
        "text",
        "lead",
        "lead_effective",
        "lead_roles",
        "partners",
        "target_text",
        "target_date",
        "status",
        "rule",
        "latest_progress",
        "latest_progress_date",
        "status_basis",
        "source_document",
        "source_line",
        "source_quote",
    ]
    return (
        t[[c for c in cols if c in t.columns]]
        .rename(columns={"text": "action", "status": "action_status", "rule": "action_rule"})
        .reset_index(drop=True)
    )


def load_frames(con=None):
    """recommendations, actions, progress and leads from the store (read-only), through the named queries."""
    from dashboard import config
    from dashboard.store.queries import run_sql

    own = con is None
    if own:
        import duckdb

        con = duckdb.connect(str(config.store_path()), read_only=True)
    try:
        return (
            run_sql(con, "plan_recommendations"),
            run_sql(con, "plan_actions"),
            run_sql(con, "plan_progress"),
            run_sql(con, "plan_leads"),
        )
    finally:
        if own:
            con.close()


@memoize()
def heat_table(rst: pd.DataFrame, recs: pd.DataFrame) -> pd.DataFrame:
    """Tidy table behind the heat-strip: one row per recommendation and report date (its table
    alternative)."""
    r = recs[["rec_id", "text"]].astype({"rec_id": int})
    t = rst.merge(r, on="rec_id")
    t["report"] = t["at_date"].map(lambda d: REPORT_LABELS.get(d, str(d)))
    return t[["rec_id", "text", "at_date", "report", "status", "rule", "evidence", "evidence_source"]].rename(
        columns={"text": "recommendation"}
    )
