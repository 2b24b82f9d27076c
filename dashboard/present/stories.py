"""Stories: a titled list of slides, each a saved chart view with a title, a one-line 'so what' and notes.

Stories are plain, pretty JSON files in stories/ (stable key order, one key per line), validated with
pydantic; a bad file gives a message naming the file and the field. No Streamlit here: the builder page
keeps the current story in st.session_state['story'] and calls these helpers.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import MutableMapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from dashboard.config import ROOT

SESSION_KEY = "story"
SESSION_STEM = "story_stem"
STEM_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
MAX_SLIDES = 60


def stories_dir() -> Path:
    return Path(os.environ.get("STORIES_DIR", ROOT / "stories"))


class StoryError(ValueError):
    """A story file or name that cannot be used; the message says which file and field."""


class View(BaseModel):
    """Where a slide's chart comes from: a registered chart id and its params (see
    dashboard.views.registry)."""

    model_config = ConfigDict(extra="forbid")
    page: str | None = Field(default=None, max_length=60)
    chart: str = Field(min_length=1, max_length=60, pattern=r"^[a-z][a-z0-9_]*$")
    params: dict = Field(default_factory=dict)
    filters: dict = Field(default_factory=dict)
    title: str | None = Field(default=None, max_length=200)


class Slide(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=200)
    so_what: str = Field(default="", max_length=600)  # a template: {figures} are filled from the chart
    notes: str = Field(default="", max_length=4000)
    view: View

    @field_validator("so_what")
    @classmethod
    def _one_line(cls, v: str) -> str:
        if "\n" in v.strip():
            raise ValueError("the so-what is one line: remove the line breaks")
        return v.strip()


class Story(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=200)
    subtitle: str = Field(default="", max_length=300)
    slides: list[Slide] = Field(default_factory=list, max_length=MAX_SLIDES)


def _where(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(the whole file)"


def explain(err: ValidationError, name: str) -> str:
    lines = [f"{name}: {len(err.errors())} problem(s)"]
    for e in err.errors()[:10]:
        lines.append(f"  field {_where(e['loc'])}: {e['msg']}")
    return "\n".join(lines)


def parse(data, name: str = "story") -> Story:
    try:
        return Story.model_validate(data)
    except ValidationError as e:
        raise StoryError(explain(e, name)) from None


def check_stem(stem: str) -> str:
    """A story's file name: lower-case letters, digits, '-' and '_' only (no paths, no dots)."""
    s = (stem or "").strip()
    if s.endswith(".json"):
        s = s[:-5]
    if not STEM_RE.fullmatch(s):
        raise StoryError(
            f"“{stem[:80]}” is not a usable story file name: use 1–63 lower-case letters, digits, "
            "'-' or '_', starting with a letter or digit (for example peer_challenge_2026)"
        )
    return s


def path_for(stem: str, folder: Path | None = None) -> Path:
    return (folder or stories_dir()) / f"{check_stem(stem)}.json"


def dumps(story: Story) -> str:
    data = story.model_dump(mode="json")
    for s in data["slides"]:
        s["view"]["params"] = dict(sorted(s["view"]["params"].items()))
        s["view"]["filters"] = dict(sorted(s["view"]["filters"].items()))
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save(story: Story, stem: str, folder: Path | None = None, *, by: str | None = None) -> Path:
    """Write stories/<stem>.json. Only a signed-in analyst (`by`, their name) may change files under stories/;
    a viewer builds and exports a session story but never saves, replaces or deletes a shipped one."""
    if not (by or "").strip():
        raise PermissionError("Only a signed-in analyst can save, replace or delete a story in stories/.")
    p = path_for(stem, folder)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(".json.tmp")
    tmp.write_text(dumps(story), encoding="utf-8")
    tmp.replace(p)
    return p


def load_path(p: Path) -> Story:
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StoryError(f"{p.name}: no such story file") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise StoryError(f"{p.name}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
    return parse(data, p.name)


def load(stem: str, folder: Path | None = None) -> Story:
    return load_path(path_for(stem, folder))


def list_stories(folder: Path | None = None) -> list[tuple[str, str]]:
    """(file stem, title) of every readable story, sorted by stem; unreadable files are listed with why."""
    out = []
    for p in sorted((folder or stories_dir()).glob("*.json")):
        if not STEM_RE.fullmatch(p.stem):
            continue
        try:
            out.append((p.stem, load_path(p).title))
        except StoryError as e:
            out.append((p.stem, f"(cannot be read: {str(e).splitlines()[-1].strip()})"))
    return out


# ------------------------------------------------------------------------------------- editing helpers


def new_story(title: str = "New story", subtitle: str = "") -> Story:
    return Story(title=title, subtitle=subtitle, slides=[])


def slide_from_view(view: dict) -> Slide:
    v = View.model_validate(
        {k: view[k] for k in ("page", "chart", "params", "filters", "title") if k in view}
    )
    return Slide(title=(view.get("title") or v.chart.replace("_", " ").capitalize())[:200], view=v)


def add_slide(story: Story, view: dict) -> Story:
    if len(story.slides) >= MAX_SLIDES:
        raise StoryError(f"a story holds at most {MAX_SLIDES} slides")
    return story.model_copy(update={"slides": [*story.slides, slide_from_view(view)]})


def move_slide(story: Story, index: int, delta: int) -> Story:
    slides = list(story.slides)
    j = index + delta
    if not (0 <= index < len(slides)) or not (0 <= j < len(slides)):
        return story
    slides[index], slides[j] = slides[j], slides[index]
    return story.model_copy(update={"slides": slides})


def delete_slide(story: Story, index: int) -> Story:
    if not 0 <= index < len(story.slides):
        return story
    return story.model_copy(update={"slides": [s for i, s in enumerate(story.slides) if i != index]})


def edit_slide(story: Story, index: int, **fields) -> Story:
    """Change a slide's title, so_what or notes; validated like a loaded file."""
    if not 0 <= index < len(story.slides):
        raise StoryError(f"there is no slide {index + 1}")
    bad = set(fields) - {"title", "so_what", "notes"}
    if bad:
        raise StoryError(f"cannot edit {', '.join(sorted(bad))}")
    data = story.model_dump()
    data["slides"][index].update(fields)
    return parse(data, f"slide {index + 1}")


def session_story(session_state: MutableMapping) -> Story:
    st_ = session_state.get(SESSION_KEY)
    if isinstance(st_, Story):
        return st_
    if isinstance(st_, dict):
        try:
            return parse(st_)
        except StoryError:
            pass
    story = new_story()
    session_state[SESSION_KEY] = story
    return story


def add_to_session_story(session_state: MutableMapping, view: dict) -> int:
    """Append a chart's view as a slide of the session's current story; returns the new slide count."""
    story = add_slide(session_story(session_state), view)
    session_state[SESSION_KEY] = story
    return len(story.slides)
