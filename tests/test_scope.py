"""Test that every reader and every export applies the same server-side scope (okdata.scope), per role."""

from datetime import date

import pytest

from okdata import db
from okdata.auth import actor_for
from okdata.catalog import find_agency
from okdata.explore import agency_view
from okdata.export import export_frame
from okdata.history import batch_statuses, batch_values, list_batches
from okdata.meetings import changes_since
from okdata.report import year_values
from okdata.returns import save_return
from okdata.review import batch_review, submitted_batches
from okdata.scope import EVERYTHING, scope_for
from tests.apptest_support import (
    ADMIN,
    COORDINATOR,
    READER,
    REPORTER_KVV,
    REPORTER_POL,
    capture_downloads,
    open_page,
)
from tests.db_support import run
from tests.hostile import kvv_return

SECRET_COMMENT, SECRET_DESCRIPTION = "HEMLIG-KOMMENTAR-KVV", "HEMLIG-BESKRIVNING-KVV"
TODAY = date(2026, 11, 24)
# Who may read Kriminalvården's submitted, not yet approved upload (its values, comments and uploader).
MAY_READ = {READER: False, REPORTER_POL: False, REPORTER_KVV: True, COORDINATOR: True, ADMIN: False}


@pytest.fixture
def submitted(sample_url) -> int:
    """Kriminalvården's Rapportör has submitted a return that nobody has approved yet."""
    with db.session(sample_url) as s:
        r = save_return(s, kvv_return(SECRET_COMMENT, SECRET_DESCRIPTION), "kvv.xlsx", None,
                        actor_for(s, REPORTER_KVV), today=TODAY)
    assert r.outcome == "saved"
    return r.batch_id


def _scope(url, user, include_submitted=False):
    with db.read_session(url) as s:
        return scope_for(actor_for(s, user), include_submitted)


def _text(df) -> str:
    return df.astype(str).to_csv()


@pytest.mark.parametrize("user", list(MAY_READ))
def test_the_export_of_values_holds_another_agencys_unapproved_values_only_for_those_who_may_read_them(
        sample_url, submitted, user):
    """Test that the values export (Historik, CLI) gives unapproved values, comments and uploader per scope."""
    with db.read_session(sample_url) as s:
        df = export_frame(s, _scope(sample_url, user))
    assert (SECRET_COMMENT in _text(df)) is MAY_READ[user]
    assert (REPORTER_KVV in set(df["Användare"])) is MAY_READ[user]
    assert set(df["Inrapportering"]) >= {1}  # everyone sees the approved reference values


@pytest.mark.parametrize("user", list(MAY_READ))
def test_the_history_readers_give_a_batch_only_to_those_who_may_read_it(sample_url, submitted, user):
    """Test that the batch list, a batch's values, statuses and review table follow the scope."""
    scope = _scope(sample_url, user)
    with db.read_session(sample_url) as s:
        assert (submitted in set(list_batches(s, scope).id)) is MAY_READ[user]
        assert (SECRET_COMMENT in _text(batch_values(s, submitted, scope))) is MAY_READ[user]
        assert (SECRET_DESCRIPTION in _text(batch_statuses(s, submitted, scope))) is MAY_READ[user]
        assert (SECRET_COMMENT in _text(batch_review(s, submitted, scope))) is MAY_READ[user]
        assert (submitted in set(submitted_batches(s, scope).id)) is MAY_READ[user]
        assert (submitted in set(changes_since(s, None, scope).id)) is MAY_READ[user]
        latest = agency_view(s, find_agency(s, "KVV"), [2025], 2025, scope).latest
    assert latest["id"] == submitted and (latest["user"] == REPORTER_KVV) is MAY_READ[user]


@pytest.mark.parametrize("user", list(MAY_READ))
def test_the_report_excel_holds_submitted_values_only_when_a_coordinator_asks_for_them(sample_url, submitted, user):
    """Test that the lägesrapport's Excel counts what the report counts: approved, or submitted on request."""
    with db.read_session(sample_url) as s:
        assert SECRET_COMMENT not in _text(year_values(s, 2025, _scope(sample_url, user)))
        asked = year_values(s, 2025, _scope(sample_url, user, include_submitted=True))
    assert (SECRET_COMMENT in _text(asked)) is (user == COORDINATOR)


def test_the_audit_log_is_read_only_by_coordinators_and_administrators(sample_url, submitted):
    """Test that the audit log reader refuses every role but Samordnare and Administratör."""
    from okdata.auth import audit_frame

    with db.read_session(sample_url) as s:
        for user in MAY_READ:
            if user in (COORDINATOR, ADMIN):
                assert "upload" in set(audit_frame(s, _scope(sample_url, user)).action)
            else:
                with pytest.raises(PermissionError):
                    audit_frame(s, _scope(sample_url, user))


@pytest.mark.cli
def test_the_command_line_export_and_batch_list_apply_the_users_scope(sample_url, submitted):
    """Test that `export` and `batches` show everything to the operator and a user's scope with --user."""
    assert SECRET_COMMENT in run("export", url=sample_url).stdout
    assert SECRET_COMMENT in run("export", "--user", REPORTER_KVV, url=sample_url).stdout
    r = run("export", "--user", REPORTER_POL, url=sample_url)
    assert r.returncode == 0 and SECRET_COMMENT not in r.stdout and REPORTER_KVV not in r.stdout
    assert "kvv.xlsx" not in run("batches", "--user", REPORTER_POL, url=sample_url).stdout
    assert "kvv.xlsx" in run("batches", url=sample_url).stdout
    assert run("export", "--user", "okand", url=sample_url).returncode == 2


@pytest.mark.parametrize("user", [REPORTER_POL, REPORTER_KVV, COORDINATOR])
def test_the_history_pages_export_files_follow_the_scope(sample_url, submitted, monkeypatch, user):
    """Test that the CSV and Excel that Historik offers hold another agency's unapproved values only in scope."""
    pol = db.ROOT / "sample_data" / "exempel_Polisen_2025.xlsx"
    with db.session(sample_url) as s:  # Polisen has an upload of its own in its history
        assert save_return(s, pol.read_bytes(), pol.name, None, actor_for(s, REPORTER_POL), today=TODAY).batch_id
    files = capture_downloads(monkeypatch)
    at = open_page("pages/6_Historik.py", user=user)
    at.button(key="hist_export").click().run()
    assert set(files) >= {"okdata-varden-excel.csv", "okdata-varden.csv", "okdata-varden.xlsx"}
    assert (SECRET_COMMENT.encode() in files["okdata-varden.csv"]) is MAY_READ[user]
    assert (REPORTER_KVV.encode() in files["okdata-varden.csv"]) is MAY_READ[user]


def test_a_reporter_linking_to_another_agencys_batch_sees_none_of_it(sample_url, submitted):
    """Test that Historik with ?nr= of Kriminalvården's batch shows a Polisen Rapportör nothing of it."""
    at = open_page("pages/6_Historik.py", user=REPORTER_POL, nr=submitted)
    shown = " ".join(_text(d.value) for d in at.dataframe) + " ".join(m.value for m in at.markdown)
    assert SECRET_COMMENT not in shown and SECRET_DESCRIPTION not in shown and REPORTER_KVV not in shown


@pytest.mark.parametrize("user", [READER, REPORTER_POL])
def test_the_meeting_lists_no_unapproved_upload_of_another_agency(sample_url, submitted, user):
    """Test that the meeting's "new since the last meeting" lists only uploads the viewer may read."""
    at = open_page("pages/11_Mote.py", user=user)
    assert not any(f"nr {submitted} " in m.value for m in at.markdown)
    at = open_page("pages/11_Mote.py", user=COORDINATOR)
    assert any(f"nr {submitted} " in m.value for m in at.markdown)


def test_the_agency_page_names_the_uploader_only_to_those_who_may_read_the_upload(sample_url, submitted):
    """Test that Myndigheter names the person behind an unapproved upload only within the scope."""
    from okdata.web.widgets import plain

    name = plain(REPORTER_KVV)  # user names are shown as text (escaped)
    at = open_page("pages/2_Myndigheter.py", user=READER, myndighet="KVV")
    assert not any(name in c.value or REPORTER_KVV in c.value for c in at.caption)
    at = open_page("pages/2_Myndigheter.py", user=COORDINATOR, myndighet="KVV")
    assert any(name in c.value for c in at.caption)


def test_the_operator_scope_reads_everything():
    """Test that the server operator's scope includes unapproved rows and the log."""
    assert EVERYTHING.log and EVERYTHING.unapproved == "all" and EVERYTHING.approved_only


def test_last_years_values_in_a_template_are_those_its_agency_may_read(sample_url):
    """Test that the template's "Förra årets värde" never shows another agency's unapproved value of a shared
    indicator (2.4a: Polisen and Åklagarmyndigheten), while the agency's own submitted value is shown."""
    import io

    import openpyxl

    from okdata.store import add_observations, create_batch
    from okdata.template import build_template
    from tests.db_support import indicator_id

    with db.session(sample_url) as s:
        pol, am = find_agency(s, "POL"), find_agency(s, "Åklagarmyndigheten")
        batch = create_batch(s, "upload", user_name=REPORTER_POL, status="submitted", agency_id=pol.id, year=2024)
        add_observations(s, batch, [{"indicator_id": indicator_id(s, "2.4a"), "year": 2024, "value_num": 1234.0}])
        templates = {"POL": build_template(s, pol, 2025), "AM": build_template(s, am, 2025)}

    def previous_24a(code) -> str:
        ws = openpyxl.load_workbook(io.BytesIO(templates[code].content))["Indikatorer"]
        return " | ".join(str(r[8]) for r in ws.iter_rows(min_row=5, values_only=True)
                          if r[0] == "2.4a" and not any(r[4:8]))  # the headline row (county, all types)

    assert "1\u00a0234" in previous_24a("POL") and "1\u00a0234" not in previous_24a("AM"), (previous_24a("POL"),
                                                                                previous_24a("AM"))


def _shared_key_uploads(url) -> tuple[int, int]:
    """2.4a is Polisen's and Åklagarmyndigheten's: Polisen's Rapportör submits 2.4a 2025 = 400 for the county, then
    Åklagarmyndigheten's 410 for the same key is uploaded by the Samordnare (approved at once, and newer)."""
    from okdata.auth import Actor
    from okdata.domain import Role
    from tests.test_returns_trust import _hand_made

    with db.session(url) as s:
        pol = find_agency(s, "POL")
        reporter = Actor("per", "Per", Role.REPORTER, pol.id, pol.code, pol.name)
        coordinator = actor_for(s, COORDINATOR)
        first = save_return(s, _hand_made([["2.4a", "", 400, ""]]), "pol.xlsx", "POL", reporter, today=TODAY)
        second = save_return(s, _hand_made([["2.4a", "", 410, ""]]), "am.xlsx", "Åklagarmyndigheten", coordinator,
                             today=TODAY)
    assert (first.outcome, second.outcome) == ("saved", "saved")
    return first.batch_id, second.batch_id


def _county_24a(df) -> dict:
    rows = df[(df["Indikator-id"] == "2.4a") & (df["År"] == 2025) & (df["Område"] == "Stockholms län")
              & (df["Våldstyp"] == "") & (df["Grupp"] == "")]
    return dict(zip(rows["Inrapportering"], rows["Värde"]))


@pytest.mark.parametrize("who", ["own reporter", COORDINATOR])
def test_a_waiting_value_stays_in_the_export_when_another_agencys_newer_upload_holds_its_key(sample_url, who):
    """Polisen's waiting 400 vanished from Polisen's own export and from the Samordnare's once Åklagarmyndigheten's
    newer 410 was approved: readable went by the per-key is_current, which belongs to the newest row of any agency."""
    from okdata.auth import Actor
    from okdata.domain import Role
    from okdata.scope import Scope

    waiting, newer = _shared_key_uploads(sample_url)
    with db.read_session(sample_url) as s:
        pol = find_agency(s, "POL")
        actor = Actor("per", "Per", Role.REPORTER, pol.id, pol.code, pol.name) if who == "own reporter" \
            else actor_for(s, who)
        assert _county_24a(export_frame(s, scope_for(actor), 2025)) == {waiting: 400, newer: 410}
        assert _county_24a(export_frame(s, scope_for(actor), 2025, shown=True)) == {newer: 410}
        assert _county_24a(export_frame(s, Scope(), 2025)) == {newer: 410}  # a Läsare: approved only
        assert _county_24a(export_frame(s, scope_for(actor_for(s, REPORTER_KVV)), 2025)) == {newer: 410}


def test_approving_a_value_that_a_newer_upload_of_another_agency_holds_says_it_is_not_shown(sample_url):
    """Approving Polisen's waiting 400 said "syns nu i vyerna" while Åklagarmyndigheten's newer 410 stayed shown
    (the newest upload wins), and Granska showed 410 → 400 as if approving would replace it."""
    from okdata.review import review

    waiting, newer = _shared_key_uploads(sample_url)
    with db.read_session(sample_url) as s:
        table = batch_review(s, waiting, EVERYTHING)
    row = table[table.indicator == "2.4a"].iloc[0]
    assert row.old == "410,0" and f"nr {newer}" in row.after and "Åklagarmyndigheten" in row.after, row.to_dict()
    with db.session(sample_url) as s:
        said = review(s, waiting, actor_for(s, COORDINATOR), approve=True)
    assert said.code == "ok_not_shown" and "syns nu i vyerna" not in said.message, said.message
    assert f"nr {newer}" in said.message and "1 värde" in said.message, said.message
    with db.read_session(sample_url) as s:
        assert _county_24a(export_frame(s, EVERYTHING, 2025, shown=True)) == {newer: 410}


def test_the_review_page_says_which_values_a_later_upload_keeps_from_being_shown(sample_url):
    from okdata import texts

    waiting, newer = _shared_key_uploads(sample_url)
    at = open_page("pages/7_Granska.py", user=COORDINATOR, nr=waiting)
    table = next(d.value for d in at.dataframe if texts.COL_INDICATOR_ID in d.value.columns)
    said = table[texts.COL_AFTER][table[texts.COL_INDICATOR_ID] == "2.4a"].tolist()
    assert said == [texts.REVIEW_NEWER.format(newer=f"nr {newer} (Åklagarmyndigheten)")], table.columns
    at.button(key=f"approve_{waiting}").click().run()
    assert not at.exception
    success = " ".join(x.value for x in at.success).replace("\\", "")  # as shown: Markdown escapes removed
    assert f"nr {waiting} är godkänd, men 1 värde syns inte i vyerna: nr {newer} (Åklagarmyndigheten)" in success


def test_the_review_page_has_no_column_for_values_a_later_upload_keeps_when_there_are_none(sample_url, submitted):
    from okdata import texts

    at = open_page("pages/7_Granska.py", user=COORDINATOR, nr=submitted)
    table = next(d.value for d in at.dataframe if texts.COL_INDICATOR_ID in d.value.columns)
    assert texts.COL_AFTER not in table.columns and texts.COL_NEW in table.columns


@pytest.mark.cli
@pytest.mark.parametrize("who", ["operator", REPORTER_POL, READER])
def test_the_export_of_every_version_holds_what_was_replaced_returned_or_undone_as_far_as_the_scope_goes(
        sample_url, who):
    """The contract's export is 'every stored value with its provenance'; the export gave the current values only,
    so a value corrected by a later upload, a returned or an undone return could not be exported at all. With
    --all-versions it gives every version the user may read, each saying whether the views show it."""
    import csv
    import io

    from okdata import texts
    from okdata.auth import Actor
    from okdata.domain import Role
    from okdata.history import rollback
    from tests.test_returns_trust import _hand_made

    with db.session(sample_url) as s:
        pol = find_agency(s, "POL")
        reporter = Actor(REPORTER_POL, "Per", Role.REPORTER, pol.id, pol.code, pol.name)
        coordinator = actor_for(s, COORDINATOR)
        ids = {}
        for name, value, actor in (("old", 501, coordinator), ("new", 502, coordinator), ("undone", 503, reporter),
                                   ("waiting", 504, reporter)):
            saved = save_return(s, _hand_made([["2.4a", "", value, ""]]), f"{name}.xlsx", "POL", actor, today=TODAY)
            assert saved.outcome == "saved", (name, saved.check.problems)
            ids[name] = saved.batch_id
            if name == "undone":
                assert rollback(s, saved.batch_id, reporter, today=TODAY).code == "ok"
    user = [] if who == "operator" else ["--user", who]
    rows = {}
    for every in (False, True):
        r = run("export", *user, *(["--all-versions"] if every else []), url=sample_url)
        assert r.returncode == 0, r.stderr
        found = [x for x in csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff")))
                 if x["Indikator-id"] == "2.4a" and x["År"] == "2025" and x["Område"] == "Stockholms län"
                 and not x["Våldstyp"] and not x["Grupp"]]
        rows[every] = {int(x["Inrapportering"]): x for x in found}
    may_read_own = who != READER
    assert set(rows[False]) == {ids["new"]} | ({ids["waiting"]} if may_read_own else set())
    assert {ids["old"], ids["new"]} <= set(rows[True])  # with the sample's own earlier version
    assert ({ids["undone"], ids["waiting"]} <= set(rows[True])) is may_read_own, rows[True].keys()
    shown = {batch: x[texts.EXPORT_COLUMNS["shown"]] for batch, x in rows[True].items()}
    assert shown[ids["new"]] == texts.YES and shown[ids["old"]] == texts.NO
    assert rows[True][ids["old"]][texts.EXPORT_COLUMNS["batch_status"]] == texts.BATCH_STATUSES["approved"]
    if may_read_own:
        assert shown[ids["undone"]] == texts.NO and shown[ids["waiting"]] == texts.NO
        assert rows[True][ids["undone"]][texts.EXPORT_COLUMNS["batch_status"]] == texts.BATCH_STATUSES["rolled_back"]


def test_historik_exports_every_version_when_asked(sample_url, submitted, monkeypatch):
    """Kriminalvården's reporter undoes the waiting return: only the export of every version still holds it."""
    from okdata.history import rollback

    with db.session(sample_url) as s:
        assert rollback(s, submitted, actor_for(s, REPORTER_KVV)).code == "ok"
    files = capture_downloads(monkeypatch)
    at = open_page("pages/6_Historik.py", user=REPORTER_KVV)
    at.button(key="hist_export").click().run()
    assert SECRET_COMMENT.encode() not in files["okdata-varden.csv"]
    at.checkbox(key="hist_export_versions").check().run()
    at.button(key="hist_export").click().run()
    assert not at.exception
    assert SECRET_COMMENT.encode() in files["okdata-varden-alla-versioner.csv"]


def test_a_reporters_export_of_every_version_holds_every_version_a_readers_holds(sample_url):
    """A Rapportör reads approved figures as a Läsare does and their own agency's returns besides; the export of
    every version gave a Läsare Polisen's earlier approved versions of 2.4a and Kriminalvården's Rapportör none."""
    from tests.test_returns_trust import _hand_made

    with db.session(sample_url) as s:
        coordinator = actor_for(s, COORDINATOR)
        ids = [save_return(s, _hand_made([["2.4a", "", value, ""]]), f"p{value}.xlsx", "POL", coordinator,
                           today=TODAY).batch_id for value in (601, 602)]
    with db.read_session(sample_url) as s:
        reader = export_frame(s, scope_for(actor_for(s, READER)), versions=True)
        reporter = export_frame(s, scope_for(actor_for(s, REPORTER_KVV)), versions=True)
    batches = "Inrapportering"
    assert set(ids) <= set(reader[batches])
    assert set(reader[batches]) <= set(reporter[batches])
    assert len(reader.merge(reporter, how="left", indicator=True).query("_merge == 'left_only'")) == 0


def test_a_reporter_sees_every_upload_a_reader_sees_where_uploads_are_shown_beyond_their_work_list(sample_url):
    """A Rapportör reads what a Läsare reads and their own agency's returns besides, yet the meeting's "new since
    the last meeting" listed only their own agency's uploads (a Läsare: every approved one) and Myndigheter named
    the uploader of another agency's approved return to a Läsare, not to them. Historik, their work list of
    returns to open and undo, still lists their own agency's only."""
    from okdata.web.widgets import plain

    with db.read_session(sample_url) as s:
        reader, reporter = scope_for(actor_for(s, READER)), scope_for(actor_for(s, REPORTER_POL))
        seen = set(changes_since(s, None, reader).id)
        assert seen and seen <= set(changes_since(s, None, reporter).id)
        police = find_agency(s, "POL").id
        assert set(list_batches(s, reporter).agency_id) == {police}
        kvv = find_agency(s, "KVV")
        uploader = list_batches(s, EVERYTHING).query(f"agency_id == {kvv.id} and status == 'approved'").user_name
    assert len(uploader)
    name = plain(uploader.iloc[0])
    for user in (READER, REPORTER_POL):
        at = open_page("pages/2_Myndigheter.py", user=user, myndighet="KVV")
        assert any(name in c.value for c in at.caption), user


def _return_with(url, agency: str, indicator: str, value: float) -> bytes:
    """`agency`'s 2025 template with `value` in every row of `indicator`, the rest left empty."""
    import io

    import openpyxl

    from okdata.template import build_template

    with db.read_session(url) as s:
        wb = openpyxl.load_workbook(io.BytesIO(build_template(s, find_agency(s, agency), 2025).content))
    ws = wb["Indikatorer"]
    for row in ws.iter_rows(min_row=5):
        if row[0].value == indicator:
            row[9].value = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_historik_marks_a_value_as_shown_when_the_views_show_it_not_when_another_agency_has_a_newer_one_waiting(
        sample_url):
    """Historik's column ("Gäller") was the row's `is_current`, the newest row of any agency: once
    Åklagarmyndigheten's return with 2.4a waited for review, Polisen's approved 2.4a — what every view shows — read
    "Nej" in Polisen's Historik and Åklagarmyndigheten's waiting one "Ja", and Polisen's Rapportör learnt that
    another agency had an unapproved value for the key (an audit of approval sequences). The column now says
    whether the views show the value to the one reading: for everyone but a Samordnare who asked for submitted
    figures, the approved one."""
    from okdata.auth import add_user, operator_actor
    from okdata.review import review

    with db.session(sample_url) as s:
        add_user(s, operator_actor(), "akl-rapportor", "reporter", None, agency_id=find_agency(s, "AKL").id)
    with db.session(sample_url) as s:
        pol = save_return(s, _return_with(sample_url, "POL", "2.4a", 10), "pol.xlsx", None,
                          actor_for(s, REPORTER_POL), today=TODAY)
    with db.session(sample_url) as s:
        assert review(s, pol.batch_id, actor_for(s, COORDINATOR), approve=True).ok
    with db.session(sample_url) as s:
        akl = save_return(s, _return_with(sample_url, "AKL", "2.4a", 12), "akl.xlsx", None,
                          actor_for(s, "akl-rapportor"), today=TODAY)
    assert (pol.outcome, akl.outcome) == ("saved", "saved")
    for user, include_submitted, pol_shown, akl_shown in ((REPORTER_POL, False, True, None),
                                                          ("akl-rapportor", False, True, False),
                                                          (COORDINATOR, False, True, False),
                                                          (COORDINATOR, True, False, True)):
        scope = _scope(sample_url, user, include_submitted)
        with db.read_session(sample_url) as s:
            pol_rows, akl_rows = batch_values(s, pol.batch_id, scope), batch_values(s, akl.batch_id, scope)
        pol_rows, akl_rows = pol_rows[pol_rows.indicator == "2.4a"], akl_rows[akl_rows.indicator == "2.4a"]
        assert len(pol_rows) and set(pol_rows.shown) == {pol_shown}, (user, include_submitted, pol_rows)
        if akl_shown is None:  # Polisen's Rapportör does not see Åklagarmyndigheten's waiting return at all
            assert akl_rows.empty, akl_rows
        else:
            assert len(akl_rows) and set(akl_rows.shown) == {akl_shown}, (user, include_submitted, akl_rows)


def test_approving_after_the_lagesrapport_was_published_says_so_even_when_some_values_are_not_shown(sample_url):
    """When a return had a value that another agency's newer upload holds, the approval said only that this value
    is not shown, and not that the year's lägesrapport was already published, though the approval changed what
    the published year's views show (an audit of approval sequences). It now says both."""
    from okdata.models import Publication
    from okdata.review import review

    waiting, newer = _shared_key_uploads(sample_url)
    with db.session(sample_url) as s:
        s.add(Publication(year=2025, version=9, published_by="anna", content={}))
        s.flush()
        said = review(s, waiting, actor_for(s, COORDINATOR), approve=True)
    assert said.code == "ok_not_shown_published", said
    assert f"nr {newer}" in said.message and "publicerad" in said.message, said.message


def test_an_account_named_as_the_command_line_reads_only_what_its_role_may_and_the_name_is_reserved(sample_url,
                                                                                                   submitted):
    """An audit: the command line acts as "kommandoraden", and the scope and permission checks knew it by that
    name only. An Administratör could create an account of that name, as a Läsare or a Rapportör, and it read
    every agency's waiting returns (Historik, its downloads, Mötesläge) and the whole log. The command line is
    now known by a mark no account can carry, and no account may take its name or one that looks like it."""
    from okdata.auth import OPERATOR, account_key, add_user, hash_password, operator_actor
    from okdata.domain import Role
    from okdata.models import User
    from okdata.periods import open_reporting_year
    from okdata.scope import Scope

    with db.session(sample_url) as s:  # an account of that name made before the name was reserved
        s.add(User(username=OPERATOR, username_key=account_key(OPERATOR), display_name=OPERATOR, role=Role.READER,
                   password_hash=hash_password("Ett-langt-Losenord-9x!")))
    assert _scope(sample_url, OPERATOR) == Scope() == _scope(sample_url, READER)
    assert scope_for(operator_actor()).unapproved == "all"  # the command line itself still reads everything
    with db.session(sample_url) as s:
        namesake, admin = actor_for(s, OPERATOR), actor_for(s, ADMIN)
        with pytest.raises(PermissionError):
            open_reporting_year(s, namesake, 2027, date(2027, 12, 31))
        with pytest.raises(PermissionError):
            add_user(s, namesake, "ny-person", "reader", "Ett-langt-Losenord-9x!")
        for name in (OPERATOR, "Kommandoraden", "kornmandoraden", "KOMMANDORADEN", "exempeldata", "Exernpeldata"):
            with pytest.raises(ValueError, match="reserverat"):
                add_user(s, admin, name, "reader", "Ett-langt-Losenord-9x!")
    at = open_page("pages/6_Historik.py", user=OPERATOR, nr=submitted)
    shown = " ".join(d.value.astype(str).to_csv() for d in at.dataframe)
    assert SECRET_COMMENT not in shown and SECRET_DESCRIPTION not in shown
    meeting = open_page("pages/11_Mote.py", user=OPERATOR)
    assert f"nr {submitted}" not in " ".join(m.value for m in meeting.markdown)


def test_an_upload_warning_that_quotes_a_replaced_return_is_read_only_by_those_who_may_read_that_return(sample_url):
    """The diff review: a return that replaces the agency's waiting one warns of each value it leaves out, quoting
    it (ERSATT_SAKNAR "… = 271 (rad 20 i nr 72)"). Once the new return was approved, a Läsare and another agency's
    Rapportör could read that warning, and so the replaced return's value, which they may not read."""

    from okdata.history import batch_warnings
    from okdata.review import review
    from tests.hostile import kvv_values

    first, second = kvv_values(J20=271), kvv_values(J20=None)
    with db.session(sample_url) as s:
        reporter = actor_for(s, REPORTER_KVV)
        waiting = save_return(s, first, "a.xlsx", None, reporter, today=TODAY).batch_id
        replacing = save_return(s, second, "b.xlsx", None, reporter, today=TODAY)
        assert any(w.code == "ERSATT_SAKNAR" and "271" in w.message for w in replacing.check.warnings)
        assert review(s, replacing.batch_id, actor_for(s, COORDINATOR), approve=True).ok
    for user in MAY_READ:
        scope = _scope(sample_url, user)
        with db.read_session(sample_url) as s:
            may_read_replaced = not batch_values(s, waiting, scope).empty
            quoted = [w.message for w in batch_warnings(s, replacing.batch_id, scope).problems if "271" in w.message]
        assert may_read_replaced is MAY_READ[user] and bool(quoted) is MAY_READ[user], user
