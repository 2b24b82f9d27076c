"""Time a 10-slide story to PowerPoint (and PDF). Run: .venv/bin/python bench/export_bench.py

The bar: under 30 s on this machine, including starting chromium for kaleido.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    import duckdb

    from dashboard import config
    from dashboard.present import deck, stories

    story = stories.load("peer_challenge_2015_16")
    slides = list(story.slides)
    while len(slides) < 10:
        slides.append(slides[len(slides) % len(story.slides)])
    story = story.model_copy(update={"slides": slides[:10]})
    con = duckdb.connect(str(config.store_path()), read_only=True)
    t0 = time.perf_counter()
    rendered = deck.render(story, con)
    t1 = time.perf_counter()
    pptx = deck.story_to_pptx(story, con, rendered)
    t2 = time.perf_counter()
    pdf = deck.story_to_pdf(story, con, rendered)
    t3 = time.perf_counter()
    out = Path(tempfile.mkdtemp())
    (out / "bench.pptx").write_bytes(pptx)
    (out / "bench.pdf").write_bytes(pdf)
    failed = [r.slide.title for r in rendered if not r.png]
    print(
        f"10 slides: charts {t1 - t0:.1f} s, PowerPoint {t2 - t1:.1f} s, PDF {t3 - t2:.1f} s; "
        f"story to PowerPoint total {t2 - t0:.1f} s ({len(pptx) / 1e6:.1f} MB, {out / 'bench.pptx'})"
    )
    if failed:
        print("slides without a chart:", failed)
    print("PASS" if t2 - t0 < 30 else "SLOWER THAN THE 30 s BAR")


if __name__ == "__main__":
    main()
