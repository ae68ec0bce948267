"""The example database's reporting year as it looks a fortnight after the deadline (issue 17): most agencies'
returns approved, two awaiting review, one returned with a reason, three late, a meeting with notes and decisions,
and the year before's returns all in and its lägesrapport published.

Built by the functions a user's actions call (periods, returns.save_return, review.review, meetings.save_note,
report.publish). Two things no user action can do are done afterwards, for the sample only: each upload's time is
set back to its place in the story, and its values and statuses are flagged as example data like every other
example row. The returns hold the example database's own figures and statuses, so no view's figures change.
"""

import io
from datetime import UTC, date, datetime, time, timedelta

import openpyxl
from sqlalchemy import delete, select, update
from sqlmodel import Session

from okdata import clock, texts
from okdata.auth import Actor
from okdata.catalog import COUNTY_CODE
from okdata.domain import Role
from okdata.meetings import save_note
from okdata.models import ImportBatch, Indicator, Measure, MeasureStatus, Observation
from okdata.periods import open_reporting_year, reopen_year
from okdata.report import publish
from okdata.returns import save_return
from okdata.review import review
from okdata.scope import expected_rows, reporting_agencies
from okdata.template import build_template

YEAR = 2025
LATE = ("KVV", "POL", "AKL")  # no return yet: the demo accounts of Polisen and Kriminalvården can send theirs
WAITING = ("K0125", "K0136")  # sent by a reporter, waiting for the coordinator's review
RETURNED = "K0162"
LATE_BUT_IN = "K0114"  # approved, three days after the deadline
MUNICIPALITIES_UNIT = "antal kommuner"
DEADLINE_AGO = 14  # days before the database is made
MEETING_BEFORE_DEADLINE = 45


def tell_story(s: Session, user: str, today: date | None = None) -> int:
    """Add the year's returns, reviews, a meeting and a publication to a fresh example database; returns how many
    uploads were saved."""
    today = today or clock.today()
    coordinator = Actor(user, user, Role.COORDINATOR)
    deadline = today - timedelta(days=DEADLINE_AGO)
    open_reporting_year(s, coordinator, YEAR, deadline)
    meeting = deadline - timedelta(days=MEETING_BEFORE_DEADLINE)
    for goal, (notes, decisions) in texts.SAMPLE_STORY["meeting"].items():
        save_note(s, coordinator, meeting, YEAR, goal, notes, decisions)
    saved = _year_before(s, coordinator)
    stored = _stored(s)
    agencies = [a for a in reporting_agencies(s) if a.code not in LATE]
    municipalities = [a.code for a in agencies if a.area_code]
    for n, agency in enumerate(agencies):
        actor = (Actor(user, user, Role.REPORTER, agency.id, agency.code, agency.name) if agency.code in WAITING
                 or agency.code == RETURNED else coordinator)
        data = story_return(s, agency, stored, municipalities.index(agency.code) if agency.area_code else None)
        result = save_return(s, data, f"{texts.SAMPLE_STORY['file']} {agency.name}.xlsx", agency.name, actor,
                             today=deadline)
        if result.outcome != "saved":
            raise ValueError(f"{agency.name}: {result.outcome} {[p.message for p in result.check.errors][:3]}")
        saved += 1
        when = deadline + timedelta(days=3) if agency.code == LATE_BUT_IN else \
            meeting + timedelta(days=5 + n * (MEETING_BEFORE_DEADLINE - 6) // len(agencies))
        _as_example(s, result.batch_id, datetime.combine(when, time(9 + n % 8, 7 * n % 60), tzinfo=UTC))
        if agency.code == RETURNED:
            review(s, result.batch_id, coordinator, approve=False, reason=texts.SAMPLE_STORY["returned"])
    _not_in(s, [a for a in reporting_agencies(s) if a.code in (*LATE, *WAITING, RETURNED)])
    reopen_year(s, coordinator, YEAR, today + timedelta(days=90), texts.SAMPLE_STORY["reopen"], today)
    publish(s, coordinator, YEAR - 1)
    return saved


def _year_before(s: Session, coordinator: Actor) -> int:
    """The year before's returns, every agency's on time and approved (the year's figures as they stand, so that
    Rapporteringsläge, Översikt and the published lägesrapport count the returns behind them); an agency with
    nothing to report that year sends none. Returns how many were saved."""
    year = YEAR - 1
    stored = _stored(s, year)
    agencies = reporting_agencies(s)
    municipalities = [a.code for a in agencies if a.area_code]
    saved = 0
    for n, agency in enumerate(agencies):
        data = story_return(s, agency, stored, municipalities.index(agency.code) if agency.area_code else None, year)
        result = save_return(s, data, f"{texts.SAMPLE_STORY['file']} {agency.name} {year}.xlsx", agency.name,
                             coordinator, today=date(year + 1, 2, 1), year=year)
        if result.outcome == "errors" and [p.code for p in result.check.errors] == ["INGET_IFYLLT"]:
            continue
        if result.outcome != "saved":
            raise ValueError(f"{agency.name} {year}: {result.outcome} {[p.message for p in result.check.errors][:3]}")
        saved += 1
        _as_example(s, result.batch_id, datetime(year + 1, 2, 3 + n % 25, 9 + n % 8, 7 * n % 60, tzinfo=UTC))
    return saved


def _stored(s: Session, year: int = YEAR) -> dict[tuple, tuple]:
    """The example database's current figures for the year by (indicator code, breakdowns)."""
    o = Observation
    q = (select(Indicator.code, o.violence_type, o.area_code, o.grp, o.category, o.value_num, o.value_text,
                o.numerator, o.denominator)
         .join(Indicator, Indicator.id == o.indicator_id).where(o.year == year, o.is_approved.is_(True)))
    return {tuple(r[:5]): tuple(r[5:]) for r in s.execute(q)}


def story_return(s: Session, agency, stored: dict[tuple, tuple], rank: int | None = None, year: int = YEAR) -> bytes:
    """The agency's template filled with the example database's own figures and statuses for the year (a value the
    database does not hold is left empty, as a real return might); `rank`: a municipality's place in the county's
    list, for its own "antal kommuner" rows."""
    template = build_template(s, agency, year)
    wb = openpyxl.load_workbook(io.BytesIO(template.content))
    ws = wb[texts.SHEET_INDICATORS]
    header = [c.value for c in ws[4]]
    col = {key: header.index(name) + 1 for key, name in texts.COLUMNS_INDICATORS.items()}
    for r, e in enumerate(expected_rows(s, agency, year), start=5):
        found = stored.get((e.indicator, e.violence_type, e.area_code, e.grp, e.category))
        unit = ws.cell(r, col["unit"]).value
        county = stored.get((e.indicator, e.violence_type, COUNTY_CODE, e.grp, e.category))
        if found is None and unit == MUNICIPALITIES_UNIT and county and county[0] is not None and rank is not None:
            # A municipality's own row of "how many municipalities take part": 1 or 0, so that the municipalities
            # that answer add up to at most the county's figure.
            found = (1 if rank < county[0] else 0, None, None, None)
        if found is None:
            continue
        value, text, numerator, denominator = found
        ws.cell(r, col["value"], text if text else value)
        if unit == "procent" and numerator is not None and denominator is not None:
            ws.cell(r, col["numerator"], numerator)
            ws.cell(r, col["denominator"], denominator)
        ws.cell(r, col["comment"], texts.SAMPLE_STORY["comment"])
    statuses = dict(s.execute(select(Measure.code, MeasureStatus.status).join(Measure, Measure.id ==
                                                                               MeasureStatus.measure_id)
                              .where(MeasureStatus.agency_id == agency.id, MeasureStatus.year == year,
                                     MeasureStatus.is_current.is_(True))).all())
    ms = wb[texts.SHEET_MEASURES]
    for r in range(4, 4 + template.measure_rows):
        status = statuses.get(ms.cell(r, 1).value)
        if status:
            ms.cell(r, 5, texts.IMPLEMENTATION[status])
            ms.cell(r, 6, texts.EXAMPLE_DESCRIPTIONS[status])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _not_in(s: Session, agencies: list) -> None:
    """Take the example database's own statuses of the year from the agencies whose return is not approved (late,
    waiting for review, or returned): they would stand as reported and approved, the lägesrapport counting them and
    Mötesläge naming the agency, while Rapporteringsläge says it has not begun or is waiting. Their indicators'
    figures of the year stay, which no approved return holds: the views of the year would otherwise lose the
    example's figures of Polisen and Kriminalvården (docs/doman.md)."""
    sample = select(ImportBatch.id).where(ImportBatch.kind == "sample")
    s.execute(delete(MeasureStatus).where(MeasureStatus.year == YEAR,
                                          MeasureStatus.agency_id.in_([a.id for a in agencies]),
                                          MeasureStatus.batch_id.in_(sample)))


def _as_example(s: Session, batch_id: int, when: datetime) -> None:
    """Put an upload at its time in the story and flag what it holds as example data."""
    s.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(created_at=when))
    s.execute(update(Observation).where(Observation.batch_id == batch_id)
              .values(is_example=True, source=texts.EXAMPLE_SOURCE))
    s.execute(update(MeasureStatus).where(MeasureStatus.batch_id == batch_id).values(is_example=True))
