"""The return template: per agency and year, one row per value it owes (scope.expected_rows), written with
openpyxl: lists for the breakdowns and statuses, locked structure, instructions in Swedish, last year's values.
"""

import io
from dataclasses import dataclass
from datetime import UTC, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import select
from sqlmodel import Session

from okdata import texts
from okdata.catalog import COUNTY_CODE, current_plan, for_year
from okdata.domain import AgencyRef, Dimension, Implementation
from okdata.export import sheet_value
from okdata.formatting import period_label
from okdata.models import Area, Indicator, MeasureStatus, Observation
from okdata.scope import agency_scope, expected_rows

TEMPLATE_VERSION = "1"
EXTRA_ROWS = 25
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
REFERENCE_FILL = PatternFill("solid", fgColor="EDEDED")


def previous_values(s: Session, agency_id: int, indicator_codes: list[str], year: int) -> dict[tuple, str]:
    """Last year's values by (indicator code, vt, area, group, category), as display text, as the agency may read
    them (okdata.scope): its own submitted value where it has one, else the approved one — never another agency's
    unapproved value of an indicator they share."""
    from okdata.formatting import fmt_value
    from okdata.scope import OWN, Scope

    q = (select(Indicator.code, Indicator.kind, Observation.violence_type, Observation.area_code, Observation.grp,
                Observation.category, Observation.value_num, Observation.value_text, Observation.is_approved)
         .join(Indicator, Indicator.id == Observation.indicator_id)
         .where(Scope(OWN, agency_id).readable(Observation), Observation.year == year - 1,
                Indicator.code.in_(indicator_codes)))
    rows = sorted(s.execute(q), key=lambda r: not r.is_approved)  # the agency's own unapproved value last: it wins
    return {(c, vt, a, g, cat): fmt_value(num, kind, txt) for c, kind, vt, a, g, cat, num, txt, _ in rows}


def previous_statuses(s: Session, agency_id: int, year: int) -> dict[int, str]:
    """Last year's current status per measure id for the agency."""
    q = select(MeasureStatus.measure_id, MeasureStatus.status).where(
        MeasureStatus.agency_id == agency_id, MeasureStatus.year == year - 1, MeasureStatus.is_current.is_(True))
    return dict(s.execute(q).all())


@dataclass(frozen=True)
class Template:
    """A written template and what it holds."""

    file_name: str
    content: bytes
    indicator_rows: int
    measure_rows: int

    @property
    def is_empty(self) -> bool:
        """Nothing to report: the plan in force for the year gives the agency no indicator and no measure."""
        return self.indicator_rows == 0 and self.measure_rows == 0


def build_template(s: Session, agency: AgencyRef, year: int) -> Template:
    """The agency's return workbook for the year (docs/inrapportering.md), from the catalog revision in force for
    the year's plan period; ValueError in Swedish for a year outside every plan period (no return could be made
    from it: the check refuses the year)."""
    from okdata.periods import outside_plan

    with for_year(s, year) as plan:
        if plan is None:
            raise ValueError(outside_plan(s, year))
        return _build_template(s, agency, year)


def _build_template(s: Session, agency: AgencyRef, year: int) -> Template:
    measures, ind = agency_scope(s, agency)
    expected = expected_rows(s, agency, year)
    info = ind.set_index("code")
    areas = dict(s.execute(select(Area.code, Area.name)).all())
    previous = previous_values(s, agency.id, list(info.index), year)
    prev_status = previous_statuses(s, agency.id, year)

    wb = Workbook()
    _instructions(wb.active, agency, year)
    ws = wb.create_sheet(texts.SHEET_INDICATORS)
    cols = list(texts.COLUMNS_INDICATORS)
    ws.append(_safe(ws, [texts.TEMPLATE_TITLE.format(year=year, agency=agency.name)]))
    ws.append([texts.TEMPLATE_SUBTITLE.format(period=period_label(current_plan(s).code))])  # the year's plan
    ws.append([])
    ws.append([texts.COLUMNS_INDICATORS[c] for c in cols])
    header_row = 4
    for e in expected:
        i = info.loc[e.indicator]
        ws.append(_safe(ws, [
            e.indicator, i["name"], i["unit"], year,
            texts.VIOLENCE_TYPES.get(e.violence_type, texts.ALL_TYPES_CELL)
            if Dimension.VIOLENCE_TYPE in i["breakdowns"] else "",
            "" if e.area_code == COUNTY_CODE else areas[e.area_code], e.grp, e.category,
            previous.get((e.indicator, e.violence_type, e.area_code, e.grp, e.category), ""),
            None, None, None, None,
        ]))
    last = header_row + len(expected)
    _style_sheet(ws, cols, header_row, last, inputs={"value", "numerator", "denominator", "comment"},
                 widths={"id": 12, "name": 60, "unit": 18, "year": 7, "violence_type": 30, "area": 18,
                         "group": 10, "category": 24, "previous": 16, "value": 14, "numerator": 10,
                         "denominator": 10, "comment": 40})
    # Extra rows for values the template did not foresee: every cell is open.
    for r in range(last + 1, last + 1 + EXTRA_ROWS):
        for c in range(1, len(cols) + 1):
            ws.cell(r, c).protection = Protection(locked=False)
    _validation(ws, cols, "violence_type", header_row + 1, last + EXTRA_ROWS, "Valdstyper")
    _validation(ws, cols, "area", header_row + 1, last + EXTRA_ROWS, "Omraden")
    _validation(ws, cols, "group", header_row + 1, last + EXTRA_ROWS, "Grupper")

    ms = wb.create_sheet(texts.SHEET_MEASURES)
    mcols = list(texts.COLUMNS_MEASURES)
    ms.append(_safe(ms, [texts.TEMPLATE_MEASURES_TITLE.format(year=year, agency=agency.name)]))
    ms.append([])
    ms.append([texts.COLUMNS_MEASURES[c] for c in mcols])
    for m in measures.itertuples():
        previous = prev_status.get(m.id)  # shown in the words the Status list offers, not as stored
        ms.append(_safe(ms, [m.code, m.text, year, texts.IMPLEMENTATION[Implementation(previous)] if previous else "",
                         None, None]))
    _style_sheet(ms, mcols, 3, 3 + len(measures), inputs={"status", "description"},
                 widths={"code": 8, "text": 80, "year": 7, "previous": 18, "status": 16, "description": 70})
    _validation(ms, mcols, "status", 4, 3 + len(measures), "Statusar", error=texts.VALIDATION_STATUS_ERROR)

    about = wb.create_sheet(texts.SHEET_ABOUT)
    lists = _lists_sheet(wb, s)
    for key, value in (("agency_code", agency.code), ("agency", agency.name), ("year", year),
                       ("version", TEMPLATE_VERSION), ("created", datetime.now(UTC).isoformat(timespec="seconds"))):
        about.append(_safe(about, [texts.ABOUT_KEYS[key], value]))
    about.sheet_state = "hidden"
    lists.sheet_state = "hidden"
    wb.properties.title = texts.TEMPLATE_TITLE.format(year=year, agency=agency.name)
    wb.properties.version = TEMPLATE_VERSION
    wb.active = 1
    buf = io.BytesIO()
    wb.save(buf)
    return Template(texts.TEMPLATE_FILE_NAME.format(agency=agency.name, year=year), buf.getvalue(),
                    len(expected), len(measures))


def _safe(ws, row: list) -> list:
    """A row for the sheet `ws` with its texts as `sheet_value` makes them: a value or catalog text stored before
    such characters were cleaned or refused would otherwise fail the whole template (openpyxl refuses a control
    character), and a text starting with '=' would be written as a live formula (a descriptive value saved as
    '=HYPERLINK(…)' came back in the next year's template as a link); such a text is a quoted text cell."""
    return [sheet_value(ws, v) for v in row]


def _instructions(ws, agency: AgencyRef, year: int) -> None:
    ws.title = texts.SHEET_INSTRUCTIONS
    lines = [line.format(agency=agency.name, year=year, previous=year - 1) for line in texts.TEMPLATE_INSTRUCTIONS]
    ws.append(_safe(ws, [texts.TEMPLATE_TITLE.format(year=year, agency=agency.name)]))
    ws["A1"].font = Font(bold=True, size=14)
    for line in lines:
        ws.append(_safe(ws, [line]))
    ws["A2"].font = Font(bold=True)
    ws.column_dimensions["A"].width = 120
    for row in ws.iter_rows(min_row=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _style_sheet(ws, cols: list[str], header_row: int, last_row: int, inputs: set[str],
                 widths: dict[str, int]) -> None:
    ws["A1"].font = Font(bold=True, size=14)
    for c, key in enumerate(cols, start=1):
        cell = ws.cell(header_row, c)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(c)].width = widths.get(key, 14)
        if key in inputs:
            for r in range(header_row + 1, last_row + 1):
                ws.cell(r, c).protection = Protection(locked=False)
                ws.cell(r, c).fill = INPUT_FILL
        elif key == "previous":
            for r in range(header_row + 1, last_row + 1):
                ws.cell(r, c).fill = REFERENCE_FILL
    ws.freeze_panes = ws.cell(header_row + 1, 3)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(cols))}{max(last_row, header_row)}"
    ws.protection.sheet = True
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatColumns = False


def _lists_sheet(wb: Workbook, s: Session):
    ws = wb.create_sheet(texts.SHEET_LISTS)
    municipalities = list(s.scalars(select(Area.name).where(Area.kind == "kommun").order_by(Area.name)))
    lists = {
        "Valdstyper": [texts.ALL_TYPES_CELL, *texts.VIOLENCE_TYPES.values()],
        "Omraden": [texts.COUNTY, *municipalities],
        "Grupper": list(texts.GROUPS),
        "Statusar": list(texts.IMPLEMENTATION.values()),
    }
    for c, (name, values) in enumerate(lists.items(), start=1):
        ws.cell(1, c, name)
        for r, v in enumerate(values, start=2):
            ws.cell(r, c, v)
        col = get_column_letter(c)
        wb.defined_names[name] = DefinedName(name, attr_text=f"'{texts.SHEET_LISTS}'!${col}$2:${col}${len(values) + 1}")
    return ws


def _validation(ws, cols: list[str], key: str, first: int, last: int, named_range: str,
                error: str = texts.VALIDATION_LIST_ERROR) -> None:
    if last < first:
        return
    col = get_column_letter(cols.index(key) + 1)
    dv = DataValidation(type="list", formula1=f"={named_range}", allow_blank=True, showErrorMessage=True,
                        errorTitle=texts.VALIDATION_LIST_TITLE, error=error)
    dv.add(f"{col}{first}:{col}{last}")
    ws.add_data_validation(dv)
