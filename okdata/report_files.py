"""The lägesrapport's files, drawn from its content (report.report_data or a published version's frozen copy):
charts drawn by plotly.js in Debian's Chromium, the PDF (HTML printed by Chromium) and the Excel workbook with
every figure and its source; the rows every format shows (the PowerPoint is report_slides.py, the Word file
report_word.py)."""

import base64
import hashlib
import html
import io
import json
import re
from urllib.parse import unquote

import pandas as pd
import plotly.graph_objects as go

from okdata import texts
from okdata.browser import kept_page, with_browser
from okdata.charts import OKABE_ITO, VALUE_TICKS, outline, plotly_text
from okdata.export import sheet_value, with_rows
from okdata.file_text import NOT_TYPED, file_safe
from okdata.formatting import fmt_value, held, period_label, words
from okdata.progress import ICONS

CHART_SIZE = (900, 420)
# The files' charts are pictures scaled to their place: an indicator's 900 pixels to 600 points on a slide, 505 in
# the PDF, 454 in Word; the summary's 700 to 560 points on a slide, 343 in the PDF (68 %, so that the summary keeps
# to page 1), 454 in Word. Their text in pixels, so that it prints near the size of the text beside it: an
# indicator's axes at 12 points on a slide, 10 in the PDF, 9 in Word; the summary's at 13,6, 8,3 and 11. At Plotly's
# 12 pixels they printed at 8 points on a slide (where the table beside the chart has 14) and 6 in Word, the
# summary's at 5 in the PDF.
CHART_FONT, CHART_TITLE_FONT, CHART_AXIS_TITLE_FONT = 18, 20, 16
SUMMARY_SIZE, SUMMARY_FONT = (700, 300), 17


MIME = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
FORMATS = tuple(MIME)
SUMMARY_CHART = "summary"  # the key of the executive summary's chart among the images
# The colour of each measure state in the summary chart (Okabe-Ito; each state also has its symbol and word; the
# light ones outlined, charts.outline)
STATE_COLOURS = {"done": "#009E73", "ongoing": "#56B4E9", "not_started": "#F0E442", "delayed": "#E69F00",
                 "cancelled": "#D55E00", "not_reported": "#BBBBBB"}

def indicator_figure(ind: dict, on_slide: bool = False) -> go.Figure:
    """A line chart of an indicator's headline values, with its target as a dashed line. Given whole in one
    constructor: plotly's add_hline and update_* parse every property path (15 ms a chart, most of a meeting
    slide's warm run). `on_slide`: for a meeting slide, with neither title nor unit (the slide writes them above
    the chart, whole: in the figure a third of a projector's width cut them) and the size of the slide's box."""
    pts = ind["points"]
    title = _wrap(chart_title(ind), 64)
    layout = {"title": {"text": title, "font": {"size": CHART_TITLE_FONT}},
              "separators": ", ", "width": CHART_SIZE[0], "height": CHART_SIZE[1],
              "margin": {"l": 60, "r": 30, "t": 26 + 26 * (title.count("<br>") + 1), "b": 40},
              "plot_bgcolor": "white", "showlegend": False,
              "font": {"family": "DejaVu Sans, sans-serif", "size": CHART_FONT},
              "xaxis": {"dtick": 1, "tickformat": "d", "gridcolor": "#e5e5e5", "automargin": True},
              "yaxis": {"title": {"text": plotly_text(ind["unit"]), "font": {"size": CHART_AXIS_TITLE_FONT}},
                        "gridcolor": "#e5e5e5", **VALUE_TICKS, "rangemode": "tozero", "automargin": True,
                        "ticksuffix": " %" if ind["kind"] == "share" else ""}}
    if on_slide:  # in the browser, at the page's own size of text
        del layout["title"], layout["width"], layout["height"], layout["yaxis"]["title"], layout["font"]["size"]
        layout["margin"] = {"l": 60, "r": 30, "t": 10, "b": 30}
        layout["yaxis"]["nticks"] = 3  # at most: in the 40 pixels of a plot at 1366×768 five labels overlapped
    if ind.get("target_value") is not None:  # a dashed line across the plot, its label at the right above it
        target = ind["target_value"]
        layout["shapes"] = [{"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": target,
                             "y1": target, "line": {"color": OKABE_ITO[3], "dash": "dash"}}]
        layout["annotations"] = [{"text": texts.REPORT["target"].format(value=fmt_value(target, ind["kind"]),
                                                                        year=ind["target_year"]),
                                  "showarrow": False, "xref": "x domain", "x": 1, "xanchor": "right", "yref": "y",
                                  "y": target, "yanchor": "bottom"}]
    return go.Figure({"data": [{"type": "scatter", "x": [p["year"] for p in pts], "y": [p["value"] for p in pts],
                                "mode": "lines+markers", "line": {"color": OKABE_ITO[0], "width": 3},
                                "marker": {"size": 9}, "name": ind["code"],
                                "hovertemplate": "%{x}: %{y}<extra></extra>"}],
                      "layout": layout})


def chart_title(ind: dict) -> str:
    """An indicator chart's title: code and name, and the example label when its values are example figures."""
    return f"{ind['code']} {ind['name']}" + (f" – {texts.EXAMPLE_DATA}" if ind["example"] else "")


def _wrap(text: str, width: int = 80) -> str:
    lines, line = [], ""
    for w in words(text):
        if len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "<br>".join(map(plotly_text, [*lines, line]))  # each line as typed: no HTML of a catalog text


def summary_figure(data: dict, on_page: bool = False) -> go.Figure:
    """The executive summary's chart: per goal its measures by combined state as one stacked bar, each state
    named with its symbol in the legend and counted inside its segment. `on_page`: for the Lägesrapport page, at
    the page's own size of text and the page's width (the files' text is sized for the picture's place)."""
    goals = data["goals"]
    labels = [texts.GOAL_N.format(n=g["number"]) for g in goals]
    fig = go.Figure()
    for st, label in texts.MEASURE_STATES.items():
        counts = [g["status_distribution"].get(st, 0) for g in goals]
        if not any(counts):
            continue
        fig.add_bar(y=labels, x=counts, orientation="h", name=f"{texts.STATUS_ICONS[st]} {label}",
                    marker={"color": STATE_COLOURS[st],
                            "line": outline(STATE_COLOURS[st], otherwise={"color": "white", "width": 1})},
                    text=[str(c) if c else "" for c in counts], textposition="inside", insidetextanchor="middle",
                    textangle=0)
    fig.update_layout(barmode="stack", bargap=0.2, separators=", ", width=SUMMARY_SIZE[0], height=SUMMARY_SIZE[1],
                      title={"text": texts.REPORT["status_distribution"], "font": {"size": SUMMARY_FONT + 2}},
                      margin={"l": 70, "r": 20, "t": 45, "b": 20}, plot_bgcolor="white",
                      legend={"orientation": "h", "y": -0.1, "yanchor": "top", "traceorder": "normal"},
                      font={"family": "DejaVu Sans, sans-serif", "size": SUMMARY_FONT})
    if on_page:
        fig.update_layout(height=340, font_size=13, title_font_size=16, margin_b=70, legend_y=-0.15)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(gridcolor="#e5e5e5", dtick=2)
    return fig


def summary_alt(data: dict) -> str:
    """The summary chart as text: every goal's measures by state."""
    return " ".join(f"{texts.GOAL_N.format(n=g['number'])}: {status_line(g['status_distribution'])}."
                    for g in data["goals"])


def chart_indicators(data: dict) -> list[dict]:
    """The indicators shown as charts, in report order."""
    out = []
    for g in data["goals"]:
        by_code = {i["code"]: i for i in g["indicators"]}
        out += [by_code[c] for c in g["charts"]]
    return out


def prepare(data: dict) -> None:
    """Start Chromium and draw the report's charts in the background (the Lägesrapport page calls this when it
    opens), so that a build that follows finds them drawn: drawing is most of a build, 1,5 s of 3 on a quiet
    machine and 25 s beside other test suites (benchmarks/README.md). Once per content: the page runs again at
    every click. The pictures for PowerPoint and Word are drawn; the PDF's vectors take a third of their time and
    are drawn when it is built (drawing both at once slowed the page's own first view on two cores)."""
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
    if digest in _PREPARED:
        return
    _PREPARED.add(digest)
    keys, missing = _to_draw([summary_figure(data)] + [indicator_figure(c) for c in chart_indicators(data)], "png")
    with_browser(_render, missing, keys, None, "png", wait=False)


def _to_draw(figures: list[go.Figure], image_format: str) -> tuple[list[str], dict[str, str]]:
    """The figures' keys in memory (image format and spec hash), and {key: spec} of those not drawn yet. PNG for
    PowerPoint and Word; SVG for the PDF: vectors print sharp, and drawing and printing them took a third of the
    time of PNGs at twice the size (benchmarks/README.md)."""
    specs = [f.to_json() for f in figures]
    keys = [f"{image_format}:{hashlib.sha256(spec.encode()).hexdigest()}" for spec in specs]
    return keys, {k: spec for k, spec in zip(keys, specs) if k not in _DRAWN}


def render(figures: list[go.Figure], html_doc=None, image_format: str = "png",
           foot: str = "") -> tuple[list[bytes], bytes | None]:
    """Images of the figures (PNG at twice their size, or SVG) and optionally a PDF of an HTML document (or of a
    function of the images that returns one), `foot` at the foot of each page beside its number, in the process's
    headless Chromium (okdata.browser; plotly.js draws the charts). A chart drawn before is taken from memory:
    building a second format of the same report draws nothing again."""
    keys, missing = _to_draw(figures, image_format)
    if not missing and html_doc is None:
        return [_DRAWN[k] for k in keys], None
    return with_browser(_render, missing, keys, html_doc, image_format, foot)


_DRAWN: dict[str, bytes] = {}  # image format and chart spec's hash → image, the most recent CHARTS_KEPT
_PREPARED: set[str] = set()  # the contents whose charts prepare() has drawn or is drawing
CHARTS_KEPT = 400


def _keep(key: str, image: bytes) -> None:
    _DRAWN.pop(key, None)
    _DRAWN[key] = image
    while len(_DRAWN) > CHARTS_KEPT:
        _DRAWN.pop(next(iter(_DRAWN)))


def _render(context, missing: dict[str, str], keys: list[str], html_doc,
            image_format: str = "png", foot: str = "") -> tuple[list[bytes], bytes | None]:
    """Runs in the browser's thread: draws the charts not in memory ({key: spec}), then prints the document."""
    missing = {k: spec for k, spec in missing.items() if k not in _DRAWN}  # drawn meanwhile by prepare()
    drawn = dict(zip(missing, _draw(list(missing.values()), image_format)))
    images = [drawn[k] if k in drawn else _DRAWN[k] for k in keys]
    for key, image in drawn.items():
        _keep(key, image)
    pdf = None
    if html_doc is not None:
        doc = context.new_page()
        doc.set_content(html_doc(images) if callable(html_doc) else html_doc, wait_until="load")
        pdf = doc.pdf(format="A4", print_background=True, outline=True, tagged=True,
                      margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                      display_header_footer=True, header_template="<span></span>",
                      footer_template=("<div style='font-size:8px;width:100%;text-align:center;'>"
                                       + (f"{html.escape(foot)} · " if foot else "")
                                       + "<span class='pageNumber'></span> / <span class='totalPages'></span>"
                                       "</div>"))
    return images, pdf


def _draw(specs: list[str], image_format: str = "png") -> list[bytes]:
    """Images of the chart specs (plotly JSON), drawn one after another on the kept drawing page: PNG at twice
    the charts' size, or SVG."""
    if not specs:
        return []
    page = kept_page("plotly", _load_plotly)
    urls = page.evaluate("""async ([specs, format]) => {
        const out = [];
        for (const spec of JSON.parse(specs)) {
            const div = document.createElement('div');
            document.body.appendChild(div);
            await Plotly.newPlot(div, spec.data, spec.layout, {staticPlot: true});
            out.push(await Plotly.toImage(div, {format: format, width: spec.layout.width,
                                                height: spec.layout.height, scale: format === 'png' ? 2 : 1}));
            Plotly.purge(div);
            div.remove();
        }
        return out;
    }""", ["[" + ",".join(specs) + "]", image_format])
    if image_format == "svg":  # data:image/svg+xml,<the SVG, percent-encoded>
        return [unquote(u.split(",", 1)[1]).encode() for u in urls]
    return [base64.b64decode(u.split(",", 1)[1]) for u in urls]


def _load_plotly(page) -> None:
    """The drawing page: an empty document with plotly.js, which the package ships."""
    from importlib.resources import files

    page.set_content("<html><head><meta charset='utf-8'></head><body></body></html>")
    page.add_script_tag(path=str(files("plotly") / "package_data" / "plotly.min.js"))


def image_uri(image: bytes) -> str:
    """A drawn chart as a data: address for an <img>: SVG or PNG."""
    mime = "image/svg+xml" if image.lstrip()[:5] in (b"<svg ", b"<?xml") else "image/png"
    return f"data:{mime};base64,{base64.b64encode(image).decode()}"


def _file_safe(value):
    """The content with every text as `file_safe` makes it: a text saved before analyses were cleaned, or frozen in
    a publication, may hold a character that Word and Excel files cannot, or one that turns the text's direction."""
    if isinstance(value, str):
        return file_safe(value, NOT_TYPED)
    if isinstance(value, dict):
        return {k: _file_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_file_safe(v) for v in value]
    return value


def file_name(year: int, fmt: str) -> str:
    """lagesrapport-2025.pptx"""
    return f"lagesrapport-{year}.{fmt}"


def build(data: dict, fmt: str, values=None, step=None) -> bytes:
    """The report as pptx, pdf, docx or xlsx bytes; `step(text)` is told what is being done (the page shows it).
    `values`: the year's values for the Excel file (report.year_values), or a function that reads them, called only
    when the Excel file is built (on 1 000 000 values the read took 1,5–3 s of a PowerPoint click that never used
    it)."""
    step = step or (lambda _text: None)
    data = _file_safe(data)
    if fmt == "xlsx":
        step(texts.REPORT_STEPS["file"])
        values = values() if callable(values) else values
        return to_xlsx(data, values if values is not None else pd.DataFrame())
    if fmt not in FORMATS:
        raise ValueError(fmt)
    charts = chart_indicators(data)
    keys = [SUMMARY_CHART] + [c["code"] for c in charts]
    figures = [summary_figure(data)] + [indicator_figure(c) for c in charts]
    step(texts.REPORT_STEPS["charts"].format(n=len(figures)))
    if fmt == "pdf":
        _, pdf = render(figures, lambda images: to_html(data, dict(zip(keys, images))), image_format="svg",
                        foot=footer(data))
        return mend_bookmarks(pdf, headings(data))
    images, _ = render(figures)
    step(texts.REPORT_STEPS["file"])
    if fmt == "pptx":
        from okdata.report_slides import to_pptx

        return to_pptx(data, dict(zip(keys, images)))
    from okdata.report_word import to_docx

    return to_docx(data, dict(zip(keys, images)))


# --- What every format shows, as plain rows ----------------------------------------------------------------


def status_line(dist: dict) -> str:
    """'◐ Pågående 4 · ● Genomförd 1': measures by their combined state, with symbols (a version published
    before the states were combined holds reports by status: the same words)."""
    if not dist:
        return texts.REPORT["no_statuses"]
    return " · ".join(held(texts.STATUS_ICONS[st], texts.MEASURE_STATES[st], n) for st, n in dist.items())


def outcome_line(dist: dict) -> str:
    """'≈ Ingen säker förändring 6 · – Bedöms inte 4': the measures' outcomes, with symbols."""
    if not dist:
        return texts.REPORT["no_outcomes"]
    return " · ".join(held(ICONS.get(st, ''), texts.PROGRESS_STATUSES[st], n) for st, n in dist.items())


def measure_state(m: dict) -> str:
    """'◐ Pågående (12 av 26 har rapporterat)': a measure's combined state (a version published before the
    states were combined: its reports)."""
    if "state" not in m:
        return "; ".join(f"{r['agency']}: {texts.IMPLEMENTATION[r['status']]}" for r in m["statuses"]) or \
            texts.NOT_REPORTED
    return texts.REPORT["measure_state"].format(state=held(texts.STATUS_ICONS[m['state']],
                                                           texts.MEASURE_STATES[m['state']]),
                                                reported=m["reported"], expected=m["expected"])


def measure_rows(g: dict) -> list[tuple[str, str, str, str]]:
    """One row per measure: code, text, responsible agencies, combined state (labelled when a report it is made of
    is example data, or, in a draft, submitted and not approved)."""
    return [(m["code"], m["text"], m["agencies"], measure_state(m)
             + (f" ({texts.EXAMPLE_DATA})" if any(r["example"] for r in m["statuses"]) else "")
             + (f" ({texts.REPORT['with_submitted']})" if any(r.get("submitted") for r in m["statuses"]) else ""))
            for m in g["measures"]]


def indicator_sentence(ind: dict) -> str:
    """The drafted sentence about an indicator's last change, labelled when its figures are example data, or, in a
    draft, submitted and not approved (a sentence is pasted on: its label must go with it)."""
    if not ind["sentence"]:
        return ""
    return ind["sentence"] + _labels(ind["example"], ind.get("submitted"))


def _labels(example: bool, submitted: bool | None) -> str:
    """What a line says of where its figures come from: ' (Exempeldata)' for example data, ' (inskickad, ej
    godkänd)' for a submitted one in a draft (Visa även inskickade), both or neither."""
    return (f" ({texts.EXAMPLE_DATA})" if example else "") + (f" ({texts.NOT_APPROVED})" if submitted else "")


def footer(data: dict) -> str:
    """What the foot of every page and slide says besides its number: that the report holds example data."""
    return texts.EXAMPLE_FOOTER if data["has_examples"] else ""


def appendix_rows(g: dict) -> list[tuple[str, str, str, str]]:
    """Every agency's and municipality's report on the goal's measures: agency, measure, status, description;
    by measure in plan order, then agency."""
    rows = []
    for m in g["measures"]:
        for r in sorted(m["statuses"], key=lambda r: r["agency"].casefold()):
            state = held(texts.STATUS_ICONS[r["status"]], texts.IMPLEMENTATION[r["status"]])
            rows.append((r["agency"], m["code"], state + _labels(r["example"], r.get("submitted")), r["description"]))
    return rows


def reporting_line(data: dict) -> str:
    """'Rapportering 2025: 32 av 36 myndigheter och kommuner har skickat in, 30 godkända; 181 av 220 väntade
    rapporter om åtgärder.'"""
    sm = data.get("summary")
    if not sm:
        return ""
    from okdata.report import approved_returns

    return texts.REPORT["reporting"].format(year=data["year"], done=sm["agencies_reported"], total=sm["agencies"],
                                            approved=approved_returns(sm), reports=sm["reports"],
                                            expected=sm["expected"])


def changes(data: dict) -> list[str]:
    """The largest changes since last year as lines, example data and (in a draft) submitted figures marked."""
    return [c["line"] + _labels(c["example"], c.get("submitted")) for c in data.get("summary", {}).get("changes", [])]


def period(data: dict) -> str:
    """The report's plan period, '2024–2027' (a version published before plan periods names it in its plan only)."""
    code = data.get("plan_code") or next(iter(re.findall(r"\d{4}[–-]\d{4}", data.get("plan", ""))), "")
    return period_label(code)


def measure_heading(data: dict) -> str:
    """The measures' column, 'Åtgärd 2024–2027': the report's own plan period."""
    return texts.COL_MEASURE.format(period=period(data)).strip()


def title(data: dict) -> str:
    """'Regional lägesrapport 2025'."""
    return texts.REPORT["title"].format(year=data["year"])


def source_note(data: dict) -> str:
    """Which figures the report holds, and the example-data notice where it applies."""
    note = texts.REPORT["approved_only"] if data["approved_only"] else texts.REPORT["incl_submitted"]
    if data.get("publication"):
        note = texts.REPORT["published_version"].format(**data["publication"]) + " " + note
    if data["has_examples"]:
        note += " " + texts.REPORT["example_note"]
    return note


def table_rows(ind: dict) -> list[tuple[str, str, str]]:
    """An indicator's chart as a table: year, value, source."""
    return [(str(p["year"]), fmt_value(p["value"], ind["kind"]), p["source"]) for p in ind["points"]]


def goal_title(g: dict) -> str:
    """'Mål 2: Våldsutövare har …'."""
    return f"{texts.GOAL_N.format(n=g['number'])}: {g['title']}"


# --- PDF ---------------------------------------------------------------------------------------------------


def _rows_html(header: tuple, rows: list[tuple], cls: str = "") -> str:
    e = html.escape
    return (f"<table class='{cls}'><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr></thead>"
            "<tbody>" + "".join("<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in r) + "</tr>" for r in rows)
            + "</tbody></table>")


def _text_html(text: str) -> str:
    """A user's text as paragraphs of plain text."""
    return "".join(f"<p class='user'>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())


def to_html(data: dict, images: dict[str, bytes]) -> str:
    """The report as a printable HTML document (rendered to PDF by Chromium): the executive summary on page 1,
    a section per goal with its analysis, measures and charts, and the agencies' reports as an appendix."""
    e = html.escape
    summary = data.get("summary", {})
    parts = [f"<section class='summary'><h1>{e(title(data))}</h1>",
             f"<p class='sub'>{e(data['plan'])}. {e(texts.REPORT['made'])} {e(data['created_at'][:10])}.</p>",
             f"<p class='note'>{e(source_note(data))}</p>",
             f"<h2>{e(texts.ANALYSIS['summary_heading'])}</h2>", _text_html(summary.get("text", "")),
             f"<p><b>{e(reporting_line(data))}</b></p>",
             f"<figure><img class='summary' src='{image_uri(images[SUMMARY_CHART])}' alt='{e(summary_alt(data))}'>"
             "</figure>",
             _rows_html((texts.GOAL, texts.REPORT["implementation"], texts.REPORT["outcomes"]),
                        [(g["number"], status_line(g["status_distribution"]),
                          outcome_line(g.get("outcome_distribution", {}))) for g in data["goals"]], "summary")]
    if changes(data):
        parts.append(f"<h3>{e(texts.REPORT['changes'].format(year=data['year'] - 1))}</h3><ul>"
                     + "".join(f"<li>{e(c)}</li>" for c in changes(data)) + "</ul>")
    parts.append("</section>")
    for g in data["goals"]:
        parts.append(f"<section><h2>{e(goal_title(g))}</h2>")
        if g.get("analysis"):
            parts.append(f"<h3>{e(texts.ANALYSIS['goal_heading'])}</h3>{_text_html(g['analysis'])}")
        parts.append(f"<h3>{e(texts.IN_PLACE)}</h3><ul>" + "".join(f"<li>{e(x)}</li>" for x in g["in_place"])
                     + "</ul>")
        parts.append(f"<p><b>{e(texts.REPORT['status_distribution'])}:</b> "
                     f"{e(status_line(g['status_distribution']))}<br><b>{e(texts.REPORT['outcomes'])}:</b> "
                     f"{e(outcome_line(g.get('outcome_distribution', {})))}</p>")
        parts.append(f"<h3>{e(texts.MEASURES)}</h3>" + _rows_html(
            (texts.COL_CODE, measure_heading(data), texts.COL_AGENCIES, texts.REPORT["combined"]), measure_rows(g),
            "measures"))
        by_code = {i["code"]: i for i in g["indicators"]}
        for cid in g["charts"]:
            ind = by_code[cid]
            # the chart and its figures on one page: 6.3a's table stood alone at the top of the next page
            parts.append(f"<div class='chart'><figure><img src='{image_uri(images[cid])}' "
                         f"alt='{e(indicator_sentence(ind))}'><figcaption>{e(indicator_sentence(ind))}</figcaption>"
                         "</figure>")
            parts.append(_rows_html((texts.YEAR, ind["unit"], texts.COL_SOURCE), table_rows(ind), "data") + "</div>")
        parts.append("</section>")
    parts.append(f"<section><h2>{e(texts.REPORT['appendix'])}</h2><p>{e(texts.REPORT['appendix_intro'])}</p>")
    for g in data["goals"]:
        rows = appendix_rows(g)
        parts.append(f"<h3>{e(goal_title(g))}</h3>" + (_rows_html(
            (texts.REPORT["agency"], texts.COL_CODE, texts.REPORT["status"], texts.REPORT["description"]),
            rows, "appendix") if rows else f"<p>{e(texts.REPORT['appendix_none'].format(year=data['year']))}</p>"))
    parts.append("</section>")
    # overflow-wrap: a word wider than the page (a pasted link in an analysis) is broken, not cut at the edge;
    # break-word, not anywhere, so that the tables keep their columns as wide as their words
    style = ("body{font-family:'DejaVu Sans',sans-serif;font-size:10pt;color:#111;font-variant-ligatures:none;"
             "overflow-wrap:break-word}"
             "h1{font-size:20pt;margin:0 0 4px}"
             "h2{font-size:15pt;border-bottom:2px solid #0072B2;padding-bottom:4px}h3{font-size:11pt}"
             "section{page-break-before:always}section.summary{page-break-before:auto}"
             "table{border-collapse:collapse;width:100%;margin:6px 0}thead{display:table-header-group}"
             "tr{page-break-inside:avoid}td,th{border:1px solid #bbb;padding:3px 5px;vertical-align:top;"
             "text-align:left}th{background:#D9E2F3}img{width:100%}img.summary{width:68%}section.summary{font-size:9.5pt}"
             "figure{margin:8px 0;page-break-inside:avoid}figcaption{font-style:italic}"
             "div.chart{break-inside:avoid;page-break-inside:avoid}"
             ".note{background:#fff3cd;padding:6px}.sub{color:#444;margin:0}p.user{white-space:pre-wrap}"
             "table.data{width:auto;page-break-inside:avoid}table.measures td:first-child{white-space:nowrap}"
             "table.appendix{font-size:9pt}table.summary td:first-child{width:3em}"
             "table.summary td:nth-child(2){width:50%}")
    return (f"<!doctype html><html lang='sv'><head><meta charset='utf-8'><title>{e(title(data))}</title>"
            f"<style>{style}</style></head><body>{''.join(parts)}</body></html>")


def headings(data: dict) -> list[str]:
    """Every heading of the PDF, for its bookmarks."""
    out = [title(data), texts.ANALYSIS["summary_heading"], texts.REPORT["changes"].format(year=data["year"] - 1),
           texts.ANALYSIS["goal_heading"], texts.IN_PLACE, texts.MEASURES, texts.REPORT["appendix"]]
    return out + [goal_title(g) for g in data["goals"]]


def mend_bookmarks(pdf: bytes, names: list[str]) -> bytes:
    """Chromium names a bookmark after its heading's lines joined without the space where a line wrapped
    ('arbetarvåldsförebyggande'); each such bookmark gets its heading's text back."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    by_letters = {"".join(n.split()): n for n in names}
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    outlines = writer.root_object.get("/Outlines")
    stack = [outlines.get_object().get("/First")] if outlines is not None else []
    while stack:
        ref = stack.pop()
        if ref is None:
            continue
        item = ref.get_object()
        name = by_letters.get("".join(str(item.get("/Title", "")).split()))
        if name is not None:
            item[NameObject("/Title")] = TextStringObject(name)
        stack += [item.get("/First"), item.get("/Next")]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- Excel -------------------------------------------------------------------------------------------------


def to_xlsx(data: dict, values: pd.DataFrame) -> bytes:
    """Every figure of the year with its source, plus the summary with the analyses, one row per measure and
    every agency's report. openpyxl writes the small sheets in its write-only mode and the year's values go
    straight into their sheet's XML (`export.with_rows`): on 1 000 000 values they are some 77 000 rows."""
    from openpyxl import Workbook
    from openpyxl.cell import Cell, WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    wb = Workbook(write_only=True)

    def sheet(name: str):
        ws = wb.create_sheet(name)
        ws.column_dimensions["A"].width = 10
        for col in "BCDEFG":
            ws.column_dimensions[col].width = 40
        return ws

    ws = sheet(texts.REPORT["sheet_summary"])
    wrapped = Alignment(wrap_text=True, vertical="top")

    def summary_row(*cells, font=None):
        out = []
        for value in cells:
            cell = sheet_value(ws, value)
            cell = cell if isinstance(cell, Cell) else WriteOnlyCell(ws, value=cell)
            cell.alignment = wrapped
            if font is not None:
                cell.font = font
            out.append(cell)
        ws.append(out)

    summary_row(title(data), font=Font(bold=True, size=14))
    summary_row(f"{data['plan']}. {texts.REPORT['made']} {data['created_at'][:10]}.")
    summary_row(source_note(data))
    summary_row(reporting_line(data))
    summary_row(texts.ANALYSIS["county"], data.get("summary", {}).get("text", ""))
    ws.append([])
    summary_row(texts.GOAL, texts.REPORT["goal_title"], texts.REPORT["implementation"], texts.REPORT["outcomes"],
                texts.ANALYSIS["goal_heading"])
    for g in data["goals"]:
        summary_row(g["number"], g["title"], status_line(g["status_distribution"]),
                    outcome_line(g.get("outcome_distribution", {})), g.get("analysis", ""))
    ms = sheet(texts.REPORT["sheet_measures"])
    ms.append([texts.GOAL, texts.COL_CODE, measure_heading(data), texts.COL_AGENCIES, texts.REPORT["combined"]])
    for g in data["goals"]:
        for row in measure_rows(g):
            ms.append([g["number"], *(sheet_value(ms, v) for v in row)])  # catalog texts are typed by people too
    ap = sheet(texts.REPORT["sheet_appendix"])
    ap.append([texts.GOAL, texts.REPORT["agency"], texts.COL_CODE, texts.REPORT["status"],
               texts.REPORT["description"]])
    for g in data["goals"]:
        for agency, code, status, desc in appendix_rows(g):
            ap.append([g["number"], *(sheet_value(ap, v) for v in (agency, code, status, desc))])
    vs = sheet(texts.REPORT["sheet_values"])  # its heading and rows: with_rows below
    cs = sheet(texts.REPORT["sheet_sentences"])
    cs.append([texts.GOAL, texts.COL_INDICATOR_ID, texts.COL_INDICATOR, texts.REPORT["sentence"]])
    for g in data["goals"]:
        for i in g["indicators"]:
            cs.append([g["number"], *(sheet_value(cs, v) for v in (i["code"], i["name"], indicator_sentence(i)))])
    return with_rows(wb, vs, values)
