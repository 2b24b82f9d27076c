"""Explore: any indicator in the catalogue with its definition, trend, comparators and table."""

import streamlit as st

from dashboard.present.format import fmt_date
from dashboard.store.connection import run
from dashboard.ui.blocks import indicator_trend
from dashboard.ui.widgets import locality_scope_note, url_select

st.title("Explore an indicator")
cat = run("catalogue")
if cat.empty:
    st.warning("The store holds no indicators yet. Run `make store`.")
    st.stop()
topics = sorted(cat["topic"].unique().tolist())
topic = url_select("Topic", ["All topics"] + topics, "x_topic", "All topics")
pool = cat if topic == "All topics" else cat[cat["topic"] == topic]
labels = dict(zip(cat["indicator_id"], cat["name"] + " (" + cat["indicator_id"] + ")"))
ids = pool["indicator_id"].tolist()
default = "LAC" if "LAC" in ids else ids[0]
indicator_id = url_select("Indicator", ids, "x_ind", default, format_func=lambda i: labels.get(i, i))
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

indicator_trend(indicator_id, key="explore", page="explore", show_caveat=False)
