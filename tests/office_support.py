"""Render a PowerPoint or Word file as a person opening it would see it: through LibreOffice (Debian's
libreoffice-impress / libreoffice-writer, headless) to PDF, then read where each piece of text landed."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

EMU_PER_PT = 12700
TOLERANCE = 2.0  # points: rounding in the rendering


def to_pdf(data: bytes, suffix: str) -> bytes:
    """The file converted to PDF by LibreOffice headless (its own profile, so parallel runs do not collide)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"in.{suffix}"
        src.write_bytes(data)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=300)
        return (Path(tmp) / "in.pdf").read_bytes()


def _squeeze(text: str) -> str:
    """Text without spaces and bullets (the renderer draws a bullet apart from its line)."""
    return re.sub(r"[\s•]+", "", text)


def _frames(slide) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each text-bearing shape of a slide in drawing order: its text (no spaces) and box (left, top, right,
    bottom) in points; a table is one frame holding its cells row by row."""
    out = []
    for sh in slide.shapes:
        if sh.has_text_frame:
            text = sh.text_frame.text
        elif getattr(sh, "has_table", False) and sh.has_table:
            text = "".join(c.text for r in sh.table.rows for c in r.cells)
        else:
            continue
        if not _squeeze(text):
            continue
        left, top = Emu(sh.left).pt, Emu(sh.top).pt
        out.append((_squeeze(text), (left, top, left + Emu(sh.width).pt, top + Emu(sh.height).pt)))
    return out


def overflows(pptx: bytes, pdf: bytes | None = None) -> list[str]:
    """Every piece of text LibreOffice Impress draws outside the shape that holds it (or off the slide), as
    'slide N: "text" at (x, y) outside shape "…"'. The rendered text is matched to the shapes in drawing order."""
    prs = Presentation(io.BytesIO(pptx))
    reader = PdfReader(io.BytesIO(pdf or to_pdf(pptx, "pptx")))
    assert len(reader.pages) == len(prs.slides)
    height = Emu(prs.slide_height).pt
    width = Emu(prs.slide_width).pt
    problems = []
    for n, (slide, page) in enumerate(zip(prs.slides, reader.pages), start=1):
        frames = _frames(slide)
        pieces: list[tuple[str, float, float, float]] = []

        def visit(text, cm, tm, font, size, pieces=pieces):
            if _squeeze(text):
                pieces.append((_squeeze(text), tm[4], height - tm[5], size * abs(tm[3] or 1)))

        page.extract_text(visitor_text=visit)
        i, rest = 0, frames[0][0] if frames else ""
        for text, x, baseline, size in pieces:
            while i < len(frames) and not rest:
                i += 1
                rest = frames[i][0] if i < len(frames) else ""
            if i >= len(frames) or not rest.startswith(text):
                problems.append(f"slide {n}: text not matched to a shape: {text[:40]!r}")
                break
            rest = rest[len(text):]
            left, top, right, bottom = frames[i][1]
            cap = 0.7 * size
            inside = (left - TOLERANCE <= x <= right + TOLERANCE and top - TOLERANCE <= baseline - cap
                      and baseline <= bottom + TOLERANCE)
            on_slide = 0 <= x <= width and 0 <= baseline - cap and baseline <= height
            if not (inside and on_slide):
                problems.append(f"slide {n}: {text[:40]!r} at ({x:.0f}, {baseline:.0f}) outside its shape "
                                f"({left:.0f}, {top:.0f}, {right:.0f}, {bottom:.0f})")
    return problems
