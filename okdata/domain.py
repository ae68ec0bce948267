"""The vocabulary of okdata: one typed name for each state, role and kind, from the store to the page.

Stored values are these codes (stable, English, never shown); what people read is their Swedish label in
`okdata.texts`. A value read from a file or typed at the command line is turned into a code where it enters
(`from_label`), and back into a label only where it is shown. The frozen records settle the two identities an
indicator, a measure and an agency have: `id`, the database key, and `code`, the catalog's name for it (`2.4a`,
`2.4`, `POL`).
"""

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """What a person may do (auth.PAGE_ROLES, scope.scope_for)."""

    READER = "reader"  # Läsare: the steering group, approved figures
    REPORTER = "reporter"  # Rapportör: one agency's returns
    COORDINATOR = "coordinator"  # Samordnare: Länsstyrelsen, everything but accounts
    ADMIN = "admin"  # Administratör: accounts


class BatchKind(StrEnum):
    """Where a batch of values came from."""

    UPLOAD = "upload"
    SAMPLE = "sample"
    REFERENCE = "reference"
    EDIT = "edit"


class BatchStatus(StrEnum):
    """Where an upload stands (README, "Godkännande")."""

    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    ROLLED_BACK = "rolled_back"
    REPLACED = "replaced"  # by a later upload of the same agency and year while it awaited review


LIVE = (BatchStatus.SUBMITTED, BatchStatus.APPROVED)  # batches whose rows count (current or approved)


class ChangeVerdict(StrEnum):
    """What a change since last year means given the indicator's direction (progress.change_verdict)."""

    BETTER = "better"
    WORSE = "worse"
    NOISE = "noise"  # within sampling noise by the method's test
    UNTESTED_BETTER = "untested_better"  # no noise test for the kind (rates, indexes)
    UNTESTED_WORSE = "untested_worse"
    UNDIRECTED = "undirected"  # the indicator has no direction


class ReportingState(StrEnum):
    """Where an agency's return for a year stands, from its uploads."""

    NOT_STARTED = "not_started"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class Implementation(StrEnum):
    """A measure's reported implementation status, in the order of the return's list."""

    NOT_STARTED = "not_started"
    ONGOING = "ongoing"
    DONE = "done"
    DELAYED = "delayed"
    CANCELLED = "cancelled"


ATTENTION = (Implementation.DELAYED, Implementation.CANCELLED)  # reported states the steering group looks at


class MeasureState(StrEnum):
    """A measure's implementation for a year, combined from its responsible agencies' reports
    (progress.measure_state; the rule and its reasons in docs/metod.md). The codes it shares with Implementation
    are the same strings."""

    NOT_REPORTED = "not_reported"  # no responsible agency has reported
    NOT_STARTED = "not_started"
    ONGOING = "ongoing"
    DONE = "done"
    DELAYED = "delayed"
    CANCELLED = "cancelled"


class ProgressStatus(StrEnum):
    """A series' status by the progress method (docs/metod.md), best first; the last two are not assessments."""

    TARGET_REACHED = "target_reached"
    ON_TRACK = "on_track"
    SIGNIFICANT = "significant"
    TOO_SLOW = "too_slow"
    MODERATE = "moderate"
    LIMITED = "limited"
    NO_CERTAIN_CHANGE = "no_certain"
    WORSE = "worse"
    INSUFFICIENT = "insufficient"
    NOT_ASSESSED = "not_assessed"


class IndicatorKind(StrEnum):
    """What an indicator's values are."""

    COUNT = "count"
    SHARE = "share"
    RATE = "rate"  # per 100 000 inhabitants
    INDEX = "index"
    MILESTONE = "milestone"  # Ja/Nej
    DESCRIPTIVE = "descriptive"  # text


QUANTITATIVE = (IndicatorKind.COUNT, IndicatorKind.SHARE, IndicatorKind.RATE, IndicatorKind.INDEX)
NOT_QUANTITATIVE = (IndicatorKind.MILESTONE, IndicatorKind.DESCRIPTIVE)  # answered Ja/Nej or in text


class Dimension(StrEnum):
    """A breakdown an indicator may have."""

    VIOLENCE_TYPE = "violence_type"
    AREA = "area"
    GROUP = "group"
    CATEGORY = "category"


class PopulationMethod(StrEnum):
    """How a municipality's population for a year was had (okdata.population.fill)."""

    PUBLISHED = "published"  # SCB's figure
    INTERPOLATED = "interpolated"  # linear between two published years
    CARRIED = "carried"  # the nearest published year's, carried forward or back


class Frequency(StrEnum):
    """How often a measure or indicator is followed up."""

    YEARLY = "yearly"
    PLAN_END = "plan_end"  # at the end of the plan period


@dataclass(frozen=True)
class AgencyRef:
    """A reporting party: `id` is the database key, `code` the catalog's (POL, K0127)."""

    id: int
    code: str
    name: str
    short_name: str
    kind: str
    is_party: bool
    area_code: str | None = None
    parent_code: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeasureRef:
    """A measure (åtgärd) of the plan: `id` is the database key, `code` the plan's (2.4)."""

    id: int
    code: str
    goal: int
    text: str
    agencies: str = ""  # the responsible agencies' short names, joined, in the plan's order
    agency_codes: tuple[str, ...] = ()  # their codes, in the same order
    frequency: Frequency = Frequency.YEARLY


@dataclass(frozen=True)
class IndicatorRef:
    """An indicator: `id` is the database key, `code` the catalog's (2.4a, R3.1); `measure` is its measure's code
    ("" for a goal-level regional indicator)."""

    id: int
    code: str
    goal: int
    measure: str
    name: str
    kind: IndicatorKind
    unit: str = ""
    direction: int = 0  # +1 higher is better, -1 lower is better, 0 neither
    target_value: float | None = None
    target_year: int | None = None
    breakdowns: tuple[Dimension, ...] = ()
    categories: tuple[str, ...] = field(default=())
    frequency: Frequency = Frequency.YEARLY
    is_development: bool = False
    retired: bool = False
    per_capita: bool = False  # a count of people or events in the population: may be shown per 100 000


class Result(StrEnum):
    """What a person's action came to: every action ends in one of these, and the page says which."""

    DONE = "done"  # something changed
    REFUSED = "refused"  # not allowed or not valid: nothing changed, the message says why
    NOTHING = "nothing"  # already so, or someone got there first: nothing changed, the message says why


@dataclass(frozen=True)
class Outcome:
    """An action's result with its stable `code` (tests and the command line read it) and the Swedish `message`
    shown to the person who acted; `value` is what the action made or counted, when there is one."""

    result: Result
    code: str
    message: str
    value: object = None

    @property
    def ok(self) -> bool:
        return self.result == Result.DONE


def outcome(result: Result, action: str, code: str, value: object = None, /, **facts) -> Outcome:
    """The outcome of `action` with its message from texts.OUTCOMES[action][code], filled in with `facts`."""
    from okdata import texts  # texts keys its labels with this module's enums: imported when used

    return Outcome(result, code, texts.OUTCOMES[action][code].format(**facts), value)
