"""Overview: headline tiles, the pyramid of need then and now, Every Child Matters judgements."""

import pandas as pd
import streamlit as st

from dashboard.analysis import headlines
from dashboard.store.connection import run
from dashboard.ui.blocks import view_block
from dashboard.ui.widgets import locality_scope_note, show_table, tile

st.title("Herefordshire children's needs and outcomes")
st.markdown(
    "How many children need help, how Herefordshire compares, and how services were judged — "
    "from the 2005 Joint Area Review to the latest published statistics."
)
locality_scope_note(has_locality_data=False)

st.subheader("Headline figures")
cols = st.columns(3)
for col, (label, rate_id, count_id) in zip(cols, headlines.HEADLINES):
    series = run("headline_series", rate_id=rate_id, count_id=count_id)
    sn = run("comparator_series", indicator_id=rate_id)
    t = headlines.build_tile(label, series, sn, run("benchmark_standing", indicator_id=rate_id))
    if t is None:
        col.info(f"{label}: no published figure in the store.")
        continue
    lines = t.comparisons + ([t.significance[0].upper() + t.significance[1:]] if t.significance else [])
    lines += [x for x in (t.standing, t.trend) if x]
    lines.append(f"Source: {t.source}")
    tile(
        col,
        f"{t.label} (rate per 10,000 children)",
        t.value_text,
        f"{t.count_text}, {t.as_at_text}",
        lines,
        delta=t.change,
    )
st.caption(
    "Rates of children looked after, on plans and in need are measures of demand: higher is not "
    "better or worse, so they are not coloured good or bad. Significance compares 95% Byar intervals."
)

st.subheader("The pyramid of need: 2006 and today")
left, right = st.columns(2)
with left:
    view_block(
        "pyramid_then",
        key="pyramid_then",
        page="overview",
        filename="profile_of_need_2006",
        empty_reason="The 2006 profile of need has not been extracted into the store yet.",
    )
with right:
    view_block(
        "pyramid_now",
        key="pyramid_now",
        page="overview",
        filename="pyramid_of_need_today",
        empty_reason="Published statistics are not in this store (the public data pack was not found).",
    )

st.subheader("Every Child Matters outcomes: latest judgement")
j = run("ecm_latest_judgements")
latest = j[j["is_latest"]]
if latest.empty:
    st.info("No graded judgements are in the store yet.")
else:
    show = latest.assign(
        judgement=[
            f"{g} ({int(n)})" if pd.notna(n) else str(g)
            for g, n in zip(latest["grade_label"], latest["grade"])
        ],
        source=[
            f"{d}, line {int(line)}" if pd.notna(line) else d
            for d, line in zip(latest["source_document"], latest["source_line"])
        ],
    )
    show_table(
        show[["outcome", "framework", "period_label", "judgement", "source", "source_quote"]],
        column_config={"source_quote": st.column_config.TextColumn("Quote", width="large")},
    )
    st.caption(
        "JAR/APA grades: 1 inadequate, 2 adequate, 3 good, 4 outstanding. The Outcomes page shows "
        "every judgement over time."
    )
