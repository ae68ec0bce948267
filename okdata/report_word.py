"""The lägesrapport as a Word document (python-docx) for Länsstyrelsen's analysts to paste into the annual
report: real heading styles (a navigable outline), real tables with a repeated header row, charts as images with
their text alternative, Swedish as the document's language and the example-data notice where it applies."""

import io

from okdata import report_files as rf
from okdata import texts

LANGUAGE = "sv-SE"


def _language(doc) -> None:
    """Swedish for spelling and screen readers: in the default run properties and the document's properties."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), LANGUAGE)
    doc.core_properties.language = LANGUAGE


def _styled(doc, text: str, style_id: str):
    """A paragraph in a built-in style named by its id (Heading1, ListBullet …); python-docx's lookup by name
    walks every style each time, a third of the build."""
    p = doc.add_paragraph(text)
    p._p.get_or_add_pPr().style = style_id
    return p


def _heading(doc, text: str, level: int):
    return _styled(doc, text, "Title" if level == 0 else f"Heading{level}")


TABLE_PT = 9  # the tables' type: at the body's 11 pt an agency's name did not fit its column


def _table(doc, header: tuple[str, ...], rows: list[tuple], widths: tuple[float, ...]) -> None:
    """A table in TABLE_PT type with a header row repeated on each page and columns `widths` centimetres wide
    (together the text width, 16 cm)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    table = doc.add_table(rows=len(rows) + 1, cols=len(header))  # every row at once: add_row copies each
    table._tbl.tblPr.style = "TableGrid"
    table.autofit = False
    for column, w in zip(table.columns, widths):
        column.width = Cm(w)
    for n, (row, values) in enumerate(zip(table.rows, [header, *rows])):
        for cell, value, w in zip(row.cells, values, widths):
            cell.width = Cm(w)  # Word reads each cell's width, LibreOffice the column's
            run = cell.paragraphs[0].add_run(str(value))  # plain text: a user's words are never interpreted
            run.bold = n == 0 or None
            run.font.size = Pt(TABLE_PT)
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page the table runs over
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    doc.add_paragraph()


def _picture(doc, image: bytes, alt: str) -> None:
    from docx.shared import Cm

    shape = doc.add_picture(io.BytesIO(image), width=Cm(16))
    shape._inline.docPr.set("descr", alt)
    shape._inline.docPr.set("title", alt[:120])


def _text(doc, text: str) -> None:
    for para in text.split("\n"):
        if para.strip():
            doc.add_paragraph(para)


def to_docx(data: dict, images: dict[str, bytes]) -> bytes:
    """The report: title and notice, the executive summary, a chapter per goal (analysis, what must be in place,
    measures one row each, charts with their data) and the agencies' reports as an appendix."""
    from docx import Document

    doc = Document()
    _language(doc)
    doc.core_properties.title = rf.title(data)
    doc.core_properties.subject = data["plan"]
    _heading(doc, rf.title(data), level=0)
    doc.add_paragraph(f"{data['plan']}. {texts.REPORT['made']} {data['created_at'][:10]}.")
    note = doc.add_paragraph()
    note.add_run(rf.source_note(data)).bold = data["has_examples"]
    if rf.footer(data):  # on every page
        from docx.shared import Pt

        doc.sections[0].footer.paragraphs[0].add_run(rf.footer(data)).font.size = Pt(8)

    summary = data.get("summary", {})
    _heading(doc, texts.ANALYSIS["summary_heading"], level=1)
    _text(doc, summary.get("text", ""))
    if rf.reporting_line(data):
        doc.add_paragraph(rf.reporting_line(data))
    _picture(doc, images[rf.SUMMARY_CHART], rf.summary_alt(data))
    _table(doc, (texts.GOAL, texts.REPORT["implementation"], texts.REPORT["outcomes"]),
           [(g["number"], rf.status_line(g["status_distribution"]), rf.outcome_line(g.get("outcome_distribution", {})))
            for g in data["goals"]], (1.4, 7.3, 7.3))
    if rf.changes(data):
        _heading(doc, texts.REPORT["changes"].format(year=data["year"] - 1), level=2)
        for line in rf.changes(data):
            _styled(doc, line, "ListBullet")

    for g in data["goals"]:
        _heading(doc, rf.goal_title(g), level=1)
        if g.get("analysis"):
            _heading(doc, texts.ANALYSIS["goal_heading"], level=2)
            _text(doc, g["analysis"])
        _heading(doc, texts.IN_PLACE, level=2)
        for x in g["in_place"]:
            _styled(doc, x, "ListBullet")
        doc.add_paragraph(f"{texts.REPORT['implementation']}: {rf.status_line(g['status_distribution'])}")
        doc.add_paragraph(f"{texts.REPORT['outcomes']}: {rf.outcome_line(g.get('outcome_distribution', {}))}")
        _heading(doc, texts.MEASURES, level=2)
        _table(doc, (texts.REPORT["code"], rf.measure_heading(data), texts.COL_AGENCIES, texts.REPORT["combined"]),
               rf.measure_rows(g), (1.2, 7.2, 4.3, 3.3))
        by_code = {i["code"]: i for i in g["indicators"]}
        for cid in g["charts"]:
            ind = by_code[cid]
            _heading(doc, f"{ind['code']} {ind['name']}", level=3)
            _picture(doc, images[cid], rf.indicator_sentence(ind))
            doc.add_paragraph(rf.indicator_sentence(ind))
            _table(doc, (texts.YEAR, ind["unit"], texts.COL_SOURCE), rf.table_rows(ind), (1.5, 5.0, 9.5))

    _heading(doc, texts.REPORT["appendix"], level=1)
    doc.add_paragraph(texts.REPORT["appendix_intro"])
    for g in data["goals"]:
        _heading(doc, rf.goal_title(g), level=2)
        rows = rf.appendix_rows(g)
        if not rows:  # a sentence, not a table of headings alone
            doc.add_paragraph(texts.REPORT["appendix_none"].format(year=data["year"]))
            continue
        _table(doc, (texts.REPORT["agency"], texts.REPORT["code"], texts.REPORT["status"],
                     texts.REPORT["description"]), rows, (4.3, 1.2, 3.0, 7.5))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
