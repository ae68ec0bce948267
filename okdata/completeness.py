"""Where each agency's return for a year stands: its uploads against the deadline (reported, on time or how many
days late, returned), how many values it owes (scope.py) and how many of them its live uploads hold."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlmodel import Session

from okdata import clock
from okdata.catalog import for_year, from_catalog
from okdata.domain import AgencyRef, BatchStatus, ReportingState
from okdata.models import ImportBatch, Indicator, Observation
from okdata.periods import deadline_of
from okdata.scope import catalog_frames, expected_count, expected_rows, reporting_agencies
from okdata.store import LIVE

# An agency's uploads that say where its return stands (an undone one says nothing; a replaced one was a return
# that counted until a correction replaced it while it awaited review).
COUNTED = (BatchStatus.SUBMITTED, BatchStatus.APPROVED, BatchStatus.RETURNED, BatchStatus.REPLACED)
# Uploads that were the agency's return when they came: the first of them is when the return arrived.
ARRIVED = (BatchStatus.SUBMITTED, BatchStatus.APPROVED, BatchStatus.REPLACED)


@dataclass(frozen=True)
class Completeness:
    """One agency's return for a year against the deadline."""

    agency: str
    expected: int
    uploads: int
    last_upload: datetime | None
    status: ReportingState
    overdue: bool
    days_late: int | None = None  # None: on time, or the deadline has not passed; else days after the deadline
    reported: int | None = None  # expected values its live uploads hold (unchanged ones too); None: not counted
    waiting: bool = False  # an upload waits for review (also a correction of an approved return)

    @property
    def has_reported(self) -> bool:
        """Whether a return counts for the year (submitted or approved)."""
        return self.status in (ReportingState.SUBMITTED, ReportingState.APPROVED)

    @property
    def share(self) -> float | None:
        """Reported values as a share of the expected ones."""
        return self.reported / self.expected if self.reported is not None and self.expected else None


def returns_in(agencies: list[Completeness]) -> dict[str, int]:
    """How many of the agencies and municipalities have sent their return (`done`: waiting for review or
    approved), how many are approved, and how many there are: Översikt's and the lägesrapport's line."""
    return {"done": sum(1 for a in agencies if a.has_reported),
            "approved": sum(1 for a in agencies if a.status == ReportingState.APPROVED), "total": len(agencies)}


def completeness(s: Session, year: int, today: date | None = None, values: bool = False) -> list[Completeness]:
    """Per reporting agency: expected values, uploads for the year, latest state, overdue and days late against
    the deadline; with `values`, also how many of the expected values its live uploads hold."""
    deadline = deadline_of(s, year)
    q = (select(ImportBatch.agency_id, ImportBatch.status, func.count(), func.min(ImportBatch.created_at),
                func.max(ImportBatch.created_at))
         .where(ImportBatch.kind == "upload", ImportBatch.year == year, ImportBatch.status.in_(COUNTED))
         .group_by(ImportBatch.agency_id, ImportBatch.status))
    states: dict[int, dict[str, tuple[int, datetime, datetime]]] = {}
    for agency_id, status, n, first, last in s.execute(q):
        states.setdefault(agency_id, {})[status] = (n, first, last)
    with for_year(s, year) as plan:
        held = reported_values(s, year) if values else {}
        expected = expected_counts(s, year, plan.end_year if plan else None)
        return [agency_state(a.name, expected[a.id], states.get(a.id, {}), deadline, today,
                             reported_of(s, a, year, held.get(a.id, set())) if values else None)
                for a in reporting_agencies(s)]


def expected_counts(s: Session, year: int, plan_end: int | None) -> dict[int, int]:
    """Per reporting agency (by id): how many values it owes for the year, kept per catalog revision."""
    def build() -> dict[int, int]:
        frames = catalog_frames(s)
        return {a.id: expected_count(frames, a, year, plan_end) for a in reporting_agencies(s)}

    return from_catalog(s, ("expected_counts", year, plan_end), build)


def reported_values(s: Session, year: int) -> dict[int, set[tuple]]:
    """Per agency, the values (indicator code and breakdowns) its live uploads for the year hold, whether or not a
    later upload has since become the current version: a value confirmed unchanged counts as reported (issue 13)."""
    o = Observation
    # the uploads first, then their rows by the batch index: joined from the values, SQLite read every value of
    # the year (100 ms at 1 000 000 values for some hundred uploaded ones)
    uploads = dict(s.execute(select(ImportBatch.id, ImportBatch.agency_id).where(
        ImportBatch.kind == "upload", ImportBatch.year == year, ImportBatch.status.in_(LIVE))).all())
    if not uploads:
        return {}
    # the year compared here, not in SQL: given both, SQLite's planner went by the year (its statistics average
    # the batches, and a year of example figures outweighs any upload)
    q = (select(o.batch_id, o.year, Indicator.code, o.violence_type, o.area_code, o.grp, o.category)
         .join(Indicator, Indicator.id == o.indicator_id).where(o.batch_id.in_(list(uploads))))
    out: dict[int, set[tuple]] = {}
    for batch_id, value_year, *key in s.execute(q):
        if value_year == year:
            out.setdefault(uploads[batch_id], set()).add(tuple(key))
    return out


def reported_of(s: Session, agency: AgencyRef, year: int, held: set[tuple]) -> int:
    """How many of the values the agency owes for the year are among `held`."""
    return sum(1 for e in expected_rows(s, agency, year)
               if (e.indicator, e.violence_type, e.area_code, e.grp, e.category) in held)


def agency_state(agency: str, expected: int, states: dict[str, tuple[int, datetime, datetime]],
                 deadline: date | None, today: date | None = None, reported: int | None = None) -> Completeness:
    """An agency's return for a year from its uploads' {status: (count, first time, latest time)} (rolled back
    ones left out): approved before submitted before returned; overdue when nothing counts after the deadline.
    Days late: while a return counts (submitted or approved), from the deadline to the first upload that counted
    when it came (one a correction has replaced since, too); while nothing counts, to today. `waiting`: an upload
    waits for review, also a correction sent in after an approved return (which the status, approved, hides)."""
    today = today or clock.today()
    n = sum(v[0] for v in states.values())
    last = max((v[2] for v in states.values()), default=None)
    if BatchStatus.APPROVED in states:
        status = ReportingState.APPROVED
    elif BatchStatus.SUBMITTED in states:
        status = ReportingState.SUBMITTED
    elif BatchStatus.RETURNED in states:
        status = ReportingState.RETURNED
    else:
        status = ReportingState.NOT_STARTED
    overdue = deadline is not None and today > deadline and status in (ReportingState.NOT_STARTED,
                                                                        ReportingState.RETURNED)
    counted = [v[1] for st, v in states.items() if st in ARRIVED] if status in LIVE else []
    arrived = clock.in_sweden(min(counted)).date() if counted else today  # its day in Sweden
    late = (arrived - deadline).days if deadline is not None and arrived > deadline else None
    return Completeness(agency, expected, n, last, status, overdue, late, reported, BatchStatus.SUBMITTED in states)
