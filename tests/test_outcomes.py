"""Test that every action on a page says what happened: done, refused with the reason, or nothing to do."""

from datetime import date

import pytest

from okdata import db
from okdata.auth import actor_for
from okdata.catalog_edits import edit_indicator
from okdata.history import rollback
from okdata.returns import save_return
from okdata.review import review
from tests.apptest_support import COORDINATOR, REPORTER_KVV, open_page

KVV_FILE = db.ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx"
TODAY = date(2026, 11, 24)


def _actor(url, name):
    with db.read_session(url) as s:
        return actor_for(s, name)


def _submit(url, comment: str = "") -> int:
    from tests.hostile import kvv_return

    data = kvv_return(comment, "Beskrivning.") if comment else KVV_FILE.read_bytes()
    with db.session(url) as s:
        r = save_return(s, data, KVV_FILE.name, None, _actor(url, REPORTER_KVV), today=TODAY)
    assert r.outcome == "saved"
    return r.batch_id


def _messages(at) -> str:
    return " ".join(x.value for x in [*at.success, *at.info, *at.warning, *at.error])


def test_approving_a_batch_that_was_just_undone_says_it_was_undone(sample_url):
    """Test that approving a batch that its reporter undid meanwhile says so instead of showing nothing."""
    batch = _submit(sample_url)
    at = open_page("pages/7_Granska.py", user=COORDINATOR, nr=batch)
    with db.session(sample_url) as s:  # the reporter undoes it while the Samordnare has it open
        assert rollback(s, batch, _actor(sample_url, REPORTER_KVV)).code == "ok"
    at.button(key=f"approve_{batch}").click().run()
    assert not at.exception
    assert f"nr {batch} är ångrad" in _messages(at)
    assert not [b for b in at.button if b.key in (f"approve_{batch}", f"return_{batch}")]


def test_the_review_page_says_when_the_linked_batch_no_longer_waits(sample_url):
    """Test that a link to a batch that was undone or approved says why it is not in the queue."""
    first = _submit(sample_url)
    with db.session(sample_url) as s:
        rollback(s, first, _actor(sample_url, REPORTER_KVV))
    at = open_page("pages/7_Granska.py", user=COORDINATOR, nr=first)
    assert f"nr {first} är ångrad" in _messages(at)
    second = _submit(sample_url, "en annan fil")
    with db.session(sample_url) as s:
        assert review(s, second, _actor(sample_url, COORDINATOR), True).code == "ok"
        assert review(s, second, _actor(sample_url, COORDINATOR), True).code == "already_approved"
    at = open_page("pages/7_Granska.py", user=COORDINATOR, nr=second)
    assert f"nr {second} är redan godkänd" in _messages(at)


def test_undoing_a_batch_that_someone_else_undid_says_so(sample_url):
    """Test that undoing a batch already undone in another session says it is already undone."""
    batch = _submit(sample_url)
    at = open_page("pages/6_Historik.py", user=REPORTER_KVV, nr=batch)
    with db.session(sample_url) as s:
        rollback(s, batch, _actor(sample_url, COORDINATOR))
    at.checkbox(key=f"hist_undo_confirm_{batch}").check().run()  # the page reads the data again: it says so
    assert f"nr {batch} är ångrad" in _messages(at)
    assert not [b for b in at.button if b.key == f"hist_undo_{batch}"]


@pytest.mark.parametrize("meanwhile", ["approved", "undone"])
def test_a_confirmed_undo_of_a_return_approved_or_undone_meanwhile_says_what_happened(sample_url, meanwhile):
    """An audit: the reporter opened Historik, ticked the confirmation, and a Samordnare approved (or undid) the
    return before the click on "Ångra": the click showed nothing at all, only the list with the new state."""
    batch = _submit(sample_url)
    at = open_page("pages/6_Historik.py", user=REPORTER_KVV, nr=batch)
    at.checkbox(key=f"hist_undo_confirm_{batch}").check().run()
    with db.session(sample_url) as s:
        coordinator = _actor(sample_url, COORDINATOR)
        done = review(s, batch, coordinator, True) if meanwhile == "approved" else rollback(s, batch, coordinator)
        assert done.ok
    at.button(key=f"hist_undo_{batch}").click().run()
    assert not at.exception
    said = _messages(at)
    assert f"nr {batch}" in said and "Ingenting ändrades" in said, said
    with db.read_session(sample_url) as s:
        from okdata.models import ImportBatch

        assert s.get(ImportBatch, batch).status == ("approved" if meanwhile == "approved" else "rolled_back")


def test_saving_an_unchanged_indicator_says_nothing_changed(sample_url):
    """Test that saving an indicator's direction and target unchanged says there was nothing to save, and that the
    page's preview of them unchanged says there is no difference and offers no save."""
    with db.session(sample_url) as s:
        assert edit_indicator(s, _actor(sample_url, COORDINATOR), "3.4a", direction=1, target_value=5000,
                              target_year=2027).code == "ok"
        assert edit_indicator(s, _actor(sample_url, COORDINATOR), "3.4a", direction=1, target_value=5000,
                              target_year=2027).code == "unchanged"
    at = open_page("pages/8_Katalog.py", user=COORDINATOR, indikator="3.4a")
    at.button(key="cat_preview").click().run()
    assert "ingen skillnad" in _messages(at).lower() and "cat_save" not in {b.key for b in at.button}


def test_saving_a_user_unchanged_says_nothing_changed(sample_url):
    """Test that the user form saved without a change says there was nothing to change."""
    at = open_page("pages/10_Anvandare.py", user="demo-admin")
    form = [b for b in at.button if "Spara ändringen" in b.label or "Uppdatera" in b.label]
    assert form, [b.label for b in at.button]
    form[0].click().run()
    assert "ingenting ändrades" in _messages(at).lower()


@pytest.mark.cli
def test_the_command_line_says_when_a_batch_no_longer_waits_for_review(sample_url):
    """Test that `review` of a batch approved or undone meanwhile exits 1 and says which."""
    from tests.db_support import run

    batch = _submit(sample_url)
    assert run("review", str(batch), "--user", COORDINATOR, url=sample_url).returncode == 0
    r = run("review", str(batch), "--user", COORDINATOR, url=sample_url)
    assert r.returncode == 1 and "redan godkänd" in r.stderr
    other = _submit(sample_url, "en annan fil")
    with db.session(sample_url) as s:
        rollback(s, other, _actor(sample_url, REPORTER_KVV))
    r = run("review", str(other), "--return", "skäl", "--user", COORDINATOR, url=sample_url)
    assert r.returncode == 1 and "är ångrad" in r.stderr


def test_returning_without_a_reason_is_refused_in_red_and_changes_nothing(sample_url):
    """Test that a return with an empty reason is shown as refused (an error) and leaves the batch waiting."""
    from okdata.history import batch_status

    batch = _submit(sample_url)
    at = open_page("pages/7_Granska.py", user=COORDINATOR, nr=batch)
    at.button(key=f"return_{batch}").click().run()
    assert not at.exception
    assert ["Skriv ett skäl för återsändningen. Ingenting ändrades."] == [e.value.replace("\\", "") for e in at.error]
    with db.read_session(sample_url) as s:
        assert batch_status(s, batch) == "submitted"


@pytest.mark.cli
def test_the_command_line_exits_1_when_an_action_changes_nothing(empty_url):
    """Test that opening a year with the deadline it already has says nothing changed and exits 1, as a refusal
    does, while the first opening exits 0."""
    from tests.db_support import run

    first = run("year", "open", "2027", "--deadline", "2028-03-31", url=empty_url)
    assert first.returncode == 0 and "2028-03-31" in first.stdout
    again = run("year", "open", "2027", "--deadline", "2028-03-31", url=empty_url)
    assert again.returncode == 1 and "ingenting ändrades" in again.stderr


@pytest.mark.parametrize("nr, said", [
    ("2", "nr 2 är exempeldata och granskas inte"),  # the example data's own batch: it exists
    ("-1", "”-1”"),
    ("99999999999999999999999", "”99999999999999999999999”"),
    ("abc", "”abc”"),
])
def test_a_link_to_a_batch_the_review_page_cannot_review_says_what_it_is(sample_url, nr, said):
    """An audit: Granska ?nr=2 said "Inrapportering nr 2 finns inte." of the example data's batch, ?nr=-1 said
    "nr 0 finns inte", a huge number "nr 2147483647 finns inte", and ?nr=abc nothing at all."""
    at = open_page("pages/7_Granska.py", user=COORDINATOR, nr=nr)
    assert said in _messages(at).replace("\\", ""), _messages(at)  # the quoted link escaped as Markdown
    with db.session(sample_url) as s:
        refused = review(s, 2, _actor(sample_url, COORDINATOR), True)
    assert refused.code == "not_upload" and "exempeldata" in refused.message, refused.message


def test_a_refusal_for_the_role_is_a_sentence_that_says_nothing_changed(sample_url):
    """An audit: `review 48 --user demo-polisen` printed "rollen Rapportör får inte göra detta." (lower case,
    without the "Ingenting ändrades." every other refusal has)."""
    with db.session(sample_url) as s:
        with pytest.raises(PermissionError) as refused:
            review(s, 2, _actor(sample_url, REPORTER_KVV), True)
    assert str(refused.value) == "Rollen Rapportör får inte göra detta. Ingenting ändrades."


def test_after_approving_the_review_page_shows_the_queue_without_it_and_says_what_was_done(sample_url):
    """An audit: after "Godkänn" the green "Inrapportering nr 48 är godkänd …" stood above a queue that still
    listed nr 48 as Inskickad with live buttons, and the next click said "nr 48 är redan godkänd" of one's own
    approval."""
    batch = _submit(sample_url)
    at = open_page("pages/7_Granska.py", user=COORDINATOR, nr=batch)
    at.button(key=f"approve_{batch}").click().run()
    assert not at.exception
    assert f"nr {batch} är godkänd" in _messages(at), _messages(at)
    assert batch not in set(at.dataframe[0].value.iloc[:, 0]) if at.dataframe else True
    assert not [b for b in at.button if b.key in (f"approve_{batch}", f"return_{batch}")]
    assert not [b for b in at.button if b.key.startswith(("approve_", "return_"))]  # none in the clicked one's place
    assert f"nr {batch} är redan godkänd" not in _messages(at)  # one's own approval is not "already" done
    at.button(key="review_next").click().run()  # the next return, opened by choice; nothing said of this one
    assert f"nr {batch}" not in _messages(at), _messages(at)
    assert [b for b in at.button if b.key.startswith("approve_")]


def test_after_undoing_historik_shows_the_return_as_undone_without_the_undo_button(sample_url):
    """The same audit on Historik: after "Ångra" the table still said Godkänd, its values "Visas i vyerna: Ja",
    and the undo button stood beside the success message."""
    batch = _submit(sample_url)
    at = open_page("pages/6_Historik.py", user=REPORTER_KVV, nr=batch)
    at.checkbox(key=f"hist_undo_confirm_{batch}").check().run()
    at.button(key=f"hist_undo_{batch}").click().run()
    assert not at.exception
    assert f"nr {batch} är ångrad" in _messages(at), _messages(at)
    listing = at.dataframe[0].value.set_index(at.dataframe[0].value.columns[0])
    assert listing.loc[batch].iloc[list(listing.columns).index("Status")] == "Ångrad"
    assert not [b for b in at.button if b.key == f"hist_undo_{batch}"]


def test_granska_shows_the_approved_status_a_submitted_one_would_replace(sample_url):
    """An audit: Granska showed a return's measure statuses without the approved status each would replace, so a
    reviewer could not see that 'Genomförd' went back to 'Ej påbörjad'. Now a column beside it; none when no status
    replaces an approved one."""
    from sqlalchemy import select

    from okdata import texts
    from okdata.models import MeasureStatus
    from okdata.store import add_statuses, create_batch

    with db.session(sample_url) as s:
        old = s.scalars(select(MeasureStatus).where(MeasureStatus.is_approved.is_(True),
                                                    MeasureStatus.status != "not_started")
                        .order_by(MeasureStatus.id)).first()
        assert old is not None
        before, key = old.status, {"measure_id": old.measure_id, "agency_id": old.agency_id, "year": old.year}
        batch = create_batch(s, "upload", user_name="demo-samordnare", status="submitted", agency_id=old.agency_id,
                             year=old.year, file_name="status.xlsx")
        add_statuses(s, batch, [{**key, "status": "not_started"}])
        nr = batch.id
    at = open_page("pages/7_Granska.py", COORDINATOR, nr=nr)
    assert not at.exception
    shown = next(t.value for t in at.dataframe if texts.COL_STATUS_BEFORE in t.value.columns)
    row = shown.iloc[0]
    assert row[texts.COL_STATUS_BEFORE] == texts.IMPLEMENTATION[before] and before != "not_started"
    assert row[texts.COLUMNS_MEASURES["status"]] == texts.IMPLEMENTATION["not_started"]
    waiting = open_page("pages/7_Granska.py", COORDINATOR, nr=48)  # the example's waiting return: nothing before
    assert not any(texts.COL_STATUS_BEFORE in t.value.columns for t in waiting.dataframe)
