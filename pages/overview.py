"""Overview: headline tiles, the pyramid of need then and now, Every Child Matters judgements."""

import pandas as pd
import streamlit as st

from dashboard.analysis import headlines
from dashboard.present.format import fmt_date
from dashboard.present.sources import cite_rows
from dashboard.store.connection import run
from dashboard.ui.blocks import view_block
from dashboard.ui.locality import overview_section
from dashboard.ui.widgets import show_table, table_panel, tile

st.title("Herefordshire children's needs and outcomes")
st.markdown(
    "How many children need help, how Herefordshire compares, and how services were judged — "
    "from the 2005 Joint Area Review to the latest published statistics."
)
overview_section()  # the sidebar locality's own figures beside the county and England

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

st.subheader("Every Child Matters outcomes: latest overall judgement")
j = run("ecm_latest_judgements")
latest = j[j["is_latest"]]
if latest.empty:
    st.info("No graded judgements have been loaded yet.")
else:
    show = latest.assign(
        judgement=[
            f"{g} ({int(n)})" if pd.notna(n) else str(g)
            for g, n in zip(latest["grade_label"], latest["grade"])
        ],
        judged_by=[
            f"{fw}, {fmt_date(d)}" + (": the council's own self-assessment, not an inspection" if own else "")
            for fw, d, own in zip(latest["framework"], latest["judgement_date"], latest["is_self_assessment"])
        ],
        source=cite_rows(latest),
    )
    st.markdown(
        "\n".join(
            f"- **{o}**: {jdg} ({by})"
            for o, jdg, by in show[["outcome", "judgement", "judged_by"]].itertuples(index=False)
        )
    )
    if panel := table_panel("Sources and quotes for these judgements", "panel_overview_ecm"):
        with panel:
            show_table(
                show[["outcome", "judgement", "judged_by", "subject", "source", "source_quote"]],
                column_config={
                    "judged_by": st.column_config.TextColumn("Framework and date", width="medium"),
                    "subject": st.column_config.TextColumn("What was judged", width="medium"),
                    "source_quote": st.column_config.TextColumn("Quote", width="large"),
                },
            )
    st.caption(
        "Overall judgements only (sub-judgements, such as the 2014 adoption grade, are on the Outcomes "
        "page). "
        "JAR/APA grades: 1 inadequate, 2 adequate, 3 good, 4 outstanding. The Outcomes page shows every "
        "judgement over time."
    )
