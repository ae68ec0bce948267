"""Test sign-in, roles, server-side permissions, the approval workflow and the audit log."""

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from okdata import db, texts
from okdata.auth import (
    actor_for,
    add_user,
    audit_frame,
    operator_actor,
    set_user,
)
from okdata.catalog import find_agency
from okdata.catalog_edits import add_series_break, edit_indicator
from okdata.completeness import completeness
from okdata.domain import ReportingState, Role
from okdata.explore import agency_view
from okdata.history import rollback
from okdata.models import ImportBatch, Indicator, Observation, User
from okdata.periods import open_reporting_year
from okdata.returns import save_return
from okdata.review import submitted_batches
from okdata.scope import EVERYTHING, visible
from okdata.signin import sign_in, wait_after
from okdata.web.signin import SESSION_KEY
from okdata.web.widgets import plain
from tests.apptest_support import ADMIN as DEMO_ADMIN
from tests.apptest_support import COORDINATOR as DEMO_COORD
from tests.apptest_support import READER as DEMO_READER
from tests.apptest_support import REPORTER_POL, app, open_page

SAMPLE = db.ROOT / "sample_data"
KVV_FILE = SAMPLE / "exempel_Kriminalvarden_2025.xlsx"
TODAY = date(2026, 11, 24)


def _actor(url, name):
    with db.read_session(url) as s:
        return actor_for(s, name)


def _menu(at) -> list[str]:
    return [p.proto.label for p in at.sidebar.get("page_link")]


@pytest.mark.parametrize("user, shown, hidden", [
    (DEMO_READER, ["Översikt", "Mål och åtgärder"], ["Rapportera", "Historik", "Granska", "Användare", "Logg"]),
    (REPORTER_POL, ["Översikt", "Rapportera", "Historik"], ["Granska", "Användare", "Logg", "Katalog och år"]),
    (DEMO_COORD, ["Rapportera", "Historik", "Granska", "Katalog och år", "Logg"], ["Användare"]),
    (DEMO_ADMIN, ["Översikt", "Användare", "Logg"], ["Rapportera", "Granska"]),
])
def test_menus_show_only_what_a_role_may_use(sample_url, user, shown, hidden):
    at = app(user)
    at.run()
    menu = _menu(at)
    assert set(shown) <= set(menu) and not set(hidden) & set(menu)


def test_without_sign_in_a_page_shows_only_the_sign_in_form_with_demo_accounts(sample_url):
    at = open_page("pages/5_Rapportera.py", user=None)
    assert at.title[0].value == texts.SIGN_IN_TITLE
    assert not at.get("file_uploader") and not at.dataframe
    assert [b.label for b in at.button if b.key and b.key.startswith("demo_")][0].startswith("Läsare")


def test_a_reader_opening_the_upload_page_by_its_url_sees_no_form(sample_url):
    at = open_page("pages/5_Rapportera.py", user=DEMO_READER, myndighet="POL", ar=2025)
    assert not at.get("file_uploader") and not at.get("download_button")
    assert "inte tillgänglig för rollen Läsare" in at.warning[0].value


def test_sign_in_with_a_password_and_sign_out(sample_url):
    at = app(None)
    at.run()
    at.text_input(key="signin_user").input("demo-samordnare")
    at.text_input(key="signin_password").input("demo")
    at.button[0].click().run()  # the form's submit button
    assert at.session_state[SESSION_KEY]
    assert "Granska" in _menu(at)
    at.sidebar.button(key="signout").click().run()
    assert at.title[0].value == texts.SIGN_IN_TITLE
    assert SESSION_KEY not in at.session_state
    assert list(audit_frame(_open(sample_url), EVERYTHING).action)[:2] == ["logout", "login"]


def test_a_sign_in_while_another_writer_holds_the_database_says_busy_in_swedish(sample_url):
    """Signing in writes (failed attempts, last sign-in): a writer holding the database longer than the wait must
    give the Swedish "busy" message, not "database is locked", and no sign-in."""
    from tests.db_support import hold_the_writers

    saved = db.BUSY_TIMEOUT_MS
    db.BUSY_TIMEOUT_MS = 500  # the writers' wait, shortened from 30 s for the test
    db.get_engine.cache_clear()
    holder = hold_the_writers(sample_url)
    try:
        at = app(None)
        at.run()
        at.text_input(key="signin_user").input("demo-samordnare")
        at.text_input(key="signin_password").input("demo")
        at.button[0].click().run()
        assert holder.poll() is None, "the other writer must still hold the database"
        assert texts.DATABASE_BUSY in [e.value for e in at.error] and not at.exception
        assert SESSION_KEY not in at.session_state
    finally:
        holder.communicate("\n", timeout=60)
        db.BUSY_TIMEOUT_MS = saved
        db.get_engine.cache_clear()


def test_a_wrong_password_is_refused_and_repeated_failures_from_one_source_are_slowed_down(sample_url):
    """Test that three failures are free, then the same name from the same source waits 2, 4, 8 … seconds."""
    t0 = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    outcomes = [sign_in(sample_url, "demo-polisen", "fel", "10.0.0.7", now=t0).outcome for _ in range(3)]
    assert outcomes == ["unknown", "unknown", "unknown"]
    assert sign_in(sample_url, "demo-polisen", "demo", "10.0.0.7", now=t0 + timedelta(seconds=1)).outcome == "wait"
    assert sign_in(sample_url, "demo-polisen", "demo", "10.0.0.7", now=t0 + timedelta(seconds=3)).outcome == "ok"
    assert sign_in(sample_url, "ingen-alls", "demo", "10.0.0.7", now=t0).outcome == "unknown"
    assert [wait_after(n) for n in (0, 2, 3, 4, 5, 20)] == [0, 0, 2, 4, 8, 300]


def test_passwords_are_stored_as_argon2_hashes(sample_url):
    with db.read_session(sample_url) as s:
        hashes = s.scalars(select(User.password_hash)).all()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)


# Counts argon2 hashes made while okdata.auth is imported, then while its dummy hash is first asked for.
HASHES_AT_IMPORT = """
import argon2
made = []
hash_password = argon2.PasswordHasher.hash
argon2.PasswordHasher.hash = lambda self, *a, **k: made.append(1) or hash_password(self, *a, **k)
import okdata.auth
print(len(made), okdata.auth._dummy_hash.cache_info().currsize)
okdata.auth._dummy_hash()
print(len(made), okdata.auth._dummy_hash.cache_info().currsize)
"""


def test_importing_auth_makes_no_password_hash_until_one_is_needed():
    """Test that importing okdata.auth (as every command-line call does) computes no argon2 hash: the dummy hash
    for unknown accounts is made on first use."""
    r = subprocess.run([sys.executable, "-c", HASHES_AT_IMPORT], cwd=db.ROOT, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["0", "0", "1", "1"]


def test_a_plain_init_creates_no_accounts(empty_url):
    with db.read_session(empty_url) as s:
        assert s.scalars(select(User)).first() is None


def test_a_reporter_at_polisen_cannot_save_for_kriminalvarden(sample_url):
    pol = _actor(sample_url, "demo-polisen")
    before = _counts(sample_url)
    with db.session(sample_url) as s:
        result = save_return(s, KVV_FILE.read_bytes(), KVV_FILE.name, None, pol, today=TODAY)
        named = save_return(s, KVV_FILE.read_bytes(), KVV_FILE.name, "Kriminalvården", pol, today=TODAY)
    for r in (result, named):
        assert r.outcome == "errors" and [p.code for p in r.check.problems] == ["EJ_BEHORIG"]
    assert "Polismyndigheten" in result.check.problems[0].message
    assert _counts(sample_url) == before


@pytest.mark.cli
def test_the_command_line_applies_the_same_rule(sample_url):
    env = {**os.environ, "OKDATA_DATABASE_URL": sample_url}
    run = lambda *a: subprocess.run([sys.executable, "-m", "okdata", *a], capture_output=True, text=True,  # noqa: E731
                                    env=env, cwd=db.ROOT)
    before = _counts(sample_url)
    r = run("import", str(KVV_FILE), "--user", "demo-polisen")
    assert r.returncode == 1 and "EJ_BEHORIG" in r.stdout
    assert run("import", str(KVV_FILE)).returncode == 2  # the sample database has accounts: --user needed
    assert _counts(sample_url) == before
    r = run("import", str(KVV_FILE), "--user", "demo-kriminalvarden")
    assert r.returncode == 0 and "Sparat som inrapportering" in r.stdout
    batch = int(r.stdout.strip().rsplit(" ", 1)[-1].rstrip("."))
    assert run("review", str(batch), "--user", "demo-kriminalvarden").returncode == 1  # not a Samordnare
    assert run("review", str(batch), "--user", "demo-samordnare").returncode == 0
    assert run("user", "add", "ny", "--role", "rapportor", "--agency", "Polisen", "--no-password").returncode == 0
    assert "ny,," in run("user", "list").stdout.replace('"', "") or "ny" in run("user", "list").stdout


def _counts(url):
    with db.read_session(url) as s:
        return (len(s.scalars(select(Observation.id)).all()), len(s.scalars(select(ImportBatch.id)).all()))


def _approved_value(url, code, year=2025):
    with db.read_session(url) as s:
        return s.scalar(select(Observation.value_num).join(Indicator, Indicator.id == Observation.indicator_id)
                        .where(Indicator.code == code, Observation.year == year, Observation.violence_type == "",
                               Observation.area_code == "01", Observation.grp == "", Observation.category == "",
                               visible(Observation, approved_only=True)))


def test_a_reporters_upload_waits_for_approval_and_can_be_returned_with_a_reason(sample_url):
    kvv = _actor(sample_url, "demo-kriminalvarden")
    before = _approved_value(sample_url, "3.6a")
    with db.read_session(sample_url) as s:
        waiting = list(submitted_batches(s, EVERYTHING).id)  # the sample's own two, from other agencies
    with db.session(sample_url) as s:
        first = save_return(s, KVV_FILE.read_bytes(), KVV_FILE.name, None, kvv, today=TODAY)
    assert first.outcome == "saved"
    with db.read_session(sample_url) as s:
        assert s.get(ImportBatch, first.batch_id).status == "submitted"
        assert list(submitted_batches(s, EVERYTHING).id) == [*waiting, first.batch_id]
    assert _approved_value(sample_url, "3.6a") == before  # the views still show the approved figure

    at = open_page("pages/7_Granska.py", user=DEMO_COORD, nr=first.batch_id)
    at.text_area(key=f"reason_{first.batch_id}").input("Värdet för 3.6a saknar förklaring").run()
    at.button(key=f"return_{first.batch_id}").click().run()
    assert any("återsänd" in x.value for x in at.success)
    at = open_page("pages/6_Historik.py", user="demo-kriminalvarden", nr=first.batch_id)
    assert plain("Värdet för 3.6a saknar förklaring") in at.warning[0].value  # shown as text (escaped)

    with db.session(sample_url) as s:  # the Rapportör undoes the returned upload and sends a new one
        assert rollback(s, first.batch_id, kvv).code == "ok"
        second = save_return(s, KVV_FILE.read_bytes(), "ny.xlsx", None, kvv, today=TODAY)
    assert second.outcome == "saved"
    at = open_page("pages/7_Granska.py", user=DEMO_COORD, nr=second.batch_id)
    at.button(key=f"approve_{second.batch_id}").click().run()
    assert any("godkänd" in x.value for x in at.success)
    expected = next(v.value_num for v in second.check.parsed.values if v.indicator == "3.6a")
    assert _approved_value(sample_url, "3.6a") == expected
    with db.session(sample_url) as s:  # approved: only a Samordnare may undo it now
        assert rollback(s, second.batch_id, kvv).code == "approved"  # refused, saying it is approved
    actions = list(audit_frame(_open(sample_url), EVERYTHING).action)
    assert actions[:5] == ["approve", "upload", "rollback", "return", "upload"]


def _open(url):
    return db.read_session(url).__enter__()


def test_coordinators_can_include_submitted_figures(sample_url):
    kvv = _actor(sample_url, "demo-kriminalvarden")
    with db.session(sample_url) as s:
        save_return(s, KVV_FILE.read_bytes(), KVV_FILE.name, None, kvv, today=TODAY)
    at = open_page("app.py", user=DEMO_COORD)
    assert at.sidebar.toggle(key="include_submitted").value is False
    at = open_page("app.py", user=DEMO_READER)
    assert not at.sidebar.get("toggle")


def test_the_include_submitted_switch_is_kept_across_pages_for_the_session(sample_url):
    """Test that the Samordnare's "Visa även inskickade" stays as set when another page opens: turned on on
    Översikt it was off again on Mål after following a link (Streamlit forgets a widget's state on a page that
    draws it anew)."""
    at = app(DEMO_COORD)
    at.run()
    at.sidebar.toggle(key="include_submitted").set_value(True).run()
    at.switch_page("pages/1_Mal.py")
    at.query_params["mal"], at.query_params["ar"] = "3", "2025"
    at.run()
    assert not at.exception and at.sidebar.toggle(key="include_submitted").value is True
    at.switch_page("pages/14_Indikator.py")
    at.run()
    assert at.sidebar.toggle(key="include_submitted").value is True
    at.sidebar.toggle(key="include_submitted").set_value(False).run()
    at.switch_page("app.py")
    at.run()
    assert at.sidebar.toggle(key="include_submitted").value is False
    at.session_state["include_submitted_kept"] = ("en-annan-samordnare", True)  # set before a sign-out in the tab
    at.run()
    assert at.sidebar.toggle(key="include_submitted").value is False


def test_catalog_edits_and_user_changes_are_audited_with_before_and_after(sample_url):
    coord, admin = _actor(sample_url, "demo-samordnare"), _actor(sample_url, "demo-admin")
    with db.session(sample_url) as s:
        edit_indicator(s, coord, "3.4a", direction=1, target_value=5000, target_year=2027)
        add_series_break(s, coord, "3.4a", 2025, "Ny webbutbildning räknas från 2025")
        open_reporting_year(s, coord, 2025, date(2026, 3, 31))
        add_user(s, admin, "lisa@polisen.se", Role.REPORTER, None, "Lisa", actor_for(s, "demo-polisen").agency_id)
        set_user(s, admin, "lisa@polisen.se", role=Role.READER)
        with pytest.raises(PermissionError):
            edit_indicator(s, admin, "3.4a", direction=-1, target_value=None, target_year=None)
        with pytest.raises(PermissionError):
            add_user(s, coord, "x", Role.READER)
    with db.read_session(sample_url) as s:
        log = audit_frame(s, EVERYTHING)
    edit = log[log.action == "catalog_edit"].iloc[0]
    assert edit.before["target_value"] is None and edit.after == {"direction": 1, "target_value": 5000,
                                                                   "target_year": 2027}
    change = log[log.action == "user_change"].iloc[0]
    assert (change.before["role"], change.after["role"]) == (Role.REPORTER, Role.READER)
    assert {"series_break", "reporting_year", "user_add"} <= set(log.action)


def test_completeness_flags_agencies_that_missed_the_deadline(sample_url):
    coord, kvv = _actor(sample_url, "demo-samordnare"), _actor(sample_url, "demo-kriminalvarden")
    with db.session(sample_url) as s:
        open_reporting_year(s, coord, 2025, date(2026, 3, 31))
        saved = save_return(s, KVV_FILE.read_bytes(), KVV_FILE.name, None, kvv, today=date(2026, 3, 20))
        assert saved.outcome == "saved", saved.check.problems
    with db.read_session(sample_url) as s:
        rows = {c.agency: c for c in completeness(s, 2025, today=date(2026, 4, 2))}
        early = {c.agency: c for c in completeness(s, 2025, today=date(2026, 3, 1))}
    assert rows["Kriminalvården"].status == ReportingState.SUBMITTED and not rows["Kriminalvården"].overdue
    assert rows["Polismyndigheten"].status == ReportingState.NOT_STARTED and rows["Polismyndigheten"].overdue
    assert not early["Polismyndigheten"].overdue
    # The Myndigheter page computes one agency's state from its own uploads: the same answer (today is after
    # the deadline).
    with db.read_session(sample_url) as s:
        now = {c.agency: c for c in completeness(s, 2025, values=True)}
        for code, name in [("KVV", "Kriminalvården"), ("POL", "Polismyndigheten")]:
            view = agency_view(s, find_agency(s, code), [2024, 2025], 2025)
            assert view.state == now[name] and view.deadline == date(2026, 3, 31)
            assert (view.state.status, view.state.overdue) == (rows[name].status, rows[name].overdue)


def test_a_role_change_or_a_disabled_account_ends_the_sign_in_at_the_next_run(sample_url):
    """Test that the role is read from the database on every run, and a new role means signing in again."""
    at = app(DEMO_COORD)
    at.run()
    assert "Granska" in _menu(at)
    with db.session(sample_url) as s:
        set_user(s, operator_actor(), "demo-samordnare", role=Role.READER)
    at.run()
    assert at.title[0].value == texts.SIGN_IN_TITLE and not _menu(at)
    at = app(DEMO_COORD)  # signed in again, now as a Läsare
    at.run()
    assert "Granska" not in _menu(at) and "Översikt" in _menu(at)
    with db.session(sample_url) as s:
        set_user(s, operator_actor(), "demo-samordnare", is_active=False)
    at.run()
    assert at.title[0].value == texts.SIGN_IN_TITLE


def test_role_constants_cover_every_page():
    from okdata.auth import PAGE_ROLES
    from okdata.web.page import PAGES

    assert {p.key for p in PAGES} <= set(PAGE_ROLES)
    assert {Role.READER, Role.REPORTER, Role.COORDINATOR, Role.ADMIN} == set(texts.ROLE_NAMES)


def test_a_display_name_longer_than_the_store_keeps_is_refused_in_swedish(sample_url):
    """`okdata user add … --name` with a 250-character name ended in a traceback on PostgreSQL (value too long for
    character varying(200)) and was stored whole on SQLite; it is refused as a too-long user name is."""
    from okdata.auth import add_user, operator_actor

    with db.session(sample_url) as s:
        with pytest.raises(ValueError) as refused:
            add_user(s, operator_actor(), "ny.lasare", "reader", None, display_name="Namn " * 50)
    assert "högst 200 tecken" in str(refused.value), str(refused.value)
    with db.read_session(sample_url) as s:
        assert not s.scalars(select(User).where(User.username == "ny.lasare")).first()
