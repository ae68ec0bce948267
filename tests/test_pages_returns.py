"""AppTest of the Rapportera and Historik pages (the upload itself is driven in the real browser test)."""

from pathlib import Path

import pytest
from sqlalchemy import select

from okdata import db, texts
from okdata.models import ImportBatch
from okdata.returns import save_return
from tests.apptest_support import COORDINATOR, REPORTER_KVV, literal, open_page

ROOT = Path(__file__).resolve().parent.parent


def _open(page: str, user: str = COORDINATOR, **params):
    return open_page(page, user, **params)


def test_the_report_page_offers_the_chosen_agencys_template(sample_url):
    at = _open("pages/5_Rapportera.py", myndighet="KVV", ar=2025)
    assert at.selectbox(key="rep_agency").value == "KVV"
    assert at.selectbox(key="rep_year").value == 2025
    captions = " ".join(c.value for c in at.caption)
    assert "22 indikatorrader och 8 åtgärder för Kriminalvården 2025" in captions
    assert at.get("download_button")[0].proto.label == texts.DOWNLOAD_TEMPLATE


def test_a_municipality_gets_its_own_small_template(sample_url):
    at = _open("pages/5_Rapportera.py", myndighet="K0127", ar=2025)
    assert "4 indikatorrader och 6 åtgärder för Botkyrka kommun 2025" in " ".join(c.value for c in at.caption)


def _upload_sample(url: str) -> int:
    data = (ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx").read_bytes()
    with db.session(url) as s:
        return save_return(s, data, "exempel_Kriminalvarden_2025.xlsx", None).batch_id


def test_history_lists_uploads_and_undoes_one_after_confirmation(sample_url):
    batch = _upload_sample(sample_url)
    at = _open("pages/6_Historik.py", nr=batch)
    listing = at.dataframe[0].value
    assert listing.iloc[0][texts.BATCH_COLUMNS["id"]] == batch
    assert listing.iloc[0][texts.BATCH_COLUMNS["status"]] == "Godkänd"
    values = at.dataframe[1].value
    assert len(values) == 22 and set(values[texts.COL_SHOWN]) == {"Ja"}
    undo = at.button(key=f"hist_undo_{batch}")
    assert undo.disabled
    at.checkbox(key=f"hist_undo_confirm_{batch}").check().run()
    at.button(key=f"hist_undo_{batch}").click().run()
    assert not at.exception
    assert any(f"Inrapportering nr {batch} är ångrad" in s.value for s in at.success)
    with db.read_session(sample_url) as s:
        assert s.get(ImportBatch, batch).status == "rolled_back"
        assert s.scalar(select(ImportBatch.rolled_back_by).where(ImportBatch.id == batch)) == COORDINATOR


def test_example_and_reference_batches_cannot_be_undone(sample_url):
    at = _open("pages/6_Historik.py", nr=2)
    assert not [b for b in at.button if b.key and b.key.startswith("hist_undo_")]


def test_history_says_when_an_upload_was_replaced_by_a_later_one(sample_url):
    """Test that a return replaced by the agency's later upload for the year says so, and by which."""
    import openpyxl

    from okdata.auth import actor_for
    from tests.apptest_support import REPORTER_KVV

    path = ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx"
    wb = openpyxl.load_workbook(path)
    wb["Indikatorer"]["M20"] = "Rättad kommentar"
    changed = ROOT / "tests" / "output" / "kvv-rattad.xlsx"
    changed.parent.mkdir(exist_ok=True)
    wb.save(changed)
    with db.session(sample_url) as s:
        kvv = actor_for(s, REPORTER_KVV)
        first = save_return(s, path.read_bytes(), path.name, None, kvv).batch_id
        second = save_return(s, changed.read_bytes(), changed.name, None, kvv).batch_id
    at = _open("pages/6_Historik.py", user=REPORTER_KVV, nr=first)
    assert any(f"nr {first} är ersatt av nr {second}" in i.value for i in at.info)
    assert at.dataframe[0].value.set_index(texts.BATCH_COLUMNS["id"]).loc[first][texts.BATCH_COLUMNS["status"]] \
        == "Ersatt"


def test_the_list_of_batches_shows_a_batch_without_a_year_as_a_dash(sample_url):
    """The reference data and the example load have no year: the grid showed 'None'."""
    from okdata import texts
    from tests.apptest_support import COORDINATOR, open_page

    at = open_page("pages/6_Historik.py", COORDINATOR)
    batches = next(d.value for d in at.dataframe if texts.BATCH_COLUMNS["year"] in d.value.columns)
    years = batches[texts.BATCH_COLUMNS["year"]]
    assert years.notna().all() and texts.MISSING in set(years) and "2025" in set(years), list(years)


def _changed(data: bytes) -> bytes:
    """The return with its first value one more."""
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    cell = next(c for row in wb["Indikatorer"].iter_rows(min_row=2, min_col=10, max_col=10) for c in row
                if isinstance(c.value, (int, float)))
    cell.value += 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_an_upload_that_replaces_a_return_waiting_for_review_says_so_before_and_after_the_save(sample_url):
    """An audit: a return waited for review; a Samordnare uploaded another file for the same agency and year, and
    the preview and the save said only "Nya: 0  Ändrade: 1 …" and "Sparat som inrapportering nr B": the waiting
    one was replaced and never reviewed, and nothing on the page named it."""
    from okdata.auth import actor_for

    data = (ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx").read_bytes()
    with db.session(sample_url) as s:
        waiting = save_return(s, data, "A.xlsx", None, actor_for(s, "demo-kriminalvarden")).batch_id
    at = _open("pages/5_Rapportera.py", myndighet="KVV", ar=2025)
    at.file_uploader(key="rep_upload_KVV_2025").set_value(("B.xlsx", _changed(data), "application/vnd.ms-excel"))
    at.run()
    assert not at.exception
    said = [i.value for i in at.info]
    assert any(f"nr {waiting}" in x and "väntar på granskning" in x for x in said), said
    for box in at.checkbox:
        if box.key.startswith("rep_confirm"):
            box.check()
    at.button(key="rep_save").click().run()
    saved = [x.value for x in at.success]
    assert any(f"nr {waiting}" in x and "väntade på granskning" in x for x in saved), saved
    with db.read_session(sample_url) as s:
        assert s.get(ImportBatch, waiting).status == "replaced"


@pytest.mark.cli
def test_the_command_line_names_the_waiting_return_an_import_replaces(sample_url, tmp_path):
    """The same on the command line: the dry run and the save name the waiting return the file replaces."""
    from okdata.auth import actor_for
    from tests.db_support import run

    data = (ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx").read_bytes()
    with db.session(sample_url) as s:
        waiting = save_return(s, data, "A.xlsx", None, actor_for(s, "demo-kriminalvarden")).batch_id
    path = tmp_path / "B.xlsx"
    path.write_bytes(_changed(data))
    dry = run("import", str(path), "--dry-run", "--user", "demo-kriminalvarden", url=sample_url)
    assert dry.returncode == 0 and f"ersätter inrapportering nr {waiting}, som väntar" in dry.stdout, dry.stdout
    saved = run("import", str(path), "--user", "demo-kriminalvarden", url=sample_url)
    assert saved.returncode == 0 and f"ersätter inrapportering nr {waiting}, som väntade" in saved.stdout, saved.stdout


def test_historik_says_who_reviewed_a_return_and_when(sample_url):
    """An audit: who approved or returned a return, and when, was stored but shown only under Logg, which a
    Rapportör may not open: a current value's provenance stopped at its upload."""
    from okdata.auth import actor_for
    from okdata.review import review

    data = (ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx").read_bytes()
    with db.session(sample_url) as s:
        waiting = save_return(s, data, "A.xlsx", None, actor_for(s, "demo-kriminalvarden")).batch_id
    with db.session(sample_url) as s:
        assert review(s, waiting, actor_for(s, COORDINATOR), approve=True).ok
        reviewed_at = s.get(ImportBatch, waiting).reviewed_at
    at = _open("pages/6_Historik.py", user="demo-kriminalvarden", nr=waiting)
    row = at.dataframe[0].value.set_index(texts.BATCH_COLUMNS["id"]).loc[waiting]
    from okdata.formatting import fmt_time

    assert row[texts.BATCH_COLUMNS["reviewed"]] == f"{COORDINATOR}, {fmt_time(reviewed_at)}"
    queue = _open("pages/7_Granska.py")  # Granska's queue: none reviewed yet, no such column
    assert texts.BATCH_COLUMNS["reviewed"] not in queue.dataframe[0].value.columns


def test_the_waiting_returns_own_file_again_is_said_to_be_saved_not_to_replace_it(sample_url):
    """The diff review: the waiting return's own file uploaded again said "Filen ersätter inrapportering nr 73 …
    den granskas då inte" and then "Den här filen är redan sparad (inrapportering nr 73). Ingenting sparades."."""
    from okdata.auth import actor_for

    data = (ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx").read_bytes()
    with db.session(sample_url) as s:
        waiting = save_return(s, data, "A.xlsx", None, actor_for(s, "demo-kriminalvarden")).batch_id
    at = _open("pages/5_Rapportera.py", myndighet="KVV", ar=2025)
    at.file_uploader(key="rep_upload_KVV_2025").set_value(("A.xlsx", data, "application/vnd.ms-excel")).run()
    said = [i.value for i in at.info]
    assert any(f"nr {waiting}" in x and "redan sparad" in x for x in said), said
    assert not any("ersätter" in x for x in said), said


def _page_text(at) -> str:
    """Everything a page says in text: its Markdown, captions, notices and the cells of its tables."""
    parts = [e.value for kind in ("markdown", "caption", "info", "warning") for e in at.get(kind)]
    parts += [str(v) for t in at.dataframe for v in t.value.to_numpy().ravel()]
    return literal("\n".join(parts))


def test_granska_and_historik_show_each_warning_the_reporter_confirmed_word_for_word(sample_url):
    """Granska said only how many warnings the reporter had confirmed ("Kontroll av filen vid uppladdningen: 2
    varningar"), not which: the Samordnare approving the return could not see that 3.6a was ten times last year's
    value or that 8.6a was left out, and the texts were kept nowhere. Each confirmed warning is now kept with the
    return, as it was said, and listed where the return is reviewed (Granska) and where its provenance is read
    (Historik, also by the reporter)."""
    from okdata.auth import actor_for
    from okdata.returns import check_return, save_upload, warnings_said
    from tests.hostile import kvv_values

    # 3.6a: 265 in the example file, 268 the year before, now without a comment saying why; 8.6a left out
    data = kvv_values(J20=2650, M20=None, J26=None)
    with db.read_session(sample_url) as s:
        reporter = actor_for(s, REPORTER_KVV)
        check = check_return(s, data, "kvv.xlsx", None, actor=reporter)
    assert not check.errors and {"STOR_FORANDRING", "FORVANTADE_SAKNAS"} <= {w.code for w in check.warnings}
    saved = save_upload(sample_url, data, "kvv.xlsx", None, reporter, check=check, confirmed=warnings_said(check))
    assert saved.outcome == "saved"
    for page, user in (("pages/7_Granska.py", COORDINATOR), ("pages/6_Historik.py", REPORTER_KVV)):
        at = _open(page, user, nr=saved.batch_id)
        assert not at.exception
        text = _page_text(at)
        for warning in check.warnings:
            assert warning.message in text, (page, warning.message)
        # headed as what was said, not with the question Rapportera asks the reporter ("Vad är fel och hur …")
        listed = next(t.value for t in at.dataframe if texts.PROBLEM_COLUMNS["code"] in t.value.columns)
        assert texts.PROBLEM_COLUMNS["said"] in listed.columns, list(listed.columns)
        assert texts.PROBLEM_COLUMNS["message"] not in listed.columns
    from okdata.history import batch_warnings
    from okdata.scope import scope_for

    with db.read_session(sample_url) as s:  # the agency's own reporter and the Samordnare; not another agency's
        for user, kept in ((REPORTER_KVV, check.warnings), (COORDINATOR, check.warnings), ("demo-polisen", []),
                           ("demo-lasare", [])):
            said = batch_warnings(s, saved.batch_id, scope_for(actor_for(s, user)))
            assert said.problems == tuple(kept) and said.confirmed is bool(kept), user


def test_a_return_saved_before_warnings_were_kept_says_only_their_number_is(sample_url):
    from sqlalchemy import delete, update

    from okdata.auth import actor_for
    from okdata.models import BatchWarning

    data = (ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx").read_bytes()
    with db.session(sample_url) as s:
        waiting = save_return(s, data, "A.xlsx", None, actor_for(s, REPORTER_KVV)).batch_id
    with db.session(sample_url) as s:  # as migration 0012 leaves a return saved before it: a number, no texts
        s.execute(delete(BatchWarning).where(BatchWarning.batch_id == waiting))
        s.execute(update(ImportBatch).where(ImportBatch.id == waiting).values(n_warnings=3))
    for page, user in (("pages/7_Granska.py", COORDINATOR), ("pages/6_Historik.py", REPORTER_KVV)):
        at = _open(page, user, nr=waiting)
        assert texts.WARNINGS_NOT_KEPT.format(n=3) in [c.value for c in at.caption], page


@pytest.mark.cli
def test_a_return_imported_from_the_command_line_is_not_said_to_have_had_its_warnings_confirmed(sample_url, tmp_path):
    """The diff review: the command line saves a return with its warnings and prints them, asking nothing, and
    Granska then said that the uploader "läste och bekräftade" them."""
    from tests.db_support import run
    from tests.hostile import kvv_values

    path = tmp_path / "kvv.xlsx"
    path.write_bytes(kvv_values(J20=2650, M20=None))
    r = run("import", str(path), "--user", REPORTER_KVV, url=sample_url)
    assert r.returncode == 0 and "STOR_FORANDRING" in r.stdout, r.stdout + r.stderr
    with db.read_session(sample_url) as s:
        batch = s.scalars(select(ImportBatch.id).where(ImportBatch.file_name == "kvv.xlsx")).one()
    at = _open("pages/7_Granska.py", nr=batch)
    captions = [c.value for c in at.caption]
    assert texts.WARNINGS_UNCONFIRMED in captions and texts.WARNINGS_CONFIRMED not in captions, captions
    assert "Värdet 2650 skiljer sig mycket" in _page_text(at)
