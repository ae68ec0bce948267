"""The history of returns: every batch with its values and statuses, as far as the reader's scope goes, and
undoing a batch exactly (as if it had never been uploaded: what it replaced counts again)."""

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from okdata import texts
from okdata.auth import Actor, audit, operator_actor
from okdata.checks import Problem
from okdata.domain import BatchKind, BatchStatus, Outcome, Result, Role, outcome
from okdata.formatting import fmt_list, fmt_num, fmt_quantity, fmt_value
from okdata.models import (
    Agency,
    Area,
    BatchWarning,
    ImportBatch,
    Indicator,
    Measure,
    MeasureStatus,
    Observation,
    utcnow,
)
from okdata.periods import year_state
from okdata.returns import breakdown_label
from okdata.scope import Scope
from okdata.store import OBSERVATION_KEY, STATUS_KEY, set_batch_status


def list_batches(s: Session, scope: Scope) -> pd.DataFrame:
    """Every batch of the scope's work list (`Scope.work_list`: a Rapportör's own agency's), newest first, with
    agency and counts."""
    q = (select(ImportBatch, Agency.short_name).outerjoin(Agency, Agency.id == ImportBatch.agency_id)
         .where(scope.work_list()).order_by(ImportBatch.id.desc()))
    rows = [{"id": b.id, "created_at": b.created_at, "agency": name or "", "agency_id": b.agency_id, "year": b.year,
             "file_name": b.file_name,
             "user_name": b.user_name, "kind": b.kind, "status": b.status, "n_new": b.n_new,
             "n_changed": b.n_changed, "n_unchanged": b.n_unchanged, "n_statuses": b.n_statuses,
             "n_warnings": b.n_warnings, "note": b.note, "review_note": b.review_note,
             "rolled_back_by": b.rolled_back_by, "rolled_back_at": b.rolled_back_at, "replaced_by": b.replaced_by,
             "reviewed_by": b.reviewed_by, "reviewed_at": b.reviewed_at}
            for b, name in s.execute(q)]
    df = pd.DataFrame(rows, columns=["id", "created_at", "agency", "agency_id", "year", "file_name", "user_name",
                                     "kind",
                                     "status", "n_new", "n_changed", "n_unchanged", "n_statuses", "n_warnings",
                                     "note", "review_note", "rolled_back_by", "rolled_back_at", "replaced_by",
                                     "reviewed_by", "reviewed_at"])
    df["year"] = df["year"].astype("Int64")
    df["replaced_by"] = df["replaced_by"].astype("Int64")
    return df


def batch_values(s: Session, batch_id: int, scope: Scope) -> pd.DataFrame:
    """The values a batch holds, with whether the views show each to the one reading (`scope.shown`: the approved
    one of its key, or for a Samordnare who asked for submitted figures the newest; never the per-key
    `is_current` alone, which is another agency's newer waiting value); none for a batch outside the scope."""
    areas = dict(s.execute(select(Area.code, Area.name)).all())
    q = (select(Observation, Indicator.code, Indicator.kind, scope.shown(Observation))
         .join(Indicator, Indicator.id == Observation.indicator_id)
         .join(ImportBatch, ImportBatch.id == Observation.batch_id)
         .where(Observation.batch_id == batch_id, scope.batches())
         .order_by(Observation.sheet_row, Observation.id))  # in file order (a return is saved in key order)
    return pd.DataFrame([{
        "indicator": code, "year": o.year,
        "breakdown": breakdown_label(o.violence_type, o.area_code, o.grp, o.category, areas),
        "value": fmt_value(o.value_num, kind, o.value_text), "comment": o.comment, "sheet_row": o.sheet_row,
        "shown": bool(shown),
    } for o, code, kind, shown in s.execute(q)], columns=["indicator", "year", "breakdown", "value", "comment",
                                                           "sheet_row", "shown"])


def batch_statuses(s: Session, batch_id: int, scope: Scope) -> pd.DataFrame:
    """The measure statuses a batch holds, with whether the views show each (as batch_values) and the approved
    status of another batch it would replace (`before`, '' when none: Granska shows the change, not only the new
    status); none for a batch outside the scope."""
    prior = aliased(MeasureStatus)
    q = (select(MeasureStatus, Measure.code, scope.shown(MeasureStatus), prior.status)
         .join(Measure, Measure.id == MeasureStatus.measure_id)
         .join(ImportBatch, ImportBatch.id == MeasureStatus.batch_id)
         .outerjoin(prior, and_(*(getattr(prior, k) == getattr(MeasureStatus, k) for k in STATUS_KEY),
                                prior.is_approved.is_(True), prior.batch_id != MeasureStatus.batch_id))
         .where(MeasureStatus.batch_id == batch_id, scope.batches()).order_by(MeasureStatus.id))
    return pd.DataFrame([{"measure": code, "year": m.year, "before": before or "", "status": m.status,
                          "description": m.description, "shown": bool(shown)}
                         for m, code, shown, before in s.execute(q)],
                        columns=["measure", "year", "before", "status", "description", "shown"])


@dataclass(frozen=True)
class UploadWarnings:
    """The warnings said to the uploader of a batch, and whether they were confirmed before the save."""

    problems: tuple[Problem, ...] = ()
    confirmed: bool = False


def batch_warnings(s: Session, batch_id: int, scope: Scope) -> UploadWarnings:
    """The warnings said to the uploader of a batch before it was saved, word for word and in the order said (none
    outside scope.warnings; none kept for a batch saved before they were, migration 0012)."""
    w = BatchWarning
    q = (select(w.sheet, w.sheet_row, w.sheet_column, w.code, w.message, w.confirmed)
         .join(ImportBatch, ImportBatch.id == w.batch_id).where(w.batch_id == batch_id, scope.warnings())
         .order_by(w.id))
    rows = s.execute(q).all()
    return UploadWarnings(tuple(Problem(*r[:5]) for r in rows), bool(rows) and all(r[5] for r in rows))


def undoable(kind: str, status: str) -> bool:
    """Whether a batch can be undone at all: an upload not already undone (example and reference data cannot)."""
    return kind == BatchKind.UPLOAD and status != BatchStatus.ROLLED_BACK


def may_undo(actor: Actor, agency_id: int | None, status: str, locked: bool = False) -> bool:
    """Whether the actor may undo an upload: a Samordnare any, a Rapportör their own agency's that is not
    approved, while its year is not locked (as for sending a return: periods.year_state)."""
    return actor.is_coordinator or (actor.role == Role.REPORTER and actor.agency_id == agency_id
                                    and status != BatchStatus.APPROVED and not locked)


def year_lock(s: Session, year: int | None, today: date | None = None) -> str:
    """Why an upload's year is locked now ('sista dag för inrapportering var 2026-03-31'), '' when it is not."""
    return year_state(s, year, today).why if year is not None else ""


def rollback(s: Session, batch_id: int, actor: Actor | None = None, today: date | None = None) -> Outcome:
    """Undo one uploaded batch exactly: its rows stop counting and what they replaced counts again (may_undo
    says who may). Codes: ok, or ok_locked when a Samordnare undid one in a locked year (logged as locked, as a
    save into it is) (value: the numbers of values and statuses taken out); unknown, not_allowed (not an upload),
    forbidden or year_locked (a Rapportör after the deadline or a publication) (refused); already_rolled_back
    (nothing to do)."""
    actor = actor or operator_actor()
    batch = s.get(ImportBatch, batch_id)
    if batch is None:
        return outcome(Result.REFUSED, "undo", "unknown", id=batch_id)
    if batch.status == BatchStatus.ROLLED_BACK:
        return outcome(Result.NOTHING, "undo", "already_rolled_back", id=batch_id)
    if not undoable(batch.kind, batch.status):
        return outcome(Result.REFUSED, "undo", "not_allowed", id=batch_id, kind=texts.BATCH_KINDS[batch.kind].lower())
    if not may_undo(actor, batch.agency_id, batch.status):
        # the agency's own return, approved since it was opened: said so, not the rule alone
        code = "approved" if may_undo(actor, batch.agency_id, BatchStatus.SUBMITTED) else "forbidden"
        return outcome(Result.REFUSED, "undo", code, id=batch_id)
    locked = year_lock(s, batch.year, today)
    if not may_undo(actor, batch.agency_id, batch.status, bool(locked)):
        return outcome(Result.REFUSED, "undo", "year_locked", id=batch_id, year=batch.year, why=locked)
    n_values = s.scalar(select(func.count()).select_from(Observation).where(Observation.batch_id == batch_id))
    n_statuses = s.scalar(select(func.count()).select_from(MeasureStatus).where(MeasureStatus.batch_id == batch_id))
    # what the views showed of it (its approved rows no later return has replaced): a returned upload showed
    # nothing, one corrected since only what the correction left out ("110 värden togs bort ur vyerna" was said
    # of an upload of which one value was still shown)
    n_shown = sum(s.scalar(select(func.count()).select_from(model).where(
        model.batch_id == batch_id, model.is_approved.is_(True))) for model in (Observation, MeasureStatus))
    before = batch.status
    batch.rolled_back_by, batch.rolled_back_at = actor.username, utcnow()
    set_batch_status(s, batch, BatchStatus.ROLLED_BACK)
    # what the views show now in place of its shown rows: an earlier approved return's rows of the same keys (a
    # 999 approved twice was said to be "no longer shown" while the earlier 999 showed in its place)
    shown_again = _shown_again(s, batch_id) if n_shown else {}
    # Undoing is "as if the upload had never been made": the submitted returns it replaced wait for review again,
    # unless a later upload of the agency and year stands (whatever became of it: one that replaced this one, or
    # one made after this one was approved or returned); that one would have replaced them, so they stay replaced,
    # by it.
    replaced = s.scalars(select(ImportBatch).where(ImportBatch.replaced_by == batch_id,
                                                   ImportBatch.status == BatchStatus.REPLACED)).all()
    successor = s.scalar(select(func.min(ImportBatch.id)).where(
        ImportBatch.kind == "upload", ImportBatch.agency_id == batch.agency_id, ImportBatch.year == batch.year,
        ImportBatch.id > batch_id, ImportBatch.status != BatchStatus.ROLLED_BACK)) if replaced else None
    restored = [] if successor is not None else replaced
    for earlier in replaced:
        earlier.replaced_by = successor
        if successor is None:
            set_batch_status(s, earlier, BatchStatus.SUBMITTED)
    said = texts.YEAR_WAS_LOCKED.format(year=batch.year, why=locked) if locked else None
    audit(s, actor.username, "rollback", "batch", batch_id, texts.AUDIT["rollback"].format(batch=batch_id),
          before={"status": before}, after={"status": "rolled_back", "restored": [b.id for b in restored],
                                            "locked_year": said})
    n_earlier = sum(shown_again.values())
    again = texts.UNDO_EARLIER.format(n=fmt_num(n_earlier), batches=fmt_list(
        [str(b) for b in sorted(shown_again, reverse=True)])) if shown_again else ""
    if restored:  # said, not only logged: a Samordnare may now approve what the reporter thought was gone
        again += texts.UNDO_WAITING[min(len(restored), 2) - 1].format(batches=fmt_list(
            [str(b.id) for b in sorted(restored, key=lambda b: b.id)]))
    return outcome(Result.DONE, "undo", "ok_locked" if locked else "ok",
                   {"values": n_values, "statuses": n_statuses, "shown": n_shown, "earlier": n_earlier},
                   id=batch_id, year=batch.year, why=locked, values=fmt_quantity(n_values, texts.COUNTED["values"]),
                   status_rows=fmt_quantity(n_statuses, texts.COUNTED["status_rows"]),
                   shown=texts.UNDO_SHOWN[min(n_shown, 2)].format(n=fmt_num(n_shown)) + again)


def _shown_again(s: Session, batch_id: int) -> dict[int, int]:
    """After undoing `batch_id`: per earlier return, how many of the undone return's keys the views now show from
    it (its approved row of the key, the newest approved before the undone one's)."""
    out: dict[int, int] = {}
    for model, key in ((Observation, OBSERVATION_KEY), (MeasureStatus, STATUS_KEY)):
        undone, shown = aliased(model), aliased(model)
        for b, n in s.execute(select(shown.batch_id, func.count()).join(
                undone, and_(*(getattr(undone, k) == getattr(shown, k) for k in key)))
                .where(undone.batch_id == batch_id, shown.is_approved.is_(True), shown.batch_id < batch_id)
                .group_by(shown.batch_id)):
            out[b] = out.get(b, 0) + n
    return out


def batch_status(s: Session, batch_id: int) -> str | None:
    """An upload's status now (submitted, approved, returned, rolled_back, replaced), the kind of a batch that is
    no upload (sample, reference, edit: never reviewed), None when there is no such batch."""
    found = s.execute(select(ImportBatch.kind, ImportBatch.status).where(ImportBatch.id == batch_id)).first()
    return None if found is None else found.status if found.kind == "upload" else found.kind
