"""Where a chart's words go: the title block, the legend and the source line, placed so that none is clipped
or drawn over another at any width from a 390 px phone to a 1400 px screen (no Streamlit)."""

from __future__ import annotations

from html import escape

import plotly.graph_objects as go

# Characters per line of a chart's title, subtitle and source, so that each line fits a 390 px phone.
TITLE_WRAP = 36
SUBTITLE_WRAP = 52
SOURCE_WRAP = 56
TITLE_LINE_PX = 22  # a line of the title block (title or subtitle)
SOURCE_LINE_PX = 14
TOP_PAD_PX = 18


def _x_labels(fig: go.Figure) -> list[str]:
    """The x axis's tick labels when they are words (its ticktext, or the categories the traces draw)."""
    x = fig.layout.xaxis
    if x.ticktext:
        return [str(t) for t in x.ticktext]
    out: list[str] = []
    for t in fig.data:
        xs = getattr(t, "x", None)
        if getattr(t, "orientation", None) != "h" and xs is not None and len(xs):
            out += [str(v) for v in xs if isinstance(v, str)]
    return out


def _axis_depth(fig: go.Figure) -> int:
    """Pixels the x axis takes under the plot: its tick labels (as many lines as the longest has), and its
    title when it has one."""
    x = fig.layout.xaxis
    if not fig.data or x.visible is False or x.side == "top":
        return 8
    if all(getattr(t, "type", "") in ("indicator", "pie") for t in fig.data):
        return 8
    lines = max((lab.count("<br>") + 1 for lab in _x_labels(fig)), default=1)
    title = x.title.text if x.title and x.title.text else ""
    return 16 + 16 * lines + (22 * (title.count("<br>") + 1) if title else 0)


def _category_labels(fig: go.Figure) -> list[str]:
    """The y axis's category labels (bars drawn sideways, heatmap rows, markers on named rows, or the words
    of its ticktext)."""
    if fig.layout.yaxis.visible is False:
        return []
    out: list[str] = [str(t) for t in fig.layout.yaxis.ticktext or ()]
    for t in fig.data:
        ys = getattr(t, "y", None)
        if ys is not None and len(ys) and all(isinstance(v, str) for v in ys):
            out += [str(v) for v in ys]
    return out


def _left_margin(fig: go.Figure) -> int:
    """The left margin the y axis needs: its longest category label (or a numeric axis and its title)."""
    given = fig.layout.margin.l
    labels = _category_labels(fig)
    need = (
        max((len(part) for lab in labels for part in lab.split("<br>")), default=0) * 8 + 18 if labels else 64
    )
    return int(max(need, given or 0)) if given is None or labels else int(given)


def set_height(fig: go.Figure, height: int) -> go.Figure:
    """Give a titled figure a new height, keeping its title and legend where titled() put them (their
    positions are fractions of the height)."""
    meta = fig.layout.meta or {}
    top, pad = meta.get("top_px", 60), meta.get("top_pad_px", TOP_PAD_PX)
    fig.update_layout(height=height, title=dict(y=1 - pad / height), legend=dict(y=1 - top / height))
    return fig


def titled(fig: go.Figure, title: str, subtitle: str = "", source: str = "") -> go.Figure:
    """The chart's title block (title and subtitle) at the top, its legend under the title block and its
    source line under the x axis, each broken into lines that fit a 390 px phone. The legend's space is
    reserved above the plot (Plotly shrinks the plot for it however many rows it wraps to) and the source sits
    a fixed distance under the axis inside a bottom margin made for it, so neither is clipped nor drawn over
    the other at any width. Call set_height() rather than setting the height afterwards."""
    if fig.layout.height is None:
        entries = sum(1 for t in fig.data if t.name and t.showlegend is not False)
        if fig.layout.showlegend is not False and entries > 2:
            fig.update_layout(height=450 + 22 * (entries - 2))  # room for a legend that wraps on a phone
    return _place(fig, title, subtitle, source)


def without_source(fig: go.Figure) -> go.Figure:
    """A copy of a titled figure without its source line (for a screen that shows the sources beside the
    chart, as presenter mode's footer does), its bottom margin shrunk to the axis."""
    meta = dict(fig.layout.meta or {})
    f = go.Figure(fig)
    f.layout.annotations = [a for a in f.layout.annotations or () if a.name != "source"]
    return _place(f, meta.get("title", ""), meta.get("subtitle", ""), "")


def for_slide(fig: go.Figure, font_px: int = 22, width: int = 1600, height: int = 900) -> go.Figure:
    """A copy of a titled figure laid out for an image of `width` x `height` px with type of `font_px` (the
    source line too): the same places as on screen, lines as long as the wider image allows."""
    meta = dict(fig.layout.meta or {})
    f = go.Figure(fig)
    f.layout.annotations = [a for a in f.layout.annotations or () if a.name != "source"]
    f.update_layout(font=dict(size=font_px), width=None, height=height)
    return _place(
        f, meta.get("title", ""), meta.get("subtitle", ""), meta.get("source", ""), font_px / 14, width
    )


def _place(fig: go.Figure, title: str, subtitle: str, source: str, k: float = 1.0, width: int = 390):
    """titled() at type `k` times the screen's and a figure `width` px wide (a phone's 390 on screen)."""
    room = width / 390 / k  # how many times more characters a line holds than on a phone at screen type
    lines = wrap(title, int(TITLE_WRAP * room))
    text = f"<b>{lines}</b>"
    n_lines = lines.count("<br>") + 1
    if subtitle:
        sub = wrap(subtitle, int(SUBTITLE_WRAP * room))
        text += f"<br><span style='font-size:{round(13 * k)}px;color:#505A5F'>{sub}</span>"
        n_lines += sub.count("<br>") + 1
    pad = round(TOP_PAD_PX * k)
    top = pad + round(TITLE_LINE_PX * k) * n_lines + round(8 * k)
    height = fig.layout.height or 450
    depth = round(_axis_depth(fig) * k)
    src = f"Source: {wrap(source, int(SOURCE_WRAP * room))}" if source else ""
    bottom = depth + (round(SOURCE_LINE_PX * k) * (src.count("<br>") + 1) + 12 if src else 12)
    left = round(_left_margin(fig) * k)
    if _x_labels(fig):
        fig.update_xaxes(tickangle=0)  # words across, never turned (a turned label runs into the source)
    fig.update_layout(
        title=dict(
            text=text,
            font=dict(size=round(17 * k)),
            x=0,
            xanchor="left",
            xref="container",
            y=1 - pad / height,
            yref="container",
            yanchor="top",
            pad=dict(l=8),
        ),
        meta=dict(title=title, subtitle=subtitle, source=source, top_px=top, top_pad_px=pad),
        margin=dict(t=top + 6, b=bottom, l=left),
        legend=dict(
            orientation="h",
            xref="paper",
            x=0,
            xanchor="left",
            yref="container",
            y=1 - top / height,
            yanchor="top",
        ),
    )
    if src:
        paper_note(
            fig,
            src,
            dict(size=round(11 * k), color="#505A5F"),
            name="source",
            x=0,
            y=0,
            xshift=-(left - 8),
            yshift=-depth,
            xanchor="left",
            yanchor="top",
            align="left",
        )
    return fig


def paper_note(fig: go.Figure, text: str, font: dict, **where) -> None:
    """Words on the plot area's paper (not on the data), without an arrow; `where`: x, y, their anchors and
    any other annotation property."""
    fig.add_annotation(text=text, xref="paper", yref="paper", showarrow=False, font=font, **where)


def wrap(text: str, width: int) -> str:
    """Break text into lines of at most `width` characters as read (joined with <br>) for Plotly labels. Each
    word is HTML-escaped, so a '<' or '&' in a source's words shows as written and only the breaks are
    markup."""
    lines: list[list[str]] = [[]]
    used = 0
    for w in str(text).split():
        if lines[-1] and used + 1 + len(w) > width:
            lines.append([])
            used = 0
        used += len(w) + (1 if lines[-1] else 0)
        lines[-1].append(w)
    return "<br>".join(escape(" ".join(line)) for line in lines)
