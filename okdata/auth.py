"""People and permissions: local accounts (argon2 hashes), roles, what each role may do, the audit log.

Roles are looked up in the database on every page run and every write; nothing is trusted from a cookie
or from what the page showed. Every write calls `audit()` in its own transaction. How a sign-in is checked,
throttled and kept for a working day is in okdata/signin.py; docs/inloggning.md explains both.
"""

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, delete, func, select
from sqlmodel import Session

from okdata import texts
from okdata.catalog import DATA_DIR
from okdata.domain import Outcome, Result, Role, outcome
from okdata.file_text import typed_line
from okdata.models import AUDIT_ENTITY_ID, Agency, AuditEvent, SignInSession, SignInThrottle, User, utcnow

EVERYONE = frozenset(Role)
PAGE_ROLES = {
    "overview": EVERYONE, "goals": EVERYONE, "agencies": EVERYONE, "reporting": EVERYONE, "violence": EVERYONE,
    "municipalities": EVERYONE, "indicator": EVERYONE, "meeting": EVERYONE, "lagesrapport": EVERYONE,
    "report": frozenset({Role.REPORTER, Role.COORDINATOR}), "history": frozenset({Role.REPORTER, Role.COORDINATOR}),
    "review": frozenset({Role.COORDINATOR}), "catalog": frozenset({Role.COORDINATOR}),
    "audit": frozenset({Role.COORDINATOR, Role.ADMIN}), "users": frozenset({Role.ADMIN}),
}
DEMO_PASSWORD = "demo"
OPERATOR = "kommandoraden"
SAMPLE_USER = "exempeldata"  # who loaded the example data, in the log and the value exports
# Argon2id with OWASP's Password Storage Cheat Sheet configuration (19 MiB, 2 passes, 1 lane): ~0,03 s here
# against ~0,25 s for argon2-cffi's default (64 MiB, 3 passes, 4 lanes), so that a meeting's worth of
# simultaneous sign-ins fits on two cores (issue 16). Older hashes are upgraded at the next sign-in.
HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
PASSWORD_MIN_LENGTH = 12
PASSWORD_MAX_LENGTH = 1024
# A new account's name fits every record of who did something (an upload's, a review's, an undo's, a reopened
# year's, a series break's: 100 characters; PostgreSQL refused a longer one there with a traceback); an account
# and its name as shown have room for 200 (ACCOUNT_NAME_LENGTH), which sign-in reads up to.
USERNAME_MAX_LENGTH = 100
ACCOUNT_NAME_LENGTH = 200
USERNAME_PUNCTUATION = ".-_@+'"


@dataclass(frozen=True)
class Actor:
    """Who is acting, as the database says now."""

    username: str
    display_name: str
    role: Role
    agency_id: int | None = None
    agency_code: str | None = None
    agency_name: str | None = None
    user_id: int | None = None
    # the server's command line (operator_actor), known by this mark and never by a name: an account of the same
    # name read everything the command line may (an audit)
    is_operator: bool = False

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    def may_open(self, page: str) -> bool:
        return may_open(self.role, page)

    def may_report_for(self, agency_id: int) -> bool:
        return self.role == Role.COORDINATOR or (self.role == Role.REPORTER and self.agency_id == agency_id)


def may_open(role: str, page: str) -> bool:
    """Whether a role may open a page (by its key in PAGE_ROLES)."""
    return role in PAGE_ROLES.get(page, frozenset())


def known_role(role: str) -> Role:
    """The role with this code; PermissionError (in Swedish) for anything else."""
    try:
        return Role(role)
    except ValueError:
        raise PermissionError(texts.AUTH["unknown_role"].format(
            role=role, roles=", ".join(texts.ROLE_NAMES.values()))) from None


def operator_actor() -> Actor:
    """The person at the server's command line of a database without accounts."""
    return Actor(OPERATOR, OPERATOR, Role.COORDINATOR, is_operator=True)


def actor_for(s: Session | Connection, username: str) -> Actor | None:
    """The active user with this name (case-insensitive) as an Actor, or None. Read as plain columns, so that it
    also runs on the page frame's plain connection (access.reading)."""
    row = s.execute(select(*ACTOR_COLUMNS).outerjoin(Agency, Agency.id == User.agency_id)
                    .where(User.username_key == account_key(username), User.is_active.is_(True))).first()
    return None if row is None else actor_of(*row)


def make_actor(u: User, a: Agency | None) -> Actor:
    """An Actor from an account row and its agency row."""
    return actor_of(u.username, u.display_name, u.role, u.agency_id, a.code if a else None, a.name if a else None,
                    u.id)


# An account's columns and its agency's (outer-joined) that make an Actor, in actor_of's order
ACTOR_COLUMNS = (User.username, User.display_name, User.role, User.agency_id, Agency.code, Agency.name, User.id)


def actor_of(username: str, display_name: str | None, role: str, agency_id: int | None, agency_code: str | None,
             agency_name: str | None, user_id: int | None) -> Actor:
    """An Actor from an account's columns and its agency's (read as plain columns, signin.session_actor)."""
    return Actor(username, display_name or username, Role(role), agency_id, agency_code, agency_name, user_id)


def has_users(s: Session) -> bool:
    """Whether any account exists (a database made by a plain `init` has none)."""
    return s.scalar(select(func.count()).select_from(User)) > 0


# --- Passwords and usernames -----------------------------------------------------------------------------


def hash_password(password: str) -> str:
    """The argon2id hash of a password, with today's parameters."""
    return HASHER.hash(password)


@cache
def _dummy_hash() -> str:
    # Made on first use, not at import: every command-line call imports this module (issue 15).
    return HASHER.hash("okdata-dummy-password")


def check_password(stored_hash: str | None, password: str) -> bool:
    """Whether `password` matches `stored_hash`; with no hash (unknown account, no password) an argon2
    verification against a dummy hash runs all the same, so that both cost the same."""
    try:
        HASHER.verify(stored_hash or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return bool(stored_hash)


def needs_rehash(stored_hash: str) -> bool:
    """Whether a hash was made with other parameters than today's."""
    try:
        return HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return False


def account_key(username: str) -> str:
    """How a sign-in finds an account: NFC, surrounding whitespace removed, case-folded (so "  " is "")."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", username).strip().casefold())


def normalize_username(username: str) -> str:
    """A username as it is stored: NFC, without surrounding whitespace."""
    return unicodedata.normalize("NFC", username).strip()


def username_problem(username: str) -> str | None:
    """Why a new username is refused (Swedish), or None: empty, too long, the command line's or the example
    data's name (or one that looks like it), whitespace, control or invisible characters, or letters that are not
    Latin (which would allow look-alikes such as a Cyrillic "а")."""
    name = normalize_username(username)
    if not name:
        return texts.AUTH["username_empty"]
    if len(name) > USERNAME_MAX_LENGTH:
        return texts.AUTH["username_long"].format(n=USERNAME_MAX_LENGTH)
    for reserved in (OPERATOR, SAMPLE_USER):  # what the log and the exports call the command line, the example
        if username_skeleton(name) == username_skeleton(reserved):
            return texts.AUTH["username_reserved"].format(username=reserved, who=texts.RESERVED_NAMES[reserved])
    for c in name:
        category = unicodedata.category(c)
        if c.isspace() or category.startswith("Z"):
            return texts.AUTH["username_space"]
        if category.startswith("C"):
            return texts.AUTH["username_control"]
        if not (c in "0123456789" or c in USERNAME_PUNCTUATION
                or (category.startswith("L") and unicodedata.name(c, "").startswith("LATIN "))):
            return texts.AUTH["username_characters"].format(char=c, punctuation=" ".join(USERNAME_PUNCTUATION))
    return None


_LOOKALIKE_CHARS = str.maketrans({"I": "l", "1": "l", "|": "l", "0": "o"})
_LOOKALIKE_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"))


def username_skeleton(username: str) -> str:
    """What a name looks like: compatibility forms folded (NFKC), capital I and 1 as l, 0 as o, case-folded,
    rn as m, vv as w, cl as d. The look-alikes of Unicode's UTS #39 that remain among the characters a
    username may hold; two names with the same skeleton are too easy to mistake for each other."""
    s = unicodedata.normalize("NFKC", username).translate(_LOOKALIKE_CHARS).casefold()
    for pair, single in _LOOKALIKE_PAIRS:
        s = s.replace(pair, single)
    return s


@cache
def _common_passwords() -> frozenset[str]:

    lines = (DATA_DIR / "common_passwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def password_problem(password: str, username: str = "") -> str | None:
    """Why a new password is refused (Swedish), or None: the one password policy of the command line and the
    Användare page. At least 12 characters (a passphrase of a few words is the easy way), at most 1024, not a
    common password or one padded with digits, not a few characters repeated, not containing the username."""
    if not password:
        return texts.AUTH["password_empty"]
    if len(password) < PASSWORD_MIN_LENGTH:
        return texts.AUTH["password_short"].format(n=PASSWORD_MIN_LENGTH)
    if len(password) > PASSWORD_MAX_LENGTH:
        return texts.AUTH["password_long"].format(n=PASSWORD_MAX_LENGTH)
    folded = unicodedata.normalize("NFC", password).casefold()
    stem = folded.rstrip("0123456789!?.,#*@$%&+-_ ")
    if folded in _common_passwords() or stem in _common_passwords() or len(set(folded)) < 4:
        return texts.AUTH["password_common"]
    key = account_key(username)
    if len(key) >= 3 and key in folded:
        return texts.AUTH["password_has_username"]
    return None


# --- Local accounts -------------------------------------------------------------------------------------


def add_user(s: Session, actor: Actor, username: str, role: str, password: str | None = None,
             display_name: str = "", agency_id: int | None = None, is_demo: bool = False) -> User:
    """Create an account (administrators and the server's command line only).

    `password=None` makes an account without a password (it signs in through the organisation's identity
    provider); any other password must pass the password policy, except the demo accounts' "demo", which only
    the sample database has."""
    require(actor, Role.ADMIN, allow_operator=True)
    role = known_role(role)
    if role == Role.REPORTER and agency_id is None:
        raise ValueError(texts.AUTH["reporter_needs_agency"])
    name = normalize_username(username)
    problem = username_problem(name) or (None if password is None or is_demo else password_problem(password, name))
    if problem:
        raise ValueError(problem)
    if len(display := typed_line(display_name)) > ACCOUNT_NAME_LENGTH:  # User.display_name's length
        raise ValueError(texts.AUTH["display_name_long"].format(n=ACCOUNT_NAME_LENGTH))
    key, skeleton = account_key(name), username_skeleton(name)
    for existing, existing_key in s.execute(select(User.username, User.username_key)).all():
        if existing_key == key:
            raise ValueError(texts.AUTH["user_exists"].format(username=existing))
        if username_skeleton(existing) == skeleton:
            raise ValueError(texts.AUTH["username_confusable"].format(username=name, existing=existing))
    u = User(username=name, username_key=key, display_name=display or name, role=role,
             agency_id=agency_id, password_hash=hash_password(password) if password else "", is_demo=is_demo)
    s.add(u)
    s.flush()
    audit(s, actor.username, "user_add", "user", u.username, texts.AUDIT["user_add"].format(username=u.username),
          after=_user_state(u))
    return u


def set_user(s: Session, actor: Actor, username: str, *, role: str | None = None, is_active: bool | None = None,
             agency_id: int | None = -1, password: str | None = None) -> User:
    """Change an account's role, agency, password or active state (administrators only). Any of these ends
    the account's sign-in sessions: the person signs in again under what holds now."""
    require(actor, Role.ADMIN, allow_operator=True)
    u = s.scalars(select(User).where(User.username_key == account_key(username))).first()
    if u is None:
        raise ValueError(texts.AUTH["unknown_user"].format(username=username))
    if role is not None:
        role = known_role(role)
    if password is not None:
        problem = password_problem(password, u.username)
        if problem:
            raise ValueError(problem)
    if (role or u.role) == Role.REPORTER and (u.agency_id if agency_id == -1 else agency_id) is None:
        raise ValueError(texts.AUTH["reporter_needs_agency"])  # as add_user: a Rapportör reports for an agency
    before = _user_state(u)
    if role is not None:
        u.role = role
    if agency_id != -1:
        u.agency_id = agency_id
    if is_active is not None:
        u.is_active = is_active
    if password is not None:
        u.password_hash = hash_password(password)
        s.execute(delete(SignInThrottle).where(SignInThrottle.account_key == u.username_key))
    s.add(u)
    s.flush()
    after = _user_state(u)
    if password or (before["role"], before["agency_id"], before["is_active"]) != (
            after["role"], after["agency_id"], after["is_active"]):
        s.execute(delete(SignInSession).where(SignInSession.user_id == u.id))
    audit(s, actor.username, "user_change", "user", u.username,
          texts.AUDIT["user_change"].format(username=u.username), before=before, after=after)
    return u


def change_user(s: Session, actor: Actor, username: str, role: str, is_active: bool) -> Outcome:
    """Change an account's role and active state from the Användare page: ok, or unchanged when it already has
    them (nothing written, its sessions kept)."""
    require(actor, Role.ADMIN, allow_operator=True)
    u = s.scalars(select(User).where(User.username_key == account_key(username))).first()
    if u is not None and (u.role, u.is_active) == (known_role(role), is_active):
        return outcome(Result.NOTHING, "user_change", "unchanged", username=u.username)
    u = set_user(s, actor, username, role=role, is_active=is_active)
    return outcome(Result.DONE, "user_change", "ok", username=u.username)


def _user_state(u: User) -> dict:
    return {"username": u.username, "role": u.role, "agency_id": u.agency_id, "is_active": u.is_active,
            "password_set": bool(u.password_hash)}


def list_users(s: Session) -> pd.DataFrame:
    """Every account with its role and agency, and its failed sign-ins of the last day (all sources)."""
    rows = s.execute(select(User, Agency.short_name).outerjoin(Agency, Agency.id == User.agency_id)
                     .order_by(User.username)).all()
    failed = dict(s.execute(select(SignInThrottle.account_key, func.sum(SignInThrottle.failures))
                            .group_by(SignInThrottle.account_key)).all())
    return pd.DataFrame([{"username": u.username, "display_name": u.display_name, "role": u.role,
                          "agency": name or "", "is_active": u.is_active, "is_demo": u.is_demo,
                          "failed_logins": int(failed.get(u.username_key) or 0)} for u, name in rows],
                        columns=["username", "display_name", "role", "agency", "is_active", "is_demo",
                                 "failed_logins"])


def demo_accounts(s: Session) -> list[Actor]:
    """The demo accounts of the sample database, one per role."""
    names = s.scalars(select(User.username).where(User.is_demo.is_(True), User.is_active.is_(True))
                      .order_by(User.id)).all()
    return [a for a in (actor_for(s, n) for n in names) if a]


DEMO_USERS = [  # username, role, agency code, display name
    ("demo-lasare", Role.READER, None, "Demo: styrgruppsledamot (Läsare)"),
    ("demo-polisen", Role.REPORTER, "POL", "Demo: samordnare vid Polismyndigheten (Rapportör)"),
    ("demo-kriminalvarden", Role.REPORTER, "KVV", "Demo: samordnare vid Kriminalvården (Rapportör)"),
    ("demo-samordnare", Role.COORDINATOR, "LST", "Demo: regional samordnare, Länsstyrelsen (Samordnare)"),
    ("demo-admin", Role.ADMIN, None, "Demo: administratör"),
]


def create_demo_users(s: Session) -> int:
    """One demo account per role (sample database only), password "demo"."""
    made = 0
    agencies = dict(s.execute(select(Agency.code, Agency.id)).all())
    for username, role, agency, display in DEMO_USERS:
        if s.scalars(select(User).where(User.username_key == account_key(username))).first() is None:
            add_user(s, operator_actor(), username, role, DEMO_PASSWORD, display,
                     agencies.get(agency), is_demo=True)
            made += 1
    return made


# --- Permission checks and audit ------------------------------------------------------------------------


def require(actor: Actor | None, *roles: str, allow_operator: bool = False) -> None:
    """Raise PermissionError (with a Swedish message) unless the actor has one of the roles."""
    if actor is None:
        raise PermissionError(texts.AUTH["not_signed_in"])
    if allow_operator and actor.is_operator:
        return
    if actor.role not in roles:
        raise PermissionError(texts.AUTH["not_allowed"].format(role=texts.ROLE_NAMES.get(actor.role, actor.role)))


def audit(s: Session, user_name: str, action: str, entity: str, entity_id: str | int, summary: str,
          before: dict | None = None, after: dict | None = None) -> None:
    """Record one change: who, when, what, and the state before and after."""
    entity_id = str(entity_id)[:AUDIT_ENTITY_ID]  # a file's name can be longer; `after` keeps it whole
    s.add(AuditEvent(at=utcnow(), user_name=user_name, action=action, entity=entity, entity_id=entity_id,
                     summary=summary, before=before, after=after))
    s.flush()


AUDIT_SHOWN = 5000  # the newest events the log page reads (and its CSV holds); older ones are found by filtering


def _audit_filters(user: str, action: str, since: datetime | None, hide_failed_sign_ins: bool) -> list:
    filters = []
    if user := typed_line(user):  # read without a NUL byte, which PostgreSQL refuses in a query
        filters.append(func.lower(AuditEvent.user_name) == user.lower())
    if action:
        filters.append(AuditEvent.action == action)
    if since:
        filters.append(AuditEvent.at >= since)
    if hide_failed_sign_ins:
        filters.append(AuditEvent.action != "login_failed")
    return filters


def audit_frame(s: Session, scope, user: str = "", action: str = "", since: datetime | None = None,
                hide_failed_sign_ins: bool = False) -> pd.DataFrame:
    """The audit log, newest first, filtered by user, action and time, without failed sign-ins when asked (a flood
    of them under many names would push every other event out), at most AUDIT_SHOWN events; PermissionError unless
    the scope (okdata.scope) may read the log."""
    if not scope.log:
        raise PermissionError(texts.AUTH["no_log"])
    q = (select(AuditEvent).where(*_audit_filters(user, action, since, hide_failed_sign_ins))
         .order_by(AuditEvent.id.desc()).limit(AUDIT_SHOWN))
    return pd.DataFrame([{"id": e.id, "at": e.at, "user_name": e.user_name, "action": e.action,
                          "entity": e.entity, "entity_id": e.entity_id, "summary": e.summary,
                          "before": e.before, "after": e.after} for e in s.scalars(q)],
                        columns=["id", "at", "user_name", "action", "entity", "entity_id", "summary", "before",
                                 "after"])


def audit_count(s: Session, scope, user: str = "", action: str = "", since: datetime | None = None,
                hide_failed_sign_ins: bool = False) -> int:
    """How many events the same filters find in all (audit_frame shows the newest AUDIT_SHOWN of them)."""
    if not scope.log:
        raise PermissionError(texts.AUTH["no_log"])
    return s.scalar(select(func.count()).select_from(AuditEvent)
                    .where(*_audit_filters(user, action, since, hide_failed_sign_ins))) or 0


def audit_log(s: Session, scope, user: str = "", action: str = "",
              hide_failed_sign_ins: bool = False) -> tuple[pd.DataFrame, int]:
    """Logg's reading: audit_frame, and how many events the filters find in all, counted only when the frame is
    full (else it is the frame's own length: no second query on a view that shows everything)."""
    frame = audit_frame(s, scope, user, action, hide_failed_sign_ins=hide_failed_sign_ins)
    if len(frame) < AUDIT_SHOWN:
        return frame, len(frame)
    return frame, audit_count(s, scope, user, action, hide_failed_sign_ins=hide_failed_sign_ins)


def recent_window() -> datetime:
    """The default start of the audit view: 30 days back."""
    return datetime.now(UTC) - timedelta(days=30)
