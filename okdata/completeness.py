"""Where each agency's return for a year stands: its uploads against the deadline (reported, late, returned), and
how many values it owes (scope.py)."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlmodel import Session

from okdata.catalog import for_year
from okdata.domain import BatchStatus, ReportingState
from okdata.models import ImportBatch
from okdata.periods import deadline_of
from okdata.scope import catalog_frames, expected_count, reporting_agencies

# An agency's uploads that say where its return stands (an undone or replaced one says nothing).
COUNTED = (BatchStatus.SUBMITTED, BatchStatus.APPROVED, BatchStatus.RETURNED)


@dataclass(frozen=True)
class Completeness:
    """One agency's return for a year against the deadline."""

    agency: str
    expected: int
    uploads: int
    last_upload: datetime | None
    status: ReportingState
    overdue: bool

    @property
    def has_reported(self) -> bool:
        """Whether a return counts for the year (submitted or approved)."""
        return self.status in (ReportingState.SUBMITTED, ReportingState.APPROVED)


def completeness(s: Session, year: int, today: date | None = None) -> list[Completeness]:
    """Per reporting agency: expected values, uploads for the year, latest state, overdue against the deadline."""
    deadline = deadline_of(s, year)
    q = (select(ImportBatch.agency_id, ImportBatch.status, func.count(), func.max(ImportBatch.created_at))
         .where(ImportBatch.kind == "upload", ImportBatch.year == year, ImportBatch.status.in_(COUNTED))
         .group_by(ImportBatch.agency_id, ImportBatch.status))
    states: dict[int, dict[str, tuple[int, datetime]]] = {}
    for agency_id, status, n, last in s.execute(q):
        states.setdefault(agency_id, {})[status] = (n, last)
    with for_year(s, year) as plan:
        frames = catalog_frames(s)
        return [agency_state(a.name, expected_count(frames, a, year, plan.end_year if plan else None),
                             states.get(a.id, {}), deadline, today)
                for a in reporting_agencies(s)]


def agency_state(agency: str, expected: int, states: dict[str, tuple[int, datetime]], deadline: date | None,
                 today: date | None = None) -> Completeness:
    """An agency's return for a year from its uploads' {status: (count, latest time)} (rolled back ones left
    out): approved before submitted before returned; overdue when nothing counts after the deadline."""
    today = today or date.today()
    n = sum(v[0] for v in states.values())
    last = max((v[1] for v in states.values()), default=None)
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
    return Completeness(agency, expected, n, last, status, overdue)
