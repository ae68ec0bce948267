"""Returns: check an uploaded file, show its difference against the store, save it as one batch, undo it.

A save re-checks the file inside its own write transaction, so what is saved is exactly what is valid
against the store at that moment; nothing is overwritten (store.py keeps every version).
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlalchemy import Row, func, or_, select
from sqlmodel import Session

from okdata import texts
from okdata.auth import Actor, audit, operator_actor, require
from okdata.catalog import AgencyInfo, find_agency, plan_for_year
from okdata.checks import HasProblems, Parsed, ParsedStatus, ParsedValue, Problem, check_workbook, problem
from okdata.domain import Dimension, Role
from okdata.formatting import fmt_value
from okdata.models import Agency, Area, ImportBatch, Indicator, Measure, MeasureStatus, Observation, PlanPeriod, utcnow
from okdata.periods import year_state
from okdata.scope import Scope
from okdata.store import LIVE, add_observation_tuples, add_statuses, create_batch, set_batch_status
from okdata.workbook import Workbook, cell_text, read_workbook


class Change:
    """One value of a return compared with what the store holds; texts are formatted only when read."""

    __slots__ = ("kind", "value", "old_row", "areas")

    def __init__(self, kind: str, value: ParsedValue, old_row, areas: dict[str, str]):
        self.kind, self.value, self.old_row, self.areas = kind, value, old_row, areas

    @property
    def indicator(self) -> str:
        return self.value.indicator

    @property
    def year(self) -> int:
        return self.value.year

    @property
    def sheet_row(self) -> int:
        return self.value.sheet_row

    @property
    def breakdown(self) -> str:
        v = self.value
        return breakdown_label(v.violence_type, v.area_code, v.grp, v.category, self.areas)

    @property
    def new(self) -> str:
        return fmt_value(self.value.value_num, self.value.kind, self.value.value_text)

    @property
    def old(self) -> str:
        if self.old_row is None:
            return ""
        return fmt_value(self.old_row.value_num, self.value.kind, self.old_row.value_text)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "indicator": self.indicator, "year": self.year, "breakdown": self.breakdown,
                "old": self.old, "new": self.new, "sheet_row": self.sheet_row}


UPLOAD_COLUMNS = ("indicator_id", "year", "violence_type", "area_code", "grp", "category", "value_num", "value_text",
                  "numerator", "denominator", "comment", "sheet_row")


@dataclass
class ReturnCheck(HasProblems):
    """The outcome of checking a file: problems, and when clean the difference against the store."""

    file_name: str
    checksum: str
    agency: AgencyInfo | None = None
    year: int | None = None
    problems: list[Problem] = field(default_factory=list)
    parsed: Parsed | None = None
    values_to_save: list[ParsedValue] = field(default_factory=list)
    statuses_to_save: list[ParsedStatus] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # new, changed or unchanged, per parsed value
    old_rows: dict = field(default_factory=dict)  # the stored row each changed or unchanged value replaces
    areas: dict = field(default_factory=dict)
    n_new: int = 0
    n_changed: int = 0
    n_unchanged: int = 0
    n_statuses: int = 0
    duplicate_of: int | None = None
    same_as: int | None = None  # the agency's live return for the year that holds exactly this content
    replaces: list[int] = field(default_factory=list)  # submitted returns of the agency and year it will replace
    any_current: bool = False  # whether any of its keys has a current value (else nothing is superseded)

    @property
    def changes(self) -> list[Change]:
        """Every value of the return with its comparison (built when asked for: previews, the CLI)."""
        if self.parsed is None:
            return []
        return [Change(kind, v, self.old_rows.get(v.key), self.areas)
                for kind, v in zip(self.kinds, self.parsed.values)]

    @property
    def has_changes(self) -> bool:
        """Whether saving would record something: a return with content that the agency's latest live return
        for the year does not already hold exactly (unchanged values are part of a return, issue 13)."""
        return self.same_as is None and bool(self.values_to_save or self.statuses_to_save)


@dataclass(frozen=True)
class SaveResult:
    """What a save did: outcome is saved, duplicate, nothing or errors."""

    outcome: str
    batch_id: int | None
    check: ReturnCheck


def checksum(data: bytes) -> str:
    """SHA-256 of the file's bytes."""
    return hashlib.sha256(data).hexdigest()


def _about(wb: Workbook) -> dict[str, str]:
    """The hidden 'Om filen' sheet the template writes: {key: text}, e.g. {"Myndighetskod": "POL", "År": "2025"}."""
    about = next((sh for n, sh in wb.sheets.items() if n.strip().casefold() == texts.SHEET_ABOUT.casefold()), None)
    out = {}
    for row in about.rows if about is not None else []:
        if len(row) >= 2 and cell_text(row[0]):
            out.setdefault(cell_text(row[0]), cell_text(row[1]))
    return out


def resolve_agency(s: Session, wb: Workbook, agency_name: str | None) -> tuple[AgencyInfo | None, list[Problem]]:
    """The agency a return is for: the one named at upload, checked against the file's own 'Om filen'."""
    file_code = _about(wb).get(texts.ABOUT_KEYS["agency_code"], "")
    file_agency = find_agency(s, file_code) if file_code else None
    if file_code and file_agency is None:
        return None, [problem(texts.SHEET_ABOUT, None, "", "MYNDIGHET_OKAND_I_FILEN", value=file_code[:60])]
    if agency_name:
        agency = find_agency(s, agency_name)
        if agency is None:
            return None, [problem("", None, "", "MYNDIGHET_OKAND", name=agency_name)]
        if file_agency is not None and file_agency.id != agency.id:
            return None, [problem(texts.SHEET_ABOUT, None, "", "MYNDIGHET_OLIKA", file_agency=file_agency.name,
                                  agency=agency.name)]
        return agency, []
    if file_agency is None:
        return None, [problem("", None, "", "MYNDIGHET_SAKNAS")]
    return file_agency, []


def resolve_year(wb: Workbook, year: int | None) -> tuple[int | None, list[Problem]]:
    """The year a return is for: the one chosen at upload, checked against the year the template was made for.
    None when neither says (then the first row's year is the return's)."""
    from okdata.checks import parse_year

    written = _about(wb).get(texts.ABOUT_KEYS["year"], "")
    file_year = parse_year(written) if written else None
    if year is not None and file_year is not None and file_year != year:
        return None, [problem(texts.SHEET_ABOUT, None, "", "AR_FIL_OLIKA", file_year=file_year, year=year)]
    return year if year is not None else file_year, []


def period_problems(s: Session, year: int, actor: Actor, today: date) -> list[Problem]:
    """Whether the actor may write the year now: begun, in a plan period, opened, and not locked (a Samordnare
    may write a locked year after confirming). One problem for the file, not one per row."""
    if year > today.year:
        return [problem(texts.FILE_LEVEL, None, "", "AR_FRAMTID", value=year, current=today.year)]
    if plan_for_year(s, year) is None:
        periods = s.execute(select(func.min(PlanPeriod.start_year), func.max(PlanPeriod.end_year))).one()
        return [problem(texts.FILE_LEVEL, None, "", "AR_UTANFOR_PLAN", value=year, start=periods[0] or year,
                        end=periods[1] or year)]
    state = year_state(s, year, today)
    if not state.opened:
        return [problem(texts.FILE_LEVEL, None, "", "AR_EJ_OPPNAT", year=year)]
    if state.locked:
        code = "AR_LAST_SAMORDNARE" if actor.is_coordinator else "AR_LAST"
        return [problem(texts.FILE_LEVEL, None, "", code, year=year, why=state.why)]
    return []


def check_return(s: Session, data: bytes, file_name: str, agency_name: str | None = None,
                 actor: Actor | None = None, today: date | None = None, year: int | None = None) -> ReturnCheck:
    """Check a file completely for the acting user and compute its difference against the store. Writes nothing.

    `year`: the year chosen at upload (the page's year; the command line's --year), else the template's.
    Without an actor the check is the server operator's (a database without accounts, the command line).
    """
    actor = actor or operator_actor()
    today = today or date.today()
    result = ReturnCheck(file_name=file_name, checksum=checksum(data))
    if actor.role not in (Role.REPORTER, Role.COORDINATOR):
        result.problems = [problem(texts.FILE_LEVEL, None, "", "EJ_BEHORIG",
                                   reason=texts.AUTH["not_allowed"].format(
                                       role=texts.ROLE_NAMES.get(actor.role, actor.role)))]
        return result
    read = read_workbook(data, file_name, max_rows=max_return_rows(s),
                         scan_sheets=(texts.SHEET_INDICATORS, texts.SHEET_MEASURES))
    if read.problem:
        result.problems = [problem(texts.FILE_LEVEL, None, "", read.problem.code, **read.problem.args)]
        return result
    wb = read.workbook
    agency, problems = resolve_agency(s, wb, agency_name)
    if agency is None and [p.code for p in problems] == ["MYNDIGHET_SAKNAS"] and actor.role == Role.REPORTER:
        agency, problems = resolve_agency(s, wb, actor.agency_code)  # a file without 'Om filen': one's own
    result.agency = agency
    if agency is None:
        result.problems = problems
        return result
    if not actor.may_report_for(agency.id):
        result.problems = [problem(texts.FILE_LEVEL, None, "", "EJ_BEHORIG", reason=texts.AUTH["wrong_agency"].format(
            own=actor.agency_name or "–", agency=agency.name))]
        return result
    declared, problems = resolve_year(wb, year)
    if problems:
        result.problems = problems
        return result
    parsed = check_workbook(s, wb, agency, unrestricted=actor.is_coordinator, today=today, year=declared)
    result.parsed, result.year = parsed, parsed.year
    period = period_problems(s, parsed.year, actor, today) if parsed.year else []
    if any(p.severity == "error" for p in period):  # the year is wrong: warnings about its rows would be noise
        result.problems = period + [p for p in parsed.problems if p.severity == "error"]
    else:
        result.problems = period + parsed.problems
    if result.errors:
        return result
    result.duplicate_of = s.scalar(select(ImportBatch.id).where(
        ImportBatch.kind == "upload", ImportBatch.checksum == result.checksum, ImportBatch.agency_id == agency.id,
        ImportBatch.status.in_(LIVE)).order_by(ImportBatch.id.desc()).limit(1))
    _diff(s, agency, parsed, result)
    return result


def _same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)


def _diff(s: Session, agency: AgencyInfo, parsed: Parsed, result: ReturnCheck) -> None:
    """Compare the return with what the views show (the approved values): new, changed, unchanged. The whole
    return is saved, unchanged values too, so that the batch records everything the agency confirmed."""
    result.areas = dict(s.execute(select(Area.code, Area.name)).all())
    approved, result.any_current = _stored_values(s, parsed.values)
    kinds, olds = result.kinds, result.old_rows
    for v in parsed.values:
        key = v.key
        old = approved.get(key)
        if old is None:
            kinds.append("new")
            continue
        olds[key] = old
        same = (_same(old.value_num, v.value_num) and (old.value_text or None) == (v.value_text or None)
                and _same(old.numerator, v.numerator) and _same(old.denominator, v.denominator)
                and (old.comment or "") == v.comment)
        kinds.append("unchanged" if same else "changed")
    counts = Counter(result.kinds)
    result.n_new, result.n_changed, result.n_unchanged = counts["new"], counts["changed"], counts["unchanged"]
    result.values_to_save, result.statuses_to_save = list(parsed.values), list(parsed.statuses)
    result.n_statuses = len(parsed.statuses)
    live = s.execute(select(ImportBatch.id, ImportBatch.status).where(
        ImportBatch.kind == "upload", ImportBatch.agency_id == agency.id, ImportBatch.year == parsed.year,
        ImportBatch.status.in_(LIVE)).order_by(ImportBatch.id.desc())).all()
    result.replaces = [b for b, status in live if status == "submitted"]
    if live and _holds_exactly(s, live[0].id, parsed):
        result.same_as = live[0].id


def _holds_exactly(s: Session, batch_id: int, parsed: Parsed) -> bool:
    """Whether a stored batch holds exactly the values and statuses of a return (compared as sets)."""
    o, m = Observation, MeasureStatus

    def norm(key, num, txt, numerator, denominator, comment) -> tuple:
        return (*key, num, txt or None, numerator, denominator, comment or "")

    stored = {norm(tuple(r[:6]), *r[6:]) for r in s.execute(select(
        o.indicator_id, o.year, o.violence_type, o.area_code, o.grp, o.category, o.value_num, o.value_text,
        o.numerator, o.denominator, o.comment).where(o.batch_id == batch_id))}
    mine = {norm(v.key, v.value_num, v.value_text, v.numerator, v.denominator, v.comment) for v in parsed.values}
    if stored != mine:
        return False
    statuses = {tuple(r) for r in s.execute(select(m.measure_id, m.year, m.status, m.description)
                                            .where(m.batch_id == batch_id))}
    return statuses == {(st.measure_id, st.year, st.status, st.description) for st in parsed.statuses}


def _stored_values(s: Session, values: list[ParsedValue]) -> tuple[dict[tuple, Row], bool]:
    """The approved row of each key of the return, and whether any of its keys has a current row at all."""
    if not values:
        return {}, False
    ids = sorted({v.indicator_id for v in values})
    years = sorted({v.year for v in values})
    keys = {v.key for v in values}
    o = Observation
    q = select(o.indicator_id, o.year, o.violence_type, o.area_code, o.grp, o.category, o.value_num, o.value_text,
               o.numerator, o.denominator, o.comment, o.is_approved, o.is_current).where(
        or_(o.is_current.is_(True), o.is_approved.is_(True)), o.indicator_id.in_(ids), o.year.in_(years))
    approved, any_current = {}, False
    for r in s.execute(q):
        key = tuple(r[:6])
        if key not in keys:
            continue
        if r.is_approved:
            approved[key] = r
        any_current = any_current or r.is_current
    return approved, any_current


def breakdown_label(vt: str, area: str, grp: str, category: str, areas: dict[str, str]) -> str:
    """A breakdown for people: 'Botkyrka · kvinnor · Våld i nära relationer'."""
    parts = [areas.get(area, area) if area != "01" else texts.COUNTY, grp, category,
             texts.VIOLENCE_TYPES.get(vt, "")]
    return " · ".join(p for p in parts if p)


def save_return(s: Session, data: bytes, file_name: str, agency_name: str | None, actor: Actor | None = None,
                today: date | None = None, year: int | None = None) -> SaveResult:
    """Check again inside this write transaction and, when clean and not a repeat, save one batch.

    A Samordnare's upload is approved at once; a Rapportör's is submitted and waits for approval. The new upload
    replaces the agency's earlier uploads for the year that still wait for review (README, "Godkännande").
    """
    actor = actor or operator_actor()
    check = check_return(s, data, file_name, agency_name, actor=actor, today=today, year=year)
    if check.errors:
        return SaveResult("errors", None, check)
    if check.duplicate_of is not None:
        return SaveResult("duplicate", check.duplicate_of, check)
    if not check.has_changes:
        return SaveResult("nothing", check.same_as, check)
    status = "approved" if actor.is_coordinator else "submitted"
    batch = create_batch(s, "upload", user_name=actor.username, status=status, file_name=file_name[:300],
                         checksum=check.checksum, agency_id=check.agency.id, year=check.year,
                         n_new=check.n_new, n_changed=check.n_changed, n_unchanged=check.n_unchanged,
                         n_statuses=check.n_statuses, n_warnings=len(check.warnings))
    add_observation_tuples(s, batch, UPLOAD_COLUMNS, [
        (v.indicator_id, v.year, v.violence_type, v.area_code, v.grp, v.category, v.value_num, v.value_text,
         v.numerator, v.denominator, v.comment, v.sheet_row) for v in check.values_to_save],
        all_keys_new=not check.any_current)
    add_statuses(s, batch, [{
        "measure_id": st.measure_id, "agency_id": check.agency.id, "year": st.year, "status": st.status,
        "description": st.description, "sheet_row": st.sheet_row,
    } for st in check.statuses_to_save])
    for earlier in check.replaces:
        old = s.get(ImportBatch, earlier)
        old.replaced_by = batch.id
        set_batch_status(s, old, "replaced")
        audit(s, actor.username, "replace", "batch", earlier, texts.AUDIT["replace"].format(batch=earlier,
                                                                                         by=batch.id),
              before={"status": "submitted"}, after={"status": "replaced", "replaced_by": batch.id})
    locked = [p.message for p in check.warnings if p.code == "AR_LAST_SAMORDNARE"]
    audit(s, actor.username, "upload", "batch", batch.id, texts.AUDIT["upload"].format(
        batch=batch.id, agency=check.agency.name, file=file_name, new=check.n_new, changed=check.n_changed,
        statuses=check.n_statuses), after={"status": status, "checksum": check.checksum, "year": check.year,
                                           "replaces": check.replaces, "locked_year": locked[0] if locked else None})
    return SaveResult("saved", batch.id, check)


def max_return_rows(s: Session) -> int:
    """The most rows a sheet of a return may span: twice the values one year of the catalog can hold (every
    indicator × every breakdown it allows), plus room for titles and blank lines. A return never needs more;
    a file that does is refused before it is read (workbook.py)."""
    from okdata.catalog import from_catalog
    from okdata.template import catalog_frames

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


# --- History and undo --------------------------------------------------------------------------------


def list_batches(s: Session, scope: Scope) -> pd.DataFrame:
    """Every batch the scope may see (a Rapportör: their own agency's), newest first, with agency and counts."""
    q = (select(ImportBatch, Agency.short_name).outerjoin(Agency, Agency.id == ImportBatch.agency_id)
         .where(scope.batches()).order_by(ImportBatch.id.desc()))
    rows = [{"id": b.id, "created_at": b.created_at, "agency": name or "", "year": b.year, "file_name": b.file_name,
             "user_name": b.user_name, "kind": b.kind, "status": b.status, "n_new": b.n_new,
             "n_changed": b.n_changed, "n_unchanged": b.n_unchanged, "n_statuses": b.n_statuses,
             "n_warnings": b.n_warnings, "note": b.note, "review_note": b.review_note,
             "rolled_back_by": b.rolled_back_by, "rolled_back_at": b.rolled_back_at, "replaced_by": b.replaced_by}
            for b, name in s.execute(q)]
    df = pd.DataFrame(rows, columns=["id", "created_at", "agency", "year", "file_name", "user_name", "kind",
                                     "status", "n_new", "n_changed", "n_unchanged", "n_statuses", "n_warnings",
                                     "note", "review_note", "rolled_back_by", "rolled_back_at", "replaced_by"])
    df["year"] = df["year"].astype("Int64")
    df["replaced_by"] = df["replaced_by"].astype("Int64")
    return df


def reporting_agencies(s: Session) -> list[AgencyInfo]:
    """Agencies that have something to report (measures or indicators), parties first."""
    from okdata.catalog import from_catalog, list_agencies
    from okdata.template import catalog_frames

    def build() -> list[AgencyInfo]:
        frames = catalog_frames(s)
        return [a for a in list_agencies(s) if any(frames.scope_codes(a))]

    return list(from_catalog(s, ("reporting_agencies",), build))


def reporting_years(s: Session, today: date | None = None) -> list[int]:
    """Years a return may be made for: the plan periods' years up to this year, newest first."""
    from okdata.catalog import from_catalog
    from okdata.models import PlanPeriod

    today = today or date.today()

    def build() -> list[int]:
        years = set()
        for start, end in s.execute(select(PlanPeriod.start_year, PlanPeriod.end_year)):
            years |= set(range(start, min(end, today.year) + 1))
        return sorted(years, reverse=True)

    return list(from_catalog(s, ("reporting_years", today.year), build))


def batch_values(s: Session, batch_id: int, scope: Scope) -> pd.DataFrame:
    """The values a batch holds, with whether each is still the one shown; none for a batch outside the scope."""
    areas = dict(s.execute(select(Area.code, Area.name)).all())
    q = (select(Observation, Indicator.code, Indicator.kind).join(Indicator, Indicator.id == Observation.indicator_id)
         .join(ImportBatch, ImportBatch.id == Observation.batch_id)
         .where(Observation.batch_id == batch_id, scope.batches()).order_by(Observation.id))
    return pd.DataFrame([{
        "indicator": code, "year": o.year,
        "breakdown": breakdown_label(o.violence_type, o.area_code, o.grp, o.category, areas),
        "value": fmt_value(o.value_num, kind, o.value_text), "comment": o.comment, "sheet_row": o.sheet_row,
        "is_current": o.is_current,
    } for o, code, kind in s.execute(q)], columns=["indicator", "year", "breakdown", "value", "comment",
                                                    "sheet_row", "is_current"])


def batch_statuses(s: Session, batch_id: int, scope: Scope) -> pd.DataFrame:
    """The measure statuses a batch holds; none for a batch outside the scope."""
    q = (select(MeasureStatus, Measure.code).join(Measure, Measure.id == MeasureStatus.measure_id)
         .join(ImportBatch, ImportBatch.id == MeasureStatus.batch_id)
         .where(MeasureStatus.batch_id == batch_id, scope.batches()).order_by(MeasureStatus.id))
    return pd.DataFrame([{"measure": code, "year": m.year, "status": m.status, "description": m.description,
                          "is_current": m.is_current} for m, code in s.execute(q)],
                        columns=["measure", "year", "status", "description", "is_current"])


@dataclass(frozen=True)
class RollbackResult:
    """What undoing a batch did: outcome ok, unknown or not_allowed."""

    outcome: str
    values: int = 0
    statuses: int = 0
    kind: str = ""
    status: str = ""


def rollback(s: Session, batch_id: int, actor: Actor | None = None) -> RollbackResult:
    """Undo one uploaded batch exactly: its rows stop counting and what they replaced counts again.

    A Samordnare may undo any upload; a Rapportör only their own agency's that are not approved.
    """
    actor = actor or operator_actor()
    batch = s.get(ImportBatch, batch_id)
    if batch is None:
        return RollbackResult("unknown")
    if batch.kind != "upload" or batch.status == "rolled_back":
        return RollbackResult("not_allowed", kind=batch.kind, status=batch.status)
    if not (actor.is_coordinator or (actor.role == Role.REPORTER and actor.agency_id == batch.agency_id
                                     and batch.status != "approved")):
        return RollbackResult("forbidden", kind=batch.kind, status=batch.status)
    n_values = s.scalar(select(func.count()).select_from(Observation).where(Observation.batch_id == batch_id))
    n_statuses = s.scalar(select(func.count()).select_from(MeasureStatus).where(MeasureStatus.batch_id == batch_id))
    before = batch.status
    batch.rolled_back_by, batch.rolled_back_at = actor.username, utcnow()
    set_batch_status(s, batch, "rolled_back")
    # Undoing is "as if the upload had never been made": the submitted returns it replaced wait for review again.
    restored = s.scalars(select(ImportBatch).where(ImportBatch.replaced_by == batch_id,
                                                   ImportBatch.status == "replaced")).all()
    for earlier in restored:
        earlier.replaced_by = None
        set_batch_status(s, earlier, "submitted")
    audit(s, actor.username, "rollback", "batch", batch_id, texts.AUDIT["rollback"].format(batch=batch_id),
          before={"status": before}, after={"status": "rolled_back", "restored": [b.id for b in restored]})
    return RollbackResult("ok", n_values, n_statuses, batch.kind, "rolled_back")


def review(s: Session, batch_id: int, actor: Actor, approve: bool, reason: str = "") -> str:
    """Approve a submitted upload (its figures reach the views) or return it with a reason. ok, unknown,
    replaced (a later upload of the agency and year replaced it), already_approved, already_returned,
    already_rolled_back (someone got there first: nothing changes) or reason_missing; PermissionError unless the
    actor is a Samordnare."""
    require(actor, Role.COORDINATOR)
    batch = s.get(ImportBatch, batch_id)
    if batch is None or batch.kind != "upload":
        return "unknown"
    if batch.status == "replaced":
        return "replaced"
    if batch.status != "submitted":
        return f"already_{batch.status}"
    if not approve and not reason.strip():
        return "reason_missing"
    batch.reviewed_by, batch.reviewed_at, batch.review_note = actor.username, utcnow(), reason.strip()
    set_batch_status(s, batch, "approved" if approve else "returned")
    action = "approve" if approve else "return"
    audit(s, actor.username, action, "batch", batch_id, texts.AUDIT[action].format(batch=batch_id,
                                                                                   reason=reason.strip()),
          before={"status": "submitted"}, after={"status": batch.status, "note": batch.review_note})
    return "ok"


def batch_status(s: Session, batch_id: int) -> str | None:
    """An upload's status now (submitted, approved, returned, rolled_back, replaced), None when there is no such
    upload."""
    return s.scalar(select(ImportBatch.status).where(ImportBatch.id == batch_id, ImportBatch.kind == "upload"))


def submitted_batches(s: Session, scope: Scope) -> pd.DataFrame:
    """Uploads waiting for the Samordnare's review, oldest first (those the scope may see)."""
    df = list_batches(s, scope)
    return df[df.status == "submitted"].sort_values("id").reset_index(drop=True)


def batch_review(s: Session, batch_id: int, scope: Scope) -> pd.DataFrame:
    """A submitted batch's values beside the approved value each would replace (none outside the scope)."""
    areas = dict(s.execute(select(Area.code, Area.name)).all())
    o = Observation
    new = (select(o.indicator_id, o.year, o.violence_type, o.area_code, o.grp, o.category, o.value_num,
                  o.value_text, o.comment, o.sheet_row, Indicator.code, Indicator.kind)
           .join(Indicator, Indicator.id == o.indicator_id).join(ImportBatch, ImportBatch.id == o.batch_id)
           .where(o.batch_id == batch_id, scope.batches()).order_by(o.id))
    rows = s.execute(new).all()
    approved = {}
    if rows:
        q = select(o.indicator_id, o.year, o.violence_type, o.area_code, o.grp, o.category, o.value_num,
                   o.value_text).where(o.is_approved.is_(True), o.indicator_id.in_({r[0] for r in rows}),
                                       o.year.in_({r[1] for r in rows}))
        approved = {tuple(r[:6]): r for r in s.execute(q)}
    out = []
    for r in rows:
        old = approved.get(tuple(r[:6]))
        out.append({"indicator": r.code, "year": r.year,
                    "breakdown": breakdown_label(r.violence_type, r.area_code, r.grp, r.category, areas),
                    "old": fmt_value(old.value_num, r.kind, old.value_text) if old else "",
                    "new": fmt_value(r.value_num, r.kind, r.value_text), "comment": r.comment,
                    "sheet_row": r.sheet_row})
    return pd.DataFrame(out, columns=["indicator", "year", "breakdown", "old", "new", "comment", "sheet_row"])
