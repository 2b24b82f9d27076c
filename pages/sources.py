"""Sources: the documents behind the figures, a search across every figure and quote, quotes in context."""

import re

import pandas as pd
import streamlit as st

from dashboard.present.display import markdown_escape
from dashboard.present.format import fmt_date, fmt_value
from dashboard.present.sources import cite
from dashboard.present.tables import to_csv_bytes
from dashboard.store.connection import run
from dashboard.ui.widgets import section_tabs, show_table, table_panel, url_select, url_value

st.title("Sources and search")
st.markdown(
    "Every figure, grade and statement taken from the council's papers cites its document, line and "
    "the exact words. The first tab lists the documents; the second searches them and shows any entry "
    "in its context."
)

docs = run("sources_documents")
seeds = docs[docs["kind"] == "seed document"]
DOCUMENTS, SEARCH = "The documents", "Search the council's papers"


def documents() -> None:
    for r in seeds.itertuples():
        with st.container(border=True):
            st.markdown(f"**{r.title}** — {fmt_date(r.published_date)}  \nFile: `{r.file_name}`")
            st.markdown(f"{r.purpose}")
            st.caption(
                f"{r.n_figures} figures, {r.n_judgements} judgements, {r.n_statements} statements in the "
                f"store. {r.note or ''}"
            )
    if panel := table_panel("Published statistics in the store", "panel_sources_pubs"):
        with panel:
            pubs = docs[docs["kind"] != "seed document"]
            show_table(
                pubs[["title", "publisher", "published_date", "file_name", "licence", "n_figures", "url"]]
            )
            st.caption("Contains public sector information licensed under the Open Government Licence v3.0.")


def hits_table(hits):
    return show_table(
        hits[
            [
                "kind",
                "what",
                "area",
                "period",
                "shown value",
                "source_document",
                "source_line",
                "source_quote",
                "note",
            ]
        ],
        on_select="rerun",
        selection_mode="single-row",
        key="hits",
        column_config={
            "source_quote": st.column_config.TextColumn("Quote", width="large"),
            "what": st.column_config.TextColumn("What", width="medium"),
        },
    )


def search() -> None:
    doc_options = ["all"] + seeds["file_name"].tolist()
    titles = dict(zip(seeds["file_name"], seeds["title"]))
    c1, c2 = st.columns([2, 1])
    raw_q = url_value("q") or ""
    if len(raw_q) > 100 or not re.fullmatch(r"[\w\s£%.,'&/()-]*", raw_q):
        if raw_q:
            st.warning("The link's `q` search was not a plain word or number; it has been cleared.")
        raw_q = ""
    q = c1.text_input(
        "Words or a number (e.g. 'looked after', 'South Wye', '1,893')", value=raw_q, max_chars=100
    )
    if q.strip():
        st.query_params["q"] = q.strip()
    elif "q" in st.query_params:
        del st.query_params["q"]
    doc = url_select(
        "Document",
        doc_options,
        "doc",
        "all",
        format_func=lambda d: "All documents" if d == "all" else titles.get(d, d),
        where=c2,
    )
    hits = run("sources_search", q=q.strip(), doc=doc)
    st.caption(f"{len(hits)} match(es){' (first 500 shown)' if len(hits) >= 500 else ''}.")
    if hits.empty:
        st.info("Nothing matches. Try fewer words, or a number without its unit.")
        return
    hits["shown value"] = [
        fmt_value(v, u, None) if pd.notna(v) and k == "figure" else ""
        for v, u, k in zip(hits["value"], hits["unit"], hits["kind"])
    ]
    if q.strip() or doc != "all":  # a search: its matches are what was asked for
        event = hits_table(hits)
    elif panel := table_panel(
        f"Browse every entry ({len(hits)} shown), or search above", "panel_sources_all"
    ):
        with panel:
            event = hits_table(hits)
    else:
        event = None
    st.download_button(
        "Download these matches (CSV)",
        lambda: to_csv_bytes(hits),  # made when clicked, not on every run
        file_name="seed_search.csv",
        mime="text/csv",
    )
    rows = event.selection.rows if event and event.selection else []
    in_context(hits.iloc[rows[0]] if rows else hits.iloc[0])


def in_context(pick) -> None:
    st.subheader("In context")
    st.markdown(
        f"**{pick['what']}** — {cite(pick['source_document'], pick['source_line'])} "
        f"(file `{pick['source_id']}`). "
        "Select a row in the list above (search, or open the full list) to read another."
    )
    ctx = run("sources_context", doc=pick["source_id"], line=int(pick["source_line"]), radius=4)
    if ctx.empty:
        st.info("The document's text is not in this store (the seed documents were not found at build time).")
        return
    quote = markdown_escape(str(pick["source_quote"]))
    for r in ctx.itertuples():  # plain markdown, no HTML: the cited line highlighted, its quote in bold
        text = markdown_escape(r.text or "")
        if r.is_cited:
            text = text.replace(quote, f"**{quote}**", 1) if quote else text
            st.markdown(f":orange-background[**{r.line_no}**&nbsp; {text}]")
        else:
            st.markdown(f":gray[{r.line_no}&nbsp; {text or '&nbsp;'}]")


# A link with a search in it (?q=, ?doc=) opens the search; the documents come first otherwise, so the page's
# first paint loads no text box, picker or download button.
if "src_tab" not in st.query_params and ("q" in st.query_params or "doc" in st.query_params):
    st.session_state["src_tab"] = SEARCH  # the tab's URL value is its widget's: set through the widget
section_tabs({DOCUMENTS: documents, SEARCH: search}, key="src_tab")
