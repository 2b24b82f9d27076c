"""Every Child Matters outcomes: judgements over time, strengths and areas for improvement, and indicators."""

import streamlit as st

from dashboard.analysis import outcomes as oc
from dashboard.store.connection import run
from dashboard.ui.blocks import view_block
from dashboard.ui.widgets import locality_scope_note, show_table, url_select

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
view_block("outcomes_grid", key="oc_grid", page="outcomes", filename="ecm_judgements")
st.caption(
    "JAR/APA grades: 1 inadequate, 2 adequate, 3 good, 4 outstanding. Today's Ofsted words are placed on "
    "the same four steps for colour only (RI, requires improvement, sits on the adequate step); the words in "
    "each cell are the judgement. * marks a cell with several part judgements and no judgement of the whole "
    "outcome (the table names them). Columns named 'self-assessment' are the council's own grades, not an "
    "inspector's: the Service management row's 2006 grade is one."
)
others = oc.other_judgements(run("outcomes_judgements"))
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
