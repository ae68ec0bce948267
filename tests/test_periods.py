"""Test that the year belongs to the return: opened years only, locked after the deadline or a publication
unless reopened, and every lock and reopening logged (issue 13, item 3)."""

from datetime import date

import pytest
from sqlalchemy import func, select

from okdata import db, texts
from okdata.auth import Actor, audit_frame
from okdata.catalog import find_agency
from okdata.domain import Role
from okdata.models import ImportBatch, Publication
from okdata.periods import open_reporting_year, reopen_year, report_year, reporting_years, year_state
from okdata.returns import check_return, save_return, save_upload, warnings_said
from okdata.scope import scope_for
from okdata.template import build_template
from tests.return_corpus import _redate, _variant

COORD = Actor("anna", "Anna Andersson", Role.COORDINATOR)
DEADLINE = date(2026, 3, 31)


@pytest.fixture
def kvv(empty_url):
    with db.session(empty_url) as s:
        open_reporting_year(s, COORD, 2025, DEADLINE)
        agency = find_agency(s, "KVV")
        template = build_template(s, agency, 2025).content
    return Actor("karin", "Karin", Role.REPORTER, agency.id, agency.code, agency.name), _variant(template, None)


def _save(url, data, actor, today, year=None):
    with db.session(url) as s:
        return save_return(s, data, "kvv.xlsx", None, actor, today=today, year=year)


def _uploads(url) -> int:
    with db.read_session(url) as s:
        return s.scalar(select(func.count()).select_from(ImportBatch).where(ImportBatch.kind == "upload"))


def test_a_reporter_can_save_until_the_deadline_and_not_after(kvv, empty_url):
    reporter, data = kvv
    late = _save(empty_url, data, reporter, date(2026, 4, 1))
    assert late.outcome == "errors" and [p.code for p in late.check.problems] == ["AR_LAST"]
    assert "sista dag för inrapportering var 2026-03-31" in late.check.problems[0].message
    assert _uploads(empty_url) == 0
    assert _save(empty_url, data, reporter, DEADLINE).outcome == "saved"


def test_a_coordinator_may_save_into_a_locked_year_after_confirming_and_the_log_says_it_was_locked(kvv, empty_url):
    _, data = kvv
    result = _save(empty_url, data, COORD, date(2026, 5, 1))
    assert result.outcome == "saved"
    assert [p.code for p in result.check.warnings] == ["AR_LAST_SAMORDNARE"]
    with db.read_session(empty_url) as s:
        upload = audit_frame(s, scope_for(COORD), action="upload").iloc[0]
    assert "sista dag" in upload.after["locked_year"]


@pytest.mark.parametrize("who", ["reporter", "coordinator"])
def test_a_return_previewed_on_the_last_day_and_saved_after_midnight_meets_the_lock(kvv, empty_url, who):
    """Test that the lock is checked again when the preview is saved: a preview made on the deadline and saved the
    next day (the page's Spara, through save_upload with the preview's check) was saved into the locked year,
    because only the data version was compared and a deadline passing writes nothing. A Rapportör now gets
    AR_LAST, a Samordnare the warning to confirm (the outcome "recheck"); nothing is saved."""
    reporter, data = kvv
    actor = reporter if who == "reporter" else COORD
    with db.read_session(empty_url) as s:
        preview = check_return(s, data, "kvv.xlsx", None, actor=actor, today=DEADLINE)
    assert not preview.errors and not preview.warnings
    late = save_upload(empty_url, data, "kvv.xlsx", None, actor, today=date(2026, 4, 1), check=preview,
                       confirmed=warnings_said(preview))
    if who == "reporter":
        assert late.outcome == "errors" and [p.code for p in late.check.errors] == ["AR_LAST"]
    else:
        assert late.outcome == "recheck" and [p.code for p in late.check.warnings] == ["AR_LAST_SAMORDNARE"]
    assert _uploads(empty_url) == 0


def test_a_year_that_is_not_opened_takes_no_return(empty_url):
    with db.read_session(empty_url) as s:
        agency = find_agency(s, "KVV")
        template = build_template(s, agency, 2025).content
    data = _variant(template, _redate(2023, about=True))
    result = _save(empty_url, data, COORD, date(2026, 5, 1))
    # 2023 is before the plan period; a plan year nobody opened:
    assert [p.code for p in result.check.problems] == ["AR_UTANFOR_PLAN"]
    with db.session(empty_url) as s:
        template = build_template(s, agency, 2026).content
    data = _variant(template, _redate(2026, about=True))
    result = _save(empty_url, data, COORD, date(2026, 11, 24))
    assert [p.code for p in result.check.problems] == ["AR_EJ_OPPNAT"]


def test_a_published_lagesrapport_locks_its_year_and_a_reopening_unlocks_it_until_the_day_given(kvv, empty_url):
    reporter, data = kvv
    with db.session(empty_url) as s:
        s.add(Publication(year=2025, version=1, published_by="anna", content={}))
    before_deadline = date(2026, 3, 1)
    with db.read_session(empty_url) as s:
        state = year_state(s, 2025, before_deadline)
    assert state.lock == "published" and "lägesrapporten för året publicerades" in state.why
    assert [p.code for p in _save(empty_url, data, reporter, before_deadline).check.problems] == ["AR_LAST"]
    with db.session(empty_url) as s:
        with pytest.raises(ValueError, match="Skriv varför"):
            reopen_year(s, COORD, 2025, date(2026, 3, 10), "", today=before_deadline)
        reopen_year(s, COORD, 2025, date(2026, 3, 10), "Polisen rättar 3.6a", today=before_deadline)
    assert _save(empty_url, data, reporter, before_deadline).outcome == "saved"
    with db.read_session(empty_url) as s:
        assert year_state(s, 2025, date(2026, 3, 11)).lock == "published"
        log = audit_frame(s, scope_for(COORD), action="year_reopen")
    assert len(log) == 1 and log.iloc[0].after == {"reopened_until": "2026-03-10", "reason": "Polisen rättar 3.6a"}


def test_a_reopening_after_the_deadline_lets_a_reporter_correct_and_then_the_year_locks_again(kvv, empty_url):
    reporter, data = kvv
    with db.session(empty_url) as s:
        reopen_year(s, COORD, 2025, date(2026, 6, 30), "Sen komplettering", today=date(2026, 5, 1))
    assert _save(empty_url, data, reporter, date(2026, 6, 30)).outcome == "saved"
    with db.read_session(empty_url) as s:
        assert year_state(s, 2025, date(2026, 7, 1)).lock == "deadline"


def test_the_year_chosen_at_upload_must_be_the_templates(kvv, empty_url):
    reporter, data = kvv
    result = _save(empty_url, data, reporter, DEADLINE, year=2024)
    assert [p.key() for p in result.check.problems] == [("Om filen", None, "", "AR_FIL_OLIKA")]
    assert "mall för 2025 men laddas upp för 2024" in result.check.problems[0].message


@pytest.mark.cli
def test_the_command_line_opens_and_reopens_years(empty_url):
    from tests.db_support import run as cli

    r = cli("year", "open", "2026", "--deadline", "2027-03-31", url=empty_url)
    assert r.returncode == 0 and "2026" in r.stdout
    assert cli("year", "reopen", "2026", "--until", "2027-04-30", url=empty_url).returncode == 1  # no reason
    r = cli("year", "reopen", "2026", "--until", "2099-04-30", "--reason", "komplettering", url=empty_url)
    assert r.returncode == 0
    assert cli("year", "open", "2026", "--deadline", "inte-ett-datum", url=empty_url).returncode == 2
    r = cli("year", "list", "--format", "json", url=empty_url)
    assert r.returncode == 0 and '"year": 2026' in r.stdout and "Öppnat igen" in r.stdout


def test_the_catalog_page_reopens_a_locked_year_and_shows_its_state(sample_url):
    from tests.apptest_support import COORDINATOR as DEMO_COORD
    from tests.apptest_support import open_page

    at = open_page("pages/8_Katalog.py", DEMO_COORD)
    states = at.dataframe[-1].value
    year, state = texts.REPORTING_YEAR_COLUMNS["year"], texts.REPORTING_YEAR_COLUMNS["state"]
    # The sample has published lägesrapport 2024, which locks the year as its passed deadline does.
    assert states[states[year] == 2024][state].iloc[0].startswith("Låst: lägesrapporten för året publicerades")
    at.number_input(key="reopen_year").set_value(2024)
    at.date_input(key="reopen_until").set_value(date(2027, 6, 30))
    at.button(key="reopen_save").click().run()
    assert any("Skriv varför" in e.value for e in at.error)
    at.date_input(key="reopen_until").set_value(date(2027, 6, 30))
    at.text_input(key="reopen_reason").input("Polisen kompletterar 3.6a")
    at.button(key="reopen_save").click().run()
    assert any("öppnat igen till och med 2027-06-30" in s.value.replace("\\", "") for s in at.success)
    with db.read_session(sample_url) as s:
        assert year_state(s, 2024).reopened_until == date(2027, 6, 30)


def test_the_report_pages_start_on_the_last_whole_reporting_year(empty_url):
    """Test that Lägesrapport, Mötesläge and Myndigheter start on the year before the current one (whose returns
    are in) and on the current year when the plan has no other yet (one rule, okdata.periods.report_year); once
    the plan has ended, on its last year. In March 2028 they started on 2026, the second of 2027–2024: the rule
    took the second year of the list, which is the year before the current one only while the plan runs."""
    with db.read_session(empty_url) as s:
        for today, years, start in ((date(2026, 3, 1), [2026, 2025, 2024], 2025), (date(2024, 3, 1), [2024], 2024),
                                    (date(2028, 3, 1), [2027, 2026, 2025, 2024], 2027),
                                    (date(2031, 1, 2), [2027, 2026, 2025, 2024], 2027)):
            assert reporting_years(s, today=today) == years
            assert report_year(years, today) == start, today
    # Rapporteringsläge's years hold a year opened ahead: in December 2026 the last whole year is still 2025
    assert report_year([2027, 2026, 2025, 2024], date(2026, 12, 5)) == 2025
    assert report_year([2028], date(2026, 12, 5)) == 2028  # a plan that has not begun: its first year


def test_after_the_plan_has_ended_the_report_pages_open_on_its_last_year(sample_url, monkeypatch):
    """Test that in March 2028, the plan 2024–2027 ended and its last returns in, Lägesrapport, Mötesläge and
    Myndigheter open on 2027 (they opened on 2026, and the final lägesrapport would have been drafted for it)."""
    from okdata import clock
    from tests.apptest_support import COORDINATOR, app

    monkeypatch.setattr(clock, "today", lambda now=None: date(2028, 3, 1))
    for script, key in (("pages/12_Lagesrapport.py", "rep_year_pick"), ("pages/11_Mote.py", "meet_year"),
                        ("pages/2_Myndigheter.py", "ag_year")):
        at = app(COORDINATOR)
        at.run()
        at.switch_page(script)
        at.query_params.clear()  # opened from the menu, whose links carry no year
        at.run()
        assert not at.exception, at.exception
        assert int(at.selectbox(key=key).value) == 2027, script


def test_a_year_outside_every_plan_period_cannot_be_opened(empty_url):
    """Test that opening 2099 or 2019 (no plan period holds them) is refused in Swedish and writes nothing: both
    were opened, the Katalog page's year field allowing 2024–2100 and the command line any year, and listed as
    open reporting years that no return could ever be made for (the check refuses a return outside the plan)."""
    from okdata.models import ReportingYear

    with db.read_session(empty_url) as s:
        opened = s.scalars(select(ReportingYear.year)).all()
    for year in (2099, 2019):
        with db.session(empty_url) as s, pytest.raises(ValueError) as refused:
            open_reporting_year(s, COORD, year, date(year + 1, 3, 31))
        assert str(refused.value) == texts.PERIODS["outside_plan"].format(year=year, start=2024, end=2027)
    with db.read_session(empty_url) as s:
        assert s.scalars(select(ReportingYear.year)).all() == opened
    with db.session(empty_url) as s:
        assert open_reporting_year(s, COORD, 2027, date(2028, 3, 31)).ok  # a year of the plan opens


def test_the_year_field_offers_the_plan_periods_years_only(empty_url):
    """Test that the Katalog page's year fields run over the plan period (2024–2027) and start on this year and last
    year, kept within it after the plan has ended."""
    from okdata.periods import YearField, year_field

    with db.read_session(empty_url) as s:
        assert year_field(s, date(2026, 12, 1)) == YearField(2024, 2027, 2026, 2025)
        assert year_field(s, date(2031, 1, 10)) == YearField(2024, 2027, 2027, 2027)


@pytest.mark.cli
def test_no_template_is_written_for_a_year_outside_every_plan_period(empty_url, tmp_path):
    """Test that the command line refuses a template (and the example returns) for 2099 in Swedish (exit 2) and
    writes nothing: it wrote one (the current plan's catalog under the year 2099) that no return could be made
    from, the check refusing the year; a year of the plan still gets its template."""
    from tests.db_support import run

    out = tmp_path / "mall.xlsx"
    r = run("template", "--agency", "POL", "--year", "2099", "--out", str(out), url=empty_url)
    assert r.returncode == 2 and not out.exists()
    assert texts.PERIODS["outside_plan"].format(year=2099, start=2024, end=2027) in r.stderr
    assert run("template", "--agency", "POL", "--year", "2027", "--out", str(out), url=empty_url).returncode == 0
    assert out.exists()
    examples = run("examples", "--year", "2099", "--out", str(tmp_path / "exempel"), url=empty_url)
    assert examples.returncode == 2 and "2099" in examples.stderr and not (tmp_path / "exempel").exists()


def test_a_reporter_cannot_undo_a_return_once_its_year_is_locked(kvv, empty_url):
    """Undo was not checked against the year's lock: after the deadline a Rapportör, who may no longer send a return
    for the year, could still undo the one waiting for review (and bring back the returns it had replaced)."""
    from okdata.history import rollback

    reporter, data = kvv
    batch = _save(empty_url, data, reporter, DEADLINE).batch_id
    with db.session(empty_url) as s:
        refused = rollback(s, batch, reporter)  # today: after 2026-03-31
    assert refused.code == "year_locked", refused
    assert "2025 är låst" in refused.message and "sista dag för inrapportering var 2026-03-31" in refused.message
    assert "Ingenting ändrades" in refused.message
    with db.read_session(empty_url) as s:
        assert s.get(ImportBatch, batch).status == "submitted"
    with db.session(empty_url) as s:
        assert rollback(s, batch, reporter, today=DEADLINE).code == "ok"


def test_a_coordinators_undo_in_a_published_year_says_so_and_the_log_says_it_was_locked(kvv, empty_url):
    """A Samordnare may change a locked year (as when saving into it), and the log says the year was locked; undo
    said nothing of the lock and its log entry did not record it."""
    from okdata.history import rollback

    _, data = kvv
    batch = _save(empty_url, data, COORD, DEADLINE).batch_id
    with db.session(empty_url) as s:
        s.add(Publication(year=2025, version=1, published_by="anna", content={}))
        s.flush()
        done = rollback(s, batch, COORD)
    assert done.code == "ok_locked", done
    assert "2025 var låst" in done.message and "publicerades" in done.message, done.message
    with db.read_session(empty_url) as s:
        entry = audit_frame(s, scope_for(COORD), action="rollback").iloc[0]
    assert "publicerades" in entry.after["locked_year"]


def test_historik_says_before_an_undo_that_the_returns_year_is_locked(sample_url):
    """The sample has published lägesrapport 2024: undoing one of its 2024 returns changes a locked year."""
    from tests.apptest_support import COORDINATOR as DEMO_COORD
    from tests.apptest_support import open_page

    with db.read_session(sample_url) as s:
        batch = s.scalar(select(ImportBatch.id).where(ImportBatch.kind == "upload", ImportBatch.year == 2024,
                                                      ImportBatch.status == "approved").limit(1))
    at = open_page("pages/6_Historik.py", user=DEMO_COORD, nr=batch)
    said = " ".join(w.value for w in at.warning)
    assert "2024 är låst" in said and "publicerades" in said, said
    at.checkbox(key=f"hist_undo_confirm_{batch}").check().run()
    at.button(key=f"hist_undo_{batch}").click().run()
    assert not at.exception
    assert "2024 var låst" in " ".join(x.value for x in at.success), [x.value for x in at.success]


def test_historik_offers_a_reporter_no_undo_once_the_returns_year_is_locked_and_says_why(sample_url):
    from okdata.auth import actor_for
    from tests.apptest_support import REPORTER_KVV, open_page
    from tests.hostile import kvv_return

    with db.session(sample_url) as s:
        saved = save_return(s, kvv_return("Kommentar", "Beskrivning"), "kvv.xlsx", None, actor_for(s, REPORTER_KVV))
        assert saved.outcome == "saved", saved.check.problems
        waiting = saved.batch_id
        year = s.get(ImportBatch, waiting).year
    at = open_page("pages/6_Historik.py", user=REPORTER_KVV, nr=waiting)
    assert [b for b in at.button if b.key == f"hist_undo_{waiting}"]  # open: the reporter may undo it
    with db.session(sample_url) as s:
        s.add(Publication(year=year, version=9, published_by="anna", content={}))  # published: the year is locked
    at = open_page("pages/6_Historik.py", user=REPORTER_KVV, nr=waiting)
    assert not [b for b in at.button if b.key == f"hist_undo_{waiting}"]
    said = " ".join(x.value for x in at.info)
    assert f"{year} är låst" in said and f"nr {waiting} kan inte ångras" in said, said


def test_approving_a_return_after_its_years_lagesrapport_was_published_says_so_and_is_logged_as_locked(kvv,
                                                                                                       empty_url):
    """Approving changes what the views show for the year; once its lägesrapport is published that is a change to
    a locked year, as a save or an undo there is, but the approval said only "syns nu i vyerna" and its log entry
    did not record the lock."""
    from okdata.review import review

    reporter, data = kvv
    batch = _save(empty_url, data, reporter, DEADLINE).batch_id
    with db.session(empty_url) as s:
        s.add(Publication(year=2025, version=1, published_by="anna", content={}))
        s.flush()
        said = review(s, batch, COORD, approve=True)
    assert said.code == "ok_published", said
    assert "publicerad" in said.message and "Lägesrapport" in said.message, said.message
    with db.read_session(empty_url) as s:
        entry = audit_frame(s, scope_for(COORD), action="approve").iloc[0]
    assert "publicerades" in entry.after["locked_year"]


@pytest.mark.cli
def test_the_command_line_refuses_a_reporters_undo_in_a_locked_year_with_exit_code_1(sample_url):
    from okdata.auth import actor_for
    from tests.apptest_support import REPORTER_KVV
    from tests.db_support import run
    from tests.hostile import kvv_return

    with db.session(sample_url) as s:
        saved = save_return(s, kvv_return("Kommentar", "Beskrivning"), "kvv.xlsx", None, actor_for(s, REPORTER_KVV))
        assert saved.outcome == "saved", saved.check.problems
        s.add(Publication(year=saved.check.year, version=9, published_by="anna", content={}))
    r = run("rollback", str(saved.batch_id), "--user", REPORTER_KVV, url=sample_url)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "kan inte ångras längre" in r.stderr and "Ingenting ändrades" in r.stderr, r.stderr
    with db.read_session(sample_url) as s:
        assert s.get(ImportBatch, saved.batch_id).status == "submitted"


def test_opening_a_year_refuses_a_deadline_before_the_years_end_and_says_when_a_publication_still_locks_it(
        empty_url):
    """An audit: `year open 2026 --deadline 2019-01-01` answered "Rapporteringsår 2026 är öppet med sista dag
    2019-01-01" (the year was then locked); and a new deadline for a published year said "är öppet" while the
    publication kept it locked."""
    with db.session(empty_url) as s:
        with pytest.raises(ValueError, match="2019-01-01"):
            open_reporting_year(s, COORD, 2026, date(2019, 1, 1))
        assert open_reporting_year(s, COORD, 2026, date(2026, 12, 31)).ok  # the year's last day: the earliest
    with db.session(empty_url) as s:
        s.add(Publication(year=2025, version=1, published_by="anna", content={}))
    with db.session(empty_url) as s:
        moved = open_reporting_year(s, COORD, 2025, date(2027, 3, 31))
    assert moved.ok and "låst" in moved.message and "Öppna året igen" in moved.message, moved.message
    assert "year reopen" in moved.message
