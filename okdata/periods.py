"""Reporting years: which years a return may write, their deadlines, and when a year is locked.

As DHIS2's data input periods: a Samordnare opens a year with a deadline; returns may write an opened year until
its deadline. A year is locked after its deadline and once a lägesrapport for it is published, unless a Samordnare
reopens it until a given day, with a reason. A Rapportör cannot save into a locked year; a Samordnare can, after
confirming, and the log says the year was locked. Opening, reopening and every write into a locked year are
audited.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import pandas as pd
from sqlalchemy import func, select
from sqlmodel import Session

from okdata import clock, texts
from okdata.auth import Actor, audit, require
from okdata.domain import Outcome, Result, Role, outcome
from okdata.file_text import typed_within
from okdata.models import PlanPeriod, Publication, ReportingYear, utcnow


@dataclass(frozen=True)
class YearState:
    """Whether returns may write a year now, and why not."""

    year: int
    opened: bool
    deadline: date | None = None
    published: date | None = None  # the latest lägesrapport for the year
    reopened_until: date | None = None  # a reopening in force
    lock: str = ""  # "", deadline or published

    @property
    def locked(self) -> bool:
        return bool(self.lock)

    @property
    def why(self) -> str:
        """The lock's reason in Swedish, e.g. 'sista dag för inrapportering var 2026-03-31'."""
        if not self.lock:
            return ""
        return texts.YEAR_LOCK_REASONS[self.lock].format(deadline=self.deadline, published=self.published)


def _day(moment: datetime | None) -> date | None:
    """The day a last day or a reopening is set to: stored as 23:59 UTC that day, and read in UTC whatever time zone
    the database gives it back in (PostgreSQL answers in its session's zone: in Swedish time 23:59 UTC is the next
    day)."""
    return clock.aware(moment).astimezone(UTC).date() if moment else None


def year_state(s: Session, year: int, today: date | None = None) -> YearState:
    """The state of a reporting year on `today`."""
    return year_states(s, [year], today)[int(year)]


def year_states(s: Session, years, today: date | None = None) -> dict[int, YearState]:
    """The state of each of these reporting years on `today`, read in two statements whatever their number."""
    today = today or clock.today()
    wanted = sorted({int(y) for y in years})
    # every opened year and every year's latest publication (a row per year: a handful), as plain rows; a list of
    # years bound to the statements cost more than reading them all
    read = s.connection().execute
    rows = read(_OPENED_YEARS).all()
    published = dict(read(_PUBLISHED_YEARS).all()) if rows else {}
    states = {y: YearState(y, opened=False) for y in wanted}
    for row in rows:
        if row.year in states:
            states[row.year] = _opened_state(row, clock.aware(published.get(row.year)), today)
    return states


_OPENED_YEARS = select(ReportingYear.year, ReportingYear.deadline, ReportingYear.reopened_until,
                       ReportingYear.reopened_at)
_PUBLISHED_YEARS = select(Publication.year, func.max(Publication.published_at)).group_by(Publication.year)


def _opened_state(row, published_at: datetime | None, today: date) -> YearState:
    reopened_at = clock.aware(row.reopened_at)
    reopened = (row.reopened_until is not None and today <= _day(row.reopened_until)
                and (published_at is None or (reopened_at is not None and reopened_at > published_at)))
    deadline, published = _day(row.deadline), clock.in_sweden(published_at).date() if published_at else None
    if reopened:
        lock = ""
    elif published_at is not None:
        lock = "published"
    elif deadline is not None and today > deadline:
        lock = "deadline"
    else:
        lock = ""
    return YearState(row.year, True, deadline, published, _day(row.reopened_until) if reopened else None, lock)


def open_years(s: Session) -> list[int]:
    """The opened reporting years, newest first."""
    return s.connection().execute(select(ReportingYear.year).order_by(ReportingYear.year.desc())).scalars().all()


@dataclass(frozen=True)
class YearField:
    """The years a coordinator may give to open or reopen a reporting year: the plan periods' first to last year,
    with this year and last year (kept within them) to start from."""

    first: int
    last: int
    this_year: int
    last_year: int


def plan_span(s: Session) -> tuple[int | None, int | None]:
    """The plan periods' first and last year (None, None without a plan period)."""
    return tuple(s.execute(select(func.min(PlanPeriod.start_year), func.max(PlanPeriod.end_year))).one())


def year_field(s: Session, today: date | None = None) -> YearField:
    """See YearField."""
    today = today or clock.today()
    first, last = plan_span(s)
    first, last = first or today.year, last or today.year

    def within(year: int) -> int:
        return min(max(year, first), last)

    return YearField(first, last, within(today.year), within(today.year - 1))


def outside_plan(s: Session, year: int) -> str:
    """Why `year` cannot be opened nor have a template: it lies outside every plan period (in Swedish)."""
    field = year_field(s)
    return texts.PERIODS["outside_plan"].format(year=year, start=field.first, end=field.last)


def open_reporting_year(s: Session, actor: Actor, year: int, deadline: date) -> Outcome:
    """Open a reporting year, or move its deadline (unchanged when it already has that deadline)."""
    from okdata.catalog import plan_for_year

    require(actor, Role.COORDINATOR, allow_operator=True)
    if plan_for_year(s, year) is None:  # no return could be made for it (the check refuses one outside the plan)
        raise ValueError(outside_plan(s, year))
    if deadline < date(year, 12, 31):  # a year's figures are reported after it (2019-01-01 for 2026: locked at once)
        raise ValueError(texts.PERIODS["deadline_early"].format(deadline=deadline.isoformat(), year=year))
    row = s.get(ReportingYear, year)
    before = {"deadline": _day(row.deadline).isoformat()} if row and row.deadline else None
    if before == {"deadline": deadline.isoformat()}:
        return outcome(Result.NOTHING, "year_open", "unchanged", year=year, deadline=deadline.isoformat())
    row = row or ReportingYear(year=year)
    row.deadline = datetime.combine(deadline, time(23, 59), tzinfo=UTC)
    row.opened_by, row.opened_at = actor.username, utcnow()
    s.add(row)
    s.flush()
    audit(s, actor.username, "reporting_year", "reporting_year", year,
          texts.AUDIT["reporting_year"].format(year=year, deadline=deadline.isoformat()),
          before=before, after={"deadline": deadline.isoformat()})
    published = year_state(s, year)
    if published.lock == "published":  # a deadline does not lift a publication's lock: Öppna igen does
        return outcome(Result.DONE, "year_open", "ok_published", year=year, deadline=deadline.isoformat(),
                       why=published.why)
    return outcome(Result.DONE, "year_open", "ok", year=year, deadline=deadline.isoformat())


def reopen_year(s: Session, actor: Actor, year: int, until: date, reason: str, today: date | None = None) -> Outcome:
    """Reopen a locked year until a day (inclusive), with a reason; ValueError in Swedish when not possible."""
    require(actor, Role.COORDINATOR, allow_operator=True)
    today = today or clock.today()
    row = s.get(ReportingYear, year)
    if row is None:
        raise ValueError(texts.PERIODS["not_opened"].format(year=year))
    reason = typed_within(reason)
    if not reason:
        raise ValueError(texts.PERIODS["reason_missing"])
    if until < today:
        raise ValueError(texts.PERIODS["until_past"].format(until=until.isoformat()))
    before = {"reopened_until": _day(row.reopened_until).isoformat() if row.reopened_until else None}
    row.reopened_until = datetime.combine(until, time(23, 59), tzinfo=UTC)
    row.reopened_by, row.reopened_at, row.reopen_reason = actor.username, utcnow(), reason
    s.add(row)
    s.flush()
    audit(s, actor.username, "year_reopen", "reporting_year", year,
          texts.AUDIT["year_reopen"].format(year=year, until=until.isoformat(), reason=reason),
          before=before, after={"reopened_until": until.isoformat(), "reason": reason})
    return outcome(Result.DONE, "year_reopen", "ok", year=year, until=until.isoformat())


def reporting_year_table(s: Session, today: date | None = None) -> pd.DataFrame:
    """Opened reporting years with their deadlines and state (open, or locked and why)."""
    rows = []
    for r in s.scalars(select(ReportingYear).order_by(ReportingYear.year.desc())).all():
        state = year_state(s, r.year, today)
        rows.append({"year": r.year, "deadline": _day(r.deadline), "opened_by": r.opened_by,
                     "state": texts.PERIODS["locked"].format(why=state.why) if state.locked else
                     texts.PERIODS["reopened"].format(until=state.reopened_until) if state.reopened_until else
                     texts.PERIODS["open"]})
    return pd.DataFrame(rows, columns=["year", "deadline", "opened_by", "state"])


def deadline_of(s: Session, year: int) -> date | None:
    """The deadline of a reporting year, if opened."""
    deadline = s.scalar(select(ReportingYear.deadline).where(ReportingYear.year == year))  # a column, not the row
    return _day(deadline)


def reporting_years(s: Session, today: date | None = None) -> list[int]:
    """Years a return may be made for in the plan period read (the one chosen in the sidebar): its years up to this
    year, newest first; its first year when it has not begun."""
    from okdata.catalog import current_plan, from_catalog

    today = today or clock.today()

    def build() -> list[int]:
        plan = current_plan(s)
        return sorted(range(plan.start_year, min(plan.end_year, today.year) + 1), reverse=True) or [plan.start_year]

    return list(from_catalog(s, ("reporting_years", today.year), build))


def plan_open_years(s: Session) -> list[int]:
    """The opened reporting years of the plan period read, newest first."""
    from okdata.catalog import current_plan

    plan = current_plan(s)
    return [y for y in open_years(s) if plan.start_year <= y <= plan.end_year]


def reporting_year_choices(s: Session) -> list[int]:
    """The years Rapporteringsläge offers, newest first: the plan period's years up to this one and each of its
    opened reporting years (one opened ahead included), whether or not anyone has reported for it yet."""
    return sorted({*reporting_years(s), *plan_open_years(s)}, reverse=True)


def report_year(years: list[int], today: date | None = None) -> int:
    """The year the lägesrapport, Mötesläge and Myndigheter start on, of `years` (newest first, as reporting_years):
    the last whole reporting year, the newest before the current year, whose returns are in (the plan's last year
    once it has ended); the oldest of them when none is before the current year (a plan in its first year, or one
    that has not begun)."""
    this_year = (today or clock.today()).year
    return next((y for y in years if y < this_year), years[-1])
