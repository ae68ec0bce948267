"""The lägesrapport as a PowerPoint for the steering group (python-pptx), laid out from measured text: every text
is wrapped and sized to its frame with the font the slide names (DejaVu Sans, measured with Pillow), long texts
and tables continue on the next slide, and the slides are 16:9. tests/test_report_files.py renders the deck
through LibreOffice Impress and checks that no text leaves its shape."""

import io
from functools import lru_cache

from PIL import ImageFont

from okdata import report_files as rf
from okdata import texts
from okdata.formatting import words

FONT = "DejaVu Sans"
WIDTH, HEIGHT = 960, 540  # points: 16:9 (33,867 × 19,05 cm)
MARGIN = 36
LINE = 1.2  # line height per point of font size (DejaVu Sans: ascent + descent 1.164)
INSET = 4  # a frame's inner margin, points, each side
FIT = 0.94  # of the measured width a line may use: room for differences between Pillow and the renderer
TITLE_TOP, TITLE_HEIGHT = 20, 84
BODY_TOP = TITLE_TOP + TITLE_HEIGHT + 8
BODY_HEIGHT = HEIGHT - BODY_TOP - 28
FOOT, FOOT_SIZE = 20, 10  # the foot's height from the slide's lower edge, and its font size
TITLE_SIZES = (30, 26, 22, 20)
BODY_SIZE = 20
YEAR_COLUMN = 56  # points: a chart slide's value table, its years' column; the values' column has the rest
UNIT_LINES = 3  # the lines the values' unit may take as their column's heading before it is cut with '…'
TABLE_SIZE = 16


@lru_cache(maxsize=32)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf", size)


CACHED_WORD = 64  # characters: words of prose are measured once; a longer text is rare, and caching its every
# prefix (a 20 000-character word broken into lines) held hundreds of megabytes


def _width(word: str, size: int, bold: bool) -> float:
    return _cached_width(word, size, bold) if len(word) <= CACHED_WORD else _font(size, bold).getlength(word)


@lru_cache(maxsize=20_000)
def _cached_width(word: str, size: int, bold: bool) -> float:
    return _font(size, bold).getlength(word)


def _fitting(word: str, size: int, bold: bool, room: float) -> int:
    """How many of `word`'s first characters fit `room` (at least 1): prefixes grow by doubling until one is too
    wide, then the longest that fits is found by halving, so a line costs a few measurements of about its own
    length, never one per character of the word."""
    fits, too_wide = 0, 8
    while too_wide < len(word) and _width(word[:too_wide], size, bold) <= room:
        fits, too_wide = too_wide, too_wide * 2
    too_wide = min(too_wide, len(word))
    while too_wide - fits > 1:
        middle = (fits + too_wide) // 2
        fits, too_wide = (middle, too_wide) if _width(word[:middle], size, bold) <= room else (fits, middle)
    return max(fits, 1)


def wrap(text: str, size: int, width: float, bold: bool = False) -> list[str]:
    """The lines `text` takes at `size` points in a column `width` points wide (a word longer than the column is
    broken inside). A line's width is the sum of its words' and spaces' widths (kerning between words is left
    out: FIT leaves room for it)."""
    return [line for line, _ in wrapped(text, size, width, bold)]


def wrapped(text: str, size: int, width: float, bold: bool = False) -> list[tuple[str, str]]:
    """wrap's lines, each with what ends it in the text: a space, nothing (a word broken inside) or a line break
    ("\v", which a slide's text keeps as a line break); the last line's is empty."""
    room, space = width * FIT, _width(" ", size, bold)
    lines: list[tuple[str, str]] = []
    for para in text.split("\n"):
        line, used = "", 0.0
        for word in words(para):
            w = _width(word, size, bold)
            while w > room:  # a word wider than the column: break it
                cut = _fitting(word, size, bold, room)
                if line:
                    lines.append((line, " "))
                lines.append((word[:cut], ""))
                line, used, word = "", 0.0, word[cut:]
                w = _width(word, size, bold)
            if line and used + space + w > room:
                lines.append((line, " "))
                line, used = word, w
            else:
                line, used = (f"{line} {word}", used + space + w) if line else (word, w)
        lines.append((line, "\v"))
    lines[-1] = (lines[-1][0], "")
    return lines


def joined(lines: list[tuple[str, str]]) -> str:
    """Lines from `wrapped` as the text they were (the slide's frame wraps them again), without a trailing end."""
    return "".join(line + end for line, end in lines[:-1]) + lines[-1][0] if lines else ""


def height(lines: int, size: int) -> float:
    """The height `lines` lines of `size` points take in a frame, with its insets."""
    return lines * size * LINE + 2 * INSET


def row_height(lines: int, size: int) -> float:
    """A table row's height for `lines` lines (Impress adds a little to each row)."""
    return height(lines, size) + 2 + 0.15 * size


def _pt(x: float):
    from pptx.util import Pt

    return Pt(x)


def _frame(tf, insets: float = INSET) -> None:
    from pptx.enum.text import MSO_AUTO_SIZE

    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = _pt(insets)


def _run(p, text: str, size: int, bold: bool = False) -> None:
    run = p.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = _pt(size), bold, FONT


def text_box(slide, left: float, top: float, width: float, paragraphs: list[tuple[str, int, bool]],
             fill: str | None = None) -> float:
    """A text box whose height is the measured height of its paragraphs (text, size, bold); returns it."""
    from pptx.dml.color import RGBColor

    h = sum(height(len(wrap(t, size, width - 2 * INSET, bold)), size) - 2 * INSET for t, size, bold in paragraphs)
    h += 2 * INSET
    box = slide.shapes.add_textbox(_pt(left), _pt(top), _pt(width), _pt(h))
    _frame(box.text_frame)
    if fill:
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor.from_string(fill)
    for n, (t, size, bold) in enumerate(paragraphs):
        _run(box.text_frame.paragraphs[0] if n == 0 else box.text_frame.add_paragraph(), t, size, bold)
    return h


def fit_title(text: str, width: float = WIDTH - 2 * MARGIN, room: float = TITLE_HEIGHT) -> tuple[int, list[str]]:
    """The largest title size at which `text` fits its frame, and its lines; at the smallest size the text is
    cut with '…' on the last line that fits."""
    for size in TITLE_SIZES:
        lines = wrap(text, size, width - 2 * INSET, bold=True)
        if height(len(lines), size) <= room:
            return size, lines
    size = TITLE_SIZES[-1]
    lines = wrap(text, size, width - 2 * INSET, bold=True)
    keep = int((room - 2 * INSET) // (size * LINE))
    return size, [*lines[:keep - 1], lines[keep - 1].rstrip() + " …"]


class Deck:
    """A presentation being laid out slide by slide."""

    def __init__(self):
        from pptx import Presentation

        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = _pt(WIDTH), _pt(HEIGHT)
        self.blank = self.prs.slide_layouts[6]
        self.foot = ""  # at the foot of every slide (report_files.footer: that the deck holds example data)

    def blank_slide(self):
        """A new slide with nothing on it but its foot."""
        slide = self.prs.slides.add_slide(self.blank)
        if self.foot:  # below the body (which ends 28 points above the slide's edge) and any source line
            text_box(slide, MARGIN, HEIGHT - FOOT, WIDTH - 2 * MARGIN, [(self.foot, FOOT_SIZE, False)])
        return slide

    def slide(self, heading: str):
        """A new slide with its title fitted to the title frame."""
        slide = self.blank_slide()
        size, lines = fit_title(heading)
        box = slide.shapes.add_textbox(_pt(MARGIN), _pt(TITLE_TOP), _pt(WIDTH - 2 * MARGIN), _pt(TITLE_HEIGHT))
        box.name = "Title"
        _frame(box.text_frame)
        _run(box.text_frame.paragraphs[0], " ".join(lines), size, bold=True)
        return slide

    def text(self, heading: str, paragraphs: list[tuple[str, int, bool]]) -> None:
        """Paragraphs under a heading, continued on as many slides as they need."""
        width = WIDTH - 2 * MARGIN
        pages: list[list[tuple[str, int, bool]]] = [[]]
        used = 2 * INSET
        for t, size, bold in paragraphs:
            lines = wrapped(t, size, width - 2 * INSET, bold)
            while lines:
                fits = int((BODY_HEIGHT - used) // (size * LINE))
                if fits <= 0:
                    pages.append([])
                    used = 2 * INSET
                    continue
                pages[-1].append((joined(lines[:fits]), size, bold))
                used += min(fits, len(lines)) * size * LINE
                lines = lines[fits:]
        for n, page in enumerate(p for p in pages if p):
            slide = self.slide(heading if n == 0 else texts.REPORT["continued"].format(title=heading))
            text_box(slide, MARGIN, BODY_TOP, width, page)

    def table(self, heading: str, header: tuple[str, ...], rows: list[tuple[str, ...]], widths: list[float],
              size: int = TABLE_SIZE) -> None:
        """A table under a heading with one row per item, continued (with its header) on as many slides as its
        measured rows need."""
        def measured(cells, bold=False):
            return max(row_height(len(wrap(str(c), size, w - 2 * INSET, bold)), size) for c, w in zip(cells, widths))

        head_h = measured(header, True)
        pages: list[list[tuple[tuple[str, ...], float]]] = [[]]
        used = head_h
        for r in rows:
            h = measured(r)
            if pages[-1] and used + h > BODY_HEIGHT:
                pages.append([])
                used = head_h
            pages[-1].append((r, h))
            used += h
        for n, page in enumerate(pages):
            slide = self.slide(heading if n == 0 else texts.REPORT["continued"].format(title=heading))
            total = head_h + sum(h for _, h in page)
            shape = slide.shapes.add_table(len(page) + 1, len(widths), _pt(MARGIN), _pt(BODY_TOP),
                                           _pt(sum(widths)), _pt(total))
            tbl = shape.table
            for c, w in enumerate(widths):
                tbl.columns[c].width = _pt(w)
            for r, (cells, h) in enumerate([(header, head_h), *page]):
                tbl.rows[r].height = _pt(h)
                for c, value in enumerate(cells):
                    cell = tbl.cell(r, c)
                    cell.margin_left = cell.margin_right = cell.margin_top = cell.margin_bottom = _pt(INSET)
                    tf = cell.text_frame
                    tf.word_wrap = True
                    tf.paragraphs[0].text = ""
                    _run(tf.paragraphs[0], str(value), size, bold=r == 0)

    def picture(self, slide, image: bytes, left: float, top: float, width: float, alt: str) -> float:
        """A chart image with its text alternative; returns its height."""
        pic = slide.shapes.add_picture(io.BytesIO(image), _pt(left), _pt(top), width=_pt(width))
        pic._element.nvPicPr.cNvPr.set("descr", alt)
        return pic.height.pt

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.prs.save(buf)
        return buf.getvalue()


def to_pptx(data: dict, images: dict[str, bytes]) -> bytes:
    """The deck: a title slide; the summary (chart, reporting, implementation and outcome per goal, largest
    changes, the county's summary); per goal its state, analysis, one row per measure and a slide per chart.
    Every agency's own report is in the PDF's and Word file's appendix."""
    deck = Deck()
    deck.foot = rf.footer(data)
    width = WIDTH - 2 * MARGIN
    slide = deck.blank_slide()
    top = 120
    top += text_box(slide, MARGIN, top, width, [(rf.title(data), 40, True)]) + 8
    top += text_box(slide, MARGIN, top, width, [(data["plan"], 24, False),
                                                (f"{texts.REPORT['made']} {data['created_at'][:10]}", 18, False)]) + 16
    text_box(slide, MARGIN, top, width, [(rf.source_note(data), 18, False)], fill="FFF3CD")

    heading = texts.ANALYSIS["summary_heading"] + f" {data['year']}"
    slide = deck.slide(heading)
    deck.picture(slide, images[rf.SUMMARY_CHART], MARGIN, BODY_TOP, 560, rf.summary_alt(data))
    side = [(rf.reporting_line(data), 16, False)] if rf.reporting_line(data) else []
    if data["has_examples"]:
        side.append((texts.REPORT["example_note"], 14, False))
    if side:
        text_box(slide, MARGIN + 580, BODY_TOP, width - 580, side)
    deck.table(texts.REPORT["implementation"] + " · " + texts.REPORT["outcomes"],
               (texts.GOAL, texts.REPORT["implementation"], texts.REPORT["outcomes"]),
               [(str(g["number"]), rf.status_line(g["status_distribution"]),
                 rf.outcome_line(g.get("outcome_distribution", {}))) for g in data["goals"]], [70, 409, 409],
               size=14)
    if rf.changes(data):
        deck.text(texts.REPORT["changes"].format(year=data["year"] - 1),
                  [(f"• {c}", BODY_SIZE, False) for c in rf.changes(data)])
    county = data.get("summary", {}).get("text", "")
    if county:
        deck.text(texts.ANALYSIS["county"], [(p, BODY_SIZE, False) for p in county.split("\n") if p.strip()])

    for g in data["goals"]:
        gt = rf.goal_title(g)
        deck.text(gt, [(texts.IN_PLACE + ":", BODY_SIZE, True), *[(f"• {x}", 18, False) for x in g["in_place"]],
                       (f"{texts.REPORT['implementation']}: {rf.status_line(g['status_distribution'])}", 18, True),
                       (f"{texts.REPORT['outcomes']}: {rf.outcome_line(g.get('outcome_distribution', {}))}", 18,
                        True)])
        if g.get("analysis"):
            deck.text(f"{texts.GOAL_N.format(n=g['number'])}: {texts.ANALYSIS['goal_heading']}",
                      [(p, BODY_SIZE, False) for p in g["analysis"].split("\n") if p.strip()])
        deck.table(f"{texts.GOAL_N.format(n=g['number'])}: {texts.MEASURES}",
                   (texts.COL_CODE, rf.measure_heading(data), texts.COL_AGENCIES, texts.REPORT["combined"]),
                   rf.measure_rows(g), [80, 420, 190, 198])
        by_code = {i["code"]: i for i in g["indicators"]}
        for cid in g["charts"]:
            ind = by_code[cid]
            slide = deck.slide(f"{texts.GOAL_N.format(n=g['number'])}: {ind['code']} {ind['name']}")
            h = deck.picture(slide, images[cid], MARGIN, BODY_TOP, 600, rf.indicator_sentence(ind))
            rows = rf.table_rows(ind)
            size = 14 if len(rows) <= 10 else 11
            row_h = row_height(1, size)
            columns = (YEAR_COLUMN, width - 620 - YEAR_COLUMN)
            unit = _shorten_lines(ind["unit"], size, columns[1] - 2 * INSET, UNIT_LINES * size * LINE, bold=True)
            head_h = row_height(len(wrap(unit, size, columns[1] - 2 * INSET, bold=True)), size)
            shape = slide.shapes.add_table(len(rows) + 1, 2, _pt(MARGIN + 620), _pt(BODY_TOP), _pt(width - 620),
                                           _pt(head_h + row_h * len(rows)))
            for column, w in zip(shape.table.columns, columns):
                column.width = _pt(w)
            for r, cells in enumerate([(texts.YEAR, unit), *[(y, v) for y, v, _ in rows]]):
                shape.table.rows[r].height = _pt(head_h if r == 0 else row_h)
                for c, value in enumerate(cells):
                    cell = shape.table.cell(r, c)
                    cell.margin_left = cell.margin_right = cell.margin_top = cell.margin_bottom = _pt(INSET)
                    _run(cell.text_frame.paragraphs[0],
                         value if r == 0 else _shorten(value, size, columns[c] - 2 * INSET), size, bold=r == 0)
            top = BODY_TOP + max(h, head_h + row_h * len(rows)) + 8
            source = f"{texts.COL_SOURCE}: " + "; ".join(ind["sources"])
            text_box(slide, MARGIN, top, width, [(rf.indicator_sentence(ind), 18, False), (_shorten_lines(
                source, 12, width - 2 * INSET, HEIGHT - top - 18 * LINE - 2 * INSET - FOOT), 12, False)])
    return deck.save()


def _shorten(text: str, size: int, width: float) -> str:
    """`text` on one line, cut with '…' when it is wider."""
    lines = wrap(text, size, width)
    return lines[0] if len(lines) == 1 else lines[0].rstrip() + " …"


def _shorten_lines(text: str, size: int, width: float, room: float, bold: bool = False) -> str:
    """`text` in as many lines as fit `room` points, cut with '…' (which fits on the last line)."""
    lines = wrap(text, size, width, bold)
    keep = max(1, int(room // (size * LINE)))
    if len(lines) <= keep:
        return text
    cut = " ".join(lines[:keep]).rstrip()
    while " " in cut and len(wrap(cut + " …", size, width, bold)) > keep:
        cut = cut.rsplit(" ", 1)[0].rstrip()
    return cut + " …"
