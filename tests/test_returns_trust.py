"""Test the returns pipeline as a hostile and a careless reporter would try it (issue 13): bounded memory, no
crash, Swedish refusals, plausible magnitudes, cross-value rules, completeness and fresh views after a write."""

import io
import json
import re
import subprocess
import sys
import textwrap
from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select

from okdata import db, texts
from okdata.auth import Actor
from okdata.catalog import find_agency
from okdata.domain import Role
from okdata.explore import agency_view
from okdata.export import XLSX_MIME
from okdata.formatting import fmt_num
from okdata.models import Area, Observation
from okdata.returns import check_return, save_return
from okdata.template import build_template
from tests.db_support import run
from tests.return_corpus import SHEET_XML, _append_rows, _million_rows, _rezip, _variant

TODAY = date(2026, 11, 24)
COORD = Actor("anna", "Anna Andersson", Role.COORDINATOR)
MEMORY_BUDGET = 300 * 1024 * 1024


def _kvv_file(url, change=None) -> bytes:
    with db.read_session(url) as s:
        template = build_template(s, find_agency(s, "KVV"), 2025).content
    return _variant(template, change)


def _hand_made(rows: list[list], year: int = 2025) -> bytes:
    """A return typed by hand: only the Indikatorer sheet with the columns the contract requires."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = texts.SHEET_INDICATORS
    H = texts.COLUMNS_INDICATORS
    ws.append([H["id"], H["year"], H["area"], H["value"], H["comment"]])
    for r in rows:
        ws.append([r[0], year, *r[1:]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("case", ["sparse", "million"])
def test_the_peak_memory_of_a_hostile_upload_stays_within_300_mb_of_the_server_and_the_file_is_refused(
        case, empty_url, tmp_path):
    """The sparse file (one cell at A1000000) made the reader use ~800 MB; a million rows 1,3 GB. Measured in a
    process of its own: the checking process's growth over its baseline plus the reading process's peak."""
    data = _kvv_file(empty_url)
    part = _append_rows(b'<row r="1000000"><c r="A1000000" t="n"><v>1</v></c></row>') if case == "sparse" \
        else _million_rows
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(_rezip(data, SHEET_XML, part))
    script = textwrap.dedent(f"""
        import json, resource, sys
        from okdata import db
        from okdata.returns import check_return
        from okdata.scope import max_return_rows
        from okdata.workbook import read_workbook
        def kb(key):
            return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith(key))
        data = open({str(path)!r}, "rb").read()
        with db.read_session() as s:
            limit = max_return_rows(s)
            base = kb("VmRSS:")
            check = check_return(s, data, "fil.xlsx", None)
        grown = (kb("VmHWM:") - base) * 1024
        read = read_workbook(data, "fil.xlsx", limit)
        print(json.dumps({{"codes": [p.code for p in check.problems], "grown": grown, "reader": read.peak_bytes}}))
    """)
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=db.ROOT,
                       env={"OKDATA_DATABASE_URL": empty_url, "PATH": "/usr/bin:/bin"}, timeout=300)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["codes"] == ["FIL_FOR_MANGA_RADER"]
    assert out["grown"] + out["reader"] <= MEMORY_BUDGET, out


@pytest.mark.cli
def test_a_file_that_makes_the_reader_ask_for_512_gb_is_refused_in_swedish_and_the_command_line_survives(
        empty_url, tmp_path):
    """A cell at XFD1048576 hidden in an ordinary row: calamine asks for 512 GB and aborts its process. That is
    the isolated reading process; the command line reports a Swedish problem and exits 1."""
    from tests.return_corpus import _replace_cell

    path = tmp_path / "gomd.xlsx"
    path.write_bytes(_rezip(_kvv_file(empty_url), SHEET_XML,
                            _replace_cell("M20", b'<c r="XFD1048576" t="n"><v>1</v></c>')))
    from tests.db_support import run

    r = run("import", str(path), "--dry-run", url=empty_url)
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert "FIL_FOR_KRAVANDE" in r.stdout and "minne" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr


@pytest.mark.parametrize("name, data, detail", [
    ("avklippt.xlsx", lambda f: f[:3000], "zip-strukturen är trasig"),
    ("dtd.xlsx", lambda f: _rezip(f, "xl/styles.xml", lambda x: b'<!DOCTYPE x [<!ENTITY a "b">]>' + x),
     "DTD-deklaration"),
])
def test_a_damaged_file_is_explained_in_swedish_without_library_details(name, data, detail, empty_url):
    with db.read_session(empty_url) as s:
        check = check_return(s, data(_kvv_file(empty_url)), name, None, COORD, today=TODAY)
    [p] = check.problems
    assert p.code == "FIL_SKADAD" and detail in p.message
    assert not any(word in p.message for word in ("Error", "error", "zipfile", "Traceback", "Bad ", "File is"))


def test_an_absurd_number_is_an_error_whose_message_is_short(empty_url):
    with db.read_session(empty_url) as s:
        check = check_return(s, _kvv_file(empty_url, lambda wb: wb["Indikatorer"].__setitem__("J20", 1e308)),
                             "stort.xlsx", None, COORD, today=TODAY)
    [p] = check.errors
    assert p.code == "VARDE_ORIMLIGT" and "1,0\u00a0×\u00a010³⁰⁸" in p.message and len(p.message) < 200


def test_municipal_counts_adding_up_to_more_than_the_county_are_a_warning(empty_url):
    data = _hand_made([["1.6a", "", 10, ""], ["1.6a", "Botkyrka", 8, ""], ["1.6a", "Solna", 5, ""]])
    with db.read_session(empty_url) as s:
        check = check_return(s, data, "lst.xlsx", "Länsstyrelsen", COORD, today=TODAY)
    problems = [p for p in check.problems if p.code != "FORVANTADE_SAKNAS"]
    assert [p.key() for p in problems] == [("Indikatorer", 2, "Värde", "KOMMUNSUMMA_OVER_LAN")]
    assert "tillsammans 13" in problems[0].message and "(10)" in problems[0].message


def test_a_municipality_larger_than_the_stored_county_total_is_an_error(empty_url):
    with db.session(empty_url) as s:
        saved = save_return(s, _hand_made([["1.6a", "", 10, ""]]), "lst.xlsx", "Länsstyrelsen", COORD, today=TODAY)
        assert saved.outcome == "saved"
        check = check_return(s, _hand_made([["1.6a", "Botkyrka", 12, ""]]), "lst2.xlsx", "Länsstyrelsen", COORD,
                             today=TODAY)
    problems = [p for p in check.problems if p.code != "FORVANTADE_SAKNAS"]
    assert [p.key() for p in problems] == [("Indikatorer", 2, "Värde", "DEL_STORRE_AN_TOTAL")]
    assert "Botkyrka (12, rad 2)" in problems[0].message and "(10, sparat tidigare)" in problems[0].message


def test_a_full_upload_counts_every_value_it_confirms_unchanged_ones_too(sample_url):
    """Polisen was shown 107/110 after a full upload because three unchanged values were not stored with it."""
    path = db.ROOT / "sample_data" / "exempel_Polisen_2025.xlsx"
    with db.session(sample_url) as s:
        pol = find_agency(s, "POL")
        first = save_return(s, path.read_bytes(), path.name, None, COORD, today=TODAY)
        assert first.outcome == "saved"
    # The same figures re-saved by Excel (another checksum): nothing new to record.
    wb = openpyxl.load_workbook(path)
    buf = io.BytesIO()
    wb.save(buf)
    with db.session(sample_url) as s:
        again = save_return(s, buf.getvalue(), "igen.xlsx", None, COORD, today=TODAY)
    assert again.outcome == "nothing" and again.batch_id == first.batch_id
    with db.read_session(sample_url) as s:
        view = agency_view(s, pol, [2025], 2025)
        n = s.scalar(select(Observation.id).where(Observation.batch_id == first.batch_id).limit(1))
    row = view.reporting.iloc[0]
    assert row.reported == row.expected and row.expected > 100 and view.missing.empty and n


def test_two_agencies_reporting_the_same_indicator_are_both_complete(sample_url):
    """2.4a is Polisen's and Åklagarmyndigheten's: the second upload of the same figures must not make the first
    agency's values 'not reported'."""
    with db.session(sample_url) as s:
        for name in ("Polisen", "Aklagarmyndigheten"):
            path = db.ROOT / "sample_data" / f"exempel_{name}_2025.xlsx"
            assert save_return(s, path.read_bytes(), path.name, None, COORD, today=TODAY).outcome == "saved"
    with db.read_session(sample_url) as s:
        for code in ("POL", "AKL"):
            view = agency_view(s, find_agency(s, code), [2025], 2025)
            assert view.reporting.iloc[0].reported == view.reporting.iloc[0].expected, code


@pytest.mark.cli
def test_a_write_by_another_process_shows_at_the_next_page_run(sample_url):
    """After a command-line import, Historik said "Inga inrapporteringar ännu" for up to ten minutes."""
    from tests.apptest_support import COORDINATOR as DEMO_COORD
    from tests.apptest_support import open_page
    from tests.db_support import run

    at = open_page("pages/6_Historik.py", DEMO_COORD)
    before = len(at.dataframe[0].value)
    r = run("import", str(db.ROOT / "sample_data" / "exempel_Polisen_2025.xlsx"), "--user", "demo-samordnare",
            url=sample_url)
    assert r.returncode == 0, r.stdout + r.stderr
    at.run()
    assert len(at.dataframe[0].value) == before + 1
    assert at.dataframe[0].value.iloc[0][texts.BATCH_COLUMNS["agency"]] == "Polisen"


def test_a_file_too_large_for_a_return_is_refused_in_swedish_on_the_page(sample_url):
    from tests.apptest_support import COORDINATOR as DEMO_COORD
    from tests.apptest_support import open_page

    at = open_page("pages/5_Rapportera.py", DEMO_COORD, myndighet="KVV", ar=2025)
    at.file_uploader[0].upload("stor.xlsx", b"PK\x03\x04" + b"0" * (25 * 1024 * 1024), XLSX_MIME).run()
    assert not at.exception
    problems = at.dataframe[-1].value
    assert list(problems[texts.PROBLEM_COLUMNS["code"]]) == ["FIL_FOR_STOR"]
    assert "Största tillåtna storlek är 20 MB" in problems[texts.PROBLEM_COLUMNS["message"]].iloc[0]


def test_a_return_is_listed_in_the_order_of_its_file_though_it_is_stored_in_key_order(empty_url):
    """The save inserts a return's rows in the order of the store's key index (faster to index); History and the
    review list a batch's values by their row in the file all the same."""
    from okdata.history import batch_values
    from okdata.review import batch_review
    from okdata.scope import EVERYTHING

    rows = [["8.6a", "", 3, ""], ["1.6a", "Solna", 2, ""], ["3.6a", "", 7, ""], ["1.6a", "", 9, ""]]
    with db.session(empty_url) as s:
        lst = find_agency(s, "Länsstyrelsen")
        reporter = Actor("rita", "Rita Rapportör", Role.REPORTER, agency_id=lst.id, agency_code=lst.code,
                         agency_name=lst.name)
        saved = save_return(s, _hand_made(rows), "lst.xlsx", "Länsstyrelsen", reporter, today=TODAY)
        assert saved.outcome == "saved", [p.key() for p in saved.check.errors]
        stored = [tuple(r) for r in s.execute(select(Observation.sheet_row).where(
            Observation.batch_id == saved.batch_id).order_by(Observation.id))]
    assert stored != sorted(stored)  # the insert order is the key's, not the file's: the listing must sort
    with db.read_session(empty_url) as s:
        listed = batch_values(s, saved.batch_id, EVERYTHING)
        reviewed = batch_review(s, saved.batch_id, EVERYTHING)
    assert list(listed.sheet_row) == [2, 3, 4, 5] and list(listed.indicator) == ["8.6a", "1.6a", "3.6a", "1.6a"]
    assert list(reviewed.sheet_row) == [2, 3, 4, 5]


def test_a_text_no_file_can_carry_is_neither_read_from_a_return_nor_written_into_next_years_template(sample_url):
    """Test that a bell in a return's text (an .xls file can hold one) is dropped when the cell is read, and that
    a value or a measure text stored with one before still gives KVV a template that shows it without the bell:
    openpyxl refused the whole template for it."""
    from okdata.models import Indicator, Measure
    from okdata.workbook import cell_text

    assert cell_text("Utvecklat\x07 arbete\x0bi år") == "Utvecklat arbete i år"
    with db.session(sample_url) as s:
        stored = s.scalars(select(Observation).join(Indicator, Indicator.id == Observation.indicator_id)
                           .where(Indicator.code == "5.3a", Observation.year == 2024)).all()
        assert stored
        for o in stored:
            o.value_text = "Utvecklat\x07 arbete"
        measure = s.scalars(select(Measure).where(Measure.code == "5.3")).one()
        measure.text = "Stärka\x07 utredningsarbetet"
    with db.read_session(sample_url) as s:
        template = build_template(s, find_agency(s, "KVV"), 2025).content
    cells = [c for ws in openpyxl.load_workbook(io.BytesIO(template)).worksheets for row in ws.values for c in row]
    assert "Utvecklat arbete" in cells and "Stärka utredningsarbetet" in cells


def test_a_cell_reads_the_same_whatever_cells_were_read_before():
    """cell_text is cached, and True == 1 and False == 0 in Python: a milestone written as the number 1 was read as
    'Ja' (and accepted) after any earlier file of the process held a TRUE, and a TRUE was read as '1' after a 1."""
    from okdata.workbook import _kept_cell_text, cell_text

    for order in ((1.0, True, 0.0, False, 1, 0), (True, 1.0, False, 0.0, 1, 0)):
        _kept_cell_text.cache_clear()
        assert [cell_text(v) for v in order] == [{True: "Ja", False: "Nej"}[v] if isinstance(v, bool) else str(int(v))
                                                 for v in order]


def test_the_long_texts_of_uploads_are_not_kept_in_the_process_after_they_are_read():
    """Every distinct cell text read was kept in cell_text's cache (65 536 of them) for the life of the process: a
    dozen uploads of distinct long comments held 27 MB each of the app's memory for good, which any Rapportör could
    repeat. A short value (a code, a name, a status) is still kept; a long one is read and forgotten."""
    from okdata.workbook import CACHED_TEXT, _kept_cell_text, cell_text

    _kept_cell_text.cache_clear()
    long_texts = [f"Kommentar {n}: " + "lång text " * 1000 for n in range(300)]
    assert [cell_text(t) for t in long_texts] == [" ".join(t.split()) for t in long_texts]
    assert _kept_cell_text.cache_info().currsize == 0
    assert cell_text("Pågående") == "Pågående" and cell_text("x" * CACHED_TEXT) == "x" * CACHED_TEXT
    assert _kept_cell_text.cache_info().currsize == 2


def test_a_text_a_spreadsheet_would_run_comes_back_in_next_years_template_as_text(sample_url):
    """A descriptive value saved as '=HYPERLINK(…)' came back as a live formula in the column 'Förra årets värde' of
    the next year's template (openpyxl writes a text starting with '=' as a formula); so would a catalog text."""
    from okdata.models import Agency, Indicator, Measure

    formula = '=HYPERLINK("http://evil.example/x","Klicka här")'
    with db.session(sample_url) as s:
        stored = s.scalars(select(Observation).join(Indicator, Indicator.id == Observation.indicator_id)
                           .where(Indicator.code == "5.3a", Observation.year == 2024)).all()
        assert stored
        for o in stored:
            o.value_text = formula
        s.scalars(select(Measure).where(Measure.code == "5.3")).one().text = "+1 samverkan"
        s.scalars(select(Agency).where(Agency.code == "KVV")).one().name = "@Kriminalvården"
    with db.read_session(sample_url) as s:
        template = build_template(s, find_agency(s, "KVV"), 2025).content
    book = openpyxl.load_workbook(io.BytesIO(template))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    quoted = {c.value for c in cells if c.quotePrefix}  # text cells shown as typed (tests/test_formula_text.py)
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "@"))
                and c.value not in quoted]
    assert formula in quoted and "+1 samverkan" in quoted


def test_last_years_status_in_the_template_is_the_word_the_status_list_offers(sample_url):
    """'Förra årets status' showed the stored codes (ongoing, done, delayed) instead of Pågående, Genomförd …
    (Länsstyrelsen: its 2025 return is approved in the example; Polisen's is late and has no status to show)."""
    with db.read_session(sample_url) as s:
        template = build_template(s, find_agency(s, "LST"), 2026).content
    sheet = openpyxl.load_workbook(io.BytesIO(template))[texts.SHEET_MEASURES]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    shown = {r[3] for r in rows if r[0]}
    assert shown - {None, ""} and shown - {None, ""} <= set(texts.IMPLEMENTATION.values()), shown


@pytest.mark.cli
def test_a_return_with_nothing_filled_in_says_so_and_saves_nothing(sample_url, tmp_path):
    """An untouched template was answered 'Filen har exakt samma innehåll som inrapportering nr None' (and the
    command line's exit code was 0, as for a save)."""
    with db.read_session(sample_url) as s:
        blank = build_template(s, find_agency(s, "KVV"), 2025).content
    with db.session(sample_url) as s:
        result = save_return(s, blank, "mall.xlsx", "KVV", COORD, TODAY)
    assert result.outcome == "errors" and result.batch_id is None
    assert [p.code for p in result.check.errors] == ["INGET_IFYLLT"]
    assert "None" not in result.check.errors[0].message
    path = tmp_path / "mall.xlsx"
    path.write_bytes(blank)
    r = run("import", str(path), "--agency", "KVV", "--user", "demo-samordnare", url=sample_url)
    assert r.returncode == 1 and "None" not in r.stdout + r.stderr and "INGET_IFYLLT" in r.stdout + r.stderr


def _police_template(url) -> openpyxl.Workbook:
    with db.read_session(url) as s:
        return openpyxl.load_workbook(io.BytesIO(build_template(s, find_agency(s, "POL"), 2025).content))


def _row_of(ws, indicator: str, area: str) -> int:
    H = texts.COLUMNS_INDICATORS
    header = [c.value for c in ws[4]]
    i_id, i_area = header.index(H["id"]), header.index(H["area"])
    return next(r[0].row for r in ws.iter_rows(min_row=5) if r[i_id].value == indicator and r[i_area].value == area)


@pytest.mark.parametrize("heading", ["Kommun", None])
def test_a_municipalitys_row_under_a_renamed_area_column_is_refused_not_saved_for_the_county(sample_url, heading):
    """With the heading Område renamed (or emptied) the column was not read, so Järfälla's value of 1.6a was
    saved as Stockholms län's (7 824 → 8 000)."""
    wb = _police_template(sample_url)
    ws = wb[texts.SHEET_INDICATORS]
    header = [c.value for c in ws[4]]
    H = texts.COLUMNS_INDICATORS
    area_col, value_col = header.index(H["area"]) + 1, header.index(H["value"]) + 1
    ws.cell(_row_of(ws, "1.6a", "Järfälla"), value_col).value = 8000
    ws.cell(4, area_col).value = heading
    buf = io.BytesIO()
    wb.save(buf)
    with db.session(sample_url) as s:
        result = save_return(s, buf.getvalue(), "pol.xlsx", "POL", COORD, TODAY)
    assert result.outcome == "errors" and result.batch_id is None
    (refused,) = result.check.errors
    assert refused.code == "KOLUMN_OKAND" and refused.row == 4 and H["area"] in refused.message
    assert refused.column == (heading or openpyxl.utils.get_column_letter(area_col))


@pytest.mark.parametrize("heading", ["Typ", None])
def test_a_categorys_row_under_a_renamed_category_column_is_refused_not_saved_as_the_indicators_total(
        sample_url, heading):
    """An audit: with the heading Kategori renamed (or emptied) the column was not read, so Kriminalvården's
    5.3b 'personutredningar' was saved as 5.3b's total (a row the template does not have), shown as a change of
    the county's value, while Område, Våldstyp and Grupp were refused so (KOLUMN_OKAND)."""
    with db.read_session(sample_url) as s:
        wb = openpyxl.load_workbook(io.BytesIO(build_template(s, find_agency(s, "KVV"), 2025).content))
    ws = wb[texts.SHEET_INDICATORS]
    header = [c.value for c in ws[4]]
    H = texts.COLUMNS_INDICATORS
    id_col, cat_col, value_col = (header.index(H[k]) + 1 for k in ("id", "category", "value"))
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, id_col).value == "5.3b")
    category = ws.cell(row, cat_col).value
    assert category, "5.3b's rows name their category"
    ws.cell(row, value_col).value = 165
    ws.cell(4, cat_col).value = heading
    buf = io.BytesIO()
    wb.save(buf)
    with db.session(sample_url) as s:
        result = save_return(s, buf.getvalue(), "kvv.xlsx", "KVV", COORD, TODAY)
    assert result.outcome == "errors" and result.batch_id is None
    unknown = [p for p in result.check.errors if p.code == "KOLUMN_OKAND"]
    assert len(unknown) == 1 and unknown[0].row == 4 and H["category"] in unknown[0].message, result.check.errors
    assert unknown[0].column == (heading or openpyxl.utils.get_column_letter(cat_col))


def test_a_samordnare_cannot_save_one_agencys_file_for_another_whose_measures_it_does_not_answer_for(sample_url):
    """An audit: Kriminalvården's file without its 'Om filen' sheet, uploaded by a Samordnare for Polisen, was saved
    and approved under Polisen: Kriminalvården's figures and statuses, Polisen's own statuses of 2.8 and 4.5
    replaced and statuses of measures Polisen does not answer for stored where no count reads them. A return for an
    agency holds that agency's indicators and measures whoever uploads it (Länsstyrelsen's may hold any)."""
    from sqlalchemy import func, select

    from okdata.models import ImportBatch

    with db.read_session(sample_url) as s:
        wb = openpyxl.load_workbook(io.BytesIO(build_template(s, find_agency(s, "KVV"), 2025).content))
    del wb[texts.SHEET_ABOUT]
    ws = wb[texts.SHEET_INDICATORS]
    header = [c.value for c in ws[4]]
    H = texts.COLUMNS_INDICATORS
    id_col, value_col = header.index(H["id"]) + 1, header.index(H["value"]) + 1
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, id_col).value == "5.3a")
    ws.cell(row, value_col).value = 12
    ms = wb[texts.SHEET_MEASURES]
    M = texts.COLUMNS_MEASURES
    top = next(r for r in range(1, 20) if ms.cell(r, 1).value == M["code"])
    mcols = {c.value: c.column for c in ms[top]}
    measure_row = next(r for r in range(top + 1, ms.max_row + 1) if ms.cell(r, mcols[M["code"]]).value == "5.3")
    ms.cell(measure_row, mcols[M["status"]]).value = texts.IMPLEMENTATION["done"]
    buf = io.BytesIO()
    wb.save(buf)
    with db.read_session(sample_url) as s:
        before = s.scalar(select(func.count()).select_from(ImportBatch))
    with db.session(sample_url) as s:
        result = save_return(s, buf.getvalue(), "kvv.xlsx", "POL", COORD, TODAY, year=2025)
    assert result.outcome == "errors" and result.batch_id is None
    outside = [p for p in result.check.errors if p.code in ("ID_UTANFOR_ANSVAR", "ATGARD_UTANFOR_ANSVAR")]
    assert any(p.sheet == texts.SHEET_INDICATORS and p.row == row for p in outside), result.check.errors
    assert any(p.sheet == texts.SHEET_MEASURES and p.row == measure_row for p in outside), result.check.errors
    with db.read_session(sample_url) as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == before
    with db.session(sample_url) as s:  # the same file for Kriminalvården, and for Länsstyrelsen, is read as before
        assert check_return(s, buf.getvalue(), "kvv.xlsx", "KVV", COORD, TODAY, year=2025).errors == []
        assert not [p for p in check_return(s, buf.getvalue(), "kvv.xlsx", "LST", COORD, TODAY, year=2025).errors
                    if "UTANFOR_ANSVAR" in p.code]


def test_an_extra_column_of_ones_own_notes_is_still_ignored(sample_url):
    wb = _police_template(sample_url)
    ws = wb[texts.SHEET_INDICATORS]
    header = [c.value for c in ws[4]]
    H = texts.COLUMNS_INDICATORS
    extra, value_col = len(header) + 1, header.index(H["value"]) + 1
    ws.cell(4, extra).value = "Egna anteckningar"
    row = _row_of(ws, "1.6a", "Järfälla")
    ws.cell(row, value_col).value = 250
    ws.cell(row, extra).value = "Kontrollerat mot polisens system"
    buf = io.BytesIO()
    wb.save(buf)
    with db.session(sample_url) as s:
        result = save_return(s, buf.getvalue(), "pol.xlsx", "POL", COORD, TODAY)
    assert result.outcome == "saved", result.check.problems


def test_a_municipality_is_known_by_its_own_name_in_the_genitive(sample_url):
    """'Stockholms stad', 'Österåkers kommun', 'Danderyds kommun' and 'Vaxholms stad' are the municipalities' own
    names, but only 'Stockholm stad' or 'Österåker kommun' were known (OMRADE_OKANT)."""
    names = {"Stockholms stad": "Stockholm", "Österåkers kommun": "Österåker", "Danderyds kommun": "Danderyd",
             "Vaxholms stad": "Vaxholm", "Botkyrka kommun": "Botkyrka", "Sundbybergs stad": "Sundbyberg"}
    data = _hand_made([["1.6a", name, 10 + i] for i, name in enumerate(names)])
    with db.session(sample_url) as s:
        check = check_return(s, data, "hand.xlsx", "POL", actor=COORD, today=TODAY)
        assert not check.errors, check.errors
        areas = dict(s.execute(select(Area.name, Area.code)).all())
    assert [v.area_code for v in check.parsed.values] == [areas[n] for n in names.values()]


def test_a_save_whose_new_check_warns_of_what_the_preview_did_not_saves_nothing_and_asks_again(sample_url):
    """The page asks to confirm the preview's warnings; when another write came before the save, the file was
    checked again and saved with warnings nobody had seen (a value now far from last year's, changed meanwhile)."""
    from okdata.models import ImportBatch
    from okdata.returns import save_upload, warnings_said

    data = _kvv_file(sample_url)
    with db.read_session(sample_url) as s:
        preview = check_return(s, data, "kvv.xlsx", "KVV", actor=COORD, today=TODAY)
        batches = s.scalar(select(func.count()).select_from(ImportBatch))
    assert not preview.errors
    value = next(v for v in preview.parsed.values if v.value_num and v.year == 2025)
    with db.session(sample_url) as s:  # meanwhile last year's value of that key is corrected
        last_year = s.scalars(select(Observation).where(
            Observation.indicator_id == value.indicator_id, Observation.year == 2024,
            Observation.violence_type == value.violence_type, Observation.area_code == value.area_code,
            Observation.grp == value.grp, Observation.category == value.category)).all()
        assert last_year
        for o in last_year:
            o.value_num = value.value_num * 100 + 1000
    result = save_upload(sample_url, data, "kvv.xlsx", "KVV", COORD, TODAY, 2025, preview,
                         confirmed=warnings_said(preview))
    assert result.outcome == "recheck" and result.batch_id is None
    assert warnings_said(result.check) - warnings_said(preview)  # the new warning, to be shown and confirmed
    with db.read_session(sample_url) as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == batches
    again = save_upload(sample_url, data, "kvv.xlsx", "KVV", COORD, TODAY, 2025, result.check,
                        confirmed=warnings_said(result.check))
    assert again.outcome == "saved"


@pytest.mark.parametrize("typed", ["2.000", "2,000", "12.500"])
def test_a_count_written_with_a_thousands_point_or_comma_is_refused_not_read_as_a_small_number(sample_url, typed):
    """'2.000' meant as two thousand was saved as 2 for a count (with a comment, not even a warning)."""
    data = _hand_made([["1.6a", "", typed, "Ökning p.g.a. ny rutin"]])
    with db.session(sample_url) as s:
        check = check_return(s, data, "hand.xlsx", "POL", actor=COORD, today=TODAY)
    assert len(check.errors) == 1, check.errors
    (refused,) = check.errors
    whole = typed.replace(".", "").replace(",", "")
    assert refused.code == "VARDE_TVETYDIGT" and refused.row == 2 and whole in refused.message


def test_a_count_with_a_space_between_thousands_and_a_share_with_three_decimals_are_read_as_written(sample_url):
    data = _hand_made([["1.6a", "", "12 000", ""], ["3.6b", "", "12,125", ""]])
    with db.session(sample_url) as s:
        check = check_return(s, data, "hand.xlsx", "LST", actor=COORD, today=TODAY)
    assert not check.errors, check.errors
    assert [v.value_num for v in check.parsed.values] == [12000, 12.125]


def test_line_breaks_in_a_comment_a_description_and_a_descriptive_value_are_kept(sample_url):
    """Typed over several lines in a cell (Alt+Enter), a description, a comment and a descriptive value were saved
    as one line: 'Rad ett Rad två - punkt 1 - punkt 2'."""
    typed = "Rad ett\r\nRad två  \n\n\n\n- punkt 1\n-   punkt 2 "

    def change(wb):
        ws = wb[texts.SHEET_INDICATORS]
        header = [c.value for c in ws[4]]
        H = texts.COLUMNS_INDICATORS
        for r in range(5, ws.max_row + 1):
            if ws.cell(r, 1).value == "5.3a":
                ws.cell(r, header.index(H["value"]) + 1).value = typed
                break
        ws.cell(20, header.index(H["comment"]) + 1).value = typed
        ms = wb[texts.SHEET_MEASURES]
        mheader = [c.value for c in ms[3]]
        ms.cell(4, mheader.index(texts.COLUMNS_MEASURES["description"]) + 1).value = typed

    with db.session(sample_url) as s:
        check = check_return(s, _kvv_file(sample_url, change), "kvv.xlsx", "KVV", actor=COORD, today=TODAY)
    assert not check.errors, check.errors
    kept = "Rad ett\nRad två\n\n- punkt 1\n- punkt 2"
    assert next(v.value_text for v in check.parsed.values if v.indicator == "5.3a") == kept
    assert next(v.comment for v in check.parsed.values if v.sheet_row == 20) == kept
    assert check.parsed.statuses[0].description == kept


def test_a_merged_heading_is_one_problem_and_a_year_with_decimals_is_shown_as_typed(sample_url):
    """Three heading cells merged gave the same KOLUMN_DUBBEL twice; a year of 2025.0000001 was called '2025 är
    inte ett år' (shown to ten digits)."""
    def change(wb):
        ws = wb[texts.SHEET_INDICATORS]
        ws.merge_cells("A4:C4")
        ws["D20"] = 2025.0000001

    with db.session(sample_url) as s:
        check = check_return(s, _kvv_file(sample_url, change), "kvv.xlsx", "KVV", actor=COORD, today=TODAY)
    codes = [p.code for p in check.errors]
    assert codes.count("KOLUMN_DUBBEL") == 1, check.errors
    with db.session(sample_url) as s:
        check = check_return(s, _kvv_file(sample_url, lambda wb: wb[texts.SHEET_INDICATORS].__setitem__(
            "D20", 2025.0000001)), "kvv.xlsx", "KVV", actor=COORD, today=TODAY)
    (year,) = [p for p in check.errors if p.row == 20]
    assert "2025,0000001" in year.message, year.message


def test_the_preview_shows_a_problem_without_a_row_as_a_dash_and_every_message_whole(sample_url):
    """A warning about the file as a whole showed its row as the grid's 'None', and a long message (the values a
    replaced return holds that the new one lacks) was cut at the column's edge with no way to read the rest."""
    from okdata.auth import actor_for
    from tests.apptest_support import REPORTER_KVV, open_page
    from tests.hostile import KVV_FILE, kvv_return

    with db.session(sample_url) as s:
        waiting = save_return(s, kvv_return("Först", "Först"), "forst.xlsx", None, actor_for(s, REPORTER_KVV))
    assert waiting.outcome == "saved"
    wb = openpyxl.load_workbook(KVV_FILE)
    for r in range(5, 20):  # 2.10a: fifteen values the waiting return holds
        wb["Indikatorer"][f"J{r}"] = None
    buf = io.BytesIO()
    wb.save(buf)
    at = open_page("pages/5_Rapportera.py", REPORTER_KVV, myndighet="KVV", ar=2025)
    at.file_uploader[0].upload("andra.xlsx", buf.getvalue(), XLSX_MIME).run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if texts.PROBLEM_COLUMNS["code"] in d.value.columns)
    dropped = table[table[texts.PROBLEM_COLUMNS["code"]] == "ERSATT_SAKNAR"]
    assert list(dropped[texts.PROBLEM_COLUMNS["row"]]) == [texts.MISSING], table
    assert list(dropped[texts.PROBLEM_COLUMNS["column"]]) == [texts.MISSING], table  # as the list beneath says
    message = dropped[texts.PROBLEM_COLUMNS["message"]].iloc[0]
    assert "och 10 till" in message and len(message) > 300
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")  # as shown: Markdown escapes removed
    assert message in shown


def test_a_file_with_hundreds_of_problems_writes_out_the_first_two_hundred_and_tables_them_all(sample_url):
    from okdata.web.views.returns import PROBLEMS_WRITTEN_OUT
    from tests.apptest_support import COORDINATOR as DEMO_COORD
    from tests.apptest_support import open_page

    data = _hand_made([["2.4a", "", f"fel {n}", ""] for n in range(250)])
    at = open_page("pages/5_Rapportera.py", DEMO_COORD, myndighet="POL", ar=2025)
    at.file_uploader[0].upload("manga.xlsx", data, XLSX_MIME).run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if texts.PROBLEM_COLUMNS["code"] in d.value.columns)
    assert len(table) > PROBLEMS_WRITTEN_OUT
    assert any(f"De första {PROBLEMS_WRITTEN_OUT} av {len(table)}" in c.value for c in at.caption)
    written = next(m.value for m in at.markdown if m.value.startswith("- Fel"))
    assert written.count("\n- ") == PROBLEMS_WRITTEN_OUT - 1


def test_a_problem_quotes_at_most_the_start_of_a_long_cell(empty_url):
    """A message about an unknown value quoted the whole cell: 32 767 characters per message, so a 20 KB file whose
    rows share one long text gave 37 MB of messages. It quotes the cell's start and says how long it is."""
    long = "Cybervåld" + "x" * 32_758

    def change(wb):
        for r in range(5, 20):
            wb["Indikatorer"][f"E{r}"] = long
        wb["Indikatorer"]["H5"] = long
        wb["Indikatorer"]["J20"] = long
        wb["Åtgärder"]["E6"] = long

    with db.read_session(empty_url) as s:
        check = check_return(s, _kvv_file(empty_url, change), "lang.xlsx", None, COORD, today=TODAY)
    codes = {p.code for p in check.errors}
    assert {"VALDSTYP_OKAND", "KATEGORI_OKAND", "VARDE_INTE_TAL", "STATUS_OKAND"} <= codes, codes
    for p in check.errors:
        assert len(p.message) < 600, (p.code, len(p.message))
        if p.code in ("VALDSTYP_OKAND", "VARDE_INTE_TAL", "STATUS_OKAND"):
            assert "Cybervåldxxx" in p.message and fmt_num(32_767) + " tecken" in p.message, p.message


def test_the_report_page_says_so_when_the_plan_gives_an_agency_nothing_to_report(sample_url):
    """A plan period that carries goals but no measures or indicators: Rapportera offered an empty template ('0
    rader och 0 åtgärder') and an upload that could hold nothing."""
    from datetime import date

    from okdata.auth import actor_for
    from okdata.periods import open_reporting_year
    from okdata.plans import new_plan
    from tests.apptest_support import COORDINATOR as DEMO_COORD
    from tests.apptest_support import open_page

    with db.session(sample_url) as s:
        coord = actor_for(s, DEMO_COORD)
        new_plan(s, coord, "2024-2027", "2028-2031", {"goals": ["1", "2"]})
        open_reporting_year(s, coord, 2028, date(2029, 3, 31))
    at = open_page("pages/5_Rapportera.py", DEMO_COORD, myndighet="POL", ar=2028)
    assert not at.exception
    said = " ".join(i.value for i in at.info)
    assert texts.TEMPLATE_NOTHING.format(agency="Polismyndigheten", year=2028) in said, said
    assert not at.get("download_button") and not at.get("file_uploader")


def test_an_old_xls_file_named_xlsx_is_read_as_the_xls_it_is_not_refused_as_encrypted(sample_url):
    """A real .xls (Excel 97–2003) saved under a name ending in .xlsx was refused as 'lösenordsskyddad eller
    krypterad'. The file (tests/data/polisen_2025_xlwt.xls) is Polisen's filled 2025 return written by xlwt."""
    from okdata.auth import actor_for

    data = (db.ROOT / "tests" / "data" / "polisen_2025_xlwt.xls").read_bytes()
    with db.read_session(sample_url) as s:
        coord = actor_for(s, "demo-samordnare")
        as_xls = check_return(s, data, "polisen.xls", "POL", coord, year=2025)
        as_xlsx = check_return(s, data, "polisen.xlsx", "POL", coord, year=2025)
    assert not as_xls.errors, as_xls.errors
    assert [p.key() for p in as_xlsx.problems] == [p.key() for p in as_xls.problems]
    assert as_xlsx.n_new + as_xlsx.n_changed + as_xlsx.n_unchanged == as_xls.n_new + as_xls.n_changed + \
        as_xls.n_unchanged > 100


def test_a_sheet_name_or_a_heading_is_quoted_on_one_line_and_by_its_start(empty_url):
    """Two messages still quoted what the file holds as it was: the row-extent refusal named the sheet with its
    line breaks and controls (a terminal printed a line of its own from it), and a repeated heading of 32 767
    characters was quoted whole in the message and in the column field."""
    long = "Rubrik" + "x" * 32_761

    def headings(wb):
        wb["Indikatorer"]["N4"] = long
        wb["Indikatorer"]["O4"] = long

    def far_and_named(data: bytes) -> bytes:
        data = _rezip(data, SHEET_XML, _append_rows(b'<row r="1000000"><c r="A1000000"><v>1</v></c></row>'))
        return _rezip(data, "xl/workbook.xml", lambda x: x.replace(
            b'name="Indikatorer"', 'name="Indikatorer&#10;Sparat som nr 999.\u009b2J\u202e"'.encode()))

    with db.read_session(empty_url) as s:
        repeated = check_return(s, _kvv_file(empty_url, headings), "rubrik.xlsx", None, COORD, today=TODAY)
        far = check_return(s, far_and_named(_kvv_file(empty_url)), "lang.xlsx", None, COORD, today=TODAY)
    [dup] = [p for p in repeated.problems if p.code == "KOLUMN_DUBBEL"]
    assert len(dup.message) < 300 and len(dup.column) < 100 and dup.column.startswith("Rubrikxxx"), dup
    [refused] = far.errors
    assert refused.code == "FIL_FOR_MANGA_RADER" and "Sparat som nr 999." in refused.message
    assert not any(ch in refused.message for ch in "\n\r\u009b\u202e"), refused.message


def test_two_sheets_whose_names_differ_only_in_how_a_letter_is_written_are_told_apart_in_the_message(empty_url):
    """Two sheets "Åtgärder", one with å as one character and one as a and a combining ring, are the same sheet to
    the check (FLIK_DUBBEL), but the message printed both names alike ("”Åtgärder”, ”Åtgärder”"), so the
    coordinator could not see which two sheets it meant. It now says that they look alike but are written with
    different characters, and where each sheet stands in the file."""
    import unicodedata

    def two_sheets(wb):
        copy = wb.copy_worksheet(wb[texts.SHEET_MEASURES])
        copy.title = unicodedata.normalize("NFD", texts.SHEET_MEASURES)

    with db.read_session(empty_url) as s:
        check = check_return(s, _kvv_file(empty_url, two_sheets), "kvv.xlsx", None, actor=COORD, today=TODAY)
    said = [p.message for p in check.problems if p.code == "FLIK_DUBBEL"]
    assert said and texts.SHEETS_ALIKE.split(": ")[1] in said[0], said
    assert len(re.findall(r"flik \d+", said[0])) == 2, said


def test_a_negative_value_is_explained_by_what_the_indicator_counts(empty_url):
    """An audit: a negative rate per 100 000 inhabitants (2.4a) was told 'Ett antal kan inte vara mindre än 0'."""
    data = _hand_made([["2.4a", "", -1, ""], ["1.6a", "", -5, ""]])
    with db.read_session(empty_url) as s:
        check = check_return(s, data, "lst.xlsx", "Länsstyrelsen", COORD, today=TODAY)
    rate, count = (p.message for p in check.errors if p.code == "VARDE_NEGATIVT")
    assert "antal" not in rate and "per 100 000 invånare" in rate, rate
    assert "Ett antal kan inte vara mindre än 0" in count, count


def test_a_number_in_a_cell_formatted_as_per_cent_is_quoted_as_the_spreadsheet_shows_it(sample_url):
    """An audit: a share cell holding 19,5 in a 0 % format (Excel shows 1950 %) was told 'Andelen 19,5 ligger
    utanför 0–100 %', and a count cell holding 0,45 in that format (45 %) 'Värdet 0,45 är inte ett heltal'
    (3.6b and 3.6a here)."""
    with db.read_session(sample_url) as s:
        wb = openpyxl.load_workbook(io.BytesIO(build_template(s, find_agency(s, "KVV"), 2025).content))
    ws = wb[texts.SHEET_INDICATORS]
    header = [c.value for c in ws[4]]
    H = texts.COLUMNS_INDICATORS
    value_col = header.index(H["value"]) + 1
    id_col = header.index(H["id"]) + 1
    share, count = (next(r for r in range(5, ws.max_row + 1) if ws.cell(r, id_col).value == code)
                    for code in ("3.6b", "3.6a"))
    for row, value in ((share, 19.5), (count, 0.45)):
        ws.cell(row, value_col).value = value
        ws.cell(row, value_col).number_format = "0%"
    buf = io.BytesIO()
    wb.save(buf)
    with db.read_session(sample_url) as s:
        check = check_return(s, buf.getvalue(), "kvv.xlsx", "KVV", COORD, today=TODAY, year=2025)
    said = {p.row: p for p in check.errors}
    assert said[share].code == "ANDEL_UTANFOR" and "1950\u00a0%" in said[share].message, said[share]
    assert said[count].code == "PROCENT_EJ_ANDEL" and "45\u00a0%" in said[count].message, said[count]
