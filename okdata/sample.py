"""Reference data (real published figures, with sources) and deterministic example figures.

Every example row is flagged `is_example` and belongs to a batch of kind "sample"; real rows carry
their source. The generator is seeded per indicator, so the sample database is the same on every machine.
"""

import csv
import itertools
import random
import zlib
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from okdata import texts
from okdata.auth import SAMPLE_USER, Actor
from okdata.catalog import COUNTY_CODE, DATA_DIR, file_checksum, indicators_frame, measures_frame
from okdata.domain import Dimension, Frequency, Implementation, Role
from okdata.models import Agency, Area, ImportBatch
from okdata.periods import open_reporting_year
from okdata.population import fill_years, population_frame
from okdata.sample_story import tell_story
from okdata.store import add_observations, add_statuses, create_batch

PUBLISHED_PATH = DATA_DIR / "publicerade_regionala_indikatorer.csv"
SAMPLE_YEARS = list(range(2020, 2026))
STATUS_YEARS = [2024, 2025]
SAMPLE_GROUPS = ["kvinnor", "män"]


def load_published(s: Session, path: Path = PUBLISHED_PATH) -> int:
    """Store the real published regional figures once, each with its source and quote."""
    checksum = file_checksum(path)
    if s.scalars(select(ImportBatch).where(ImportBatch.kind == "reference", ImportBatch.checksum == checksum)).first():
        return 0
    ind = indicators_frame(s)
    by_name = {r.name: r.id for r in ind.itertuples() if not r.measure}
    areas = {a.name: a.code for a in s.scalars(select(Area))}
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    batch = create_batch(s, "reference", file_name=path.name, checksum=checksum, user_name="referensdata",
                         note=texts.REFERENCE_BATCH)
    values = []
    for r in rows:
        if r["indikator"] not in by_name:
            raise ValueError(f"Publicerad indikator saknas i katalogen: {r['indikator']}")
        values.append({
            "indicator_id": by_name[r["indikator"]], "year": int(r["ar"]), "area_code": areas[r["omrade"]],
            "grp": "" if r["grupp"] == "alla" else r["grupp"], "value_num": float(r["varde"]),
            "source": f"{r['kalla']} – ”{r['citat']}”",
        })
    batch.n_new = add_observations(s, batch, values)
    return batch.n_new


def _rng(*parts) -> random.Random:
    return random.Random(zlib.crc32("|".join(map(str, parts)).encode()))


def _dimensions(ind, municipalities: list[str]) -> list[tuple[str, list[str], str]]:
    """(column, leaf members, total marker) per breakdown of an indicator."""
    dims = []
    for b in ind.breakdowns:
        if b == Dimension.VIOLENCE_TYPE:
            dims.append(("violence_type", list(texts.VIOLENCE_TYPES), ""))
        elif b == Dimension.AREA:
            dims.append(("area_code", municipalities, COUNTY_CODE))
        elif b == Dimension.GROUP:
            dims.append(("grp", SAMPLE_GROUPS, ""))
        elif b == Dimension.CATEGORY:
            dims.append(("category", list(ind.categories), ""))
    return dims


def _scale(ind) -> float:
    name = ind.name.casefold()
    if "kommuner" in name:
        return 10
    if "besök" in name or "nedladdning" in name or "sökningar" in ind.unit:
        return 4000
    if "processer" in name or "kursledare" in name:
        return 12
    return 300


def _leaf_rows(ind, dims, weights: dict[str, float]) -> list[dict]:
    rng = _rng("exempel", ind.code)
    level, trend = _scale(ind), rng.uniform(-0.04, 0.12)
    share_level = rng.uniform(35, 75)
    spread = 1
    for column, members, _ in dims:
        spread *= 1 if column == "area_code" else len(members)
    rows = []
    for combo in itertools.product(*[members for _, members, _ in dims]):
        key = dict(zip([d[0] for d in dims], combo))
        w = weights.get(key.get("area_code", ""), 1.0) if "area_code" in key else 1.0
        leaf_rng = _rng("exempel", ind.code, *combo)
        leaf_level = level * w * leaf_rng.uniform(0.5, 1.5) / spread
        leaf_share = min(95.0, max(5.0, share_level + leaf_rng.uniform(-15, 15)))
        for t, year in enumerate(SAMPLE_YEARS):
            noise = leaf_rng.uniform(0.9, 1.1)
            if ind.kind == "share":
                den = round(leaf_rng.uniform(80, 400) * w * (1 + 0.02 * t))
                p = min(99.0, max(1.0, leaf_share + t * trend * 20 * noise))
                rows.append({**key, "year": year, "num": round(den * p / 100), "den": den})
            else:
                rows.append({**key, "year": year, "num": round(leaf_level * (1 + trend) ** t * noise)})
    return rows


def _aggregate(leaves: pd.DataFrame, dims) -> pd.DataFrame:
    """Add every total (each subset of breakdowns summed over) to the leaf rows."""
    cols = [d[0] for d in dims]
    parts = []
    for r in range(len(cols) + 1):
        for summed in itertools.combinations(cols, r):
            keep = [c for c in cols if c not in summed] + ["year"]
            agg = leaves.groupby(keep, as_index=False)[[c for c in ("num", "den") if c in leaves]].sum()
            for c in summed:
                agg[c] = next(d[2] for d in dims if d[0] == c)
            parts.append(agg)
    return pd.concat(parts, ignore_index=True)


def example_observations(s: Session) -> list[dict]:
    """Example values 2020–2025 for every quantitative yearly indicator, with its breakdowns and totals."""
    ind = indicators_frame(s)
    todo = ind[(ind.kind.isin(["count", "share", "rate", "index"])) & (ind.frequency == Frequency.YEARLY)
               & (ind.measure != "") & (~ind.is_development)]
    areas = [a.code for a in s.scalars(select(Area).where(Area.kind == "kommun").order_by(Area.code))]
    pop = fill_years(population_frame(s), SAMPLE_YEARS)
    pop_2021 = pop[pop.year == 2021].set_index("area_code")["population"]
    weights = {a: pop_2021[a] / pop_2021[COUNTY_CODE] * len(areas) for a in areas}
    pop_lookup = pop.set_index(["area_code", "year"])["population"]
    rows: list[dict] = []
    for r in todo.itertuples():
        dims = _dimensions(r, areas)
        leaves = pd.DataFrame(_leaf_rows(r, dims, weights))
        if "kommuner" in r.name.casefold():
            leaves["num"] = leaves["num"].clip(upper=len(areas))
        table = _aggregate(leaves, dims) if dims else leaves
        for t in table.to_dict("records"):
            row = {"indicator_id": r.id, "year": int(t["year"]), "is_example": True,
                   "source": texts.EXAMPLE_SOURCE, **{c: t[c] for c, _, _ in dims}}
            if r.kind == "share":
                row.update(numerator=float(t["num"]), denominator=float(t["den"]),
                           value_num=round(100 * t["num"] / t["den"], 1) if t["den"] else None)
            elif r.kind == "rate":
                p = pop_lookup[(row.get("area_code", COUNTY_CODE), row["year"])]
                row.update(numerator=float(t["num"]), denominator=float(p),
                           value_num=round(t["num"] / p * 100_000, 1))
            else:
                row["value_num"] = float(t["num"])
            rows.append(row)
    return rows + _example_texts(ind)


def _example_texts(ind: pd.DataFrame) -> list[dict]:
    """Ja for yearly milestones and a short text for yearly descriptive indicators, 2024–2025."""
    rows = []
    yearly = ind[(ind.frequency == Frequency.YEARLY) & (~ind.is_development)]
    for r in yearly.itertuples():
        for year in STATUS_YEARS:
            if r.kind == "milestone":
                rows.append({"indicator_id": r.id, "year": year, "value_text": texts.YES,
                             "is_example": True, "source": texts.EXAMPLE_SOURCE})
            elif r.kind == "descriptive":
                rows.append({"indicator_id": r.id, "year": year, "is_example": True,
                             "value_text": texts.EXAMPLE_DESCRIPTIVE.format(year=year),
                             "source": texts.EXAMPLE_SOURCE})
    return rows


def example_statuses(s: Session) -> list[dict]:
    """An example implementation status with a short description per measure, agency and year."""
    agencies = {a.code: a for a in s.scalars(select(Agency))}
    members = [a for a in agencies.values() if a.parent_id == agencies["KOMMUNER"].id]
    rows = []
    for m in measures_frame(s).itertuples():
        responsible = [agencies[c] for c in m.agency_codes]
        expanded = [x for a in responsible for x in (members if a.code == "KOMMUNER" else [a])]
        for a in {x.id: x for x in expanded}.values():
            for year in STATUS_YEARS:
                roll = _rng("status", m.code, a.code, year).random()
                if year == 2024:
                    status = Implementation.NOT_STARTED if roll < 0.25 else Implementation.ONGOING
                else:
                    status = (Implementation.DONE if roll < 0.3 else Implementation.ONGOING if roll < 0.85
                              else Implementation.DELAYED if roll < 0.97 else Implementation.CANCELLED)
                rows.append({"measure_id": m.id, "agency_id": a.id, "year": year, "status": status,
                             "description": texts.EXAMPLE_DESCRIPTIONS[status], "is_example": True})
    return rows


def load_examples(s: Session) -> int:
    """Store the example figures and statuses as one approved batch (once)."""
    if s.scalars(select(ImportBatch).where(ImportBatch.kind == "sample")).first():
        return 0
    batch = create_batch(s, "sample", file_name="", user_name=SAMPLE_USER, note=texts.SAMPLE_BATCH)
    batch.n_new = add_observations(s, batch, example_observations(s))
    batch.n_statuses = add_statuses(s, batch, example_statuses(s))
    s.add(batch)
    s.flush()
    open_reporting_year(s, Actor(SAMPLE_USER, SAMPLE_USER, Role.COORDINATOR), 2024, date(2025, 3, 31))
    tell_story(s, SAMPLE_USER)
    return batch.n_new
