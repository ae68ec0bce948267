"""Test the violence-type and municipality views' data: per 100 000 inhabitants, the population note, and counts
below 5 kept from the chart."""

import pandas as pd
import pytest

from okdata import db, texts
from okdata.catalog import indicator_refs
from okdata.comparisons import MUNICIPAL_COLUMNS, municipal_chart, municipal_rows, population_note, violence_charts
from okdata.formatting import SMALL_COUNT, fmt_list
from tests.db_support import indicator_id, set_municipal_values


@pytest.fixture
def s(sample_url):
    with db.read_session(sample_url) as session:
        yield session



def test_counts_below_5_show_as_less_than_5_without_a_bar_by_default(sample_url):
    small = {"Vaxholm", "Nykvarn"}
    set_municipal_values(sample_url, "1.6a", {(2025, "Vaxholm"): 3, (2025, "Nykvarn"): 1})
    with db.read_session(sample_url) as s:
        for per_capita in (False, True):
            chart = municipal_chart(s, indicator_id(s, "1.6a"), 2025, per_capita, suppress=True)["chart"]
            bars = chart.figure.data[0]
            hidden = {a for a, t in zip(bars.y, bars.text) if t == f"<{SMALL_COUNT}"}
            # at the bottom, alphabetical from the top down (Plotly draws the first category lowest), no bar
            assert hidden == small and list(bars.y[:len(hidden)]) == sorted(hidden, reverse=True)
            assert all(x == 0 for a, x in zip(bars.y, bars.x) if a in hidden)
        shown = municipal_chart(s, indicator_id(s, "1.6a"), 2025, False, suppress=False)["chart"]
    assert f"<{SMALL_COUNT}" not in list(shown.figure.data[0].text)


def test_per_100000_inhabitants_divides_by_the_population_of_the_year(s):
    raw = pd.DataFrame(municipal_rows(s, indicator_id(s, "1.6a"), 2025), columns=MUNICIPAL_COLUMNS).set_index(
        "area_code")
    view = municipal_chart(s, indicator_id(s, "1.6a"), 2025, True, suppress=True)
    assert view["county"] == pytest.approx(raw.loc["01", "value"] / raw.loc["01", "population"] * 100_000)
    assert view["line"] and view["chart"].figure.layout.shapes[0].x0 == pytest.approx(view["county"])
    counts = municipal_chart(s, indicator_id(s, "1.6a"), 2025, False, suppress=True)
    assert not counts["line"] and counts["chart"].figure.layout.shapes == ()  # a county count is the sum
    assert "2025 är senast publicerade siffra framskriven" in view["note"] and "per 100 000" in view["chart"].alt


def test_the_population_note_names_interpolated_and_carried_years_as_runs():
    pop = list(zip([2017, 2018, 2019, 2020, 2025, 2026], ["interpolated", "interpolated", "published", "interpolated",
                                                          "carried", "carried"]))
    assert population_note(pop) == ("befolkningen 2017–2018, 2020 är interpolerad mellan publicerade år; "
                                    "befolkningen 2025–2026 är senast publicerade siffra framskriven")
    assert population_note([(2019, "published")]) == ""


def test_violence_charts_keep_one_colour_per_type_whatever_is_chosen(s):
    both = violence_charts(s, ["VNR", "SV"], 2, 2020, 2025, False)
    one = violence_charts(s, ["SV"], 2, 2020, 2025, False)
    colour = {t.name: t.line.color for c in both for t in c.figure.data}
    assert colour["Sexuellt våld"] == one[0].figure.data[0].line.color
    assert len(both[0].table) == 12 and set(both[0].table["År"]) == set(range(2020, 2026))


def test_the_page_has_one_table_with_the_figures_behind_every_chart(s):
    from okdata.comparisons import Chart, violence_table

    real = violence_charts(s, ["VNR", "HRV", "PMH", "SV"], 2, 2015, 2027, True)[0]  # 2.10a in the sample
    other = Chart("9.9z", None, "", pd.DataFrame({"År": [2024], "Uppdelning": ["Heder"], "Värde": ["7"]}))
    table = violence_table([real, other])
    assert list(table.columns) == ["Indikator-id", "År", "Uppdelning", "Värde"]
    assert len(table) == len(real.table) + 1 and table.iloc[-1].tolist() == ["9.9z", 2024, "Heder", "7"]
    mine = table[table["Indikator-id"] == "2.10a"].drop(columns="Indikator-id").reset_index(drop=True)
    assert mine.equals(real.table.reset_index(drop=True))
    assert violence_table([]).empty


def test_population_between_published_years_is_interpolated_and_outside_carried():
    from okdata.population import fill

    rows = fill({2015: 1000.0, 2020: 2000.0, 2022: 2100.0}, [2014, 2015, 2017, 2021, 2023])
    assert rows == [(2014, 1000.0, "carried"), (2015, 1000.0, "published"), (2017, 1400.0, "interpolated"),
                    (2021, 2050.0, "interpolated"), (2023, 2100.0, "carried")]


def test_some_areas_population_over_some_years_is_what_each_years_population_says(s):
    """populations (the files' per 100 000 read only the areas and years they show) agrees with population_in,
    which fills every area for one year; an area without published figures is left out, as there."""
    from okdata.population import population_in, populations

    years = [2012, 2019, 2023, 2030]
    got = populations(s, {"01", "0180", "9999"}, years)
    assert set(got) == set(years)
    for y in years:
        every = population_in(s, y)
        assert got[y] == {a: every[a] for a in ("01", "0180")} and "9999" not in every


def test_process_counts_are_never_shown_per_100000_inhabitants(s):
    lst = municipal_chart(s, indicator_id(s, "7.1a"), 2025, True, suppress=False)
    assert lst["kind"] == "count" and "per 100 000" not in lst["chart"].alt
    police = municipal_chart(s, indicator_id(s, "1.6a"), 2025, True, suppress=False)
    assert police["kind"] == "rate" and "per 100 000" in police["chart"].alt
    for chart in violence_charts(s, list(texts.VIOLENCE_TYPES), 3, 2020, 2025, True):
        assert "per 100 000" not in chart.alt, chart.key  # 3.2a: Länsstyrelsen's processes by violence type


def test_the_catalog_marks_counts_of_people_or_events_as_per_100000(s):
    marked = {i.code for i in indicator_refs(s) if i.per_capita}
    assert marked == {"1.6a", "1.6b", "1.6c", "2.6a", "2.10a", "4.2a", "R2.3"}
    assert not any(i.per_capita for i in indicator_refs(s) if i.kind != "count")


def test_the_violence_page_draws_and_offers_the_values_of_one_read(s):
    """Test that Våldstyper's one read (violence_data) gives the charts exactly violence_values' own query's values
    and the files exactly violence_rows' records, per 100 000 inhabitants as asked."""
    from okdata.comparisons import violence_data, violence_rows, violence_values

    types = list(texts.VIOLENCE_TYPES)
    for per_capita in (False, True):
        data, files = violence_data(s, types, 2, 2020, 2025, per_capita)
        assert data == violence_values(s, types, 2, 2020, 2025, per_capita)
        assert files.records == violence_rows(s, types, 2, 2020, 2025, per_capita).records
        assert data.rows and len(files) >= sum(len(v) for v in data.rows.values())


def test_a_shown_zero_is_lower_than_a_hidden_count_in_the_bars_and_their_text(sample_url):
    """An audit: 7.1a in 2021 had Vaxholm at 0 (shown) and Vallentuna at 4 (hidden as "<5"); the text alternative
    said "lägst Vallentuna (<5)" and the bars drew the hidden counts below the zero. A hidden count is 1–4: a zero
    is lower, so it is drawn at the bottom and named as the lowest. (7.1a is no longer hidden: the same for 1.6a.)"""
    set_municipal_values(sample_url, "1.6a", {(2021, "Vaxholm"): 0, (2021, "Vallentuna"): 4})
    with db.read_session(sample_url) as s:
        chart = municipal_chart(s, indicator_id(s, "1.6a"), 2021, False, suppress=True)["chart"]
    bars = chart.figure.data[0]
    assert bars.y[0] == "Vaxholm" and bars.text[0] == "0"  # Plotly draws the first category lowest
    assert dict(zip(bars.y, bars.text))["Vallentuna"] == f"<{SMALL_COUNT}"
    assert "lägst Vaxholm (0)" in chart.alt, chart.alt


def test_only_counts_of_people_or_events_in_the_population_are_hidden_under_5(s):
    """An audit: "<5" hid every count below 5, also 4.3a (each municipality reports whether it takes part in the
    network: 0 or 1) and 7.1a (trained course leaders), which identify nobody; 4.3a 2025 drew no bar at all and said
    "<5" for a yes. Only the counts the catalog marks as counting people or events in the population (per_100k)
    are hidden."""
    from okdata.comparisons import municipal_years
    from okdata.export import hides_small

    for code in ("4.3a", "7.1a"):
        raw = pd.DataFrame(municipal_rows(s, indicator_id(s, code), 2025), columns=MUNICIPAL_COLUMNS)
        towns = raw[raw.area_code != "01"]
        assert ((towns.value > 0) & (towns.value < SMALL_COUNT)).any()  # the example data has small ones
        view = municipal_chart(s, indicator_id(s, code), 2025, False, suppress=True)
        assert f"<{SMALL_COUNT}" not in list(view["chart"].figure.data[0].text), code
        assert not view["values"].frame().suppressed.any(), code
        years = municipal_years(s, indicator_id(s, code), 2020, 2025, False, suppress=True)
        assert not (years.text == f"<{SMALL_COUNT}").to_numpy().any(), code
    refs = {r.code: r for r in indicator_refs(s)}
    assert not hides_small(refs["4.3a"].kind, refs["4.3a"].per_capita)
    assert not hides_small(refs["7.1a"].kind, refs["7.1a"].per_capita)
    assert hides_small(refs["1.6a"].kind, refs["1.6a"].per_capita)


def test_an_interpolated_population_is_shown_in_whole_inhabitants(sample_url):
    """An audit: Kommuner 2023 per 100 000 listed Botkyrka's interpolated population as '95 709,3' inhabitants."""
    with db.read_session(sample_url) as s:
        view = municipal_chart(s, indicator_id(s, "1.6a"), 2023, True, True)
    column = view["chart"].table[texts.COMPARISONS["population"]]
    assert len(column) == 26 and not [p for p in column if "," in p], list(column)


def test_kommuners_population_note_names_the_municipalities_whose_population_is_carried_when_not_all_are(s):
    """An audit: per 100 000 inhabitants in 2024 the note read "befolkningen 2024 är senast publicerade siffra
    framskriven" while 20 of the 26 municipalities had a published population for 2024 and only six were carried
    from 2021. The note names the six when not every municipality is carried; a year all are carried says so."""
    rows = pd.DataFrame(municipal_rows(s, indicator_id(s, "1.6a"), 2024), columns=MUNICIPAL_COLUMNS)
    towns = rows[rows.area_code != "01"]
    carried = sorted(towns[towns.method == "carried"].area)
    assert 0 < len(carried) < len(towns), towns.method.value_counts()
    note = municipal_chart(s, indicator_id(s, "1.6a"), 2024, True, suppress=True)["note"]
    assert note == ("befolkningen 2024 är senast publicerade siffra framskriven för "
                    f"{fmt_list(carried)} ({len(carried)} av {len(towns)} kommuner)"), note
    # a review: 2022 named the twenty interpolated municipalities too (423 characters, four lines of subtitle):
    # more than six are counted, not named (the table under the chart gives each one's method)
    many = municipal_chart(s, indicator_id(s, "1.6a"), 2022, True, suppress=True)["note"]
    assert "är interpolerad mellan publicerade år för 20 av 26 kommuner;" in many and len(many) < 250, many
    every = municipal_chart(s, indicator_id(s, "1.6a"), 2025, True, suppress=True)["note"]
    assert every == "befolkningen 2025 är senast publicerade siffra framskriven", every
    assert population_note([(2024, "carried"), (2024, "published")]) == \
        "befolkningen 2024 är senast publicerade siffra framskriven"  # without names: the years only
