"""Plan periods: starting the next plan (e.g. 2028–2031) from the current one, carrying over the goals, measures
and indicators chosen. A carried-over indicator continues its stored series: its row in the new plan names the
earlier indicator (`series_id`), whose key its values are stored and read under; the others stay with the old
plan, which stays readable with its published reports."""

import copy
import tomllib
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from okdata import texts
from okdata.auth import Actor, audit, require
from okdata.catalog import apply_document, catalog_document, check_document
from okdata.catalog_revisions import record_revision
from okdata.domain import Outcome, Result, Role, outcome
from okdata.formatting import fmt_contents, fmt_value
from okdata.models import Indicator, PlanPeriod


def parse_period(period: str) -> tuple[int, int]:
    """(start, end) from "2028-2031" (hyphen or en dash); ValueError in Swedish otherwise."""
    if not period.strip():
        raise ValueError(texts.PLAN_PROBLEMS["period_missing"])
    parts = period.replace("–", "-").split("-")
    if len(parts) != 2 or not all(p.strip().isascii() and p.strip().isdigit() and len(p.strip()) == 4
                                  and 1900 <= int(p) <= 2200 for p in parts):
        raise ValueError(texts.PLAN_PROBLEMS["period"].format(period=period))
    start, end = int(parts[0]), int(parts[1])
    if not start <= end <= start + 10:
        raise ValueError(texts.PLAN_PROBLEMS["period"].format(period=period))
    return start, end


def read_carry_file(data: bytes) -> dict[str, list[str]]:
    """What to carry over, from a TOML file: `goals = [1, 2]`, `measures = ["1.1"]`, `indicators = ["1.1a"]`."""
    if len(data) > MAX_CARRY_BYTES:  # a list of a plan's codes is a few kilobytes
        raise ValueError(texts.PLAN_PROBLEMS["carry_file"])
    try:
        raw = tomllib.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as e:
        raise ValueError(texts.PLAN_PROBLEMS["carry_file"]) from e
    if unknown := set(raw) - {"goals", "measures", "indicators"}:
        raise ValueError(texts.PLAN_PROBLEMS["carry_keys"].format(keys=", ".join(sorted(unknown))[:200]))
    # each a list of numbers or codes: `goals = 1` or `goals = "12"` is not one ("12" carried goals 1 and 2)
    if any(not isinstance(raw.get(k, []), list) or not all(isinstance(x, int | str) and not isinstance(x, bool)
                                                              for x in raw.get(k, []))
           for k in ("goals", "measures", "indicators")):
        raise ValueError(texts.PLAN_PROBLEMS["carry_file"])
    return {k: [str(x) for x in raw.get(k, [])] for k in ("goals", "measures", "indicators")}


MAX_CARRY_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class PlanPreview:
    """What starting a plan period will do: its code and name, the plan it starts from, and the goals (numbers),
    measures and indicators (codes) carried over and left behind in the old plan."""

    code: str
    name: str
    from_name: str
    carried: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # goals, measures, indicators
    left: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
    targets_left: tuple[tuple[str, float, int, str], ...] = ()  # (code, value, year, kind): targets left behind

    def lines(self) -> list[str]:
        """The preview in Swedish sentences."""
        goals, measures, indicators = self.carried
        left = [texts.PLAN_PREVIEW[kind].format(codes=", ".join(codes))
                for kind, codes in zip(("goals", "measures", "indicators"), self.left) if codes]
        return [texts.PLAN_PREVIEW["start"].format(name=self.name, old=self.from_name),
                texts.PLAN_PREVIEW["carried"].format(contents=fmt_contents(len(goals), len(measures),
                                                                           len(indicators))),
                texts.PLAN_PREVIEW["left"].format(old=self.from_name, what="; ".join(left)) if left
                else texts.PLAN_PREVIEW["nothing_left"],
                *([texts.PLAN_PREVIEW["targets_left"].format(old=self.from_name, targets=", ".join(
                    texts.PLAN_PREVIEW["target"].format(code=c, value=fmt_value(v, kind), year=y)
                    for c, v, y, kind in self.targets_left))] if self.targets_left else [])]


def _planned(s: Session, from_code: str, period: str, carry: dict[str, list[str]], name: str):
    """The old plan, the new plan's catalog document and what it carries, checked; ValueError in Swedish."""
    start, end = parse_period(period)
    old = s.scalars(select(PlanPeriod).where(PlanPeriod.code == from_code)).first()
    if old is None:
        raise ValueError(texts.CATALOG_CHECK["unknown_plan"].format(plan=from_code))
    code = f"{start}-{end}"
    plans = s.scalars(select(PlanPeriod)).all()
    for p in plans:
        if p.code == code or not (end < p.start_year or start > p.end_year):
            raise ValueError(texts.PLAN_PROBLEMS["overlap"].format(period=code, other=p.code))
    latest = max(plans, key=lambda p: p.end_year)
    if start != latest.end_year + 1:  # before the plans (years reopened for reporting) or after a gap of years
        raise ValueError(texts.PLAN_PROBLEMS["not_next"].format(period=code, latest=latest.code,
                                                                first=latest.end_year + 1,
                                                                last=latest.end_year + 1 + end - start))
    doc = catalog_document(s, old)
    goals = {str(g["number"]) for g in doc["goal"]}
    measures = {m["code"] for m in doc["measure"]}
    indicators = {i["id"] for m in doc["measure"] for i in m["indicator"]} | {
        i["id"] for i in doc["regional_indicator"]}
    want_goals, want_measures, want_inds = (set(carry.get(k, [])) for k in ("goals", "measures", "indicators"))
    for wanted, known in ((want_goals, goals), (want_measures, measures), (want_inds, indicators)):
        if unknown := wanted - known:
            raise ValueError(texts.PLAN_PROBLEMS["unknown"].format(codes=", ".join(sorted(unknown)), plan=from_code))
    if not want_goals:
        raise ValueError(texts.PLAN_PROBLEMS["no_goals"])
    series = {i.code: i.series_id or i.id
              for i in s.scalars(select(Indicator).where(Indicator.plan_period_id == old.id))}
    new = copy.deepcopy(doc)
    new["plan"] = {"code": code, "name": name.strip() or texts.PLAN_NAME.format(start=start, end=end),
                   "start_year": start, "end_year": end, "baseline_year": start - 1,
                   "source": texts.PLAN_SOURCE.format(plan=old.name)}
    new["goal"] = [g for g in doc["goal"] if str(g["number"]) in want_goals]
    new["measure"] = []
    for m in doc["measure"]:
        if m["code"] not in want_measures:
            continue
        if str(m["goal"]) not in want_goals:
            raise ValueError(texts.PLAN_PROBLEMS["measure_goal"].format(code=m["code"], goal=m["goal"]))
        m = {**m, "indicator": [{**i, "series_id": series[i["id"]]} for i in m["indicator"] if i["id"] in want_inds]}
        new["measure"].append(m)
    new["regional_indicator"] = [{**i, "series_id": series[i["id"]]} for i in doc["regional_indicator"]
                                 if i["id"] in want_inds and str(i["goal"]) in want_goals]
    # a target set for a year of the old plan (2027) is the old plan's: judged against in the new one, it would
    # lie before the new plan's own baseline. It stays behind; one for a year of the new period is carried.
    targets_left = []
    for i in [i for m in new["measure"] for i in m["indicator"]] + new["regional_indicator"]:
        if i.get("target_year") is not None and not start <= i["target_year"] <= end:
            targets_left.append((i["id"], i["target_value"], i["target_year"], i["kind"]))
            del i["target_value"], i["target_year"]
    placed = {i["id"] for m in new["measure"] for i in m["indicator"]} | {i["id"] for i in new["regional_indicator"]}
    if stray := want_inds - placed:
        raise ValueError(texts.PLAN_PROBLEMS["indicator_parent"].format(codes=", ".join(sorted(stray))))
    checked = check_document(new)

    def in_plan_order(codes: set[str], known: list[str]) -> tuple[str, ...]:
        return tuple(c for c in known if c in codes)

    order = ([str(g["number"]) for g in doc["goal"]], [m["code"] for m in doc["measure"]],
             [i["id"] for m in doc["measure"] for i in m["indicator"]] + [i["id"] for i in doc["regional_indicator"]])
    kept = (want_goals, want_measures, placed)
    preview = PlanPreview(code, new["plan"]["name"], old.name,
                          tuple(in_plan_order(k, o) for k, o in zip(kept, order)),
                          tuple(in_plan_order(set(o) - k, o) for k, o in zip(kept, order)), tuple(targets_left))
    return old, start, checked, preview


def preview_plan(s: Session, from_code: str, period: str, carry: dict[str, list[str]],
                 name: str = "") -> PlanPreview:
    """What new_plan with the same arguments would start, checked the same way (ValueError in Swedish), with
    nothing stored."""
    return _planned(s, from_code, period, carry, name)[3]


def new_plan(s: Session, actor: Actor, from_code: str, period: str, carry: dict[str, list[str]],
             name: str = "") -> Outcome:
    """Start the plan period `period` from the plan `from_code`, carrying over the chosen goals (numbers),
    measures and indicators (codes). Audited; refused when the period overlaps another or a choice is unknown."""
    require(actor, Role.COORDINATOR)
    old, start, checked, preview = _planned(s, from_code, period, carry, name)
    plan = apply_document(s, checked, predecessor_id=old.id)
    goals, measures, indicators = preview.carried
    summary = texts.PLAN_SUMMARY.format(contents=fmt_contents(len(goals), len(measures), len(indicators)))
    record_revision(s, plan, start, texts.PLAN_SOURCE.format(plan=old.name), summary, actor.username)
    audit(s, actor.username, "plan_new", "plan_period", preview.code,
          texts.AUDIT["plan_new"].format(plan=preview.code, old=from_code, summary=summary),
          after={"from": from_code, "goals": sorted(goals), "measures": sorted(measures),
                 "indicators": sorted(indicators)})
    return outcome(Result.DONE, "plan_new", "ok", plan=preview.code, old=from_code, summary=summary)
