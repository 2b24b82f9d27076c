"""Streamlit building blocks every page uses: URL-bound controls, the chart block, messages.

Pages call these and the query runner; they hold no SQL and no data wrangling.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.present.display import markdown_escape
from dashboard.present.tables import XLSX_MIME, to_csv_bytes, to_xlsx
from dashboard.present.theme import PLOTLY_CONFIG
from dashboard.store.memo import memoize
from dashboard.ui.plotly_chart import plotly_chart, trace_types
from dashboard.views import charts  # noqa: F401  (registers the Plotly template)

MAX_PARAM_LEN = 200


def _note_bad_param(key: str, raw: str, why: str) -> None:
    shown = raw if len(raw) <= 60 else raw[:57] + "..."
    st.session_state.setdefault("_bad_params", {})[key] = (
        f"The link's `{key}` value “{shown}” {why}; showing the default instead."
    )


def bad_param_messages() -> None:
    """Show, once per run, what was wrong with the URL's parameters."""
    for msg in st.session_state.pop("_bad_params", {}).values():
        st.warning(msg, icon=":material/warning:")


def url_value(key: str) -> str | None:
    raw = st.query_params.get(key)
    if raw is None:
        return None
    if len(raw) > MAX_PARAM_LEN:
        _note_bad_param(key, raw, "is too long")
        return None
    return raw


def url_choice(key: str, options) -> str | None:
    """A URL parameter with no widget of its own: its value when it is one of `options`, else None (and a
    message saying what was wrong with the link)."""
    raw = url_value(key)
    if raw is not None and raw not in set(options):
        _note_bad_param(key, raw, "is not one of the choices")
        return None
    return raw


def _url_changed(key: str, raw: str | None) -> bool:
    """True when the URL's value is not the one this session last wrote (a new link, back/forward)."""
    last = st.session_state.setdefault("_qp_written", {})
    return key not in last or last[key] != raw


def _set_param(key: str, value: str | None, default: str | None) -> None:
    st.session_state.setdefault("_qp_written", {})[key] = None if value is None or value == default else value
    if value is None or value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def url_select(
    label: str,
    options: Sequence[str],
    key: str,
    default: str | None = None,
    format_func: Callable[[str], str] = str,
    where=st,
    help: str | None = None,
) -> str:
    """A selectbox whose choice lives in the URL (?key=value), validated against the options."""
    options = list(options)
    if not options:
        raise ValueError(f"no options for {label}")
    default = default if default in options else options[0]
    raw = url_value(key)
    current = default
    if raw is not None:
        if raw in options:
            current = raw
        else:
            _note_bad_param(key, raw, "is not one of the choices")
    wkey = f"w_{key}"
    if wkey in st.session_state and st.session_state[wkey] not in options:
        del st.session_state[wkey]
    if wkey not in st.session_state or _url_changed(key, raw):
        st.session_state[wkey] = current
    value = where.selectbox(label, options, key=wkey, format_func=format_func, help=help)
    _set_param(key, value, default)
    return value


def url_multiselect(
    label: str,
    options: Sequence[str],
    key: str,
    default: Sequence[str] = (),
    format_func: Callable[[str], str] = str,
    where=st,
    control: Literal["multiselect", "pills"] = "multiselect",
) -> list[str]:
    """A multiselect (or, for a few short options, multi-choice pills: a much lighter widget for the browser)
    stored in the URL as a comma-separated list of option values."""
    options = list(options)
    default = [d for d in default if d in options]
    raw = url_value(key)
    current = default
    if raw is not None:
        parts = [p for p in raw.split(",") if p]
        bad = [p for p in parts if p not in options]
        if bad:
            _note_bad_param(key, raw, f"has unknown choice(s) {', '.join(b[:30] for b in bad[:3])}")
        current = [p for p in parts if p in options] or ([] if raw == "none" else default)
    wkey = f"w_{key}"
    if wkey not in st.session_state or _url_changed(key, raw):
        st.session_state[wkey] = current
    if control == "pills":
        value = where.pills(label, options, selection_mode="multi", key=wkey, format_func=format_func) or []
    else:
        value = where.multiselect(label, options, key=wkey, format_func=format_func)
    encoded = ",".join(value) if value else "none"
    _set_param(key, encoded, ",".join(default) if default else "none")
    return value


def url_int(
    label: str,
    key: str,
    lo: int,
    hi: int,
    default: int,
    where=st,
    control: Literal["slider", "select"] = "slider",
) -> int:
    """A whole number from lo to hi in the URL, as a slider or (lighter in the browser) a select box."""
    raw = url_value(key)
    current = default
    if raw is not None:
        if re.fullmatch(r"\d{1,6}", raw) and lo <= int(raw) <= hi:
            current = int(raw)
        else:
            _note_bad_param(key, raw, f"is not a year from {lo} to {hi}")
    wkey = f"w_{key}"
    if wkey not in st.session_state or _url_changed(key, raw):
        st.session_state[wkey] = current
    if control == "select":
        value = where.selectbox(label, range(lo, hi + 1), key=wkey)
    else:
        value = where.slider(label, lo, hi, key=wkey)
    _set_param(key, str(value), str(default))
    return value


def for_download(df: pd.DataFrame) -> pd.DataFrame:
    """What downloads carry: the same disclosure control as the screen."""
    from dashboard import config

    return _for_download(df, config.disclosure_threshold())


@memoize(maxsize=256)
def _for_download(df: pd.DataFrame, threshold: int) -> pd.DataFrame:
    from dashboard.analysis import disclosure

    return disclosure.protect(df, threshold=threshold)


def _width(shown: pd.Series, label: str) -> int:
    """A column's width in pixels: its header and most of its cells whole, at most 420 (the rest on hover)."""
    lengths = shown.astype(str).str.len()
    typical = int(lengths.quantile(0.9)) if len(lengths) else 0
    return max(60, min(420, 8 * max(len(label), typical) + 24))


def figure_table(fig: go.Figure) -> tuple[pd.DataFrame, list[str]]:
    """A table figure's header and cells (the words the slide shows) as a frame, and its right-aligned
    columns."""
    t = fig.data[0]
    heads = [re.sub(r"</?b>", "", str(h)) for h in t.header.values]
    align = t.cells.align if isinstance(t.cells.align, (list, tuple)) else [t.cells.align] * len(heads)
    right = [h for h, a in zip(heads, align, strict=False) if a == "right"]
    return pd.DataFrame(dict(zip(heads, (list(v) for v in t.cells.values), strict=True))), right


def text_table(df: pd.DataFrame, decimals: int | None = None, right: list | None = None) -> None:
    """A short table written into the page (markdown), for tables people read rather than sort or search:
    headers in words and cells as in `show_table`, and none of st.dataframe's grid to load first. On a phone
    it scrolls sideways (page_shell.PAGE_CSS)."""
    from dashboard.present.display import markdown_table
    from dashboard.present.format import column_label

    st.markdown(markdown_table(df, {c: column_label(str(c)) for c in df.columns}, decimals, right))


def show_table(df: pd.DataFrame, *, column_config: dict | None = None, decimals: int | None = None, **kwargs):
    """st.dataframe as people read it: headers in words (format.column_label), every cell as display text
    (present.display: blank for empty, never 'None' or 'nan'; numbers rounded, to `decimals` for the measured
    values; dates as '31 Mar 2014'), numbers right-aligned, columns wide enough for their words, links
    clickable. The frame itself (and so any download of it) keeps its column names and values.
    `column_config` entries win; one without a label gets the readable header. Returns what st.dataframe
    returns (the selection event when on_select is set)."""
    from dashboard.present.display import display_frame, numeric_columns
    from dashboard.present.format import column_label

    shown = display_frame(df, decimals)
    right = set(numeric_columns(df))
    config: dict = {}
    for c in df.columns:
        label = column_label(str(c))
        if str(c) == "url":
            config[c] = st.column_config.LinkColumn(label)
        else:
            config[c] = st.column_config.TextColumn(
                label, width=_width(shown[c], label), alignment="right" if c in right else "left"
            )
    for c, spec in (column_config or {}).items():
        if isinstance(spec, dict) and not spec.get("label"):
            spec = {**spec, "label": column_label(str(c))}
        config[c] = spec
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    return st.dataframe(shown, column_config=config, **kwargs)


def table_panel(label: str, key: str):
    """A closed expander filled only once it is opened: the expander when open, else None. A table behind it
    costs the first paint nothing (no table grid loaded, no frame sent) until someone asks for it."""
    panel = st.expander(label, key=key, on_change="rerun")
    return panel if panel.open else None


def chart_block(
    fig: go.Figure,
    table: pd.DataFrame,
    *,
    key: str,
    alt: str,
    filename: str,
    notes: Sequence[str] = (),
    view: dict | None = None,
    empty_reason: str | None = None,
    decimals: int | None = None,
    selectable: bool = False,
) -> dict | None:
    """A chart with its description, data table, CSV/XLSX downloads and 'Add to story'. With `selectable`, a
    click on a point reruns the page and the clicked points are returned (else None)."""
    if table is None or table.empty:
        st.info(empty_reason or "No figures for this selection.", icon=":material/info:")
        return None
    if trace_types(fig) == {"table"}:  # a table figure (for slides) reads on screen as the table itself
        meta = fig.layout.meta or {}
        st.markdown(f"**{meta.get('title', '')}**  \n{meta.get('subtitle', '')}")
        shown, right = figure_table(fig)  # as drawn; the data panel below has every column
        text_table(shown, decimals=decimals, right=right)
        if meta.get("source"):
            st.caption(f"Source: {meta['source']}")
        event = None
    else:
        event = plotly_chart(
            fig, key=f"chart_{key}", config=PLOTLY_CONFIG, on_select="rerun" if selectable else "ignore"
        )
    st.caption(f"Chart description: {alt}")
    data_panel(fig, table, key=key, filename=filename, notes=notes, view=view, decimals=decimals)
    return event


def data_panel(
    fig: go.Figure,
    table: pd.DataFrame,
    *,
    key: str,
    filename: str,
    notes: Sequence[str] = (),
    view: dict | None = None,
    decimals: int | None = None,
) -> None:
    """The chart's table and downloads, behind an expander that is only filled when it is opened (a closed
    panel costs the page nothing: no table grid, no files prepared)."""
    if view is not None:
        story_button(st, view, key)
    panel = table_panel("Data table and downloads", f"data_{key}")
    if panel is None:
        return
    data = for_download(table)
    source = fig.layout.meta.get("source", "") if fig.layout.meta else ""
    with panel:
        show_table(data, decimals=decimals)
        downloads = (
            ("CSV", lambda: to_csv_bytes(data), "csv", "text/csv", None),
            ("XLSX", lambda: to_xlsx(data, notes=[*notes, source]), "xlsx", XLSX_MIME, None),
            (
                "PNG",
                _image(fig, "png"),
                "png",
                "image/png",
                "A sharp image of the chart, with its title and source line",
            ),
            ("SVG", _image(fig, "svg"), "svg", "image/svg+xml", None),
        )
        for col, (label, payload, ext, mime, tip) in zip(st.columns(len(downloads)), downloads):
            col.download_button(
                f"Download {label}",
                payload,
                file_name=f"{filename}.{ext}",
                mime=mime,
                key=f"{ext}_{key}",
                help=tip,
            )


def _image(fig: go.Figure, fmt: str):
    """A callable that renders the chart only when the user clicks (kaleido with Debian chromium)."""

    def render() -> bytes:
        from dashboard.present import export
        from dashboard.views.layout import for_slide

        return export.image_bytes(for_slide(fig, 22, export.WIDTH, export.HEIGHT), fmt)

    return render


def story_button(where, view: dict, key: str) -> None:
    from dashboard.present import stories
    from dashboard.views import catalogue as views

    if view.get("chart") not in views.chart_ids():
        return  # only charts the story exports can re-draw are offered
    if where.button(
        "Add to story", key=f"story_{key}", help="Add this chart as a slide of the current story"
    ):
        stories.add_to_session_story(st.session_state, view)
        where.success("Added to the story")


def section_tabs(sections: dict[str, Callable[[], None]], key: str) -> None:
    """Lay out `sections` (tab label -> the function that builds it) as tabs whose choice lives in the URL
    (?key=<tab label>). Only the open tab's function runs, so a page builds one section, not all. An unknown
    value in the link opens the first tab (Streamlit drops it from the URL) and says so."""
    labels = list(sections)
    raw = st.query_params.get(key)
    if raw is not None and raw not in labels:
        _note_bad_param(key, raw, "is not one of the sections")
    for tab, build in zip(st.tabs(labels, key=key, bind="query-params"), sections.values()):
        if tab.open is not False:  # None would mean the tab is not tracked: build it rather than hide it
            with tab:
                build()


def tile(where, label: str, value: str, as_at: str, lines: Sequence[str], delta: str | None = None) -> None:
    with where.container(border=True):
        st.markdown(f"**{label}**")
        # a heading in the theme's primary colour: no HTML, so the page needs no HTML-markdown chunk
        st.subheader(f":primary[{markdown_escape(value)}]", anchor=False)
        st.caption(as_at)
        if delta:
            st.markdown(delta)
        for line in lines:
            st.markdown(f"- {line}")


def locality_scope_note(has_locality_data: bool) -> None:
    from dashboard.ui.filters import Filters

    if Filters.of(st.session_state).has_locality and not has_locality_data:
        st.info(
            "The locality filter does not apply to this page: its figures are published for the whole "
            "county only.",
            icon=":material/info:",
        )
