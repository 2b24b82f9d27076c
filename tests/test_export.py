"""Exports: PowerPoint structure, PDF page count (rendered with pdftoppm), single-chart images, CSV/XLSX."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pandas as pd
import pytest

from dashboard.present import deck, export, stories
from dashboard.views import catalogue as views

pytestmark = pytest.mark.slow  # slide and chart images through kaleido: in `make test`, not `make check`


@pytest.fixture(scope="module")
def story():
    s = stories.load("peer_challenge_2015_16")
    return s.model_copy(update={"slides": s.slides[:3]})  # three slides keep the test quick


@pytest.fixture(scope="module")
def rendered(story, con):
    return deck.render(story, con)


def test_pptx(story, con, rendered):
    """16:9; every story slide has its filled title and so-what, the chart across the width, a footer naming
    sources and the as-at date; no text under 14 pt; no seed file names; sources slide(s) at the end."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE
    from pptx.util import Pt

    prs = Presentation(io.BytesIO(deck.story_to_pptx(story, con, rendered)))
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    slides = list(prs.slides)
    assert len(slides) >= len(story.slides) + 2
    assert slides[0].shapes.title.text == story.title
    assert slides[len(story.slides) + 1].shapes.title.text == "Sources"
    for sl, r in zip(slides[1:], rendered):
        assert sl.shapes.title.text == r.words.title and "{" not in r.words.so_what
        pics = [sh for sh in sl.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert pics and pics[0].width > 0.9 * prs.slide_width, f"no full-width chart on {r.words.title}"
        assert sl.notes_slide.notes_text_frame.text.startswith(r.words.notes[:40])
        footer = [sh for sh in sl.shapes if sh.name == "Footer"]
        assert footer and footer[0].text_frame.text.startswith("Sources:")
        assert "As at" in footer[0].text_frame.text or "Period:" in footer[0].text_frame.text
        assert any(sh.has_text_frame and sh.text_frame.text == r.words.so_what for sh in sl.shapes)
    for sl in slides:
        for sh in sl.shapes:
            if not sh.has_text_frame:
                continue
            assert not re.search(r"\d{3}_[0-9a-f]{16}", sh.text_frame.text), sh.text_frame.text
            for p in sh.text_frame.paragraphs:
                for run in p.runs:
                    assert run.font.size is None or run.font.size >= Pt(14), (sh.name, run.text[:40])
    body = " ".join(sh.text_frame.text for sh in slides[len(story.slides) + 1].shapes if sh.has_text_frame)
    assert "Peer Challenge self-assessment, September 2015" in body


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
def test_pdf_pages(story, con, rendered, tmp_path):
    pdf = tmp_path / "h.pdf"
    pdf.write_bytes(deck.story_to_pdf(story, con, rendered))
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) >= len(story.slides) + 3  # cover, slides, sources, speaker notes
    from PIL import Image

    w, h = Image.open(pages[1]).size
    assert abs(w / h - 16 / 9) < 0.02, (w, h)


def test_single_chart_images_and_data(con):
    out = export.view_downloads({"chart": "pyramid_then"}, con)
    assert out["png"][:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in out["svg"][:400]
    df = pd.read_csv(io.BytesIO(out["csv"]))
    assert "level" in df.columns and len(df) == 6
    assert out["xlsx"][:2] == b"PK"


def test_image_bytes_rejects_unknown_format(con):
    fig, _, _ = views.render_view({"chart": "pyramid_then"}, con)
    with pytest.raises(ValueError):
        export.image_bytes(fig, "bmp")


def test_exports_obey_disclosure():
    """A locality count of 3 is shown as c in the CSV, exactly as on screen."""
    pytest.importorskip("dashboard.analysis.disclosure")
    df = pd.DataFrame(
        {
            "area_code": ["LOC-A", "LOC-B", "LOC-C", "E06000019"],
            "area_type": ["locality", "locality", "locality", "local authority"],
            "indicator_id": ["LACnum"] * 4,
            "period": ["2025"] * 4,
            "value": [3.0, 40.0, 50.0, 93.0],
            "unit": ["count"] * 4,
            "status": [None] * 4,
        }
    )
    text = export.table_csv(df).decode()
    assert ",3.0," not in text and ",3," not in text
