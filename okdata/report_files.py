"""The lägesrapport's files, drawn from its content (report.report_data or a published version's frozen copy):
charts drawn by plotly.js in Debian's Chromium, the PowerPoint (python-pptx), the PDF (HTML printed by Chromium)
and the Excel workbook with every figure and its source."""

import base64
import html
import io
import json

import pandas as pd
import plotly.graph_objects as go

from okdata import texts
from okdata.browser import CHROMIUM_ARGS, chromium_path
from okdata.export import neutralise
from okdata.formatting import fmt_value

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]


CHART_SIZE = (900, 420)


MIME = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}

def indicator_figure(ind: dict) -> go.Figure:
    """A line chart of an indicator's headline values, with its target as a dashed line."""
    pts = ind["points"]
    fig = go.Figure(go.Scatter(x=[p["year"] for p in pts], y=[p["value"] for p in pts], mode="lines+markers",
                               line={"color": OKABE_ITO[0], "width": 3}, marker={"size": 9},
                               name=ind["code"], hovertemplate="%{x}: %{y}<extra></extra>"))
    if ind.get("target_value") is not None:
        fig.add_hline(y=ind["target_value"], line_dash="dash", line_color=OKABE_ITO[3],
                      annotation_text=texts.REPORT["target"].format(value=fmt_value(ind["target_value"], ind["kind"]),
                                                                     year=ind["target_year"]))
    title = f"{ind['code']} {ind['name']}"
    if ind["example"]:
        title += f" – {texts.EXAMPLE_DATA}"
    fig.update_layout(title={"text": _wrap(title), "font": {"size": 16}}, separators=", ",
                      width=CHART_SIZE[0], height=CHART_SIZE[1], margin={"l": 60, "r": 30, "t": 70, "b": 40},
                      plot_bgcolor="white", showlegend=False, font={"family": "DejaVu Sans, sans-serif"})
    fig.update_xaxes(dtick=1, tickformat="d", gridcolor="#e5e5e5")
    fig.update_yaxes(title=ind["unit"], gridcolor="#e5e5e5", rangemode="tozero",
                     ticksuffix=" %" if ind["kind"] == "share" else "")
    return fig


def _wrap(text: str, width: int = 80) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "<br>".join([*lines, line])


def chart_indicators(data: dict) -> list[dict]:
    """The indicators shown as charts, in report order."""
    out = []
    for g in data["goals"]:
        by_code = {i["code"]: i for i in g["indicators"]}
        out += [by_code[c] for c in g["charts"]]
    return out


def render(figures: list[go.Figure], html_doc=None) -> tuple[list[bytes], bytes | None]:
    """PNG images of the figures and optionally a PDF of an HTML document, in one headless Chromium session
    (Debian's /usr/bin/chromium driven by Playwright; plotly.js draws the charts).

    Runs in its own thread: Playwright's sync API refuses to start inside a running asyncio loop, which the
    calling thread may have (a server, a test that drives a browser itself)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_render, figures, html_doc).result()


def _render(figures: list[go.Figure], html_doc) -> tuple[list[bytes], bytes | None]:
    from playwright.sync_api import sync_playwright


    plotly_js = _plotly_js()
    specs = json.dumps([json.loads(f.to_json()) for f in figures])
    page_html = (f"<html><head><meta charset='utf-8'><script>{plotly_js}</script></head><body>"
                 f"<script>window.SPECS = {specs};</script></body></html>")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_content(page_html)
            urls = page.evaluate("""async () => {
                const out = [];
                for (const spec of window.SPECS) {
                    const div = document.createElement('div');
                    document.body.appendChild(div);
                    await Plotly.newPlot(div, spec.data, spec.layout, {staticPlot: true});
                    out.push(await Plotly.toImage(div, {format: 'png', width: spec.layout.width,
                                                        height: spec.layout.height, scale: 2}));
                    Plotly.purge(div);
                    div.remove();
                }
                return out;
            }""")
            images = [base64.b64decode(u.split(",", 1)[1]) for u in urls]
            pdf = None
            if html_doc is not None:
                doc = browser.new_page()
                doc.set_content(html_doc(images) if callable(html_doc) else html_doc, wait_until="load")
                pdf = doc.pdf(format="A4", print_background=True,
                              margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                              display_header_footer=True, header_template="<span></span>",
                              footer_template=("<div style='font-size:8px;width:100%;text-align:center;'>"
                                               "<span class='pageNumber'></span> / <span class='totalPages'></span>"
                                               "</div>"))
        finally:
            browser.close()
    return images, pdf


def _plotly_js() -> str:
    from importlib.resources import files

    return (files("plotly") / "package_data" / "plotly.min.js").read_text(encoding="utf-8")


def file_name(year: int, fmt: str) -> str:
    """lagesrapport-2025.pptx"""
    return f"lagesrapport-{year}.{fmt}"


def build(data: dict, fmt: str, values: pd.DataFrame | None = None) -> bytes:
    """The report as pptx, pdf or xlsx bytes."""
    if fmt == "xlsx":
        return to_xlsx(data, values if values is not None else pd.DataFrame())
    charts = chart_indicators(data)
    figures = [indicator_figure(c) for c in charts]
    if fmt == "pptx":
        images, _ = render(figures)
        return to_pptx(data, dict(zip([c["code"] for c in charts], images)))
    if fmt == "pdf":
        ids = [c["code"] for c in charts]
        _, pdf = render(figures, lambda images: to_html(data, dict(zip(ids, images))))
        return pdf
    raise ValueError(fmt)


def _status_line(dist: dict) -> str:
    """'Pågående: 4 · Genomförd: 1': measures by their combined state (a version published before the states were
    combined holds reports by status: the same words)."""
    if not dist:
        return texts.REPORT["no_statuses"]
    return " · ".join(f"{texts.MEASURE_STATES[st]}: {n}" for st, n in dist.items())


def _measure_state(m: dict) -> str:
    """'Pågående (12 av 26 har rapporterat)': a measure's combined state ('' in a version published before)."""
    if "state" not in m:
        return ""
    return texts.REPORT["measure_state"].format(state=texts.MEASURE_STATES[m["state"]], reported=m["reported"],
                                                expected=m["expected"])


def _title(data: dict) -> str:
    return texts.REPORT["title"].format(year=data["year"])


def _source_note(data: dict) -> str:
    note = texts.REPORT["approved_only"] if data["approved_only"] else texts.REPORT["incl_submitted"]
    if data["has_examples"]:
        note += " " + texts.REPORT["example_note"]
    return note


def _table(ind: dict) -> list[tuple[str, str, str]]:
    return [(str(p["year"]), fmt_value(p["value"], ind["kind"]), p["source"]) for p in ind["points"]]


def to_html(data: dict, images: dict[str, bytes]) -> str:
    """The report as a printable HTML document (rendered to PDF by Chromium)."""
    e = html.escape
    parts = [f"<h1>{e(_title(data))}</h1>", f"<p class='sub'>{e(data['plan'])}. {e(texts.REPORT['made'])} "
             f"{e(data['created_at'][:10])}.</p>", f"<p class='note'>{e(_source_note(data))}</p>",
             f"<h3>{e(texts.REPORT['overview'])}</h3><table><tr><th>{e(texts.GOAL)}</th>"
             f"<th>{e(texts.REPORT['goal_title'])}</th><th>{e(texts.MEASURES)}</th>"
             f"<th>{e(texts.REPORT['status_distribution'])}</th></tr>"]
    for g in data["goals"]:
        parts.append(f"<tr><td>{g['number']}</td><td>{e(g['title'])}</td><td>{len(g['measures'])}</td>"
                     f"<td>{e(_status_line(g['status_distribution']))}</td></tr>")
    parts.append("</table>")
    for g in data["goals"]:
        parts.append(f"<section><h2>{e(texts.GOAL_N.format(n=g['number']))}: {e(g['title'])}</h2>")
        parts.append(f"<h3>{e(texts.IN_PLACE)}</h3><ul>" + "".join(f"<li>{e(x)}</li>" for x in g["in_place"])
                     + "</ul>")
        parts.append(f"<p><b>{e(texts.REPORT['status_distribution'])}:</b> "
                     f"{e(_status_line(g['status_distribution']))}</p>")
        parts.append(f"<h3>{e(texts.MEASURES)}</h3><table><tr><th>{e(texts.COL_CODE)}</th><th>{e(texts.COL_MEASURE)}"
                     f"</th><th>{e(texts.COL_AGENCIES)}</th><th>{e(texts.REPORT['status'])}</th></tr>")
        for m in g["measures"]:
            st_text = "; ".join(f"{r['agency']}: {texts.IMPLEMENTATION[r['status']]}" + (
                f" – {r['description']}" if r["description"] else "") for r in m["statuses"])
            parts.append(f"<tr><td>{e(m['code'])}</td><td>{e(m['text'])}</td><td>{e(m['agencies'])}</td>"
                         f"<td><b>{e(_measure_state(m))}</b> {e(st_text or texts.NOT_REPORTED)}</td></tr>")
        parts.append("</table>")
        by_code = {i["code"]: i for i in g["indicators"]}
        for cid in g["charts"]:
            ind = by_code[cid]
            img = base64.b64encode(images[cid]).decode()
            parts.append(f"<figure><img src='data:image/png;base64,{img}' alt='{e(ind['sentence'])}'>"
                         f"<figcaption>{e(ind['sentence'])}</figcaption></figure>")
            parts.append(f"<table class='data'><tr><th>{e(texts.YEAR)}</th><th>{e(ind['unit'])}</th>"
                         f"<th>{e(texts.COL_SOURCE)}</th></tr>" + "".join(
                             f"<tr><td>{e(y)}</td><td>{e(v)}</td><td>{e(src)}</td></tr>"
                             for y, v, src in _table(ind)) + "</table>")
        parts.append("</section>")
    style = ("body{font-family:'DejaVu Sans',sans-serif;font-size:10pt;color:#111}h1{font-size:22pt}"
             "h2{font-size:15pt;border-bottom:2px solid #0072B2;padding-bottom:4px}h3{font-size:11pt}"
             "section{page-break-before:always}table{border-collapse:collapse;width:100%;margin:6px 0}"
             "td,th{border:1px solid #bbb;padding:3px 5px;vertical-align:top;text-align:left}"
             "th{background:#D9E2F3}img{width:100%}figure{margin:10px 0;page-break-inside:avoid}"
             "figcaption{font-style:italic}.note{background:#fff3cd;padding:6px}.sub{color:#444}"
             "table.data{width:auto;page-break-inside:avoid}")
    return (f"<!doctype html><html lang='sv'><head><meta charset='utf-8'><title>{e(_title(data))}</title>"
            f"<style>{style}</style></head><body>{''.join(parts)}</body></html>")


def to_pptx(data: dict, images: dict[str, bytes]) -> bytes:
    """The report as a PowerPoint for the steering group: a title slide; per goal a summary slide, a measures
    slide and one slide per chart with its data table."""
    from pptx import Presentation
    from pptx.util import Cm, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Cm(33.867), Cm(19.05)
    title_layout, content_layout, blank_title = prs.slide_layouts[0], prs.slide_layouts[1], prs.slide_layouts[5]
    s = prs.slides.add_slide(title_layout)
    s.shapes.title.text = _title(data)
    s.placeholders[1].text = f"{data['plan']}\n{_source_note(data)}"

    def text_slide(title: str, lines: list[str], size: int = 16):
        slide = prs.slides.add_slide(content_layout)
        slide.shapes.title.text = title
        body = slide.placeholders[1]
        body.left, body.top, body.width, body.height = Cm(1.5), Cm(3.5), Cm(31), Cm(14.5)
        tf = body.text_frame
        tf.clear()
        for i, line in enumerate(lines):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.text = line
            p.font.size = Pt(size)
        return slide

    for g in data["goals"]:
        gtitle = f"{texts.GOAL_N.format(n=g['number'])}: {g['title']}"
        text_slide(gtitle, [texts.IN_PLACE + ":", *g["in_place"],
                            f"{texts.REPORT['status_distribution']}: {_status_line(g['status_distribution'])}"])
        slide = prs.slides.add_slide(blank_title)
        slide.shapes.title.text = f"{texts.GOAL_N.format(n=g['number'])}: {texts.MEASURES}"
        rows = len(g["measures"]) + 1
        tbl = slide.shapes.add_table(rows, 3, Cm(1), Cm(3.2), Cm(31.8), Cm(1) * rows).table
        tbl.columns[0].width, tbl.columns[1].width, tbl.columns[2].width = Cm(2.5), Cm(12), Cm(17.3)
        for c, h in enumerate((texts.COL_CODE, texts.COL_AGENCIES, texts.REPORT["status"])):
            tbl.cell(0, c).text = h
        for r, m in enumerate(g["measures"], start=1):
            st_text = " ".join(filter(None, [_measure_state(m), "; ".join(
                f"{x['agency']}: {texts.IMPLEMENTATION[x['status']]}" for x in m["statuses"]) or texts.NOT_REPORTED]))
            for c, v in enumerate((m["code"], m["agencies"], st_text)):
                tbl.cell(r, c).text = v
        for row in tbl.rows:
            for cell in row.cells:
                for p in cell.text_frame.paragraphs:
                    p.font.size = Pt(10)
        by_code = {i["code"]: i for i in g["indicators"]}
        for cid in g["charts"]:
            ind = by_code[cid]
            slide = prs.slides.add_slide(blank_title)
            slide.shapes.title.text = f"{texts.GOAL_N.format(n=g['number'])}: {ind['code']} {ind['name']}"[:120]
            slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(22)
            slide.shapes.add_picture(io.BytesIO(images[cid]), Cm(0.8), Cm(3.6), width=Cm(21))
            data_rows = _table(ind)
            t = slide.shapes.add_table(len(data_rows) + 1, 2, Cm(22.3), Cm(3.6), Cm(10.8),
                                       Cm(0.7) * (len(data_rows) + 1)).table
            t.cell(0, 0).text, t.cell(0, 1).text = texts.YEAR, ind["unit"]
            for r, (y, v, _src) in enumerate(data_rows, start=1):
                t.cell(r, 0).text, t.cell(r, 1).text = y, v
            for row in t.rows:
                for cell in row.cells:
                    cell.text_frame.paragraphs[0].font.size = Pt(11)
            box = slide.shapes.add_textbox(Cm(0.8), Cm(14), Cm(32), Cm(4)).text_frame
            box.word_wrap = True
            box.text = ind["sentence"]
            box.paragraphs[0].font.size = Pt(16)
            src = box.add_paragraph()
            src.text = f"{texts.COL_SOURCE}: " + "; ".join(ind["sources"])
            src.font.size = Pt(10)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def to_xlsx(data: dict, values: pd.DataFrame) -> bytes:
    """Every figure of the year with its source, plus the goals' summaries and the measures' statuses."""
    from openpyxl import Workbook
    from openpyxl.styles import Font


    wb = Workbook()
    ws = wb.active
    ws.title = texts.REPORT["sheet_summary"]
    ws.append([_title(data)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([_source_note(data)])
    ws.append([])
    ws.append([texts.GOAL, texts.REPORT["goal_title"], texts.REPORT["status_distribution"]])
    for g in data["goals"]:
        ws.append([g["number"], g["title"], _status_line(g["status_distribution"])])
    ms = wb.create_sheet(texts.REPORT["sheet_measures"])
    ms.append([texts.GOAL, texts.COL_CODE, texts.COL_MEASURE, texts.COL_AGENCIES, texts.REPORT["combined"],
               texts.REPORT["agency"], texts.REPORT["status"], texts.REPORT["description"], texts.EXAMPLE_DATA])
    for g in data["goals"]:
        for m in g["measures"]:
            for r in m["statuses"] or [{"agency": "", "status": texts.NOT_REPORTED, "description": "",
                                        "example": False}]:
                ms.append([g["number"], m["code"], m["text"], m["agencies"], _measure_state(m), r["agency"],
                           texts.IMPLEMENTATION.get(r["status"], r["status"]),
                           neutralise(r["description"]), texts.YES_NO[r["example"]]])
    vs = wb.create_sheet(texts.REPORT["sheet_values"])
    vs.append(list(values.columns))
    for row in values.itertuples(index=False):
        vs.append([None if isinstance(v, float) and v != v else v for v in row])
    cs = wb.create_sheet(texts.REPORT["sheet_sentences"])
    cs.append([texts.GOAL, texts.COL_INDICATOR_ID, texts.COL_INDICATOR, texts.REPORT["sentence"]])
    for g in data["goals"]:
        for i in g["indicators"]:
            cs.append([g["number"], i["code"], i["name"], i["sentence"]])
    for sheet in wb.worksheets:
        sheet.column_dimensions["A"].width = 10
        for col in "BCDEFG":
            sheet.column_dimensions[col].width = 40
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
