"""The Samordnare's review of submitted returns: the queue, a batch beside the approved values it would replace,
and the decision (approve, or return with a reason)."""

import pandas as pd
from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from okdata import texts
from okdata.auth import Actor, audit, require
from okdata.domain import Outcome, Result, Role, outcome
from okdata.file_text import typed_within
from okdata.formatting import fmt_list, fmt_quantity, fmt_value
from okdata.history import list_batches
from okdata.models import OBSERVATION_KEY_COLUMNS, Agency, Area, ImportBatch, Indicator, Observation, utcnow
from okdata.periods import year_state
from okdata.returns import breakdown_label
from okdata.scope import Scope
from okdata.store import set_batch_status


def review(s: Session, batch_id: int, actor: Actor, approve: bool, reason: str = "") -> Outcome:
    """Approve a submitted upload (its figures reach the views) or return it with a reason. Codes: ok,
    ok_not_shown (values another agency's newer upload holds stay unshown), ok_published (the year's lägesrapport
    was published: a locked year changed), ok_not_shown_published (both); unknown or
    reason_missing (refused); replaced (a later upload of the agency and year replaced it), already_approved,
    already_returned or already_rolled_back (someone got there first: nothing to do). PermissionError unless the
    actor is a Samordnare."""
    require(actor, Role.COORDINATOR)
    action = "approve" if approve else "return"
    batch = s.get(ImportBatch, batch_id)
    if batch is None:
        return outcome(Result.REFUSED, action, "unknown", id=batch_id)
    if batch.kind != "upload":  # the example data, published figures: they exist, and are never reviewed
        return outcome(Result.REFUSED, action, "not_upload", id=batch_id, kind=texts.BATCH_KINDS[batch.kind].lower())
    if batch.status == "replaced":
        return outcome(Result.NOTHING, action, "replaced", id=batch_id)
    if batch.status != "submitted":
        return outcome(Result.NOTHING, action, f"already_{batch.status}", id=batch_id)
    try:
        reason = typed_within(reason)
    except ValueError as too_long:
        return Outcome(Result.REFUSED, "too_long", str(too_long))
    if not approve and not reason:
        return outcome(Result.REFUSED, action, "reason_missing", id=batch_id)
    batch.reviewed_by, batch.reviewed_at, batch.review_note = actor.username, utcnow(), reason
    set_batch_status(s, batch, "approved" if approve else "returned")
    # Approving changes what the views show for the year: after its lägesrapport was published, a locked year
    # (a save or an undo there is logged so too). A deadline passed is the normal time to review: not a lock here.
    state = year_state(s, batch.year) if approve and batch.year is not None else None
    published = state is not None and state.lock == "published"
    audit(s, actor.username, action, "batch", batch_id, texts.AUDIT[action].format(batch=batch_id, reason=reason),
          before={"status": "submitted"}, after={
              "status": batch.status, "note": batch.review_note,
              "locked_year": texts.YEAR_WAS_LOCKED.format(year=batch.year, why=state.why) if published else None})
    if approve:
        hidden, newer = _not_shown(s, batch_id)
        if hidden:  # the newest upload of a key wins: another agency's later approved upload holds these keys
            return outcome(Result.DONE, action, "ok_not_shown_published" if published else "ok_not_shown",
                           id=batch_id, values=fmt_quantity(hidden, texts.COUNTED["values"]), newer=fmt_list(newer),
                           year=batch.year, why=state.why if published else "")
        if published:
            return outcome(Result.DONE, action, "ok_published", id=batch_id, year=batch.year, why=state.why)
    return outcome(Result.DONE, action, "ok", id=batch_id)


def _not_shown(s: Session, batch_id: int) -> tuple[int, list[str]]:
    """How many values of an approved batch the views do not show, and the newer uploads whose values they show
    instead ('nr 37 (Åklagarmyndigheten)')."""
    o, newer = Observation, aliased(Observation)
    hidden = s.scalar(select(func.count()).select_from(o).where(o.batch_id == batch_id, o.is_approved.is_(False)))
    if not hidden:
        return 0, []
    same_key = [getattr(newer, c) == getattr(o, c) for c in OBSERVATION_KEY_COLUMNS]
    rows = s.execute(select(ImportBatch.id, Agency.name).distinct().join(newer, newer.batch_id == ImportBatch.id)
                     .outerjoin(Agency, Agency.id == ImportBatch.agency_id)
                     .join(o, and_(*same_key)).where(o.batch_id == batch_id, o.is_approved.is_(False),
                                                     newer.is_approved.is_(True))
                     .order_by(ImportBatch.id)).all()
    return hidden, [texts.BATCH_BY.format(batch=b, agency=a or "–") for b, a in rows]


def submitted_batches(s: Session, scope: Scope) -> pd.DataFrame:
    """Uploads waiting for the Samordnare's review, oldest first (those the scope may see)."""
    df = list_batches(s, scope)
    return df[df.status == "submitted"].sort_values("id").reset_index(drop=True)


def batch_review(s: Session, batch_id: int, scope: Scope) -> pd.DataFrame:
    """A submitted batch's values beside the approved value each would replace (none outside the scope)."""
    areas = dict(s.execute(select(Area.code, Area.name)).all())
    o = Observation
    new = (select(o.indicator_id, o.year, o.violence_type, o.area_code, o.grp, o.category, o.value_num,
                  o.value_text, o.comment, o.sheet_row, Indicator.code, Indicator.kind, o.id)
           .join(Indicator, Indicator.id == o.indicator_id).join(ImportBatch, ImportBatch.id == o.batch_id)
           .where(o.batch_id == batch_id, scope.batches()).order_by(o.sheet_row, o.id))  # in file order
    rows = s.execute(new).all()
    approved = {}
    if rows:
        q = (select(o.indicator_id, o.year, o.violence_type, o.area_code, o.grp, o.category, o.value_num,
                    o.value_text, o.id, o.batch_id, Agency.name.label("agency"))
             .join(ImportBatch, ImportBatch.id == o.batch_id).outerjoin(Agency, Agency.id == ImportBatch.agency_id)
             .where(o.is_approved.is_(True), o.indicator_id.in_({r[0] for r in rows}),
                    o.year.in_({r[1] for r in rows})))
        approved = {tuple(r[:6]): r for r in s.execute(q)}
    out = []
    for r in rows:
        old = approved.get(tuple(r[:6]))
        # the newest upload of a key wins: a value an approved later upload holds stays unshown when approved
        after = (texts.REVIEW_NEWER.format(newer=texts.BATCH_BY.format(batch=old.batch_id, agency=old.agency or "–"))
                 if old is not None and old.id > r.id else "")
        out.append({"indicator": r.code, "year": r.year,
                    "breakdown": breakdown_label(r.violence_type, r.area_code, r.grp, r.category, areas),
                    "old": fmt_value(old.value_num, r.kind, old.value_text) if old else "",
                    "new": fmt_value(r.value_num, r.kind, r.value_text), "comment": r.comment,
                    "sheet_row": r.sheet_row, "after": after})
    return pd.DataFrame(out, columns=["indicator", "year", "breakdown", "old", "new", "comment", "sheet_row", "after"])
