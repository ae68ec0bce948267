"""A corpus of bad and awkward return files, built from the real template of Kriminalvården 2025.

Every case is (name, file name, bytes, agency argument, expected problems as (sheet, row, column, code)).
The base file is the template with every expected value filled in validly; each case changes one thing.
Row numbers: the Indikatorer header is row 4; 2.10a is rows 5–19, 3.6a 20, 3.6b 21, 5.3a 22, 5.3b 23–24,
5.4a 25, 8.6a 26; the Åtgärder header is row 3 with 2.8 on row 4 … 8.6 on row 11.
"""

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import openpyxl

I, M = "Indikatorer", "Åtgärder"  # noqa: E741
FILE = "(filen)"
ROW = {"2.10a": 5, "3.6a": 20, "3.6b": 21, "5.3a": 22, "5.3b": 23, "5.4a": 25, "8.6a": 26}
FIRST_EXTRA = 27
COL = {"id": "A", "year": "D", "vt": "E", "area": "F", "group": "G", "category": "H", "value": "J",
       "num": "K", "den": "L", "comment": "M"}


@dataclass
class Case:
    name: str
    file_name: str
    data: bytes | Callable
    expected: list[tuple]
    agency: str | None = None
    values: dict | None = None  # for valid files: changes to base_values() (None = no value)
    actor: str = "kvv"  # who uploads: "kvv" (Kriminalvården's Rapportör) or "coordinator" (Länsstyrelsen)
    year: int | None = None  # the year chosen at upload (None: the template's)


def fill(wb) -> None:
    """Every expected value of the KVV 2025 template, valid."""
    ws = wb[I]
    for r in range(5, FIRST_EXTRA):
        ind = ws[f"A{r}"].value
        value = {"3.6b": 35, "5.3a": "Utredningsarbetet har utvecklats.", "5.4a": "Ja"}.get(ind, _count(r))
        ws[f"J{r}"] = value
    ms = wb[M]
    for r in range(4, 12):
        ms[f"E{r}"] = "Pågående"
        ms[f"F{r}"] = "Arbetet pågår."


def _count(row: int) -> int:
    """The base file's count on a row: 10 + row, and 100 + row for 2.10a's all-types rows (5–7), which are
    totals of the violence types below them (a part larger than its total is an error)."""
    return 100 + row if row <= 7 else 10 + row


def base_values() -> dict[tuple, float | str]:
    """What the base file holds, by (indicator, violence type code, category)."""
    out = {}
    vts = ["", "VNR", "HRV", "PMH", "SV"]
    cats = ["påbörjade", "pågående", "fullföljda"]
    r = 5
    for vt in vts:
        for c in cats:
            out[("2.10a", vt, c)] = _count(r)
            r += 1
    out[("3.6a", "", "")] = 30
    out[("3.6b", "", "")] = 35
    out[("5.3b", "", "personutredningar")] = 33
    out[("5.3b", "", "fördjupade utredningar")] = 34
    out[("8.6a", "", "")] = 36
    return out


def _save(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _variant(template: bytes, change: Callable | None) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(template))
    fill(wb)
    if change:
        change(wb)
    return _save(wb)


def _set(sheet: str, **cells) -> Callable:
    def change(wb):
        for ref, v in cells.items():
            wb[sheet][ref] = v
    return change


def _zip(entries: dict[str, bytes], declared: dict[str, int] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in entries.items():
            z.writestr(name, content)
    data = buf.getvalue()
    return data


def _rezip_adding(data: bytes, parts: int) -> bytes:
    """The workbook with `parts` tiny extra parts (a sheet's worth of images or comments would be a few hundred)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info, src.read(info.filename))
        for n in range(parts):
            z.writestr(f"xl/extra/part{n}.bin", b"x")
    return buf.getvalue()


def _bomb() -> bytes:
    """A small zip whose one part inflates to 300 MB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            chunk = b"0" * (1 << 20)
            for _ in range(300):
                f.write(chunk)
    return buf.getvalue()


def _move_header_down_and_reorder(wb) -> None:
    """A title block of 7 rows, the columns in another order, an extra column: all legal."""
    ws = wb[I]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_row=FIRST_EXTRA - 1)]
    new = wb.create_sheet("tmp")
    new.append(["Kriminalvården"])
    new.append(["Inrapportering 2025"])
    for _ in range(5):
        new.append([])
    order = [9, 0, 3, 4, 7, 5, 6, 12, 1]  # Värde first, then id, År, Våldstyp, Kategori, Område, Grupp, Kommentar
    for row in rows:
        new.append([row[i] for i in order] + ["ignoreras"])
    del wb[I]
    new.title = I


def _merge_ids(wb) -> None:
    ws = wb[I]
    ws.protection.sheet = False
    ws.merge_cells("A5:A19")


def _hide_rows(wb) -> None:
    ws = wb[I]
    for r in range(5, 10):
        ws.row_dimensions[r].hidden = True
    ws.column_dimensions["B"].hidden = True


def _blank_rows_and_spaces(wb) -> None:
    ws = wb[I]
    ws.insert_rows(12, 3)
    ws["A20"] = "  2.10a "  # row 17 moved to 20 by the insert
    ws["J23"] = " 30 "  # 3.6a moved from 20 to 23


def _awkward_numbers(wb) -> None:
    ws = wb[I]
    ws["J20"] = "1 234"  # 3.6a with a thousands space, as text
    ws["J21"] = "19,5 %"  # 3.6b a share typed with a percent sign and a decimal comma
    ws["J26"] = "36,0"  # 8.6a with a decimal comma
    ws["J25"] = "ja"  # 5.4a milestone in lower case


def _spaces_and_decomposed_letters(wb) -> None:
    """Thousands separated by a thin space and a figure space, and å, ä, ö written decomposed (Unicode NFD: a plus
    a combining ring, as text from a Mac or a web form can come): a violence type, a status and the sheet's name."""
    import unicodedata

    ws = wb[I]
    ws["J20"] = "1\u2009234"  # 3.6a
    ws["J26"] = "1\u2007036"  # 8.6a
    ws["E8"] = unicodedata.normalize("NFD", "Våld i nära relationer")
    wb[M]["E6"] = unicodedata.normalize("NFD", "Pågående")
    wb[M].title = unicodedata.normalize("NFD", M)


def _invisible_and_text_percent(wb) -> None:
    ws = wb[I]
    ws["J20"] = "\u200e7\u200b465\u202c"  # 3.6a
    ws["J21"] = "45"  # 3.6b, typed as text into a cell formatted 0 %
    ws["J21"].number_format = "0%"


def _percent_cell(wb) -> None:
    ws = wb[I]
    ws["J21"] = 0.19
    ws["J21"].number_format = "0%"


def _formula_without_value(wb) -> None:
    wb[I]["J20"] = "=10+20"


def _duplicate(wb) -> None:
    ws = wb[I]
    for col in "ABCDEFGHJ":
        ws[f"{col}{FIRST_EXTRA}"] = ws[f"{col}20"].value


def _many(wb) -> None:
    ws = wb[I]
    ws["J5"] = "tio"
    ws["J20"] = -3
    ws["J21"] = 140
    ws["J25"] = "Kanske"
    wb[M]["E6"] = "Klar"


SHEET_XML = "xl/worksheets/sheet2.xml"  # Indikatorer in the files openpyxl writes from the template


def _rezip(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The same zip with one part rewritten (order and compression kept: an .ods must start with its mimetype)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for info in src.infolist():
            content = src.read(info.filename)
            z.writestr(info, change(content) if info.filename == part else content, compress_type=info.compress_type)
    return buf.getvalue()


def _xml(part: str, change: Callable[[bytes], bytes], base: Callable | None = None) -> Callable:
    """A case built by editing one XML part of the filled KVV file."""
    return lambda t: _rezip(_variant(t["kvv"], base), part, change)


def _append_rows(rows: bytes) -> Callable[[bytes], bytes]:
    return lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>")


def _doctype(xml: bytes) -> bytes:
    """An entity declaration before the root element: how billion-laughs and external-entity attacks start."""
    head, sep, rest = xml.partition(b"?>")
    if not sep:
        head, rest = b"", xml
    else:
        head += sep
    return head + b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' + rest


def _million_rows(xml: bytes) -> bytes:
    """A million small rows after the template's (about 45 MB of XML, below the inflation budget)."""
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(60, 1_000_060))
    return xml.replace(b"</sheetData>", rows + b"</sheetData>")


def _sheet_part_renamed(data: bytes, new: str, change: Callable[[bytes], bytes]) -> bytes:
    """The same workbook with the Indikatorer sheet stored under another part name (the relationship follows) and
    its XML changed: a sheet need not be called .xml, and its checks must not depend on the name."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    old = SHEET_XML.removeprefix("xl/")
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "xl/_rels/workbook.xml.rels":
                content = content.replace(old.encode(), new.removeprefix("xl/").encode())
            if info.filename == "[Content_Types].xml":
                content = content.replace(b"/" + SHEET_XML.encode(), b"/" + new.encode())
            z.writestr(new if info.filename == SHEET_XML else info.filename,
                       change(content) if info.filename == SHEET_XML else content)
    return buf.getvalue()


def _replace_cell(ref: str, cell: bytes) -> Callable[[bytes], bytes]:
    def change(xml: bytes) -> bytes:
        start = xml.index(b'<c r="%s"' % ref.encode())
        end = xml.index(b"</c>", start) + 4
        return xml[:start] + cell + xml[end:]
    return change


def _without_references(xml: bytes) -> bytes:
    """The sheet with no r= on its rows and cells, as ECMA-376 allows: a row without one follows the row before it,
    a cell without one the cell before it, so the gaps are filled with empty rows and cells."""
    def row(m: re.Match) -> bytes:
        cells = re.findall(rb'<c r="([A-Z]+)\d+"((?:[^>]*/>|[^>]*>.*?</c>))', m.group(2), re.S)
        at = {ref: rest for ref, rest in cells}
        last = max((sum((ch - 64) * 26 ** i for i, ch in enumerate(reversed(ref))) for ref in at), default=0)
        names = [_column_name(i) for i in range(1, last + 1)]
        return b"<row" + re.sub(rb'\s*\br="\d+"', b"", m.group(1)) + b">" + \
            b"".join(b"<c" + at[n] if n in at else b"<c/>" for n in names) + b"</row>"

    rows = re.compile(rb'<row( r="(?:\d+)"[^>]*)>(.*?)</row>', re.S)
    out, before = [], 0
    for m in rows.finditer(xml):
        number = int(re.search(rb'r="(\d+)"', m.group(1)).group(1))
        out.append(b"<row/>" * (number - before - 1) + row(m))
        before = number
    start, end = rows.search(xml).start(), list(rows.finditer(xml))[-1].end()
    return xml[:start] + b"".join(out) + xml[end:]


def _column_name(n: int) -> bytes:
    name = b""
    while n:
        n, r = divmod(n - 1, 26)
        name = bytes([65 + r]) + name
    return name


STRICT = {b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
          b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
          b"http://purl.oclc.org/ooxml/officeDocument/relationships"}


def _strict(data: bytes) -> bytes:
    """The workbook in Strict Open XML (Excel's "Strict Open XML Spreadsheet"): the same parts in other namespaces."""
    for part in zipfile.ZipFile(io.BytesIO(data)).namelist():
        if part.endswith((".xml", ".rels")) and part != "[Content_Types].xml":
            def change(xml: bytes) -> bytes:
                for old, new in STRICT.items():
                    xml = xml.replace(old, new)
                return xml
            data = _rezip(data, part, change)
    return data


def _ods(change: Callable[[bytes], bytes]) -> Callable:
    """A case built by editing content.xml of the LibreOffice-saved KVV return."""
    from pathlib import Path

    data = (Path(__file__).parent / "data" / "kvv_2025_libreoffice.ods").read_bytes()
    return lambda _t: _rezip(data, "content.xml", change)


def _ods_repeat_first_filled_row(xml: bytes) -> bytes:
    """The row holding 3.6a repeated a million times (a row of values, not LibreOffice's empty filler)."""
    at = xml.index(b"3.6a")
    row = xml.rindex(b"<table:table-row", 0, at)
    return xml[:row] + b'<table:table-row table:number-rows-repeated="1000000"' + xml[row + 16:]


def _duplicate_sheet(wb) -> None:
    copy = wb.copy_worksheet(wb[I])
    copy.title = "INDIKATORER "


def build_cases() -> list[Case]:
    """Every rejected corpus case; `data` is bytes or a function of the templates {"kvv": …, "botkyrka": …}."""
    v = lambda change=None: (lambda t: _variant(t["kvv"], change))  # noqa: E731
    E = FIRST_EXTRA
    cases = [
        # --- rejected: the file itself
        Case("tom fil", "tom.xlsx", b"", [(FILE, None, "", "FIL_TOM")]),
        Case("csv omdöpt till xlsx", "siffror.xlsx", "Indikator-id;Värde\n3.6a;30\n".encode(),
             [(FILE, None, "", "FIL_FORMAT")]),
        Case("pdf omdöpt till xlsx", "rapport.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
             [(FILE, None, "", "FIL_FORMAT")]),
        Case("word-dokument", "rapport.xlsx", _zip({"[Content_Types].xml": b"<Types/>",
                                                     "word/document.xml": b"<w/>"}),
             [(FILE, None, "", "FIL_FORMAT")]),
        Case("makron (vbaProject.bin)", "makro.xlsx",
             _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                   "xl/vbaProject.bin": b"\x00" * 100}), [(FILE, None, "", "FIL_MAKRO")]),
        Case("xlsm-fil", "mall.xlsm", v(), [(FILE, None, "", "FIL_MAKRO")]),
        Case("krypterad fil", "hemlig.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
             + "EncryptionInfo".encode("utf-16-le"), [(FILE, None, "", "FIL_KRYPTERAD")]),
        Case("trasig xls", "gammal.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
             [(FILE, None, "", "FIL_SKADAD")]),
        Case("avklippt zip", "avklippt.xlsx", lambda t: _variant(t["kvv"], None)[:3000],
             [(FILE, None, "", "FIL_SKADAD")]),
        Case("zip-bomb", "bomb.xlsx", _bomb(), [(FILE, None, "", "FIL_UPPBLASES")]),
        # 1,3 MB of 10 000 tiny parts: refused as damaged, not as "packas upp till mer än 64 MB", which it does not
        Case("zip med 10 000 delar", "delar.xlsx", lambda t: _rezip_adding(_variant(t["kvv"], None), 10_000),
             [(FILE, None, "", "FIL_SKADAD")]),
        # --- rejected before any reader allocates (issue 13): huge dimensions, sparse cells, entities
        Case("en cell längst ned till höger (XFD1048576)", "xfd.xlsx",
             _xml(SHEET_XML, _append_rows(b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>')),
             [(FILE, None, "", "FIL_FOR_MANGA_RADER")]),
        Case("en ensam cell på rad 1 000 000", "a1000000.xlsx",
             _xml(SHEET_XML, _append_rows(b'<row r="1000000"><c r="A1000000" t="n"><v>1</v></c></row>')),
             [(FILE, None, "", "FIL_FOR_MANGA_RADER")]),
        Case("en miljon rader", "miljon.xlsx", _xml(SHEET_XML, _million_rows),
             [(FILE, None, "", "FIL_FOR_MANGA_RADER")]),
        Case("en rad med namnrymdsprefix på rad 1 000 000 (x:row)", "prefix.xlsx",
             _xml(SHEET_XML, _append_rows(b'<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                                          b'main" r="1000000"><x:c r="A1000000" t="n"><x:v>1</x:v></x:c></x:row>')),
             [(FILE, None, "", "FIL_FOR_MANGA_RADER")]),
        Case("dimensionen påstår A1:XFD1048576", "dimension.xlsx",
             _xml(SHEET_XML, lambda x: x.replace(b'<dimension ref="A1:M51"/>', b'<dimension ref="A1:XFD1048576"/>')),
             [(FILE, None, "", "FIL_FOR_MANGA_RADER")]),
        Case("en cell långt ut till höger (XFD20)", "bred.xlsx",
             _xml(SHEET_XML, _replace_cell("M20", b'<c r="XFD20" t="n"><v>1</v></c>')),
             [(FILE, None, "", "FIL_FOR_MANGA_KOLUMNER")]),
        Case("en cell utanför sin rad (XFD1048576 på rad 20)", "gomd.xlsx",
             _xml(SHEET_XML, _replace_cell("M20", b'<c r="XFD1048576" t="n"><v>1</v></c>')),
             [(FILE, None, "", "FIL_FOR_KRAVANDE")]),
        Case("ods: en rad med värden upprepad en miljon gånger", "upprepad.ods", _ods(_ods_repeat_first_filled_row),
             [(FILE, None, "", "FIL_FOR_MANGA_RADER")], agency="Kriminalvården", actor="coordinator"),
        Case("DOCTYPE/ENTITY i styles.xml", "dtd1.xlsx", _xml("xl/styles.xml", _doctype),
             [(FILE, None, "", "FIL_SKADAD")]),
        Case("DOCTYPE/ENTITY i workbook.xml", "dtd2.xlsx", _xml("xl/workbook.xml", _doctype),
             [(FILE, None, "", "FIL_SKADAD")]),
        Case("DOCTYPE/ENTITY i relationsfilen", "dtd3.xlsx", _xml("xl/_rels/workbook.xml.rels", _doctype),
             [(FILE, None, "", "FIL_SKADAD")]),
        Case("DOCTYPE/ENTITY i kalkylbladet", "dtd4.xlsx", _xml(SHEET_XML, _doctype),
             [(FILE, None, "", "FIL_SKADAD")]),
        Case("DOCTYPE/ENTITY i ett kalkylblad som inte heter .xml", "dtd6.xlsx",
             lambda t: _sheet_part_renamed(_variant(t["kvv"], None), "xl/worksheets/blad.bin", _doctype),
             [(FILE, None, "", "FIL_SKADAD")]),
        Case("ods: DOCTYPE/ENTITY i content.xml", "dtd5.ods", _ods(_doctype), [(FILE, None, "", "FIL_SKADAD")],
             agency="Kriminalvården", actor="coordinator"),
        # --- rejected: sheets and columns
        Case("inga kända flikar", "fel.xlsx", v(_rename_sheets),
             [("", None, "", "FLIK_SAKNAS")]),
        Case("rubriken Värde saknas", "rubrik.xlsx", v(_set(I, J4="Antal")),
             [(I, None, "", "RUBRIK_SAKNAS")]),
        Case("kolumnen År saknas", "ar.xlsx", v(_set(I, D4="Årtal")), [(I, 4, "År", "KOLUMN_SAKNAS")]),
        # --- rejected: who reports
        Case("fel myndighet vid uppladdning", "kvv.xlsx", v(), [("Om filen", None, "", "MYNDIGHET_OLIKA")],
             agency="Polismyndigheten", actor="coordinator"),
        # --- rejected: cells
        Case("inte ett tal", "tal.xlsx", v(_set(I, J20="trettio")), [(I, 20, "Värde", "VARDE_INTE_TAL")]),
        Case("negativt antal", "neg.xlsx", v(_set(I, J20=-5)), [(I, 20, "Värde", "VARDE_NEGATIVT")]),
        Case("antal med decimaler", "dec.xlsx", v(_set(I, J20="12,5")), [(I, 20, "Värde", "VARDE_INTE_HELTAL")]),
        Case("andel över 100", "andel.xlsx", v(_set(I, J21=140)), [(I, 21, "Värde", "ANDEL_UTANFOR")]),
        Case("täljare större än nämnare", "tn.xlsx", v(_set(I, J21=None, K21=50, L21=40)),
             [(I, 21, "Täljare", "TALJARE_STORRE")]),
        Case("värde stämmer inte med täljare/nämnare", "tn2.xlsx", v(_set(I, J21=35, K21=10, L21=40)),
             [(I, 21, "Värde", "TALJARE_OSTAMMIG")]),
        Case("bara täljare", "tn3.xlsx", v(_set(I, J21=None, K21=10)), [(I, 21, "Nämnare", "TALJARE_UTAN_NAMNARE")]),
        Case("milstolpe inte ja/nej", "ms.xlsx", v(_set(I, J25="Kanske")), [(I, 25, "Värde", "MILSTOLPE_JA_NEJ")]),
        Case("okänt indikator-id", "id.xlsx", v(_set(I, **{f"A{E}": "9.9a", f"D{E}": 2025, f"J{E}": 4})),
             [(I, E, "Indikator-id", "ID_OKANT")]),
        Case("indikator utanför ansvaret", "ansvar.xlsx",
             v(_set(I, **{f"A{E}": "1.6a", f"D{E}": 2025, f"J{E}": 4})), [(I, E, "Indikator-id", "ID_UTANFOR_ANSVAR")]),
        Case("värde utan indikator-id", "utanid.xlsx", v(_set(I, **{f"D{E}": 2025, f"J{E}": 4})),
             [(I, E, "Indikator-id", "ID_SAKNAS")]),
        Case("en rad för ett framtida år", "framtid.xlsx", v(_set(I, D20=2027)),
             [(I, 20, "År", "AR_ANNAT_AN_FILEN")]),
        Case("en rad för ett år före planen", "fore.xlsx", v(_set(I, D20=2019)),
             [(I, 20, "År", "AR_ANNAT_AN_FILEN")]),
        Case("en rad som rättar förra året", "rattelse.xlsx", v(_set(I, D20=2024)),
             [(I, 20, "År", "AR_ANNAT_AN_FILEN")]),
        Case("mallen för 2025 med åren ändrade till 2026", "omdaterad.xlsx", v(_redate(2026, about=False)),
             [(I, r, "År", "AR_ANNAT_AN_FILEN") for r in range(5, FIRST_EXTRA)]
             + [(M, r, "År", "AR_ANNAT_AN_FILEN") for r in range(4, 12)]),
        Case("mallen för 2025 helt omdaterad till 2026 (året är inte öppnat)", "omdaterad2.xlsx",
             v(_redate(2026, about=True)), [(FILE, None, "", "AR_EJ_OPPNAT")]),
        Case("hela filen för ett år som inte har börjat", "framtid2.xlsx", v(_redate(2027, about=True)),
             [(FILE, None, "", "AR_FRAMTID")]),
        Case("hela filen för ett år före planen", "fore2.xlsx", v(_redate(2019, about=True)),
             [(FILE, None, "", "AR_UTANFOR_PLAN")]),
        Case("mallen för 2025 uppladdad som 2024", "fel-ar.xlsx", v(), [("Om filen", None, "", "AR_FIL_OLIKA")],
             year=2024),
        Case("mallen för en okänd myndighet", "okand.xlsx", v(_set("Om filen", B1="XYZ")),
             [("Om filen", None, "", "MYNDIGHET_OKAND_I_FILEN")], agency="Kriminalvården", actor="coordinator"),
        Case("år som text", "artext.xlsx", v(_set(I, D20="i fjol")), [(I, 20, "År", "AR_OGILTIGT")]),
        Case("okänd våldstyp", "vt.xlsx", v(_set(I, E5="Cybervåld")), [(I, 5, "Våldstyp", "VALDSTYP_OKAND")]),
        Case("våldstyp där uppdelning saknas", "vt2.xlsx", v(_set(I, E20="Våld i nära relationer")),
             [(I, 20, "Våldstyp", "VALDSTYP_EJ_TILLATEN")]),
        Case("okänt område", "omr.xlsx", v(_set(I, F20="Gotland")), [(I, 20, "Område", "OMRADE_OKANT")]),
        Case("område där uppdelning saknas", "omr2.xlsx", v(_set(I, F20="Botkyrka")),
             [(I, 20, "Område", "OMRADE_EJ_TILLATET")]),
        Case("okänd grupp", "grp.xlsx", v(_set(I, G20="katter")), [(I, 20, "Grupp", "GRUPP_OKAND")]),
        Case("okänd kategori", "kat.xlsx", v(_set(I, H5="avbrutna")), [(I, 5, "Kategori", "KATEGORI_OKAND")]),
        Case("dubblett", "dubb.xlsx", v(_duplicate), [(I, E, "Indikator-id", "DUBBLETT")]),
        Case("formel utan sparat värde", "formel.xlsx", v(_formula_without_value),
             [(I, 20, "Värde", "FORMEL_UTAN_VARDE")]),
        # --- nothing silently ignored (issue 13)
        Case("två flikar som heter Indikatorer", "tva.xlsx", v(_duplicate_sheet),
             [("INDIKATORER ", None, "", "FLIK_DUBBEL")]),
        Case("formel utan sparat värde i Kommentar", "formel2.xlsx", v(_set(I, M20="=A20&B20")),
             [(I, 20, "Kommentar", "FORMEL_UTAN_VARDE")]),
        Case("sparat felvärde #DIV/0! i Värde", "div0.xlsx",
             _xml(SHEET_XML, _replace_cell("J20", b'<c r="J20" t="e"><f>1/0</f><v>#DIV/0!</v></c>')),
             [(I, 20, "Värde", "CELL_FELVARDE")]),
        Case("sparat felvärde #N/A i Kommentar", "na.xlsx",
             _xml(SHEET_XML, _replace_cell("J21", b'<c r="J21" t="n"><v>35</v></c><c r="M21" t="e"><v>#N/A</v></c>')),
             [(I, 21, "Kommentar", "CELL_FELVARDE")]),
        # --- the same in forms of xlsx the scan did not know (found by a hostile-return review): rows and cells
        # without r= and Strict Open XML, where the broken cells became "not reported" without a word
        Case("formel utan värde och felvärde i celler utan r=", "utan-r.xlsx",
             _xml(SHEET_XML, lambda x: _without_references(_broken(x))),
             [(I, 20, "Värde", "FORMEL_UTAN_VARDE"), (I, 21, "Värde", "CELL_FELVARDE")]),
        Case("formel utan värde och felvärde i Strict Open XML", "strikt.xlsx",
             lambda t: _strict(_xml(SHEET_XML, _broken)(t)),
             [(I, 20, "Värde", "FORMEL_UTAN_VARDE"), (I, 21, "Värde", "CELL_FELVARDE")]),
        Case("formel utan värde i en flik vars namn har en tabb", "tabb.xlsx", lambda t: _rezip(
            _variant(t["kvv"], _formula_without_value), "xl/workbook.xml",
            lambda x: x.replace(b'name="Indikatorer"', b'name="Indikatorer\t"')),
             [("Indikatorer ", 20, "Värde", "FORMEL_UTAN_VARDE")]),
        Case("formel utan värde i en flik vars del har annan skiftläge i relationen", "skiftlage.xlsx",
             lambda t: _rezip(_variant(t["kvv"], _formula_without_value), "xl/_rels/workbook.xml.rels",
            lambda x: x.replace(b"worksheets/sheet2.xml", b"worksheets/Sheet2.xml")),
             [(I, 20, "Värde", "FORMEL_UTAN_VARDE")]),
        Case("formel utan värde på en rad utan r= efter en rad med en cell längre upp", "motsagd.xlsx",
             _xml(SHEET_XML, lambda x: _without_references(_broken(x)).replace(
                 b"<row><c", b'<row><c r="N5"><v>1</v></c><c', 1), _formula_without_value),
             [(I, 20, "Värde", "FORMEL_UTAN_VARDE"), (I, 21, "Värde", "CELL_FELVARDE")]),
        Case("en ensam cell på rad 1 000 000 i Strict Open XML", "strikt-lang.xlsx",
             lambda t: _strict(_xml(SHEET_XML, _append_rows(
                 b'<row r="1000000"><c r="A1000000" t="n"><v>1</v></c></row>'))(t)),
             [(FILE, None, "", "FIL_FOR_MANGA_RADER")]),
        # --- numbers read as something they are not (found by a hostile-return review): a per cent sign on a
        # count was dropped, and Python's float() took digit groups, underscores and other scripts' digits
        Case("antal med procenttecken", "procentantal.xlsx", v(_set(I, J20="30 %")),
             [(I, 20, "Värde", "PROCENT_EJ_ANDEL")]),
        Case("täljare med procenttecken", "procenttaljare.xlsx", v(_set(I, K21="7 %", L21=20)),
             [(I, 21, "Täljare", "PROCENT_EJ_ANDEL")]),
        Case("siffror åtskilda av ett mellanslag som inte skiljer tusental", "3 0.xlsx", v(_set(I, J20="3 0")),
             [(I, 20, "Värde", "VARDE_INTE_TAL")]),
        Case("understreck i ett tal", "3_0.xlsx", v(_set(I, J20="3_0")), [(I, 20, "Värde", "VARDE_INTE_TAL")]),
        Case("helbreddssiffror", "helbredd.xlsx", v(_set(I, J20="\uff13\uff10")),
             [(I, 20, "Värde", "VARDE_INTE_TAL")]),
        Case("tusental med punkt efter ett plustecken", "plus.xlsx", v(_set(I, J20="+117.000")),
             [(I, 20, "Värde", "VARDE_TVETYDIGT")]),
        Case("ett tal så litet att det blir noll", "noll.xlsx", v(_set(I, J20="254e-999")),
             [(I, 20, "Värde", "VARDE_INTE_TAL")]),
        # --- plausible magnitudes and cross-value rules (issue 13)
        Case("antal 1e15", "stort.xlsx", v(_set(I, J20=1e15)), [(I, 20, "Värde", "VARDE_ORIMLIGT")]),
        Case("antal 1e308", "jattestort.xlsx", v(_set(I, J20=1e308)), [(I, 20, "Värde", "VARDE_ORIMLIGT")]),
        Case("täljare 1e12", "taljare.xlsx", v(_set(I, J21=None, K21=1e12, L21=2e12)),
             [(I, 21, "Täljare", "VARDE_ORIMLIGT"), (I, 21, "Nämnare", "VARDE_ORIMLIGT")]),
        Case("en våldstyp större än alla våldstyper", "del.xlsx", v(_set(I, J8=500)),
             [(I, 8, "Värde", "DEL_STORRE_AN_TOTAL")]),
        Case("okänd status", "status.xlsx", v(_set(M, E6="Klar")), [(M, 6, "Status", "STATUS_OKAND")]),
        Case("beskrivning utan status", "status2.xlsx", v(_set(M, E6=None)), [(M, 6, "Status", "STATUS_SAKNAS")]),
        Case("åtgärd utanför ansvaret", "atg.xlsx", v(_set(M, A12="1.1", C12=2025, E12="Pågående")),
             [(M, 12, "Åtgärd", "ATGARD_UTANFOR_ANSVAR")]),
        # '2.10' typed in a cell formatted as General becomes the number 2.1 (in Excel with a decimal point): read as
        # measure 2.1 it saved a status for the wrong measure
        Case("åtgärd 2.10 som talet 2.1", "atg210.xlsx", v(_set(M, A12=2.1, C12=2025, E12="Genomförd")),
             [(M, 12, "Åtgärd", "ATGARD_TVETYDIG")], agency="Kriminalvården", actor="coordinator"),
        Case("okänd åtgärd", "atg2.xlsx", v(_set(M, A12="9.1", C12=2025, E12="Pågående")),
             [(M, 12, "Åtgärd", "ATGARD_OKAND")]),
        Case("kommun rapporterar annan kommun", "botkyrka.xlsx",
             lambda t: _variant_botkyrka(t["botkyrka"], area="Solna"), [(I, 5, "Område", "OMRADE_ANNAN_KOMMUN")],
             actor="coordinator"),
        Case("många fel på en gång", "manga.xlsx", v(_many), [
            (I, 5, "Värde", "VARDE_INTE_TAL"), (I, 20, "Värde", "VARDE_NEGATIVT"), (I, 21, "Värde", "ANDEL_UTANFOR"),
            (I, 25, "Värde", "MILSTOLPE_JA_NEJ"), (M, 6, "Status", "STATUS_OKAND")]),
    ]
    return cases


def _broken(xml: bytes) -> bytes:
    """3.6a (J20) a formula saved without its result, 3.6b (J21) the error value #DIV/0!."""
    xml = _replace_cell("J20", b'<c r="J20"><f>10+20</f></c>')(xml)
    return _replace_cell("J21", b'<c r="J21" t="e"><f>1/0</f><v>#DIV/0!</v></c>')(xml)


def _redate(year: int, about: bool):
    """Every År cell (and with `about` the template's own year in Om filen) changed to `year`."""
    def change(wb):
        for r in range(5, FIRST_EXTRA):
            wb[I][f"D{r}"] = year
        for r in range(4, 12):
            wb[M][f"C{r}"] = year
        if about:
            wb["Om filen"]["B3"] = year
    return change


def _rename_sheets(wb) -> None:
    wb[I].title = "Blad1"
    wb[M].title = "Blad2"


def _variant_botkyrka(template: bytes, area: str) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(template))
    ws = wb[I]
    ws["J5"] = 3
    ws["F5"] = area
    return _save(wb)


def build_valid_cases() -> list[Case]:
    """Awkward files that must import, each with the values it should produce (checked by the test)."""
    v = lambda change=None: (lambda t: _variant(t["kvv"], change))  # noqa: E731
    return [
        Case("den ifyllda mallen", "kvv.xlsx", v(), []),
        Case("rubrik längre ned, kolumner i annan ordning, extra kolumn", "ordning.xlsx",
             v(_move_header_down_and_reorder), []),
        Case("sammanfogade id-celler", "merge.xlsx", v(_merge_ids), []),
        Case("dolda rader och kolumner", "dolt.xlsx", v(_hide_rows), []),
        Case("tomma rader och mellanslag", "tomrad.xlsx", v(_blank_rows_and_spaces), []),
        Case("tusentalsavgränsare, procenttecken, decimalkomma, ja", "tal.xlsx", v(_awkward_numbers), [],
             values={("3.6a", "", ""): 1234, ("3.6b", "", ""): 19.5, ("8.6a", "", ""): 36}),
        Case("procentformaterad cell", "procent.xlsx", v(_percent_cell), [], values={("3.6b", "", ""): 19}),
        # invisible marks (a left-to-right mark, a zero-width space) pasted with a number are not part of it; a text
        # in a percent-formatted cell is the number it says (the format turns only numbers into per cent)
        Case("osynliga tecken i tal och text i en procentformaterad cell", "osynligt.xlsx",
             v(_invisible_and_text_percent), [], values={("3.6a", "", ""): 7465, ("3.6b", "", ""): 45}),
        Case("tunna mellanrum mellan tusental och å, ä, ö i sönderdelad form", "nfd.xlsx",
             v(_spaces_and_decomposed_letters), [], values={("3.6a", "", ""): 1234, ("8.6a", "", ""): 1036}),
        Case("andel som bråktal (varning)", "brak.xlsx", v(_set(I, J21=0.35)), [(I, 21, "Värde", "ANDEL_SOM_BRAK")],
             values={("3.6b", "", ""): 0.35}),
        Case("förväntade rader tomma (varning)", "tomma.xlsx", v(_set(I, J5=None, J6=None)),
             [(I, 5, "Värde", "FORVANTADE_SAKNAS")],
             values={("2.10a", "", "påbörjade"): None, ("2.10a", "", "pågående"): None}),
        Case("extra flik (notis)", "extra.xlsx", v(_extra_sheet), [("Anteckningar", None, "", "FLIK_IGNORERAD")]),
        # Excel saves a text formula's empty result as <v/>: a result, not a formula without one (which recalculating
        # could never fix); refused before as FORMEL_UTAN_VARDE
        Case("formel med tomt textresultat i Kommentar", "tomformel.xlsx", _xml(SHEET_XML, _replace_cell(
            "J20", b'<c r="J20" t="n"><v>30</v></c><c r="M20" t="str"><f>IF(K20="","",K20)</f><v/></c>')), []),
        Case("procentformaterad cell i celler utan r=", "procent-utan-r.xlsx",
             _xml(SHEET_XML, _without_references, _percent_cell), [], values={("3.6b", "", ""): 19}),
        Case("procentformaterad cell i Strict Open XML", "procent-strikt.xlsx",
             lambda t: _strict(_variant(t["kvv"], _percent_cell)), [], values={("3.6b", "", ""): 19}),
    ]


def _extra_sheet(wb) -> None:
    ws = wb.create_sheet("Anteckningar")
    ws["A1"] = "Mina egna anteckningar"
