"""Example return files for sample_data/: a clean one per agency and one full of typical mistakes.

Written by `python -m okdata examples` (which `bash run.sh app` calls) from the example database, never checked
in: they are made by the same template a coordinator downloads. Every filled value carries the comment
"Exempeldata", so the figures stay labelled after an import.
"""

import io
import os
import random
import tempfile
import unicodedata
import zlib
from pathlib import Path

import openpyxl
from sqlalchemy import select
from sqlmodel import Session

from okdata import texts
from okdata.catalog import COUNTY_CODE, find_agency
from okdata.domain import AgencyRef, Dimension, Implementation
from okdata.models import Indicator, Observation
from okdata.scope import agency_scope, expected_rows, reporting_agencies
from okdata.template import build_template

EXAMPLE_COMMENT = texts.EXAMPLE_DATA
MUNICIPAL_EXAMPLES = ("STHLM", "K0127")


def _ascii(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch if ch.isalnum() else "_" for ch in plain).strip("_")


def filled_return(s: Session, agency: AgencyRef, year: int) -> bytes:
    """The agency's template with every expected value filled in with labelled example figures.

    Counts are the example database's figures for the same breakdown changed by the same few per cent per
    indicator and rounded down, so that they agree with each other as real figures do: no part larger than its
    total, no municipalities adding up to more than the county (cross_checks.py). Shares and rates are the
    database's figure for the breakdown (that year, else the year before) changed the same way, so that an example
    upload does not make a chart jump; only one the database has no figure for is drawn at random.
    """
    template = build_template(s, agency, year)
    stored = _stored_counts(s, year)
    ratios = {**_stored_figures(s, year - 1, ("share", "rate")), **_stored_figures(s, year, ("share", "rate"))}
    breakdowns = {r.code: r.breakdowns for r in agency_scope(s, agency)[1].itertuples()}
    wb = openpyxl.load_workbook(io.BytesIO(template.content))
    ws = wb[texts.SHEET_INDICATORS]
    header = [c.value for c in ws[4]]
    col = {key: header.index(name) + 1 for key, name in texts.COLUMNS_INDICATORS.items()}
    for r, e in enumerate(expected_rows(s, agency, year), start=5):
        code, unit = ws.cell(r, col["id"]).value, ws.cell(r, col["unit"]).value
        rng = random.Random(zlib.crc32(f"{agency.code}|{code}|{r}".encode()))
        factor = random.Random(zlib.crc32(f"{code}|{year}".encode())).uniform(0.95, 1.1)
        key = (code, e.violence_type, e.area_code, e.grp, e.category)
        if unit == "Ja/Nej":
            value = texts.YES
        elif unit == "text":
            value = texts.EXAMPLE_DESCRIPTIVE.format(year=year)
        elif unit == "procent":
            value = min(100, round(ratios[key] * factor)) if key in ratios else rng.randint(20, 80)
        elif unit == "per 100 000 invånare":
            value = round(ratios[key] * factor, 1) if key in ratios else round(rng.uniform(5, 60), 1)
        elif key in stored:
            value = int(stored[key] * factor)
        else:
            value = _unstored_count(key, breakdowns[code], stored, rng)
        ws.cell(r, col["value"], value)
        ws.cell(r, col["comment"], EXAMPLE_COMMENT)
    ms = wb[texts.SHEET_MEASURES]
    for r in range(4, 4 + template.measure_rows):
        ms.cell(r, 5, texts.IMPLEMENTATION[Implementation.ONGOING])
        ms.cell(r, 6, texts.EXAMPLE_DESCRIPTIONS[Implementation.ONGOING])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


TOTALS = ((Dimension.VIOLENCE_TYPE, ""), (Dimension.AREA, COUNTY_CODE), (Dimension.GROUP, ""), (Dimension.CATEGORY, ""))


def _unstored_count(key: tuple, breakdowns: list, stored: dict, rng: random.Random) -> int:
    """A count for a breakdown the example database has no figure for: a fraction of the smallest stored total
    it is part of, else small numbers whose totals are far above their parts (×50 per breakdown at its total)."""
    wholes = [stored[whole] for i in range(1, 5) if key[i] != TOTALS[i - 1][1]
              and (whole := key[:i] + (TOTALS[i - 1][1],) + key[i + 1:]) in stored]
    if wholes:
        return int(min(wholes) * 0.3)
    at_total = sum(1 for i, (dimension, total) in enumerate(TOTALS, start=1)
                   if dimension in breakdowns and key[i] == total)
    return rng.randint(2, 40) * 50 ** at_total


def _stored_counts(s: Session, year: int) -> dict[tuple, float]:
    return _stored_figures(s, year, ("count",))


def _stored_figures(s: Session, year: int, kinds: tuple[str, ...]) -> dict[tuple, float]:
    """The example database's approved figures of these kinds for `year`, by (indicator code, breakdown)."""
    o = Observation
    q = (select(Indicator.code, o.violence_type, o.area_code, o.grp, o.category, o.value_num)
         .join(Indicator, Indicator.id == o.indicator_id)
         .where(o.is_approved.is_(True), o.year == year, Indicator.kind.in_(kinds), o.value_num.is_not(None)))
    return {tuple(r[:5]): r[5] for r in s.execute(q)}


def return_with_mistakes(s: Session, year: int) -> bytes:
    """Kriminalvården's return with the mistakes coordinators make most often."""
    agency = find_agency(s, "KVV")
    wb = openpyxl.load_workbook(io.BytesIO(filled_return(s, agency, year)))
    ws = wb[texts.SHEET_INDICATORS]
    ws["J5"] = "tolv"  # not a number
    ws["J6"] = -4  # negative count
    ws["J7"] = "7,5"  # a count with decimals
    ws["J21"] = 0.35  # a share as a fraction (a warning)
    ws["D8"] = year - 1  # a row for another year than the return's
    ws["E9"] = "Cybervåld"  # unknown violence type
    ws["J25"] = "Kanske"  # milestone not Ja/Nej
    for c in "ABCDEFGHJ":  # the same row twice
        ws[f"{c}27"] = ws[f"{c}20"].value
    wb[texts.SHEET_MEASURES]["E5"] = "Klar"  # unknown status
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_sample_returns(s: Session, folder: Path, year: int) -> list[Path]:
    """Write the example files (each replaced whole, so that two writers never leave half a file); returns their
    paths."""
    files = {f"exempel_{_ascii(a.short_name)}_{year}.xlsx": filled_return(s, a, year) for a in reporting_agencies(s)
             if a.kind != "kommun" or a.code in MUNICIPAL_EXAMPLES}
    files[f"exempel_med_fel_{year}.xlsx"] = return_with_mistakes(s, year)
    folder.mkdir(parents=True, exist_ok=True)  # once every file is made: a refused year leaves no folder behind
    written = []
    for name, content in files.items():
        path = folder / name
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".tmp-", suffix=".xlsx", delete=False) as f:
            f.write(content)
        os.replace(f.name, path)
        written.append(path)
    return written
