"""Status of the JAR improvement plan's actions and recommendations, derived from the progress text by rules.

Plain functions on DataFrames (no Streamlit), so the page, exports and tests share one implementation.
The tracker export (leads, latest progress) is in plan_tracker.py, the heat-strip in views/plan_figures.py.
The source documents flagged progress with red/amber/green, but the colours were lost in the text: every
status
here is DERIVED from the words of the progress reports by the readable rules below, and each result carries
the rule that fired so the page can say why.

Statuses: completed, on track, slipping (past its target date and not completed), not started, no report.

Reading a progress text ("last status word wins")
  The progress column is a dated log written left to right, so the LAST status word in a text decides:
  a "done" word (completed, done, approved, in place, ...) -> done; an "open" word (under way, to be agreed,
  awaiting, further work, ...) -> open; no status word -> no verdict. When a report row sits under a heading
  of the source ("What we have achieved so far", "Challenges remaining", "2007 APA strength" / "area for
  improvement"), the heading decides.

Action rules at a date D (first that fires)
  A0 no report      D is before the first report (24 March 2006).
  A1 completed      the recommendation's own report at or before D says all its actions (due so far) are done
                    ("All milestones /actions now completed", "Required action completed", ...) and the action
                    was due by that report.
  A8 no report      the action's last action-level report is more than 120 days before D (only the 24 March
                    2006 plan reports per action; later reports speak of whole recommendations).
  A2 completed      the action's progress text reads done.
  A3 on track       the text reads open and the target date has not passed (or there is none).
  A4 slipping       the text reads open and the target date has passed.
  A5 on track / slipping   the text has no status word: on track unless the target date has passed.
  A6 slipping       nothing recorded and the target date has passed.
  A7 not started    nothing recorded and the target date is still ahead (or there is none).

Recommendation rules at D (the roll-up is stated first because it is the default)
  Roll-up of its actions' statuses at D: all completed -> completed; any slipping -> slipping; any on track or
  completed -> on track; all not started -> not started; no action with a report -> no report.
  R1 completed      the recommendation's own report at the latest report date <= D reads done (all its rows).
  R2 on track / slipping   its own report reads open (any row): slipping when D is past the recommendation's
                    last action target date, or (at 24 March 2006, when the action texts are as fresh as the
                    report) when its actions roll up to slipping; otherwise on track. Later reports are
                    fresher
                    than the carried-forward action texts, so they are not overruled by them.
  R3 roll-up        no own report at that date, or its rows carry no status word: the roll-up.
  R0 no report      neither its own report nor any action status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.present import theme
from dashboard.present.sources import cite
from dashboard.store.memo import memoize

REPORT_DATES = [date(2006, 3, 24), date(2006, 5, 19), date(2006, 5, 31), date(2008, 1, 24)]
REPORT_LABELS = {
    date(2006, 3, 24): "24 Mar 2006 (plan)",
    date(2006, 5, 19): "19 May 2006 (progress report)",
    date(2006, 5, 31): "31 May 2006 (APA self-assessment)",
    date(2008, 1, 24): "24 Jan 2008 (end of intervention)",
}
STATUSES = ["completed", "on track", "slipping", "not started", "no report"]
# GOV.UK status colours; grey for no report. Colour is never the only cue: every cell also carries the word.
STATUS_COLOURS = {
    "completed": theme.GREEN,
    "on track": theme.AMBER,
    "slipping": theme.RED,
    "not started": theme.LIGHT_GREY,
    "no report": theme.PALE_GREY,
}
STATUS_NOTE = (
    "Status derived from the progress text by the rules stated on this page; the source documents' "
    "red/amber/green colours were lost in the text and are not shown."
)
CARRY_DAYS = 120
ACTION_REPORT_DATE = date(2006, 3, 24)  # the only report with a progress text per action

DONE = [
    r"completed?",
    r"done",
    r"achieved",
    r"in place",
    r"in operation",
    r"operating properly",
    r"agreed",
    r"operat(?:ed|ing) properly",
    r"approved",
    r"endorsed",
    r"adopted",
    r"issued",
    r"established",
    r"appointed",
    r"produced",
    r"prepared",
    r"confirmed",
    r"met",
    r"submitted",
    r"briefed",
    r"received",
    r"delivered",
    r"secured",
    r"set up",
    r"published",
    r"allocated",
    r"recruited",
    r"scoped",
    r"strengthened",
    r"(?:has|have) been (?:\w+ed|made|taken|set up|done)",
    r"cessation of formal intervention",
]
OPEN = [
    r"to be (?:\w+ed|available|agreed|done|held|made|set|in place)",
    r"will (?:be|take|need|also)",
    r"under ?way",
    r"under development",
    r"in progress",
    r"progressing",
    r"being (?!met\b)\w+",
    r"started",
    r"commenced",
    r"on ?going",
    r"continues",
    r"continuing",
    r"further work",
    r"further progress",
    r"further consideration",
    r"needs further",
    r"still",
    r"awaiting",
    r"requested",
    r"scoping",
    r"developing",
    r"negotiat\w+",
    r"remains challenging",
    r"on track",
    r"on target",
    r"subject to",
    r"planned",
    r"plan to",
    r"piloting",
    r"interviews?",
    r"identifying",
    r"to develop",
    r"to date completed",
    r"scheduled",
    r"evidence being collated",
    r"tbc",
    r"initial consideration",
]
_DONE_RE = re.compile(r"\b(?:" + "|".join(DONE) + r")\b", re.I)
_OPEN_RE = re.compile(r"\b(?:" + "|".join(OPEN) + r")\b", re.I)
HEADINGS = {  # report headings that decide a row's reading (see data/plan/progress_reports.py)
    "What we have achieved so far:": "done",
    "Challenges remaining:": "open",
    "2007 APA strength:": "done",
    "2007 APA area for improvement:": "open",
}
ALL_DONE_RE = re.compile(
    r"all milestones ?/ ?actions now completed|required action completed|"
    r"all immediate action required delivered|actions to date completed",
    re.I,
)


@dataclass(frozen=True)
class Reading:
    verdict: str | None  # 'done', 'open' or None
    word: str  # the status word (or heading) that decided


def read_text(text: str | None) -> Reading:
    """The verdict of one progress text: its heading if it has one, else the last status word in it."""
    t = (text or "").strip()
    for head, verdict in HEADINGS.items():
        if t.startswith(head):
            return Reading(verdict, head.rstrip(":"))
    best: tuple[int, int, str, str] | None = None  # (end, length, verdict, word)
    for verdict, rx in (("done", _DONE_RE), ("open", _OPEN_RE)):
        for m in rx.finditer(t):
            cand = (m.end(), m.end() - m.start(), verdict, m.group(0))
            if best is None or cand[:2] > best[:2]:
                best = cand
    return Reading(best[2], best[3]) if best else Reading(None, "")


def _d(v) -> date | None:
    if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NaT or v == "":
        return None
    if isinstance(v, pd.Timestamp):
        return v.date()
    if isinstance(v, date):
        return v
    return pd.Timestamp(v).date()


def _fmt(d: date | None) -> str:
    return d.strftime("%-d %b %Y") if d else "no date"


def _prepare(actions: pd.DataFrame, progress: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    a = actions.copy()
    a["target_date"] = a["target_date"].map(_d)
    a["rec_id"] = a["rec_id"].astype(int)
    p = progress.copy()
    p["report_date"] = p["report_date"].map(_d)
    p["rec_id"] = p["rec_id"].astype(int)
    p["action_id"] = p["action_id"].where(p["action_id"].notna() & (p["action_id"].astype(str) != ""), None)
    return a, p


def action_status(
    action: pd.Series | dict, own: pd.DataFrame, rec_rows: pd.DataFrame, at: date
) -> tuple[str, str]:
    """Status and the rule that fired for one action at date `at`.

    own: the action's progress rows; rec_rows: its recommendation's recommendation-level rows (report_date,
    progress_text)."""
    return _action_status(_d(action["target_date"]), _records(own), _records(rec_rows), _d(at))


def _records(df: pd.DataFrame | list) -> list[dict]:
    if isinstance(df, list):
        return df
    if df is None or not len(df):
        return []
    return [
        {"report_date": _d(r), "progress_text": t or ""}
        for r, t in zip(df["report_date"], df["progress_text"])
    ]


def _action_status(target: date | None, own: list[dict], rec_rows: list[dict], at: date) -> tuple[str, str]:
    if at < REPORT_DATES[0]:
        return "no report", "A0: before the first progress report (24 March 2006)"
    for r in sorted(
        (r for r in rec_rows if r["report_date"] <= at), key=lambda r: r["report_date"], reverse=True
    ):
        m = ALL_DONE_RE.search(r["progress_text"])
        if m and (target is None or target <= r["report_date"]):
            return "completed", (
                f"A1: the {_fmt(r['report_date'])} report on the recommendation says "
                f"“{m.group(0)}” and the action was due by then"
            )
    own = sorted((r for r in own if r["report_date"] <= at), key=lambda r: r["report_date"])
    if own:
        last = own[-1]
        if (at - last["report_date"]).days > CARRY_DAYS:
            return "no report", (
                f"A8: actions were last reported on {_fmt(last['report_date'])}; "
                "later reports speak of whole recommendations"
            )
        reading = read_text(last["progress_text"])
        past = target is not None and target < at
        if reading.verdict == "done":
            return "completed", f"A2: progress text reads done (“{reading.word}”)"
        if reading.verdict == "open":
            if past:
                return (
                    "slipping",
                    f"A4: progress text reads open (“{reading.word}”) and the target {_fmt(target)} has "
                    "passed",
                )
            return (
                "on track",
                f"A3: progress text reads open (“{reading.word}”); target {_fmt(target)} not passed",
            )
        if past:
            return (
                "slipping",
                f"A5: progress recorded without a status word; the target {_fmt(target)} has passed",
            )
        return "on track", f"A5: progress recorded without a status word; target {_fmt(target)} not passed"
    if (at - REPORT_DATES[0]).days > CARRY_DAYS:
        return "no report", (
            "A8: actions were last reported on 24 Mar 2006; later reports speak of whole recommendations"
        )
    if target is not None and target < at:
        return "slipping", f"A6: nothing recorded and the target {_fmt(target)} has passed"
    return "not started", f"A7: nothing recorded; target {_fmt(target)} still ahead"


def rollup(statuses: list[str]) -> str:
    live = [s for s in statuses if s != "no report"]
    if not live:
        return "no report"
    if all(s == "completed" for s in live):
        return "completed"
    if "slipping" in live:
        return "slipping"
    if any(s in ("on track", "completed") for s in live):
        return "on track"
    return "not started"


def latest_report(at: date) -> date | None:
    at = _d(at)
    past = [d for d in REPORT_DATES if d <= at]
    return past[-1] if past else None


@memoize()
def action_statuses(actions: pd.DataFrame, progress: pd.DataFrame, dates=None) -> pd.DataFrame:
    """One row per action and date: action_id, rec_id, at_date, status, rule."""
    a, p = _prepare(actions, progress)
    own_by = {k: _records(g) for k, g in p[p["action_id"].notna()].groupby("action_id")}
    rec_by = {k: _records(g) for k, g in p[p["action_id"].isna()].groupby("rec_id")}
    acts = list(zip(a["action_id"], a["rec_id"], a["target_date"]))
    rows = []
    for at in [_d(x) for x in (dates or REPORT_DATES)]:
        for action_id, rec_id, target in acts:
            status, rule = _action_status(target, own_by.get(action_id, []), rec_by.get(rec_id, []), at)
            rows.append(
                {"action_id": action_id, "rec_id": rec_id, "at_date": at, "status": status, "rule": rule}
            )
    return pd.DataFrame(rows)


@memoize()
def rec_statuses(
    recs: pd.DataFrame,
    actions: pd.DataFrame,
    progress: pd.DataFrame,
    dates=None,
    act_status: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per recommendation and date: rec_id, at_date, status, rule, rollup, n_* counts, evidence."""
    a, p = _prepare(actions, progress)
    dates = [_d(x) for x in (dates or REPORT_DATES)]
    st_df = act_status if act_status is not None else action_statuses(actions, progress, dates)
    rec_target = a.groupby("rec_id")["target_date"].agg(lambda s: max([x for x in s if x], default=None))
    rows = []
    for at in dates:
        cur = latest_report(at)
        for rec_id in sorted(recs["rec_id"].astype(int)):
            sts = st_df[(st_df["rec_id"] == rec_id) & (st_df["at_date"] == at)]["status"].tolist()
            roll = rollup(sts)
            counts = {f"n_{s.replace(' ', '_')}": sts.count(s) for s in STATUSES}
            own = (
                p[(p["rec_id"] == rec_id) & p["action_id"].isna() & (p["report_date"] == cur)]
                if cur
                else p.iloc[0:0]
            )
            readings = [read_text(t) for t in own["progress_text"]]
            opens = [r for r in readings if r.verdict == "open"]
            dones = [r for r in readings if r.verdict == "done"]
            label = REPORT_LABELS.get(cur, "") if cur else ""
            target = rec_target.get(rec_id)
            if cur is None:
                status, rule = "no report", "R0: before the first progress report"
            elif opens:
                past = target is not None and at > target
                fresh = (
                    cur == ACTION_REPORT_DATE
                )  # action-level texts exist only for the 24 March 2006 report
                if (fresh and roll == "slipping") or past:
                    why = (
                        "its actions roll up to slipping"
                        if roll == "slipping"
                        else f"its last action target {_fmt(target)} has passed"
                    )
                    status, rule = (
                        "slipping",
                        f"R2: the {label} report reads open (“{opens[-1].word}”) and {why}",
                    )
                else:
                    status, rule = (
                        "on track",
                        (
                            f"R2: the {label} report reads open (“{opens[-1].word}”); "
                            f"last action target {_fmt(target)} not passed"
                        ),
                    )
            elif dones:
                status, rule = "completed", f"R1: the {label} report reads done (“{dones[-1].word}”)"
            elif roll != "no report":
                status, rule = (
                    roll,
                    (
                        "R3: roll-up of its actions"
                        + ("" if len(own) else f" (no report on this recommendation in the {label} report)")
                    ),
                )
            else:
                status, rule = (
                    "no report",
                    (
                        f"R0: the {label} report says nothing on this recommendation"
                        if not len(own)
                        else "R0: report has no status word and no action status"
                    ),
                )
            rows.append(
                {
                    "rec_id": rec_id,
                    "at_date": at,
                    "report_date": cur,
                    "status": status,
                    "rule": rule,
                    "rollup": roll,
                    **counts,
                    "evidence": " | ".join(own["progress_text"].tolist()),
                    "evidence_source": "; ".join(
                        cite(d, ln)
                        for d, ln in zip(own.get("source_document", []), own.get("source_line", []))
                    ),
                }
            )
    return pd.DataFrame(rows)


@memoize()
def what_changed(df: pd.DataFrame, date_a, date_b, key: str | None = None) -> pd.DataFrame:
    """Rows whose status differs between two dates in a status frame (from action_statuses or rec_statuses).

    Returns key, status_a, status_b, rule_b; ordered by key."""
    key = key or ("action_id" if "action_id" in df.columns else "rec_id")
    da, db = _d(date_a), _d(date_b)
    a = df[df["at_date"] == da][[key, "status", "rule"]].rename(
        columns={"status": "status_a", "rule": "rule_a"}
    )
    b = df[df["at_date"] == db][[key, "status", "rule"]].rename(
        columns={"status": "status_b", "rule": "rule_b"}
    )
    m = a.merge(b, on=key, how="outer")
    m["status_a"] = m["status_a"].fillna("no report")
    m["status_b"] = m["status_b"].fillna("no report")
    out = m[m["status_a"] != m["status_b"]].copy()
    out["change"] = out["status_a"] + " → " + out["status_b"]
    if key == "action_id":
        out["_k"] = out[key].map(lambda s: tuple(int(x) for x in str(s).split(".")))
        out = out.sort_values("_k").drop(columns="_k")
    else:
        out = out.sort_values(key)
    return out[[key, "status_a", "status_b", "change", "rule_b"]].reset_index(drop=True)


@memoize()
def overdue(df: pd.DataFrame, at_date) -> pd.DataFrame:
    """Actions past their target date at `at_date`, derived as neither completed nor 'no report' (an action
    with no report at that date cannot be said to be overdue).

    df: the actions frame (action_id, rec_id, text, lead, target_date, ...) joined with a status column for
    that date, or the actions frame plus a `status` computed by the caller. Returns the overdue rows with
    days_overdue, ordered by how late they are."""
    at = _d(at_date)
    d = df.copy()
    d["target_date"] = d["target_date"].map(_d)
    mask = d["target_date"].map(lambda t: t is not None and t < at) & ~d["status"].isin(
        ["completed", "no report"]
    )
    out = d[mask].copy()
    out["days_overdue"] = out["target_date"].map(lambda t: (at - t).days)
    return out.sort_values(["days_overdue", "rec_id"], ascending=[False, True]).reset_index(drop=True)
