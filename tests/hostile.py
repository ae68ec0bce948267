"""Returns carrying hostile text: Markdown, LaTeX, HTML, an external image and spreadsheet formulas in the
comments and measure descriptions that a Rapportör may type (issue 14)."""

import io

import openpyxl

from okdata import db

KVV_FILE = db.ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx"
FORMULA = "=cmd|' /C calc'!A0"


def markup(port: int = 9) -> str:
    """Text that Markdown, KaTeX and HTML would all interpret; the image points at a local pixel server."""
    return f"**fet** ![x](http://127.0.0.1:{port}/pixel.png) $x^2$ <b>b</b>"


def kvv_values(**cells) -> bytes:
    """Kriminalvården's example return with these cells of its Indikatorer sheet set (None empties one): J20=2650
    is 3.6a's value, M20 its comment (rows: tests/return_corpus.py)."""
    wb = openpyxl.load_workbook(KVV_FILE)
    for cell, value in cells.items():
        wb["Indikatorer"][cell] = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def kvv_return(comment: str, description: str) -> bytes:
    """Kriminalvården's example return with `comment` on its first value and `description` on its first measure,
    both stored as text cells (never as formulas)."""
    wb = openpyxl.load_workbook(KVV_FILE)
    for ws, cell, text in ((wb["Indikatorer"], "M5", comment), (wb["Åtgärder"], "F4", description)):
        ws[cell].value = text
        ws[cell].data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
