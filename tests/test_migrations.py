"""Test the migrations: a database made with the first schema, full of data, upgrades and loses nothing."""

from sqlalchemy import func, inspect, select

from okdata import db
from okdata.auth import create_demo_users
from okdata.catalog import load_areas, load_catalog
from okdata.install import init_database, schema_revision, upgrade_database
from okdata.models import SQLModel
from okdata.population import load_population
from okdata.returns import save_return
from okdata.sample import load_examples, load_published

FIRST = "0001"
KVV_FILE = db.ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx"


def _counts(url) -> dict[str, int]:
    with db.read_session(url) as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) for t in SQLModel.metadata.sorted_tables}


def _first_schema_database_full_of_data(url) -> dict[str, int]:
    upgrade_database(url, FIRST)
    with db.session(url) as s:
        load_areas(s)
        load_catalog(s)
        load_population(s)
        load_published(s)
        load_examples(s)
        create_demo_users(s)
    with db.session(url) as s:
        assert save_return(s, KVV_FILE.read_bytes(), KVV_FILE.name, None).outcome == "saved"
    return _counts(url)


def test_upgrading_a_full_first_schema_database_loses_nothing(backend):
    url = backend.blank()
    before = _counts_nonzero(_first_schema_database_full_of_data(url))
    assert schema_revision(url) == FIRST
    assert "ix_audit_event_user" not in {i["name"] for i in inspect(db.get_engine(url)).get_indexes("audit_event")}
    upgrade_database(url)
    assert schema_revision(url) != FIRST
    assert _counts_nonzero(_counts(url)) == before
    db.get_engine(url).dispose()
    assert "ix_audit_event_user" in {i["name"] for i in inspect(db.get_engine(url)).get_indexes("audit_event")}


def _counts_nonzero(counts: dict[str, int]) -> dict[str, int]:
    assert counts["observation"] > 4000 and counts["import_batch"] == 3 and counts["app_user"] == 5
    return counts


def test_init_upgrades_an_existing_database_and_adds_nothing_twice(backend):
    url = backend.blank()
    before = _first_schema_database_full_of_data(url)
    result = init_database(url, sample=True)
    assert result.is_sample and result.example_values == 0
    assert schema_revision(url) != FIRST
    after = _counts(url)
    assert {k: v for k, v in after.items() if k != "audit_event"} == {k: v for k, v in before.items()
                                                                       if k != "audit_event"}
