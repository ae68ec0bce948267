"""Test that the catalog holds the complete action plan 2024–2027 as the plan states it."""

import pytest

from okdata import catalog, db
from okdata.catalog import (
    CATALOG_PATH,
    catalog_rows,
    find_agency,
    goals_frame,
    indicators_frame,
    list_agencies,
    load_catalog,
    measures_frame,
    read_catalog_file,
)
from okdata.domain import Frequency


@pytest.fixture
def s(empty_url):
    with db.session(empty_url) as session:
        yield session


def _measure(s, code):
    m = measures_frame(s)
    return m[m.code == code].iloc[0]


def test_the_plan_has_eight_goals_with_the_measure_counts_of_the_plan(s):
    m = measures_frame(s)
    assert list(goals_frame(s).number) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert m.groupby("goal").size().tolist() == [7, 10, 9, 6, 4, 4, 9, 6]
    assert len(m) == 55


def test_measure_codes_run_from_1_1_to_8_6_in_plan_order(s):
    codes = list(measures_frame(s).code)
    assert codes[0] == "1.1" and codes[-1] == "8.6"
    assert codes[7:17] == [f"2.{i}" for i in range(1, 11)]


def test_measure_2_8_has_four_responsible_agencies(s):
    assert _measure(s, "2.8").agencies.split(", ") == [
        "Polisen", "Kommunerna i länet", "Kriminalvården", "Region Stockholm"]
    assert _measure(s, "2.8").agency_codes == ["POL", "KOMMUNER", "KVV", "RS"]


def test_measure_5_2_belongs_to_aklagarmyndigheten(s):
    assert _measure(s, "5.2").agency_codes == ["AKL"]


def test_measure_2_4_has_three_indicators_with_ids_a_b_c(s):
    ind = indicators_frame(s)
    assert list(ind[ind.measure == "2.4"].code) == ["2.4a", "2.4b", "2.4c"]
    assert list(ind[ind.measure == "2.4"].kind) == ["rate", "share", "share"]


def test_frequencies_follow_the_plan(s):
    assert _measure(s, "2.1").frequency == Frequency.PLAN_END
    assert _measure(s, "1.6").frequency == Frequency.YEARLY


def test_every_measure_has_an_indicator_with_its_own_id(s):
    ind = indicators_frame(s)
    m = measures_frame(s)
    assert set(m.code) <= set(ind.measure)
    assert ind.code.is_unique and ind.id.is_unique
    for r in ind[ind.measure != ""].itertuples():
        assert r.code.startswith(r.measure) and r.code[len(r.measure):] in "abcdefgh"


def test_goal_level_regional_indicators_use_r_ids(s):
    ind = indicators_frame(s)
    regional = ind[ind.measure == ""]
    assert set(regional.code) >= {"R2.1", "R3.1", "R4.1"}
    assert all(regional.code.str.match(r"^R\d\.\d+$"))


def test_pdf_artefacts_are_cleaned(s):
    text = " ".join(measures_frame(s).text) + " ".join(measures_frame(s).follow_up)
    for broken in ("förebyg gande", "handlings planens", "sekretess brytande", "vålds utövare", "RRIsamtal"):
        assert broken not in text


def test_the_26_municipalities_report_for_kommunerna_i_lanet(s):
    kommuner = [a for a in list_agencies(s) if a.kind == "kommun"]
    assert len(kommuner) == 26
    assert all(a.parent_code == "KOMMUNER" for a in kommuner)
    assert find_agency(s, "Stockholms stad").area_code == "0180"


def test_agencies_are_listed_parties_first_then_the_group_of_municipalities_then_each_municipality(s):
    """Test that list_agencies orders by kind: parties, agencies, platforms, functions, the group, municipalities."""
    kinds = [a.kind for a in list_agencies(s)]
    order = ["part", "myndighet", "plattform", "funktion", "grupp", "kommun"]
    assert set(kinds) <= set(order)
    assert kinds == sorted(kinds, key=order.index)
    assert kinds.index("grupp") < kinds.index("kommun")


@pytest.mark.parametrize("name, code", [("Polismyndigheten", "POL"), ("polisen", "POL"),
                                        ("Region Stockholm", "RS"), ("Botkyrka", "K0127"), ("0127", "K0127"),
                                        ("127", "K0127"), ("  LÄNSSTYRELSEN ", "LST")])
def test_agencies_are_found_by_name_short_name_or_code(s, name, code):
    assert find_agency(s, name).code == code


def test_an_unknown_agency_is_not_found(s):
    assert find_agency(s, "Skatteverket") is None


def test_loading_the_catalog_twice_changes_nothing(s):
    before = catalog_rows(s)
    plan = load_catalog(s)
    assert catalog_rows(s) == before
    assert plan.revision == 1


def test_the_catalog_file_is_the_one_the_database_holds(s):
    data = read_catalog_file(CATALOG_PATH)
    assert len(data["measure"]) == len(measures_frame(s))


# --- What is derived from the catalog is kept per catalog revision (catalog.from_catalog) ---------------------


def _direction(url: str, code: str = "3.4a") -> int:
    with db.read_session(url) as s:
        ind = indicators_frame(s)
    return int(ind.set_index("code").loc[code, "direction"])


def test_a_kept_catalog_frame_follows_an_edit_in_katalog_and_an_edit_by_another_instance(sample_url):
    from sqlalchemy import text

    from okdata.auth import actor_for
    from okdata.catalog_edits import edit_indicator

    before = _direction(sample_url)
    with db.read_session(sample_url) as s:
        coord = actor_for(s, "demo-samordnare")
    new = -1 if before != -1 else 1
    with db.session(sample_url) as s:
        edit_indicator(s, coord, "3.4a", direction=new, target_value=None, target_year=None)
    assert _direction(sample_url) == new
    # Another app instance changes the catalog: this process never saw the write, only the raised revision.
    with db.session(sample_url) as s:
        s.execute(text("UPDATE indicator SET direction = 0 WHERE code = '3.4a'"))
        s.execute(text("UPDATE plan_period SET revision = revision + 1"))
    assert _direction(sample_url) == 0


def test_a_rolled_back_edit_leaves_nothing_kept_behind(sample_url):
    from okdata.auth import actor_for
    from okdata.catalog_edits import edit_indicator

    with db.read_session(sample_url) as s:
        coord = actor_for(s, "demo-samordnare")
    before = _direction(sample_url)
    with pytest.raises(RuntimeError), db.session(sample_url) as s:
        edit_indicator(s, coord, "3.4a", direction=0 if before else 1, target_value=None, target_year=None)
        assert int(indicators_frame(s).set_index("code").loc["3.4a", "direction"]) == (0 if before else 1)
        raise RuntimeError("the user's action failed after the edit")
    assert _direction(sample_url) == before
    # The next edit gets the same revision number the rolled-back one had: it must still be seen.
    other = -1 if before != -1 else 1
    with db.session(sample_url) as s:
        edit_indicator(s, coord, "3.4a", direction=other, target_value=None, target_year=None)
    assert _direction(sample_url) == other


def test_a_caller_changing_its_frame_does_not_change_the_kept_one(sample_url):
    with db.read_session(sample_url) as s:
        mine = indicators_frame(s)
        mine.loc[:, "name"] = "ändrad"
        assert (indicators_frame(s).name != "ändrad").all()


def test_a_changed_catalog_file_is_not_laid_over_the_stored_catalog_at_init(sample_url, tmp_path, monkeypatch):
    """init applied a changed catalog file (a new release's) to the stored catalog, without a revision or a year:
    a measure retired in the app from 2026 came back, every year took the file's texts, and the app's revisions
    were overwritten. The stored catalog now stays as the app keeps it; init says that the file differs and that
    `catalog import` saves it as a revision from a year."""
    from okdata import install
    from okdata.auth import actor_for
    from okdata.catalog_edits import edit_catalog

    with db.session(sample_url) as s:
        assert edit_catalog(s, actor_for(s, "demo-samordnare"), "measure", "1.1", None, 2026).ok
    changed = tmp_path / "catalog.toml"
    old_title = "Myndigheter och aktörer arbetar våldsförebyggande"
    changed.write_text(CATALOG_PATH.read_text(encoding="utf-8").replace(old_title, "Ny titel i filen"),
                       encoding="utf-8")
    with db.session(sample_url) as s:
        load_catalog(s, changed)  # what init does with the file
    with db.read_session(sample_url) as s:
        assert "1.1" not in set(measures_frame(s).code)  # still retired in today's catalog
        assert catalog.goal_titles(s)[1] == old_title
    monkeypatch.setattr(catalog, "CATALOG_PATH", changed)
    assert install.init_database(sample_url).catalog_file_changed
    monkeypatch.setattr(catalog, "CATALOG_PATH", CATALOG_PATH)
    assert not install.init_database(sample_url).catalog_file_changed
