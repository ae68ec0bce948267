"""Returns: check an uploaded file, show its difference against the store, save it as one batch, undo it.

A save checks the file and compares it with the store in a read transaction, before taking the write lock; inside
the write transaction it only confirms that the store is still the one it compared against (the data version is
unchanged) and inserts. When another write came in between, it checks again (outside the lock, then once more inside
it as the last resort), so what is saved is exactly what is valid against the store at that moment; nothing is
overwritten (store.py keeps every version).
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from sqlalchemy import Row, or_, select
from sqlmodel import Session

from okdata import clock, db, texts
from okdata.auth import Actor, audit, operator_actor
from okdata.catalog import find_agency, for_year, plan_for_year
from okdata.checks import (
    HasProblems,
    Parsed,
    ParsedStatus,
    ParsedValue,
    Problem,
    check_workbook,
    parse_year,
    problem,
    rows_year,
)
from okdata.db import data_version_in as data_version
from okdata.domain import AgencyRef, Role
from okdata.file_text import uploaded_name
from okdata.formatting import fmt_list, fmt_value
from okdata.models import OBSERVATION_KEY_COLUMNS, Area, ImportBatch, Indicator, Measure, MeasureStatus, Observation
from okdata.periods import plan_span, year_state
from okdata.scope import max_return_rows
from okdata.store import LIVE, add_observation_tuples, add_statuses, add_warnings, create_batch, set_batch_status
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
        """The new value; when only its comment, numerator or denominator changed, that is said beside it (else a
        changed value would read '30 → 30')."""
        v, o = self.value, self.old_row
        shown = fmt_value(v.value_num, v.kind, v.value_text)
        if self.kind != "changed" or o is None or shown != self.old:
            return shown
        what = [texts.CHANGED_BESIDE_VALUE[k] for k, same in (
            ("comment", (o.comment or "") == v.comment), ("numerator", _same(o.numerator, v.numerator)),
            ("denominator", _same(o.denominator, v.denominator))) if not same]
        return f"{shown} ({', '.join(what)})" if what else shown

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
    agency: AgencyRef | None = None
    year: int | None = None
    period: list[str] = field(default_factory=list)  # the codes period_problems gave for the year (its lock)
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
    superseded: list[int] = field(default_factory=list)  # ids of the current or approved rows of its keys
    basis: int | None = None  # the data version the check and the comparison were made against

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
    """What a save did: outcome is saved, duplicate, nothing, errors, or recheck (checked again after another
    write, with warnings not confirmed: nothing saved)."""

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


def resolve_agency(s: Session, wb: Workbook, agency_name: str | None) -> tuple[AgencyRef | None, list[Problem]]:
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
        start, end = plan_span(s)
        return [problem(texts.FILE_LEVEL, None, "", "AR_UTANFOR_PLAN", value=year, start=start or year,
                        end=end or year)]
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
    today = today or clock.today()
    file_name = uploaded_name(file_name)
    # The version first: a write committed after this line (on PostgreSQL, between two statements) raises it, so
    # a save never trusts a comparison that might have missed it.
    result = ReturnCheck(file_name=file_name, checksum=checksum(data), basis=data_version(s))
    if actor.role not in (Role.REPORTER, Role.COORDINATOR):
        result.problems = [problem(texts.FILE_LEVEL, None, "", "EJ_BEHORIG",
                                   reason=texts.AUTH["role_may_not"].format(
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
    # Neither chosen nor written: the first filled row's year is the return's, and its catalog checks it, as when
    # the year is chosen (today's catalog checked it: a measure moved to another agency from a later year).
    with for_year(s, declared if declared is not None else rows_year(wb)):
        return _check_rest(s, wb, agency, actor, today, declared, result)


def _check_rest(s: Session, wb, agency: AgencyRef, actor: Actor, today: date, declared: int | None,
                result: ReturnCheck) -> ReturnCheck:
    parsed = check_workbook(s, wb, agency, today=today, year=declared)
    result.parsed, result.year = parsed, parsed.year
    period = period_problems(s, parsed.year, actor, today) if parsed.year else []
    result.period = [p.code for p in period]
    if any(p.severity == "error" for p in period):  # the year is wrong: warnings about its rows would be noise
        result.problems = period + [p for p in parsed.problems if p.severity == "error"]
    else:
        result.problems = period + parsed.problems
    if not result.errors and not parsed.values and not parsed.statuses:  # an untouched template, say
        result.problems = [problem(texts.FILE_LEVEL, None, "", "INGET_IFYLLT"), *result.problems]
    if result.errors:
        return result
    # A repeat is the file of the agency's latest live return for the year; an earlier one's file, whose figures a
    # later return has corrected since, brings them back.
    latest = s.execute(select(ImportBatch.id, ImportBatch.checksum).where(
        ImportBatch.kind == "upload", ImportBatch.agency_id == agency.id, ImportBatch.year == parsed.year,
        ImportBatch.status.in_(LIVE)).order_by(ImportBatch.id.desc()).limit(1)).first()
    result.duplicate_of = latest.id if latest is not None and latest.checksum == result.checksum else None
    _diff(s, agency, parsed, result)
    return result


def _same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)


def _diff(s: Session, agency: AgencyRef, parsed: Parsed, result: ReturnCheck) -> None:
    """Compare the return with what the views show (the approved values): new, changed, unchanged. The whole
    return is saved, unchanged values too, so that the batch records everything the agency confirmed."""
    result.areas = dict(s.execute(select(Area.code, Area.name)).all())
    approved, result.any_current, result.superseded = _stored_values(s, parsed.values)
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
    result.problems += _dropped(s, result.replaces, parsed, result.areas)
    # what the agency's approved returns of the year show and this one leaves out stays shown (a blank cell is
    # "not reported", not "remove"): a wrong 999 left empty in a correction went on in the views, unsaid
    approved_ones = [b for b, status in live if status == "approved"]
    result.problems += _dropped(s, approved_ones, parsed, result.areas, "GODKANT_KVAR", shown_only=True)


DROPPED_LISTED = 5  # values or statuses named in one warning; the rest are counted


def _dropped(s: Session, replaced: list[int], parsed: Parsed, areas: dict[str, str], code: str = "ERSATT_SAKNAR",
             shown_only: bool = False) -> list[Problem]:
    """A warning for what the waiting returns this one replaces hold and it does not: per replaced return, one for
    each indicator whose values it leaves out and one for the statuses. Replaced, they could no longer be approved
    (docs/inrapportering.md, "Ersättning"). With `shown_only` (GODKANT_KVAR), the same for the rows of the agency's
    approved returns that the views show: left out, they go on being shown."""
    if not replaced:
        return []
    o, m = Observation, MeasureStatus
    keys = {v.key for v in parsed.values}
    statuses = {(st.measure_id, st.year) for st in parsed.statuses}
    # shown_only: the rows the views show, and which earlier approved returns hold the same rows (undoing the one
    # shown shows theirs: a 999 approved twice stayed after undoing the return the warning named)
    values: dict[tuple[int, str], list[str]] = {}
    under: dict[tuple, int] = {}  # a left-out key → the return whose row is shown
    earlier: dict[tuple, set[int]] = {}  # a left-out key → earlier approved returns holding it
    for r in s.execute(select(o.batch_id, Indicator.code, Indicator.kind, o.year, o.violence_type, o.area_code,
                              o.grp, o.category, o.value_num, o.value_text, o.sheet_row, o.indicator_id, o.is_approved)
                       .join(Indicator, Indicator.id == o.indicator_id)
                       .where(o.batch_id.in_(replaced))
                       .order_by(o.batch_id.desc(), o.sheet_row)):
        key = (r.indicator_id, r.year, r.violence_type, r.area_code, r.grp, r.category)
        if key in keys:
            continue
        if shown_only and not r.is_approved:
            earlier.setdefault(("value", key), set()).add(r.batch_id)
            continue
        under["value", key] = (r.batch_id, r.code)
        values.setdefault((r.batch_id, r.code), []).append(texts.DROPPED_VALUE.format(
            indicator=r.code, year=r.year, value=fmt_value(r.value_num, r.kind, r.value_text), row=r.sheet_row,
            batch=r.batch_id, breakdown=breakdown_label(r.violence_type, r.area_code, r.grp, r.category, areas)))
    measures: dict[int, list[str]] = {}
    for r in s.execute(select(m.batch_id, Measure.code, m.year, m.status, m.sheet_row, m.measure_id, m.is_approved)
                       .join(Measure, Measure.id == m.measure_id)
                       .where(m.batch_id.in_(replaced))
                       .order_by(m.batch_id.desc(), m.sheet_row)):
        if (r.measure_id, r.year) in statuses:
            continue
        if shown_only and not r.is_approved:
            earlier.setdefault(("status", r.measure_id, r.year), set()).add(r.batch_id)
            continue
        under["status", r.measure_id, r.year] = (r.batch_id, None)
        measures.setdefault(r.batch_id, []).append(texts.DROPPED_STATUS.format(
            measure=r.code, year=r.year, status=texts.IMPLEMENTATION.get(r.status, r.status), row=r.sheet_row,
            batch=r.batch_id))

    def warning(sheet: str, batch: int, indicator: str | None, items: list[str]) -> Problem:
        """The warning for what `batch` shows of one indicator (None: its statuses) and the file leaves out, with
        the earlier approved returns that hold the same rows (their values show if `batch` is undone)."""
        shown = items[:DROPPED_LISTED]
        if len(items) > len(shown):
            shown.append(texts.DROPPED_MORE.format(n=len(items) - len(shown)))
        before = sorted({b for key, bs in earlier.items() if under.get(key) == (batch, indicator)
                         for b in bs if b < batch}, reverse=True)
        then = texts.GODKANT_EARLIER[len(before) > 1].format(batch=batch, earlier=fmt_list(
            [str(b) for b in before])) if before else ""
        return problem(sheet, None, "", code, batch=batch, items=fmt_list(shown), earlier=then)

    return ([warning(texts.SHEET_INDICATORS, batch, ind, items) for (batch, ind), items in values.items()]
            + [warning(texts.SHEET_MEASURES, batch, None, items) for batch, items in measures.items()])


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


def _stored_values(s: Session, values: list[ParsedValue]) -> tuple[dict[tuple, Row], bool, list[int]]:
    """The approved row of each key of the return, whether any of its keys has a current row at all, and the ids
    of the current or approved rows of its keys (the rows a save supersedes)."""
    if not values:
        return {}, False, []
    ids = sorted({v.indicator_id for v in values})
    years = sorted({v.year for v in values})
    keys = {v.key for v in values}
    o = Observation
    q = select(o.indicator_id, o.year, o.violence_type, o.area_code, o.grp, o.category, o.value_num, o.value_text,
               o.numerator, o.denominator, o.comment, o.is_approved, o.is_current, o.id).where(
        or_(o.is_current.is_(True), o.is_approved.is_(True)), o.indicator_id.in_(ids), o.year.in_(years))
    approved, any_current, rows = {}, False, []
    for r in s.execute(q):
        key = tuple(r[:6])
        if key not in keys:
            continue
        rows.append(r.id)
        if r.is_approved:
            approved[key] = r
        any_current = any_current or r.is_current
    return approved, any_current, rows


def breakdown_label(vt: str, area: str, grp: str, category: str, areas: dict[str, str]) -> str:
    """A breakdown for people: 'Botkyrka · kvinnor · Våld i nära relationer'."""
    parts = [areas.get(area, area) if area != "01" else texts.COUNTY, grp, category,
             texts.VIOLENCE_TYPES.get(vt, "")]
    return " · ".join(p for p in parts if p)


INDEX_ORDER = attrgetter(*OBSERVATION_KEY_COLUMNS)  # ix_observation_key's column order


class Stale(Exception):
    """The store changed between a return's check and its save: the comparison must be made again."""


def warnings_said(check: ReturnCheck) -> frozenset[tuple]:
    """The warnings of a check as a person read them (place, code and message): what a save confirms."""
    return frozenset((p.sheet, p.row, p.column, p.code, p.message) for p in check.warnings)


def save_upload(url: str | None, data: bytes, file_name: str, agency_name: str | None, actor: Actor | None = None,
                today: date | None = None, year: int | None = None, check: ReturnCheck | None = None,
                confirmed: frozenset[tuple] | None = None, attempts: int = 3) -> SaveResult:
    """Save a return with the write lock held only for the inserts: the check and the comparison with the store run
    in a read transaction (or come from `check`, the preview's), the write transaction confirms that the data
    version is the one they saw and inserts. When another write came in between, the check is made again outside
    the lock; the last attempt checks inside the write transaction, so a save is never refused for being busy with
    other saves (issue 16, "deadline day").

    `confirmed`: the warnings the person saw and confirmed (warnings_said of the preview); when the check made
    again warns of anything else, nothing is saved and the outcome is "recheck", with the new check to show."""
    for attempt in range(attempts):
        if check is None or check.basis is None:
            with db.read_session(url) as s:
                check = check_return(s, data, file_name, agency_name, actor=actor, today=today, year=year)
        last = attempt == attempts - 1
        try:
            with db.session(url) as s:
                return save_checked(s, check, data, file_name, agency_name, actor, today, year, recheck=last,
                                    confirmed=confirmed)
        except Stale:
            check = None
    raise AssertionError("unreachable: the last attempt re-checks inside the write transaction")


def save_return(s: Session, data: bytes, file_name: str, agency_name: str | None, actor: Actor | None = None,
                today: date | None = None, year: int | None = None) -> SaveResult:
    """Check inside this write transaction and, when clean and not a repeat, save one batch (save_upload checks
    before the write lock; this is the same save for a caller that holds one transaction)."""
    check = check_return(s, data, file_name, agency_name, actor=actor, today=today, year=year)
    return save_checked(s, check, data, file_name, agency_name, actor, today, year)


def save_checked(s: Session, check: ReturnCheck, data: bytes, file_name: str, agency_name: str | None,
                 actor: Actor | None = None, today: date | None = None, year: int | None = None,
                 recheck: bool = True, confirmed: frozenset[tuple] | None = None) -> SaveResult:
    """Save a checked return in this write transaction: when the data version is still the one the check was made
    against, only the inserts; else check again here (`recheck`) or raise Stale.

    A Samordnare's upload is approved at once; a Rapportör's is submitted and waits for approval. The new upload
    replaces the agency's earlier uploads for the year that still wait for review (docs/inrapportering.md,
    "Godkännande, återsändning, ersättning och ångra").
    """
    actor = actor or operator_actor()
    file_name = uploaded_name(file_name)
    # A year's lock changes with the day as well as with a write (a deadline passing writes nothing): the preview
    # may have been made before midnight on the last day.
    if check.basis is None or check.basis != data_version(s) or (check.year is not None and [
            p.code for p in period_problems(s, check.year, actor, today or clock.today())] != check.period):
        if not recheck:
            raise Stale()
        check = check_return(s, data, file_name, agency_name, actor=actor, today=today, year=year)
    if check.errors:
        return SaveResult("errors", None, check)
    if check.duplicate_of is not None:
        return SaveResult("duplicate", check.duplicate_of, check)
    if not check.has_changes:
        return SaveResult("nothing", check.same_as, check)
    if confirmed is not None and not warnings_said(check) <= confirmed:
        return SaveResult("recheck", None, check)  # a warning nobody has seen is not saved unconfirmed
    status = "approved" if actor.is_coordinator else "submitted"
    batch = create_batch(s, "upload", user_name=actor.username, status=status, file_name=file_name,
                         checksum=check.checksum, agency_id=check.agency.id, year=check.year,
                         n_new=check.n_new, n_changed=check.n_changed, n_unchanged=check.n_unchanged,
                         n_statuses=check.n_statuses, n_warnings=len(check.warnings))
    # In the order of the store's key indexes: each index then grows at its end, not all over (a tenth less time
    # in the write lock for a 20 000-row return); the pages list a batch's rows by their row in the file.
    add_observation_tuples(s, batch, UPLOAD_COLUMNS, [
        (v.indicator_id, v.year, v.violence_type, v.area_code, v.grp, v.category, v.value_num, v.value_text,
         v.numerator, v.denominator, v.comment, v.sheet_row) for v in sorted(check.values_to_save, key=INDEX_ORDER)],
        superseded=check.superseded)
    add_statuses(s, batch, [{
        "measure_id": st.measure_id, "agency_id": check.agency.id, "year": st.year, "status": st.status,
        "description": st.description, "sheet_row": st.sheet_row,
    } for st in check.statuses_to_save])
    # what was said, word for word, and whether it was confirmed on the page: Granska and Historik list it
    add_warnings(s, batch, check.warnings, confirmed=confirmed is not None)
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


def replaced_said(batches: list[int], forms: tuple[str, str]) -> str:
    """The sentence naming the waiting returns an upload replaces (texts.REPLACES_WAITING before the save,
    texts.SAVED_REPLACED after it)."""
    from okdata.formatting import by_number, fmt_list

    return by_number(len(batches), forms).format(batches=fmt_list([str(b) for b in sorted(batches)]))


# --- History and undo --------------------------------------------------------------------------------


