"""Reading an uploaded workbook safely: check the container first, then read cells with python-calamine.

The container check runs before any parser touches the file (RECIPES.md): size, magic bytes, zip entry count,
declared and actual inflated size within a byte budget, required parts, no macros, not encrypted. Cell
values come from calamine (fast); the two things calamine does not expose — whether a cell is
percent-formatted and whether a formula has no saved result — are looked up in the sheet XML only when needed.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import python_calamine
from defusedxml import ElementTree

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_INFLATED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_RATIO = 200
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
PERCENT_BUILTIN_FORMATS = {9, 10}
NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
NS_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


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


@dataclass
class Workbook:
    """The sheets of a checked file plus lazy lookups into its XML for cell formats and formulas."""

    kind: str  # xlsx or ods
    sheets: dict[str, Sheet]
    _data: bytes = b""
    _sheet_paths: dict[str, str] = field(default_factory=dict)
    _percent_cells: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    _empty_formulas: dict[str, set[tuple[int, int]]] = field(default_factory=dict)

    def percent_cells(self, sheet: str) -> set[tuple[int, int]]:
        """(row, col) indexes (0-based) of numeric cells shown as percent, e.g. 19 % stored as 0.19."""
        if sheet not in self._percent_cells:
            self._scan(sheet)
        return self._percent_cells[sheet]

    def formulas_without_value(self, sheet: str) -> set[tuple[int, int]]:
        """(row, col) indexes of formula cells that were saved without a result."""
        if sheet not in self._empty_formulas:
            self._scan(sheet)
        return self._empty_formulas[sheet]

    def _scan(self, sheet: str) -> None:
        if self.kind == "xls":  # the old binary format: calamine's values are all there is
            self._percent_cells[sheet], self._empty_formulas[sheet] = set(), set()
            return
        with zipfile.ZipFile(io.BytesIO(self._data)) as z:
            if self.kind == "xlsx":
                percent, formulas = _scan_xlsx(z, self._sheet_paths.get(sheet))
            else:
                percent, formulas = _scan_ods(z, sheet)
        self._percent_cells[sheet], self._empty_formulas[sheet] = percent, formulas


def check_container(data: bytes, file_name: str) -> FileProblem | None:
    """Why this file must not be parsed, or None when it is a plausible .xlsx/.ods within budget."""
    name = file_name.lower()
    if not data:
        return FileProblem("FIL_TOM")
    if len(data) > MAX_FILE_BYTES:
        return FileProblem("FIL_FOR_STOR", {"size": f"{len(data) / 1e6:.1f}".replace(".", ","),
                                            "limit": MAX_FILE_BYTES // (1024 * 1024)})
    if name.endswith((".xlsm", ".xltm", ".xlsb")):
        return FileProblem("FIL_MAKRO")
    if data.startswith(OLE_MAGIC):
        # Password-protected .xlsx files are OLE containers holding an EncryptionInfo stream; a real .xls
        # (also OLE) is left to calamine, which reads the old format.
        if "EncryptionInfo".encode("utf-16-le") in data or not name.endswith(".xls"):
            return FileProblem("FIL_KRYPTERAD")
        return None
    if not data.startswith(ZIP_MAGIC):
        return FileProblem("FIL_FORMAT", {"what": _sniff(data)})
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return _check_zip(z)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as e:
        return FileProblem("FIL_SKADAD", {"detail": str(e) or type(e).__name__})


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


def _check_zip(z: zipfile.ZipFile) -> FileProblem | None:
    infos = z.infolist()
    limit_mb = MAX_INFLATED_BYTES // (1024 * 1024)
    if len(infos) > MAX_ZIP_ENTRIES:
        return FileProblem("FIL_UPPBLASES", {"limit": limit_mb})
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
    # The declared sizes can lie: inflate everything against the budget before any parser does.
    budget = MAX_INFLATED_BYTES
    for info in infos:
        with z.open(info) as f:
            while chunk := f.read(1 << 20):
                budget -= len(chunk)
                if budget < 0:
                    return FileProblem("FIL_UPPBLASES", {"limit": limit_mb})
    missing = [p for p in required if p not in names]
    if missing:
        return FileProblem("FIL_SKADAD", {"detail": f"delen {missing[0]} saknas"})
    return None


def read_workbook(data: bytes, file_name: str) -> tuple[Workbook | None, FileProblem | None]:
    """The file's sheets, or the reason it cannot be read. Call check_container first."""
    problem = check_container(data, file_name)
    if problem:
        return None, problem
    if data.startswith(OLE_MAGIC):
        kind = "xls"
    else:
        kind = "ods" if b"mimetype" in data[:100] else "xlsx"
    try:
        wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        meta = {m.name: m for m in wb.sheets_metadata}
        sheets = {}
        for name in wb.sheet_names:
            m = meta.get(name)
            if m is not None and m.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            sheet = wb.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            _fill_merged(rows, sheet.merged_cell_ranges or [])
            hidden = m is not None and m.visible != python_calamine.SheetVisibleEnum.Visible
            sheets[name] = Sheet(name, rows, hidden)
    except python_calamine.PasswordError:
        return None, FileProblem("FIL_KRYPTERAD")
    except (python_calamine.CalamineError, ValueError, KeyError, OSError) as e:
        return None, FileProblem("FIL_SKADAD", {"detail": str(e).splitlines()[0][:120] if str(e) else "okänt fel"})
    paths = _xlsx_sheet_paths(data) if kind == "xlsx" else {}
    return Workbook(kind, sheets, data, paths), None


def _fill_merged(rows: list[list], ranges) -> None:
    """Give every cell of a merged range the value of its top-left cell (how a reader sees it)."""
    for (r1, c1), (r2, c2) in ranges:
        if r1 >= len(rows) or c1 >= len(rows[r1]):
            continue
        value = rows[r1][c1]
        for r in range(r1, min(r2, len(rows) - 1) + 1):
            for c in range(c1, min(c2, len(rows[r]) - 1) + 1):
                rows[r][c] = value


@lru_cache(maxsize=1 << 16)
def cell_text(v) -> str:
    """A cell as trimmed text (numbers without a trailing .0, dates as ISO). Cached: returns repeat values."""
    if v is None or v == "":
        return ""
    if type(v) is str:
        return " ".join(v.replace("\u00a0", " ").split())
    if isinstance(v, bool):
        return "Ja" if v else "Nej"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, datetime | date):
        return v.isoformat()
    return " ".join(str(v).replace("\u00a0", " ").split())


# --- XML lookups (only when a value needs them) ------------------------------------------------------


def _xlsx_sheet_paths(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        wb = ElementTree.fromstring(z.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels")) if \
            "xl/_rels/workbook.xml.rels" in z.namelist() else None
    targets = {}
    if rels is not None:
        for r in rels:
            t = r.get("Target", "")
            targets[r.get("Id")] = t.lstrip("/") if t.startswith("/") else f"xl/{t}"
    out = {}
    for s in wb.iter(f"{NS_MAIN}sheet"):
        rid = s.get(f"{NS_REL}id")
        if rid in targets:
            out[s.get("name")] = targets[rid]
    return out


_REF = re.compile(r"([A-Z]+)(\d+)")


def _ref_to_index(ref: str) -> tuple[int, int]:
    m = _REF.match(ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def _scan_xlsx(z: zipfile.ZipFile, path: str | None) -> tuple[set, set]:
    if not path or path not in z.namelist():
        return set(), set()
    percent_styles = set()
    if "xl/styles.xml" in z.namelist():
        styles = ElementTree.fromstring(z.read("xl/styles.xml"))
        custom = {int(f.get("numFmtId")) for f in styles.iter(f"{NS_MAIN}numFmt")
                  if "%" in f.get("formatCode", "").replace('"%"', "")}
        xfs = styles.find(f"{NS_MAIN}cellXfs")
        if xfs is not None:
            for i, xf in enumerate(xfs.findall(f"{NS_MAIN}xf")):
                fid = int(xf.get("numFmtId", "0"))
                if fid in PERCENT_BUILTIN_FORMATS or fid in custom:
                    percent_styles.add(str(i))
    xml = z.read(path)
    percent, formulas = set(), set()
    if not percent_styles and b"<f" not in xml:
        return percent, formulas
    for _, c in ElementTree.iterparse(io.BytesIO(xml)):
        if c.tag != f"{NS_MAIN}c":
            continue
        ref = c.get("r")
        if ref and c.get("s") in percent_styles:
            percent.add(_ref_to_index(ref))
        f = c.find(f"{NS_MAIN}f")
        if ref and f is not None:
            v = c.find(f"{NS_MAIN}v")
            if v is None or not (v.text or "").strip():
                formulas.add(_ref_to_index(ref))
        c.clear()
    return percent, formulas


def _scan_ods(z: zipfile.ZipFile, sheet: str) -> tuple[set, set]:
    t, o = f"{{{NS_ODS_TABLE}}}", f"{{{NS_ODS_OFFICE}}}"
    root = ElementTree.fromstring(z.read("content.xml"))
    percent, formulas = set(), set()
    for table in root.iter(f"{t}table"):
        if table.get(f"{t}name") != sheet:
            continue
        r = 0
        for row in table.iter(f"{t}table-row"):
            rows_rep = int(row.get(f"{t}number-rows-repeated", "1"))
            c = 0
            for cell in row:
                if cell.tag not in (f"{t}table-cell", f"{t}covered-table-cell"):
                    continue
                rep = int(cell.get(f"{t}number-columns-repeated", "1"))
                if cell.get(f"{o}value-type") == "percentage":
                    percent.add((r, c))
                if cell.get(f"{t}formula") and cell.get(f"{o}value") is None and \
                        cell.get(f"{o}string-value") is None and not "".join(cell.itertext()).strip():
                    formulas.add((r, c))
                c += rep
            r += min(rows_rep, 1_000_000)
    return percent, formulas
