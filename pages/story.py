"""Story builder: load a shipped or saved story, reorder, edit and delete slides, preview, save, export."""

from html import escape

import streamlit as st

from dashboard.intake import auth
from dashboard.present import deck, stories, words
from dashboard.present.format import when_line
from dashboard.present.theme import PLOTLY_CONFIG
from dashboard.store.connection import connection
from dashboard.ui.plotly_chart import plotly_chart
from dashboard.views import registry as views

st.title("Story builder")
st.markdown(
    "Build a presentation from the dashboard's charts: use **Add to story** under any chart, or load a "
    "story below. Each slide keeps its chart's settings, a title, a one-line *so what* and speaker notes."
)

available = stories.list_stories()
names = {stem: title for stem, title in available}
c1, c2 = st.columns([3, 1])
pick = c1.selectbox(
    "Open a saved story",
    ["(keep the current story)"] + [s for s, _ in available],
    format_func=lambda s: s if s.startswith("(") else f"{names[s]} ({s}.json)",
)
if c2.button("Open", disabled=pick.startswith("("), width="stretch"):
    try:
        st.session_state[stories.SESSION_KEY] = stories.load(pick)
        st.session_state[stories.SESSION_STEM] = pick
        st.rerun()
    except stories.StoryError as e:
        st.error(str(e))

story = stories.session_story(st.session_state)
stem = st.session_state.get(stories.SESSION_STEM, "")


def put(new) -> None:
    st.session_state[stories.SESSION_KEY] = new


with st.container(border=True):
    t1, t2 = st.columns(2)
    title = t1.text_input("Story title", story.title, max_chars=200)
    subtitle = t2.text_input("Subtitle", story.subtitle, max_chars=300)
    if (title, subtitle) != (story.title, story.subtitle) and title.strip():
        story = story.model_copy(update={"title": title.strip(), "subtitle": subtitle.strip()})
        put(story)

n = len(story.slides)
st.subheader(f"Slides ({n})")
if not n:
    st.info("No slides yet. Open a saved story, or use **Add to story** under a chart on any page.")
for i, s in enumerate(story.slides):
    with st.container(border=True):
        a, b, c, d, e = st.columns([7, 1, 1, 1, 1])
        what = views.REGISTRY[s.view.chart].description if s.view.chart in views.REGISTRY else "unknown chart"
        a.markdown(
            f"**{i + 1}. {escape(s.title)}**<br>{escape(s.so_what) or '<i>no so-what yet</i>'}<br>"
            f"<small>{escape(what)}"
            f"{' (from the ' + escape(s.view.page) + ' page)' if s.view.page else ''}</small>",
            unsafe_allow_html=True,
        )
        if b.button("↑", key=f"up_{i}", help="Move up", disabled=i == 0):
            put(stories.move_slide(story, i, -1))
            st.rerun()
        if c.button("↓", key=f"down_{i}", help="Move down", disabled=i == n - 1):
            put(stories.move_slide(story, i, 1))
            st.rerun()
        if d.button("Preview", key=f"prev_{i}"):
            st.session_state["story_preview"] = i
        if e.button("Delete", key=f"del_{i}"):
            put(stories.delete_slide(story, i))
            st.rerun()
        with st.expander("Edit title, so-what and notes"):
            with st.form(f"edit_{i}"):
                nt = st.text_input("Slide title", s.title, max_chars=200)
                ns = st.text_input("So what (one line)", s.so_what, max_chars=300)
                nn = st.text_area("Speaker notes", s.notes, max_chars=4000)
                if st.form_submit_button("Save changes"):
                    try:
                        put(stories.edit_slide(story, i, title=nt, so_what=ns, notes=nn))
                        st.rerun()
                    except stories.StoryError as err:
                        st.error(str(err))

pi = st.session_state.get("story_preview")
if pi is not None and pi < n:
    st.subheader(f"Preview: slide {pi + 1}")
    s = story.slides[pi]
    try:
        fig, table, meta = views.render_view(s.view.model_dump(), connection())
        said = words.slide_words(s, table)
        st.markdown(f"**{escape(said.title)}**  \n{escape(said.so_what)}", unsafe_allow_html=True)
        unheld = words.missing_numbers(said.title + " " + said.so_what, table)
        if said.problem or unheld:
            st.warning(
                said.problem
                or f"The chart's figures do not include {', '.join(unheld)}: write figures as {{names}} "
                "filled "
                "from the chart "
                f"({', '.join(sorted(words.facts(s.view.chart, table, s.view.params))[:12])} …)."
            )
        plotly_chart(fig, key="story_preview_chart", config=PLOTLY_CONFIG)
        st.caption(
            f"Sources: {'; '.join(meta['sources'])}. {when_line(meta['as_at'])}. {meta['suppression_note']}"
        )
    except views.ViewError as err:
        st.error(f"This slide's chart cannot be drawn: {err}")

st.subheader("Save and present")
analyst = auth.current_user() if auth.is_analyst() else None
if not analyst:
    st.info(
        "Saving a story to stories/ (or replacing a shipped one) needs analyst sign-in. You can still build "
        "this story and take it away as PowerPoint or PDF below.",
        icon=":material/lock:",
    )
else:
    with st.form("save_as"):
        fname = st.text_input(
            "File name",
            stem or "my_story",
            max_chars=63,
            help="Lower-case letters, digits, '-' and '_' only; saved as stories/<name>.json",
        )
        overwrite = st.checkbox("Replace a story with the same name")
        if st.form_submit_button("Save story"):
            try:
                clean = stories.check_stem(fname)
                if clean in names and not overwrite and clean != stem:
                    st.error(
                        f"A story called {clean}.json already exists. Tick 'Replace' or choose another name."
                    )
                else:
                    stories.save(story, clean, by=analyst)
                    st.session_state[stories.SESSION_STEM] = clean
                    st.success(f"Saved as stories/{clean}.json")
                    stem = clean
            except stories.StoryError as err:
                st.error(str(err))

if stem:
    st.page_link(
        "pages/present.py",
        label=f"Present “{story.title}” (saved as {stem}.json)",
        icon=":material/slideshow:",
        query_params={"story": stem, "slide": "1"},
    )
else:
    st.caption("Save the story to present it: presenter mode shows saved stories, one address per slide.")

st.subheader("Export")
st.caption(
    "Exports obey the same disclosure control as the screen. Building the files draws every chart "
    "(about 10–15 seconds for ten slides)."
)
e1, e2 = st.columns(2)
if e1.button("Build PowerPoint and PDF", disabled=not n):
    with st.spinner("Drawing the charts…"):
        rendered = deck.render(story, connection())
        st.session_state["story_exports"] = {
            "pptx": deck.story_to_pptx(story, connection(), rendered),
            "pdf": deck.story_to_pdf(story, connection(), rendered),
        }
files = st.session_state.get("story_exports")
if files:
    base = stem or "story"
    e2.download_button(
        "Download PowerPoint (.pptx)",
        files["pptx"],
        file_name=f"{base}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    )
    e2.download_button("Download PDF handout", files["pdf"], file_name=f"{base}.pdf", mime="application/pdf")
