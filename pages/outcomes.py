"""Every Child Matters outcomes: judgements over time, strengths and areas for improvement, and indicators."""

import streamlit as st

from dashboard.analysis import outcomes as oc
from dashboard.store.connection import run
from dashboard.ui.widgets import chart_block, locality_scope_note, show_table, url_select
from dashboard.views import charts

st.title("Every Child Matters outcomes")
st.markdown(
    "The five outcomes for children — be healthy, stay safe, enjoy and achieve, make a positive "
    "contribution, achieve economic well-being — and the management of services, as inspectors judged "
    "them from the 2005 Joint Area Review (JAR) to later Ofsted inspections, with what the council's papers "
    "said were strengths and areas for improvement, and the indicators that belong to each outcome."
)
locality_scope_note(has_locality_data=False)

# --- Judgement grid -----------------------------------------------------------------------------------------
GRID_TITLE = "How each outcome was judged: inspections and the council's own self-assessments"
st.subheader("Judgements over time")
j = run("outcomes_judgements")
grid = oc.judgement_grid(j)
cols = oc.grid_columns(grid)
rows = [o for o in oc.OUTCOMES if o in set(grid["outcome"].astype(str))]
fig = oc.grid_figure(grid, rows, cols)
latest = grid["framework"].iloc[grid["order"].argmax()] if not grid.empty else ""
charts.titled(
    fig,
    GRID_TITLE,
    f"Herefordshire, {cols[0] if cols else ''} to {latest}; grades 1-4 (RI: requires improvement); "
    "* several part judgements, no overall one",
    "APA self-assessment, 31 May 2006; Cabinet agenda pack, 30 March 2006; Cabinet report, 24 January 2008; "
    "Peer Challenge self-assessment, September 2015",
)
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
chart_block(
    fig,
    table,
    key="oc_grid",
    filename="ecm_judgements",
    alt="Grid with the outcomes as rows and inspections in time order as columns; each cell gives the "
    "grade in words. Staying safe moved from 1 inadequate (JAR 2005) to 2 adequate (APA 2007).",
    notes=[
        "* = no judgement of the whole outcome was found, only of parts of it (see the subject column).",
        "RI = requires improvement, Ofsted's grade below good since 2012, placed on the adequate step.",
        "Columns named 'self-assessment' are the council's own grades, not an inspector's.",
    ],
    empty_reason="No outcome judgements are in the store yet.",
    view={"page": "outcomes", "chart": "grid", "title": GRID_TITLE},
)
st.caption(
    "JAR/APA grades: 1 inadequate, 2 adequate, 3 good, 4 outstanding. Today's Ofsted words are placed on "
    "the same four steps for colour only (RI, requires improvement, sits on the adequate step); the words in "
    "each cell are the judgement. * marks a cell with several part judgements and no judgement of the whole "
    "outcome (the table names them). Columns named 'self-assessment' are the council's own grades, not an "
    "inspector's: the Service management row's 2006 grade is one."
)
others = oc.other_judgements(j)
if others is not None and not others.empty:
    with st.expander(f"Other inspections of services and settings ({len(others)})"):
        show_table(
            others[
                [
                    "framework",
                    "period_label",
                    "outcome",
                    "subject",
                    "grade_label",
                    "source_document",
                    "source_line",
                    "source_quote",
                ]
            ]
        )

# --- Strengths, areas for improvement and indicators per outcome --------------------------------------------
st.subheader("Strengths, areas for improvement and indicators")
outcome = url_select("Outcome", oc.OUTCOMES[:6], "oc_outcome", oc.OUTCOMES[0])
stmts = run("outcomes_statements", kinds=["strength", "area for improvement"])
status = oc.latest_status(run("outcomes_indicators"))
mine = stmts[stmts["outcome"] == outcome]
for kind, label in (("strength", "Strengths"), ("area for improvement", "Areas for improvement")):
    sub = mine[mine["kind"] == kind]
    with st.expander(f"{label}: {outcome} ({len(sub)} quoted)", expanded=kind == "strength"):
        if sub.empty:
            st.info(f"No {label.lower()} for this outcome have been extracted from the papers.")
        for line in oc.quote_lines(sub):
            st.markdown(line)

ind = status[status["ecm_outcome"].astype(str) == outcome]
st.markdown(f"**Indicators for {outcome.lower()}: latest figure** ({len(ind)})")
if ind.empty:
    st.info("No indicators with figures are linked to this outcome.")
else:
    show_table(
        ind[["indicator", "latest", "as_at", "comparison", "among_councils", "polarity", "source"]],
        column_config={"indicator": st.column_config.TextColumn("Indicator", width="large")},
    )
    st.caption(
        "Latest Herefordshire figure (published statistics before the council's papers) and England's for "
        "the same date, compared through 95% intervals where counts are published. 'Better' or "
        "'worse' is said "
        "only for indicators with a polarity; demand measures (no judgement) are only higher or "
        "lower. Counts "
        "are not compared with England's counts. 'Among councils': rank and band LAIT's way, for its "
        "key measures."
    )
