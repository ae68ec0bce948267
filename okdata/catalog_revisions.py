"""Revising the catalog: the whole catalog as one reviewable document (TOML or Excel), the difference between
two documents with what it affects, and saving a document as a new catalog revision (audited). Edits in the app,
`catalog import` and a new plan period all pass through check_document and save_catalog."""

import copy
import io
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlmodel import Session

from okdata import texts
from okdata.auth import Actor, audit, require
from okdata.catalog import (
    INDICATOR_FIELDS_SPEC,
    apply_document,
    catalog_document,
    check_document,
    current_plan,
    document_indicators,
)
from okdata.db import tuples
from okdata.domain import Outcome, Result, Role, outcome
from okdata.export import FORMULA_STARTS
from okdata.file_text import text_file_size_problem, uploaded_name
from okdata.formatting import fmt_list, fmt_quantity, fmt_time, fmt_years
from okdata.models import CatalogRevision, Indicator, Measure, MeasureStatus, Observation, PlanPeriod
from okdata.workbook import read_rows

# --- The document as TOML and as an Excel workbook ---------------------------------------------------------


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    # Every control character escaped: TOML allows none of them raw in a basic string.
    s = "".join(f"\\u{ord(c):04x}" if ord(c) < 32 or ord(c) == 127 else c
                for c in str(v).replace("\\", "\\\\").replace('"', '\\"'))
    return f'"{s}"'


def _toml_table(header: str, row: dict) -> list[str]:
    lines = [header]
    lines += [f"{k} = {_toml_value(v)}" for k, v in row.items() if not isinstance(v, list) or not v
              or not isinstance(v[0], dict)]
    return lines


def to_toml(doc: dict, revision: int | None = None) -> str:
    """The document as the catalog file (the same sections and keys as okdata/data/catalog_2024_2027.toml)."""
    head = texts.CATALOG_FILE_HEADER.format(plan=doc["plan"]["name"], revision=revision or "")
    lines = [f"# {line}".rstrip() for line in head.splitlines()] + [""]
    lines += _toml_table("[plan]", doc["plan"]) + [""]
    for a in doc["agency"]:
        lines += _toml_table("[[agency]]", a) + [""]
    for g in doc["goal"]:
        lines += _toml_table("[[goal]]", g) + [""]
    for m in doc["measure"]:
        lines += _toml_table("[[measure]]", {k: v for k, v in m.items() if k != "indicator"}) + [""]
        for ind in m.get("indicator", []):
            lines += _toml_table("[[measure.indicator]]", ind) + [""]
    for ind in doc.get("regional_indicator", []):
        lines += _toml_table("[[regional_indicator]]", ind) + [""]
    return "\n".join(lines)


# Excel: one sheet per section, one row per item, one column per key; lists joined with "; ".
SHEETS = {"plan": "Plan", "agency": "Ansvariga", "goal": "Mål", "measure": "Åtgärder", "indicator": "Indikatorer"}
LIST_KEYS = {"aliases", "in_place", "development_areas", "agencies", "breakdowns", "categories"}
INT_KEYS = {"number", "goal", "start_year", "end_year", "baseline_year", "direction", "target_year"}
BOOL_KEYS = {"development", "per_100k", "party"}
TRUE_WORDS, FALSE_WORDS = ("true", "ja", "1", "sant"), ("false", "nej", "0", "falskt")


def to_xlsx(doc: dict, revision: int | None = None) -> bytes:
    """The document as a workbook a coordinator reviews line by line; read back by from_xlsx."""
    from okdata.export import sheet_value

    wb = Workbook()
    wb.remove(wb.active)
    indicator_rows = [{"measure": measure, "goal": goal, **ind} for ind, goal, measure in _file_indicators(doc)]
    sections = {"plan": [doc["plan"]], "agency": doc["agency"], "goal": doc["goal"],
                "measure": [{k: v for k, v in m.items() if k != "indicator"} for m in doc["measure"]],
                "indicator": indicator_rows}
    order = {"indicator": ["id", "goal", "measure", *[f.key for f in INDICATOR_FIELDS_SPEC if f.key != "id"]]}
    for section, rows in sections.items():
        ws = wb.create_sheet(SHEETS[section])
        keys = order.get(section) or list(dict.fromkeys(k for r in rows for k in r))
        ws.append(keys)
        for r in rows:
            ws.append([sheet_value(ws, "; ".join(map(str, r[k])) if isinstance(r.get(k), list) else r.get(k))
                       for k in keys])
        ws.freeze_panes = "A2"
    about = wb.create_sheet(texts.CATALOG_XLSX_ABOUT, 0)
    for line in texts.CATALOG_FILE_HEADER.format(plan=doc["plan"]["name"], revision=revision or "").splitlines():
        about.append([line])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _file_indicators(doc: dict):
    for m in doc["measure"]:
        for ind in m.get("indicator", []):
            yield ind, m["goal"], m["code"]
    for ind in doc.get("regional_indicator", []):
        yield {k: v for k, v in ind.items() if k != "goal"}, ind["goal"], ""


def from_xlsx(data: bytes) -> dict:
    """A document from a workbook written by to_xlsx (and edited); ValueError in Swedish when it is not one."""
    sheets = read_rows(data, "katalog.xlsx", read=lambda names: [n for n in names if n in SHEETS.values()])
    sections = {}
    for section, sheet in SHEETS.items():
        if sheet not in sheets:
            raise ValueError(texts.CATALOG_CHECK["missing_sheet"].format(sheet=sheet))
        rows = sheets[sheet]
        keys = [str(k).strip() for k in rows[0]] if rows else []
        sections[section] = []
        for n, r in enumerate(rows[1:], start=2):
            if not any(str(c).strip() for c in r):
                continue
            try:
                sections[section].append(_typed_row(dict(zip(keys, r))))
            except ValueError as e:  # the sheet and row named: a workbook has many rows of the same columns
                problem = str(e)
                raise ValueError(texts.CATALOG_CHECK["at_row"].format(
                    sheet=sheet, row=n, problem=problem[:1].lower() + problem[1:])) from e
    if len(sections["plan"]) > 1:  # another plan's years beneath the first were ignored without a word
        raise ValueError(texts.CATALOG_CHECK["plan_rows"].format(sheet=SHEETS["plan"], n=len(sections["plan"])))
    doc = {"plan": sections["plan"][0] if sections["plan"] else {}, "agency": sections["agency"],
           "goal": sections["goal"], "measure": [{**m, "indicator": []} for m in sections["measure"]],
           "regional_indicator": []}
    if any("code" not in m for m in doc["measure"]):  # a row without its code, or the heading renamed
        raise ValueError(texts.CATALOG_CHECK["missing_key"].format(key="code"))
    measures = {m["code"]: m for m in doc["measure"]}
    for ind in sections["indicator"]:
        measure, goal = ind.pop("measure", ""), ind.pop("goal", None)
        if measure:
            if measure not in measures:
                raise ValueError(texts.CATALOG_CHECK["unknown_measure"].format(code=ind.get("id"), measure=measure))
            measures[measure]["indicator"].append(ind)
        else:
            doc["regional_indicator"].append({**ind, "goal": goal})
    return doc


def _typed_row(row: dict) -> dict:
    out = {}
    for k, v in row.items():
        if v is None or (isinstance(v, str) and not v.strip()):
            if k in LIST_KEYS:
                out[k] = []
            continue
        if isinstance(v, float) and v.is_integer():  # a whole number is its digits, never '114.0' or '1.23e+19'
            v = str(int(v))
        if k in LIST_KEYS:
            out[k] = [x.strip() for x in str(v).split(";") if x.strip()]
        elif k in INT_KEYS:
            try:
                number = float(str(v).replace(",", ".").replace("−", "-"))
                if not number.is_integer():  # 2027.9 is no year: never cut to 2027
                    raise ValueError(v)
                out[k] = int(number)
            except (ValueError, OverflowError) as e:  # 1e999 is inf, which int() cannot take
                raise ValueError(texts.CATALOG_CHECK["not_a_number"].format(key=k, value=str(v)[:40])) from e
        elif k == "target_value":
            try:
                out[k] = float(str(v).replace(",", ".").replace("−", "-").replace(" ", ""))
            except ValueError as e:  # Python's own reason is English
                raise ValueError(texts.CATALOG_CHECK["not_a_number"].format(key=k, value=str(v)[:40])) from e
        elif k in BOOL_KEYS:  # "Yes" or "x" read as false hid no count under 5 (per_100k): refused instead
            word = str(v).strip().casefold()
            if v is True or word in TRUE_WORDS:
                out[k] = True
            elif v is False or word in FALSE_WORDS:
                out[k] = False
            else:
                raise ValueError(texts.CATALOG_CHECK["not_a_bool"].format(key=k, value=str(v)[:40]))
        else:
            text = str(v)
            # the export neutralised a text a spreadsheet would run ("'=1+1"): read back, it is the text again
            out[k] = text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
    return out


def parse_catalog_file(file_name: str, data: bytes) -> dict:
    """A catalog document from an uploaded TOML or Excel file; ValueError in Swedish when it cannot be read. A
    file does not carry an indicator's series (`series_id`): only a new plan period links a carried indicator to
    its earlier series (a file's new indicator could take over another's stored values)."""
    if file_name.casefold().endswith(".xlsx"):
        doc = from_xlsx(data)
    elif too_big := text_file_size_problem(data):
        raise ValueError(too_big)
    else:
        try:
            doc = tomllib.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as e:  # nested 1 000 deep, too
            raise ValueError(texts.CATALOG_CHECK["not_a_file"]) from e
    try:
        carried = next((ind.get("id") for ind, _, _ in _file_indicators(doc) if "series_id" in ind), None)
    except (TypeError, AttributeError, KeyError):
        return doc  # not a catalog's shape: the check says what is wrong
    if carried is not None:
        raise ValueError(texts.CATALOG_CHECK["series_id"].format(code=carried))
    return doc


# --- The difference between two documents and what it affects -----------------------------------------------


@dataclass(frozen=True)
class CatalogChange:
    """One difference: what (goal, measure, indicator, plan, agency), its code, how (new, changed, retired),
    the field and its values before and after."""

    what: str
    code: str
    how: str
    field: str = ""  # the field's Swedish name, as the form calls it
    before: str = ""  # the values in Swedish words (a kind, frequency, direction, breakdown), never stored codes
    after: str = ""
    key: str = ""  # the field's key in the catalog document (kind, direction …), for the rules; not shown


def _change(what: str, code: str, how: str, key: str = "", before=None, after=None) -> CatalogChange:
    """A difference as people read it: the field's Swedish name and the values in Swedish words."""
    return CatalogChange(texts.CATALOG_WHAT[what], code, texts.CATALOG_HOW[how],
                         texts.CATALOG_FIELDS.get(key, key), _words(what, key, before), _words(what, key, after),
                         key)


def _words(what: str, key: str, v) -> str:
    """A document value in Swedish words: the labels of codes, Ja/Nej, lists joined with semicolons."""
    if v is None or v == "":
        return ""
    if key == "kind" and what == "indicator":
        return texts.KINDS.get(v, str(v))
    if key == "frequency":
        return texts.FREQUENCIES.get(v, str(v))
    if key == "direction":
        return texts.DIRECTIONS.get(int(v), str(v)) if str(v).lstrip("-").isdigit() else str(v)
    if key == "breakdowns" and isinstance(v, list):
        return "; ".join(texts.BREAKDOWNS.get(d, str(d)) for d in v)
    if isinstance(v, bool):
        return texts.YES_NO[v]
    return _show(v)


@dataclass
class CatalogPreview:
    """What saving a document would change and what it affects."""

    changes: list[CatalogChange] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)  # whose templates change
    series: list[tuple[str, int]] = field(default_factory=list)  # changed or retired indicators with stored values
    statuses: list[tuple[str, int]] = field(default_factory=list)  # changed or retired measures with statuses
    status_indicators: list[str] = field(default_factory=list)  # indicators whose status may change
    kinds: list[tuple[str, str, str]] = field(default_factory=list)  # (code, stored kind, new kind): kind changes
    plan: str = ""  # the plan period's code

    @property
    def empty(self) -> bool:
        """Whether the document is the catalog as stored."""
        return not self.changes

    def changes_frame(self) -> pd.DataFrame:
        """The changes with Swedish headings."""
        return pd.DataFrame([c.__dict__ for c in self.changes],
                            columns=list(texts.CATALOG_CHANGE_COLUMNS)).rename(columns=texts.CATALOG_CHANGE_COLUMNS)

    def lines(self) -> list[str]:
        """The preview as lines of text (the command line prints them)."""
        out = [texts.CATALOG_PREVIEW["change_line"].format(**c.__dict__) for c in self.changes]
        for key, items in (("agencies", self.agencies), ("status_indicators", self.status_indicators),
                           ("series", [f"{c} ({n})" for c, n in self.series]),
                           ("statuses", [f"{c} ({n})" for c, n in self.statuses])):
            if items:
                out.append(texts.CATALOG_PREVIEW[key].format(items=", ".join(items)))
        return out


def _items(doc: dict) -> dict[tuple[str, str], dict]:
    items = {("plan", doc["plan"]["code"]): {k: v for k, v in doc["plan"].items()}}
    items |= {("agency", a["code"]): a for a in doc["agency"]}
    items |= {("goal", str(g["number"])): g for g in doc["goal"]}
    items |= {("measure", m["code"]): {k: v for k, v in m.items() if k != "indicator"} for m in doc["measure"]}
    items |= {("indicator", ind["id"]): {**ind, "goal": goal, "measure": measure}
              for ind, goal, measure in document_indicators(doc)}
    return items


def _show(v) -> str:
    if isinstance(v, list):
        return "; ".join(map(str, v))
    return "" if v is None else str(v)


def preview_catalog(s: Session, new_doc: dict) -> CatalogPreview:
    """Check `new_doc` (ValueError in Swedish) and compare it with the stored catalog of its plan."""
    try:
        new = check_document(copy.deepcopy(new_doc))
    except RecursionError as e:  # a file nested hundreds of levels deep
        raise ValueError(texts.CATALOG_CHECK["malformed"]) from e
    plan = s.scalars(select(PlanPeriod).where(PlanPeriod.code == new["plan"]["code"])).first()
    if plan is None:
        raise ValueError(texts.CATALOG_CHECK["unknown_plan"].format(plan=new["plan"]["code"]))
    years = (new["plan"]["start_year"], new["plan"]["end_year"], new["plan"]["baseline_year"])
    if years != (plan.start_year, plan.end_year, plan.baseline_year):  # the plan's years are not the catalog's
        raise ValueError(texts.CATALOG_CHECK["plan_years"].format(
            start=plan.start_year, end=plan.end_year, baseline=plan.baseline_year, new_start=years[0],
            new_end=years[1], new_baseline=years[2]))
    old = check_document(catalog_document(s, plan))
    if old["goal"] and not new["goal"]:  # a file whose rows were all deleted: never "retire the whole plan"
        raise ValueError(texts.CATALOG_CHECK["no_goals"].format(plan=plan.code))
    before, after = _items(old), _items(new)
    out = CatalogPreview(plan=plan.code)
    for key in list(before) + [k for k in after if k not in before]:
        what, code = key
        if key not in after:
            if what in ("goal", "measure", "indicator"):
                out.changes.append(_change(what, code, "retired"))
            continue
        if key not in before:
            out.changes.append(_change(what, code, "new"))
            out.changes += [_change(what, code, "new", k, None, v)
                            for k, v in after[key].items() if k not in ("id", "code", "number", "indicator")
                            and v not in (None, "", [], False)]
            continue
        for k in list(before[key]) + [k for k in after[key] if k not in before[key]]:
            a, b = before[key].get(k), after[key].get(k)
            if _show(a) != _show(b) and not (a in (None, "", [], False, 0) and b in (None, "", [], False, 0)):
                out.changes.append(_change(what, code, "changed", k, a, b))
    _impact(s, plan, before, after, out)
    return out


def _impact(s: Session, plan: PlanPeriod, before: dict, after: dict, out: CatalogPreview) -> None:
    changed = {(c.what, c.code) for c in out.changes}
    ind_changed = {code for what, code in changed if what == texts.CATALOG_WHAT["indicator"]}
    measure_changed = {code for what, code in changed if what == texts.CATALOG_WHAT["measure"]}
    agencies: set[str] = set()
    for code in measure_changed:
        for side in (before, after):
            agencies |= set(side.get(("measure", code), {}).get("agencies", []))
    for code in ind_changed:
        for side in (before, after):
            ind = side.get(("indicator", code))
            if ind is None:
                continue
            if ind["measure"]:
                agencies |= set(side.get(("measure", ind["measure"]), {}).get("agencies", []))
            else:
                agencies.add("LST")
    out.agencies = sorted(agencies)
    rows = {i.code: i for i in s.scalars(select(Indicator).where(Indicator.plan_period_id == plan.id))}
    keys = {rows[c].series_id or rows[c].id: c for c in ind_changed if c in rows}
    if keys:
        counts = s.execute(select(Observation.indicator_id, func.count()).where(
            Observation.indicator_id.in_(list(keys)), Observation.is_current.is_(True))
            .group_by(Observation.indicator_id)).all()
        out.series = sorted((keys[i], n) for i, n in counts)
    status_fields = {"direction", "target_value", "target_year", "kind"}
    out.status_indicators = sorted({c.code for c in out.changes if c.what == texts.CATALOG_WHAT["indicator"]
                                    and (c.key in status_fields or c.how == texts.CATALOG_HOW["retired"])})
    measures = dict(s.execute(select(Measure.code, Measure.id).where(Measure.plan_period_id == plan.id)).all())
    ids = {measures[c]: c for c in measure_changed if c in measures}
    if ids:
        counts = s.execute(select(MeasureStatus.measure_id, func.count()).where(
            MeasureStatus.measure_id.in_(list(ids)), MeasureStatus.is_current.is_(True))
            .group_by(MeasureStatus.measure_id)).all()
        out.statuses = sorted((ids[m], n) for m, n in counts)
    # Stored values keep their meaning: an indicator with values cannot become another kind of figure.
    for c in out.changes:
        if c.key == "kind" and c.code in dict(out.series):
            raise ValueError(texts.CATALOG_CHECK["kind_with_values"].format(code=c.code))
    # The kind is kept with the indicator's row, for its one series: also one retired and listed again is compared.
    out.kinds = sorted((code, rows[code].kind, ind["kind"]) for (what, code), ind in after.items()
                       if what == "indicator" and code in rows and rows[code].kind != ind["kind"])


# --- Saving a document as a new revision ---------------------------------------------------------------------


def record_revision(s: Session, plan: PlanPeriod, from_year: int, source: str, summary: str, user: str) -> None:
    """Keep the plan's live catalog as revision `plan.revision`, in force from `from_year`."""
    s.add(CatalogRevision(plan_period_id=plan.id, number=plan.revision, from_year=from_year, source=source,
                          summary=summary, created_by=user, content=catalog_document(s, plan)))
    s.flush()


def revision_year(s: Session, preview: CatalogPreview, from_year: int | None) -> int:
    """The reporting year the previewed revision would be in force from (None: the plan's first year), after
    checking it (ValueError in Swedish): within the plan; not before the year of a revision already saved (each
    revision is the whole catalog, so one from an earlier year would carry the later revision's changes into the
    years before it); and, when an indicator changes kind, the plan's first year (the kind is the indicator's, for
    its one series: a value reported for an earlier year in the old kind would be read in the new)."""
    plan = s.scalars(select(PlanPeriod).where(PlanPeriod.code == preview.plan)).one()
    year = plan.start_year if from_year is None else int(from_year)
    if not plan.start_year <= year <= plan.end_year:
        raise ValueError(texts.CATALOG_CHECK["from_year"].format(start=plan.start_year, end=plan.end_year))
    latest = s.execute(select(CatalogRevision.number, CatalogRevision.from_year)
                       .where(CatalogRevision.plan_period_id == plan.id)
                       .order_by(CatalogRevision.from_year.desc(), CatalogRevision.number.desc())).first()
    if latest is not None and year < latest.from_year:
        raise ValueError(texts.CATALOG_CHECK["from_year_before"].format(
            year=year, revision=latest.number, latest=latest.from_year,
            years=fmt_years(range(year, latest.from_year))))
    if preview.kinds and year > plan.start_year:
        code, before, after = preview.kinds[0]
        raise ValueError(texts.CATALOG_CHECK["kind_from_year"].format(
            code=code, year=year, before=texts.KINDS.get(before, before), after=texts.KINDS.get(after, after),
            start=plan.start_year, years=fmt_years(range(plan.start_year, year))))
    return year


def revision_items(changes: Sequence[CatalogChange]) -> list[str]:
    """What a revision adds, changes or retires, one item per goal, measure, indicator, agency or plan in the
    order of the preview ('ny indikator 2.4d', 'ändrad åtgärd 2.4 (Ansvariga)'): the fields a new item has are not
    changes of their own (one new indicator was counted as '8 ändringar')."""
    how = {v: k for k, v in texts.CATALOG_HOW.items()}
    items: dict[tuple[str, str, str], list[str]] = {}
    for c in changes:
        fields = items.setdefault((c.what, c.code, how.get(c.how, "changed")), [])
        if c.field and c.field not in fields:
            fields.append(c.field)
    return [texts.CATALOG_ITEM[h][what in texts.CATALOG_NEUTER].format(what=what.lower(), code=code,
                                                                      fields=", ".join(fields))
            for (what, code, h), fields in items.items()]


def save_catalog(s: Session, actor: Actor, new_doc: dict, from_year: int | None = None, source: str = "",
                 previewed: Sequence[CatalogChange] | None = None) -> Outcome:
    """Save a revised catalog (an edit in the app or an imported file) as a new revision in force from `from_year`
    (default: the plan's first year), after the same check and comparison as the preview; audited. With
    `previewed` (the changes a preview showed), refused when the catalog has changed since, so that what is saved
    is what was seen."""
    require(actor, Role.COORDINATOR)
    preview = preview_catalog(s, new_doc)
    if previewed is not None and list(previewed) != preview.changes:
        raise ValueError(texts.CATALOG_CHECK["preview_stale"])
    plan = s.scalars(select(PlanPeriod).where(PlanPeriod.code == new_doc["plan"]["code"])).one()
    if preview.empty:
        return outcome(Result.NOTHING, "catalog_save", "unchanged", plan=plan.code)
    from_year = revision_year(s, preview, from_year)
    if not s.scalars(select(CatalogRevision).where(CatalogRevision.plan_period_id == plan.id)).first():
        record_revision(s, plan, plan.start_year, texts.CATALOG_REVISION_BEFORE, "", actor.username)
    old_checksum = plan.catalog_checksum
    apply_document(s, check_document(copy.deepcopy(new_doc)))
    plan.catalog_checksum = old_checksum  # the catalog file is not what changed
    items = revision_items(preview.changes)
    changes = fmt_quantity(len(items), texts.COUNTED["changes"])
    summary = texts.CATALOG_REVISION_SUMMARY.format(n=changes, items=fmt_list(items))
    record_revision(s, plan, from_year, source or texts.CATALOG_REVISION_APP, summary, actor.username)
    audit(s, actor.username, "catalog_revision", "plan_period", plan.code,
          texts.AUDIT["catalog_revision"].format(plan=plan.code, revision=plan.revision, year=from_year,
                                                 summary=summary),
          after={"revision": plan.revision, "from_year": from_year, "source": source,
                 "changes": [c.__dict__ for c in preview.changes]})
    return outcome(Result.DONE, "catalog_save", "ok", plan=plan.code, revision=plan.revision, year=from_year,
                   n=changes)


def revisions_frame(s: Session) -> pd.DataFrame:
    """The read plan's saved catalog revisions, newest first, with Swedish headings."""
    plan = current_plan(s)
    rows = s.execute(select(CatalogRevision.number, CatalogRevision.from_year, CatalogRevision.source,
                            CatalogRevision.created_by, CatalogRevision.created_at, CatalogRevision.summary)
                     .where(CatalogRevision.plan_period_id == plan.id)
                     .order_by(CatalogRevision.number.desc())).all()
    df = pd.DataFrame(tuples(rows), columns=list(texts.CATALOG_REVISION_COLUMNS))
    df["created_at"] = df["created_at"].map(fmt_time)
    return df.rename(columns=texts.CATALOG_REVISION_COLUMNS)


def export_catalog(s: Session, fmt: str) -> tuple[str, bytes]:
    """The read plan's catalog as a file: (file name, bytes), TOML or Excel, naming the plan and revision."""
    plan = current_plan(s)
    doc = catalog_document(s, plan)
    name = f"katalog_{plan.code}_revision_{plan.revision}"
    if fmt == "xlsx":
        return f"{name}.xlsx", to_xlsx(doc, plan.revision)
    return f"{name}.toml", to_toml(doc, plan.revision).encode("utf-8")


def preview_file(s: Session, data: bytes, file_name: str, from_year: int | None = None) -> CatalogPreview:
    """The preview of an uploaded catalog file (TOML or Excel) against the stored catalog of its plan, refused as
    the save would refuse it for `from_year` (None: the plan's first year, as the save takes it; a dry run said
    yes to a year the save refused)."""
    preview = preview_catalog(s, parse_catalog_file(file_name, data))
    if from_year is not None or not preview.empty:
        revision_year(s, preview, from_year)
    return preview


def import_catalog(s: Session, actor: Actor, data: bytes, file_name: str, from_year: int | None = None,
                   previewed: Sequence[CatalogChange] | None = None) -> Outcome:
    """Save an uploaded catalog file as a new revision of its plan (the same check as the preview; `previewed` as
    in save_catalog)."""
    return save_catalog(s, actor, parse_catalog_file(file_name, data), from_year, uploaded_name(file_name),
                        previewed)
