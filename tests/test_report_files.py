"""Test the lägesrapport's files read back: the analysis in every format as plain text, the executive summary
first, Word's outline, tables and alt texts, the PDF's title, language, bookmarks and alt texts, one row per
measure with an appendix, published versions that rebuild the same, and a deck Impress draws without overflow."""

import html
import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation
from pptx.util import Emu, Pt
from pypdf import PdfReader

from okdata import db, texts
from okdata.analysis import COUNTY, analyses, analysis_history, proposal, save_analysis
from okdata.auth import actor_for, audit_frame
from okdata.report import publications, publish, published_content, published_values, report_data, year_values
from okdata.report_files import build, indicator_sentence
from okdata.returns import save_return
from okdata.scope import EVERYTHING
from tests.apptest_support import COORDINATOR as DEMO_COORD
from tests.apptest_support import READER as DEMO_READER
from tests.apptest_support import open_page
from tests.office_support import overflows, to_pdf

HOSTILE = "**Inte fet** <b>inte html</b> [länk](https://example.org)\n=SUMMA(1;2) är text"
KVV_FILE = db.ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx"


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def written(backend):
    """The sample's report for 2025 with a county summary and an analysis of goal 2 that looks like markup."""
    url = backend.fresh("sample")
    with db.session(url) as s:
        coord = actor_for(s, "demo-samordnare")
        assert save_analysis(s, coord, 2025, COUNTY, "Länet i korthet.\nAndra stycket.").ok
        assert save_analysis(s, coord, 2025, 2, HOSTILE).ok
    with db.read_session(url) as s:
        return report_data(s, 2025), year_values(s, 2025)


@pytest.fixture(scope="module")
def files(written):
    content, values = written
    return {fmt: build(content, fmt, values) for fmt in ("pdf", "docx", "pptx", "xlsx")}


def _pdf_pages(pdf: bytes) -> list[str]:
    return [_flat(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_an_analysis_is_saved_as_a_new_version_with_author_and_audit_and_only_by_a_samordnare(sample_url):
    """Test that each save keeps the earlier text, an unchanged text changes nothing and a Rapportör is refused."""
    with db.session(sample_url) as s:
        coord, kvv = actor_for(s, "demo-samordnare"), actor_for(s, "demo-kriminalvarden")
        assert save_analysis(s, coord, 2025, 3, "Första texten").ok
        assert save_analysis(s, coord, 2025, 3, "Andra texten\r\n").ok
        assert save_analysis(s, coord, 2025, 3, " Andra texten ").code == "unchanged"
        assert save_analysis(s, coord, 2025, 9, "x").code == "unknown_goal"
        with pytest.raises(PermissionError):
            save_analysis(s, kvv, 2025, 3, "Rapportörens text")
    with db.read_session(sample_url) as s:
        assert analyses(s, 2025) == {3: "Andra texten"} and analyses(s, 2024) == {}
        history = analysis_history(s, 2025, 3)
        log = audit_frame(s, EVERYTHING, action="analysis")
    assert list(history.text) == ["Andra texten", "Första texten"]
    assert set(history.author) == {"demo-samordnare"}
    entry = log.iloc[0]
    assert "Andra texten" in str(entry.after) and "Första texten" in str(entry.before)


def test_the_proposal_starts_from_the_drafted_sentences(written):
    """Test that a goal's proposal holds its measures by state and its charts' drafted sentences."""
    content, _ = written
    g = content["goals"][1]
    draft = proposal(content, 2)
    assert str(len(g["measures"])) in draft
    for i in g["indicators"]:
        if i["code"] in g["charts"]:
            assert i["sentence"] in draft
    assert content["summary"]["changes"][0]["line"] in proposal(content, COUNTY)


def test_the_analysis_is_in_every_format_as_the_plain_text_that_was_typed(files):
    """Test that the goal's analysis shows literally (no Markdown, HTML or formula) in PDF, Word, PowerPoint and
    Excel, and the county summary too."""
    pdf = " ".join(_pdf_pages(files["pdf"]))
    docx = _docx_text(files["docx"])
    pptx = "\n".join(sh.text_frame.text for sl in Presentation(io.BytesIO(files["pptx"])).slides
                     for sh in sl.shapes if sh.has_text_frame)
    wb = load_workbook(io.BytesIO(files["xlsx"]))
    cells = [str(c.value) for row in wb[texts.REPORT["sheet_summary"]].iter_rows() for c in row if c.value]
    for line in HOSTILE.split("\n"):
        assert _flat(line) in pdf
        assert line in docx
        assert _flat(line) in _flat(pptx)
    assert any(c == "'" + HOSTILE or c == HOSTILE for c in cells)
    assert all("Länet i korthet." in t for t in (pdf, docx, pptx, " ".join(cells)))


def test_the_pdf_opens_with_the_executive_summary_on_one_page(written, files):
    """Test that page 1 holds the summary (reporting, every goal's implementation and outcome, the largest
    changes) and goal 1 begins on page 2."""
    content, _ = written
    pages = _pdf_pages(files["pdf"])
    first = pages[0]
    assert texts.ANALYSIS["summary_heading"] in first and "Länet i korthet." in first
    assert _flat(texts.REPORT["reporting"].split(":")[0].format(year=2025)) in first
    for line in ("◐ Pågående", "● Genomförd", texts.REPORT["outcomes"], texts.REPORT["changes"].format(year=2024)):
        assert line in first
    assert content["summary"]["changes"][-1]["code"] in first
    assert pages[1].startswith("Mål 1:")


def test_the_pdf_has_title_language_bookmarks_per_goal_alt_texts_and_page_numbers(written, files):
    """Test that the PDF names its title and Swedish, has a bookmark per goal and the appendix, an alternative
    text per chart and 'n / total' on each page."""
    content, _ = written
    reader = PdfReader(io.BytesIO(files["pdf"]))
    assert reader.metadata.title == "Regional lägesrapport 2025"
    assert reader.trailer["/Root"]["/Lang"] == "sv"

    def titles(outline):
        return [t for o in outline for t in (titles(o) if isinstance(o, list) else [o.title])]

    marks = titles(reader.outline)
    for g in content["goals"]:
        assert marks.count(f"Mål {g['number']}: {g['title']}") == 2  # its chapter, and its part of the appendix
    assert texts.REPORT["appendix"] in marks and texts.ANALYSIS["summary_heading"] in marks
    charts = sum(len(g["charts"]) for g in content["goals"]) + 1
    assert files["pdf"].count(b"/Alt") >= charts
    pages = _pdf_pages(files["pdf"])
    assert all(re.search(rf"\b{n} / {len(pages)}\b", p) for n, p in enumerate(pages, start=1))


def test_the_word_file_has_an_outline_real_tables_alt_texts_swedish_and_the_example_notice(written, files):
    """Test that Word shows the title, a Heading 1 per goal, the appendix, a table per goal's measures with one
    row per measure, every agency's report in the appendix, the charts' drafted sentences as alt texts, Swedish
    as language and the example-data notice."""
    content, _ = written
    doc = Document(io.BytesIO(files["docx"]))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert ("Title", "Regional lägesrapport 2025") in headings
    for g in content["goals"]:
        assert ("Heading 1", f"Mål {g['number']}: {g['title']}") in headings
    assert ("Heading 1", texts.REPORT["appendix"]) in headings
    measure_tables = [t for t in doc.tables if t.rows[0].cells[-1].text == texts.REPORT["combined"]]
    assert [len(t.rows) - 1 for t in measure_tables] == [len(g["measures"]) for g in content["goals"]]
    appendix = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == [
        texts.REPORT["agency"], texts.REPORT["code"], texts.REPORT["status"], texts.REPORT["description"]]]
    reports = [sum(len(m["statuses"]) for m in g["measures"]) for g in content["goals"]]
    assert [len(t.rows) - 1 for t in appendix] == [n for n in reports if n]  # a goal without any: a sentence
    alts = [el.get("descr") for el in doc.element.body.iter("{*}docPr")]
    sentences = [indicator_sentence({i["code"]: i for i in g["indicators"]}[c]) for g in content["goals"]
                 for c in g["charts"]]  # labelled when example data
    assert alts[1:] == sentences and alts[0].startswith("Mål 1:")
    lang = doc.styles.element.find("{*}docDefaults").find("{*}rPrDefault").find("{*}rPr").find("{*}lang")
    assert lang.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "sv-SE"
    assert texts.REPORT["example_note"] in _docx_text(files["docx"])


def test_the_word_files_tables_break_no_heading_agency_name_or_state_inside_a_word(files):
    """An audit, rendered the way a reader opens it (LibreOffice): the measure tables' narrow columns split their
    headings and names inside words ("Åtgär d", "genomföra nde", "Arbetsförmedli ngen"). Every word of a
    heading, an agency's name and a state in the Word file's tables is whole on the rendered pages."""
    from collections import Counter

    doc = Document(io.BytesIO(files["docx"]))
    narrow: Counter = Counter()  # each word as often as the narrow cells hold it
    for t in doc.tables:
        wide = max(range(len(t.columns)), key=lambda n: t.columns[n].width or 0)  # the text column: long words
        for r, row in enumerate(t.rows):
            for n, cell in enumerate(row.cells):
                if r == 0 or n != wide:
                    narrow.update(w for w in cell.text.split() if len(w) > 3)
    words = [w for page in PdfReader(io.BytesIO(to_pdf(files["docx"], "docx"))).pages
             for w in page.extract_text().split()]
    rendered = Counter(words)
    assert sum(narrow.values()) > 300
    broken = sorted({w for w, n in narrow.items() if rendered[w] < n}  # fewer whole than written
                    | {a + b for a, b in zip(words, words[1:]) if a + b in narrow})  # or drawn as two pieces
    assert not broken, broken


def test_a_goal_without_reports_says_so_in_the_appendix_instead_of_an_empty_table(written, files):
    """Test that the appendix of the PDF and the Word file says of a goal that no agency has reported on for the
    year (goal 5 in the sample's 2025) that none has, where it gave a table of headings alone (found by a review
    of the PDF's pages)."""
    from okdata.report_files import appendix_rows

    content, _ = written
    empty = [g["number"] for g in content["goals"] if not appendix_rows(g)]
    assert empty == [5]
    said = texts.REPORT["appendix_none"].format(year=2025)
    doc = Document(io.BytesIO(files["docx"]))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs.count(said) == 1
    assert paragraphs[paragraphs.index(said) - 1].startswith("Mål 5:")
    assert all(len(t.rows) > 1 for t in doc.tables)
    pdf = " ".join(_pdf_pages(files["pdf"]))
    assert pdf.count(_flat(said)) == 1
    assert re.search(r"Mål 5: [^.]*rättsprocesser " + re.escape(_flat(said)), pdf), pdf[-3000:]


def test_a_measure_is_one_row_and_its_agencies_reports_are_an_appendix_sorted_by_measure_and_agency(files):
    """Test that measure 2.8 (26 municipalities) is one row with its combined state in Word, and that the
    appendix lists its reports alphabetically by agency, each with status and description."""
    doc = Document(io.BytesIO(files["docx"]))
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    mine = [r for r in rows if r[0] == "2.8"]
    assert len(mine) == 1 and re.match(r"^.\u00a0\w+ \(\d+ av \d+ har rapporterat\)( \(Exempeldata\))?$", mine[0][3])
    appendix = [r for r in rows if len(r) == 4 and r[1] == "2.8"]
    agencies = [r[0] for r in appendix]
    assert len(appendix) > 20 and agencies == sorted(agencies, key=str.casefold)
    assert all(r[2] for r in appendix)


@pytest.mark.slow
def test_a_published_version_rebuilds_to_the_same_text_whatever_changed_since(sample_url):
    """Test that the Word and Excel files of a published version read the same after new figures and a new
    analysis."""
    with db.session(sample_url) as s:
        coord = actor_for(s, "demo-samordnare")
        assert save_analysis(s, coord, 2025, 1, "Analysen när rapporten publicerades.").ok
        publish(s, coord, 2025, early=True)
    with db.read_session(sample_url) as s:
        frozen = published_content(s, 2025, 1)
    before = {fmt: build(frozen, fmt) for fmt in ("docx", "xlsx")}
    with db.session(sample_url) as s:
        coord = actor_for(s, "demo-samordnare")
        assert save_analysis(s, coord, 2025, 1, "En senare analys.").ok
        assert save_return(s, KVV_FILE.read_bytes(), KVV_FILE.name, None, coord).outcome == "saved"
    with db.read_session(sample_url) as s:
        again = published_content(s, 2025, 1)
        assert report_data(s, 2025)["goals"][0]["analysis"] == "En senare analys."
    after = {fmt: build(again, fmt) for fmt in ("docx", "xlsx")}
    assert _docx_text(after["docx"]) == _docx_text(before["docx"])
    assert "Analysen när rapporten publicerades." in _docx_text(after["docx"])

    def cells(data):
        return [[c.value for c in row] for ws in load_workbook(io.BytesIO(data)).worksheets for row in ws.iter_rows()]

    assert cells(after["xlsx"]) == cells(before["xlsx"])


def test_the_overflow_check_finds_a_title_too_long_for_its_frame():
    """Test that the Impress check reports text drawn outside its shape (a default-template title of four lines),
    so that the deck's check can fail."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Mål 3: " + "Myndigheter och aktörer arbetar aktivt för att upptäcka " * 3
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(44)
    slide.placeholders[1].text = "Punkt ett"
    buf = io.BytesIO()
    prs.save(buf)
    assert any("outside its shape" in p for p in overflows(buf.getvalue()))


@pytest.mark.slow
def test_impress_draws_every_text_of_the_sample_deck_inside_its_shape(files):
    """Test that the sample's deck is 16:9 and that LibreOffice Impress draws no text outside its shape or off
    its slide (titles, the example-data notice, tables continued over slides)."""
    prs = Presentation(io.BytesIO(files["pptx"]))
    assert round(Emu(prs.slide_width).pt / Emu(prs.slide_height).pt, 3) == round(16 / 9, 3)
    pdf = to_pdf(files["pptx"], "pptx")
    assert overflows(files["pptx"], pdf) == []
    slide_tables = [sh.table for sl in prs.slides for sh in sl.shapes if sh.has_table]
    assert min(c.text_frame.paragraphs[0].runs[0].font.size.pt for t in slide_tables for r in t.rows
               for c in r.cells if c.text) >= 11


def test_a_chart_slides_table_names_the_indicators_unit_in_full(written, files):
    """An audit: the value table beside each chart headed its values with the unit cut to one line of half the
    table ("antal …" for "antal processer/insatser"), so the steering group could not tell what was counted. The
    unit is now in full on up to three lines (a longer one cut with '…'), and Impress draws it inside its cell
    (`test_impress_draws_every_text_of_the_sample_deck_inside_its_shape`)."""
    content, _ = written
    units = {i["code"]: i["unit"] for g in content["goals"] for i in g["indicators"]}
    shown = []
    for slide in Presentation(io.BytesIO(files["pptx"])).slides:
        tables = [sh.table for sh in slide.shapes if sh.has_table and len(sh.table.columns) == 2]
        if tables and tables[0].cell(0, 0).text == texts.YEAR:
            title = next(sh for sh in slide.shapes if sh.name == "Title").text_frame.text
            code = title.split(": ", 1)[1].split()[0]
            shown.append((units[code], tables[0].cell(0, 1).text))
    assert len(shown) > 20 and any(len(unit) > 20 for unit, _ in shown)
    assert [(unit, header) for unit, header in shown if header != unit and len(unit) <= 60] == []
    assert all(header.endswith("…") and unit.startswith(header[:-1].rstrip()) for unit, header in shown
               if header != unit)


def test_the_samordnare_writes_an_analysis_on_the_report_page_and_readers_see_it_on_mal_and_in_motesläge(sample_url):
    """Test that the Lägesrapport page shows the summary first and offers the proposal, that saving it keeps a
    version, and that the Mål page and Mötesläge show the text as typed (no Markdown) to a Läsare."""
    at = open_page("pages/12_Lagesrapport.py", user=DEMO_COORD, ar=2025)
    assert "Regional lägesrapport 2025" in [h.value for h in at.header]
    assert any(texts.ANALYSIS["proposal"] == i.value for i in at.info)
    at.selectbox(key="rep_analysis_pick").set_value(2).run()
    area = at.text_area[0]
    assert area.value.startswith("Målets 10 åtgärder:")
    area.input("**Ingen fetstil** <i>x</i>")
    next(b for b in at.button if b.label == texts.ANALYSIS["save"]).click().run()
    assert any("sparad" in s.value for s in at.success)
    with db.read_session(sample_url) as s:
        assert analyses(s, 2025) == {2: "**Ingen fetstil** <i>x</i>"}
    reader = open_page("pages/1_Mal.py", user=DEMO_READER, mal=2, ar=2025)
    shown = [m.value for m in reader.markdown]
    assert r"\*\*Ingen fetstil\*\* \<i\>x\</i\>" in shown or any("Ingen fetstil" in m and "\\*" in m for m in shown)
    # Mötesläge: in the slide's box, whose HTML holds the text escaped
    reader = open_page("pages/11_Mote.py", user=DEMO_READER, ar=2025, mote="2026-11-24", skarm=3)
    assert any("</strong> **Ingen fetstil** &lt;i&gt;x&lt;/i&gt;</p>" in h.proto.body for h in reader.get("html"))
    at = open_page("pages/12_Lagesrapport.py", user=DEMO_READER, ar=2025)
    assert not [t for t in at.text_area]


def test_building_a_file_on_the_page_shows_its_steps_and_then_offers_the_download(sample_url):
    """Test that clicking Skapa for the Excel file shows a status with the build's steps, marked done with its
    time, and then a download button for the file."""
    at = open_page("pages/12_Lagesrapport.py", user=DEMO_READER, ar=2025)
    assert not at.download_button
    at.button(key="report_xlsx_2025_True").click().run()
    assert not at.exception
    status = at.status[0]
    assert status.label.startswith("Klar på ") and status.state == "complete"
    assert texts.REPORT_STEPS["file"] in [m.value for m in status.markdown]
    assert [d.label for d in at.download_button] == ["Hämta lagesrapport-2025.xlsx"]


def test_an_indicator_chart_draws_its_values_and_its_target_as_a_dashed_line_labelled_at_the_right():
    """The chart of the report, the meeting slide and the PDF (report_files.indicator_figure): the values as one
    line with markers, the target across the plot with its value and year above the line's right end, the example
    label in the title, the share's axis in per cent."""
    from okdata.report_files import indicator_figure

    ind = {"points": [{"year": 2024, "value": 53.9}, {"year": 2025, "value": 57.5}], "code": "5.2a",
           "name": "Andel lagförda brott", "kind": "share", "unit": "procent", "example": True,
           "target_value": 60.0, "target_year": 2027}
    fig = indicator_figure(ind).to_plotly_json()
    (line,) = fig["data"]
    assert line["type"] == "scatter" and list(line["x"]) == [2024, 2025] and list(line["y"]) == [53.9, 57.5]
    (shape,) = fig["layout"]["shapes"]
    assert shape["line"]["dash"] == "dash" and shape["y0"] == shape["y1"] == 60.0
    assert (shape["xref"], shape["x0"], shape["x1"]) == ("x domain", 0, 1)
    (label,) = fig["layout"]["annotations"]
    assert label["text"] == texts.REPORT["target"].format(value="60\u00a0%", year=2027)
    assert (label["x"], label["xanchor"], label["yanchor"], label["y"]) == (1, "right", "bottom", 60.0)
    assert texts.EXAMPLE_DATA in fig["layout"]["title"]["text"] and fig["layout"]["yaxis"]["ticksuffix"] == " %"
    ind.update(target_value=None, kind="count", example=False)
    fig = indicator_figure(ind).to_plotly_json()
    assert not fig["layout"].get("shapes") and not fig["layout"].get("annotations")
    assert texts.EXAMPLE_DATA not in fig["layout"]["title"]["text"]


def test_an_analysis_pasted_from_word_keeps_its_line_breaks_and_every_format_builds(backend):
    """Test that a vertical tab (Word's line break, Shift+Enter, comes along when a text is pasted) and other
    control characters are saved as a line break or dropped, and that the report's files build from content that
    still holds them (published before): Excel and Word refused the whole file for one such character."""
    url = backend.fresh("sample")
    with db.session(url) as s:
        coord = actor_for(s, "demo-samordnare")
        assert save_analysis(s, coord, 2025, 2, "Rad ett\x0bRad två\x07 klocka\x0cslut").ok
    with db.read_session(url) as s:
        assert analyses(s, 2025)[2] == "Rad ett\nRad två klocka\nslut"
        content, values = report_data(s, 2025), year_values(s, 2025)
    old = dict(content, summary={**content["summary"], "text": "Frusen\x0btext\x01"})  # as published before
    files = {fmt: build(old, fmt, values) for fmt in ("pdf", "docx", "pptx", "xlsx")}
    assert "Frusen\ntext" in _docx_text(files["docx"])
    summary = [c.value for row in load_workbook(io.BytesIO(files["xlsx"]))[texts.REPORT["sheet_summary"]].iter_rows()
               for c in row]
    assert "Frusen\ntext" in summary


def test_the_page_compares_a_published_version_and_counts_one_difference_in_the_singular(sample_url):
    """A goal's analysis saved after publishing is the one difference the page lists against version 1, and the
    count reads "1 skillnad", not "1 skillnader"."""
    from okdata.analysis import save_analysis
    from okdata.auth import actor_for
    from okdata.report import publish

    with db.session(sample_url) as s:
        coord = actor_for(s, "demo-samordnare")
        publish(s, coord, 2025, early=True)
        save_analysis(s, coord, 2025, 4, "Skriven efter publiceringen.")
    at = open_page("pages/12_Lagesrapport.py", user=DEMO_READER, ar=2025, version=1)
    assert [w.value for w in at.warning] == [texts.COMPARE_COUNT.format(n="1 skillnad", version=1)]
    shown = next(d.value for d in at.dataframe if texts.COMPARE_COLUMNS["what"] in d.value.columns)
    assert list(shown.iloc[0]) == [4, texts.COMPARE_ANALYSIS.format(what=texts.GOAL_N.format(n=4)), 2025, "–",
                                   "Skriven efter publiceringen."]


def test_a_word_as_long_as_an_analysis_may_be_is_broken_into_lines_measuring_each_line_a_few_times(monkeypatch):
    """An analysis may hold 20 000 characters, and one unbroken word that long (a pasted address, a row of
    characters) took the PowerPoint file more than 13 minutes and 450 MB: each line was found by measuring the
    word's every prefix from the longest down, and every prefix was kept in the width cache. A line is now found
    by measuring a few prefixes (doubling, then halving), and long texts are not cached."""
    from okdata import report_slides

    calls = []
    font = report_slides._font(18, False)
    monkeypatch.setattr(report_slides, "_font", lambda size, bold: type("Counted", (), {
        "getlength": lambda self, text: calls.append(len(text)) or font.getlength(text)})())
    report_slides._cached_width.cache_clear()
    word = "Våldibråkåtgärdsuppföljningsrapport" * 570
    lines = report_slides.wrap(word, 18, 600)
    assert "".join(lines) == word and len(lines) > 100
    assert all(font.getlength(line) <= 600 * report_slides.FIT for line in lines)
    assert all(font.getlength(a + b[0]) > 600 * report_slides.FIT for a, b in zip(lines, lines[1:]))  # lines full
    assert len(calls) <= 40 * len(lines) and sum(calls) <= 200 * len(word), (len(calls), sum(calls))


def test_an_unbroken_word_in_an_analysis_is_broken_across_lines_in_the_pdf_not_cut_at_the_page_edge(backend):
    """A 20 000-character analysis that is one word (a pasted link or a row of characters) was printed as one line
    that ran off the page's right edge: the PDF showed its first 170 characters and lost the rest. It is broken
    across lines and pages, as Word and the slides break it."""
    url = backend.fresh("sample")
    word = "Våldibråkåtgärdsuppföljningsrapport" * 570
    with db.session(url) as s:
        assert save_analysis(s, actor_for(s, DEMO_COORD), 2025, 1, word).ok
    with db.read_session(url) as s:
        pdf = PdfReader(io.BytesIO(build(report_data(s, 2025), "pdf", year_values(s, 2025))))
    pages = [p.extract_text() for p in pdf.pages]
    holding = [n for n, t in enumerate(pages) if "Våldibråk" in t]
    assert len(holding) >= 4, holding
    assert sum("".join(t.split()).count("Våldibråkåtgärdsuppföljningsrapport") for t in pages) >= 500


def test_the_deck_keeps_a_long_address_whole_and_an_analysis_line_break_as_a_line_break(backend):
    """The deck joined the lines it measured with spaces: a link longer than a line came out as
    "…/mans-vald-mot -kvinnor/…" (a space where it was broken: a dead link on the steering group's slide). A
    broken word is joined without a space, and a line break stays one, as in the PDF and the Word file."""
    from pptx import Presentation

    url = backend.fresh("sample")
    address = "https://www.lansstyrelsen.se/stockholm/" + "mans-vald-mot-kvinnor/" * 6 + "rapport.pdf"
    text = f"Första stycket.\n\nAndra stycket med källan {address}\nen rad till."
    with db.session(url) as s:
        assert save_analysis(s, actor_for(s, DEMO_COORD), 2025, 1, text).ok
    with db.read_session(url) as s:
        deck = Presentation(io.BytesIO(build(report_data(s, 2025), "pptx", year_values(s, 2025))))
    runs = [r.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for r in p.runs]
    analysis = next(t for t in runs if "Andra stycket" in t)
    assert address in analysis
    assert not [t for t in runs if "rapport.pdf en rad" in t]  # the line break is a line break, not a space


def test_the_files_of_a_published_version_say_which_version_and_the_workbook_names_its_plan_and_date(backend):
    """An audit: the files of published version 1 and of today's report read the same ("Regional lägesrapport
    2025 … Sammanställd …"): once forwarded, nobody could tell the frozen report from a later draft, and the
    workbook named no plan period, catalog revision or date at all."""
    url = backend.fresh("sample")
    with db.session(url) as s:
        publish(s, actor_for(s, DEMO_COORD), 2025, early=True)
    with db.read_session(url) as s:
        version = int(publications(s, 2025).version.max())
        frozen = published_content(s, 2025, version)
        today = report_data(s, 2025)
        values = published_values(s, 2025, version)
    said = f"Publicerad version {version}"
    pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(build(frozen, "pdf"))).pages)
    assert said in " ".join(pdf.split())
    word = Document(io.BytesIO(build(frozen, "docx")))
    assert said in " ".join(p.text for p in word.paragraphs)
    book = load_workbook(io.BytesIO(build(frozen, "xlsx", values)))
    first = " ".join(str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value is not None)
    assert said in first and frozen["plan"] in first and frozen["created_at"][:10] in first
    now = load_workbook(io.BytesIO(build(today, "xlsx", year_values_of(url))))
    first = " ".join(str(c.value) for row in now.worksheets[0].iter_rows() for c in row if c.value is not None)
    assert "Publicerad version" not in first and today["plan"] in first


def year_values_of(url: str):
    with db.read_session(url) as s:
        return year_values(s, 2025)


def test_example_data_is_labelled_on_every_page_slide_and_sheet_and_in_every_row_built_from_it(written, files):
    """An audit: the sample's 2025 report built from example figures and statuses had PDF pages 2, 5, 6, 8, 11 and
    18 and 29 of 53 slides without the word Exempeldata, unlabelled measure states in every format, and a
    Textförslag sheet of ready-to-paste sentences made of example figures with no label at all."""
    content, _ = written
    assert content["has_examples"]
    label = texts.EXAMPLE_DATA
    pages = _pdf_pages(files["pdf"])
    assert all(label in p for p in pages), [n for n, p in enumerate(pages, 1) if label not in p]
    deck = Presentation(io.BytesIO(files["pptx"]))
    unlabelled = [n for n, slide in enumerate(deck.slides, 1)
                  if label not in " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)]
    assert not unlabelled, unlabelled
    # A slide of real published figures (R2.1, with its source) said "Exempeldata: påhittade siffror för
    # demonstration" at its foot: the foot says that the figures marked as example data are made up (audit).
    real = [" ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame) for slide in deck.slides]
    real = [t for t in real if "R2.1" in t]
    assert real and all(texts.EXAMPLE_FOOTER in t and "Exempeldata: påhittade" not in t for t in real), real
    assert "märkta Exempeldata" in texts.EXAMPLE_FOOTER
    word = Document(io.BytesIO(files["docx"]))
    assert all(label in " ".join(p.text for p in section.footer.paragraphs) for section in word.sections)
    example_measures = {m["code"] for g in content["goals"] for m in g["measures"]
                        if any(r["example"] for r in m["statuses"])}
    example_indicators = {i["code"] for g in content["goals"] for i in g["indicators"] if i["example"]}
    assert example_measures and example_indicators
    book = load_workbook(io.BytesIO(files["xlsx"]))
    measures = [r for r in book[texts.REPORT["sheet_measures"]].iter_rows(min_row=2, values_only=True)]
    assert all((label in r[4]) == (r[1] in example_measures) for r in measures), measures[:3]
    sentences = [r for r in book[texts.REPORT["sheet_sentences"]].iter_rows(min_row=2, values_only=True) if r[3]]
    assert sentences and all((label in r[3]) == (r[1] in example_indicators) for r in sentences), sentences[:3]
    rows = [[c.text for c in r.cells] for t in word.tables for r in t.rows]
    assert any(r[0] in example_measures and label in r[3] for r in rows if len(r) == 4)


def test_the_pdf_charts_axes_write_thousands_as_its_text_does(files):
    """An audit: the PDF's chart axes read '1000 2000 3000 4000' (and the pages '5k 10k') beside '3 866' and
    '8 144' in the text and tables: every number of four digits or more that is not a year is written with a space
    between thousands."""
    # laid out as on the page: run together, an axis's last year and the next axis's 0 read '20230'
    text = " ".join(p.extract_text(extraction_mode="layout") for p in PdfReader(io.BytesIO(files["pdf"])).pages)
    bare = {n for n in re.findall(r"(?<![\d,])\d{4,}(?![\d,])", text) if not 1990 <= int(n) <= 2100}
    assert not bare, sorted(bare)
    assert not re.search(r"\b\d+k\b", text)


def _file_texts(written, files) -> list[tuple[str, str]]:
    """The report's text per format: the page the PDF is printed from, the Word file's, the deck's frames and
    table cells."""
    from collections import defaultdict

    from okdata.report_files import to_html

    content, _ = written
    page = html.unescape(re.sub(r"<[^>]+>", "\n", to_html(content, defaultdict(bytes))))
    deck = Presentation(io.BytesIO(files["pptx"]))
    slides = "\n".join(sh.text_frame.text for sl in deck.slides for sh in sl.shapes if sh.has_text_frame)
    cells = "\n".join(c.text for sl in deck.slides for sh in sl.shapes if sh.has_table
                      for r in sh.table.rows for c in r.cells)
    return [("pdf", page), ("docx", _docx_text(files["docx"])), ("pptx", f"{slides}\n{cells}")]


# A figure's parts on either side of a plain space: a line may break there ('4' / '000', '+9,0' / '%)')
BREAKABLE_FIGURE = re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?!\d)|\d %")
HELD_FIGURE = re.compile(r"\d\u00a0(?:\d{3}|%)")


def test_no_figure_in_the_report_files_can_be_broken_across_two_lines(written, files):
    """An audit: a line of the PDF ended in '+9,0' and the next began with '%)', since a plain space stood between
    a figure and its per cent sign, as between its thousands ('8 / 144'). A figure holds its parts with no-break
    spaces on the page the PDF is printed from, in the Word file and in the deck."""
    for name, text in _file_texts(written, files):
        assert not BREAKABLE_FIGURE.findall(text), (name, BREAKABLE_FIGURE.findall(text)[:10])
        assert len(HELD_FIGURE.findall(text)) > 10, (name, HELD_FIGURE.findall(text))


def test_a_draft_with_submitted_figures_marks_each_submitted_figure_and_report_where_it_stands(sample_url):
    """The report built with *Visa även inskickade* said so once, in its note ("Rapporten innehåller även
    inskickade, ej godkända siffror (utkast)"), not which: a submitted 3.6a stood in its table with the source an
    approved upload has ("Uppladdat värde (nr 72)"), and a submitted report in the appendix as a reported one. Each
    submitted figure's source and each submitted report now says "inskickad, ej godkänd", in every file; the report
    of approved figures (and so every published version) says it nowhere."""
    from sqlalchemy import select

    from okdata.models import Agency, ImportBatch
    from okdata.report_files import appendix_rows, changes, measure_rows, table_rows
    from tests.apptest_support import literal
    from tests.hostile import kvv_values

    with db.session(sample_url) as s:  # 3.6a
        saved = save_return(s, kvv_values(J20=54321), "kvv.xlsx", None, actor_for(s, "demo-kriminalvarden"))
        assert saved.outcome == "saved"
    with db.read_session(sample_url) as s:
        draft, approved = report_data(s, 2025, approved_only=False), report_data(s, 2025)
    marker = texts.NOT_APPROVED

    def indicator(content, code):
        return next(i for g in content["goals"] for i in g["indicators"] if i["code"] == code)

    rows = table_rows(indicator(draft, "3.6a"))
    assert rows[-1][0] == "2025" and "54" in rows[-1][1] and rows[-1][2].endswith(marker), rows[-1]
    assert not any(marker in r[2] for r in rows[:-1])  # the earlier years' approved figures
    assert indicator_sentence(indicator(draft, "3.6a")).endswith(f"({marker})")  # "… till 54 321 år 2025 (…)"
    assert marker not in indicator_sentence(indicator(approved, "3.6a"))
    line = next(c for c in changes(draft) if " 3.6a " in c)  # the summary's largest changes since last year
    assert line.endswith(f"({marker})") and not any(marker in c for c in changes(approved)), line
    at = open_page("app.py", DEMO_COORD, ar=2025)  # Översikt's list of the changes, with the switch on
    at.toggle(key="include_submitted").set_value(True).run()
    assert any(" 3.6a " in literal(m.value) and marker in m.value for m in at.markdown), [m.value for m in at.markdown]
    with db.read_session(sample_url) as s:  # Kriminalvården's, and the returns the example has waiting for review
        waiting = set(s.scalars(select(Agency.short_name).join(ImportBatch, ImportBatch.agency_id == Agency.id)
                                .where(ImportBatch.status == "submitted", ImportBatch.year == 2025)))
    assert "Kriminalvården" in waiting
    for g in draft["goals"]:
        for r in appendix_rows(g):
            assert (marker in r[2]) is (r[0] in waiting), r
    for g in draft["goals"]:  # a measure's combined state, made of reports one of which is submitted
        for m, row in zip(g["measures"], measure_rows(g)):
            submitted = any(r["agency"] in waiting for r in m["statuses"])
            assert (texts.REPORT["with_submitted"] in row[3]) is submitted, row
    assert not any(marker in r[2] for g in approved["goals"] for r in appendix_rows(g))
    assert not any(texts.REPORT["with_submitted"] in r[3] for g in approved["goals"] for r in measure_rows(g))
    assert not any(marker in r[2] for g in approved["goals"] for i in g["indicators"] for r in table_rows(i))
    assert marker in _docx_text(build(draft, "docx")) and marker not in _docx_text(build(approved, "docx"))
    assert marker in "".join(_pdf_pages(build(draft, "pdf")))


# A status's symbol and the word after it on either side of a plain space: a line may break between them
BREAKABLE_SYMBOL = re.compile(r"[○◐●⚠✕★▲△▽▷≈▼◌↕↩] \S+")


def test_no_status_symbol_in_the_report_files_can_be_left_at_the_end_of_a_line(written, files):
    """An audit of page 1 of the PDF: a line of the summary's table ended in '· ●' and the next began with
    'Genomförd 3', another ended in '⚠'. A symbol is held to its word, and a count to its word, by no-break spaces
    on the page the PDF is printed from, in the Word file and in the deck."""
    from okdata.report_files import status_line

    assert status_line({"delayed": 2, "done": 1}) == "⚠\u00a0Försenad\u00a02 · ●\u00a0Genomförd\u00a01"
    for name, text in _file_texts(written, files):
        assert not BREAKABLE_SYMBOL.findall(text), (name, sorted(set(BREAKABLE_SYMBOL.findall(text)))[:10])


def _printed_points(font_px: float, placed_pt: float, png: bytes) -> float:
    """How large a chart's text of `font_px` pixels prints when its picture (drawn at twice its size) is placed
    `placed_pt` points wide."""
    from PIL import Image

    return font_px * placed_pt / (Image.open(io.BytesIO(png)).width / 2)


def test_the_files_charts_print_their_text_near_the_size_of_the_text_beside_them(written, files):
    """An audit: the charts' axes printed at 6 points in Word and 6,6 in the PDF, and at 8 on a slide whose table
    beside the chart has 14; the summary's at 5 in the PDF. Measured in the files: the PDF's text as printed, the
    pictures of Word and the deck by their size and place."""
    import math

    from okdata.report_files import chart_indicators, indicator_figure, summary_figure

    content, _ = written
    indicator_px = indicator_figure(chart_indicators(content)[0]).layout.font.size or 12  # Plotly's own: 12
    summary_px = summary_figure(content).layout.font.size or 12
    printed: dict[str, float] = {}

    for n, page in enumerate(PdfReader(io.BytesIO(files["pdf"])).pages):
        def visit(text, cm, tm, _font, size, n=n):
            kind = "years" if re.fullmatch(r"\s*20[12]\d\s*", text or "") else \
                "summary" if n == 0 and re.fullmatch(r"\s*Mål \d\s*", text or "") else None
            if kind:  # an axis's years (and the tables' at 10 points), the summary's goals
                pt = size * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
                printed[kind] = min(printed.get(kind, 99), pt)
        page.extract_text(visitor_text=visit)
    assert printed["years"] >= 9.5 and printed["summary"] >= 8, printed

    doc = Document(io.BytesIO(files["docx"]))
    pictures = [(s.width.pt, doc.part.related_parts[s._inline.graphic.graphicData.pic.blipFill.blip.embed].blob)
                for s in doc.inline_shapes]
    word = [_printed_points(summary_px if i == 0 else indicator_px, w, png) for i, (w, png) in enumerate(pictures)]
    assert len(word) > 10 and min(word) >= 9, word

    deck = Presentation(io.BytesIO(files["pptx"]))
    shown = [(sh.width.pt, sh.image.blob) for sl in deck.slides for sh in sl.shapes if sh.shape_type == 13]
    slides = [_printed_points(summary_px if i == 0 else indicator_px, w, png) for i, (w, png) in enumerate(shown)]
    assert len(slides) > 10 and min(slides) >= 12, slides


def test_a_charts_table_of_figures_is_on_the_page_of_its_chart(written, files):
    """An audit of the PDF: 6.3a's chart ended page 16, and its table of figures stood alone at the top of page 17.
    A chart, its sentence and its table are kept on one page."""
    content, _ = written
    pages = _pdf_pages(files["pdf"])
    charts = [i for g in content["goals"] for i in g["indicators"] if i["code"] in g["charts"]]
    assert len(charts) > 10
    for ind in charts:
        on = [n for n, p in enumerate(pages) if _flat(indicator_sentence(ind)) in p]
        header = _flat(f"{texts.YEAR} {ind['unit']} {texts.COL_SOURCE}")
        assert on and header in pages[on[0]], (ind["code"], on, header)
