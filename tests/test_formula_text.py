"""Text a spreadsheet would run as a formula ('=HYPERLINK(…)', '-3 % …', '+1 …', '@…') in the workbooks okdata
writes: a text cell with Excel's quote prefix, shown as it was typed and kept as text when the cell is edited, never
a formula; a CSV file, which has no other way to say "text", carries a leading apostrophe (OWASP)."""

import io

import openpyxl
import pandas as pd
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from okdata import db
from okdata.analysis import save_analysis
from okdata.auth import actor_for
from okdata.catalog import find_agency
from okdata.catalog_revisions import catalog_document
from okdata.catalog_revisions import to_xlsx as catalog_xlsx
from okdata.export import FORMULA_STARTS, export_frame, table_files, to_csv, to_xlsx
from okdata.models import Agency, Indicator, Measure, Observation
from okdata.report import report_data, year_values
from okdata.report_files import build
from okdata.scope import EVERYTHING
from okdata.template import build_template
from tests.apptest_support import COORDINATOR

FORMULA = '=HYPERLINK("http://evil.example/x","Klicka här")'
MINUS = "-3 % jämfört med förra året"
PLUS = "+1 samverkan"
AT = "@Kriminalvården"


def _texts(xlsx: bytes) -> dict[str, list]:
    """Every text cell of the workbook by its text (openpyxl), after checking that none is a formula and that no
    text carries a visible apostrophe in front of what a spreadsheet would run."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts_: dict[str, list] = {}
    for c in cells:
        if isinstance(c.value, str):
            assert not (c.value.startswith("'") and c.value[1:].startswith(FORMULA_STARTS)), c.value
            texts_.setdefault(c.value, []).append(c)
    return texts_


def _quoted(xlsx: bytes, *expected: str) -> None:
    """Each expected text is in the workbook as it was typed, every such cell with the quote prefix, and the
    reader of uploads (calamine) reads the same text back."""
    found = _texts(xlsx)
    assert [t for t in expected if t not in found] == []
    assert [c.coordinate for t in expected for c in found[t] if not c.quotePrefix] == []
    book = CalamineWorkbook.from_filelike(io.BytesIO(xlsx))
    read = {v for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for v in row}
    assert [t for t in expected if t not in read] == []


def test_every_workbook_keeps_a_formula_like_text_as_typed_in_a_quoted_text_cell_and_a_csv_neutralises_it(
        sample_url):
    """An audit: every .xlsx wrote such a text with an apostrophe in it ("'-3 % jämfört…"), visible in the cell
    and kept by a re-upload; the report's Excel, the values export, a table's download, the catalog export and
    the template now hold the text itself in a quoted text cell."""
    with db.session(sample_url) as s:
        stored = s.scalars(select(Observation).join(Indicator, Indicator.id == Observation.indicator_id)
                           .where(Indicator.code == "5.3a", Observation.year.in_((2024, 2025)))).all()
        assert stored
        for o in stored:
            o.value_text = FORMULA
        s.scalars(select(Measure).where(Measure.code == "5.3")).one().text = PLUS
        s.scalars(select(Agency).where(Agency.code == "KVV")).one().name = AT
        assert save_analysis(s, actor_for(s, COORDINATOR), 2025, 2, MINUS).ok
    with db.read_session(sample_url) as s:
        report = build(report_data(s, 2025), "xlsx", year_values(s, 2025))
        values = export_frame(s, EVERYTHING)
        catalog = catalog_xlsx(catalog_document(s), 1)
        template = build_template(s, find_agency(s, "KVV"), 2025).content
    _quoted(report, FORMULA, MINUS)
    _quoted(to_xlsx(values), FORMULA)
    _quoted(catalog, PLUS, AT)
    _quoted(template, FORMULA, PLUS)
    table = next(build for key, _, build, _, _ in table_files(pd.DataFrame({"Text": [FORMULA, MINUS, "ok"]}), "t")
                 if key == "xlsx")()
    _quoted(table, FORMULA, MINUS)
    assert b"'=HYPERLINK" in to_csv(values) and b"\n=HYPERLINK" not in to_csv(values)


def test_a_formula_like_text_as_a_tables_column_heading_is_neutralised_on_screen_and_in_its_files(sample_url):
    """An audit: Mötesläge's chart tables name their value column by the indicator's unit, a catalog text, and a
    unit '=HYPERLINK(…)' became the heading of the table whose own CSV download writes it, where a spreadsheet
    ran it. Headings are neutralised as cells are: on screen, in a table's CSV and in its workbook."""
    from tests.apptest_support import READER, open_page

    unit = '=HYPERLINK("http://e.x","K")'  # a unit has room for 40 characters (PostgreSQL holds it to that)
    with db.session(sample_url) as s:
        for i in s.scalars(select(Indicator)).all():
            i.unit = unit
    headings = []
    for screen in range(2, 10):
        at = open_page("pages/11_Mote.py", READER, ar=2025, skarm=screen)
        headings += [str(c) for d in at.dataframe for c in d.value.columns]
    assert "'" + unit in headings, headings
    assert not [h for h in headings if h.startswith(FORMULA_STARTS)], headings
    table = pd.DataFrame({FORMULA: [1.0], "År": [2025]})
    files = {key: build() for key, _, build, _, _ in table_files(table, "t")}
    for csv in (files["excel_csv"], files["machine_csv"]):
        assert csv.decode("utf-8-sig").startswith("\"'=HYPERLINK"), csv
    _quoted(files["xlsx"], FORMULA)
    assert to_csv(table).decode("utf-8-sig").startswith("\"'=HYPERLINK")
