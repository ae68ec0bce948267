"""AppTest of Katalog och år's revise forms (issue 19): a change is saved only after its own preview was shown, and
a change of the form, the year or the file after the preview asks for a new one."""

from sqlalchemy import select

from okdata import catalog, db
from okdata.models import CatalogRevision
from tests.apptest_support import COORDINATOR, literal, open_page
from tests.db_support import break_down


def _revisions(url: str) -> int:
    with db.read_session(url) as s:
        return len(s.scalars(select(CatalogRevision)).all())


def _keys(at) -> set[str]:
    return {b.key for b in at.button}


def _measure(url: str, code: str) -> dict | None:
    with db.read_session(url) as s:
        rows = catalog.measures_frame(s).set_index("code")
        return rows.loc[code].to_dict() if code in rows.index else None


def _new_indicator(at) -> None:
    at.text_input(key="rev_ind_code").input("2.4d")
    at.selectbox(key="rev_ind_measure").set_value("2.4")
    at.text_input(key="rev_ind_name").input("Antal nya ärenden")
    at.text_input(key="rev_ind_unit").input("antal")


def test_a_revision_offers_no_save_until_its_preview_is_shown_and_the_preview_saves_nothing(sample_url):
    """Test that the indicator form has no save button before a preview, and that the preview shows the change and
    a save button while nothing is stored yet; the save then stores the previewed indicator."""
    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    assert "rev_ind_save" not in _keys(at) and "rev_measure_save" not in _keys(at)
    _new_indicator(at)
    at.button(key="rev_ind_preview").click().run()
    assert not at.exception
    assert any("2.4d" in str(df.value.values) for df in at.dataframe)
    assert "rev_ind_save" in _keys(at) and _revisions(sample_url) == 0
    at.button(key="rev_ind_save").click().run()
    assert any("revision" in s.value for s in at.success), [e.value for e in at.error]
    assert "rev_ind_save" not in _keys(at)
    with db.read_session(sample_url) as s:
        assert "2.4d" in set(catalog.indicators_frame(s).code)


def test_a_field_changed_after_the_preview_asks_for_a_new_preview_and_saves_nothing(sample_url):
    """Test that a measure's text changed after its agencies were previewed is not saved by the save button: the
    page asks for a new preview, and the new preview's save stores both changes."""
    before = _measure(sample_url, "2.4")
    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    at.selectbox(key="rev_measure").set_value("2.4").run()
    at.multiselect(key="rev_measure_agencies_2.4").set_value(["KVV"])
    at.button(key="rev_measure_preview").click().run()
    assert "rev_measure_save" in _keys(at)
    at.text_area(key="rev_measure_text_2.4").input("En ny text för åtgärden")
    at.button(key="rev_measure_save").click().run()
    assert any("sedan förhandsgranskningen" in w.value for w in at.warning), [w.value for w in at.warning]
    assert "rev_measure_save" not in _keys(at)
    assert _revisions(sample_url) == 0 and _measure(sample_url, "2.4") == before
    at.button(key="rev_measure_preview").click().run()
    at.button(key="rev_measure_save").click().run()
    assert any("revision" in s.value for s in at.success), [e.value for e in at.error]
    saved = _measure(sample_url, "2.4")
    assert saved["agency_codes"] == ["KVV"] and saved["text"] == "En ny text för åtgärden"


def test_a_year_changed_after_the_preview_asks_for_a_new_preview(sample_url):
    """Test that choosing another year for the revision after the preview makes the save ask for a new preview."""
    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    at.selectbox(key="rev_goal").set_value("8").run()
    at.text_input(key="rev_goal_title_8").input("En ny rubrik för mål 8")
    at.button(key="rev_goal_preview").click().run()
    at.number_input(key="rev_from_year").set_value(2027).run()
    at.button(key="rev_goal_save").click().run()
    assert any("sedan förhandsgranskningen" in w.value for w in at.warning), [w.value for w in at.warning]
    assert _revisions(sample_url) == 0


def test_retiring_a_measure_is_previewed_before_it_is_confirmed(sample_url):
    """Test that Pensionera first shows what retiring measure 1.1 affects and stores nothing; the confirmation then
    retires it as a revision."""
    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    at.selectbox(key="rev_measure").set_value("1.1").run()
    at.button(key="rev_measure_retire").click().run()
    assert any("pensioneras" in str(df.value.values) for df in at.dataframe)
    assert any("Mallen ändras för" in c.value for c in at.caption)
    assert _measure(sample_url, "1.1") is not None and _revisions(sample_url) == 0
    at.button(key="rev_measure_save").click().run()
    assert any("revision" in s.value for s in at.success), [e.value for e in at.error]
    assert _measure(sample_url, "1.1") is None


def test_a_preview_made_stale_by_another_save_is_refused_and_nothing_is_stored(sample_url):
    """Test that a previewed change whose catalog was changed by someone else before the save is refused in
    Swedish, and the other person's revision is the only one stored."""
    from okdata.auth import actor_for
    from okdata.catalog_edits import edit_catalog

    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    at.selectbox(key="rev_measure").set_value("2.4").run()
    at.multiselect(key="rev_measure_agencies_2.4").set_value(["POL"])
    at.button(key="rev_measure_preview").click().run()
    with db.session(sample_url) as s:
        assert edit_catalog(s, actor_for(s, COORDINATOR), "measure", "2.4", {"agencies": ["KVV"]}, 2025).ok
    revisions = _revisions(sample_url)
    at.button(key="rev_measure_save").click().run()
    assert any("ändrats sedan förhandsgranskningen" in e.value for e in at.error), [e.value for e in at.error]
    assert _revisions(sample_url) == revisions and _measure(sample_url, "2.4")["agency_codes"] == ["KVV"]



def test_a_revision_from_a_year_before_a_saved_revisions_year_is_refused_at_its_preview(sample_url):
    """With a revision from 2026 saved, renaming goal 8 from 2025 is refused in Swedish when it is previewed (the
    years named), with no save button and nothing stored; the same edit from 2026 is previewed and saved."""
    from okdata.auth import actor_for
    from okdata.catalog_edits import edit_catalog

    with db.session(sample_url) as s:
        assert edit_catalog(s, actor_for(s, COORDINATOR), "measure", "1.1", None, 2026).ok
    revisions = _revisions(sample_url)
    at = _goal_8_renamed_from(2025)
    assert any("2025" in e.value and "2026" in e.value for e in at.error), [e.value for e in at.error]
    assert "rev_goal_save" not in _keys(at) and _revisions(sample_url) == revisions
    at.number_input(key="rev_from_year").set_value(2026).run()
    at.button(key="rev_goal_preview").click().run()
    at.button(key="rev_goal_save").click().run()
    assert any("revision" in s.value for s in at.success), [e.value for e in at.error]
    assert _revisions(sample_url) == revisions + 1


def _goal_8_renamed_from(year: int):
    """Katalog with goal 8 renamed from `year` and previewed."""
    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    at.number_input(key="rev_from_year").set_value(year).run()
    at.selectbox(key="rev_goal").set_value("8").run()
    at.text_input(key="rev_goal_title_8").input("En ny rubrik för mål 8")
    at.button(key="rev_goal_preview").click().run()
    assert not at.exception
    return at


def test_a_preview_from_a_later_year_says_that_the_years_before_it_can_no_longer_be_revised(sample_url):
    """An audit: the year field starts at this year (2026), and saving once with it closed 2024–2025 to revisions
    (a revision from an earlier year than a saved one is refused) without the preview saying so. The preview now
    names the years that keep their catalog and cannot be revised afterwards; from the plan's first year it says
    nothing of the kind."""
    at = _goal_8_renamed_from(2026)
    closing = [c.value for c in at.caption if "2024–2025" in c.value]
    assert closing and "kan ingen revision" in closing[0], [c.value for c in at.caption]
    at.number_input(key="rev_from_year").set_value(2024).run()
    at.button(key="rev_goal_preview").click().run()
    assert "rev_goal_save" in _keys(at)
    assert not [c.value for c in at.caption if "kan ingen revision" in c.value]


def _exported_toml_with(url: str, old: str, new: str) -> bytes:
    from okdata.catalog_revisions import export_catalog

    with db.read_session(url) as s:
        _, data = export_catalog(s, "toml")
    text = data.decode()
    assert old in text
    return text.replace(old, new, 1).encode()


def test_a_catalog_file_is_saved_only_as_previewed_and_another_file_asks_for_a_new_preview(sample_url):
    """Test that an uploaded catalog file shows its preview and the year it will be in force from before its save
    button, and that another file or year after the preview is not saved by that button."""
    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    first = _exported_toml_with(sample_url, 'unit = "antal"', 'unit = "stycken"')
    at.file_uploader(key="cat_import").set_value(("katalog.toml", first, "application/toml")).run()
    assert not at.exception
    assert any("stycken" in str(df.value.values) for df in at.dataframe)
    assert any("gäller från" in c.value for c in at.caption), [c.value for c in at.caption]
    assert "cat_import_save" in _keys(at) and _revisions(sample_url) == 0
    at.number_input(key="rev_from_year").set_value(2027)
    at.button(key="cat_import_save").click().run()
    assert any("sedan förhandsgranskningen" in w.value for w in at.warning), [w.value for w in at.warning]
    assert _revisions(sample_url) == 0
    at.button(key="cat_import_save").click().run()
    assert any("revision" in s.value for s in at.success), [e.value for e in at.error]
    with db.read_session(sample_url) as s:
        assert s.scalars(select(CatalogRevision.from_year).order_by(CatalogRevision.number.desc())).first() == 2027


def test_a_published_figure_is_previewed_before_it_is_saved(sample_url):
    """Test that a published figure typed into the form is first shown as the row that will be stored (decimal
    comma read), and is stored only by the save that follows its preview."""
    from okdata.models import ImportBatch

    def batches() -> int:
        with db.read_session(sample_url) as s:
            return len(s.scalars(select(ImportBatch).where(ImportBatch.kind == "reference")).all())

    before = batches()
    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    assert "ref_save" not in _keys(at)
    regional = at.selectbox(key="ref_indicator").options[0]
    at.text_input(key="ref_value").input("41,5")
    at.text_input(key="ref_url").input("https://www.example.se/rapport")
    at.text_area(key="ref_quote").input("Andelen var 41,5 procent.")
    at.button(key="ref_preview").click().run()
    assert any("41,5" in str(df.value.values) for df in at.dataframe), regional  # shown in Swedish
    assert "ref_save" in _keys(at) and batches() == before
    at.text_input(key="ref_value").input("42")
    at.button(key="ref_save").click().run()
    assert any("sedan förhandsgranskningen" in w.value for w in at.warning), [w.value for w in at.warning]
    assert batches() == before
    at.button(key="ref_preview").click().run()
    at.button(key="ref_save").click().run()
    assert any(s.value for s in at.success), [e.value for e in at.error]
    assert batches() == before + 1


def test_files_of_published_figures_and_population_show_their_rows_before_their_save_button(sample_url):
    """Test that an uploaded CSV of published figures and an SCB export each show the rows they hold (under Swedish
    headings) above their save button, which is not there before a file is chosen, and that the save stores them."""
    from tests.test_catalog_revisions import PUBLISHED, SCB

    break_down(sample_url, "R2.1", "group")  # the file's figures are by sex
    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    assert not {"ref_upload_save", "pop_save"} & _keys(at)
    at.file_uploader(key="ref_upload").set_value(("publicerat.csv", PUBLISHED.encode(), "text/csv")).run()
    assert any("61,5" in str(df.value.values) for df in at.dataframe) and "ref_upload_save" in _keys(at)
    at.file_uploader(key="pop_upload").set_value(("BE0101N1.csv", SCB.encode("cp1252"), "text/csv")).run()
    shown = next(df.value for df in at.dataframe if "50800" in str(df.value.values))
    assert list(shown.columns) == ["Område", "2024", "2025"] and "pop_save" in _keys(at)
    at.button(key="pop_save").click().run()
    assert any("befolkning" in s.value.casefold() for s in at.success), [e.value for e in at.error]
    at.button(key="ref_upload_save").click().run()
    assert at.success and not at.error, [e.value for e in at.error]
    with db.read_session(sample_url) as s:
        from okdata.models import Observation
        from okdata.population import population_in

        assert population_in(s, 2025)["0114"][0] == 50800
        assert s.scalars(select(Observation).where(Observation.source.like("https://example.se/a%"))).first()


def test_a_file_of_published_figures_says_which_stored_figure_each_row_replaces_before_the_save(sample_url):
    """An audit: a published figure for a key already stored replaced it without a word. The preview warns of each
    one (line, stored value, source) above the save button, and the saved message counts them."""
    from tests.test_catalog_revisions import PUBLISHED

    data = PUBLISHED.replace("R2.1,2019,Stockholms län,kvinnor", "R2.1,2019,Stockholms län,alla").encode()
    break_down(sample_url, "R2.1", "group")  # the second figure is the men's
    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    at.file_uploader(key="ref_upload").set_value(("publicerat.csv", data, "text/csv")).run()
    said = [literal(w.value).replace("\u2060", "") for w in at.warning if "ersätter" in w.value]
    assert len(said) == 1 and said[0].startswith("Rad 2: ersätter den sparade siffran 60 för R2.1 2019"), said
    assert "(källa https://www.operationkvinnofrid.se/strategiska-mal/mal-2-forebygga-aterfall/)" in said[0]
    at.button(key="ref_upload_save").click().run()
    assert any("1 av dem ersätter en sparad siffra" in s.value for s in at.success), [e.value for e in at.error]


def test_a_series_break_is_added_listed_in_swedish_and_removed_from_katalog(sample_url):
    """A series break typed into Katalog och år is listed under Swedish headings and the form emptied (it kept the
    saved text, so a second click looked like a new break); one refused keeps its text; one saved by mistake is
    taken away from the page (an audit: there was no way to), which then lists none and says what was done."""
    at = open_page("pages/8_Katalog.py", user=COORDINATOR, indikator="7.1a")
    assert "break_remove_save" not in _keys(at)
    at.number_input(key="break_year_7.1a").set_value(2025)
    at.text_input(key="break_text_7.1a").input("Ny definition av kursledare")
    at.button(key="break_save_7.1a").click().run()
    assert any("Seriebrottet för 7.1a från 2025 är sparat" in literal(s.value) for s in at.success), [
        e.value for e in at.error]
    shown = next(t.value for t in at.dataframe if "Vad ändrades" in t.value.columns)
    assert list(shown.columns) == ["Indikator", "Från år", "Vad ändrades", "Sparat av"] and len(shown) == 1
    assert at.text_input(key="break_text_7.1a").value == ""  # saved: the form is empty for the next one
    at.text_input(key="break_text_7.1a").input("Samma år igen")
    at.button(key="break_save_7.1a").click().run()  # refused (a break of 2025 is stored): the text is kept
    assert at.error and at.text_input(key="break_text_7.1a").value == "Samma år igen"
    assert at.selectbox(key="break_remove").options == ["7.1a från 2025: Ny definition av kursledare"]
    at.button(key="break_remove_save").click().run()
    assert any("är borttaget" in s.value for s in at.success), [e.value for e in at.error]
    assert "break_remove_save" not in _keys(at) and not any("Vad ändrades" in t.value.columns for t in at.dataframe)


def test_an_indicators_direction_is_saved_only_after_its_preview_shows_whose_status_may_change(sample_url):
    """Test that the direction and target form of Katalog och år first previews the change and the indicator whose
    status may change, storing nothing, and that its save then stores exactly that direction."""
    at = open_page("pages/8_Katalog.py", user=COORDINATOR, indikator="3.4a")
    with db.read_session(sample_url) as s:
        before = next(r.direction for r in catalog.indicator_refs(s) if r.code == "3.4a")
    other = 1 if before != 1 else -1
    assert "cat_save" not in _keys(at)
    at.radio(key="cat_direction_3.4a").set_value(other)
    at.button(key="cat_preview").click().run()
    assert any("Riktning" in str(df.value.values) for df in at.dataframe)
    assert any("Statusen kan ändras för indikatorerna: 3.4a" in c.value.replace("\\", "") for c in at.caption)
    with db.read_session(sample_url) as s:
        assert next(r.direction for r in catalog.indicator_refs(s) if r.code == "3.4a") == before
    at.button(key="cat_save").click().run()
    assert at.success and not at.error, [e.value for e in at.error]
    with db.read_session(sample_url) as s:
        assert next(r.direction for r in catalog.indicator_refs(s) if r.code == "3.4a") == other


def test_a_new_plan_period_is_previewed_with_what_it_carries_and_leaves_before_it_starts(sample_url):
    """Starting the next plan period is previewed like every catalog change: the preview says what it carries over
    and what stays in the old plan, and stores nothing; a choice changed after it asks for a new preview; the save
    after the preview starts exactly what was shown."""
    def plan_codes() -> set[str]:
        with db.read_session(sample_url) as s:
            return {p["code"] for p in catalog.plan_periods(s)}

    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    assert "plan_save" not in _keys(at)
    offered = at.multiselect(key="plan_indicators").options
    left = offered[0]
    at.multiselect(key="plan_indicators").unselect(left)
    at.button(key="plan_preview").click().run()
    said = [m.value.replace("\\", "") for m in at.markdown]  # user text is escaped for Markdown (widgets.plain)
    assert "Handlingsplan 2028–2031 startas från Handlingsplan 2024–2027." in said, said
    assert f"Förs över: 8 mål, 55 åtgärder och {len(offered) - 1} indikatorer." in said, said
    assert f"Stannar i Handlingsplan 2024–2027: indikatorer {left}." in said, said
    assert "plan_save" in _keys(at) and plan_codes() == {"2024-2027"}

    at.multiselect(key="plan_measures").unselect("8.6")
    at.button(key="plan_save").click().run()
    assert any("sedan förhandsgranskningen" in w.value for w in at.warning), [w.value for w in at.warning]
    assert plan_codes() == {"2024-2027"}

    at.multiselect(key="plan_measures").select("8.6")
    at.button(key="plan_preview").click().run()
    at.button(key="plan_save").click().run()
    assert [m.value.replace("\\", "") for m in at.success] == [
        f"Planperioden 2028-2031 är startad från 2024-2027: 8 mål, 55 åtgärder och {len(offered) - 1} indikatorer "
        "förda över."], [e.value for e in at.error]
    assert plan_codes() == {"2024-2027", "2028-2031"}


def _latest_from(url: str) -> int | None:
    with db.read_session(url) as s:
        return s.scalars(select(CatalogRevision.from_year).order_by(CatalogRevision.number.desc())).first()


def test_a_catalog_files_preview_checks_the_year_chosen_not_the_plans_first(sample_url):
    """An audit: after a revision in force from 2026, every catalog file uploaded on the page was refused in its
    preview with "Revisionen kan inte gälla från 2024 …" whatever year was chosen (the preview checked the plan's
    first year), so no file could be imported in the app any more; the command line, given the year, could."""
    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    at.number_input(key="rev_from_year").set_value(2026).run()
    at.file_uploader(key="cat_import").set_value(
        ("katalog.toml", _exported_toml_with(sample_url, 'unit = "antal"', 'unit = "stycken"'),
         "application/toml")).run()
    at.button(key="cat_import_save").click().run()
    assert _latest_from(sample_url) == 2026, [e.value for e in at.error]
    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    at.number_input(key="rev_from_year").set_value(2027).run()
    at.file_uploader(key="cat_import").set_value(
        ("katalog.toml", _exported_toml_with(sample_url, 'unit = "stycken"', 'unit = "styck"'),
         "application/toml")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("2027" in c.value for c in at.caption), [c.value for c in at.caption]
    at.button(key="cat_import_save").click().run()
    assert _latest_from(sample_url) == 2027, [e.value for e in at.error]
    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    at.number_input(key="rev_from_year").set_value(2025).run()  # before the revision of 2026: refused in the preview
    at.file_uploader(key="cat_import").set_value(
        ("katalog.toml", _exported_toml_with(sample_url, 'unit = "styck"', 'unit = "st"'), "application/toml")).run()
    assert any("2025" in e.value for e in at.error) and "cat_import_save" not in _keys(at), [e.value for e in at.error]
