"""Improvement plan: the 17 JAR recommendations (2005) and their ~180 actions, 2006 to 2008, linked to the
data."""

from datetime import date

import streamlit as st

from dashboard.analysis import plan_status as ps
from dashboard.analysis import plan_tracker as pt
from dashboard.present.tables import XLSX_MIME, safe_cells, to_xlsx
from dashboard.store.connection import run
from dashboard.ui.blocks import available, indicator_trend, view_block
from dashboard.ui.pages import page
from dashboard.ui.widgets import (
    section_tabs,
    show_table,
    url_multiselect,
    url_select,
)
from dashboard.views import plan as plan_views

st.title("Improvement plan: the JAR recommendations, 2006 to 2008")
st.markdown(
    "The Joint Area Review (autumn 2005) made 17 recommendations. The council's improvement plan (Cabinet, "
    "30 March 2006) set out the actions, leads and target dates; progress was reported on 24 March and 19 "
    "May "
    "2006, in the 31 May 2006 self-assessment, and in January 2008, when Government Office intervention "
    "ended."
)
st.info(ps.STATUS_NOTE, icon=":material/info:")

recs = run("plan_recommendations")
actions = run("plan_actions")
progress = run("plan_progress")
leads = run("plan_leads")
if recs.empty:
    st.warning("The improvement plan is not in the store. Rebuild it with `make store`.")
    st.stop()

act_status = ps.action_statuses(actions, progress)
rec_status = ps.rec_statuses(recs, actions, progress, act_status=act_status)
lead_map = dict(zip(leads["initials"], leads["role"]))
actions = actions.assign(lead_effective=pt.effective_leads(actions))
date_keys = [d.isoformat() for d in ps.REPORT_DATES]
date_name = {d.isoformat(): ps.REPORT_LABELS[d] for d in ps.REPORT_DATES}
source_line = plan_views.PLAN_SOURCE

# ---- filters (all in the page address)
with st.container(border=True):
    c1, c2, c3, c4 = st.columns(4)
    at_key = url_select(
        "As at report", date_keys, "plan_at", date_keys[-1], format_func=date_name.get, where=c1
    )
    lead_opts = ["all"] + [
        i for i in leads["initials"] if actions["lead_effective"].str.contains(rf"\b{i}\b", regex=True).any()
    ]
    lead = url_select(
        "Lead",
        lead_opts,
        "plan_lead",
        "all",
        where=c2,
        format_func=lambda i: "All leads" if i == "all" else f"{i} – {lead_map.get(i, '')}"[:60],
    )
    outcomes = ["all"] + sorted(recs["ecm_outcome"].dropna().unique().tolist())
    outcome = url_select(
        "Outcome",
        outcomes,
        "plan_outcome",
        "all",
        where=c3,
        format_func=lambda o: "All outcomes" if o == "all" else o,
    )
    statuses = url_multiselect(
        "Status (as at the chosen report)", ps.STATUSES, "plan_status", ps.STATUSES, where=c4
    )
at = date.fromisoformat(at_key)

keep = plan_views.chosen_recommendations(recs, actions, rec_status, at, lead, outcome, statuses)


def status_over_time():
    _table, meta = view_block(
        "plan_status",
        key="plan_heat",
        page="plan",
        filename=f"jar_plan_status_{at_key}",
        show_caveat=False,
        as_at=at_key,
        lead=lead,
        outcome=outcome,
        statuses=statuses,
    )
    if meta.get("so_what"):
        st.caption(meta["so_what"])


def one_recommendation():
    rec_ids = [str(r) for r in keep["rec_id"]] or [str(r) for r in recs["rec_id"]]
    rec_text = dict(zip(recs["rec_id"].astype(str), recs["text"]))
    rec_key = url_select(
        "Recommendation",
        rec_ids,
        "plan_rec",
        rec_ids[0],
        format_func=lambda r: f"{r}. {rec_text.get(r, '')[:110]}",
    )
    rid = int(rec_key)
    rec = recs[recs["rec_id"] == rid].iloc[0]
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{rid}. {rec['text']}**")
        st.caption(
            f"{rec['rec_group']} · {rec['ecm_outcome']} · JAR timescale: {rec['timescale']} · "
            f"Source: {rec['source_document']} line {rec['source_line']}: “{rec['source_quote'][:120]}”"
        )
        mine = rec_status[rec_status["rec_id"] == rid][
            ["at_date", "status", "rule", "evidence", "evidence_source"]
        ]
        mine = mine.assign(report=mine["at_date"].map(lambda d: ps.REPORT_LABELS[d]))
        show_table(
            mine[["report", "status", "rule", "evidence", "evidence_source"]],
            column_config={"status": "Status (derived)"},
        )
        track = pt.tracker_at(at, recs, actions, progress, leads)
        mine_a = track[track["rec_id"] == rid]
        if lead != "all":
            mine_a = mine_a[
                actions.set_index("action_id")
                .loc[mine_a["action_id"], "lead_effective"]
                .str.contains(rf"\b{lead}\b", regex=True)
                .to_numpy()
            ]
        st.markdown(f"**Actions as at {date_name[at_key]}** ({len(mine_a)})")
        show_table(
            mine_a[
                [
                    "action_id",
                    "action",
                    "lead_roles",
                    "target_text",
                    "action_status",
                    "action_rule",
                    "latest_progress",
                ]
            ],
            column_config={"action_status": "Status (derived)", "lead_roles": "Lead"},
        )
    with right:
        st.markdown("**Indicators that evidence it**")
        links = run("plan_rec_indicators")
        links = links[links["rec_id"] == rid]
        show_table(links[["name", "why", "n_observations"]], column_config={"name": "Indicator"})
        have = available([i for i, n in zip(links["indicator_id"], links["n_observations"]) if n and n > 0])
        if have:
            names = dict(zip(links["indicator_id"], links["name"]))
            pick = url_select("Trend of", have, "plan_ind", have[0], format_func=lambda i: names.get(i) or i)
            indicator_trend(
                pick,
                key="plan_ind_trend",
                page="plan",
                note=f"Recommendation {rid} was derived as “{mine[mine['at_date'] == at]['status'].iloc[0]}” "
                f"as at {date_name[at_key]}.",
            )
        else:
            st.info("The store holds no Herefordshire figures yet for this recommendation's indicators.")


def what_changed():
    c1, c2 = st.columns(2)
    a_key = url_select("From", date_keys, "plan_from", date_keys[0], format_func=date_name.get, where=c1)
    b_key = url_select("To", date_keys, "plan_to", date_keys[1], format_func=date_name.get, where=c2)
    ch_rec = ps.what_changed(rec_status[rec_status["rec_id"].isin(keep["rec_id"])], a_key, b_key)
    ch_act = ps.what_changed(act_status[act_status["rec_id"].isin(keep["rec_id"])], a_key, b_key)
    st.markdown(f"**Recommendations** ({len(ch_rec)} changed)")
    show_table(ch_rec.merge(recs[["rec_id", "text"]], on="rec_id"))
    st.markdown(f"**Actions** ({len(ch_act)} changed)")
    show_table(ch_act.merge(actions[["action_id", "text"]], on="action_id"))


def overdue_actions():
    st.markdown(f"**Overdue actions as at {date_name[at_key]}**")
    track = pt.tracker_at(at, recs, actions, progress, leads)
    od = ps.overdue(
        track[track["rec_id"].isin(keep["rec_id"])].rename(columns={"action_status": "status"}), at
    )
    st.caption(
        "Past their target date and not derived as completed. Ongoing actions without a date are not listed."
    )
    if od.empty:
        st.info(
            f"No action shown here was overdue as at {date_name[at_key]}: each one with a target date before "
            "then is derived as completed, or that report says nothing of it. Choose an earlier report above "
            "to see what was late then.",
            icon=":material/check_circle:",
        )
        return
    show_table(
        od[
            [
                "action_id",
                "rec_id",
                "action",
                "lead_roles",
                "target_text",
                "days_overdue",
                "status",
                "action_rule",
            ]
        ]
    )


def export_tracker():
    st.caption(
        f"One row per action as at {date_name[at_key]}, with derived statuses, the rule that fired, the "
        "latest progress text and the source line."
    )
    track = pt.tracker_at(at, recs, actions, progress, leads)
    export = safe_cells(track)
    show_table(export, height=320)
    c1, c2 = st.columns(2)
    c1.download_button(
        "Download CSV",
        lambda: export.to_csv(index=False).encode("utf-8"),
        file_name=f"jar_tracker_{at_key}.csv",
        mime="text/csv",
        key="plan_csv",
    )
    c2.download_button(
        "Download XLSX",
        lambda: to_xlsx(export, sheet="tracker", notes=[ps.STATUS_NOTE, source_line]),
        file_name=f"jar_tracker_{at_key}.xlsx",
        key="plan_xlsx",
        mime=XLSX_MIME,
    )


def where_it_went_next():
    t07, t15, tlater = st.tabs(
        [
            "2007 APA: strengths and areas",
            "2015: strengths and areas",
            "2015 self-assessment: 2014 areas and evidence of progress",
        ]
    )
    for tab, year in ((t07, 2007), (t15, 2015)):
        with tab:
            stm = run("plan_outcome_statements", year=year)
            if stm.empty:
                st.info(f"No {year} strengths or areas for improvement in the store.")
            for outc, grp in stm.groupby("outcome", sort=False):
                st.markdown(f"**{outc}**")
                show_table(grp[["kind", "text", "source_document", "source_line"]])
    with tlater:
        later = run("plan_later_areas")
        if later.empty:
            st.info("The 2015 self-assessment's areas for improvement are not in the store.")
        else:
            show_table(
                later[
                    ["outcome", "area_text", "evidence_text", "source_document", "area_line", "evidence_line"]
                ]
            )


# Only the open tab is built (the link keeps which one, ?plan_tab=...).
PAGE = page("plan")
section_tabs(
    PAGE.sections(
        status_over_time,
        one_recommendation,
        what_changed,
        overdue_actions,
        export_tracker,
        where_it_went_next,
    ),
    PAGE.tab_key,
)

# ---- the plan's index and the rules, built only when opened
leads_panel = st.expander("Leads' initials (the plan's index)", key="plan_leads_panel", on_change="rerun")
if leads_panel.open:
    with leads_panel:
        show_table(leads)

rules_panel = st.expander("How the status is derived (the rules)", key="plan_rules_panel", on_change="rerun")
if rules_panel.open:
    with rules_panel:
        st.markdown(ps.__doc__.split("Statuses:", 1)[1].replace("\n  ", "\n\n"))
        st.caption(
            "Target dates: a month alone means its last day ('Jan 06' → 31 Jan 2006); a day given is that "
            "day; a range ends at its end; 'Autumn 06' → 30 Nov 2006; '06/07' → 31 Mar 2007; an ongoing "
            "action takes the date of the review it names, or has no date."
        )
