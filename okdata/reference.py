"""Published regional figures: values of goal-level indicators that Länsstyrelsen or others have published, each
with its source address and the quoted sentence, entered one by one or uploaded as a CSV file
(`indikator,år,område,grupp,värde,enhet,källa,citat`, decimal comma or point). They are stored as an approved
batch of kind "reference", like the figures shipped in okdata/data/publicerade_regionala_indikatorer.csv."""

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from okdata import clock, texts
from okdata.auth import Actor, audit, require
from okdata.catalog import indicators_frame
from okdata.checks import parse_number
from okdata.domain import Dimension, Outcome, Result, Role, outcome
from okdata.file_text import decoded_csv, incoming, one_line, text_file_size_problem, uploaded_name
from okdata.formatting import fmt_exact, fmt_quantity, quoted
from okdata.models import Area, Observation
from okdata.periods import year_state
from okdata.store import add_observations, create_batch

COLUMNS = ("indikator", "år", "område", "grupp", "värde", "enhet", "källa", "citat")
# Headings read as the same column (the shipped file writes them without å/ä/ö).
ALIASES = {"ar": "år", "omrade": "område", "varde": "värde", "kalla": "källa"}
ALL_GROUPS = ("", "alla", "totalt")


@dataclass
class ReferenceCheck:
    """The rows read from a file of published figures (ready to store) and the problems found, one per line."""

    rows: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)  # per row that replaces a stored figure: which, and its source
    locked: list[str] = field(default_factory=list)  # per year whose lägesrapport is published: that it is locked
    locked_years: list[int] = field(default_factory=list)

    def frame(self) -> pd.DataFrame:
        """The rows as the preview shows them (the value in Swedish, '61,5', with every digit)."""
        return pd.DataFrame([{**{k: r[k] for k in ("code", "year", "area", "grp", "unit", "url", "quote")},
                              "value_num": fmt_exact(r["value_num"])} for r in self.rows],
                            columns=list(texts.REFERENCE_COLUMNS)).rename(columns=texts.REFERENCE_COLUMNS)


# a source is a web address: http(s), a host, and no space, quote or angle bracket anywhere ("http:// javascript:…")
WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[^\s\"'<>]*)?")
MAX_VALUE = 1e9  # no published figure of the county comes near it


def read_reference_csv(data: bytes) -> list[dict]:
    """The rows of a CSV file of published figures (comma or semicolon separated, UTF-8 or Windows-1252), headings
    normalised."""
    if too_big := text_file_size_problem(data):
        raise ValueError(too_big)
    if (text := decoded_csv(data)) is None:
        raise ValueError(texts.REFERENCE_PROBLEMS["encoding"])
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        heads = {h: ALIASES.get(incoming(h).strip().casefold(), incoming(h).strip().casefold())
                 for h in reader.fieldnames or []}
    except csv.Error as e:  # a field beyond the csv module's limit (128 KiB)
        raise ValueError(texts.REFERENCE_PROBLEMS["too_long"]) from e
    if len(set(heads.values())) < len(heads):  # "år" and "ar": one would silently win
        raise ValueError(texts.REFERENCE_PROBLEMS["heading_twice"])
    if missing := [c for c in COLUMNS if c not in heads.values()]:
        raise ValueError(texts.REFERENCE_PROBLEMS["columns"].format(missing=", ".join(missing),
                                                                    columns=",".join(COLUMNS)))
    # each field as a return's cells are read: composed letters, no control characters or of the text's direction
    try:
        return [{heads[k]: incoming(v or "").strip() for k, v in r.items() if k in heads} for r in reader]
    except csv.Error as e:
        raise ValueError(texts.REFERENCE_PROBLEMS["too_long"]) from e


def check_reference(s: Session, rows: list[dict], numbered: bool = True) -> ReferenceCheck:
    """Check published figures against the read plan's goal-level indicators; every problem names its line in the
    file (`numbered`), or is a sentence of its own for a figure typed in the app."""
    ind = indicators_frame(s)
    regional = ind[ind.measure == ""]
    by_key = {r.code.casefold(): r for r in regional.itertuples()} | {r.name.casefold(): r
                                                                      for r in regional.itertuples()}
    areas = {a.name.casefold(): a.code for a in s.scalars(select(Area))} | {
        a.code: a.code for a in s.scalars(select(Area))}
    out = ReferenceCheck()
    lines: list[int] = []  # the line of each row kept
    for line, r in enumerate(rows, start=2):
        def bad(key: str, line: int = line, **facts) -> None:
            facts = {k: quoted(v) if isinstance(v, str) else v for k, v in facts.items()}
            problem = texts.REFERENCE_PROBLEMS[key].format(**facts)
            out.problems.append(texts.REFERENCE_PROBLEMS["line"].format(line=line, problem=problem) if numbered
                                else texts.REFERENCE_PROBLEMS["typed"].format(problem=problem[0].upper() + problem[1:]))

        i = by_key.get(r["indikator"].casefold())
        year = r["år"]
        value = parse_number(r["värde"])
        area = areas.get(r["område"].casefold() or "stockholms län")
        grp = r["grupp"].casefold()
        if not r["indikator"].strip():  # an empty field is missing, not a wrong value ("källan ''")
            bad("missing_indicator")
        elif i is None:
            bad("indicator", value=r["indikator"])
        elif r["enhet"] and r["enhet"].casefold() != str(i.unit).casefold():
            bad("unit", value=r["enhet"], unit=i.unit, code=i.code)
        if not year.strip():
            bad("missing_year")
        elif not (year.isascii() and year.isdigit() and 1990 <= int(year) <= 2100):
            bad("year", value=year)
        elif int(year) > clock.today().year:  # a published figure is of a year that has begun
            bad("future_year", value=year)
        if area is None:
            bad("area", value=r["område"])
        if grp not in ALL_GROUPS and grp not in texts.GROUPS:
            bad("group", value=r["grupp"], groups=", ".join(texts.GROUPS))
        elif grp not in ALL_GROUPS and i is not None and Dimension.GROUP not in i.breakdowns:
            bad("group_not_broken_down", value=r["grupp"], code=i.code)  # stored, it would show nowhere
        if not r["värde"].strip():
            bad("missing_value")
        elif value is None:
            bad("value", value=r["värde"])
        elif i is not None and i.kind == "share" and not 0 <= value <= 100:
            bad("share", value=r["värde"])
        elif not 0 <= value <= MAX_VALUE:  # a published count, rate or index of the county is neither
            bad("implausible", value=r["värde"])
        if not r["källa"].strip():
            bad("missing_source")
        elif not WEB_ADDRESS.fullmatch(r["källa"]):
            bad("source", value=r["källa"])
        if not r["citat"]:
            bad("quote")
        if i is not None and value is not None and area and year.isascii() and year.isdigit() and \
                int(year) <= clock.today().year and WEB_ADDRESS.fullmatch(r["källa"]) and r["citat"] and \
                0 <= value <= MAX_VALUE:
            lines.append(line)
            out.rows.append({"indicator_id": int(i.id), "code": i.code, "year": int(year), "area": r["område"] or
                             "Stockholms län", "area_code": area, "grp": "" if grp in ALL_GROUPS else grp,
                             "value_num": value, "unit": i.unit, "url": r["källa"], "quote": r["citat"]})
    first: dict[tuple, int] = {}
    for line, r in zip(lines, out.rows):  # each figure once: which row would win is not for the file to hide
        key = _figure_key(r)
        if key in first:
            out.problems.append(texts.REFERENCE_PROBLEMS["twice"].format(first=first[key], line=line))
        first.setdefault(key, line)
    for year in sorted({r["year"] for r in out.rows}):  # said as an approval there is said (review.review)
        state = year_state(s, year)
        if state.lock == "published":
            out.locked_years.append(year)
            out.locked.append(texts.REFERENCE_LOCKED_YEAR.format(year=year, why=state.why))
    stored = _stored_figures(s, out.rows)
    for line, r in zip(lines, out.rows):  # a figure replaces the stored one of its key: said, never silently
        old = stored.get(_figure_key(r))
        if old is not None:
            source = one_line(old[1].split(" – ")[0])[:200]
            said = texts.REFERENCE_PROBLEMS["replaces"].format(
                value=fmt_exact(old[0]) if old[0] is not None else "–", code=r["code"], year=r["year"], area=r["area"],
                new=texts.REFERENCE_PROBLEMS["same_value"] if old[0] == r["value_num"] else fmt_exact(r["value_num"]),
                group=f" ({r['grp']})" if r["grp"] else "",
                source=texts.REFERENCE_PROBLEMS["replaces_source"].format(source=source) if source else "")
            out.replaces.append(texts.REFERENCE_PROBLEMS["line"].format(line=line, problem=said) if numbered
                                else texts.REFERENCE_PROBLEMS["typed"].format(problem=said[0].upper() + said[1:]))
    return out


def _figure_key(row: dict) -> tuple:
    """What a published figure is the figure of: indicator id, year, area, group."""
    return row["indicator_id"], row["year"], row["area_code"], row["grp"]


def _stored_figures(s: Session, rows: list[dict]) -> dict[tuple, tuple[float | None, str]]:
    """The current figure (value, source) of each key of `rows` that has one: (indicator id, year, area, group)."""
    if not rows:
        return {}
    o = Observation
    found = s.execute(select(o.indicator_id, o.year, o.area_code, o.grp, o.value_num, o.source).where(
        o.is_current.is_(True), o.violence_type == "", o.category == "",
        o.indicator_id.in_({r["indicator_id"] for r in rows}), o.year.in_({r["year"] for r in rows})))
    return {(i, y, a, g): (v, src or "") for i, y, a, g, v, src in found}


def check_reference_file(s: Session, data: bytes) -> ReferenceCheck:
    """Read and check a CSV file of published figures (ValueError in Swedish when it is not such a file)."""
    return check_reference(s, read_reference_csv(data))


def save_reference(s: Session, actor: Actor, rows: list[dict], file_name: str = "", numbered: bool = True) -> Outcome:
    """Store checked published figures as one approved batch of kind "reference", each with its source and quote;
    refused (nothing stored) when any row has a problem. Audited."""
    require(actor, Role.COORDINATOR)
    check = check_reference(s, rows, numbered)
    if check.problems:
        raise ValueError("\n".join(check.problems))
    if not check.rows:
        return outcome(Result.NOTHING, "reference_import", "empty")
    digest = hashlib.sha256(repr(sorted(map(str, rows))).encode()).hexdigest()
    replaced = len(check.replaces)
    batch = create_batch(s, "reference", file_name=file_name or texts.REFERENCE_ENTERED, checksum=digest,
                         user_name=actor.username, note=texts.REFERENCE_BATCH)
    batch.n_new = add_observations(s, batch, [
        {"indicator_id": r["indicator_id"], "year": r["year"], "area_code": r["area_code"], "grp": r["grp"],
         "value_num": r["value_num"], "source": f"{r['url']} – ”{r['quote']}”"} for r in check.rows])
    s.add(batch)
    saved = fmt_quantity(batch.n_new, texts.COUNTED["figures_saved"])
    audit(s, actor.username, "reference_import", "import_batch", str(batch.id),
          texts.AUDIT["reference_import"].format(n=saved, id=batch.id),
          after={"file": file_name, "codes": sorted({r["code"] for r in check.rows}),
                 "locked_years": check.locked_years or None})
    replaced_said = (texts.REFERENCE_REPLACED_ALONE if replaced and batch.n_new == 1
                     else texts.REFERENCE_REPLACED[min(replaced, 2)].format(n=replaced))
    return outcome(Result.DONE, "reference_import", "ok", n=saved, id=batch.id, replaced=replaced_said)


def import_reference(s: Session, actor: Actor, data: bytes, file_name: str) -> Outcome:
    """Read, check and store a CSV file of published figures (one transaction)."""
    return save_reference(s, actor, read_reference_csv(data), uploaded_name(file_name))


def _figure_row(s: Session, indicator: str, year: int, area: str, group: str, value: str, url: str,
                quote: str) -> dict:
    """One figure typed into the app as a row of the file (its unit the indicator's own)."""
    ind = indicators_frame(s).set_index("code")
    unit = str(ind.loc[indicator, "unit"]) if indicator in ind.index else ""
    return {"indikator": indicator, "år": str(year), "område": area, "grupp": group, "värde": str(value),
            "enhet": unit, "källa": url.strip(), "citat": quote.strip()}


def check_published_figure(s: Session, indicator: str, year: int, area: str, group: str, value: str, url: str,
                           quote: str) -> ReferenceCheck:
    """The preview of one figure entered in the app: the row it stores, or its problems (nothing is stored)."""
    return check_reference(s, [_figure_row(s, indicator, year, area, group, value, url, quote)], numbered=False)


def add_published_figure(s: Session, actor: Actor, indicator: str, year: int, area: str, group: str, value: str,
                         url: str, quote: str) -> Outcome:
    """Store one published figure entered in the app (the same checks as a file)."""
    return save_reference(s, actor, [_figure_row(s, indicator, year, area, group, value, url, quote)],
                          numbered=False)
