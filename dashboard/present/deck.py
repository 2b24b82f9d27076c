"""A story as slides to project: PowerPoint (python-pptx) and PDF (reportlab), both 16:9 and laid out alike.

Each story slide has its title, its so-what (words filled from the chart's data, dashboard.present.words),
the chart across the full width, and a footer naming the sources and the as-at date. No text is smaller
than 14 pt. The speaker notes are the presenter's (in the PPTX notes, and on notes pages at the end of
the PDF). No Streamlit here.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from xml.sax.saxutils import escape

import duckdb

from dashboard.present import export
from dashboard.present.export import RenderedSlide
from dashboard.present.stories import Story

SLIDE_W, SLIDE_H = 13.333, 7.5  # inches: 16:9
MARGIN = 0.45
TEXT_W = SLIDE_W - 2 * MARGIN
IMAGE_PX = 1400  # chart image width; 22 px type in it shows at 14 pt across TEXT_W
SIZES = {"title": 28, "so_what": 20, "body": 16, "footer": 14, "cover": 40, "cover_sub": 24}
SO_WHAT_CHARS = 86  # characters per line of the bold so-what sentence across TEXT_W (measured on the PDF)
FOOTER_CHARS = 150  # characters per footer line at 14 pt across TEXT_W (Helvetica/Calibri, a safe estimate)
SOURCES_PER_SLIDE = 8
BLUE, GREY, INK = "12436D", "505A5F", "0B0C0C"


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float


def lines_of(text: str, chars: int) -> int:
    """How many lines `text` takes when broken at spaces into lines of at most `chars` characters."""
    return max(1, len(textwrap.wrap(text or "", chars)))


def layout(footer: str, so_what: str) -> dict[str, Box]:
    """Where a story slide's parts go (inches from the top left); the chart takes what the words leave."""
    sw_h = 0.36 * lines_of(so_what, SO_WHAT_CHARS) + 0.12
    foot_h = 0.27 * lines_of(footer, FOOTER_CHARS) + 0.1
    chart_top = 1.0 + sw_h + 0.05
    chart_h = SLIDE_H - 0.15 - foot_h - chart_top
    return {
        "title": Box(MARGIN, 0.22, TEXT_W, 0.75),
        "so_what": Box(MARGIN, 0.97, TEXT_W, sw_h),
        "chart": Box(MARGIN, chart_top, TEXT_W, chart_h),
        "footer": Box(MARGIN, SLIDE_H - 0.1 - foot_h, TEXT_W, foot_h),
    }


def image_size(box: Box) -> tuple[int, int]:
    return IMAGE_PX, int(IMAGE_PX * box.height / box.width)


def made_line() -> str:
    return (
        f"Prepared {dt.date.today():%-d %B %Y} from the Herefordshire children's dashboard "
        f"(data as loaded on {export.store_date()})."
    )


def render(story: Story, con: duckdb.DuckDBPyConnection) -> list[RenderedSlide]:
    """Draw every slide's chart at the size its slide leaves for it."""
    return export.render_story(
        story, con, size=lambda r: image_size(layout(r.footer(), r.words.so_what if r.words else "")["chart"])
    )


def source_pages(rendered: list[RenderedSlide]) -> list[list[str]]:
    srcs = export.all_sources(rendered) or ["No sources recorded."]
    return [srcs[i : i + SOURCES_PER_SLIDE] for i in range(0, len(srcs), SOURCES_PER_SLIDE)]


def speaker_notes(r: RenderedSlide) -> str:
    """The presenter's notes: the slide's notes, then what the chart shows and any caveat, in plain words."""
    notes = (r.words.notes if r.words else "") or ""
    if r.meta.get("alt"):
        notes += ("\n\n" if notes else "") + f"What the chart shows: {r.meta['alt']}"
    if r.meta.get("caveat"):
        notes += f"\nBear in mind: {r.meta['caveat']}"
    if r.words and r.words.problem:
        notes += f"\nThis slide's words need checking before you present: {r.words.problem}."
    return notes or (r.words.title if r.words else "")


# -------------------------------------------------------------------------------------------------- PPTX


def story_to_pptx(
    story: Story, con: duckdb.DuckDBPyConnection, rendered: list[RenderedSlide] | None = None
) -> bytes:
    """Title slide, one slide per story slide, sources slide(s); 16:9, no text under 14 pt."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    rendered = rendered if rendered is not None else render(story, con)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)

    def text(slide, box: Box, body: str, size: int, bold=False, color=GREY, name=None):
        tb = slide.shapes.add_textbox(
            Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)
        )
        tb.name = name or tb.name
        tf = tb.text_frame
        tf.word_wrap = True
        for i, line in enumerate(body.split("\n")):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.text = line
            p.font.size, p.font.bold, p.font.color.rgb = Pt(size), bold, RGBColor.from_string(color)
        return tb

    def titled(body: str, box: Box, size: int):
        sl = prs.slides.add_slide(prs.slide_layouts[5])
        t = sl.shapes.title
        t.left, t.top, t.width, t.height = (Inches(v) for v in (box.left, box.top, box.width, box.height))
        t.text = body
        for p in t.text_frame.paragraphs:
            p.font.size, p.font.bold, p.font.color.rgb = Pt(size), True, RGBColor.from_string(BLUE)
            p.alignment = 1  # left
        return sl

    s0 = titled(story.title, Box(MARGIN, 2.2, TEXT_W, 1.3), SIZES["cover"])
    text(s0, Box(MARGIN, 3.6, TEXT_W, 1.6), story.subtitle or "", SIZES["cover_sub"])
    text(s0, Box(MARGIN, 6.3, TEXT_W, 0.9), made_line(), SIZES["footer"], name="Footer")
    s0.notes_slide.notes_text_frame.text = f"{story.title}: {len(story.slides)} slides. {made_line()}"

    for r in rendered:
        w = r.words
        lay = layout(r.footer(), w.so_what)
        sl = titled(w.title, lay["title"], SIZES["title"])
        text(sl, lay["so_what"], w.so_what, SIZES["so_what"], bold=True, color=INK, name="So what")
        c = lay["chart"]
        if r.png:
            sl.shapes.add_picture(io.BytesIO(r.png), Inches(c.left), Inches(c.top), width=Inches(c.width))
        else:
            text(sl, c, f"Chart not available: {r.error}", SIZES["body"], name="Chart missing")
        text(sl, lay["footer"], r.footer(), SIZES["footer"], name="Footer")
        sl.notes_slide.notes_text_frame.text = speaker_notes(r)

    pages = source_pages(rendered)
    for i, page in enumerate(pages):
        last = titled("Sources" if i == 0 else "Sources (continued)", Box(MARGIN, 0.22, TEXT_W, 0.75), 28)
        body = "\n".join(f"• {s}" for s in page)
        text(last, Box(MARGIN, 1.1, TEXT_W, 5.0), body, SIZES["body"], color=INK, name="Sources list")
        if i == len(pages) - 1:
            text(last, Box(MARGIN, 6.2, TEXT_W, 1.1), DECK_NOTE + " " + made_line(), 14, name="Footer")
        last.notes_slide.notes_text_frame.text = (
            "Every source used in this story, in the order the slides use them."
        )
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


DECK_NOTE = (
    "Rates per 10,000 children aged 0-17 use ONS mid-year estimates. Figures from the council's papers "
    "keep the "
    "as-at dates the papers give. Counts below the disclosure threshold below county level are shown as c."
)


# --------------------------------------------------------------------------------------------------- PDF


def story_to_pdf(
    story: Story, con: duckdb.DuckDBPyConnection, rendered: list[RenderedSlide] | None = None
) -> bytes:
    """The same slides as the PowerPoint on 16:9 pages, then the speaker notes, one block per slide."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph

    rendered = rendered if rendered is not None else render(story, con)
    W, H = SLIDE_W * 72, SLIDE_H * 72
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(W, H), pageCompression=1)
    c.setTitle(story.title)
    c.setAuthor("Herefordshire children's dashboard")

    def style(size, bold=False, color=GREY):
        font = "Helvetica-Bold" if bold else "Helvetica"
        return ParagraphStyle(
            f"s{size}{bold}",
            fontName=font,
            fontSize=size,
            leading=size * 1.25,
            textColor=HexColor("#" + color),
        )

    def para(body: str, box: Box, st) -> float:
        p = Paragraph(_esc(body), st)
        _, h = p.wrap(box.width * 72, H)
        p.drawOn(c, box.left * 72, H - box.top * 72 - h)
        return h / 72

    para(story.title, Box(MARGIN, 2.2, TEXT_W, 1.3), style(SIZES["cover"], True, BLUE))
    para(story.subtitle, Box(MARGIN, 3.6, TEXT_W, 1.6), style(SIZES["cover_sub"]))
    para(made_line(), Box(MARGIN, 6.3, TEXT_W, 0.9), style(SIZES["footer"]))
    c.showPage()
    for r in rendered:
        lay = layout(r.footer(), r.words.so_what)
        para(r.words.title, lay["title"], style(SIZES["title"], True, BLUE))
        para(r.words.so_what, lay["so_what"], style(SIZES["so_what"], True, INK))
        b = lay["chart"]
        if r.png:
            reader = ImageReader(io.BytesIO(r.png))
            iw, ih = reader.getSize()
            h = b.width * ih / iw
            c.drawImage(reader, b.left * 72, H - (b.top + h) * 72, b.width * 72, h * 72)
        else:
            para(f"Chart not available: {r.error}", b, style(SIZES["body"]))
        para(r.footer(), lay["footer"], style(SIZES["footer"]))
        c.showPage()
    pages = source_pages(rendered)
    for i, page in enumerate(pages):
        para(
            "Sources" if i == 0 else "Sources (continued)",
            Box(MARGIN, 0.22, TEXT_W, 0.75),
            style(28, True, BLUE),
        )
        para(
            "\n".join("• " + s for s in page), Box(MARGIN, 1.1, TEXT_W, 5.0), style(SIZES["body"], color=INK)
        )
        if i == len(pages) - 1:
            para(DECK_NOTE + " " + made_line(), Box(MARGIN, 6.2, TEXT_W, 1.1), style(14))
        c.showPage()
    _notes_pages(c, rendered, para, style)
    c.save()
    return buf.getvalue()


def _notes_pages(c, rendered: list[RenderedSlide], para, style) -> None:
    """Speaker notes after the slides, as many slides' notes to a page as fit."""
    top = SLIDE_H
    for i, r in enumerate(rendered, start=1):
        body = f"Slide {i}: {r.words.title}\n{speaker_notes(r)}"
        need = 0.3 * lines_of(body, 120) + 0.4
        if top + need > SLIDE_H - 0.4:
            if top < SLIDE_H:
                c.showPage()
            para("Speaker notes", Box(MARGIN, 0.22, TEXT_W, 0.75), style(28, True, BLUE))
            top = 1.1
        top += para(body, Box(MARGIN, top, TEXT_W, need), style(14, color=INK)) + 0.25
    c.showPage()


def _esc(text: str) -> str:
    return escape(unescape(text or "")).replace("\n", "<br/>")


def export_story(story: Story, con, out_dir: Path, stem: str) -> dict[str, Path]:
    """Write <stem>.pptx and <stem>.pdf (images rendered once for both)."""
    rendered = render(story, con)
    out_dir.mkdir(parents=True, exist_ok=True)
    pptx, pdf = out_dir / f"{stem}.pptx", out_dir / f"{stem}.pdf"
    pptx.write_bytes(story_to_pptx(story, con, rendered))
    pdf.write_bytes(story_to_pdf(story, con, rendered))
    return {"pptx": pptx, "pdf": pdf}
