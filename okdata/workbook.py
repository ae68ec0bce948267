"""Reading an uploaded workbook safely: in a child process with a memory limit, bounded before any reader allocates.

Everything that touches the file's bytes runs in a process of its own (okdata/isolation.py: forked from a small
server process, so it starts in milliseconds) under an address-space limit and a time limit: even a reader bug or
a file crafted to make python-calamine allocate hundreds of gigabytes can only end that process, never the app
(issue 13).
In that process, in this order:

1. the container: size, magic bytes, zip entry count, declared and actual inflated size within a byte budget,
   required parts, no macros, not encrypted, no DTD (`<!DOCTYPE`/`<!ENTITY`) in any XML part;
2. the used range of every worksheet from its XML (row elements and their numbers), against a row limit that
   the caller derives from the catalog (a return for one year never needs more rows than that) and a column
   limit;
3. the cells, read by calamine; its range is checked against the same limits before any Python value is made;
4. what calamine does not expose, for the sheets the checks read: percent-formatted cells, formulas saved
   without a result, and cells holding an error value such as `#DIV/0!` (calamine reads those as empty).

Problems come back as codes with Swedish arguments; library messages (English) are logged, never shown.
"""

import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from defusedxml import DefusedXmlException, ElementTree
from openpyxl.utils import get_column_letter

from okdata import isolation, texts
from okdata.file_text import incoming, sheet_key

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_INFLATED_BYTES = 64 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_RATIO = 200
MAX_COLUMNS = 100  # the template has 13; room for a coordinator's own columns
DEFAULT_MAX_ROWS = 5000
READER_MEMORY_BYTES = 300 * 1024 * 1024  # address space the reading process may add to what it starts with
READER_SECONDS = 60
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
PERCENT_BUILTIN_FORMATS = {9, 10}
# SpreadsheetML's namespaces in the usual (transitional) form and in Strict Open XML, which Excel also saves
NS_MAIN = ("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}", "{http://purl.oclc.org/ooxml/spreadsheetml/main}")
NS_REL = ("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}",
          "{http://purl.oclc.org/ooxml/officeDocument/relationships}")
NS_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
NS_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
NS_ODS_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileProblem:
    """A reason the file as a whole cannot be read: a problem code and its message arguments."""

    code: str
    args: dict = field(default_factory=dict)


@dataclass
class Sheet:
    """A sheet as a grid of Python values, indexed from 0; Excel row = index + 1."""

    name: str
    rows: list[list]
    hidden: bool = False
    percent_cells: set[tuple[int, int]] = field(default_factory=set)  # (row, col): 19 % stored as 0.19
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)
    error_cells: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> "#DIV/0!"


@dataclass
class Workbook:
    """The sheets of a checked file."""

    kind: str  # xlsx, ods or xls
    sheets: dict[str, Sheet]


@dataclass(frozen=True)
class ReadResult:
    """What reading a file gave: its sheets or the problem, and the reading process's peak memory (bytes above
    what it started with; 0 when it ended without an answer)."""

    workbook: Workbook | None
    problem: FileProblem | None
    peak_bytes: int = 0


class _Refused(Exception):
    """Raised inside the reading process: the file is refused with this problem."""

    def __init__(self, code: str, **args):
        super().__init__(code)
        self.problem = FileProblem(code, args)


def read_workbook(data: bytes, file_name: str, max_rows: int = DEFAULT_MAX_ROWS,
                  scan_sheets: tuple[str, ...] = ()) -> ReadResult:
    """The file's sheets, or the reason it cannot be read, from a child process with a memory and time limit.

    `max_rows`: the most rows a sheet may span; `scan_sheets`: names (any case, trimmed) of the sheets whose
    percent formats, formulas and error values are looked up in the XML.
    """
    if not data:
        return ReadResult(None, FileProblem("FIL_TOM"))
    if len(data) > MAX_FILE_BYTES:
        return ReadResult(None, too_big_problem(len(data)))
    names = tuple(sheet_key(n) for n in scan_sheets)
    result = isolation.run("okdata.workbook:read_in_child", data, file_name, max_rows, names,
                           memory_bytes=READER_MEMORY_BYTES, seconds=READER_SECONDS)
    if result is None:
        log.warning("reading %r ended without a result: out of memory or time, or a crash in the reader", file_name)
        return ReadResult(None, FileProblem("FIL_FOR_KRAVANDE", {"limit": READER_MEMORY_BYTES // (1024 * 1024),
                                                                 "seconds": READER_SECONDS}))
    workbook, problem, detail, peak = result
    if detail:
        log.warning("reading %r: %s", file_name, detail)
    return ReadResult(workbook, problem, peak)


EVERY_SHEET = "*"  # in scan_sheets: scan every sheet


def _scanned(name: str, scan: tuple[str, ...]) -> bool:
    return EVERY_SHEET in scan or sheet_key(name) in scan


def read_rows(data: bytes, file_name: str, max_rows: int = DEFAULT_MAX_ROWS,
              read: Callable[[list[str]], Iterable[str]] = list) -> dict[str, list[list]]:
    """The sheets of an uploaded workbook other than a return (a catalog, an SCB export) as rows, read like a
    return: bounded before the reader allocates, in the reading process with its limits. ValueError with the
    Swedish reason when it cannot be read, or naming every cell (up to ten) of the sheets the caller reads (`read`:
    of the sheets' names, those it reads) that holds an error value (#REF!) or a formula without a saved result,
    which the reader gives as empty: such a cell is never read as blank. A note on another sheet is left alone."""
    from okdata.formatting import quoted  # here: the reading process does not load pandas

    result = read_workbook(data, file_name, max_rows, scan_sheets=(EVERY_SHEET,))
    if result.workbook is None:
        raise ValueError(texts.PROBLEMS[result.problem.code].format(**result.problem.args))
    sheets = result.workbook.sheets
    broken = [texts.CELL_IN_SHEET.format(sheet=quoted(sheet.name), cell=f"{get_column_letter(c + 1)}{r + 1}",
                                         problem=texts.PROBLEMS["CELL_FELVARDE"].format(value=sheet.error_cells[(r, c)])
                                         if (r, c) in sheet.error_cells else texts.PROBLEMS["FORMEL_UTAN_VARDE"])
              for sheet in (sheets[name] for name in read(list(sheets)) if name in sheets)
              for r, c in sorted({*sheet.error_cells, *sheet.formulas_without_value})]
    if broken:
        extra = len(broken) - 10
        more = [texts.BROKEN_CELLS_MORE[min(extra, 2)].format(n=extra)] if extra > 0 else []
        raise ValueError(" ".join([*broken[:10], *more, texts.BROKEN_CELLS_END]))
    return {name: sheet.rows for name, sheet in sheets.items()}


def check_container(data: bytes, file_name: str) -> tuple[FileProblem | None, dict[str, bytes]]:
    """Why this file must not be parsed (or None when it is a plausible .xlsx/.ods/.xls within budget), and the
    inflated parts of a zip container, so that the checks after this one inflate nothing again."""
    name = file_name.lower()
    if not data:
        return FileProblem("FIL_TOM"), {}
    if len(data) > MAX_FILE_BYTES:
        return too_big_problem(len(data)), {}
    if name.endswith((".xlsm", ".xltm", ".xlsb")):
        return FileProblem("FIL_MAKRO"), {}
    if data.startswith(OLE_MAGIC):
        # Password-protected .xlsx files are OLE containers holding an EncryptionInfo stream; a real .xls
        # (also OLE), whatever its name says, is left to calamine, which reads the old format.
        if "EncryptionInfo".encode("utf-16-le") in data:
            return FileProblem("FIL_KRYPTERAD"), {}
        return None, {}
    if not data.startswith(ZIP_MAGIC):
        return FileProblem("FIL_FORMAT", {"what": _sniff(data)}), {}
    parts: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return _check_zip(z, parts), parts
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError) as e:
        log.info("damaged zip: %s", e)
        return FileProblem("FIL_SKADAD", {"detail": "zip-strukturen är trasig"}), {}


def too_big_problem(size: int) -> FileProblem:
    return FileProblem("FIL_FOR_STOR", {"size": f"{size / 1e6:.1f}".replace(".", ","),
                                        "limit": MAX_FILE_BYTES // (1024 * 1024)})


def _sniff(data: bytes) -> str:
    head = data[:512]
    if head.startswith(b"%PDF"):
        return "en PDF-fil"
    if head.lstrip().lower().startswith((b"<html", b"<!doctype")):
        return "en webbsida"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return "en okänd binärfil"
    return "en textfil (CSV)" if ("," in text or ";" in text or "\t" in text) else "en textfil"


def _check_zip(z: zipfile.ZipFile, parts: dict[str, bytes]) -> FileProblem | None:
    """The container's problem, or None; `parts` receives every part inflated (within the budget)."""
    infos = z.infolist()
    limit_mb = MAX_INFLATED_BYTES // (1024 * 1024)
    if len(infos) > MAX_ZIP_ENTRIES:  # not more than it inflates to: a workbook is not made of so many parts
        return FileProblem("FIL_SKADAD", {"detail": f"den består av {_thousands(len(infos))} delar, en arbetsbok "
                                                    f"har sällan fler än några hundra"})
    names = {i.filename for i in infos}
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        return FileProblem("FIL_MAKRO")
    declared = sum(i.file_size for i in infos)
    if declared > MAX_INFLATED_BYTES or any(
            i.compress_size and i.file_size / i.compress_size > MAX_RATIO and i.file_size > 10_000_000
            for i in infos):
        return FileProblem("FIL_UPPBLASES", {"limit": limit_mb})
    if "mimetype" in names:
        if not z.read("mimetype").strip().startswith(ODS_MIME):
            return FileProblem("FIL_FORMAT", {"what": "en annan OpenDocument-fil (inte ett kalkylark)"})
        required = ("content.xml",)
    elif all(p in names for p in XLSX_PARTS):
        required = XLSX_PARTS
    elif "word/document.xml" in names:
        return FileProblem("FIL_FORMAT", {"what": "ett Word-dokument"})
    else:
        return FileProblem("FIL_FORMAT", {"what": "en zip-fil"})
    # The declared sizes can lie: inflate everything against the budget before any parser does, and look for
    # a DTD on the way (Excel and LibreOffice never write one; entity declarations are how XML bombs start).
    budget = MAX_INFLATED_BYTES
    for info in infos:
        is_xml = info.filename.endswith((".xml", ".rels"))
        tail = b""
        chunks = []
        with z.open(info) as f:
            while chunk := f.read(1 << 20):
                budget -= len(chunk)
                if budget < 0:
                    return FileProblem("FIL_UPPBLASES", {"limit": limit_mb})
                if is_xml:
                    window = tail + chunk
                    if any(marker in window for marker in DTD_MARKERS):
                        return FileProblem("FIL_SKADAD", {"detail": f"delen {info.filename} innehåller en "
                                                                    "DTD-deklaration (DOCTYPE eller ENTITY)"})
                    tail = chunk[-16:]
                chunks.append(chunk)
        parts[info.filename] = b"".join(chunks)
    missing = [p for p in required if p not in names]
    if missing:
        return FileProblem("FIL_SKADAD", {"detail": f"delen {missing[0]} saknas"})
    return None


# --- The reading process (okdata/isolation.py runs it with its limits) --------------------------------------


def read_in_child(data: bytes, file_name: str, max_rows: int, scan: tuple[str, ...]) -> tuple:
    """(workbook, problem, detail for the log, peak memory), in the isolated process."""
    start = _resident_bytes()
    workbook, problem, detail = None, None, ""
    try:
        workbook = _read(data, file_name, max_rows, scan)
    except _Refused as e:
        problem = e.problem
    except MemoryError:
        problem = FileProblem("FIL_FOR_KRAVANDE", {"limit": READER_MEMORY_BYTES // (1024 * 1024),
                                                   "seconds": READER_SECONDS})
        detail = "MemoryError"
    except Exception as e:  # a reader's own error: a Swedish problem for the user, the details to the log
        problem = FileProblem("FIL_SKADAD", {"detail": "innehållet kunde inte tolkas"})
        detail = f"{type(e).__name__}: {e}"[:500]
    return workbook, problem, detail, max(0, _peak_resident_bytes() - start)


def _status_kb(key: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1])
    return 0


def _resident_bytes() -> int:
    return _status_kb("VmRSS:") * 1024


def _peak_resident_bytes() -> int:
    return _status_kb("VmHWM:") * 1024


def _read(data: bytes, file_name: str, max_rows: int, scan: tuple[str, ...]) -> Workbook:
    import python_calamine

    problem, parts = check_container(data, file_name)
    if problem:
        raise _Refused(problem.code, **problem.args)
    if data.startswith(OLE_MAGIC):
        kind = "xls"
    else:
        kind = "ods" if b"mimetype" in data[:100] else "xlsx"
    # The extent of every sheet, then what calamine does not expose of the sheets to scan, from the XML inflated
    # once; the XML is let go before calamine reads the file.
    found: dict[str, tuple[set, set, dict]] = {}
    if kind == "xlsx":
        paths = _xlsx_sheet_paths(parts)
        for name, path in paths.items():
            if path in parts:
                if not path.endswith(".xml") and any(marker in parts[path] for marker in DTD_MARKERS):
                    raise _Refused("FIL_SKADAD", detail=f"delen {path} innehåller en DTD-deklaration "
                                                        "(DOCTYPE eller ENTITY)")
                _check_xlsx_extent(parts[path], name, max_rows)
        wanted = {name: path for name, path in paths.items() if _scanned(name, scan)}
        if wanted:
            styles = _percent_styles(parts.get(_part_names(parts).get("xl/styles.xml")))
            found = {_xml_name(name): _scan_xlsx(parts.get(path), styles) for name, path in wanted.items()}
    elif kind == "ods":
        _check_ods_extent(parts["content.xml"], max_rows)
        found = _scan_ods(parts["content.xml"], scan)
    del parts
    try:
        wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        meta = {m.name: m for m in wb.sheets_metadata}
        sheets = {}
        strings: dict[str, str] = {}
        for name in wb.sheet_names:
            m = meta.get(name)
            if m is not None and m.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            sheet = wb.get_sheet_by_name(name)
            _check_extent(name, sheet.height, sheet.width, max_rows)
            rows = _shared(sheet.to_python(skip_empty_area=False), strings)
            _fill_merged(rows, sheet.merged_cell_ranges or [])
            hidden = m is not None and m.visible != python_calamine.SheetVisibleEnum.Visible
            sheets[name] = Sheet(name, rows, hidden, *found.get(_xml_name(name), (set(), set(), {})))
    except python_calamine.PasswordError as e:
        raise _Refused("FIL_KRYPTERAD") from e
    return Workbook(kind, sheets)


def _shared(rows: list[list], strings: dict[str, str]) -> list[list]:
    """The rows with every repeated text one object: a return repeats its ids, breakdowns and comments on every
    row, and the rows travel pickled to the app, which then sends each text once (a third of the bytes, a
    quarter of the unpickling time for a 20 000-row return)."""
    share = strings.setdefault
    return [[share(v, v) if v.__class__ is str else v for v in row] for row in rows]


def _check_extent(sheet: str, rows: int, columns: int, max_rows: int) -> None:
    if rows > max_rows:
        raise _Refused("FIL_FOR_MANGA_RADER", tab=sheet, rows=_thousands(rows), limit=_thousands(max_rows))
    if columns > MAX_COLUMNS:
        raise _Refused("FIL_FOR_MANGA_KOLUMNER", tab=sheet, columns=_thousands(columns), limit=MAX_COLUMNS)


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


_ROW = re.compile(rb"<(?:[\w.-]+:)?row\b([^>]*)>")
_PLAIN_ROW = re.compile(rb"<row\b([^>]*)>")  # a literal start: the regex engine skips to each "<row" directly
_ROW_NUMBER = re.compile(rb"\br\s*=\s*[\"'](\d+)[\"']")
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*\bref\s*=\s*[\"']([^\"']*)[\"']")


def _check_xlsx_extent(xml: bytes, sheet: str, max_rows: int) -> None:
    """The sheet's extent from its XML before calamine sees it: the last row element (numbered or implicit)
    and the declared dimension. Cells placed outside their row are left to the range check and the memory
    limit."""
    row = 0
    rows = _ROW if b":row" in xml else _PLAIN_ROW  # row elements with a namespace prefix are rare
    for m in rows.finditer(xml):
        number = _ROW_NUMBER.search(m.group(1))
        row = int(number.group(1)) if number else row + 1
        if row > max_rows:
            _check_extent(sheet, row, 0, max_rows)
    dimension = _DIMENSION.search(xml, 0, 4096)
    if dimension:
        last = dimension.group(1).split(b":")[-1].decode("ascii", "replace")
        if _REF.fullmatch(last):
            r, c = _ref_to_index(last)
            _check_extent(sheet, r + 1, c + 1, max_rows)


def _check_ods_extent(xml: bytes, max_rows: int) -> None:
    """Rows and columns that hold something, repeats included (LibreOffice repeats empty rows to the sheet's
    end, which is fine)."""
    t, o = f"{{{NS_ODS_TABLE}}}", f"{{{NS_ODS_OFFICE}}}"
    for _, table in ElementTree.iterparse(io.BytesIO(xml)):
        if table.tag != f"{t}table":
            continue
        name = table.get(f"{t}name", "")
        r = last_row = last_col = 0
        for row in table.iter(f"{t}table-row"):
            repeat = int(row.get(f"{t}number-rows-repeated", "1"))
            c = 0
            filled_to = 0
            for cell in row:
                if cell.tag not in (f"{t}table-cell", f"{t}covered-table-cell"):
                    continue
                c += int(cell.get(f"{t}number-columns-repeated", "1"))
                if cell.get(f"{o}value-type") or "".join(cell.itertext()).strip():
                    filled_to = c
            if filled_to:
                last_row, last_col = r + repeat, max(last_col, filled_to)
            r += repeat
        _check_extent(name, last_row, last_col, max_rows)
        table.clear()


def _fill_merged(rows: list[list], ranges) -> None:
    """Give every cell of a merged range the value of its top-left cell (how a reader sees it)."""
    for (r1, c1), (r2, c2) in ranges:
        if r1 >= len(rows) or c1 >= len(rows[r1]):
            continue
        value = rows[r1][c1]
        for r in range(r1, min(r2, len(rows) - 1) + 1):
            for c in range(c1, min(c2, len(rows[r]) - 1) + 1):
                rows[r][c] = value


def prose_text(v) -> str:
    """A cell of free text (a comment, a description, a descriptive value) as cell_text reads it, its line breaks
    kept: each line trimmed with its spaces collapsed, at most one empty line in a row (Alt+Enter in Excel)."""
    if type(v) is not str:
        return cell_text(v)
    lines = [" ".join(line.split()) for line in incoming(v.replace("\r\n", "\n").replace("\r", "\n"))
             .replace("\u00a0", " ").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


CACHED_TEXT = 200  # the longest text cell_text keeps: codes, names, short values and comments that repeat


def cell_text(v) -> str:
    """A cell as trimmed text (numbers without a trailing .0, dates as ISO), without a character that no file can
    carry (an .xls file's text may hold a bell; saved, it broke the next year's template, which shows it) or that
    turns the text's direction (file_text.incoming). Kept for short values, which repeat; a long text is read each
    time: kept, each upload's distinct long comments stayed in the process's memory for good (27 MB an upload)."""
    if type(v) is str and len(v) > CACHED_TEXT:
        return _cell_text(v)
    return _kept_cell_text(v)


def _cell_text(v) -> str:
    if v is None or v == "":
        return ""
    if type(v) is str:
        return " ".join(incoming(v).replace("\u00a0", " ").split())
    if isinstance(v, bool):
        return "Ja" if v else "Nej"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, datetime | date):
        return v.isoformat()
    return " ".join(str(v).replace("\u00a0", " ").split())


# typed, since True == 1.0 in Python and TRUE reads 'Ja', 1 reads '1'
_kept_cell_text = lru_cache(maxsize=1 << 16, typed=True)(_cell_text)


# --- XML lookups ---------------------------------------------------------------------------------------


def _part_names(parts: dict[str, bytes]) -> dict[str, str]:
    """Each part's name by its name in lower case: Open Packaging's part names are case-insensitive, and a
    workbook's relations may name `xl/Styles.xml` as `xl/styles.xml`."""
    return {part.casefold(): part for part in parts}


def _xlsx_sheet_paths(parts: dict[str, bytes]) -> dict[str, str]:
    try:
        wb = ElementTree.fromstring(parts["xl/workbook.xml"])
        rels = ElementTree.fromstring(parts["xl/_rels/workbook.xml.rels"]) if \
            "xl/_rels/workbook.xml.rels" in parts else None
    except (ElementTree.ParseError, DefusedXmlException) as e:
        raise _Refused("FIL_SKADAD", detail="arbetsbokens innehållsförteckning är trasig") from e
    targets = {}
    named = _part_names(parts)
    if rels is not None:
        for r in rels:
            t = r.get("Target", "")
            t = t.lstrip("/") if t.startswith("/") else f"xl/{t}"
            targets[r.get("Id")] = named.get(t.casefold(), t)
    out = {}
    for main in NS_MAIN:
        for s in wb.iter(f"{main}sheet"):
            rid = next((s.get(f"{rel}id") for rel in NS_REL if s.get(f"{rel}id") is not None), None)
            if rid in targets:
                out[s.get("name")] = targets[rid]
    return out


def _xml_name(name: str) -> str:
    """A sheet's name as an XML parser reads it from workbook.xml, where a tab or a line break in an attribute is a
    space (attribute-value normalisation); calamine keeps them. The key the scans are looked up by."""
    return name.translate(_ATTRIBUTE_SPACES)


_ATTRIBUTE_SPACES = str.maketrans("\t\n\r", "   ")


def _namespace(tag: str) -> str:
    return tag[:tag.index("}") + 1] if tag.startswith("{") else ""


_REF = re.compile(r"([A-Z]{1,3})(\d{1,7})")


def _ref_to_index(ref: str) -> tuple[int, int]:
    m = _REF.match(ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def _percent_styles(xml: bytes | None) -> set[str]:
    """The cell style indexes (as the `s` attribute spells them) whose number format shows a percentage."""
    if xml is None:
        return set()
    try:
        styles = ElementTree.fromstring(xml)
        main = _namespace(styles.tag)
        custom = {int(f.get("numFmtId")) for f in styles.iter(f"{main}numFmt")
                  if "%" in f.get("formatCode", "").replace('"%"', "")}
        xfs = styles.find(f"{main}cellXfs")
        return {str(i) for i, xf in enumerate(xfs.findall(f"{main}xf") if xfs is not None else [])
                if int(xf.get("numFmtId", "0")) in PERCENT_BUILTIN_FORMATS | custom}
    except (ElementTree.ParseError, DefusedXmlException, ValueError, TypeError) as e:
        raise _Refused("FIL_SKADAD", detail="formatmallarna (styles.xml) är trasiga") from e


def _scan_xlsx(xml: bytes | None, percent_styles: set[str]) -> tuple[set, set, dict]:
    """Percent-formatted cells, formulas without a saved result and error values of one sheet."""
    percent, formulas, errors = set(), set(), {}
    if xml is None:
        return percent, formulas, errors
    # Cheap tests first: most files have no percent format, no formula and no error value.
    if not percent_styles and b"<f" not in xml and b":f" not in xml and b'"e"' not in xml and b"'e'" not in xml:
        return percent, formulas, errors
    try:
        # Rows and cells may go without their r= reference (ECMA-376 allows it): such a row follows the row
        # before it and such a cell the cell before it, as calamine places them.
        # A cell's own reference does not move the row: the next row without one follows the row element.
        main = row_tag = cell_tag = None
        row, col = -1, 0
        for event, c in ElementTree.iterparse(io.BytesIO(xml), events=("start", "end")):
            tag = c.tag
            if main is None:
                main = _namespace(tag)
                row_tag, cell_tag, v_tag, f_tag = f"{main}row", f"{main}c", f"{main}v", f"{main}f"
            if tag == row_tag:
                if event == "start":
                    number = c.get("r")
                    row, col = (int(number) - 1 if number and number.isdigit() else row + 1), 0
                else:
                    c.clear()
                continue
            if tag != cell_tag or event == "start":
                continue
            ref = c.get("r")
            at = _ref_to_index(ref) if ref and _REF.fullmatch(ref) else (row, col)
            col = at[1] + 1
            if c.get("s") in percent_styles:
                percent.add(at)
            v = c.find(v_tag)
            value = (v.text or "").strip() if v is not None else ""
            if c.get("t") == "e":
                errors[at] = value or "#FEL"
            elif c.find(f_tag) is not None and not value and (v is None or c.get("t") != "str"):
                formulas.add(at)  # an empty result of a text formula (Excel's =OM(K5="";"";K5)) is a result
            c.clear()
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as e:
        raise _Refused("FIL_SKADAD", detail="ett kalkylblad är trasigt") from e
    return percent, formulas, errors


def _scan_ods(xml: bytes, scan: tuple[str, ...]) -> dict[str, tuple[set, set, dict]]:
    """Percent cells, formulas without a value and error values of the tables whose names (any case, trimmed)
    are in `scan`, by table name."""
    t, o, x = f"{{{NS_ODS_TABLE}}}", f"{{{NS_ODS_OFFICE}}}", f"{{{NS_ODS_CALCEXT}}}"
    found = {}
    try:
        root = ElementTree.fromstring(xml)
    except (ElementTree.ParseError, DefusedXmlException) as e:
        raise _Refused("FIL_SKADAD", detail="innehållet (content.xml) är trasigt") from e
    for table in root.iter(f"{t}table"):
        name = table.get(f"{t}name") or ""
        if not _scanned(name, scan):
            continue
        percent, formulas, errors = found.setdefault(name, (set(), set(), {}))
        r = 0
        for row in table.iter(f"{t}table-row"):
            rows_rep = int(row.get(f"{t}number-rows-repeated", "1"))
            c = 0
            for cell in row:
                if cell.tag not in (f"{t}table-cell", f"{t}covered-table-cell"):
                    continue
                rep = int(cell.get(f"{t}number-columns-repeated", "1"))
                text = "".join(cell.itertext()).strip()
                if cell.get(f"{o}value-type") == "percentage":
                    percent.add((r, c))
                if cell.get(f"{x}value-type") == "error":
                    errors[(r, c)] = text or "#FEL"
                elif cell.get(f"{t}formula") and cell.get(f"{o}value") is None and \
                        cell.get(f"{o}string-value") is None and not text:
                    formulas.add((r, c))
                c += rep
            r += rows_rep
    return found
