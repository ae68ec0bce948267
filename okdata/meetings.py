"""The steering group's meetings: notes and decisions per goal and meeting, and what changed since the last one."""

from datetime import date

import pandas as pd
from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from okdata import clock, texts
from okdata.auth import Actor, audit, require
from okdata.catalog import for_year, indicators_frame, measures_frame
from okdata.db import tuples
from okdata.domain import BatchStatus, Role
from okdata.file_text import typed_within
from okdata.models import Agency, ImportBatch, MeasureStatus, MeetingNote, Observation, utcnow
from okdata.scope import Scope


def save_note(s: Session, actor: Actor, meeting_date: date, year: int, goal: int, notes: str,
              decisions: str) -> MeetingNote:
    """Save the notes and decisions about one goal (0 = the whole plan) at one meeting; a later save of the
    same meeting and goal adds a new row, so the log keeps every version."""
    require(actor, Role.COORDINATOR)
    note = MeetingNote(meeting_date=meeting_date.isoformat(), year=year, goal_number=goal,
                       notes=typed_within(notes), decisions=typed_within(decisions),
                       author=actor.username, saved_at=utcnow())
    s.add(note)
    s.flush()
    audit(s, actor.username, "meeting_note", "meeting_note", note.id,
          texts.AUDIT["meeting_note"].format(goal=goal, date=meeting_date.isoformat()),
          after={"notes": note.notes, "decisions": note.decisions})
    return note


def decision_log(s: Session, goal: int | None = None, before: date | None = None) -> pd.DataFrame:
    """The latest saved notes per meeting and goal, newest meeting first (optionally one goal, before a date)."""
    latest = (select(MeetingNote.meeting_date, MeetingNote.goal_number, func.max(MeetingNote.id).label("id"))
              .group_by(MeetingNote.meeting_date, MeetingNote.goal_number))
    if goal is not None:
        latest = latest.where(MeetingNote.goal_number == goal)
    if before is not None:
        latest = latest.where(MeetingNote.meeting_date < before.isoformat())
    ids = [r.id for r in s.execute(latest)]
    rows = s.scalars(select(MeetingNote).where(MeetingNote.id.in_(ids))
                     .order_by(MeetingNote.meeting_date.desc(), MeetingNote.goal_number)).all() if ids else []
    return pd.DataFrame([{"meeting_date": n.meeting_date, "year": n.year, "goal": n.goal_number, "notes": n.notes,
                          "decisions": n.decisions, "author": n.author} for n in rows],
                        columns=["meeting_date", "year", "goal", "notes", "decisions", "author"])


def current_note(s: Session, meeting_date: date, goal: int) -> tuple[str, str]:
    """The notes and decisions saved so far for this meeting and goal."""
    n = s.scalars(select(MeetingNote).where(MeetingNote.meeting_date == meeting_date.isoformat(),
                                            MeetingNote.goal_number == goal)
                  .order_by(MeetingNote.id.desc())).first()
    return (n.notes, n.decisions) if n else ("", "")


def previous_meeting(s: Session, meeting_date: date) -> date | None:
    """The date of the last meeting with saved notes before this one."""
    d = s.scalar(select(func.max(MeetingNote.meeting_date)).where(MeetingNote.meeting_date < meeting_date.isoformat()))
    return date.fromisoformat(d) if d else None


def _new_since(since: date):
    """An upload the meeting of `since` had not seen: uploaded since, or approved since (a return that waited for
    review then was not among what a Läsare saw, nor approved)."""
    start = clock.start_of(since)
    return or_(ImportBatch.created_at >= start,
               and_(ImportBatch.status == BatchStatus.APPROVED, ImportBatch.reviewed_at >= start))


def changes_since(s: Session, since: date | None, scope: Scope) -> pd.DataFrame:
    """Uploads submitted or approved since a date (all when None) that the scope may see: what the meeting has
    not seen yet."""
    q = (select(ImportBatch.id, ImportBatch.created_at, Agency.short_name, ImportBatch.year, ImportBatch.status,
                ImportBatch.n_new, ImportBatch.n_changed, ImportBatch.n_statuses)
         .outerjoin(Agency, Agency.id == ImportBatch.agency_id)
         .where(ImportBatch.kind == "upload", ImportBatch.status.in_(("approved", "submitted")), scope.batches())
         .order_by(ImportBatch.id.desc()))
    if since is not None:
        q = q.where(_new_since(since))
    return pd.DataFrame(tuples(s.execute(q)), columns=["id", "created_at", "agency", "year", "status", "n_new",
                                                     "n_changed", "n_statuses"])


def goal_changes_since(s: Session, since: date | None, goal: int, scope: Scope, year: int | None = None
                       ) -> pd.DataFrame:
    """Per upload since a date (all when None) that the scope may see, for the reporting `year` when given (a
    slide of 2024 listed the uploads for 2025): how many of its values and statuses are about this goal's
    indicators and measures (a goal slide's own "what changed since the last meeting"). The goal's indicators and
    measures are those of the catalog in force for `year`; without a year, those of the plan read now."""
    o, m = Observation, MeasureStatus
    batch = (ImportBatch.kind == "upload", ImportBatch.status.in_(("approved", "submitted")), scope.batches())
    if year is not None:
        batch += (ImportBatch.year == year,)
    if since is not None:
        batch += (_new_since(since),)
    # the uploads first, then their rows through the batch index: joined the other way round, every value of the
    # goal's indicators was read (80 ms at 1 000 000 values, a third of a cold slide)
    uploads = select(ImportBatch.id).where(*batch)
    # the goal's indicators and measures in the catalog in force for the year (a later revision may have moved
    # them to another goal); "+ 0" keeps SQLite on the batch index rather than every value of those indicators
    with for_year(s, year):
        indicators, measures = indicators_frame(s), measures_frame(s)
    ind_ids = [int(i) for i in indicators.loc[indicators.goal == goal, "id"]]
    measure_ids = [int(i) for i in measures.loc[measures.goal == goal, "id"]]
    values = dict(s.execute(select(o.batch_id, func.count())
                            .where((o.indicator_id + 0).in_(ind_ids), o.batch_id.in_(uploads))
                            .group_by(o.batch_id)).all()) if ind_ids else {}
    statuses = dict(s.execute(select(m.batch_id, func.count())
                              .where((m.measure_id + 0).in_(measure_ids), m.batch_id.in_(uploads))
                              .group_by(m.batch_id)).all()) if measure_ids else {}
    ids = sorted(set(values) | set(statuses), reverse=True)
    found = s.execute(select(ImportBatch.id, ImportBatch.created_at, Agency.short_name, ImportBatch.status)
                      .outerjoin(Agency, Agency.id == ImportBatch.agency_id)
                      .where(ImportBatch.id.in_(ids))).all() if ids else []
    rows = sorted(((i, when, agency, status, values.get(i, 0), statuses.get(i, 0))
                   for i, when, agency, status in found), reverse=True)
    return pd.DataFrame(rows, columns=["id", "created_at", "agency", "status", "n_values", "n_statuses"])
