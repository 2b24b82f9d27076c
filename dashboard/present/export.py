"""Exports: a story to PowerPoint (python-pptx) and a PDF handout (reportlab); one chart to PNG/SVG; its
data to CSV/XLSX. No Streamlit here.

Everything exported obeys the same disclosure control as the screen: tables pass through
dashboard.views.registry.disclose (dashboard.analysis.disclosure.apply_to_frame_for_display) before they are charted or
written, and a slide whose figures include suppressed values says so in its footer.

Images come from kaleido 1.x driving the system chromium. One kaleido server is started on first use and
reused (the browser start costs ~8 s; each image after that ~0.4 s), with MathJax off so nothing is
fetched from the internet.
"""

from __future__ import annotations

import atexit
import datetime as dt
import io
import threading
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go

from dashboard.config import ROOT, store_path
from dashboard.present.format import when_line
from dashboard.present.stories import Slide, Story
from dashboard.present.tables import safe_cells, to_xlsx
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


def for_image(fig: go.Figure) -> go.Figure:
    """A copy laid out for a 16:9 slide image: bigger type, room for the source line."""
    f = go.Figure(fig)
    f.update_layout(font=dict(size=20), margin=dict(t=110, b=200, l=110, r=40), width=None, height=None)
    for a in f.layout.annotations or ():
        if a.text and a.text.startswith("Source:"):
            a.font.size = 15
            a.y = -0.3
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
    slide: Slide
    png: bytes | None
    meta: dict = field(default_factory=dict)
    error: str = ""
    table: pd.DataFrame | None = None

    def footer(self) -> str:
        srcs = "; ".join(self.meta.get("sources") or []) or "not recorded"
        parts = [f"Sources: {srcs}", when_line(self.meta.get("as_at"))]
        parts.append(self.meta.get("suppression_note") or "No figures on this slide are suppressed.")
        return ". ".join(p.rstrip(".") for p in parts) + "."


def render_story(story: Story, con: duckdb.DuckDBPyConnection, images: bool = True) -> list[RenderedSlide]:
    out = []
    for s in story.slides:
        try:
            fig, table, meta = views.render_view(s.view.model_dump(), con)
            if meta.get("empty"):
                out.append(RenderedSlide(s, None, meta, "No figures for this chart in the store.", table))
                continue
            png = image_bytes(for_image(fig), "png") if images else None
            out.append(RenderedSlide(s, png, meta, "", table))
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


def _store_date() -> str:
    p = store_path()
    return dt.date.fromtimestamp(p.stat().st_mtime).strftime("%d %B %Y") if p.exists() else "unknown"


# -------------------------------------------------------------------------------------------------- PPTX


def story_to_pptx(
    story: Story, con: duckdb.DuckDBPyConnection, rendered: list[RenderedSlide] | None = None
) -> bytes:
    """Title slide, one slide per story slide (chart image, title, so-what, notes, footer), sources slide."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    rendered = rendered if rendered is not None else render_story(story, con)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    blue, grey = RGBColor(0x12, 0x43, 0x6D), RGBColor(0x50, 0x5A, 0x5F)

    def text_box(slide, left, top, width, height, text, size, bold=False, color=grey, name=None):
        tb = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        if name:
            tb.name = name
        tf = tb.text_frame
        tf.word_wrap = True
        for i, line in enumerate(text.split("\n")):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.text = line
            p.font.size, p.font.bold, p.font.color.rgb = Pt(size), bold, color
        return tb

    def set_title(slide, text, size=30):
        t = slide.shapes.title
        t.left, t.top, t.width, t.height = Inches(0.4), Inches(0.2), Inches(12.5), Inches(0.95)
        t.text = text
        for p in t.text_frame.paragraphs:
            p.font.size, p.font.bold, p.font.color.rgb = Pt(size), True, blue
            p.alignment = 1  # left
        return t

    made = (
        f"Prepared {dt.date.today():%d %B %Y} from the Herefordshire children's dashboard (store built "
        f"{_store_date()})."
    )
    # title slide
    s0 = prs.slides.add_slide(prs.slide_layouts[5])
    set_title(s0, story.title, 40).top = Inches(2.4)
    text_box(s0, 0.4, 3.6, 12.5, 1.2, story.subtitle or "", 24, color=grey)
    text_box(
        s0,
        0.4,
        6.5,
        12.5,
        0.8,
        made + " Figures below county level follow disclosure control.",
        12,
        name="Footer",
    )
    s0.notes_slide.notes_text_frame.text = f"{story.title}. {len(story.slides)} slides. {made}"

    n = len(rendered)
    for i, r in enumerate(rendered, start=1):
        sl = prs.slides.add_slide(prs.slide_layouts[5])
        set_title(sl, r.slide.title, 28)
        if r.png:
            sl.shapes.add_picture(io.BytesIO(r.png), Inches(0.4), Inches(1.2), width=Inches(8.9))
        else:
            text_box(sl, 0.4, 1.4, 8.9, 4.5, f"Chart not available: {r.error}", 18, name="Chart missing")
            # keep a picture on every content slide: a 1-pixel placeholder would mislead, so none is added
        text_box(sl, 9.55, 1.3, 3.45, 4.9, r.slide.so_what, 20, bold=True, color=blue, name="So what")
        text_box(sl, 0.4, 6.35, 11.6, 1.0, r.footer(), 10, name="Footer")
        text_box(sl, 12.1, 6.9, 0.9, 0.4, f"{i} / {n}", 11, name="Slide number")
        notes = r.slide.notes or ""
        alt = r.meta.get("alt")
        if alt:
            notes += ("\n\n" if notes else "") + f"Chart description: {alt}"
        if r.meta.get("caveat"):
            notes += f"\nCaveat: {r.meta['caveat']}"
        sl.notes_slide.notes_text_frame.text = notes or r.slide.title

    # sources slide
    srcs = all_sources(rendered)
    last = prs.slides.add_slide(prs.slide_layouts[5])
    set_title(last, "Sources", 30)
    body = "\n".join(f"• {s}" for s in srcs) or "No sources recorded."
    text_box(
        last,
        0.4,
        1.3,
        12.5,
        4.9,
        body,
        14 if len(srcs) < 12 else 11,
        color=RGBColor(0x0B, 0x0C, 0x0C),
        name="Sources list",
    )
    text_box(
        last,
        0.4,
        6.35,
        12.5,
        1.0,
        "Rates per 10,000 children aged 0-17 use ONS mid-year estimates. Figures from the council's papers "
        "keep the as-at dates the papers give. Counts below the disclosure threshold below county level are "
        "shown as c. " + made,
        10,
        name="Footer",
    )
    last.notes_slide.notes_text_frame.text = "Every source used in this story, in order of first use."
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------------------------------- PDF


def story_to_pdf(
    story: Story, con: duckdb.DuckDBPyConnection, rendered: list[RenderedSlide] | None = None
) -> bytes:
    """A handout: title page, one landscape A4 page per slide (chart, so-what, notes, footer), sources page."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph

    rendered = rendered if rendered is not None else render_story(story, con)
    W, H = landscape(A4)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(W, H), pageCompression=1)
    c.setTitle(story.title)
    c.setAuthor("Herefordshire children's dashboard")
    blue = HexColor("#12436D")
    st_title = ParagraphStyle("t", fontName="Helvetica-Bold", fontSize=20, leading=24, textColor=blue)
    st_big = ParagraphStyle("b", fontName="Helvetica-Bold", fontSize=30, leading=36, textColor=blue)
    st_sowhat = ParagraphStyle("s", fontName="Helvetica-Bold", fontSize=13, leading=17, textColor=blue)
    st_body = ParagraphStyle("n", fontName="Helvetica", fontSize=10, leading=13)
    st_foot = ParagraphStyle(
        "f", fontName="Helvetica", fontSize=7.5, leading=9.5, textColor=HexColor("#505A5F")
    )
    m = 36

    def para(text, style, x, y_top, width):
        p = Paragraph(_esc(text), style)
        _, h = p.wrap(width, H)
        p.drawOn(c, x, y_top - h)
        return h

    made = (
        f"Prepared {dt.date.today():%d %B %Y} from the Herefordshire children's dashboard (store built "
        f"{_store_date()})."
    )
    para(story.title, st_big, m, H * 0.62, W - 2 * m)
    para(story.subtitle, st_title, m, H * 0.45, W - 2 * m)
    para(made, st_foot, m, 60, W - 2 * m)
    c.showPage()
    n = len(rendered)
    for i, r in enumerate(rendered, start=1):
        h = para(r.slide.title, st_title, m, H - m, W - 2 * m - 60)
        para(f"{i} / {n}", st_body, W - m - 40, H - m, 40)
        top = H - m - h - 10
        img_w = (W - 2 * m) * 0.64
        img_h = img_w * HEIGHT / WIDTH
        if r.png:
            c.drawImage(ImageReader(io.BytesIO(r.png)), m, top - img_h, img_w, img_h)
        else:
            para(f"Chart not available: {r.error}", st_body, m, top, img_w)
        x2, w2 = m + img_w + 16, W - 2 * m - img_w - 16
        hh = para(r.slide.so_what, st_sowhat, x2, top, w2)
        if r.slide.notes:
            para("Notes: " + r.slide.notes, st_body, x2, top - hh - 12, w2)
        para(r.footer(), st_foot, m, top - img_h - 12, W - 2 * m)
        c.showPage()
    para("Sources", st_title, m, H - m, W - 2 * m)
    y = H - m - 36
    for s in all_sources(rendered):
        y -= para("• " + s, st_body, m, y, W - 2 * m) + 4
    para(
        "Counts below the disclosure threshold below county level are shown as c. " + made,
        st_foot,
        m,
        60,
        W - 2 * m,
    )
    c.showPage()
    c.save()
    return buf.getvalue()


def _esc(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(unescape(text or "")).replace("\n", "<br/>")


def export_story(story: Story, con, out_dir: Path, stem: str) -> dict[str, Path]:
    """Write <stem>.pptx and <stem>.pdf (images rendered once for both)."""
    rendered = render_story(story, con)
    out_dir.mkdir(parents=True, exist_ok=True)
    pptx, pdf = out_dir / f"{stem}.pptx", out_dir / f"{stem}.pdf"
    pptx.write_bytes(story_to_pptx(story, con, rendered))
    pdf.write_bytes(story_to_pdf(story, con, rendered))
    return {"pptx": pptx, "pdf": pdf}
