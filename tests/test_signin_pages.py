"""Test the sign-in page, the Användare page and `user add` as people use them (issue 14, item 4; issue 16,
item 3): no enumeration, no username of spaces, one password policy, no write lock during the password check.

Only names that every version of okdata has are imported here, so that these tests also run, and fail, on the
code before the fix."""

import re
import threading
import time

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select, update

from okdata import db, texts
from okdata.auth import audit
from okdata.models import AuditEvent, User
from tests.apptest_support import app, open_page
from tests.db_support import run

GOOD = "korrekt häst batteri häftklammer"  # a passphrase that passes the policy


def _try(at, username: str, password: str) -> list[str]:
    at.text_input(key="signin_user").input(username)
    at.text_input(key="signin_password").input(password)
    at.button[0].click().run()  # the form's submit button
    return [e.value for e in at.error]


def _menu(at) -> list[str]:
    return [p.proto.label for p in at.sidebar.get("page_link")]


def test_an_unknown_name_is_answered_and_slowed_down_exactly_like_an_existing_one(sample_url):
    """Test that the sign-in page says the same thing, attempt by attempt, for an unknown name as for an existing
    account with a wrong password: the fourth attempt waits for both."""
    answers = {}
    for name in ("demo-polisen", "finns-inte"):
        at = app(None)
        at.run()
        answers[name] = [[re.sub(r"\d+", "N", e) for e in _try(at, name, "fel lösenord")] for _ in range(4)]
    assert answers["demo-polisen"] == answers["finns-inte"]
    assert answers["finns-inte"][0] == [texts.SIGN_IN_FAILED] and answers["finns-inte"][3] != [texts.SIGN_IN_FAILED]


@pytest.mark.cli
def test_a_username_of_spaces_can_never_be_created_or_signed_in_with(sample_url):
    """Test that `user add "   "` is refused with exit code 2 and a Swedish reason, creates nothing, and that a
    sign-in as spaces with that password fails."""
    with db.read_session(sample_url) as s:
        before = s.scalar(select(func.count()).select_from(User))
    r = run("user", "add", "   ", "--password-stdin", url=sample_url, input=GOOD + "\n")
    assert r.returncode == 2 and "tomt eller bara mellanslag" in r.stderr and "Traceback" not in r.stderr
    with db.read_session(sample_url) as s:
        assert s.scalar(select(func.count()).select_from(User)) == before
    at = app(None)
    at.run()
    assert _try(at, "   ", GOOD) == [texts.SIGN_IN_FAILED]
    assert at.title[0].value == texts.SIGN_IN_TITLE and not _menu(at)


@pytest.mark.cli
def test_user_add_enforces_the_password_policy_and_asks_for_no_password_explicitly(sample_url):
    """Test that the command line refuses short, common and empty passwords with exit code 2 and creates nothing,
    accepts a passphrase, and makes an account without a password only with --no-password."""
    for password, reason in (("kort", "minst 12 tecken"), ("Sommar2025!!", "för vanligt"),
                             ("", "--no-password")):
        r = run("user", "add", "nykomling", "--password-stdin", url=sample_url, input=password + "\n")
        assert r.returncode == 2 and reason in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert "nykomling" not in run("user", "list", url=sample_url).stdout
    r = run("user", "add", "nykomling", "--password-stdin", url=sample_url, input=GOOD + "\n")
    assert r.returncode == 0, r.stderr
    at = app(None)
    at.run()
    _try(at, "Nykomling", GOOD)
    assert "Översikt" in _menu(at)
    r = run("user", "add", "oidc@lansstyrelsen.se", "--no-password", url=sample_url)
    assert r.returncode == 0 and "oidc@lansstyrelsen.se" in run("user", "list", url=sample_url).stdout


def test_the_users_page_applies_the_same_password_policy(sample_url):
    """Test that the Användare page refuses a short password with the policy's reason and saves nothing."""
    at = open_page("pages/10_Anvandare.py", user="demo-admin")
    at.text_input[0].input("ny.person")
    at.text_input[2].input("kort")
    next(b for b in at.button if b.label == texts.USER_SAVE).click().run()
    assert any("minst 12 tecken" in e.value for e in at.error)
    with db.read_session(sample_url) as s:
        assert s.scalar(select(User.id).where(User.username == "ny.person")) is None


HASH_MIB = 256  # the memory of the stored hash below; a check fills all of it, so it shows in this process's RSS


def _rss_mib() -> float:
    for line in open("/proc/self/status").read().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def test_a_sign_in_holds_no_write_lock_while_the_password_is_checked(sample_url):
    """Test that another writer completes while a sign-in's password check is still running: the check runs
    outside any transaction, only its record is a write. Before, the whole check held the write lock, and an
    upload in the same minute waited for it. The check is seen running by the memory it fills (256 MiB)."""
    slow = PasswordHasher(time_cost=2, memory_cost=HASH_MIB * 1024, parallelism=1).hash("demo")
    with db.session(sample_url) as s:
        s.execute(update(User).where(User.username == "demo-samordnare").values(password_hash=slow))
    saved = db.BUSY_TIMEOUT_MS
    db.BUSY_TIMEOUT_MS = 1000  # the other writer gives up after a second instead of thirty
    db.get_engine.cache_clear()
    try:
        at = app(None)
        at.run()
        at.text_input(key="signin_user").input("demo-samordnare")
        at.text_input(key="signin_password").input("demo")
        before = _rss_mib()
        signing_in = threading.Thread(target=lambda: at.button[0].click().run())
        signing_in.start()
        while _rss_mib() < before + HASH_MIB * 0.6:  # until the password check has filled most of its memory
            assert signing_in.is_alive(), "the sign-in ended before its password check was seen"
            time.sleep(0.002)
        with db.session(sample_url) as s:  # raises db.Busy if the sign-in holds the write lock
            audit(s, "annan", "note", "test", "1", "en annan skrivning under inloggningen")
        assert signing_in.is_alive()
        signing_in.join(180)
    finally:
        db.BUSY_TIMEOUT_MS = saved
        db.get_engine.cache_clear()
    assert not at.exception and "Granska" in _menu(at)
    with db.read_session(sample_url) as s:
        actions = list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(2)))
    assert actions == ["login", "note"]


@pytest.mark.cli
def test_an_administrator_sets_a_new_password_and_moves_an_account_to_another_agency_from_the_command_line(
        sample_url):
    """The docs said a new password or a new agency ends an account's sessions, "on the Användare page or with
    user disable", but neither could be done: a leaked password could only be disabled, and a Rapportör who
    moved needed a new account. `user password` and `user agency` do it; the sessions end; a role change to
    Rapportör without an agency is refused (the page made one, which add_user refuses)."""
    from okdata.auth import actor_for, change_user, operator_actor
    from okdata.domain import Role
    from okdata.signin import open_session, session_actor

    with db.session(sample_url) as s:
        old = open_session(s, "demo-polisen")
    r = run("user", "password", "demo-polisen", "--password-stdin", url=sample_url, input=GOOD + "\n")
    assert r.returncode == 0, r.stderr
    for password, errors in (("demo", [texts.SIGN_IN_FAILED]), (GOOD, [])):
        at = app(None)
        at.run()
        assert _try(at, "demo-polisen", password) == errors
    r = run("user", "password", "demo-polisen", "--password-stdin", url=sample_url, input="kort\n")
    assert r.returncode == 2 and r.stderr.strip() and "Traceback" not in r.stderr
    r = run("user", "agency", "demo-polisen", "--agency", "Kriminalvården", url=sample_url)
    assert r.returncode == 0, r.stderr
    with db.session(sample_url) as s:
        moved = actor_for(s, "demo-polisen")
        assert moved.agency_code == "KVV"
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "user_change", AuditEvent.entity_id == "demo-polisen")) >= 2
        assert session_actor(s, old, None) is None  # the session from before the new password has ended
    r = run("user", "agency", "demo-polisen", url=sample_url)
    assert r.returncode == 2 and "--agency" in r.stderr
    with db.session(sample_url) as s:
        with pytest.raises(ValueError, match="myndighet"):
            change_user(s, operator_actor(), "demo-lasare", Role.REPORTER, True)
