"""Presenter mode: one slide at a time, full screen, large type; its own URL per slide
(?story=<file stem>&slide=3); ArrowRight/PageDown and ArrowLeft/PageUp move between slides."""

from html import escape

import streamlit as st

from dashboard.present import stories, words
from dashboard.present.format import when_line
from dashboard.present.theme import PLOTLY_CONFIG
from dashboard.store.connection import connection
from dashboard.ui.plotly_chart import plotly_chart
from dashboard.views import catalogue as views
from dashboard.views.layout import set_height, without_source

CHART_HEIGHT = 430  # with the title, so-what, footer and buttons, a slide fits a 1280x720 screen

st.markdown(
    """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] {display:none !important}
[data-testid="stMainBlockContainer"] {padding: 1.2rem 2.5rem 0.5rem 2.5rem; max-width: 100%}
@media (max-width: 640px) {  /* a phone: the chart gets the width its words were laid out for (390 px) */
  [data-testid="stMainBlockContainer"] {padding: .8rem .5rem .5rem .5rem}
  .present-notes {height: auto; max-height: 430px}
}
.present-title {font-size: clamp(1.5rem, 2.6vw, 2.6rem); font-weight: 700; color: #12436D; line-height: 1.15;
  margin: 0 0 .4rem 0}
.present-sowhat {font-size: clamp(1.1rem, 1.6vw, 1.7rem); font-weight: 600; color: #0B0C0C; line-height: 1.3}
.present-num {font-size: clamp(1.1rem, 1.6vw, 1.6rem); color: #505A5F; text-align: right}
.present-foot {font-size: clamp(.8rem, 1vw, 1rem); color: #505A5F}
.present-notes {font-size: 1rem; line-height: 1.35; color: #0B0C0C; background: #F3F2F1; padding: .6rem .8rem;
  height: 430px; overflow-y: auto; border-left: 4px solid #12436D}
</style>""",
    unsafe_allow_html=True,
)

available = dict(stories.list_stories())
if not available:
    st.error("No stories are saved yet. Build one on the Story builder page.")
    st.stop()
default_stem = "peer_challenge_2015_16" if "peer_challenge_2015_16" in available else sorted(available)[0]
raw_story = st.query_params.get("story")
stem = default_stem
if raw_story is not None:
    if raw_story in available:
        stem = raw_story
    else:
        st.warning(
            f"There is no story called “{raw_story[:60]}”; showing “{available[default_stem]}”.",
            icon=":material/warning:",
        )
try:
    story = stories.load(stem)
except stories.StoryError as e:
    st.error(f"This story file cannot be shown:\n\n{e}")
    st.stop()
n = len(story.slides)
if n == 0:
    st.info("This story has no slides yet.")
    st.stop()

raw_slide = st.query_params.get("slide")
idx = 1
if raw_slide is not None:
    if raw_slide.isdigit() and 1 <= int(raw_slide) <= n:
        idx = int(raw_slide)
    else:
        st.warning(
            f"Slide “{raw_slide[:20]}” is not between 1 and {n}; showing slide 1.", icon=":material/warning:"
        )


def go_to(i: int) -> None:
    st.query_params.update({"story": stem, "slide": str(max(1, min(n, i)))})


if st.query_params.get("story") != stem or st.query_params.get("slide") != str(idx):
    st.query_params.update({"story": stem, "slide": str(idx)})
slide = story.slides[idx - 1]

try:
    fig, table, meta = views.render_view(slide.view.model_dump(), connection())
except views.ViewError as e:
    fig, table, meta = None, None, {"sources": [], "as_at": "", "suppression_note": ""}
    st.error(f"This slide's chart cannot be drawn: {e}")
said = words.slide_words(slide, table)

top_l, top_m, top_r = st.columns([7, 3, 1], vertical_alignment="center")
top_l.markdown(f"<div class='present-title'>{escape(said.title)}</div>", unsafe_allow_html=True)
top_m.selectbox(
    "Story",
    list(available),
    index=list(available).index(stem),
    format_func=lambda s: available[s],
    key="present_story_pick",
    on_change=lambda: st.query_params.update({"story": st.session_state["present_story_pick"], "slide": "1"}),
    label_visibility="collapsed",
)
top_r.markdown(
    f"<div class='present-num' data-testid='slide-number'>{idx} / {n}</div>", unsafe_allow_html=True
)
st.markdown(f"<div class='present-sowhat'>{escape(said.so_what)}</div>", unsafe_allow_html=True)
left, right = st.columns([5, 2])
with left:
    if fig is not None and not meta.get("empty"):
        fig = set_height(without_source(fig), CHART_HEIGHT).update_layout(
            font=dict(size=15)
        )  # sources: footer
        plotly_chart(fig, key=f"present_{stem}_{idx}", config=PLOTLY_CONFIG | {"displayModeBar": False})
    elif fig is not None:
        st.info("No figures for this chart have been loaded.")
with right:
    notes = escape(said.notes or "No notes for this slide.").replace("\n", "<br>")
    st.markdown(
        f"<div class='present-notes' data-testid='speaker-notes'><b>Speaker notes</b><br>{notes}</div>",
        unsafe_allow_html=True,
    )
srcs = "; ".join(meta.get("sources") or []) or "not recorded"
foot = f"Sources: {srcs}. {when_line(meta.get('as_at'))}."
if meta.get("suppression_note"):
    foot += " " + meta["suppression_note"]
st.markdown(f"<div class='present-foot'>{escape(foot)}</div>", unsafe_allow_html=True)

b1, b2, b3, _ = st.columns([1, 1, 2, 4])
b1.button("← Previous", key="present_prev", on_click=go_to, args=(idx - 1,), disabled=idx <= 1)
b2.button("Next →", key="present_next", on_click=go_to, args=(idx + 1,), disabled=idx >= n)
b3.page_link("pages/story.py", label="Leave presenter mode", icon=":material/edit:")

# Keys: the handler lives in the parent page; it is replaced on every run so only one is ever active.
st.iframe(
    """<script>
const SLIDE = __SLIDE__;
const doc = window.parent.document;
const w = window.parent;
if (w.__presenterKeys) { doc.removeEventListener('keydown', w.__presenterKeys, true); }
w.__presenterKeys = function (e) {
  const t = e.target;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
  let key = null;
  if (e.key === 'ArrowRight' || e.key === 'PageDown') key = 'present_next';
  if (e.key === 'ArrowLeft' || e.key === 'PageUp') key = 'present_prev';
  if (!key) return;
  const b = doc.querySelector('.st-key-' + key + ' button');
  if (b && !b.disabled) { e.preventDefault(); b.click(); }
};
doc.addEventListener('keydown', w.__presenterKeys, true);
w.__presenterSlide = SLIDE;
</script>""".replace("__SLIDE__", str(int(idx))),
    height=1,
)
