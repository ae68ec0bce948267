"""Who may read what: one decision (`scope_for`), applied by every reader and every export (issue 14).

- Läsare and Administratör: approved figures and statuses only.
- Rapportör: approved ones, plus their own agency's that are not approved yet (submitted or returned); the
  history lists only their own agency's uploads.
- Samordnare: everything, and the views also show submitted figures when "visa även inskickade" is on.
- The server's command line (a database without accounts, or no --user): everything.

Two kinds of reading use the scope. The views and the lägesrapport count one value per key (`shown`): approved,
or for a Samordnare who asked also the newest submitted one. Lists and exports with provenance (`readable`) give
every row the actor may see, so a Rapportör's export holds the approved value and their own newer one side by
side. The audit log is for Samordnare and Administratörer.
"""

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, or_, select, true

from okdata.auth import OPERATOR, Actor
from okdata.domain import Role
from okdata.models import ImportBatch

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
        """Every current row of Observation or MeasureStatus the actor may list or export."""
        if self.unapproved == ALL:
            return or_(model.is_approved.is_(True), model.is_current.is_(True))
        if self.unapproved == OWN:
            return or_(model.is_approved.is_(True),
                       and_(model.is_current.is_(True), model.batch_id.in_(
                           select(ImportBatch.id).where(ImportBatch.agency_id == self.agency_id))))
        return model.is_approved.is_(True)

    def batches(self) -> ColumnElement:
        """The batches (uploads and loads) whose rows, file names and people the actor may see."""
        if self.unapproved == ALL:
            return true()
        if self.unapproved == OWN:
            return ImportBatch.agency_id == self.agency_id if self.agency_id is not None else false()
        return ImportBatch.status == "approved"

    def sees_batch(self, agency_id: int | None, status: str) -> bool:
        """`batches()` for one batch already read (its agency and status)."""
        if self.unapproved == ALL:
            return True
        if self.unapproved == OWN:
            return self.agency_id is not None and agency_id == self.agency_id
        return status == "approved"


EVERYTHING = Scope(ALL, log=True)


def scope_for(actor: Actor | None, include_submitted: bool = False) -> Scope:
    """What `actor` may read; `include_submitted` is the Samordnare's "visa även inskickade" switch."""
    if actor is None:
        return Scope()
    if actor.username == OPERATOR:
        return Scope(ALL, include_submitted=include_submitted, log=True)
    if actor.role == Role.COORDINATOR:
        return Scope(ALL, include_submitted=include_submitted, log=True)
    if actor.role == Role.REPORTER:
        return Scope(OWN, actor.agency_id)
    return Scope(log=actor.role == Role.ADMIN)


def visible(model, approved_only: bool = True) -> ColumnElement:
    """The flag that selects what a view shows: approved figures, or also submitted ones."""
    return model.is_approved.is_(True) if approved_only else model.is_current.is_(True)
