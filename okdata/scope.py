"""Scope: what an agency owes and what a person may read. Templates, checks, readers and every export use it.

What an agency owes (`expected_rows`): one value per indicator of the measures it answers for (a municipality also
answers for the group "kommunerna i länet") and per breakdown the indicator allows, for a year; Länsstyrelsen also
owes the goal-level regional indicators. The template writes these rows, the check warns about those left empty,
and completeness counts them.

Who may read what (`scope_for`), applied by every reader and every export (issue 14):

- Läsare and Administratör: approved figures and statuses only.
- Rapportör: approved ones, plus their own agency's waiting for review (and, in the export of every version, their
  own agency's returned, replaced and undone ones); the history lists only their own agency's uploads.
- Samordnare: everything, and the views also show submitted figures when "visa även inskickade" is on.
- The server's command line (a database without accounts, or no --user): everything.

Two kinds of reading use the scope. The views and the lägesrapport count one value per key (`shown`): approved,
or for a Samordnare who asked also the newest submitted one. Lists and exports with provenance (`readable`) give
every row the actor may see: the approved value of each key and every value of a return waiting for review, so a
Rapportör's export holds the approved value and their own waiting one side by side (also when another agency's
newer upload holds the same key). The audit log is for Samordnare and Administratörer.
"""

import itertools
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlmodel import Session

from okdata import texts
from okdata.auth import Actor
from okdata.catalog import (
    COUNTY_CODE,
    for_year,
    from_catalog,
    indicators_frame,
    list_agencies,
    measures_frame,
)
from okdata.domain import AgencyRef, Dimension, Frequency, Role
from okdata.models import Area, ImportBatch

# --- What an agency owes --------------------------------------------------------------------------------


COUNTY_COORDINATOR = "LST"


TEMPLATE_GROUPS = ["", "kvinnor", "män"]


@dataclass(frozen=True)
class ExpectedRow:
    """One value an agency is expected to report: indicator and breakdown (codes, "" = total)."""

    indicator: str
    violence_type: str
    area_code: str
    grp: str
    category: str


def responsible_codes(agency: AgencyRef) -> set[str]:
    """The agency codes whose measures this agency answers for (a municipality answers for its group too)."""
    return {agency.code} | ({agency.parent_code} if agency.parent_code else set())


@dataclass(frozen=True)
class CatalogFrames:
    """The catalog read once, for work that loops over many agencies."""

    measures: pd.DataFrame
    indicators: pd.DataFrame
    municipalities: list[str]
    measure_rows: list = field(default_factory=list)
    indicator_rows: list = field(default_factory=list)

    def scope_codes(self, agency: AgencyRef) -> tuple[set[str], list]:
        """The agency's measure codes and its indicators as tuples (fast: no DataFrame per agency)."""
        codes = responsible_codes(agency)
        measures = {m.code for m in self.measure_rows if codes & set(m.agency_codes)}
        inds = [i for i in self.indicator_rows if not i.is_development and (
            i.measure in measures or (agency.code == COUNTY_COORDINATOR and i.measure == ""))]
        return measures, inds


def catalog_frames(s: Session) -> CatalogFrames:
    """Measures, indicators and municipality codes, read once per catalog revision (with the rows as tuples, for
    fast loops). Shared: callers filter, never change them."""
    def build() -> CatalogFrames:
        m, i = measures_frame(s), indicators_frame(s)
        return CatalogFrames(m, i, municipality_codes(s), list(m.itertuples()), list(i.itertuples()))

    return from_catalog(s, ("frames",), build)


def expected_count(frames: CatalogFrames, agency: AgencyRef, year: int, plan_end: int | None) -> int:
    """How many values the agency owes for the year (the length of expected_rows, without building them)."""
    _, inds = frames.scope_codes(agency)
    total = 0
    for r in inds:
        if r.frequency != Frequency.YEARLY and plan_end and year != plan_end:
            continue
        vts = 1 + len(texts.VIOLENCE_TYPES) if Dimension.VIOLENCE_TYPE in r.breakdowns else 1
        areas = 1 if agency.area_code or Dimension.AREA not in r.breakdowns else 1 + len(frames.municipalities)
        groups = len(TEMPLATE_GROUPS) if Dimension.GROUP in r.breakdowns else 1
        cats = max(len(r.categories), 1) if Dimension.CATEGORY in r.breakdowns else 1
        total += vts * areas * groups * cats
    return total


def agency_scope(s: Session, agency: AgencyRef) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The agency's live measures and indicators (the county coordinator also has the regional ones)."""
    measures, indicators = from_catalog(s, ("scope", agency), lambda: _agency_scope(s, agency))
    return measures.copy(), indicators.copy()


def _agency_scope(s: Session, agency: AgencyRef) -> tuple[pd.DataFrame, pd.DataFrame]:
    codes = responsible_codes(agency)
    frames = catalog_frames(s)
    # a boolean mask even when there are no measures (an empty object Series would select columns)
    measures = frames.measures[frames.measures.agency_codes.map(lambda cs: bool(codes & set(cs))).astype(bool)]
    ind = frames.indicators
    mine = ind.measure.isin(set(measures.code))
    if agency.code == COUNTY_COORDINATOR:
        mine |= ind.measure == ""
    return measures.reset_index(drop=True), ind[mine & ~ind.is_development].reset_index(drop=True)


def municipality_codes(s: Session) -> list[str]:
    """The 26 municipality codes in code order."""
    return list(s.scalars(select(Area.code).where(Area.kind == "kommun").order_by(Area.code)))


def expected_rows(s: Session, agency: AgencyRef, year: int) -> list[ExpectedRow]:
    """Every value the agency is expected to report for the year, in template order."""
    return list(from_catalog(s, ("expected", agency, year), lambda: _expected_rows(s, agency, year)))


def _expected_rows(s: Session, agency: AgencyRef, year: int) -> list[ExpectedRow]:
    with for_year(s, year) as plan:
        _, ind = agency_scope(s, agency)
        kommuner = catalog_frames(s).municipalities
    rows = []
    for r in ind.itertuples():
        if r.frequency != Frequency.YEARLY and plan and year != plan.end_year:
            continue
        vts = ["", *texts.VIOLENCE_TYPES] if Dimension.VIOLENCE_TYPE in r.breakdowns else [""]
        if agency.area_code:
            areas = [agency.area_code]
        else:
            areas = [COUNTY_CODE, *kommuner] if Dimension.AREA in r.breakdowns else [COUNTY_CODE]
        groups = TEMPLATE_GROUPS if Dimension.GROUP in r.breakdowns else [""]
        cats = list(r.categories) if Dimension.CATEGORY in r.breakdowns else [""]
        rows += [ExpectedRow(r.code, *combo) for combo in itertools.product(vts, areas, groups, cats)]
    return rows


def reporting_agencies(s: Session) -> list[AgencyRef]:
    """Agencies that have something to report (measures or indicators), parties first."""
    def build() -> list[AgencyRef]:
        frames = catalog_frames(s)
        return [a for a in list_agencies(s) if any(frames.scope_codes(a))]

    return list(from_catalog(s, ("reporting_agencies",), build))


def agencies_reporting_in(s: Session, years: list[int]) -> list[AgencyRef]:
    """Agencies that have something to report in any of `years`, each year read in its own plan period under the
    catalog revision in force for it (an open year of a plan period stays reportable after the next one has
    begun, whichever is chosen in the sidebar), parties first."""
    codes: set[str] = set()
    for year in years:
        with for_year(s, year) as plan:
            if plan is not None:
                codes.update(a.code for a in reporting_agencies(s))
    return [a for a in list_agencies(s) if a.code in codes]


def measure_reporters(s: Session) -> dict[str, int]:
    """Per measure code: how many agencies owe a status for it each year (a measure of Kommunerna i länet is owed
    by each of the 26 municipalities, not also by the group: docs/metod.md)."""
    return from_catalog(s, ("measure_reporters",),
                        lambda: {code: len(ids) for code, ids in measure_reporter_ids(s).items()})


def measure_reporter_ids(s: Session) -> dict[str, frozenset[int]]:
    """Per measure code: the ids of the agencies that owe a status for it each year; only their statuses are the
    measure's reports (a return for Länsstyrelsen may hold any measure's status, which is shown, not counted)."""
    def build() -> dict[str, frozenset[int]]:
        frames = catalog_frames(s)
        agencies = reporting_agencies(s)
        groups = {a.parent_code for a in agencies if a.parent_code}
        owed: dict[str, set[int]] = {}
        for agency in agencies:
            if agency.code in groups:  # its members owe the statuses
                continue
            for code in frames.scope_codes(agency)[0]:
                owed.setdefault(code, set()).add(agency.id)
        return {code: frozenset(ids) for code, ids in owed.items()}

    return from_catalog(s, ("measure_reporter_ids",), build)


def max_return_rows(s: Session) -> int:
    """The most rows a sheet of a return may span: twice the values one year of the catalog can hold (every
    indicator × every breakdown it allows), plus room for titles and blank lines. A return never needs more;
    a file that does is refused before it is read (workbook.py)."""
    def build() -> int:
        frames = catalog_frames(s)
        members = {Dimension.VIOLENCE_TYPE: 1 + len(texts.VIOLENCE_TYPES),
                   Dimension.AREA: 1 + len(frames.municipalities), Dimension.GROUP: 1 + len(texts.GROUPS)}
        keys = 0
        for r in frames.indicator_rows:
            n = 1
            for dimension in r.breakdowns:
                n *= 1 + len(r.categories) if dimension == Dimension.CATEGORY else members[dimension]
            keys += n
        return 2 * (keys + len(frames.measure_rows)) + 1000

    return from_catalog(s, ("max_return_rows",), build)


# --- Who may read what -----------------------------------------------------------------------------------

NONE, OWN, ALL = "none", "own", "all"


@dataclass(frozen=True)
class Scope:
    """What one actor may read: `unapproved` is none, own (the agency `agency_id`) or all."""

    unapproved: str = NONE
    agency_id: int | None = None
    include_submitted: bool = False  # the views show submitted figures too (unapproved == all only)
    log: bool = False  # may read the audit log

    @property
    def approved_only(self) -> bool:
        """Whether the views count approved values only (everyone but a Samordnare who asked for more)."""
        return not (self.unapproved == ALL and self.include_submitted)

    def shown(self, model) -> ColumnElement:
        """The one row per key that the views and the report count (Observation or MeasureStatus)."""
        return visible(model, self.approved_only)

    def readable(self, model) -> ColumnElement:
        """Every row of Observation or MeasureStatus that counts or waits to count and that the actor may list or
        export: the approved one of each key, and every row of a return waiting for review. Not the per-key
        `is_current`: that is the newest row of any agency, so a waiting value of one agency vanished once another
        agency's newer upload held the same key (2.4a is Polisen's and Åklagarmyndigheten's)."""
        if self.unapproved == ALL:
            waiting = ImportBatch.status == "submitted"
        elif self.unapproved == OWN:
            waiting = and_(ImportBatch.status == "submitted", ImportBatch.agency_id == self.agency_id)
        else:
            return model.is_approved.is_(True)
        return or_(model.is_approved.is_(True), model.batch_id.in_(select(ImportBatch.id).where(waiting)))

    def stored(self, model) -> ColumnElement:
        """Every stored version the actor may read: `readable`, and every row of the batches they may see (earlier
        approved versions, replaced, returned and undone returns): the export of every version."""
        return or_(self.readable(model), model.batch_id.in_(select(ImportBatch.id).where(self.batches())))

    def batches(self) -> ColumnElement:
        """The batches (uploads and loads) whose rows, file names and people the actor may see: a Läsare's every
        approved one; a Rapportör's the same and every one of their own agency's (a Rapportör reads what a Läsare
        reads, and more)."""
        if self.unapproved == ALL:
            return true()
        if self.unapproved == OWN and self.agency_id is not None:
            return or_(ImportBatch.status == "approved", ImportBatch.agency_id == self.agency_id)
        return ImportBatch.status == "approved"

    def work_list(self) -> ColumnElement:
        """The batches Historik lists: `batches`, for a Rapportör only their own agency's (the returns they may
        open, export and undo there; other agencies' approved uploads are shown where uploads are shown)."""
        if self.unapproved == OWN:
            return ImportBatch.agency_id == self.agency_id if self.agency_id is not None else false()
        return self.batches()

    def warnings(self) -> ColumnElement:
        """The batches whose upload warnings (history.batch_warnings) the actor may read: a warning quotes the file
        and the values of the waiting return it replaced, which only those who may read the agency's unapproved
        returns may: a Samordnare every one, a Rapportör their own agency's, a Läsare none (the diff review: an
        approved return's ERSATT_SAKNAR gave a Läsare the values of the return it had replaced)."""
        return false() if self.unapproved == NONE else self.work_list()

    def sees_batch(self, agency_id: int | None, status: str) -> bool:
        """`batches()` for one batch already read (its agency and status)."""
        if self.unapproved == ALL:
            return True
        return status == "approved" or (self.unapproved == OWN and self.agency_id is not None
                                         and agency_id == self.agency_id)


EVERYTHING = Scope(ALL, log=True)


def scope_for(actor: Actor | None, include_submitted: bool = False) -> Scope:
    """What `actor` may read; `include_submitted` is the Samordnare's "visa även inskickade" switch."""
    if actor is None:
        return Scope()
    if actor.is_operator:
        return Scope(ALL, include_submitted=include_submitted, log=True)
    if actor.role == Role.COORDINATOR:
        return Scope(ALL, include_submitted=include_submitted, log=True)
    if actor.role == Role.REPORTER:
        return Scope(OWN, actor.agency_id)
    return Scope(log=actor.role == Role.ADMIN)


def visible(model, approved_only: bool = True) -> ColumnElement:
    """The flag that selects what a view shows: approved figures, or also submitted ones."""
    return model.is_approved.is_(True) if approved_only else model.is_current.is_(True)
