"""Test local sign-in (issue 14, items 4–5; issue 16, item 3): no enumeration, throttling per account and source,
usernames and the password policy, sessions for a working day, and no write lock held while a password is checked."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, text, update

from okdata import db, texts
from okdata.auth import (
    add_user,
    audit_frame,
    operator_actor,
    password_problem,
    set_user,
)
from okdata.domain import Role
from okdata.models import User
from okdata.scope import EVERYTHING
from okdata.signin import (
    FREE_ATTEMPTS,
    SESSION_HOURS,
    end_session,
    redeem_handoff,
    session_actor,
    sign_in,
)

T0 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
GOOD = "korrekt häst batteri häftklammer"  # a passphrase that passes the policy


def _add(url, username, password=GOOD, role=Role.READER, **kw):
    with db.session(url) as s:
        return add_user(s, operator_actor(), username, role, password, **kw).username


def _failures(url, name, source, n, now=T0):
    return [sign_in(url, name, "fel lösenord", source, now=now).outcome for _ in range(n)]


def _login_audit(url):
    with db.read_session(url) as s:
        log = audit_frame(s, EVERYTHING, action="login_failed")
    return [(r.user_name, r.action, r.entity, r.entity_id, r.summary, tuple(sorted(r.after))) for r in log.itertuples()]


def test_failures_for_unknown_disabled_passwordless_and_existing_accounts_behave_identically(sample_url):
    """Test that a wrong password, an unknown name, a disabled account and an OIDC-only account give the same
    outcome, the same throttling and the same audit record, so that nothing tells which accounts exist."""
    _add(sample_url, "avstangd")
    with db.session(sample_url) as s:
        set_user(s, operator_actor(), "avstangd", is_active=False)
    _add(sample_url, "bara-oidc@polisen.se", password=None)
    names = ["demo-polisen", "finns-inte", "avstangd", "bara-oidc@polisen.se"]
    seen = {}
    for name in names:
        outcomes = _failures(sample_url, name, "10.1.1.1", FREE_ATTEMPTS + 1)
        blocked = sign_in(sample_url, name, GOOD, "10.1.1.1", now=T0 + timedelta(seconds=1))
        seen[name] = (tuple(outcomes), blocked.outcome, blocked.wait_seconds)
    assert set(seen.values()) == {(("unknown",) * FREE_ATTEMPTS + ("wait",), "wait", 1)}
    shapes = {(action, entity, summary, after) for _, action, entity, _, summary, after in _login_audit(sample_url)}
    assert shapes == {("login_failed", "user", texts.AUDIT["login_failed"], ("source",))}
    assert sorted({r[0] for r in _login_audit(sample_url)}) == sorted(names)


def test_a_colleague_signs_in_from_another_source_while_the_failing_source_waits(sample_url):
    """Test that failures from one address never make the right password wait anywhere else."""
    assert _failures(sample_url, "demo-polisen", "198.51.100.9", 12) == ["unknown"] * 3 + ["wait"] * 9
    at_desk = sign_in(sample_url, "demo-polisen", "demo", "10.0.0.7", now=T0 + timedelta(seconds=1))
    assert at_desk.outcome == "ok" and at_desk.actor.username == "demo-polisen"
    same_source = sign_in(sample_url, "demo-polisen", "demo", "198.51.100.9", now=T0 + timedelta(seconds=1))
    assert same_source.outcome == "wait"
    later = sign_in(sample_url, "demo-polisen", "demo", "198.51.100.9", now=T0 + timedelta(seconds=3))
    assert later.outcome == "ok"


def test_guesses_from_the_addresses_of_one_ipv6_network_count_together(sample_url):
    """The brake counted per exact address: an IPv6 client has a whole /64 network of them (a phone or a home
    connection changes address at will), so 12 guesses from 12 addresses of one network were all tried. A network's
    addresses now count as one source; another network's do not."""
    outcomes = [sign_in(sample_url, "demo-polisen", "fel lösenord", f"2001:db8:1:2::{n:x}", now=T0).outcome
                for n in range(1, 13)]
    assert outcomes == ["unknown"] * FREE_ATTEMPTS + ["wait"] * (12 - FREE_ATTEMPTS)
    assert sign_in(sample_url, "demo-polisen", "demo", "2001:db8:1:3::1", now=T0).outcome == "ok"
    assert sign_in(sample_url, "demo-polisen", "demo", "::ffff:198.51.100.9", now=T0).outcome == "ok"


def test_attempts_started_together_get_no_more_than_the_free_attempts(sample_url):
    """Test that the throttle is checked again under the write lock: ten wrong passwords sent at once from one
    source get three answers, the rest wait."""
    outcomes = []
    threads = [threading.Thread(target=lambda: outcomes.append(
        sign_in(sample_url, "demo-polisen", "fel lösenord", "203.0.113.5", now=T0).outcome)) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["unknown"] * FREE_ATTEMPTS + ["wait"] * (10 - FREE_ATTEMPTS)


def test_an_empty_named_account_left_by_an_older_version_never_verifies(sample_url):
    """Test that a sign-in as spaces, a tab or nothing fails even where an account named "" exists."""
    with db.session(sample_url) as s:
        s.add(User(username="", username_key="", role="admin", password_hash=PasswordHasher().hash(GOOD)))
    for name in ("", "   ", "\t"):
        assert sign_in(sample_url, name, GOOD, None).outcome == "unknown"


@pytest.mark.parametrize("password, problem", [
    ("", "password_empty"),
    ("kort", "password_short"),
    ("elva tecken", "password_short"),
    ("Sommar2025!!", "password_common"),
    ("Password1234", "password_common"),
    ("Lösenord 2026", "password_common"),
    ("123456789012", "password_common"),
    ("aaaaaaaaaaaaaaaa", "password_common"),
    ("anna.svensson-2026", "password_has_username"),
    ("x" * 1025, "password_long"),
])
def test_the_password_policy_refuses_short_common_and_empty_passwords(password, problem):
    """Test that each kind of weak password gets its own Swedish reason."""
    message = texts.AUTH[problem].format(n=12 if problem == "password_short" else 1024)
    assert password_problem(password, "anna.svensson") == message


@pytest.mark.parametrize("password", [GOOD, "Tr0mb0n-Gurka-7", "ljus i mörkret", "ett två tre fyra fem"])
def test_the_password_policy_accepts_long_passwords_and_passphrases(password):
    """Test that twelve characters or more, or a few words, pass."""
    assert password_problem(password, "anna.svensson") is None


@pytest.mark.parametrize("username, fragment", [
    ("anna\tsvensson", "mellanslag"),
    ("anna svensson", "mellanslag"),
    ("ann\u200ba", "osynliga tecken"),  # a zero-width space
    ("anna\x07", "styrtecken"),
    ("\u0430nna", "latinska bokstäver"),  # a Cyrillic а
    ("\uff41nna", "latinska bokstäver"),  # a full-width a
    ("Demo-Polisen", "finns redan"),
    ("DEMO-LASARE", "finns redan"),
    ("demo-po1isen", "förväxla med det befintliga kontot demo-polisen"),
    ("demo-Iasare", "förväxla med det befintliga kontot demo-lasare"),  # a capital I for the l
    ("dem0-admin", "förväxla med det befintliga kontot demo-admin"),
    ("demo-kriminalvarclen", "förväxla"),  # cl for d
])
def test_usernames_are_checked_for_whitespace_control_characters_and_look_alikes(sample_url, username, fragment):
    """Test that add_user refuses a name with whitespace, invisible or foreign look-alike characters, or one that
    looks like an existing account's name, and creates nothing."""
    with db.session(sample_url) as s:
        before = len(s.scalars(select(User.id)).all())
        with pytest.raises(ValueError, match=fragment):
            add_user(s, operator_actor(), username, Role.READER, GOOD)
    with db.read_session(sample_url) as s:
        assert len(s.scalars(select(User.id)).all()) == before


def test_usernames_are_stored_in_nfc_without_surrounding_spaces_and_found_in_any_case(sample_url):
    """Test that a decomposed "Åsa" typed with spaces is stored as NFC "Åsa" and signs in as "ÅSA" or "åsa"."""
    assert _add(sample_url, "  A\u030asa@lansstyrelsen.se ") == "\u00c5sa@lansstyrelsen.se"
    for typed in ("ÅSA@LANSSTYRELSEN.SE", "åsa@lansstyrelsen.se", " A\u030asa@lansstyrelsen.se"):
        assert sign_in(sample_url, typed, GOOD, None).outcome == "ok"
    with db.session(sample_url) as s, pytest.raises(ValueError, match="finns redan"):
        add_user(s, operator_actor(), "åsa@lansstyrelsen.se", Role.READER, GOOD)


def test_a_session_opens_in_a_new_tab_through_its_cookie_for_a_working_day(sample_url):
    """Test that a sign-in's one-time code gives a cookie token once, from the same address, within five minutes
    (a browser with 50 busy tabs posted it 130–150 s after the sign-in, when a minute's code had expired and the
    next page was signed out), and that the token finds the session until the working day is over."""
    result = sign_in(sample_url, "demo-samordnare", "demo", "10.0.0.7", now=T0)
    assert result.outcome == "ok" and result.handoff
    with db.session(sample_url) as s:
        assert redeem_handoff(s, result.handoff, "10.9.9.9", now=T0) is None  # another address
    again = sign_in(sample_url, "demo-samordnare", "demo", "10.0.0.7", now=T0)
    with db.session(sample_url) as s:
        assert redeem_handoff(s, again.handoff, "10.0.0.7", now=T0 + timedelta(seconds=301)) is None  # too late
    late = sign_in(sample_url, "demo-samordnare", "demo", "10.0.0.7", now=T0)
    with db.session(sample_url) as s:
        assert redeem_handoff(s, late.handoff, "10.0.0.7", now=T0 + timedelta(seconds=150)) is not None
    third = sign_in(sample_url, "demo-samordnare", "demo", "10.0.0.7", now=T0)
    with db.session(sample_url) as s:
        token, seconds = redeem_handoff(s, third.handoff, "10.0.0.7", now=T0)
        assert redeem_handoff(s, third.handoff, "10.0.0.7", now=T0) is None  # once only
    assert seconds == SESSION_HOURS * 3600
    with db.read_session(sample_url) as s:
        session_id, actor = session_actor(s, token=token, now=T0 + timedelta(hours=SESSION_HOURS - 1))
        assert session_id == third.session_id and actor.username == "demo-samordnare"
        assert session_actor(s, token=token, now=T0 + timedelta(hours=SESSION_HOURS)) is None
        assert session_actor(s, token="gissat", now=T0) is None


@pytest.mark.parametrize("change", ["sign_out", "role", "disabled", "agency", "password"])
def test_sign_out_a_role_change_or_a_disabled_account_ends_every_session_of_it(sample_url, change):
    """Test that the session is over, for the tab and the cookie alike, after each of these."""
    result = sign_in(sample_url, "demo-polisen", "demo", None)
    with db.session(sample_url) as s:
        token, _ = redeem_handoff(s, result.handoff, None)
    with db.session(sample_url) as s:
        admin = operator_actor()
        if change == "sign_out":
            end_session(s, result.session_id, result.actor)
        elif change == "role":
            set_user(s, admin, "demo-polisen", role=Role.READER)
        elif change == "disabled":
            set_user(s, admin, "demo-polisen", is_active=False)
        elif change == "agency":
            from okdata.catalog import find_agency

            set_user(s, admin, "demo-polisen", agency_id=find_agency(s, "KVV").id)  # moved (a Rapportör has one)
        else:
            set_user(s, admin, "demo-polisen", password=GOOD)
    with db.read_session(sample_url) as s:
        assert session_actor(s, session_id=result.session_id) is None
        assert session_actor(s, token=token) is None


def test_an_unchanged_save_on_the_users_page_keeps_the_session(sample_url):
    """Test that saving an account with the same role and state ends nothing."""
    result = sign_in(sample_url, "demo-polisen", "demo", None)
    with db.session(sample_url) as s:
        set_user(s, operator_actor(), "demo-polisen", role=Role.REPORTER, is_active=True)
    with db.read_session(sample_url) as s:
        assert session_actor(s, session_id=result.session_id) is not None


def test_old_hashes_are_upgraded_to_the_owasp_parameters_at_the_next_sign_in(sample_url):
    """Test that an account hashed with argon2-cffi's defaults gets today's parameters when it signs in."""
    with db.session(sample_url) as s:
        s.execute(update(User).where(User.username_key == "demo-admin")
                  .values(password_hash=PasswordHasher().hash("demo")))
    assert sign_in(sample_url, "demo-admin", "demo", None).outcome == "ok"
    with db.read_session(sample_url) as s:
        stored = s.scalar(select(User.password_hash).where(User.username_key == "demo-admin"))
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_a_database_upgraded_from_the_first_schema_keeps_every_account_able_to_sign_in(backend):
    """Test that the migration gives old accounts their lookup key and drops nothing they need."""
    from okdata.auth import create_demo_users
    from okdata.catalog import load_areas, load_catalog
    from okdata.install import upgrade_database

    url = backend.blank()
    upgrade_database(url, "0002")
    with db.get_engine(url).begin() as c:  # an account as the first schema stored it, with failed sign-ins counted
        c.execute(text("INSERT INTO app_user (username, display_name, role, password_hash, is_active, is_demo, "
                       "failed_logins, created_at) VALUES ('Gammal.Admin', '', 'admin', :h, true, false, 2, "
                       "CURRENT_TIMESTAMP)"), {"h": PasswordHasher().hash("demo")})
    upgrade_database(url)
    with db.session(url) as s:
        load_areas(s)
        load_catalog(s)
        create_demo_users(s)
    assert sign_in(url, "gammal.admin", "demo", None).outcome == "ok"
    with db.read_session(url) as s:
        assert s.scalar(select(User.username_key).where(User.username == "Gammal.Admin")) == "gammal.admin"
    db.get_engine(url).dispose()
