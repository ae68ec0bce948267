"""Benchmark: the full lägesrapport (all 8 goals and their charts) as PowerPoint and as PDF, against baselines
measured in the same run: python-pptx writing the same number of slides with the same pictures already drawn,
and Chromium printing a one-line HTML page to PDF (the fixed cost of starting the browser).

    .venv/bin/python benchmarks/bench_report.py [--db /tmp/okdata-1m.db]
"""

import argparse
import io
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from okdata import db  # noqa: E402
from okdata.install import init_database  # noqa: E402
from okdata.report import report_data, year_values  # noqa: E402
from okdata.report_files import build, chart_indicators, indicator_figure, render  # noqa: E402

TARGET_S = 15.0


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path)
    ap.add_argument("--year", type=int, default=2025)
    args = ap.parse_args()
    if args.db:
        url = f"sqlite:///{args.db}"
    else:
        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'sample.db'}"
        init_database(url, sample=True)
    (data, values), t_data, t_values = _data(url, args.year)
    charts = chart_indicators(data)
    pptx, t_pptx = timed(lambda: build(data, "pptx", values))
    pdf, t_pdf = timed(lambda: build(data, "pdf", values))
    images, _ = render([indicator_figure(c) for c in charts])
    _, t_pptx_floor = timed(lambda: _bare_pptx(len(images) + 17, images))
    _, t_pdf_floor = timed(lambda: render([], "<html><body><p>okdata</p></body></html>"))
    from pptx import Presentation
    from pypdf import PdfReader

    slides = len(Presentation(io.BytesIO(pptx)).slides)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(f"{date.today()} {platform.machine()}, Python {platform.python_version()}; {url}")
    print(f"report content: {t_data + t_values:.2f} s (report_data {t_data:.2f} s, year_values {t_values:.2f} s); "
          f"{len(charts)} charts")
    print(f"PowerPoint: {t_pptx:.2f} s ({slides} slides, {len(pptx) / 1e6:.1f} MB); baseline python-pptx with the "
          f"same pictures {t_pptx_floor:.2f} s; ratio {t_pptx / t_pptx_floor:.1f}x; target <= {TARGET_S:.0f} s")
    print(f"PDF: {t_pdf:.2f} s ({pages} pages, {len(pdf) / 1e6:.1f} MB); baseline Chromium printing one line "
          f"{t_pdf_floor:.2f} s; ratio {t_pdf / t_pdf_floor:.1f}x; target <= {TARGET_S:.0f} s")
    target = 10 if args.db else 5
    print(f"click to file, content included (a cold page: report_data, year_values, the file): PowerPoint "
          f"{t_data + t_values + t_pptx:.2f} s, PDF {t_data + t_values + t_pdf:.2f} s; target <= {target} s "
          f"(issue 16: 5 s on the sample store, 10 s on 1 000 000 values); load average {os.getloadavg()[0]:.1f}")


def _data(url, year):
    with db.read_session(url) as s:
        data, t_data = timed(lambda: report_data(s, year))
        values, t_values = timed(lambda: year_values(s, year))
    return (data, values), t_data, t_values


def _bare_pptx(n_slides: int, images: list[bytes]) -> bytes:
    from pptx import Presentation
    from pptx.util import Cm

    prs = Presentation()
    for i in range(n_slides):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = f"Bild {i}"
        if i < len(images):
            slide.shapes.add_picture(io.BytesIO(images[i]), Cm(1), Cm(3), width=Cm(20))
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


if __name__ == "__main__":
    main()
