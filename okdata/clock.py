"""Time in Sweden: every time shown (a saved return, an event in the log, a saved note) and every day that decides
something (a reporting year's last day, "today") is Swedish time, whatever the server's own zone; times are stored
in UTC."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

SWEDEN = ZoneInfo("Europe/Stockholm")


def aware(moment: datetime | None) -> datetime | None:
    """A stored moment with its time zone: one without a zone is UTC, as SQLite gives it back (None stays None)."""
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=UTC)


def in_sweden(moment: datetime) -> datetime:
    """A stored moment in Swedish time."""
    return aware(moment).astimezone(SWEDEN)


def today(now: datetime | None = None) -> date:
    """Today's date in Sweden (at `now`, by default now)."""
    return in_sweden(now or datetime.now(UTC)).date()


def start_of(day: date) -> datetime:
    """The first moment of a day in Sweden, in UTC (what stored times are compared with)."""
    return datetime.combine(day, time.min, tzinfo=SWEDEN).astimezone(UTC)
