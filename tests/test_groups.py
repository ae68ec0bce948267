"""Test Kommuner across the years and the comparison groups saved per person (issue 20, item 4)."""

import pandas as pd
import pytest
from sqlalchemy import select

from okdata import db, texts
from okdata.auth import actor_for
from okdata.charts import _luminance, heat_colours
from okdata.comparisons import municipal_years
from okdata.domain import Result
from okdata.formatting import fmt_value
from okdata.groups import delete_group, list_groups, save_group
from okdata.models import AuditEvent, ComparisonGroup
from okdata.web.widgets import plain
from tests.apptest_support import COORDINATOR, READER, open_page
from tests.db_support import indicator_id, set_municipal_values

NORTH = ["0184", "0187", "0160"]  # Solna, Vaxholm, Täby


def _contrast(a: str, b: str) -> float:
    la, lb = (_luminance(tuple(int(c[i:i + 2], 16) for i in (1, 3, 5))) for c in (a, b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def test_the_years_table_has_the_county_and_26_municipalities_and_each_cell_shows_its_number(sample_url):
    with db.read_session(sample_url) as s:
        t = municipal_years(s, indicator_id(s, "1.6a"), 2020, 2025, True, suppress=False)
    assert len(t.text) == 27 and t.text.index[0] == "Stockholms län" and list(t.text.columns) == [
        str(y) for y in range(2020, 2026)]
    assert t.kind == "rate"
    for area in t.text.index:
        for y in t.text.columns:
            assert t.text.loc[area, y] == fmt_value(t.numbers.loc[area, y], "rate")


def test_the_colour_scale_keeps_every_number_readable_and_darkens_with_the_value():
    values = [0, 1, 2.5, 10, 40, 100, None, float("nan")]
    colours = heat_colours(values)
    assert colours[-2:] == [None, None]
    for background, text in colours[:-2]:
        assert _contrast(background, text) >= 4.5  # WCAG 2.1 AA for normal text
    shades = [_luminance(tuple(int(bg[i:i + 2], 16) for i in (1, 3, 5))) for bg, _ in colours[:-2]]
    assert shades == sorted(shades, reverse=True)


def test_a_group_is_saved_for_its_owner_only_and_limits_the_table(sample_url):
    with db.session(sample_url) as s:
        me, other = actor_for(s, READER), actor_for(s, COORDINATOR)
        assert save_group(s, me, "  Norr  om   stan ", NORTH).result == Result.DONE
    with db.read_session(sample_url) as s:
        assert list_groups(s, READER) == {"Norr om stan": ["0184", "0160", "0187"]}  # by name: Solna, Täby, Vaxholm
        assert list_groups(s, COORDINATOR) == {}
        t = municipal_years(s, indicator_id(s, "1.6a"), 2024, 2025, False, True, areas=("0184", "0160", "0187"))
        assert list(t.text.index) == ["Stockholms län", "Solna", "Täby", "Vaxholm"]
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "group_save")).one()
        assert event.user_name == READER and event.after == {"areas": ["0184", "0160", "0187"]}
    with db.session(sample_url) as s:
        assert save_group(s, me, "Norr om stan", list(reversed(NORTH))).result == Result.NOTHING
        assert save_group(s, other, "Norr om stan", ["0180"]).result == Result.DONE  # another person's own
        assert delete_group(s, me, "Norr om stan").result == Result.DONE
        assert delete_group(s, me, "Norr om stan").result == Result.NOTHING
    with db.read_session(sample_url) as s:
        assert list_groups(s, READER) == {} and list_groups(s, COORDINATOR) == {"Norr om stan": ["0180"]}


@pytest.mark.parametrize("name, areas, message", [
    ("   ", NORTH, texts.COMPARISON_GROUPS["name_missing"]),
    ("x" * 61, NORTH, texts.COMPARISON_GROUPS["name_long"].format(n=60)),
    ("Tom", [], texts.COMPARISON_GROUPS["no_areas"]),
    ("Fel", ["0184", "9999", "01"], texts.COMPARISON_GROUPS["unknown_areas"].format(codes="01, 9999")),
])
def test_a_bad_group_is_refused_in_swedish_and_nothing_is_saved(sample_url, name, areas, message):
    with db.session(sample_url) as s:
        with pytest.raises(ValueError, match=message.replace("(", r"\(")):
            save_group(s, actor_for(s, READER), name, areas)
    with db.read_session(sample_url) as s:
        assert s.scalars(select(ComparisonGroup)).first() is None


def test_kommuner_saves_a_group_offers_it_and_shows_only_its_municipalities(sample_url):
    at = open_page("pages/4_Kommuner.py", indikator="1.6a", ar=2025)
    years = at.dataframe[-1].value
    assert len(years) == 27
    at.text_input(key="mun_group_name").input("Norr")
    at.multiselect(key="mun_group_areas").set_value(NORTH)
    at.button(key="FormSubmitter:mun_group_form-Spara gruppen").click().run()
    assert not at.exception
    saved = texts.OUTCOMES["group_save"]["ok"].format(name="Norr", n="3 kommuner")
    assert plain(saved) in [m.value for m in at.success]
    assert at.selectbox(key="mun_group").options == [texts.COMPARISON_GROUPS["all"], "Norr"]
    at.selectbox(key="mun_group").set_value("Norr").run()
    assert at.query_params["grupp"] == "Norr"
    assert list(at.dataframe[-1].value[texts.MUNICIPALITY_VIEW["area_column"]]) == [
        "Stockholms län", "Solna", "Täby", "Vaxholm"]
    assert pd.Series(at.dataframe[-1].value["2025"]).str.match(r"^[\d\u00a0,−]+$|^–$").all()


def test_the_years_table_shows_counts_below_5_as_less_than_5_when_asked(sample_url):
    set_municipal_values(sample_url, "1.6a", {(2021, "Vaxholm"): 2, (2025, "Nykvarn"): 4})
    with db.read_session(sample_url) as s:
        hidden = municipal_years(s, indicator_id(s, "1.6a"), 2020, 2025, False, suppress=True)
        shown = municipal_years(s, indicator_id(s, "1.6a"), 2020, 2025, False, suppress=False)
    small = (shown.numbers > 0) & (shown.numbers < 5)
    assert small.to_numpy().sum() == 2
    assert (hidden.text[small] == "<5").to_numpy()[small.to_numpy()].all()
    assert hidden.numbers[small].isna().to_numpy().all()
    assert (hidden.text == "<5").to_numpy().sum() == 2


def test_the_years_table_colours_every_municipal_cell_by_its_value_and_leaves_the_county_plain(sample_url):
    """Test that the heat table's CSS is heat_colours of the municipalities' cells, in their places, and empty
    for the county's row (built as lists since it cost 0,1 s a view cell by cell; the same cells either way)."""
    from okdata.charts import heat_css

    with db.read_session(sample_url) as s:
        t = municipal_years(s, indicator_id(s, "1.6a"), 2020, 2025, False, suppress=False)
    css = heat_css(t.numbers, t.text)
    assert css.shape == t.text.shape and (css.iloc[0] == "").all()
    expected = heat_colours(t.numbers.iloc[1:].to_numpy().ravel().tolist())
    got = css.iloc[1:].to_numpy().ravel().tolist()
    assert got == [f"background-color: {c[0]}; color: {c[1]}" if c else "" for c in expected]
    assert sum(bool(x) for x in got) == int(t.numbers.iloc[1:].notna().sum().sum()) > 0


def test_a_count_in_a_message_takes_the_singular_for_one(sample_url):
    """'1 kommun', '1 nytt värde, 1 ändrat', '1 varning. Läs den': never '1 kommuner' or '1 nya värden' (found on the
    Lägesrapport's '1 skillnader'); the plural for any other number."""
    from okdata.formatting import fmt_counted

    with db.session(sample_url) as s:
        me = actor_for(s, "demo-samordnare")
        assert save_group(s, me, "Ensam", NORTH[:1]).message == "Jämförelsegruppen Ensam är sparad med 1 kommun."
        assert save_group(s, me, "Par", NORTH[:2]).message == "Jämförelsegruppen Par är sparad med 2 kommuner."
    summary = fmt_counted(texts.PREVIEW_SUMMARY, texts.COUNTED, new=1, changed=1, unchanged=0, statuses=1)
    assert summary == "1 nytt värde, 1 ändrat, 0 oförändrade och 1 åtgärdsstatus."
    assert fmt_counted(texts.PREVIEW_SUMMARY, texts.COUNTED, new=1200, changed=2, unchanged=3, statuses=4) == \
        "1\u00a0200 nya värden, 2 ändrade, 3 oförändrade och 4 åtgärdsstatusar."
    assert texts.CHECK_WARNINGS[1 != 1].format(n=1) == "1 varning. Läs den och bekräfta innan du sparar."
    assert fmt_counted(texts.CLI["problems"], texts.COUNTED, errors=0, warnings=1, file="f.xlsx") == \
        "0 fel och 1 varning i f.xlsx:"


def test_the_counts_still_written_in_the_plural_take_the_singular_for_one(sample_url):
    """The siblings found on screens after the first round: Granska's "1 varningar", Rapportera's "1 åtgärder" and
    "1 indikatorrader" for an agency with one measure or one indicator row (the template of the
    regional coordinators, of Försäkringskassan), an undo's "1 värden och 1 statusar" and a chart alternative's
    "1 områden"."""
    from okdata import catalog
    from okdata.charts import describe_municipalities
    from okdata.history import rollback
    from okdata.models import ImportBatch, Measure
    from okdata.store import add_observations, add_statuses, create_batch

    at = open_page("pages/7_Granska.py", user=COORDINATOR, nr=12)
    assert "Kontroll av filen vid uppladdningen: 1 varning." in [m.value for m in at.markdown], \
        [m.value for m in at.markdown]
    for code, said in (("RK", "4 indikatorrader och 1 åtgärd för"), ("FK", "1 indikatorrad och 2 åtgärder för")):
        at = open_page("pages/5_Rapportera.py", user=COORDINATOR, myndighet=code, ar=2025)
        assert any(said in c.value for c in at.caption), [c.value for c in at.caption]

    with db.session(sample_url) as s:
        me = actor_for(s, "demo-samordnare")
        pol = catalog.find_agency(s, "POL")
        batch = create_batch(s, "upload", agency_id=pol.id)
        add_observations(s, batch, [{"indicator_id": indicator_id(s, "1.2a"), "year": 2025, "value_num": 7,
                                     "area_code": "01"}])
        measure = s.scalars(select(Measure.id).where(Measure.code == "1.2")).first()
        add_statuses(s, batch, [{"measure_id": measure, "agency_id": pol.id, "year": 2025, "status": "ongoing"}])
        done = rollback(s, batch.id, me)
        example = s.scalar(select(ImportBatch.id).where(ImportBatch.kind == "sample"))
    assert done.message.endswith("är ångrad. Den hade 1 värde och 1 status; "
                                 "2 av dem var godkända och visade i vyerna och är det inte längre. För 1 av dem "
                                 "visar vyerna nu i stället tidigare godkända värden och statusar från nr "
                                 f"{example}."), done.message  # the example's value of 1.2a is shown again

    one = pd.DataFrame({"area": ["Botkyrka"], "value": [40.0], "text": ["40"]})
    assert describe_municipalities(one, "Test", "value", "text") == "Test: 1 område, Botkyrka (40)."
