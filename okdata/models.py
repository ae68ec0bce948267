"""Every table of okdata (SQLModel). Names are English domain nouns; docs/doman.md explains them."""

from datetime import UTC, datetime

from sqlalchemy import JSON, Column, DateTime, Index, LargeBinary, MetaData, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

# A naming convention lets Alembic name and later alter constraints on SQLite and PostgreSQL alike.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def utcnow() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


# --- The plan -----------------------------------------------------------------------------------


class PlanPeriod(SQLModel, table=True):
    """An action plan (handlingsplan), e.g. 2024–2027, with its catalog revision."""

    __tablename__ = "plan_period"
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=20, unique=True)
    name: str = Field(max_length=300)
    start_year: int
    end_year: int
    baseline_year: int
    source: str = Field(default="", max_length=500)
    revision: int = 1  # raised by every change of the catalog: a new catalog file or an edit under Katalog
    catalog_checksum: str = Field(default="", max_length=64)
    predecessor_id: int | None = Field(default=None, foreign_key="plan_period.id")  # the plan it was started from


class CatalogRevision(SQLModel, table=True):
    """A saved revision of a plan's catalog: the whole catalog as its reviewable document (the TOML file's
    structure), who saved it, and the first reporting year it is in force for (catalog_revisions.py)."""

    __tablename__ = "catalog_revision"
    __table_args__ = (UniqueConstraint("plan_period_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_period_id: int = Field(foreign_key="plan_period.id", index=True)
    number: int
    from_year: int
    source: str = Field(default="", max_length=300)  # app, a file name, or the catalog file
    summary: str = Field(default="", sa_type=Text)
    created_by: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    content: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class Goal(SQLModel, table=True):
    """A regional goal (mål 1–8) with what must be in place and its development areas."""

    __tablename__ = "goal"
    __table_args__ = (UniqueConstraint("plan_period_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_period_id: int = Field(foreign_key="plan_period.id")
    number: int
    title: str = Field(max_length=300)
    in_place: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    development_areas: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    retired: bool = False


class Agency(SQLModel, table=True):
    """A reporting party: an agency, the platform, a function, a municipality or a group of them."""

    __tablename__ = "agency"
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=20, unique=True)
    name: str = Field(max_length=200)
    short_name: str = Field(max_length=100)
    kind: str = Field(max_length=20)  # part, myndighet, plattform, funktion, grupp, kommun
    is_party: bool = False
    unit: str = Field(default="", max_length=300)
    area_code: str | None = Field(default=None, foreign_key="area.code", max_length=10)
    parent_id: int | None = Field(default=None, foreign_key="agency.id")
    aliases: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Measure(SQLModel, table=True):
    """An åtgärd of a plan period (1.1–8.6)."""

    __tablename__ = "measure"
    __table_args__ = (UniqueConstraint("plan_period_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_period_id: int = Field(foreign_key="plan_period.id")
    goal_id: int = Field(foreign_key="goal.id", index=True)
    code: str = Field(max_length=10)
    sort_key: int = 0
    text: str = Field(sa_type=Text)
    follow_up: str = Field(default="", sa_type=Text)
    frequency: str = Field(max_length=40)  # domain.Frequency
    note: str = Field(default="", sa_type=Text)
    retired: bool = False


class MeasureAgency(SQLModel, table=True):
    """Which agencies answer for which measure."""

    __tablename__ = "measure_agency"
    measure_id: int = Field(foreign_key="measure.id", primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", primary_key=True, index=True)
    position: int = 0


class Area(SQLModel, table=True):
    """A geographic area: the county (01), a municipality (0114–0192) or a district."""

    __tablename__ = "area"
    code: str = Field(primary_key=True, max_length=10)
    name: str = Field(max_length=100)
    kind: str = Field(max_length=20)  # län, kommun, stadsdel
    parent_code: str | None = Field(default=None, max_length=10)


class Indicator(SQLModel, table=True):
    """A follow-up indicator of a measure (2.4a) or a goal-level regional indicator (R3.1)."""

    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("plan_period_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_period_id: int = Field(foreign_key="plan_period.id")
    code: str = Field(max_length=12)
    sort_key: int = 0
    measure_id: int | None = Field(default=None, foreign_key="measure.id", index=True)
    goal_id: int = Field(foreign_key="goal.id", index=True)
    name: str = Field(sa_type=Text)
    kind: str = Field(max_length=20)  # count, share, rate, index, milestone, descriptive
    unit: str = Field(max_length=40)
    direction: int = 0  # +1 higher is better, -1 lower is better, 0 neither
    target_value: float | None = None
    target_year: int | None = None
    frequency: str = Field(max_length=40)  # domain.Frequency
    breakdowns: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # domain.Dimension
    categories: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    note: str = Field(default="", sa_type=Text)
    source_url: str = Field(default="", max_length=500)
    is_development: bool = False
    retired: bool = False
    replaced_by: str | None = Field(default=None, max_length=12)
    # A count of people or events in the population (calls, support seekers, contact bans): shown per 100 000
    # inhabitants when asked. Never for process counts such as Länsstyrelsen's, nor for shares (issue 20).
    per_capita: bool = False
    # The indicator of an earlier plan whose stored series this one continues (carried over to a new plan):
    # its values are stored, read and compared under that indicator's key.
    series_id: int | None = Field(default=None, foreign_key="indicator.id")


class SeriesBreak(SQLModel, table=True):
    """A definition change: values of the indicator before `year` are not compared with later ones."""

    __tablename__ = "series_break"
    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True)
    year: int
    description: str = Field(sa_type=Text)
    created_by: str = Field(default="", max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))


class Population(SQLModel, table=True):
    """Population (folkmängd 31 December) per area and year, with its source."""

    __tablename__ = "population"
    area_code: str = Field(foreign_key="area.code", primary_key=True, max_length=10)
    year: int = Field(primary_key=True)
    population: int
    status: str = Field(default="", max_length=20)
    source: str = Field(default="", sa_type=Text)


# --- Returns and values --------------------------------------------------------------------------


class ImportBatch(SQLModel, table=True):
    """One saved return (or one load of reference or example data): the provenance of its values."""

    __tablename__ = "import_batch"
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)  # upload, sample, reference, edit
    file_name: str = Field(default="", max_length=300)
    checksum: str = Field(default="", max_length=64, index=True)
    agency_id: int | None = Field(default=None, foreign_key="agency.id", index=True)
    year: int | None = None
    user_name: str = Field(default="", max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    # submitted, approved, returned, rolled_back, or replaced (by a later upload of the same agency and year
    # while it awaited review; `replaced_by` says which, and undoing that upload makes this one submitted again)
    status: str = Field(default="approved", max_length=20)
    replaced_by: int | None = Field(default=None)
    n_new: int = 0
    n_changed: int = 0
    n_unchanged: int = 0
    n_statuses: int = 0
    n_warnings: int = 0
    note: str = Field(default="", sa_type=Text)
    reviewed_by: str = Field(default="", max_length=100)
    reviewed_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    review_note: str = Field(default="", sa_type=Text)
    rolled_back_by: str = Field(default="", max_length=100)
    rolled_back_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


OBSERVATION_KEY_COLUMNS = ("indicator_id", "violence_type", "area_code", "grp", "category", "year")


class Observation(SQLModel, table=True):
    """One value of an indicator for a year and a breakdown; never overwritten, only superseded.

    `is_current` marks the latest live submission of its key, `is_approved` the latest approved one
    (what the views show). Both are recomputed from the rows, so undoing a batch is exact.
    """

    __tablename__ = "observation"
    __table_args__ = (
        Index("ix_observation_key", "indicator_id", "violence_type", "area_code", "grp", "category", "year"),
        # The views read current rows only: partial indexes over them stay the size of the current store however
        # many superseded versions accumulate (issue 16). Their condition is spelled as the readers spell it
        # (scope.visible: `is_approved IS 1` on SQLite, `IS true` on PostgreSQL), so both planners can use them.
        Index("ix_observation_approved_key", *OBSERVATION_KEY_COLUMNS, sqlite_where=text("is_approved IS 1"),
              postgresql_where=text("is_approved IS true")),
        Index("ix_observation_current_key", *OBSERVATION_KEY_COLUMNS, sqlite_where=text("is_current IS 1"),
              postgresql_where=text("is_current IS true")),
        Index("ix_observation_area", "area_code", "year"),
    )
    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id")
    year: int
    violence_type: str = Field(default="", max_length=8)  # "" = all types together
    area_code: str = Field(default="01", foreign_key="area.code", max_length=10)
    grp: str = Field(default="", max_length=20)  # "" = everyone
    category: str = Field(default="", max_length=120)  # "" = none
    value_num: float | None = None
    value_text: str | None = Field(default=None, sa_type=Text)
    numerator: float | None = None
    denominator: float | None = None
    comment: str = Field(default="", sa_type=Text)
    is_example: bool = False
    source: str = Field(default="", sa_type=Text)
    batch_id: int = Field(foreign_key="import_batch.id", index=True)
    sheet_row: int | None = None
    is_current: bool = True
    is_approved: bool = False


class MeasureStatus(SQLModel, table=True):
    """An agency's reported implementation status of a measure for a year, versioned like values."""

    __tablename__ = "measure_status"
    __table_args__ = (Index("ix_measure_status_key", "measure_id", "agency_id", "year"),
                      Index("ix_measure_status_year", "year", "is_approved"))
    id: int | None = Field(default=None, primary_key=True)
    measure_id: int = Field(foreign_key="measure.id")
    agency_id: int = Field(foreign_key="agency.id")
    year: int
    status: str = Field(max_length=20)  # domain.Implementation
    description: str = Field(default="", sa_type=Text)
    is_example: bool = False
    batch_id: int = Field(foreign_key="import_batch.id", index=True)
    sheet_row: int | None = None
    is_current: bool = True
    is_approved: bool = False


class BatchWarning(SQLModel, table=True):
    """A warning of the check a saved return passed, as it was said to the uploader (checks.Problem): where in the
    file, which rule, the message word for word, and whether it was confirmed on the page before the save. Granska
    and Historik list them with the return."""

    __tablename__ = "batch_warning"
    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="import_batch.id", index=True)
    sheet: str = Field(default="", sa_type=Text)  # a sheet's name, or the file's for a CSV
    sheet_row: int | None = None
    sheet_column: str = Field(default="", sa_type=Text)
    code: str = Field(max_length=40)
    message: str = Field(default="", sa_type=Text)
    confirmed: bool = False  # confirmed on the page before the save; not: the command line's import, example data


class ReportingYear(SQLModel, table=True):
    """A reporting year opened by the county coordinator, with its deadline; locked after the deadline or once a
    lägesrapport for it is published, unless reopened until a given day (periods.py)."""

    __tablename__ = "reporting_year"
    year: int = Field(primary_key=True)
    deadline: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    opened_by: str = Field(default="", max_length=100)
    opened_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    reopened_until: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    reopened_by: str = Field(default="", max_length=100)
    reopened_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    reopen_reason: str = Field(default="", sa_type=Text)


class DataVersion(SQLModel, table=True):
    """A counter raised by every transaction that changes what the views show (db.py): cached readings are kept
    per version, so a write by another process or app instance shows at the next page run."""

    __tablename__ = "data_version"
    name: str = Field(primary_key=True, max_length=40)
    version: int = 0


# --- People, audit, publications, meetings -------------------------------------------------------


class User(SQLModel, table=True):
    """A person allowed in: a local account or an identity-provider subject, with a role."""

    __tablename__ = "app_user"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=200, unique=True)  # local name or the OIDC e-mail/subject
    # The name as a sign-in finds it: NFC and case-folded in Python (SQLite's lower() folds ASCII only).
    username_key: str = Field(max_length=200, unique=True)
    display_name: str = Field(default="", max_length=200)
    role: str = Field(max_length=20)  # domain.Role
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    password_hash: str = Field(default="", max_length=300)
    is_active: bool = True
    is_demo: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))


class SignInSession(SQLModel, table=True):
    """A local sign-in for a working day: the tab keeps its id, the browser an HttpOnly cookie whose token's
    SHA-256 is kept here (never the token). Sign-out, a disabled account or a new role ends it."""

    __tablename__ = "sign_in_session"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    role: str = Field(max_length=20)  # the role at sign-in: a session under another role is over
    source: str = Field(default="", max_length=100)  # the client address it was opened from
    token_hash: str | None = Field(default=None, max_length=64, unique=True)  # the cookie, once handed over
    handoff_hash: str | None = Field(default=None, max_length=64, unique=True)  # one-time code for the cookie
    handoff_expires_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    expires_at: datetime = Field(sa_type=DateTime(timezone=True))


class SignInThrottle(SQLModel, table=True):
    """Failed sign-ins for one account name from one source: only that pair waits, never the account."""

    __tablename__ = "sign_in_throttle"
    account_key: str = Field(primary_key=True, max_length=200)  # as typed, normalised; known or not
    source: str = Field(primary_key=True, max_length=100)
    failures: int = 0
    last_failed_at: datetime = Field(sa_type=DateTime(timezone=True))


AUDIT_ENTITY_ID = 100  # characters of the changed thing's id (a file's name is cut; the event's `after` keeps it)


class AuditEvent(SQLModel, table=True):
    """Who changed what, when, with the state before and after."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_at", "at"), Index("ix_audit_event_user", "user_name", "at"))
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    user_name: str = Field(default="", max_length=200)
    action: str = Field(max_length=40)
    entity: str = Field(max_length=40)
    entity_id: str = Field(default="", max_length=AUDIT_ENTITY_ID)
    summary: str = Field(default="", sa_type=Text)
    before: dict | None = Field(default=None, sa_column=Column(JSON))
    after: dict | None = Field(default=None, sa_column=Column(JSON))


class Publication(SQLModel, table=True):
    """A published lägesrapport: a frozen copy of what it showed; re-publishing adds a version."""

    __tablename__ = "publication"
    __table_args__ = (UniqueConstraint("year", "version"),)
    id: int | None = Field(default=None, primary_key=True)
    year: int
    version: int
    published_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    published_by: str = Field(default="", max_length=200)
    checksum: str = Field(default="", max_length=64)
    content: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # the Excel file's value sheet as it was at publishing: every approved value of the year with its breakdowns
    # and provenance, gzipped JSON (report.published_values); none for a version published before it was kept
    value_rows: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))


class MeetingNote(SQLModel, table=True):
    """Notes and decisions of a steering-group meeting about one goal (0 = the whole plan)."""

    __tablename__ = "meeting_note"
    __table_args__ = (Index("ix_meeting_note_goal", "goal_number", "meeting_date"),)
    id: int | None = Field(default=None, primary_key=True)
    meeting_date: str = Field(max_length=10)  # ISO date of the meeting
    year: int  # the reporting year under review
    goal_number: int
    notes: str = Field(default="", sa_type=Text)
    decisions: str = Field(default="", sa_type=Text)
    author: str = Field(default="", max_length=200)
    saved_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))


class ReportAnalysis(SQLModel, table=True):
    """A Samordnare's written analysis of one goal (0 = the county summary) in a year's lägesrapport; every save
    adds a row, so earlier texts stay as history."""

    __tablename__ = "report_analysis"
    __table_args__ = (Index("ix_report_analysis_year_goal", "year", "goal_number"),)
    id: int | None = Field(default=None, primary_key=True)
    year: int
    goal_number: int
    text: str = Field(default="", sa_type=Text)
    author: str = Field(default="", max_length=200)
    saved_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))


class ComparisonGroup(SQLModel, table=True):
    """A person's named group of municipalities on Kommuner, saved for reuse (issue 20)."""

    __tablename__ = "comparison_group"
    __table_args__ = (UniqueConstraint("user_name", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    user_name: str = Field(max_length=200, index=True)
    name: str = Field(max_length=60)
    area_codes: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
