"""Test that the value store keeps every version and that flags follow batch statuses exactly."""

import pytest
from sqlalchemy import select

from okdata import db
from okdata.models import Observation
from okdata.store import add_observations, create_batch, set_batch_status
from tests.db_support import indicator_id


@pytest.fixture
def s(empty_url):
    with db.session(empty_url) as session:
        yield session



def _shown(s, ind, approved=True):
    flag = Observation.is_approved if approved else Observation.is_current
    return [o.value_num for o in s.scalars(select(Observation).where(Observation.indicator_id == ind,
                                                                      Observation.year == 2024, flag.is_(True)))]


def test_a_newer_batch_supersedes_and_undo_restores_the_previous_value(s):
    ind = indicator_id(s, "1.1a")
    a = create_batch(s, "upload")
    add_observations(s, a, [{"indicator_id": ind, "year": 2024, "value_num": 10}])
    b = create_batch(s, "upload")
    add_observations(s, b, [{"indicator_id": ind, "year": 2024, "value_num": 12}])
    assert _shown(s, ind) == [12]
    set_batch_status(s, b, "rolled_back")
    assert _shown(s, ind) == [10]
    assert len(s.scalars(select(Observation).where(Observation.indicator_id == ind)).all()) == 2


def test_undoing_a_middle_batch_leaves_the_newest_value_and_later_undo_skips_it(s):
    ind = indicator_id(s, "1.1a")
    batches = []
    for v in (1, 2, 3):
        b = create_batch(s, "upload")
        add_observations(s, b, [{"indicator_id": ind, "year": 2024, "value_num": v}])
        batches.append(b)
    set_batch_status(s, batches[1], "rolled_back")
    assert _shown(s, ind) == [3]
    set_batch_status(s, batches[2], "rolled_back")
    assert _shown(s, ind) == [1]


def test_a_submitted_batch_is_current_but_not_approved_until_approval(s):
    ind = indicator_id(s, "1.1a")
    a = create_batch(s, "upload")
    add_observations(s, a, [{"indicator_id": ind, "year": 2024, "value_num": 5}])
    b = create_batch(s, "upload", status="submitted")
    add_observations(s, b, [{"indicator_id": ind, "year": 2024, "value_num": 7}])
    assert _shown(s, ind, approved=True) == [5]
    assert _shown(s, ind, approved=False) == [7]
    set_batch_status(s, b, "approved")
    assert _shown(s, ind) == [7]


def test_a_returned_batch_no_longer_counts(s):
    ind = indicator_id(s, "1.1a")
    b = create_batch(s, "upload", status="submitted")
    add_observations(s, b, [{"indicator_id": ind, "year": 2024, "value_num": 7}])
    set_batch_status(s, b, "returned")
    assert _shown(s, ind, approved=False) == []


def test_the_suite_runs_on_the_database_it_was_asked_for(request, sample_url):
    from okdata import db

    wanted = request.config.getoption("--db")
    assert db.get_engine(sample_url).dialect.name == wanted
    if wanted == "postgresql":
        assert sample_url.startswith("postgresql+psycopg://") and "127.0.0.1" in sample_url


@pytest.mark.sqlite_only
def test_writes_leave_sqlite_with_planner_statistics(empty_url):
    """Without statistics SQLite's planner may walk every value of an indicator where one upload's rows were
    wanted; every write ends with PRAGMA optimize (PostgreSQL's autovacuum analyses by itself)."""
    import sqlite3

    from okdata.install import init_database

    init_database(empty_url, sample=True)
    db.get_engine(empty_url).dispose()
    with sqlite3.connect(db.sqlite_path(empty_url)) as con:
        stats = dict(con.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'observation'").fetchall())
    assert "ix_observation_batch_id" in stats and int(stats["ix_observation_batch_id"].split()[0]) > 1000


@pytest.mark.sqlite_only
def test_every_sqlite_connection_keeps_a_page_cache_of_16_mib_for_reads_and_writes(sample_url):
    """SQLite's default 2 MiB of cached pages was outgrown by the indexes a page reads on a store with history
    (issue 16): each connection of the pool, reading or writing, keeps db.SQLITE_CACHE_KIB."""
    from sqlalchemy import text

    with db.read_session(sample_url) as s, db.session(sample_url) as w:
        sizes = [x.execute(text("PRAGMA cache_size")).scalar() for x in (s, w)]
    assert sizes == [-db.SQLITE_CACHE_KIB] * 2 and db.SQLITE_CACHE_KIB >= 16_384


def test_the_configured_database_has_one_engine_whether_named_or_not(sample_url, empty_url, monkeypatch):
    """Test that db.get_engine() and db.get_engine(url) of the configured URL are one engine (one pool, one set of
    connection settings) and that the unnamed one follows the configured URL."""
    monkeypatch.setenv("OKDATA_DATABASE_URL", sample_url)
    assert db.get_engine() is db.get_engine(sample_url)
    monkeypatch.setenv("OKDATA_DATABASE_URL", empty_url)
    assert db.get_engine() is db.get_engine(empty_url) and db.get_engine() is not db.get_engine(sample_url)
