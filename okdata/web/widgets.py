"""Widgets and display helpers shared by the pages: URL-bound choices (a copied link shows the same view), tables
whose cells are safe to download, charts with their text alternative, downloads, and user text shown as text."""

import html
import itertools
import json
import re
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from okdata import texts
from okdata.domain import Outcome, Result
from okdata.export import neutralise, safe_headings, table_files
from okdata.file_text import DIRECTION, MAX_TEXT_FILE_BYTES
from okdata.formatting import QUOTED
from okdata.progress import ICONS
from okdata.values import has_example_data
from okdata.web import access
from okdata.workbook import MAX_FILE_BYTES

URL_JUNK = (ValueError, TypeError, KeyError, IndexError, OverflowError)


def url_param(param: str, parse: Callable[[str], Any] = str, default: Any = None) -> Any:
    """The URL's query parameter `param` read by `parse` (int, date.fromisoformat, a dict's lookup …); the default
    when it is missing or `parse` refuses it. Every page and every URL-bound widget reads the URL through this
    one function, so a hand-edited or truncated link shows the default view, never a traceback (issue 14)."""
    raw = st.query_params.get(param)
    if raw is None:
        return default
    try:
        return parse(raw)
    except URL_JUNK:
        return default


def url_int(low: int = 0, high: int = 2**31 - 1, strict: bool = False) -> Callable[[str], int]:
    """A parser for url_param: an integer, clamped to low…high (by default what a database id can be); `strict`:
    one outside them refused (a record's number: another number is another record)."""

    def parse(raw: str) -> int:
        value = int(raw)
        if strict and not low <= value <= high:
            raise ValueError(raw)
        return min(max(value, low), high)

    return parse


def url_date(low: date = date(2000, 1, 1), high: date = date(2100, 12, 31)) -> Callable[[str], date]:
    """A parser for url_param: an ISO date (YYYY-MM-DD) within low…high, else refused."""

    def parse(raw: str) -> date:
        value = date.fromisoformat(raw)
        if not low <= value <= high:
            raise ValueError(raw)
        return value

    return parse


_SHOWN = "_select_params_shown"  # session state: the keys of the URL-bound boxes already shown in this session


def _first_shown(key: str) -> bool:
    """Whether the URL-bound widget `key` shows for the first time in the session (the link that opened the page)."""
    shown = st.session_state.setdefault(_SHOWN, set())
    first = key not in shown
    shown.add(key)
    return first


def _not_offered(wanted: str, label: str, shown: str) -> None:
    """Say under a URL-bound widget that the link asked for what the page does not offer, and what it shows."""
    st.caption(texts.URL_NOT_OFFERED.format(wanted=plain(wanted[:QUOTED]), label=plain(label), shown=plain(shown)))


def select_param(label: str, options: Sequence, param: str, key: str, format_func: Callable = str,
                 default: Any = None, in_url: Callable = str, unknown_as_none: bool = False,
                 quiet: bool = False) -> Any:
    """A selectbox whose value lives in the URL's query parameter `param` (written by `in_url`, e.g. a breakdown
    as its Swedish word, so that a link reads well). With `unknown_as_none`, a value in the URL that is not among
    the options is not swapped for the default: the box asks for a choice, the URL keeps the value, and None is
    returned (the page says why). Otherwise a link's value that is not offered is said under the box, once: when
    the box first shows in the session (the link that opened the page), not after a choice on the page made an
    earlier value stale (a measure of the goal left), nor where the page says it itself (`quiet`)."""
    options = list(options)
    wanted = url_param(param)
    first = _first_shown(key)
    index = matched = next((i for i, o in enumerate(options) if in_url(o) == wanted), None)
    if index is None and not (unknown_as_none and wanted):
        index = options.index(default) if default in options else 0
    value = st.selectbox(label, options, index=index, key=key, format_func=format_func, placeholder=texts.CHOOSE_ONE)
    if first and wanted and matched is None and value is not None and not (unknown_as_none or quiet):
        # a link asked for what the page does not offer (?ar=2023 on Översikt): said, not swapped in silence
        _not_offered(wanted, label, format_func(value))
    if value is not None:
        keep_in_url(param, in_url(value))
    return value


def keep_in_url(param: str, value: str) -> None:
    """Write a box's value to the URL's `param`, unless the URL says it already: each write sends the browser a
    message to rewrite its address, three on every view of a page with three boxes (issue 16)."""
    if st.query_params.get_all(param) != [value]:
        st.query_params[param] = value


def multiselect_param(label: str, options: Sequence, param: str, key: str, format_func: Callable = str,
                      default: Sequence = ()) -> list:
    """A multiselect whose values live in the URL as a comma-separated query parameter. A linked value the page
    does not offer is said under it, once (as select_param); when none of them is offered, the default is chosen."""
    options = list(options)
    by_str = {str(o): o for o in options}
    raw = url_param(param)
    wanted = [v for v in (raw or "").split(",") if v]
    offered = list(dict.fromkeys(by_str[v] for v in wanted if v in by_str))  # each once (VNR,VNR)
    # none asked, or none offered: the default; an empty value (every choice taken away): none
    chosen = list(default) if raw is None or (wanted and not offered) else offered
    first = _first_shown(key)
    value = st.multiselect(label, options, default=chosen, key=key, format_func=format_func,
                           placeholder=texts.CHOOSE_MANY)
    unknown = [v for v in wanted if v not in by_str]
    if first and unknown:
        _not_offered(", ".join(unknown), label, ", ".join(format_func(v) for v in value) or "–")
    keep_in_url(param, ",".join(str(v) for v in value))
    return value


# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them leaves nothing
# for Markdown, KaTeX ($), HTML (<, &) or Streamlit's directives (:red[…], :material/…:) to interpret.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


# Streamlit also turns bare addresses into links after unescaping; an invisible word joiner (U+2060) before
# "://", "www." and "@" keeps them plain text that reads the same.
_AUTOLINK = re.compile(r"(?=\\:\\/\\/|\\@)|(?<=www)(?=\\\.)", re.IGNORECASE)


WORD_JOINER = "\u2060"
_DIRECTION = re.compile(f"[{DIRECTION}]")


def plain(text: Any) -> str:
    """Text a user typed (a comment, a description, a note, a reason, a name), escaped so that st.markdown,
    st.caption, alerts and labels show it literally, with no link made of an address; line breaks stay line
    breaks (issue 14); no control of the text's direction, which a text saved before they were dropped may hold
    (file_text.DIRECTION)."""
    escaped = _PUNCTUATION.sub(r"\\\1", _DIRECTION.sub("", str(text)))
    return _AUTOLINK.sub(WORD_JOINER, escaped).replace("\r\n", "\n").replace("\n", "  \n")


def scrolling_text(label: str, text: str, key: str) -> None:
    """A user's text after a bold label (ours) in a region that the page's CSS may give a height, and that then
    scrolls: with the mouse, or with the keyboard once focused (it takes focus, as a scrollable region must for
    those who do not use a mouse). The text is escaped as HTML, every character literal; paragraphs and line breaks
    stay; no control of the text's direction (as `plain`)."""
    paragraphs = re.split(r"\n[ \t]*\n", _DIRECTION.sub("", str(text)).replace("\r\n", "\n").strip())
    body = ["<br>".join(html.escape(line) for line in p.split("\n")) for p in paragraphs]
    body[0] = f"<strong>{html.escape(label)}:</strong> {body[0]}"
    with st.container(key=key):
        st.html(f'<div role="region" tabindex="0" aria-label="{html.escape(label)}">'
                + "".join(f"<p>{p}</p>" for p in body) + "</div>")


def safe_cells(df: pd.DataFrame) -> pd.DataFrame:
    """A table as shown: every text cell and heading that a spreadsheet would run as a formula neutralised, because the
    table's own toolbar downloads exactly what it shows as CSV (issue 14). The table itself is never changed (a
    cached reading may be shared); a copy is made only when a cell needs it, which is rare: mapped column by
    column through pandas, this cost a third of a warm view of Mål (issue 16)."""

    out = None
    for c in df.columns:
        if df[c].dtype == object or pd.api.types.is_string_dtype(df[c].dtype):
            values = df[c].tolist()
            # a missing text shows as "–", never as the grid's "None" (issue 20)
            shown = [texts.MISSING if v is None or v is pd.NA or (isinstance(v, float) and v != v) else neutralise(v)
                     for v in values]
            if any(a is not b for a, b in zip(shown, values)):
                out = df.copy() if out is None else out
                out[c] = pd.Series(shown, index=df.index, dtype=object)
    headings = safe_headings(df.columns)  # a column named by a catalog text (Mötesläge: the indicator's unit)
    if headings is not None:
        out = df.copy() if out is None else out
        out.columns = headings
    return df if out is None else out


def style(css: str) -> None:
    """The app's own CSS for this page (a fixed string from the code, never user text)."""
    st.html(f"<style>{css}</style>")


# Streamlit writes a file uploader's button ("Upload") and its own ceiling ("100MB per file", not okdata's limit) in
# English and has no setting for either. A style scoped to the uploader's key (Streamlit's class st-key-KEY on its
# element) hides the two and writes the Swedish words in their place. Screen readers and axe do not all take a
# name from generated content, so the buttons are also given Swedish names as aria-label (once per browser tab,
# for every uploader Streamlit draws, and again when Streamlit puts its English back): the button, the one that
# picks another file once one is chosen ("Add files") and the chosen file's "Remove NAME".
UPLOADER_STYLE = """
.st-key-{key} [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"],
.st-key-{key} [data-testid="stFileUploaderDropzoneInstructions"] > div > span {{ display: none; }}
.st-key-{key} [data-testid="stFileUploaderDropzone"] button span[data-has-shortcut]::after {{ content: "{button}"; }}
.st-key-{key} [data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: "{hint}"; }}
"""


UPLOADER_NAMES = """<script>
(() => {
  if (window.okdataUploaderNames) return;
  window.okdataUploaderNames = true;
  const [choose, remove] = %s;
  const name = () => document.querySelectorAll('[data-testid="stFileUploaderDropzone"] button').forEach(b => {
    const now = b.getAttribute("aria-label") || "";
    const want = b.dataset.testid === "stBaseButton-secondary" || now === "Add files" ? choose
      : now.startsWith("Remove ") ? remove + now.slice(7) : now;
    if (want !== now) b.setAttribute("aria-label", want);
  });
  name();
  new MutationObserver(name).observe(document.body, {childList: true, subtree: true, attributes: true,
                                                     attributeFilter: ["aria-label"]});
})();
</script>"""


def _css_text(text: str) -> str:
    """A fixed text of ours as a CSS string's content."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def file_input(label: str, key: str, kind: str, types: Sequence[str] | None = None, help: str | None = None,
               ceiling_mb: int | None = None, excel_bytes: int = MAX_FILE_BYTES):
    """st.file_uploader with its button and its hint in Swedish: `kind` (texts.UPLOAD_HINTS) says what files and
    how large, with okdata's limits (`excel_bytes` for a workbook, MAX_TEXT_FILE_BYTES for a text file);
    `ceiling_mb`: Streamlit's own limit for this uploader, above okdata's so that okdata's refusal, in Swedish, is
    the one a user meets."""
    mb = 1024 * 1024
    hint = texts.UPLOAD_HINTS[kind].format(excel=excel_bytes // mb, text=MAX_TEXT_FILE_BYTES // mb)
    style(UPLOADER_STYLE.format(key=key, button=_css_text(texts.UPLOAD_BUTTON), hint=_css_text(hint)))
    names = json.dumps([texts.UPLOAD_BUTTON, texts.UPLOAD_REMOVE])
    st.html(UPLOADER_NAMES % names, unsafe_allow_javascript=True, width="content")
    return st.file_uploader(label, key=key, type=list(types) if types else None, help=help,
                            max_upload_size=ceiling_mb)


def example_banner(example: bool | None = None) -> None:
    """The Exempeldata notice, shown wherever example figures may appear (`example`: the page's data_state says
    so; None: read it)."""
    if example if example is not None else access.read(has_example_data):
        st.info(texts.EXAMPLE_BANNER, icon=":material/science:")


INDICATOR_PAGE = "pages/14_Indikator.py"


def page_url(name: str, **params) -> str:
    """The address of a page (its name in the menu's addresses: "Mal" for pages/1_Mal.py) with URL parameters,
    relative to the page linking to it (all pages share one folder)."""
    return f"{name}?{urlencode(params)}" if params else name


def indicator_url(code: str, year: int | None = None) -> str:
    """The address of an indicator's page, for `year` when given (the indicator as that year's catalog has it; the
    code last, which a table's link shows)."""
    return page_url("Indikator", ar=year, indikator=code) if year else page_url("Indikator", indikator=code)


ROW_PX = 35  # the data grid's row height (and its header's), in pixels


def fixed_height(rows: int, height: int | None) -> int | None:
    """The height to give a table of `rows` rows that may take at most `height` pixels: none (the grid's own, which
    fits its rows) when they fit, so that a short table shows no empty rows beneath its last."""
    return height if height and (rows + 1) * ROW_PX + 3 > height else None


def table(df: pd.DataFrame, key: str, height: int | None = None, indicator_links: Sequence[str] = (),
          wide: Sequence[str] = (), year: int | None = None) -> None:
    """A read-only table over the full width, at most `height` pixels tall (scrolling beyond); the
    `indicator_links` columns (indicator codes) link each code to the indicator's page (for `year`, the year the
    table shows, when given); the `wide` columns are drawn
    wide, for names that would otherwise be cut ("Regionkoordinatorerna mot prostitution och m")."""
    if df.empty:  # the grid would say "empty"
        st.caption(texts.TABLE_EMPTY)
        return
    df = safe_cells(df)
    if indicator_links:
        df = df.copy()  # safe_cells may hand back the reading itself, which may be shared
    config = {c: st.column_config.TextColumn(c, width="large") for c in wide}
    for c in indicator_links:
        df[c] = df[c].map(lambda code: indicator_url(code, year))
        config[c] = st.column_config.LinkColumn(c, display_text=r"indikator=(.*)$")
    height = fixed_height(len(df), height)
    st.dataframe(df, hide_index=True, width="stretch", key=key, column_config=config,
                 **({"height": height} if height else {}))


def heat_table(numbers: pd.DataFrame, shown: pd.DataFrame, key: str) -> None:
    """A table whose cells show their number (`shown`) on a sequential colour from `numbers` (charts.heat_css)
    that only supports it; the first row (the county, a sum for counts) is left out of the scale and uncoloured.

    Drawn once per table and key (`drawn_once`: pandas' Styler, which Streamlit translates cell by cell, was half
    of a warm view of Kommuner, issue 16); the tables must not change after."""
    drawn_once(_draw_heat_table, numbers, shown, key=key)


def _draw_heat_table(numbers: pd.DataFrame, shown: pd.DataFrame, key: str) -> None:
    from okdata.charts import heat_css

    css = heat_css(numbers, shown)
    styled = shown.reset_index().style.apply(lambda _: css.reset_index(drop=True).reindex(
        columns=[shown.index.name, *shown.columns], fill_value=""), axis=None)
    st.dataframe(styled, hide_index=True, width="stretch", key=key)


# --- Drawn once, sent again -----------------------------------------------------------------------------------
# Streamlit records the elements a cached function draws and sends the recording again when the function is
# called with the same arguments, in any session. A view drawn from the objects a kept reading shares
# (access.read_chart: every viewer of the same figures gets the very same objects) is drawn once per object and
# sent again to the next viewer, keyed by the objects' serial numbers instead of their contents, which Streamlit
# would hash on every view (Kommuner's heat table: a third of a warm view, issue 16). A new reading, after a
# write, is a new object with a new number, and is drawn anew. What is drawn holds only what every reader of the
# object may see (the reading's own scope).

_SERIALS: dict[int, tuple[Any, int]] = {}  # id → (a weak reference to the object, or the object itself; its number)
_HELD: OrderedDict[int, None] = OrderedDict()  # the objects held by a strong reference, the oldest first
_HELD_MAX = 512
_NEXT_SERIAL = itertools.count(1)
# re-entrant: a collection may begin inside serial()'s locked section and free a numbered object, whose callback
# (_forget_serial) then runs on the same thread and takes the lock again (a plain lock waited for itself)
_SERIAL_LOCK = threading.RLock()


def serial(obj: Any) -> int:
    """A number that stays with this very object while it lives and is never given to another (0 for None): the
    key of what is drawn from it. An object that cannot be referred to weakly (a dict) is held until 512 others
    have been numbered after it, then numbered anew when asked again."""
    if obj is None:
        return 0
    i = id(obj)
    with _SERIAL_LOCK:
        known = _SERIALS.get(i)
        if known is not None and (known[0] is obj or (isinstance(known[0], weakref.ref) and known[0]() is obj)):
            return known[1]
        number = next(_NEXT_SERIAL)
        try:
            _SERIALS[i] = (weakref.ref(obj, lambda dead, i=i: _forget_serial(i, dead)), number)
        except TypeError:
            _SERIALS[i] = (obj, number)  # held: its id cannot go to another object while it is here
            _HELD[i] = None
            _HELD.move_to_end(i)
            while len(_HELD) > _HELD_MAX:
                _SERIALS.pop(_HELD.popitem(last=False)[0], None)
        return number


def _forget_serial(i: int, dead: weakref.ref) -> None:
    with _SERIAL_LOCK:
        if _SERIALS.get(i, (None,))[0] is dead:
            del _SERIALS[i]


def drawn_once(draw: Callable[..., None], *objects: Any, **options: Any) -> None:
    """`draw(*objects, **options)`, drawn once per these very objects (a kept reading's, which must not change
    after) and options, and sent again to every later viewer in any session (issue 16). `draw` may not call
    `style`: Streamlit sends a style to a container of its own, where no recording can be replayed."""
    _drawn(f"{draw.__module__}.{draw.__qualname__}", tuple(map(serial, objects)), options, draw, objects)


def forget_drawings() -> None:
    """Drop the recorded drawings of this process (the benchmarks' cold view; a test that counts drawings)."""
    _drawn.clear()


@st.cache_resource(max_entries=512, show_spinner=False)
def _drawn(name: str, serials: tuple[int, ...], options: dict, _draw: Callable[..., None], _objects: tuple) -> None:
    """drawn_once drawn: the drawing's name, its objects' serial numbers and its options are the recording's key.
    A resource cache, not st.cache_data: the recorded messages are kept as they are, read-only (Streamlit copies
    each into the message it sends), not pickled and unpickled again on every view (issue 16)."""
    _draw(*_objects, **options)


def reopened_note(year: int, until) -> str:
    """' Rapporteringsåret … är öppnat igen till och med …' after a year's deadline, when the year is reopened
    (else ''): a passed deadline and the days late beside it said nothing of the reopening Lägesrapport names."""
    return " " + texts.YEAR_NOTICE["reopened"].format(year=year, until=until.isoformat()) if until else ""


def indicator_not_in_year(year: int) -> None:
    """The notice for an indicator in the address that the year does not offer (the code quoted as text), and the
    end of the page's run: Indikator and Kommuner say it rather than show another indicator."""
    st.warning(texts.INDICATOR_VIEW["not_in_year"].format(code=plain(url_param("indikator")[:40]), year=year))
    st.stop()


def indicator_link(code: str, year: int | None = None) -> None:
    """A link to the indicator's page, for the year the linking page shows when given."""
    st.page_link(INDICATOR_PAGE, label=texts.INDICATOR_VIEW["open_n"].format(code=code), icon=":material/monitoring:",
                 query_params={"ar": year, "indikator": code} if year else {"indikator": code})


def download(label: str, data: bytes, file_name: str, mime: str, key: str) -> None:
    """A download button."""
    st.download_button(label, data, file_name=file_name, mime=mime, key=key, icon=":material/download:")


PLOTLY_CONFIG = {"displaylogo": False, "locale": "sv", "locales": {"sv": texts.PLOTLY_SV}}


def chart(fig, key: str, alt: str, data: pd.DataFrame | None = None, data_label: str = "",
          height: int | None = None, once: bool = True) -> None:
    """A Plotly chart with its text alternative beneath it, and its data as a table (WCAG 2.1 AA). With `height`
    (pixels) the plot fills a box of that height, keyed `{key}_box`, which a page's CSS may resize (Mötesläge scales
    it with the type); the figure then sets no height of its own, and the plot, small, has no toolbar, which would
    cover its upper half and the points there.

    Drawn once per figure and table (a kept reading's, access.read_chart) and sent again to the next viewer
    (`drawn_once`): turning a figure into Plotly's JSON and the table's cells into safe text were a third of a warm
    view of Mål (issue 16). Neither may be changed after it is drawn. A figure made anew for each view (not a kept
    reading's) is drawn directly (`once=False`): its drawing would never be sent again, and would push out those
    that are."""
    if not once:
        _draw_chart(fig, data, key, alt, data_label, height)
        return
    drawn_once(_draw_chart, fig, data, key=key, alt=alt, data_label=data_label, height=height)


def chart_built(source: Any, build: Callable[[Any], tuple], key: str, alt: str, data_label: str = "",
                height: int | None = None) -> None:
    """chart of the figure and table that `build(source)` makes, made only when this `source` (a kept reading's
    object, which must not change) has not been drawn with these options yet: else its drawing is sent again."""
    drawn_once(_draw_built, source, build, key=key, alt=alt, data_label=data_label, height=height)


def _draw_built(source: Any, build: Callable[[Any], tuple], **options: Any) -> None:
    fig, data = build(source)
    _draw_chart(fig, data, **options)


def _draw_chart(fig, data: pd.DataFrame | None, key: str, alt: str, data_label: str, height: int | None) -> None:
    if height:
        with st.container(key=f"{key}_box", height=height, border=False):
            st.plotly_chart(fig, key=key, config={**PLOTLY_CONFIG, "displayModeBar": False}, width="stretch",
                            height="stretch", theme=None)
    else:
        st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, width="stretch", theme=None)
    st.caption(plain(alt))  # made of catalog texts and numbers: all of it literal
    if data is not None:
        with st.expander(data_label or texts.MEETING_CHART_TABLE):
            table(data, key=f"{key}_data")


def build_on_click(label: str, key: str, build: Callable[[Callable[[str], None]], bytes], file_name: str, mime: str,
                   spinner: str) -> None:
    """A button that builds a file only when clicked, showing each step the build reports (`build(step)` calls
    step with a line of text), then offers it for download."""
    if st.button(label, key=key, icon=":material/description:"):
        started = time.perf_counter()
        with st.status(spinner, expanded=True) as status:
            st.session_state[f"built_{key}"] = build(st.write)
            status.update(label=texts.REPORT_STEPS["done"].format(
                seconds=f"{time.perf_counter() - started:.1f}".replace(".", ",")), state="complete", expanded=False)
    if f"built_{key}" in st.session_state:
        download(texts.REPORT_DOWNLOAD.format(file=file_name), st.session_state[f"built_{key}"], file_name, mime,
                 key=f"dl_{key}")


def status_markdown(dist: dict, icons: dict | None = None, labels: dict | None = None, separator: str = " · ",
                    empty: str = texts.NOT_REPORTED) -> str:
    """A distribution of statuses as icon + text + count (never colour alone); progress statuses unless `icons`
    and `labels` say otherwise (texts.STATUS_ICONS and texts.IMPLEMENTATION for reported implementation)."""

    icons, labels = icons or ICONS, labels or texts.PROGRESS_STATUSES
    if not dist:
        return empty
    return separator.join(f"{icons.get(st_, '')} {labels.get(st_, st_)}: **{n}**" for st_, n in dist.items())


def downloads(values: pd.DataFrame, stem: str, key: str) -> None:
    """A data table's three files side by side: Excel (svensk) CSV, machine-readable CSV and .xlsx, built from
    the table's values in full precision (okdata.export.value_rows; the screen rounds). Each file is built when
    its button is clicked, not on every view (three files per chart cost 15–55 ms a chart, issue 16)."""
    for column, (kind, label, build, file_name, mime) in zip(st.columns(3), table_files(values, stem)):
        with column:
            st.download_button(label, build, file_name=file_name, mime=mime, key=f"{key}_{kind}",
                               icon=":material/download:", help=texts.DOWNLOADS_HELP[kind], width="stretch",
                               on_click="ignore")


def trend_table(df: pd.DataFrame, key: str, trend_column: str, widths: dict | None = None,
                row_height: int | None = None) -> None:
    """A read-only table whose `trend_column` (lists of values) is drawn as a small line; `widths` maps
    column names (or their position, for names that depend on the year) to small/medium/large or pixels;
    `row_height` makes rows tall enough for long texts to wrap, and the table tall enough for every row."""
    config = {c: st.column_config.Column(width=w) for c, w in (widths or {}).items()}
    config = {df.columns[c] if isinstance(c, int) else c: v for c, v in config.items()}
    config[trend_column] = st.column_config.LineChartColumn(trend_column, width="small")
    tall = {"row_height": row_height, "height": 40 + len(df) * row_height} if row_height else {}  # every row
    st.dataframe(safe_cells(df), hide_index=True, width="stretch", key=key, column_config=config, **tall)


def toggle_param(label: str, param: str, key: str, default: bool = False, inverted: bool = False,
                 checkbox: bool = False, shown: bool = True) -> bool:
    """A toggle (or checkbox) whose state lives in the URL as 1/0; `inverted` stores the opposite (a
    parameter named for what is shown when the box is off, e.g. visa_sma=1). Not `shown`: the URL's state (or the
    default), with no box to change it, for a choice that has no effect on the view's main part."""
    value = url_param(param, lambda raw: {"1": True, "0": False}[raw] != inverted, default)
    if not shown:
        return value
    widget = st.checkbox if checkbox else st.toggle
    value = widget(label, value=value, key=key)
    keep_in_url(param, "1" if value != inverted else "0")
    return value


def range_param(label: str, options: Sequence, first_param: str, last_param: str, key: str) -> tuple:
    """A range slider over `options` whose ends live in the URL (first_param, last_param); the whole range by
    default. A linked end the page does not offer is said under it, once (as select_param)."""
    options = list(options)
    by_str = {str(o): o for o in options}
    first = url_param(first_param, by_str.__getitem__, options[0])
    last = url_param(last_param, by_str.__getitem__, options[-1])
    if options.index(first) > options.index(last):
        first, last = last, first
    said = _first_shown(key)
    if len(options) == 1:
        st.caption(f"{label}: {options[0]}")
        value = (options[0], options[0])
    else:
        value = st.select_slider(label, options=options, value=(first, last), key=key)
    for param, end in ((first_param, value[0]), (last_param, value[1])):
        wanted = url_param(param)
        if said and wanted and wanted not in by_str:
            _not_offered(wanted, label, str(end))
    keep_in_url(first_param, str(value[0]))
    keep_in_url(last_param, str(value[1]))
    return value


_SAY = {Result.DONE: (st.success, ":material/check_circle:"), Result.REFUSED: (st.error, ":material/block:"),
        Result.NOTHING: (st.info, ":material/info:")}


_SAID = "okdata_said"  # an action's outcome kept for the page's next run (say_after)


def say_after(outcome: Outcome) -> Outcome:
    """An action's outcome said above the page as it is after the action: a done one is kept and the page run
    again at once, so that its lists and buttons show the new state (a queue that still listed the return just
    approved, with live buttons), then said once by `said`; a refusal, or nothing to do, said here and now."""
    if outcome.result == Result.DONE:
        st.session_state[_SAID] = outcome
        st.rerun()
    return say(outcome)


def said() -> Outcome | None:
    """Say the outcome say_after kept for this run, once (at the top of the page); it is returned."""
    outcome = st.session_state.pop(_SAID, None)
    if outcome is not None:
        say(outcome)
    return outcome


def say(outcome: Outcome) -> Outcome:
    """Show what an action came to: done in green, refused in red, nothing to do in blue, each with an icon (never
    colour alone); the message as plain text, since a refusal may quote what the person typed."""
    show, icon = _SAY[outcome.result]
    show(plain(outcome.message), icon=icon)
    return outcome
