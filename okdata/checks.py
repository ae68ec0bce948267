"""Checking a return: every problem collected as a record (sheet, row, column, code, message), never raised.

The closed list of codes and their Swedish messages is `texts.PROBLEMS`; `WARNINGS` are warnings,
every other code is an error. Row numbers are the Excel row numbers the coordinator sees.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from okdata import clock, texts
from okdata.catalog import COUNTY_CODE, from_catalog, from_later, indicators_frame, measures_frame, plan_info
from okdata.domain import AgencyRef, Dimension
from okdata.file_text import sheet_key
from okdata.formatting import PERCENT, SCIENTIFIC_FROM, fmt_list, fmt_num, quoted
from okdata.models import Area, Measure, Observation
from okdata.scope import COUNTY_COORDINATOR, agency_scope, expected_rows
from okdata.workbook import Sheet, Workbook, cell_text, prose_text

HEADER_SEARCH_ROWS = 20
MAX_TEXT = 5000
SHARE_TOLERANCE = 0.5  # percentage points between a given share and numerator/denominator
JUMP_RATIO = 2.0  # a count or rate more than doubled or halved …
JUMP_MIN_ABS = 10  # … by at least this much
JUMP_SHARE_PP = 20  # a share moved by more than this many percentage points
# The largest plausible value of each kind: the county has about 2,5 million inhabitants, so ten million of
# anything counted is a slip of the keyboard (or a unit mistake), and a rate per 100 000 above 100 000 would mean
# more than one per inhabitant. Beyond these a value is an error, not a warning (issue 13).
LIMITS = {"count": 10_000_000, "rate": 100_000, "index": 1_000_000}


# The codes that are warnings (the person confirms them); every other code is an error that stops the save.
WARNINGS = frozenset({"STOR_FORANDRING", "ANDEL_SOM_BRAK", "FORVANTADE_SAKNAS", "FLIK_IGNORERAD",
                      "KOMMUNSUMMA_OVER_LAN", "AR_LAST_SAMORDNARE", "ERSATT_SAKNAR", "GODKANT_KVAR"})

@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a second look) in a return."""

    sheet: str
    row: int | None
    column: str
    code: str
    message: str

    @property
    def severity(self) -> str:
        return "warning" if self.code in WARNINGS else "error"

    def key(self) -> tuple:
        return (self.sheet, self.row, self.column, self.code)


QUOTED_ARGS = ("value", "name", "tab", "column", "example")  # the arguments that quote what the file holds


def problem(sheet: str, row: int | None, where: str, code: str, **args) -> Problem:
    """A problem at (sheet, row, column `where`) with its Swedish message filled in; a long cell is quoted by its
    start and length (a message per row quoting a 32 767-character cell whole ran to megabytes)."""
    for key in QUOTED_ARGS:
        if isinstance(args.get(key), str):
            args[key] = quoted(args[key])
    return Problem(quoted(sheet), row, quoted(where), code, texts.PROBLEMS[code].format(**args))


@dataclass(slots=True)
class ParsedValue:
    """A value read from the Indikatorer sheet, resolved to catalog ids."""

    indicator_id: int
    indicator: str
    kind: str
    year: int
    violence_type: str
    area_code: str
    grp: str
    category: str
    value_num: float | None
    value_text: str | None
    numerator: float | None
    denominator: float | None
    comment: str
    sheet_row: int

    @property
    def key(self) -> tuple:
        return (self.indicator_id, self.year, self.violence_type, self.area_code, self.grp, self.category)


@dataclass
class ParsedStatus:
    """A measure status read from the Åtgärder sheet."""

    measure_id: int
    measure: str
    year: int
    status: str
    description: str
    sheet_row: int


class HasProblems:
    """Errors and warnings of anything that holds a `problems` list."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass
class Parsed(HasProblems):
    """Everything read from a return: values, statuses and the problems found."""

    values: list[ParsedValue] = field(default_factory=list)
    statuses: list[ParsedStatus] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    year: int | None = None


class Catalog:
    """The lookups a check needs, read once per check."""

    def __init__(self, s: Session, agency: AgencyRef, unrestricted: bool):
        """`unrestricted`: every indicator and measure is the agency's (Länsstyrelsen's returns)."""
        ind = indicators_frame(s, include_retired=True)
        self.indicators = {r.code.casefold(): r for r in ind.itertuples()}
        # what the catalog in force for the year lacks and a later revision lists (none for the latest revision)
        self.later, self.later_measures = from_later(s)
        # every measure the plan has had (one the year's catalog lacks and no later revision lists was retired)
        plan = plan_info(s)
        self.plan_measures = set(s.scalars(select(Measure.code).where(Measure.plan_period_id == plan.id))) if plan \
            else set()
        # Each indicator's categories by their casefolded words (the first spelling wins, as a scan would find).
        self.categories = {r.code: {c.casefold(): c for c in reversed(r.categories)} for r in ind.itertuples()}
        self.indicator_ids = {r.code: r.id for r in ind.itertuples()}
        m = measures_frame(s)
        self.measures = {r.code: r for r in m.itertuples()}
        scope_m, scope_i = agency_scope(s, agency)
        # Plan-end and development indicators of the agency's measures are in scope too.
        all_mine = ind[ind.measure.isin(set(scope_m.code)) | ind.code.isin(set(scope_i.code))]
        self.my_indicators = set(ind.code) if unrestricted else set(all_mine.code)
        self.my_measures = set(m.code) if unrestricted else set(scope_m.code)
        areas = s.execute(select(Area.code, Area.name)).all()
        self.area_names = dict(areas)
        self.areas = {}
        for code, name in areas:
            self.areas[name.casefold()] = code
            self.areas[code] = code
            self.areas[code.lstrip("0")] = code
        self.areas[texts.COUNTY.casefold()] = COUNTY_CODE
        self.violence = {texts.ALL_TYPES_CELL.casefold(): "", texts.ALL_VIOLENCE_TYPES.casefold(): ""}
        for code, name in texts.VIOLENCE_TYPES.items():
            self.violence[name.casefold()] = code
            self.violence[code.casefold()] = code
            self.violence[texts.VIOLENCE_TYPE_SHORT[code].casefold()] = code
        self.groups = {g.casefold(): g for g in texts.GROUPS} | {texts.ALL_GROUPS.casefold(): ""}
        self.statuses = {label.casefold(): code for code, label in texts.IMPLEMENTATION.items()}

    def area(self, text: str) -> str | None:
        """The area's code by its name, code or code without leading zeros, also as the municipality names itself:
        'Botkyrka kommun', 'Danderyds kommun', 'Stockholms stad' (the genitive s of a name ending in a consonant)."""
        folded = text.casefold()
        code = self.areas.get(folded) or self.areas.get(text.lstrip("0"))
        if code is None:
            name = folded.removesuffix(" kommun").removesuffix(" stad")
            if name != folded:
                code = self.areas.get(name) or (self.areas.get(name[:-1]) if name.endswith("s") else None)
        return code


def find_header(sheet: Sheet, required: list[str]) -> tuple[int | None, dict[str, int], list[Problem]]:
    """The header row (0-based) within the first 20 rows that holds the required headers, and column indexes."""
    wanted = [h.casefold() for h in required]
    for r, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        names = [cell_text(v).casefold() for v in row]
        if all(w in names for w in wanted):
            cols: dict[str, int] = {}
            problems = []
            told: set[str] = set()
            for c, n in enumerate(names):
                if not n:
                    continue
                if n in cols:
                    if n not in told:  # three times (merged cells, say) is one problem
                        told.add(n)
                        problems.append(problem(sheet.name, r + 1, cell_text(row[c]), "KOLUMN_DUBBEL",
                                                column=cell_text(row[c])))
                else:
                    cols[n] = c
            return r, cols, problems
    return None, {}, [problem(sheet.name, None, "", "RUBRIK_SAKNAS",
                              required=fmt_list(required))]


def shown(v) -> str:
    """A cell as the coordinator typed it, numbers with a decimal comma (0,35 rather than 0.35)."""
    if isinstance(v, int | float) and not isinstance(v, bool):
        return f"{v:.15g}".replace(".", ",")  # as typed: to ten digits, 2025.0000001 read '2025 är inte ett år'
    return cell_text(v)


# The spaces a number's thousands may be parted by: a space, a no-break space, a narrow no-break space (Excel's
# and Word's Swedish number formats), a thin space and a figure space (typographic).
GROUP_SPACES = " \u00a0\u202f\u2009\u2007"
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}[.,][0-9]{3}")
# A number as a person types one: ASCII digits, thousands parted by spaces in groups of three, a decimal comma or
# point, an exponent (as Excel reads "2,04E2"), a per cent sign. Not Python's wider float(): digit groups of any
# size ("74 65"), underscores ("7_465") or other scripts' digits ("７４６５") are not numbers in a return.
_TYPED_NUMBER = re.compile(rf"([+-]?(?:[0-9]{{1,3}}(?:[{GROUP_SPACES}][0-9]{{3}})+|[0-9]+)(?:[.,][0-9]+)?"
                           rf"(?:[eE][+-]?[0-9]+)?)[{GROUP_SPACES}]*(%?)")
_SPACES = re.compile(f"[{GROUP_SPACES}]")


def thousands_ambiguous(v) -> str | None:
    """A whole number typed with a point or comma before three digits ('2.000', '2,000') reads as 2 or as 2 000: the
    number it would be with the mark taken for a thousands separator, else None. Asked of counts only: a share of
    12,125 % is a decimal."""
    if not isinstance(v, str):
        return None
    text = _SPACES.sub("", _visible(v)).strip()
    return text.replace(".", "").replace(",", "").lstrip("+") if _THOUSANDS.fullmatch(text) else None


def parse_number(v) -> float | None:
    """A number from a cell: 1234, "1 234", "1234,5", "1234.5", "19 %" (→ 19). None when not a number."""
    read = _read_number(v)
    return None if read is None else read[0]


def typed_percent(v) -> bool:
    """Whether a text cell is a number typed with a per cent sign ("19 %")."""
    read = _read_number(v)
    return read is not None and read[1]


def _read_number(v) -> tuple[float, bool] | None:
    """(the number, whether a per cent sign was typed after it), or None when the cell is not a number."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return (float(v), False) if math.isfinite(v) else None
    m = _TYPED_NUMBER.fullmatch(_visible(str(v)).strip())
    if m is None:
        return None
    x = float(_SPACES.sub("", m.group(1)).replace(",", "."))
    if not math.isfinite(x) or (x == 0 and re.search("[1-9]", m.group(1).split("e")[0].split("E")[0])):
        return None  # too large, or so small that it would be stored as 0 ("254e-999")
    return x, m.group(2) == "%"


def _visible(text: str) -> str:
    """A cell's text without the invisible marks a paste can bring along a number (a left-to-right mark, a
    zero-width space, a control of the text's direction: Unicode's format characters), as cell_text shows it."""
    return text if text.isascii() else "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def parse_year(v) -> int | None:
    """A four-digit year from a cell, or None."""
    x = parse_number(v)
    if x is None or not x.is_integer() or not 1900 <= x <= 2200:
        return None
    return int(x)


def check_workbook(s: Session, wb: Workbook, agency: AgencyRef, today: date | None = None,
                   year: int | None = None) -> Parsed:
    """Read and check both sheets of a return for an agency; collect every problem. A return holds the agency's own
    indicators and measures whoever uploads it (a Samordnare's upload for Polisen of Kriminalvården's file, its
    'Om filen' sheet gone, saved Kriminalvården's figures and statuses as Polisen's); Länsstyrelsen's may hold any.

    `year` is the year the return is for (chosen at upload or written in the template); without it, the year of
    the first row. A row for another year is an error: a return writes one year.
    """
    today = today or clock.today()
    whole = agency.code == COUNTY_COORDINATOR
    # Built once per catalog revision, agency and reach (catalog.from_catalog): the checks only read it.
    cat = from_catalog(s, ("check_catalog", agency, whole), lambda: Catalog(s, agency, whole))
    out = Parsed(year=year)
    ind_sheet = _sheet(wb, texts.SHEET_INDICATORS, out)
    m_sheet = _sheet(wb, texts.SHEET_MEASURES, out)
    if ind_sheet is None and m_sheet is None:
        if not out.problems:
            out.problems.append(problem("", None, "", "FLIK_SAKNAS"))
        return out
    known = {sheet_key(k) for k in (texts.SHEET_INDICATORS, texts.SHEET_MEASURES, texts.SHEET_INSTRUCTIONS,
                                    texts.SHEET_ABOUT, texts.SHEET_LISTS)}
    for name, sh in wb.sheets.items():
        if sheet_key(name) not in known and not sh.hidden and \
                any(cell_text(v) for row in sh.rows for v in row):
            out.problems.append(problem(name, None, "", "FLIK_IGNORERAD", name=name))
    if ind_sheet is not None:
        _check_indicators(s, ind_sheet, agency, cat, today, out)
    if m_sheet is not None:
        _check_measures(m_sheet, agency, cat, today, out)
    if out.values and not out.errors:
        from okdata.cross_checks import check_consistency

        out.problems += check_consistency(s, ind_sheet.name, out.values)
    if out.year and ind_sheet is not None and not out.errors:
        _expected_left_empty(s, ind_sheet, agency, out)
    return out


def rows_year(wb: Workbook) -> int | None:
    """The year of a return's first filled row (Indikatorer, then Åtgärder) that has a readable year, whatever the
    catalog: the year a return that neither the upload nor its template gives a year is for. check_workbook takes
    it from the first row it accepts, and which rows it accepts depends on the catalog it checks against, so the
    catalog of the year is chosen by this first."""
    sheets = ((texts.SHEET_INDICATORS, texts.COLUMNS_INDICATORS, ("id", "value"),
               ("value", "numerator", "denominator")),
              (texts.SHEET_MEASURES, texts.COLUMNS_MEASURES, ("code", "status"), ("status", "description")))
    for name, headers, required, filled in sheets:
        sheet = _sheet(wb, name, Parsed())
        header, col = _columns(sheet, headers, required, Parsed()) if sheet is not None else (None, {})
        if header is None:
            continue
        width = max(c for c in col.values() if c is not None) + 1
        for row in sheet.rows[header + 1:]:
            row = [*row, *[None] * (width - len(row))]
            cells = {k: row[c] if c is not None else None for k, c in col.items()}
            if cell_text(cells[required[0]]) and any(cell_text(cells[k]) for k in filled):
                year = parse_year(cells["year"])
                if year is not None:
                    return year
    return None


def _sheet(wb: Workbook, name: str, out: Parsed) -> Sheet | None:
    """The sheet called `name` (any case, spaces around it ignored); two such sheets are an error, never a guess."""
    found = [(n, sh) for n, sh in enumerate(wb.sheets.values(), start=1) if sheet_key(sh.name) == sheet_key(name)]
    if len(found) > 1:
        shown = [f"”{quoted(sh.name)}”" for _, sh in found]
        names = ", ".join(shown)
        if len(set(shown)) < len(shown):  # alike once composed (å as a and a ring): say where each one stands
            names = texts.SHEETS_ALIKE.format(sheets=fmt_list([texts.SHEET_AT.format(name=s, n=n)
                                                               for s, (n, _) in zip(shown, found)]))
        out.problems.append(problem(found[1][1].name, None, "", "FLIK_DUBBEL", name=name, names=names))
        return None
    return found[0][1] if found else None


def _cell_problems(sheet: Sheet, r: int, columns: dict[str, int | None], headers: dict[str, str]
                   ) -> tuple[list[Problem], set[str]]:
    """Formulas saved without a result and error values (#DIV/0!, #N/A …) in the cells a row is read from:
    calamine reads both as empty, so without this they would be silently dropped."""
    out, bad = [], set()
    if not (sheet.formulas_without_value or sheet.error_cells):
        return out, bad
    for key, c in columns.items():
        if c is None:
            continue
        if (r, c) in sheet.error_cells:
            out.append(problem(sheet.name, r + 1, headers[key], "CELL_FELVARDE", value=sheet.error_cells[(r, c)]))
            bad.add(key)
        elif (r, c) in sheet.formulas_without_value:
            out.append(problem(sheet.name, r + 1, headers[key], "FORMEL_UTAN_VARDE"))
            bad.add(key)
    return out, bad


def _check_year(sheet: str, row: int, column: str, raw, s_today: date, s: Session | None, out: list) -> int | None:
    example = s_today.year - 1
    if cell_text(raw) == "":
        out.append(problem(sheet, row, column, "AR_SAKNAS", example=example))
        return None
    year = parse_year(raw)
    if year is None:
        out.append(problem(sheet, row, column, "AR_OGILTIGT", value=shown(raw), example=example))
        return None
    return year


def _columns(sheet: Sheet, headers: dict[str, str], required: tuple[str, str], out: Parsed
             ) -> tuple[int | None, dict[str, int | None]]:
    """The header row and each known column's index (None when absent); problems when a required one is missing.
    The year column is required on both sheets."""
    header, cols, probs = find_header(sheet, [headers[k] for k in required])
    out.problems += probs
    if header is None:
        return None, {}
    if headers["year"].casefold() not in cols:
        out.problems.append(problem(sheet.name, header + 1, headers["year"], "KOLUMN_SAKNAS",
                                    column=headers["year"]))
        return None, {}
    return header, {k: cols.get(v.casefold()) for k, v in headers.items()}


def _unnamed_breakdowns(sheet: Sheet, header: int, col: dict[str, int | None], cat: Catalog, out: Parsed) -> None:
    """A breakdown column whose heading was renamed or emptied is not read, so its rows would be saved without
    that breakdown (a municipality's value as the county's). An error for each column the check does not read
    that holds a member of a breakdown the sheet has no column for; a column of one's own notes stays ignored."""
    words = {w for known in cat.categories.values() for w in known}  # any indicator's categories
    members = {"area": cat.area, "violence_type": cat.violence.get, "group": cat.groups.get,
               "category": lambda text: text if text in words else None}
    missing = {k: m for k, m in members.items() if col[k] is None}
    if not missing:
        return
    read = {c for c in col.values() if c is not None}
    found: dict[int, tuple[str, str]] = {}  # column → (the breakdown it holds, an example)
    for row in sheet.rows[header + 1:]:
        for c, v in enumerate(row):
            if v is None or c in read or c in found:
                continue
            text = cell_text(v)
            key = next((k for k, known in missing.items() if text and known(text.casefold()) is not None), None)
            if key is not None:
                found[c] = key, text
    from openpyxl.utils import get_column_letter

    headings = sheet.rows[header]
    for c, (key, example) in sorted(found.items()):
        heading = cell_text(headings[c]) if c < len(headings) else ""
        out.problems.append(problem(sheet.name, header + 1, heading or get_column_letter(c + 1), "KOLUMN_OKAND",
                                    column=heading or get_column_letter(c + 1), example=example,
                                    missing=texts.COLUMNS_INDICATORS[key]))


_VALUE_FIELDS = frozenset({"value", "numerator", "denominator"})
_NONE: frozenset[str] = frozenset()
_NUMBER = (int, float)


def _check_indicators(s: Session, sheet: Sheet, agency: AgencyRef, cat: Catalog, today: date, out: Parsed) -> None:
    H = texts.COLUMNS_INDICATORS
    header, col = _columns(sheet, H, ("id", "value"), out)
    if header is None:
        return
    _unnamed_breakdowns(sheet, header, col, cat, out)
    read = {k: col[k] for k in ("id", "year", "violence_type", "area", "group", "category", "value", "numerator",
                                "denominator", "comment")}
    # A column the sheet lacks is read from one past the sheet's last, always empty: rows are padded to `width`.
    used = [c for c in read.values() if c is not None]
    absent = max(max(map(len, sheet.rows)), *used) + 1
    width = absent + 1 if len(used) < len(read) else max(used) + 1
    c_id, c_year, c_vt, c_area, c_grp, c_cat, c_value, c_num, c_den, c_comment = (
        absent if c is None else c for c in read.values())
    percent_cells = sheet.percent_cells
    broken_cells = bool(sheet.formulas_without_value or sheet.error_cells)
    years: dict = {}
    seen: dict[tuple, int] = {}
    name = sheet.name
    default_area = agency.area_code or COUNTY_CODE

    for r in range(header + 1, len(sheet.rows)):
        row = sheet.rows[r]
        if len(row) < width:
            row = [*row, *[None] * (width - len(row))]
        excel_row = r + 1
        raw_id, raw_value = cell_text(row[c_id]), row[c_value]
        raw_num, raw_den = row[c_num], row[c_den]
        p, unreadable = _cell_problems(sheet, r, read, H) if broken_cells else ([], _NONE)
        has_value = bool(cell_text(raw_value) or cell_text(raw_num) or cell_text(raw_den)
                         or not unreadable.isdisjoint(_VALUE_FIELDS))
        if not raw_id:
            if has_value:
                out.problems += [*p, problem(name, excel_row, H["id"], "ID_SAKNAS")]
            elif p:
                out.problems += p
            continue
        if not has_value:
            out.problems += p  # an expected row left empty is not reported (warned about below), but a broken
            continue  # formula or an error value in it is never silently dropped
        ind = cat.indicators.get(raw_id.casefold())
        if ind is None:
            out.problems.append(problem(name, excel_row, H["id"], "ID_OKANT", value=raw_id))
            continue
        if ind.retired:  # not in the catalog in force for the year: added from a later year, or retired
            later = cat.later.get(ind.code)
            out.problems.append(problem(name, excel_row, H["id"], "ID_SENARE", value=ind.code, year=later)
                                if later else problem(name, excel_row, H["id"], "ID_PENSIONERAD", value=ind.code))
            continue
        if ind.code not in cat.my_indicators:
            out.problems.append(problem(name, excel_row, H["id"], "ID_UTANFOR_ANSVAR", value=ind.code,
                                        agency=agency.name))
            continue
        raw_year = row[c_year]
        year = years.get(raw_year) if isinstance(raw_year, _NUMBER) else None
        if year is None and "year" not in unreadable:
            year = _check_year(name, excel_row, H["year"], raw_year, today, s, p)
            if year is not None and isinstance(raw_year, _NUMBER):
                years[raw_year] = year
        if year is not None:
            year = _year_of_return(name, excel_row, H["year"], year, out, p)
        vt = _breakdown_member(Dimension.VIOLENCE_TYPE, name, excel_row, row[c_vt], ind, cat.violence, p)
        raw = row[c_area]
        area = _breakdown_area(name, excel_row, raw, ind, agency, cat, p) if raw not in (None, "") else default_area
        grp = _breakdown_member(Dimension.GROUP, name, excel_row, row[c_grp], ind, cat.groups, p)
        raw = row[c_cat]
        category = _breakdown_category(name, excel_row, raw, ind, cat.categories[ind.code], p) \
            if raw not in (None, "") else ""
        is_percent_cell = bool(percent_cells) and (r, c_value) in percent_cells
        num, text, numerator, denominator = _value(name, excel_row, ind, raw_value, raw_num, raw_den,
                                                   is_percent_cell, unreadable, p)
        comment = prose_text(row[c_comment])
        if len(comment) > MAX_TEXT:
            p.append(problem(name, excel_row, H["comment"], "TEXT_FOR_LANG", limit=MAX_TEXT))
        if p:
            out.problems += p
            if any(x.severity == "error" for x in p):
                continue
        if year is None:
            continue
        value = ParsedValue(int(ind.id), ind.code, ind.kind, year, vt, area, grp, category, num, text,
                            numerator, denominator, comment, excel_row)
        key = value.key
        if key in seen:
            out.problems.append(problem(name, excel_row, H["id"], "DUBBLETT", first=seen[key]))
            continue
        seen[key] = excel_row
        out.values.append(value)
    _jumps(s, sheet.name, out)


def _year_of_return(sheet: str, row: int, column: str, year: int, out: Parsed, p: list) -> int | None:
    """The row's year when it is the return's; the first row sets it when the upload did not."""
    if out.year is None:
        out.year = year
    if year != out.year:
        p.append(problem(sheet, row, column, "AR_ANNAT_AN_FILEN", value=year, year=out.year))
        return None
    return year


def _jumps(s: Session, sheet: str, out: Parsed) -> None:
    """Warn about values far from last year's that carry no comment; keep the problems in row order."""
    candidates = [v for v in out.values if not v.comment and v.kind in ("count", "share", "rate")
                  and v.value_num is not None]
    if not candidates:
        return
    o = Observation
    q = select(o.indicator_id, o.year, o.violence_type, o.area_code, o.grp, o.category, o.value_num).where(
        o.is_approved.is_(True), o.indicator_id.in_({v.indicator_id for v in candidates}),
        o.year.in_({v.year - 1 for v in candidates}), o.value_num.is_not(None))
    previous = {tuple(r[:6]): r[6] for r in s.execute(q)}
    added = False
    for v in candidates:
        jump = _jump(v, previous.get((v.indicator_id, v.year - 1, *v.key[2:])))
        if jump is not None:
            out.problems.append(problem(sheet, v.sheet_row, texts.COLUMNS_INDICATORS["value"], "STOR_FORANDRING",
                                        value=shown(v.value_num), previous_year=v.year - 1, previous=shown(jump)))
            added = True
    if added:
        order = {name: i for i, name in reversed(list(enumerate(p.sheet for p in out.problems)))}
        out.problems.sort(key=lambda p: (order[p.sheet], p.row or 0))


# A breakdown read by its list of members: the column, the members' codes by their words (casefolded), the
# problems of an unknown word and of a breakdown the indicator does not have, and what the first may suggest.
_MEMBER_BREAKDOWNS = {
    Dimension.VIOLENCE_TYPE: ("violence_type", "VALDSTYP_OKAND", "VALDSTYP_EJ_TILLATEN",
                              lambda: ", ".join(texts.VIOLENCE_TYPES.values())),
    Dimension.GROUP: ("group", "GRUPP_OKAND", "GRUPP_EJ_TILLATEN", lambda: ", ".join(texts.GROUPS)),
}


def _breakdown_member(dimension: Dimension, sheet, row, raw, ind, members: dict[str, str], p) -> str:
    """A violence type's or a group's code ("" = total) from its cell, with a problem when the word is unknown or
    the indicator has no such breakdown."""
    column, unknown, not_allowed, allowed = _MEMBER_BREAKDOWNS[dimension]
    text = cell_text(raw)
    if not text:
        return ""
    code = members.get(text.casefold())
    if code is None:
        p.append(problem(sheet, row, texts.COLUMNS_INDICATORS[column], unknown, value=text, allowed=allowed()))
        return ""
    if code and dimension not in ind.breakdowns:
        p.append(problem(sheet, row, texts.COLUMNS_INDICATORS[column], not_allowed, indicator=ind.code))
    return code


def _breakdown_area(sheet, row, raw, ind, agency: AgencyRef, cat: Catalog, p) -> str:
    text = cell_text(raw)
    column = texts.COLUMNS_INDICATORS["area"]
    own = agency.area_code
    if not text:
        return own or COUNTY_CODE
    code = cat.area(text)
    if code is None:
        p.append(problem(sheet, row, column, "OMRADE_OKANT", value=text))
        return COUNTY_CODE
    if own and code != own:
        p.append(problem(sheet, row, column, "OMRADE_ANNAN_KOMMUN", agency=agency.name, value=text))
    elif not own and code != COUNTY_CODE and Dimension.AREA not in ind.breakdowns:
        p.append(problem(sheet, row, column, "OMRADE_EJ_TILLATET", indicator=ind.code))
    return code


def _breakdown_category(sheet, row, raw, ind, categories: dict[str, str], p) -> str:
    """The category as the catalog spells it (`categories`: by its casefolded words), with a problem when it is
    unknown or the indicator has no categories."""
    text = cell_text(raw)
    if not text:
        return ""
    column = texts.COLUMNS_INDICATORS["category"]
    if Dimension.CATEGORY not in ind.breakdowns:
        p.append(problem(sheet, row, column, "KATEGORI_EJ_TILLATEN", indicator=ind.code))
        return text
    match = categories.get(text.casefold())
    if match is None:
        p.append(problem(sheet, row, column, "KATEGORI_OKAND", value=text, indicator=ind.code,
                         allowed=", ".join(ind.categories)))
        return text
    return match


def _value(sheet, row, ind, raw, raw_num, raw_den, percent_cell: bool, unreadable: set[str], p):
    """(value_num, value_text, numerator, denominator) by the indicator's kind, with problems appended."""
    H = texts.COLUMNS_INDICATORS
    if "value" in unreadable:
        return None, None, None, None
    text = prose_text(raw) if ind.kind == "descriptive" else cell_text(raw)
    if ind.kind == "descriptive":
        if len(text) > MAX_TEXT:
            p.append(problem(sheet, row, H["value"], "TEXT_FOR_LANG", limit=MAX_TEXT))
        return None, text, None, None
    if ind.kind == "milestone":
        answer = {"ja": texts.YES, "nej": texts.NO}.get(text.casefold())
        if answer is None:
            if text:
                p.append(problem(sheet, row, H["value"], "MILSTOLPE_JA_NEJ", value=shown(raw)))
            return None, None, None, None
        return (1.0 if answer == texts.YES else 0.0), answer, None, None
    numerator = denominator = None
    if cell_text(raw_num) or cell_text(raw_den):
        if ind.kind != "share":
            p.append(problem(sheet, row, H["numerator"], "TALJARE_EJ_ANDEL", indicator=ind.code))
        elif not (cell_text(raw_num) and cell_text(raw_den)):
            column = H["denominator"] if cell_text(raw_num) else H["numerator"]
            p.append(problem(sheet, row, column, "TALJARE_UTAN_NAMNARE"))
        else:
            numerator, denominator = parse_number(raw_num), parse_number(raw_den)
            for value, column, rawv in ((numerator, H["numerator"], raw_num), (denominator, H["denominator"], raw_den)):
                if value is None:
                    p.append(problem(sheet, row, column, "VARDE_INTE_TAL", value=shown(rawv)))
                elif typed_percent(rawv):  # a numerator and a denominator are counts
                    p.append(problem(sheet, row, column, "PROCENT_EJ_ANDEL", value=shown(rawv),
                                     kind=texts.KINDS["count"].lower()))
                elif (whole := thousands_ambiguous(rawv)) is not None:  # a numerator and a denominator are counts
                    p.append(problem(sheet, row, column, "VARDE_TVETYDIGT", value=shown(rawv), whole=whole))
                elif value < 0:
                    p.append(problem(sheet, row, column, "VARDE_NEGATIVT", value=shown(rawv),
                                     what=texts.NEGATIVE_WHAT["count"]))
                elif value > LIMITS["count"]:
                    p.append(problem(sheet, row, column, "VARDE_ORIMLIGT", value=shown_bounded(value),
                                     kind=texts.KINDS["count"].lower(), limit=fmt_num(LIMITS["count"])))
            if numerator is not None and denominator is not None and numerator >= 0 and denominator >= 0:
                if denominator == 0:
                    p.append(problem(sheet, row, H["denominator"], "NAMNARE_NOLL"))
                elif numerator > denominator:
                    p.append(problem(sheet, row, H["numerator"], "TALJARE_STORRE", numerator=fmt_num(numerator),
                                     denominator=fmt_num(denominator)))
    if not text:
        if numerator is not None and denominator:
            return numerator / denominator * 100, None, numerator, denominator
        return None, None, numerator, denominator
    x = parse_number(raw)
    if x is None:
        p.append(problem(sheet, row, H["value"], "VARDE_INTE_TAL", value=shown(raw)))
        return None, None, numerator, denominator
    whole = thousands_ambiguous(raw) if ind.kind == "count" else None
    if whole is not None:
        p.append(problem(sheet, row, H["value"], "VARDE_TVETYDIGT", value=shown(raw), whole=whole))
        return None, None, numerator, denominator
    percent_typed = typed_percent(raw)
    # the format turns only a number into per cent: a text typed in the cell ("45") is what it says. Such a number
    # is quoted as the spreadsheet shows it (0,45 as "45 %"), not as it is stored
    percent_cell = percent_cell and not isinstance(raw, str) and not percent_typed
    as_seen = f"{shown_bounded(x * 100)}{PERCENT}" if percent_cell and math.isfinite(x * 100) else None
    if (percent_typed or percent_cell) and ind.kind != "share":
        p.append(problem(sheet, row, H["value"], "PROCENT_EJ_ANDEL", value=as_seen or shown(raw),
                         kind=texts.KINDS.get(ind.kind, ind.kind).lower()))
        return None, None, numerator, denominator
    if ind.kind == "share":
        if percent_cell:
            x *= 100
        if not 0 <= x <= 100:
            p.append(problem(sheet, row, H["value"], "ANDEL_UTANFOR", value=as_seen or shown_bounded(raw)))
        elif numerator is not None and denominator:
            computed = numerator / denominator * 100
            if abs(computed - x) > SHARE_TOLERANCE:
                p.append(problem(sheet, row, H["value"], "TALJARE_OSTAMMIG", value=as_seen or shown(raw),
                                 computed=f"{fmt_num(computed, 1)}{PERCENT}"))
        elif 0 < x < 1 and not percent_cell and not percent_typed:
            p.append(problem(sheet, row, H["value"], "ANDEL_SOM_BRAK", value=shown(raw), percent=fmt_num(x * 100)))
        return round(x, 6), None, numerator, denominator
    if x < 0 and ind.kind in ("count", "rate"):
        p.append(problem(sheet, row, H["value"], "VARDE_NEGATIVT", value=shown_bounded(raw),
                         what=texts.NEGATIVE_WHAT[ind.kind]))
    elif abs(x) > LIMITS.get(ind.kind, LIMITS["index"]):
        limit = LIMITS.get(ind.kind, LIMITS["index"])
        p.append(problem(sheet, row, H["value"], "VARDE_ORIMLIGT", value=shown_bounded(raw),
                         kind=texts.KINDS.get(ind.kind, ind.kind).lower(), limit=fmt_num(limit)))
    elif ind.kind == "count" and not float(x).is_integer():
        p.append(problem(sheet, row, H["value"], "VARDE_INTE_HELTAL", value=shown(raw)))
    return x, None, None, None


def shown_bounded(v) -> str:
    """A cell as typed, shortened when it is an absurd number or a very long text (1e308 has 309 digits)."""
    x = parse_number(v) if not isinstance(v, str) or len(v) < 400 else None
    if x is not None and abs(x) >= SCIENTIFIC_FROM:
        return fmt_num(x)
    text = shown(v)
    return text if len(text) <= 60 else text[:57] + "…"


def _jump(v: ParsedValue, previous: float | None) -> float | None:
    """Last year's value when the new one is far from it, else None."""
    if previous is None or v.value_num is None or v.kind not in ("count", "share", "rate"):
        return None
    if v.kind == "share":
        return previous if abs(v.value_num - previous) > JUMP_SHARE_PP else None
    diff = abs(v.value_num - previous)
    if diff < JUMP_MIN_ABS:
        return None
    low, high = sorted((v.value_num, previous))
    return previous if low == 0 or high / low > JUMP_RATIO else None


def _check_measures(sheet: Sheet, agency: AgencyRef, cat: Catalog, today: date, out: Parsed) -> None:
    H = texts.COLUMNS_MEASURES
    header, col = _columns(sheet, H, ("code", "status"), out)
    if header is None:
        return
    read = {k: col[k] for k in ("code", "year", "status", "description")}
    seen: dict[tuple, int] = {}
    for r in range(header + 1, len(sheet.rows)):
        row = sheet.rows[r]

        def get(key, row=row):
            c = col[key]
            return row[c] if c is not None and c < len(row) else None

        excel_row = r + 1
        p, unreadable = _cell_problems(sheet, r, read, H)
        code, status_text = cell_text(get("code")), cell_text(get("status"))
        description = prose_text(get("description"))
        if not status_text and not description and not unreadable & {"status", "description"}:
            out.problems += p
            continue
        if not code:
            out.problems += [*p, problem(sheet.name, excel_row, H["code"], "ATGARD_SAKNAS")]
            continue
        raw_code = get("code")
        if isinstance(raw_code, float) and f"{code}0" in cat.measures:
            # '2.10' typed in a General cell is the number 2.1: which of 2.1 and 2.10 was meant cannot be told
            out.problems += [*p, problem(sheet.name, excel_row, H["code"], "ATGARD_TVETYDIG", value=shown(raw_code),
                                         short=code, long=f"{code}0")]
            continue
        m = cat.measures.get(code)
        if m is None:
            later = cat.later_measures.get(code)
            why = "ATGARD_SENARE" if later else "ATGARD_PENSIONERAD" if code in cat.plan_measures else "ATGARD_OKAND"
            out.problems += [*p, problem(sheet.name, excel_row, H["code"], why, value=code, year=later)]
            continue
        if code not in cat.my_measures:
            out.problems += [*p, problem(sheet.name, excel_row, H["code"], "ATGARD_UTANFOR_ANSVAR", value=code,
                                         agency=agency.name)]
            continue
        year = None if "year" in unreadable else _check_year(sheet.name, excel_row, H["year"], get("year"), today,
                                                                None, p)
        if year is not None:
            year = _year_of_return(sheet.name, excel_row, H["year"], year, out, p)
        status = cat.statuses.get(status_text.casefold())
        if "status" in unreadable:
            pass
        elif not status_text:
            p.append(problem(sheet.name, excel_row, H["status"], "STATUS_SAKNAS", measure=code))
        elif status is None:
            p.append(problem(sheet.name, excel_row, H["status"], "STATUS_OKAND", value=status_text,
                             allowed=", ".join(texts.IMPLEMENTATION.values())))
        if len(description) > MAX_TEXT:
            p.append(problem(sheet.name, excel_row, H["description"], "TEXT_FOR_LANG", limit=MAX_TEXT))
        out.problems += p
        if p or year is None:
            continue
        if (code, year) in seen:
            out.problems.append(problem(sheet.name, excel_row, H["code"], "STATUS_DUBBLETT", measure=code, year=year,
                                        first=seen[(code, year)]))
            continue
        seen[(code, year)] = excel_row
        out.statuses.append(ParsedStatus(int(m.id), code, year, status, description, excel_row))


def _expected_left_empty(s: Session, sheet: Sheet, agency: AgencyRef, out: Parsed) -> None:
    """One warning per indicator whose expected rows for the return's year were left empty."""
    reported = {(v.indicator, v.violence_type, v.area_code, v.grp, v.category) for v in out.values
                if v.year == out.year}
    if not reported:
        return
    missing: dict[str, int] = {}
    for e in expected_rows(s, agency, out.year):
        if (e.indicator, e.violence_type, e.area_code, e.grp, e.category) not in reported:
            missing[e.indicator] = missing.get(e.indicator, 0) + 1
    if not missing:
        return
    first_rows = _first_rows(sheet, set(missing))
    for indicator, n in missing.items():
        row = first_rows.get(indicator)
        out.problems.append(problem(sheet.name, row, texts.COLUMNS_INDICATORS["value"], "FORVANTADE_SAKNAS", n=n,
                                    indicator=indicator, first=row if row else "–"))


def _first_rows(sheet: Sheet, indicators: set[str]) -> dict[str, int]:
    """The first Excel row of each indicator id on a sheet whose value is empty."""
    header, cols, _ = find_header(sheet, [texts.COLUMNS_INDICATORS["id"], texts.COLUMNS_INDICATORS["value"]])
    out: dict[str, int] = {}
    if header is None:
        return out
    c_id = cols[texts.COLUMNS_INDICATORS["id"].casefold()]
    c_val = cols[texts.COLUMNS_INDICATORS["value"].casefold()]
    for r in range(header + 1, len(sheet.rows)):
        row = sheet.rows[r]
        i = cell_text(row[c_id]) if c_id < len(row) else ""
        if i in indicators and i not in out and not (c_val < len(row) and cell_text(row[c_val])):
            out[i] = r + 1
    return out

