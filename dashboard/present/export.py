"""Exports: one chart to PNG/SVG, its data to CSV/XLSX, and a story's slides drawn for the PowerPoint and PDF
decks (dashboard.present.deck lays those out). No Streamlit here.

Everything exported obeys the same disclosure control as the screen: tables pass through
dashboard.views.registry.disclose (dashboard.analysis.disclosure.apply_to_frame_for_display) before they are
charted or
written, and a slide whose figures include suppressed values says so in its footer.

Images come from kaleido 1.x driving the system chromium. One kaleido server is started on first use and
reused (the browser start costs ~8 s; each image after that ~0.4 s), with MathJax off so nothing is
fetched from the internet.
"""

from __future__ import annotations

import atexit
import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pandas as pd
import plotly.graph_objects as go

from dashboard.config import ROOT, store_path
from dashboard.present.format import when_line
from dashboard.present.stories import Slide, Story
from dashboard.present.tables import safe_cells, to_xlsx
from dashboard.present.words import SlideWords, slide_words
from dashboard.views import registry as views

WIDTH, HEIGHT, SCALE = 1600, 900, 2
STATIC = ROOT / "static"
_lock = threading.Lock()
_server_started = False


# ----------------------------------------------------------------------------------------------- images


def _topojson() -> str | None:
    """A local folder of topojson files for maps (plotly.js would otherwise fetch them from a CDN)."""
    if STATIC.is_dir() and any(STATIC.glob("*.json")):
        return STATIC.resolve().as_uri() + "/"
    return None


def _ensure_server() -> None:
    global _server_started
    with _lock:
        if _server_started:
            return
        import kaleido
        import plotly.io as pio

        topo = _topojson()
        if topo:
            pio.defaults.topojson = topo
        pio.defaults.mathjax = None
        kaleido.start_sync_server(n=1, timeout=90, mathjax=False, silence_warnings=True)
        _server_started = True
        atexit.register(_stop_server)


def _stop_server() -> None:
    global _server_started
    try:
        import kaleido

        kaleido.stop_sync_server(silence_warnings=True)
    except Exception:  # noqa: BLE001 - best effort at exit
        pass
    _server_started = False


def image_bytes(
    fig: go.Figure, fmt: str = "png", width: int = WIDTH, height: int = HEIGHT, scale: float = SCALE
) -> bytes:
    """A chart as PNG or SVG bytes (PNG at scale 2 is sharp on a projector and in a slide)."""
    fmt = fmt.lower()
    if fmt not in ("png", "svg", "pdf", "jpeg", "webp"):
        raise ValueError(f"unsupported image format {fmt!r}")
    import kaleido

    _ensure_server()
    fig_dict = fig.to_plotly_json() if isinstance(fig, go.Figure) else fig
    return kaleido.calc_fig_sync(
        fig_dict, opts=dict(format=fmt, width=width, height=height, scale=scale), topojson=_topojson()
    )


def for_image(fig: go.Figure, font_px: int = 22) -> go.Figure:
    """A copy laid out for a slide image: type of `font_px` pixels (22 px in a 1,400 px image across a
    12.4 inch chart is 14 pt when the slide is shown). The slide's own title and footer give the chart's
    title and sources, so the image leaves them out and the plot gets the room; the legend at the foot."""
    f = go.Figure(fig)
    f.update_layout(
        title=None,
        font=dict(size=font_px),
        margin=dict(t=20, b=20, l=20, r=30),
        width=None,
        height=None,
        legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", x=0, xanchor="left"),
    )
    f.layout.annotations = [a for a in f.layout.annotations or () if not (a.text or "").startswith("Source:")]
    f.update_xaxes(automargin=True)
    f.update_yaxes(automargin=True, title_standoff=12)
    for ax in (f.layout.xaxis, f.layout.yaxis):
        if ax.title and (ax.title.text or "").strip() in ("As at", "Period", "period_end"):
            ax.title.text = None
    return f


# ------------------------------------------------------------------------------------------------- data


def table_for_download(df: pd.DataFrame) -> pd.DataFrame:
    return views.disclose(df)


def table_csv(df: pd.DataFrame) -> bytes:
    return safe_cells(table_for_download(df)).to_csv(index=False).encode("utf-8")


def table_xlsx(df: pd.DataFrame, notes: list[str] | tuple = ()) -> bytes:
    return to_xlsx(table_for_download(df), notes=list(notes))


def view_downloads(view: dict, con: duckdb.DuckDBPyConnection) -> dict[str, bytes]:
    """PNG, SVG, CSV and XLSX of one saved view."""
    fig, table, meta = views.render_view(view, con)
    notes = [f"Sources: {'; '.join(meta['sources'])}", when_line(meta["as_at"])]
    if meta["suppression_note"]:
        notes.append(meta["suppression_note"])
    return {
        "png": image_bytes(fig, "png"),
        "svg": image_bytes(fig, "svg"),
        "csv": table_csv(table),
        "xlsx": table_xlsx(table, notes),
    }


# ------------------------------------------------------------------------------------------ story render


@dataclass
class RenderedSlide:
    """A story slide drawn: its chart image, the view's meta and table, and its words filled from that
    table."""

    slide: Slide
    png: bytes | None
    meta: dict = field(default_factory=dict)
    error: str = ""
    table: pd.DataFrame | None = None
    words: SlideWords | None = None

    def __post_init__(self) -> None:
        if self.words is None and self.slide is not None:
            self.words = slide_words(self.slide, self.table)

    def footer(self) -> str:
        srcs = "; ".join(self.meta.get("sources") or []) or "not recorded"
        parts = [f"Sources: {srcs}", when_line(self.meta.get("as_at"))]
        parts.append(self.meta.get("suppression_note") or "No figures on this slide are suppressed.")
        return ". ".join(p.rstrip(".") for p in parts) + "."


def render_story(
    story: Story,
    con: duckdb.DuckDBPyConnection,
    images: bool = True,
    size: Callable[[RenderedSlide], tuple[int, int]] | None = None,
) -> list[RenderedSlide]:
    """Every slide's chart, meta, table and filled words; `size` gives each slide's image size in pixels (the
    deck's layout leaves the chart what the words do not take). One bad slide does not stop the export."""
    out = []
    for s in story.slides:
        try:
            fig, table, meta = views.render_view(s.view.model_dump(), con)
            if meta.get("empty"):
                out.append(RenderedSlide(s, None, meta, "No figures for this chart have been loaded.", table))
                continue
            r = RenderedSlide(s, None, meta, "", table)
            if images:
                w, h = size(r) if size else (WIDTH, HEIGHT)
                r.png = image_bytes(for_image(fig), "png", width=w, height=h)
            out.append(r)
        except Exception as e:  # noqa: BLE001 - one bad slide does not stop the export
            out.append(RenderedSlide(s, None, {"sources": [], "as_at": ""}, f"{type(e).__name__}: {e}"))
    return out


def all_sources(rendered: list[RenderedSlide]) -> list[str]:
    """Every slide's sources once, in slide order (render_view has already named each in full)."""
    seen: list[str] = []
    for r in rendered:
        for src in r.meta.get("sources") or []:
            if src not in seen:
                seen.append(src)
    return seen


def store_date() -> str:
    p = store_path()
    return dt.date.fromtimestamp(p.stat().st_mtime).strftime("%d %B %Y") if p.exists() else "unknown"
