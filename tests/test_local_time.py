"""Times are shown in Swedish time (issue found on screen: Historik, Granska, Myndigheter, Logg, Katalog's revisions,
the export and the saved notes said UTC, an hour or two behind the clock of the person who saved), and a reporting
year's deadline ends at midnight in Sweden."""

from datetime import UTC, date, datetime

from sqlalchemy import text, update

from okdata import clock, db, texts
from okdata.analysis import COUNTY, save_analysis
from okdata.auth import actor_for
from okdata.formatting import fmt_time
from okdata.models import AuditEvent, ImportBatch, Publication, ReportAnalysis
from okdata.report import publish
from okdata.returns import save_return
from tests.apptest_support import COORDINATOR, open_page
from tests.test_pages_returns import ROOT

SUMMER, WINTER = datetime(2026, 6, 15, 10, 5, tzinfo=UTC), datetime(2026, 1, 15, 10, 5, tzinfo=UTC)


def test_a_time_is_written_in_swedish_time_summer_and_winter():
    assert fmt_time(SUMMER) == "2026-06-15 12:05" and fmt_time(WINTER) == "2026-01-15 11:05"
    assert fmt_time(SUMMER.replace(tzinfo=None)) == "2026-06-15 12:05"  # SQLite gives back UTC without its zone
    assert fmt_time(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == "2027-01-01 00:30"
    assert fmt_time(SUMMER, seconds=True) == "2026-06-15 12:05:00" and fmt_time(None) == texts.MISSING


def test_the_pages_show_when_a_return_was_saved_and_an_event_happened_in_swedish_time(sample_url):
    data = (ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx").read_bytes()
    with db.session(sample_url) as s:
        batch = save_return(s, data, "exempel_Kriminalvarden_2025.xlsx", None).batch_id
        s.execute(update(ImportBatch).where(ImportBatch.id == batch).values(created_at=SUMMER))
    at = open_page("pages/6_Historik.py", COORDINATOR, nr=batch)
    listing = at.dataframe[0].value
    assert listing.iloc[0][texts.BATCH_COLUMNS["created_at"]] == "2026-06-15 12:05"
    assert any(o.endswith("2026-06-15 12:05") for o in at.selectbox(key="hist_batch").options)
    at = open_page("pages/2_Myndigheter.py", COORDINATOR, myndighet="KVV", ar=2025)
    assert any("2026-06-15 12:05" in c.value for c in at.caption), [c.value for c in at.caption]
    with db.session(sample_url) as s:
        assert publish(s, actor_for(s, "demo-samordnare"), 2025, early=True)
        s.execute(update(Publication).values(published_at=SUMMER))
        assert save_analysis(s, actor_for(s, "demo-samordnare"), 2025, COUNTY, "Länet i korthet.").ok
        s.execute(update(ReportAnalysis).values(saved_at=SUMMER))
        s.execute(update(AuditEvent).values(at=WINTER))
    at = open_page("pages/12_Lagesrapport.py", COORDINATOR, ar=2025)
    published = next(d.value for d in at.dataframe if "Publicerad" in d.value.columns)
    assert set(published["Publicerad"]) == {"2026-06-15 12:05"}
    versions = next(d.value for d in at.dataframe if "Sparad" in d.value.columns)
    assert set(versions["Sparad"]) == {"2026-06-15 12:05"}
    at = open_page("pages/9_Logg.py", COORDINATOR)
    log = at.dataframe[0].value
    assert "Tid" in log.columns and set(log["Tid"].head(3)) == {"2026-01-15 11:05:00"}


def test_a_reporting_year_closes_at_midnight_in_sweden(sample_url):
    from okdata.periods import open_reporting_year, year_state

    with db.session(sample_url) as s:
        coordinator = actor_for(s, "demo-samordnare")
        assert open_reporting_year(s, coordinator, 2026, date(2027, 3, 31)).ok
    # 00:30 on 1 April in Sweden (summer time, UTC+2) is 22:30 UTC on 31 March: the day in Sweden decides
    before, after = datetime(2027, 3, 31, 21, 30, tzinfo=UTC), datetime(2027, 3, 31, 22, 30, tzinfo=UTC)
    assert (clock.today(before), clock.today(after)) == (date(2027, 3, 31), date(2027, 4, 1))
    with db.read_session(sample_url) as s:
        assert year_state(s, 2026, clock.today(before)).lock == ""
        assert year_state(s, 2026, clock.today(after)).lock == "deadline"


def test_a_return_sent_after_midnight_in_sweden_is_a_day_late():
    """The day a return arrived is its day in Sweden: 00:30 on 1 April (22:30 UTC on 31 March) is after a
    31 March deadline, and 23:30 on 31 March (21:30 UTC) is on time."""
    from okdata.completeness import agency_state

    deadline, today = date(2027, 3, 31), date(2027, 4, 10)
    after = datetime(2027, 3, 31, 22, 30, tzinfo=UTC)
    before = datetime(2027, 3, 31, 21, 30)  # as SQLite gives it back: UTC without its zone
    assert agency_state("A", 10, {"submitted": (1, after, after)}, deadline, today).days_late == 1
    assert agency_state("B", 10, {"submitted": (1, before, before)}, deadline, today).days_late is None


def test_a_deadline_is_the_day_it_was_set_to_whatever_time_zone_the_database_reads_in(sample_url):
    """A last day is stored as 23:59 UTC that day; PostgreSQL gives a stored time back in its session's time zone,
    and a server set to Swedish time read 31 March as 1 April (01:59 there). Read on a connection in Swedish time
    (PostgreSQL; on SQLite the time comes back without a zone)."""
    from okdata.periods import deadline_of, open_reporting_year, reopen_year, year_state

    url = sample_url
    if url.startswith("postgresql"):
        url += ("&" if "?" in url else "?") + "options=-c%20timezone%3DEurope%2FStockholm"
    with db.session(url) as s:
        coordinator = actor_for(s, "demo-samordnare")
        assert open_reporting_year(s, coordinator, 2026, date(2027, 3, 31)).ok
        assert reopen_year(s, coordinator, 2026, date(2027, 4, 30), "Sent underlag", today=date(2027, 4, 5)).ok
    with db.read_session(url) as s:
        if url.startswith("postgresql"):
            assert s.execute(text("SHOW timezone")).scalar() == "Europe/Stockholm"
        assert deadline_of(s, 2026) == date(2027, 3, 31)
        state = year_state(s, 2026, date(2027, 4, 10))
        assert (state.deadline, state.reopened_until) == (date(2027, 3, 31), date(2027, 4, 30))
    db.get_engine(url).dispose()
