"""Example return files for sample_data/: a clean one per agency and one full of typical mistakes.

Every filled value carries the comment "Exempeldata", so the figures stay labelled after an import.
"""

import io
import random
import unicodedata
import zlib
from pathlib import Path

import openpyxl
from sqlmodel import Session

from okdata import texts
from okdata.catalog import AgencyInfo, find_agency
from okdata.returns import reporting_agencies
from okdata.template import build_template

EXAMPLE_COMMENT = texts.EXAMPLE_DATA
MUNICIPAL_EXAMPLES = ("STHLM", "K0127")


def _ascii(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch if ch.isalnum() else "_" for ch in plain).strip("_")


def filled_return(s: Session, agency: AgencyInfo, year: int) -> bytes:
    """The agency's template with every expected value filled in with labelled example figures."""
    template = build_template(s, agency, year)
    wb = openpyxl.load_workbook(io.BytesIO(template.content))
    ws = wb[texts.SHEET_INDICATORS]
    header = [c.value for c in ws[4]]
    col = {key: header.index(name) + 1 for key, name in texts.COLUMNS_INDICATORS.items()}
    for r in range(5, 5 + template.indicator_rows):
        code, unit = ws.cell(r, col["id"]).value, ws.cell(r, col["unit"]).value
        rng = random.Random(zlib.crc32(f"{agency.code}|{code}|{r}".encode()))
        if unit == "Ja/Nej":
            value = texts.YES
        elif unit == "text":
            value = texts.EXAMPLE_DESCRIPTIVE.format(year=year)
        elif unit == "procent":
            value = rng.randint(20, 80)
        elif unit == "per 100 000 invånare":
            value = round(rng.uniform(5, 60), 1)
        else:
            value = rng.randint(2, 120)
        ws.cell(r, col["value"], value)
        ws.cell(r, col["comment"], EXAMPLE_COMMENT)
    ms = wb[texts.SHEET_MEASURES]
    for r in range(4, 4 + template.measure_rows):
        ms.cell(r, 5, texts.MEASURE_STATUSES[1])
        ms.cell(r, 6, texts.EXAMPLE_DESCRIPTIONS[texts.MEASURE_STATUSES[1]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def return_with_mistakes(s: Session, year: int) -> bytes:
    """Kriminalvården's return with the mistakes coordinators make most often."""
    agency = find_agency(s, "KVV")
    wb = openpyxl.load_workbook(io.BytesIO(filled_return(s, agency, year)))
    ws = wb[texts.SHEET_INDICATORS]
    ws["J5"] = "tolv"  # not a number
    ws["J6"] = -4  # negative count
    ws["J7"] = "7,5"  # a count with decimals
    ws["J21"] = 0.35  # a share as a fraction (a warning)
    ws["D8"] = year + 5  # a future year
    ws["E9"] = "Cybervåld"  # unknown violence type
    ws["J25"] = "Kanske"  # milestone not Ja/Nej
    for c in "ABCDEFGHJ":  # the same row twice
        ws[f"{c}27"] = ws[f"{c}20"].value
    wb[texts.SHEET_MEASURES]["E5"] = "Klar"  # unknown status
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_sample_returns(s: Session, folder: Path, year: int) -> list[Path]:
    """Write the example files; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for agency in reporting_agencies(s):
        if agency.kind == "kommun" and agency.code not in MUNICIPAL_EXAMPLES:
            continue
        path = folder / f"exempel_{_ascii(agency.short_name)}_{year}.xlsx"
        path.write_bytes(filled_return(s, agency, year))
        written.append(path)
    path = folder / f"exempel_med_fel_{year}.xlsx"
    path.write_bytes(return_with_mistakes(s, year))
    return [*written, path]
