"""People and permissions: local accounts (argon2 hashes), roles, what each role may do, the audit log.

Roles are looked up in the database on every page run and every write; nothing is trusted from a cookie
or from what the page showed. Every write calls `audit()` in its own transaction.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlmodel import Session

from okdata import texts
from okdata.models import Agency, AuditEvent, User, utcnow

READER, REPORTER, COORDINATOR, ADMIN = "lasare", "rapportor", "samordnare", "admin"
ROLES = (READER, REPORTER, COORDINATOR, ADMIN)
EVERYONE = frozenset(ROLES)
PAGE_ROLES = {
    "overview": EVERYONE, "goals": EVERYONE, "agencies": EVERYONE, "violence": EVERYONE,
    "municipalities": EVERYONE, "meeting": EVERYONE, "lagesrapport": EVERYONE,
    "report": frozenset({REPORTER, COORDINATOR}), "history": frozenset({REPORTER, COORDINATOR}),
    "review": frozenset({COORDINATOR}), "catalog": frozenset({COORDINATOR}),
    "audit": frozenset({COORDINATOR, ADMIN}), "users": frozenset({ADMIN}),
}
FREE_ATTEMPTS = 3  # failed sign-ins before waiting starts
MAX_WAIT_SECONDS = 300
DEMO_PASSWORD = "demo"
OPERATOR = "kommandoraden"
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("okdata-dummy-password")


@dataclass(frozen=True)
class Actor:
    """Who is acting, as the database says now."""

    username: str
    display_name: str
    role: str
    agency_id: int | None = None
    agency_code: str | None = None
    agency_name: str | None = None
    user_id: int | None = None

    @property
    def is_coordinator(self) -> bool:
        return self.role == COORDINATOR

    def may_open(self, page: str) -> bool:
        return self.role in PAGE_ROLES.get(page, frozenset())

    def may_report_for(self, agency_id: int) -> bool:
        return self.role == COORDINATOR or (self.role == REPORTER and self.agency_id == agency_id)


def operator_actor() -> Actor:
    """The person at the server's command line of a database without accounts."""
    return Actor(OPERATOR, OPERATOR, COORDINATOR)


def actor_for(s: Session, username: str) -> Actor | None:
    """The active user with this name (case-insensitive) as an Actor, or None."""
    row = s.execute(select(User, Agency).outerjoin(Agency, Agency.id == User.agency_id)
                    .where(func.lower(User.username) == username.strip().lower(), User.is_active.is_(True))).first()
    if row is None:
        return None
    u, a = row
    return Actor(u.username, u.display_name or u.username, u.role, u.agency_id, a.code if a else None,
                 a.name if a else None, u.id)


def has_users(s: Session) -> bool:
    """Whether any account exists (a database made by a plain `init` has none)."""
    return s.scalar(select(func.count()).select_from(User)) > 0


# --- Local accounts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginResult:
    """ok, or why not: unknown (name or password wrong — never said which), wait (too many attempts)."""

    outcome: str
    actor: Actor | None = None
    wait_seconds: int = 0


def wait_after(failures: int) -> int:
    """Seconds to wait after this many consecutive failures: 0, then 2, 4, 8 … up to 5 minutes."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(MAX_WAIT_SECONDS, 2 ** (failures - FREE_ATTEMPTS + 1))


def verify_login(s: Session, username: str, password: str, now: datetime | None = None) -> LoginResult:
    """Check a local sign-in; counts failures and slows repeated attempts down (a write)."""
    now = now or datetime.now(UTC)
    u = s.scalars(select(User).where(func.lower(User.username) == username.strip().lower())).first()
    if u is None or not u.is_active or not u.password_hash:
        _burn(password)  # the same cost whether or not the account exists
        return LoginResult("unknown")
    if u.last_failed_at is not None:
        last = u.last_failed_at if u.last_failed_at.tzinfo else u.last_failed_at.replace(tzinfo=UTC)
        remaining = wait_after(u.failed_logins) - int((now - last).total_seconds())
        if remaining > 0:
            return LoginResult("wait", wait_seconds=remaining)
    try:
        _hasher.verify(u.password_hash, password)
    except (VerificationError, InvalidHashError):
        u.failed_logins += 1
        u.last_failed_at = now
        s.add(u)
        audit(s, u.username, "login_failed", "user", u.username, texts.AUDIT["login_failed"])
        return LoginResult("unknown")
    if _hasher.check_needs_rehash(u.password_hash):
        u.password_hash = _hasher.hash(password)
    u.failed_logins, u.last_failed_at = 0, None
    s.add(u)
    audit(s, u.username, "login", "user", u.username, texts.AUDIT["login"])
    return LoginResult("ok", actor_for(s, u.username))


def _burn(password: str) -> None:
    try:
        _hasher.verify(_DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        pass


def add_user(s: Session, actor: Actor, username: str, role: str, password: str | None = None,
             display_name: str = "", agency_id: int | None = None, is_demo: bool = False) -> User:
    """Create an account (administrators and the server's command line only)."""
    require(actor, ADMIN, allow_operator=True)
    if role not in ROLES:
        raise PermissionError(texts.AUTH["unknown_role"].format(role=role, roles=", ".join(ROLES)))
    if role == REPORTER and agency_id is None:
        raise ValueError(texts.AUTH["reporter_needs_agency"])
    if s.scalars(select(User).where(func.lower(User.username) == username.strip().lower())).first():
        raise ValueError(texts.AUTH["user_exists"].format(username=username))
    u = User(username=username.strip(), display_name=display_name or username.strip(), role=role,
             agency_id=agency_id, password_hash=_hasher.hash(password) if password else "", is_demo=is_demo)
    s.add(u)
    s.flush()
    audit(s, actor.username, "user_add", "user", u.username, texts.AUDIT["user_add"].format(username=u.username),
          after=_user_state(u))
    return u


def set_user(s: Session, actor: Actor, username: str, *, role: str | None = None, is_active: bool | None = None,
             agency_id: int | None = -1, password: str | None = None) -> User:
    """Change an account's role, agency, password or active state (administrators only)."""
    require(actor, ADMIN, allow_operator=True)
    u = s.scalars(select(User).where(func.lower(User.username) == username.strip().lower())).first()
    if u is None:
        raise ValueError(texts.AUTH["unknown_user"].format(username=username))
    before = _user_state(u)
    if role is not None:
        if role not in ROLES:
            raise PermissionError(texts.AUTH["unknown_role"].format(role=role, roles=", ".join(ROLES)))
        u.role = role
    if agency_id != -1:
        u.agency_id = agency_id
    if is_active is not None:
        u.is_active = is_active
    if password:
        u.password_hash = _hasher.hash(password)
        u.failed_logins, u.last_failed_at = 0, None
    s.add(u)
    s.flush()
    audit(s, actor.username, "user_change", "user", u.username,
          texts.AUDIT["user_change"].format(username=u.username), before=before, after=_user_state(u))
    return u


def _user_state(u: User) -> dict:
    return {"username": u.username, "role": u.role, "agency_id": u.agency_id, "is_active": u.is_active,
            "password_set": bool(u.password_hash)}


def list_users(s: Session) -> pd.DataFrame:
    """Every account with its role and agency."""
    rows = s.execute(select(User, Agency.short_name).outerjoin(Agency, Agency.id == User.agency_id)
                     .order_by(User.username)).all()
    return pd.DataFrame([{"username": u.username, "display_name": u.display_name, "role": u.role,
                          "agency": name or "", "is_active": u.is_active, "is_demo": u.is_demo,
                          "failed_logins": u.failed_logins} for u, name in rows],
                        columns=["username", "display_name", "role", "agency", "is_active", "is_demo",
                                 "failed_logins"])


def demo_accounts(s: Session) -> list[Actor]:
    """The demo accounts of the sample database, one per role."""
    names = s.scalars(select(User.username).where(User.is_demo.is_(True), User.is_active.is_(True))
                      .order_by(User.id)).all()
    return [a for a in (actor_for(s, n) for n in names) if a]


DEMO_USERS = [  # username, role, agency code, display name
    ("demo-lasare", READER, None, "Demo: styrgruppsledamot (Läsare)"),
    ("demo-polisen", REPORTER, "POL", "Demo: samordnare vid Polismyndigheten (Rapportör)"),
    ("demo-kriminalvarden", REPORTER, "KVV", "Demo: samordnare vid Kriminalvården (Rapportör)"),
    ("demo-samordnare", COORDINATOR, "LST", "Demo: regional samordnare, Länsstyrelsen (Samordnare)"),
    ("demo-admin", ADMIN, None, "Demo: administratör"),
]


def create_demo_users(s: Session) -> int:
    """One demo account per role (sample database only), password "demo"."""
    made = 0
    agencies = dict(s.execute(select(Agency.code, Agency.id)).all())
    for username, role, agency, display in DEMO_USERS:
        if s.scalars(select(User).where(User.username == username)).first() is None:
            add_user(s, Actor(OPERATOR, OPERATOR, ADMIN), username, role, DEMO_PASSWORD, display,
                     agencies.get(agency), is_demo=True)
            made += 1
    return made


# --- Permission checks and audit ------------------------------------------------------------------------


def require(actor: Actor | None, *roles: str, allow_operator: bool = False) -> None:
    """Raise PermissionError (with a Swedish message) unless the actor has one of the roles."""
    if actor is None:
        raise PermissionError(texts.AUTH["not_signed_in"])
    if allow_operator and actor.username == OPERATOR:
        return
    if actor.role not in roles:
        raise PermissionError(texts.AUTH["not_allowed"].format(role=texts.ROLE_NAMES.get(actor.role, actor.role)))


def audit(s: Session, user_name: str, action: str, entity: str, entity_id: str | int, summary: str,
          before: dict | None = None, after: dict | None = None) -> None:
    """Record one change: who, when, what, and the state before and after."""
    s.add(AuditEvent(at=utcnow(), user_name=user_name, action=action, entity=entity, entity_id=str(entity_id),
                     summary=summary, before=before, after=after))
    s.flush()


def audit_frame(s: Session, scope, user: str = "", action: str = "", since: datetime | None = None,
                limit: int = 5000) -> pd.DataFrame:
    """The audit log, newest first, filtered by user, action and time; PermissionError unless the scope
    (okdata.scope) may read the log."""
    if not scope.log:
        raise PermissionError(texts.AUTH["no_log"])
    q = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if user:
        q = q.where(func.lower(AuditEvent.user_name) == user.lower())
    if action:
        q = q.where(AuditEvent.action == action)
    if since:
        q = q.where(AuditEvent.at >= since)
    return pd.DataFrame([{"id": e.id, "at": e.at, "user_name": e.user_name, "action": e.action,
                          "entity": e.entity, "entity_id": e.entity_id, "summary": e.summary,
                          "before": e.before, "after": e.after} for e in s.scalars(q)],
                        columns=["id", "at", "user_name", "action", "entity", "entity_id", "summary", "before",
                                 "after"])


def recent_window() -> datetime:
    """The default start of the audit view: 30 days back."""
    return datetime.now(UTC) - timedelta(days=30)
