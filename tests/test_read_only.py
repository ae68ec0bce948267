"""Test that a database that cannot be written (read-only or full) is a Swedish message: readers keep working,
writers say what is wrong, and nothing is half-written (issue 14, item 8).

The tests run as root, which ignores file permissions, so a read-only database is simulated the way the server
would see one: SQLite opened with the URI parameter mode=ro (what a read-only file or mount gives), PostgreSQL
with default_transaction_read_only=on (a read-only user or a standby). A full disk is simulated on SQLite with
PRAGMA max_page_count at the current size (SQLite then answers "database or disk is full", as on a full disk).
"""

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url

from okdata import db
from okdata.models import AuditEvent, ImportBatch, Indicator, Observation
from tests.apptest_support import COORDINATOR, READER, REPORTER_KVV, app, open_page
from tests.db_support import run

POL_FILE = db.ROOT / "sample_data" / "exempel_Polisen_2025.xlsx"
READ_ONLY_MESSAGE = "Databasen är skrivskyddad"


def _read_only(url: str) -> str:
    if db.is_sqlite(url):
        return f"sqlite:///file:{make_url(url).database}?mode=ro&uri=true"
    return make_url(url).update_query_dict({"options": "-c default_transaction_read_only=on"}).render_as_string(
        hide_password=False)


def _counts(url: str) -> tuple[int, int, int, tuple]:
    with db.read_session(url) as s:
        return (s.scalar(select(func.count()).select_from(Observation)),
                s.scalar(select(func.count()).select_from(ImportBatch)),
                s.scalar(select(func.count()).select_from(AuditEvent)),
                tuple(s.execute(select(Indicator.code, Indicator.direction).order_by(Indicator.id)).all()))


@pytest.fixture
def read_only_url(sample_url, monkeypatch) -> str:
    """The sample database, opened read-only by the app (OKDATA_DATABASE_URL)."""
    url = _read_only(sample_url)
    monkeypatch.setenv("OKDATA_DATABASE_URL", url)
    yield url
    db.get_engine(url).dispose()


@pytest.mark.parametrize("page, user", [("app.py", READER), ("pages/1_Mal.py", READER),
                                        ("pages/6_Historik.py", REPORTER_KVV), ("pages/11_Mote.py", COORDINATOR)])
def test_readers_keep_working_on_a_read_only_database(read_only_url, sample_url, page, user):
    """Test that signed-in readers see their pages as usual when the database is read-only (the sign-in session
    was opened before the database became read-only)."""
    at = open_page(page, user=user, session_url=sample_url)
    assert not at.error and at.title


def test_a_sign_in_on_a_read_only_database_is_a_swedish_message(read_only_url, sample_url):
    """Test that signing in (a write: the sign-in is logged) says in Swedish that the database is read-only."""
    before = _counts(sample_url)
    at = app(None)
    at.run()
    at.text_input(key="signin_user").input(READER)
    at.text_input(key="signin_password").input("demo")
    at.button[0].click().run()
    assert not at.exception
    message = " ".join(e.value for e in at.error)
    assert READ_ONLY_MESSAGE in message and "SQL" not in message and "readonly" not in message
    assert _counts(sample_url) == before


def test_a_catalog_edit_on_a_read_only_database_says_so_and_changes_nothing(read_only_url, sample_url):
    """Test that a Samordnare's save (after its preview) on a read-only database says so in Swedish and writes
    nothing."""
    before = _counts(sample_url)
    at = open_page("pages/8_Katalog.py", user=COORDINATOR, session_url=sample_url, indikator="3.4a")
    at.radio[0].set_value(-1 if at.radio[0].value != -1 else 1)
    at.button(key="cat_preview").click().run()
    at.button(key="cat_save").click().run()
    assert not at.exception
    assert any(READ_ONLY_MESSAGE in e.value for e in at.error)
    assert _counts(sample_url) == before


@pytest.mark.cli
def test_an_import_on_a_read_only_database_says_so_and_saves_nothing(read_only_url, sample_url):
    """Test that the command line's import on a read-only database exits 1 with the Swedish message."""
    before = _counts(sample_url)
    r = run("import", str(POL_FILE), "--user", COORDINATOR, url=read_only_url)
    assert r.returncode == 1 and READ_ONLY_MESSAGE in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert run("export", url=read_only_url).returncode == 0  # reading still works
    assert _counts(sample_url) == before


@pytest.mark.sqlite_only
def test_a_full_disk_is_a_swedish_message_and_nothing_is_half_written(sample_url):
    """Test that an upload that runs out of space is refused in Swedish and leaves no part of it behind."""
    from okdata.auth import actor_for
    from okdata.returns import save_return

    before = _counts(sample_url)
    engine = db.get_engine(sample_url)
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _full(dbapi_conn, _record):
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    try:
        with pytest.raises(Exception) as caught:
            with db.session(sample_url) as s:
                save_return(s, POL_FILE.read_bytes(), POL_FILE.name, None, actor_for(s, COORDINATOR))
        assert "Lagringsutrymme" in (db.storage_problem(caught.value) or "").replace("lagringsutrymme",
                                                                                    "Lagringsutrymme")
    finally:
        event.remove(engine, "connect", _full)
        engine.dispose()
    assert _counts(sample_url) == before
