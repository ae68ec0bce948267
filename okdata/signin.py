"""Local sign-in: the password check outside any write, throttling per account and source, sessions for a day.

A sign-in reads the account and its throttle state in a read transaction, verifies the password with argon2 in
no transaction at all, and records the outcome in one short write (issue 16: argon2 inside `BEGIN IMMEDIATE`
held the only write lock for the length of the hash). An unknown name, a disabled account and an account without
a password take the same path as a wrong password: a dummy verification, the same message, the same throttle
and the same audit record (issue 14). docs/inloggning.md explains the choices.
"""

import hashlib
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Select, bindparam, delete, select
from sqlmodel import Session

from okdata import clock, db, texts
from okdata.auth import (
    ACCOUNT_NAME_LENGTH,
    ACTOR_COLUMNS,
    Actor,
    account_key,
    actor_of,
    audit,
    check_password,
    hash_password,
    make_actor,
    needs_rehash,
)
from okdata.file_text import typed_line
from okdata.models import Agency, SignInSession, SignInThrottle, User, utcnow

SESSION_HOURS = 10  # a working day; then the password again
HANDOFF_SECONDS = 300  # how long the one-time code for the cookie is good for (a busy browser posted it 150 s late)
COOKIE_NAME = "okdata_session"
FREE_ATTEMPTS = 3  # failed sign-ins from one source before that source waits
MAX_WAIT_SECONDS = 300
THROTTLE_MEMORY = timedelta(days=1)  # failures older than this are forgotten
LOCAL = "local"  # the source of a client on the server itself (Streamlit reports no address for it)


@dataclass(frozen=True)
class SignInResult:
    """ok (with the actor, the session id and a one-time code the browser trades for its cookie), unknown
    (name or password wrong — never said which) or wait (this name from this source failed too often)."""

    outcome: str
    actor: Actor | None = None
    wait_seconds: int = 0
    session_id: int | None = None
    handoff: str | None = None


@dataclass(frozen=True)
class _Attempt:
    key: str
    source: str
    user_id: int | None
    password_hash: str | None
    wait_seconds: int


def source_key(address: str | None) -> str:
    """The throttle's and the session's name for a client address (the server itself is "local"): an IPv6
    address by its /64 network, which one client may take any address of (an IPv4 address written as IPv6 is the
    IPv4 address)."""
    if not address or address in ("127.0.0.1", "::1", "localhost"):
        return LOCAL
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # without an IPv6 zone ("fe80::1%eth0")
    except ValueError:
        return address[:100]
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return source_key(str(ip.ipv4_mapped))
    return str(ipaddress.ip_network(f"{ip}/64", strict=False)) if ip.version == 6 else str(ip)


def wait_after(failures: int) -> int:
    """Seconds to wait after this many consecutive failures: 0, then 2, 4, 8 … up to 5 minutes."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(MAX_WAIT_SECONDS, 2 ** (failures - FREE_ATTEMPTS + 1))


def sign_in(url: str, username: str, password: str, source: str | None, now: datetime | None = None) -> SignInResult:
    """Check a local sign-in from `source` (a client address): read, verify outside any transaction, record.

    Takes the database URL, not a session, because the point is that no transaction is open during the hash.
    Raises db.Busy when the short write cannot get the database.
    """
    now = now or utcnow()
    with db.read_session(url) as s:
        attempt = _read_attempt(s, username, source_key(source), now)
    if attempt.wait_seconds > 0:
        return SignInResult("wait", wait_seconds=attempt.wait_seconds)
    ok = check_password(attempt.password_hash, password)
    new_hash = hash_password(password) if ok and needs_rehash(attempt.password_hash) else None
    with db.session(url) as s:
        return _record_attempt(s, attempt, ok, new_hash, now)


def _read_attempt(s: Session, username: str, source: str, now: datetime) -> _Attempt:
    key = account_key(typed_line(username))[:ACCOUNT_NAME_LENGTH]  # PostgreSQL refuses a NUL byte in a query
    u = s.scalars(select(User).where(User.username_key == key)).first() if key else None
    usable = u is not None and u.is_active and bool(u.password_hash)
    return _Attempt(key, source, u.id if usable else None, u.password_hash if usable else None,
                    _wait_seconds(s, key, source, now))


def _wait_seconds(s: Session, key: str, source: str, now: datetime) -> int:
    row = s.get(SignInThrottle, (key, source))
    if row is None:
        return 0
    return max(0, wait_after(row.failures) - int((now - clock.aware(row.last_failed_at)).total_seconds()))


def _record_attempt(s: Session, attempt: _Attempt, ok: bool, new_hash: str | None, now: datetime) -> SignInResult:
    _forget_old(s, now)
    # Checked again under the write lock: attempts started together must not all get past the throttle.
    wait = _wait_seconds(s, attempt.key, attempt.source, now)
    if wait > 0:
        return SignInResult("wait", wait_seconds=wait)
    u = s.get(User, attempt.user_id) if ok else None
    if u is None or not u.is_active or u.password_hash != attempt.password_hash:  # changed during the check
        _count_failure(s, attempt, now)
        audit(s, attempt.key, "login_failed", "user", attempt.key[:100], texts.AUDIT["login_failed"],
              after={"source": attempt.source})
        return SignInResult("unknown")
    if new_hash:
        u.password_hash = new_hash
        s.add(u)
    s.execute(delete(SignInThrottle).where(SignInThrottle.account_key == attempt.key,
                                           SignInThrottle.source == attempt.source))
    handoff = secrets.token_urlsafe(32)
    session = SignInSession(user_id=u.id, role=u.role, source=attempt.source, created_at=now,
                            expires_at=now + timedelta(hours=SESSION_HOURS), handoff_hash=_digest(handoff),
                            handoff_expires_at=now + timedelta(seconds=HANDOFF_SECONDS))
    s.add(session)
    s.flush()
    audit(s, u.username, "login", "user", u.username, texts.AUDIT["login"], after={"source": attempt.source})
    agency = s.get(Agency, u.agency_id) if u.agency_id else None
    return SignInResult("ok", make_actor(u, agency), session_id=session.id, handoff=handoff)


def _count_failure(s: Session, attempt: _Attempt, now: datetime) -> None:
    row = s.get(SignInThrottle, (attempt.key, attempt.source))
    if row is None:
        row = SignInThrottle(account_key=attempt.key, source=attempt.source, failures=0, last_failed_at=now)
    row.failures += 1
    row.last_failed_at = now
    s.add(row)
    s.flush()


def _forget_old(s: Session, now: datetime) -> None:
    s.execute(delete(SignInSession).where(SignInSession.expires_at <= now))
    s.execute(delete(SignInThrottle).where(SignInThrottle.last_failed_at <= now - THROTTLE_MEMORY))


# --- Sessions -------------------------------------------------------------------------------------------


def oidc_login(claims) -> str:
    """The account name an organisation sign-in (OIDC) asks for: the e-mail, unless the identity provider says it
    has not verified it (`email_verified` false: a person may have typed it, and could type a colleague's), then the
    provider's user name, then its subject."""
    email = claims.get("email") if claims.get("email_verified") is not False else None
    return str(email or claims.get("preferred_username") or claims.get("sub") or "")


def _live_session(by) -> Select:
    """The live session found `by` a condition on its id or token hash (bound as `key`): its id and the columns of
    its account and the account's agency that make the Actor. Built once (building the statement was half of the
    lookup, which runs on every page view), and read as plain columns: loading three ORM objects into the session
    cost as much again as the query (issue 16)."""
    return (select(SignInSession.id, *ACTOR_COLUMNS)
            .join(User, User.id == SignInSession.user_id)
            .outerjoin(Agency, Agency.id == User.agency_id)
            .where(by, SignInSession.expires_at > bindparam("now"), User.is_active.is_(True),
                   User.role == SignInSession.role))


_SESSION_BY_ID = _live_session(SignInSession.id == bindparam("key"))
_SESSION_BY_TOKEN = _live_session(SignInSession.token_hash == bindparam("key"))


def session_actor(s: Session | Connection, session_id: int | None = None, token: str | None = None,
                  now: datetime | None = None) -> tuple[int, Actor] | None:
    """The live session with this id (the tab's) or else this cookie token, and its user as the database says
    now; None once it has expired, been ended, or its account is disabled or has another role."""
    now = now or utcnow()
    for statement, key in ((_SESSION_BY_ID, session_id), (_SESSION_BY_TOKEN, _digest(token) if token else None)):
        if not key:
            continue
        row = s.execute(statement, {"key": key, "now": now}).first()
        if row is not None:
            return row[0], actor_of(*row[1:])
    return None


def end_session(s: Session, session_id: int, actor: Actor) -> None:
    """Sign out: the session is deleted, so neither the tab nor the cookie opens it again."""
    s.execute(delete(SignInSession).where(SignInSession.id == session_id))
    audit(s, actor.username, "logout", "user", actor.username, texts.AUDIT["logout"])


def redeem_handoff(s: Session, code: str, source: str | None, now: datetime | None = None) -> tuple[str, int] | None:
    """Trade a sign-in's one-time code for the cookie's token and its lifetime in seconds (once, within
    HANDOFF_SECONDS, from the address that signed in); None otherwise. Only the token's hash is kept."""
    now = now or utcnow()
    if not code:
        return None
    row = s.scalars(select(SignInSession).where(SignInSession.handoff_hash == _digest(code))).first()
    if row is None:
        return None
    fresh = clock.aware(row.handoff_expires_at) > now and clock.aware(row.expires_at) > now
    row.handoff_hash, row.handoff_expires_at = None, None
    if not fresh or row.source != source_key(source):
        s.add(row)
        return None
    token = secrets.token_urlsafe(32)
    row.token_hash = _digest(token)
    s.add(row)
    return token, int((clock.aware(row.expires_at) - now).total_seconds())


def open_session(s: Session, username: str, source: str | None = None, now: datetime | None = None) -> int:
    """A session for an account without a password check: for tests and benchmarks that start signed in."""
    now = now or utcnow()
    u = s.scalars(select(User).where(User.username_key == account_key(username))).one()
    session = SignInSession(user_id=u.id, role=u.role, source=source_key(source), created_at=now,
                            expires_at=now + timedelta(hours=SESSION_HOURS))
    s.add(session)
    s.flush()
    return session.id


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


