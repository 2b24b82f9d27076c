"""Explore: any indicator in the catalogue with its definition, trend (tested), where Herefordshire stands
among all councils (rank and band LAIT's way) and its neighbours by name."""

import pandas as pd
import streamlit as st

from dashboard.analysis import ranks, trends
from dashboard.present.format import fmt_date
from dashboard.store.connection import run
from dashboard.ui.blocks import filters, view_block
from dashboard.ui.widgets import locality_scope_note, text_table, url_choice, url_select
from dashboard.views import benchmark

st.title("Explore an indicator")
cat = run("catalogue")
if cat.empty:
    st.warning("The store holds no indicators yet. Run `make store`.")
    st.stop()
# One picker: each indicator is labelled with its topic, so typing a topic ("Key Stage 2") narrows the list
# as a separate topic box did, for one widget fewer on the first paint. A link's ?x_topic= still narrows it.
topic = url_choice("x_topic", cat["topic"])
pool = cat if topic is None else cat[cat["topic"] == topic]
labels = {  # the topic first, unless the name already starts with it
    i: (n if n.lower().startswith(t.lower()) else f"{t}: {n}") + f" ({i})"
    for i, t, n in zip(cat["indicator_id"], cat["topic"], cat["name"], strict=True)
}
ids = pool.sort_values(["topic", "name"])["indicator_id"].tolist()
default = "LAC" if "LAC" in ids else ids[0]
indicator_id = url_select(
    "Indicator (type a topic or a word to narrow the list)",
    ids,
    "x_ind",
    default,
    format_func=lambda i: labels.get(i, i),
)
locality_scope_note(has_locality_data=False)

info = run("indicator_info", indicator_id=indicator_id).iloc[0]
with st.container(border=True):
    st.markdown(f"### {info['name']}")
    st.markdown(info["definition"] or "_No definition recorded._")
    c1, c2, c3 = st.columns(3)
    c1.markdown(f"**Unit:** {info['unit']}")
    c2.markdown(f"**Polarity:** {info['polarity']}")
    c3.markdown(f"**Period:** {info['period_type'] or 'not stated'}")
    st.markdown(
        f"**Figures held:** {int(info['n_obs'])}, from {fmt_date(info['first_period_end'])} "
        f"to {fmt_date(info['last_period_end'])}"
    )
    st.markdown(f"**Sources:** {info['sources'] or '–'}")
    if info["caveat"]:
        st.warning(f"Caveat: {info['caveat']}", icon=":material/warning:")
    if info["source_link"]:
        st.markdown(f"[Publisher's page for this measure]({info['source_link']})")

years = run("benchmark_years", indicator_id=indicator_id)["period_label"].tolist()
period = url_select("Year (every council)", years, "x_year", years[0]) if years else None
summary = st.container(border=True)

compare, from_year = filters()
_, trend_meta = view_block(
    "indicator_trend",
    key="explore",
    page="explore",
    filename=f"explore_{indicator_id}".replace("%", "pct"),
    show_caveat=False,
    indicator_id=indicator_id,
    from_year=from_year,
    compare=list(compare),
)
if trends.breaks_at_covid(indicator_id, info["topic"]):
    st.caption(trends.BREAK_NOTE)

with summary:
    st.markdown("#### How Herefordshire compares")
    if period is None:
        st.markdown(
            "No all-council figures for this indicator: ranks, bands and the distribution come from LAIT's "
            "44 key measures for every council."
        )
        if trend_meta.get("trend"):
            st.markdown(f"**Trend:** {trend_meta['trend']}")

if period is not None:
    table, _meta = view_block(
        "benchmark_distribution",
        key="explore_dist",
        page="explore",
        filename=f"explore_{indicator_id}_{period}_all_councils".replace("%", "pct"),
        empty_reason=f"No council has a figure for {info['name']} in {period}.",
        indicator_id=indicator_id,
        period=period,
    )
    with summary:
        for label, words in benchmark.summary_lines(table, info, trend_meta):
            st.markdown(f"**{label}:** {words}")
        if info["polarity"] == "no judgement":
            st.caption(
                "A measure without a polarity (higher is not better or worse): LAIT gives it no rank or band."
            )
        st.caption(ranks.RULE_NOTE)
    st.markdown("#### Statistical neighbours by name")
    dec = None if pd.isna(info["decimals"]) else int(info["decimals"])
    text_table(benchmark.neighbour_table(table, info["unit"], dec))
