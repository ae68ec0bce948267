"""What is drawn from a kept reading (okdata.web.widgets.drawn_once) is drawn once and sent again to the next viewer
in any session, until a write makes a new reading (issue 16): the same elements, never another object's."""

import gc

import pandas as pd

from okdata import texts
from okdata.web import widgets
from tests.apptest_support import COORDINATOR, REPORTER_POL, open_page
from tests.db_support import set_municipal_values


def test_an_objects_number_is_its_own_while_it_lives_and_never_another_objects():
    frames = [pd.DataFrame({"a": [i]}) for i in range(50)]
    numbers = [widgets.serial(f) for f in frames]
    assert len(set(numbers)) == 50 and numbers == [widgets.serial(f) for f in frames]
    assert widgets.serial(None) == 0
    given = set(numbers)
    for _ in range(3):  # a freed object's id goes to the next one made: that one gets a number of its own
        del frames[:]
        gc.collect()
        frames = [pd.DataFrame({"a": [i]}) for i in range(50)]
        fresh = {widgets.serial(f) for f in frames}
        assert len(fresh) == 50 and not fresh & given
        given |= fresh


def test_an_object_without_weak_references_is_held_while_it_has_its_number():
    first = {"indikator": "1.1a"}
    n = widgets.serial(first)
    assert widgets.serial(first) == n and widgets.serial({"indikator": "1.1a"}) != n
    for i in range(widgets._HELD_MAX):
        widgets.serial({"i": i})  # more than are held: the first is let go, and numbered anew when asked again
    assert widgets.serial(first) != n


def _drawings(monkeypatch) -> list[str]:
    """Count what is really drawn (not sent again from a recording)."""
    drawn: list[str] = []
    for name in ("_draw_chart", "_draw_heat_table"):
        real = getattr(widgets, name)
        monkeypatch.setattr(widgets, name,
                            lambda *a, _real=real, _name=name, **k: drawn.append(_name) or _real(*a, **k))
    real_table = widgets.table
    monkeypatch.setattr(widgets, "table", lambda *a, **k: drawn.append("table") or real_table(*a, **k))
    widgets.forget_drawings()
    return drawn


def _charts(at) -> list[str]:
    return [c.proto.spec for c in at.get("plotly_chart")]


def test_kommuners_chart_and_table_are_drawn_once_for_every_viewer_and_anew_after_a_write(sample_url, monkeypatch):
    drawn = _drawings(monkeypatch)
    params = {"indikator": "1.6a", "ar": 2025}
    first = open_page("pages/4_Kommuner.py", COORDINATOR, **params)
    assert drawn.count("_draw_chart") == 1 and drawn.count("_draw_heat_table") == 1
    charts, tables = _charts(first), [t.value for t in first.dataframe]
    again = open_page("pages/4_Kommuner.py", COORDINATOR, **params)  # a new session: sent again, not drawn
    assert drawn.count("_draw_chart") == 1 and drawn.count("_draw_heat_table") == 1
    assert _charts(again) == charts and all(a.equals(b) for a, b in zip([t.value for t in again.dataframe], tables))
    assert [c.value for c in again.caption] == [c.value for c in first.caption]
    set_municipal_values(sample_url, "1.6a", {(2025, "Vaxholm"): 123456})
    changed = open_page("pages/4_Kommuner.py", COORDINATOR, **params)
    assert drawn.count("_draw_chart") == 2 and drawn.count("_draw_heat_table") == 2
    assert _charts(changed) != charts and "123456" in _charts(changed)[0]


def test_mals_tables_and_charts_are_sent_again_to_the_next_viewer(sample_url, monkeypatch):
    drawn = _drawings(monkeypatch)
    params = {"mal": 2, "ar": 2025, "atgard": "2.4"}
    first = open_page("pages/1_Mal.py", **params)
    count = len(drawn)
    assert drawn.count("_draw_chart") >= 1 and drawn.count("table") >= 3  # the measures', indicators', statuses'
    again = open_page("pages/1_Mal.py", **params)
    assert len(drawn) == count
    assert _charts(again) == _charts(first)
    assert [t.value.to_json() for t in again.dataframe] == [t.value.to_json() for t in first.dataframe]
    assert texts.INDICATORS in [s.value for s in again.subheader]


def test_what_is_drawn_once_is_each_readings_own_a_reporter_never_gets_a_coordinators_drawing(sample_url,
                                                                                                monkeypatch):
    """The drawing is keyed by the reading's objects: a coordinator who includes returns waiting for review and a
    reporter who may not see them read other readings, and each gets the drawing of their own."""
    drawn = _drawings(monkeypatch)
    params = {"indikator": "4.3a", "ar": 2025}
    coordinator = open_page("pages/4_Kommuner.py", COORDINATOR, **params)
    coordinator.sidebar.toggle(key="include_submitted").set_value(True).run()
    assert not coordinator.exception and drawn.count("_draw_chart") == 2  # without the waiting ones, then with
    reporter = open_page("pages/4_Kommuner.py", REPORTER_POL, **params)
    assert drawn.count("_draw_chart") == 2  # the reading without them: drawn for the coordinator's first view
    assert _charts(coordinator) != _charts(reporter) and '"Eker\\u00f6"' in _charts(coordinator)[0]
    assert '"Eker\\u00f6"' not in _charts(reporter)[0]


def test_mötesläges_charts_are_built_and_drawn_once_per_reading(sample_url, monkeypatch):
    from okdata.web.views import meeting

    built: list[str] = []
    real = meeting._slide_chart
    monkeypatch.setattr(meeting, "_slide_chart", lambda ind: built.append(ind["code"]) or real(ind))
    widgets.forget_drawings()
    first = open_page("pages/11_Mote.py", ar=2025, skarm=3)
    assert built and len(_charts(first)) == len(built)
    again = open_page("pages/11_Mote.py", ar=2025, skarm=3)
    assert len(built) == len(_charts(first)) and _charts(again) == _charts(first)


def test_a_collection_that_frees_a_numbered_object_inside_serial_does_not_hang_the_thread():
    """The diff review: a figure is freed only by a collection (it lives in a cycle of references), and a
    collection may begin inside serial()'s locked section; the freed figure's callback then waited for the lock
    its own thread held, and every later drawing in the process waited behind it."""
    import threading

    class Cyclic:
        def __init__(self):
            self.me = self

    done = []

    def run():
        gc.disable()
        try:
            obj = Cyclic()
            widgets.serial(obj)
            del obj
            with widgets._SERIAL_LOCK:  # what a collection starting inside serial() does
                gc.collect()
            done.append(widgets.serial(pd.DataFrame()))
        finally:
            gc.enable()

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(10)
    assert not t.is_alive() and done


def test_a_figure_made_for_each_view_is_drawn_directly_not_recorded(sample_url, monkeypatch):
    """The diff review: Lägesrapport's summary chart, made anew on every view, went through drawn_once: a new
    recording per view that was never sent again and pushed out those that are."""
    recorded: list[str] = []
    real = widgets.drawn_once
    monkeypatch.setattr(widgets, "drawn_once",
                        lambda draw, *o, **k: recorded.append(k.get("key")) or real(draw, *o, **k))
    at = open_page("pages/12_Lagesrapport.py", COORDINATOR, ar=2025)
    assert "rep_summary_chart" not in recorded and at.get("plotly_chart")


def test_myndigheters_tables_are_drawn_once_per_reading_and_each_agency_gets_its_own(sample_url, monkeypatch):
    from okdata.web.views import progress

    drawn: list[str] = []
    real = progress.table
    monkeypatch.setattr(progress, "table", lambda df, key, **k: (drawn.append(key) if key.startswith("ag_") else None)
                        or real(df, key, **k))
    widgets.forget_drawings()
    first = open_page("pages/2_Myndigheter.py", myndighet="POL", ar=2025)
    assert not first.exception
    assert drawn == ["ag_reporting", "ag_missing", "ag_measures", "ag_indicators"]
    tables = [t.value for t in first.dataframe]
    assert len(tables) == 4
    again = open_page("pages/2_Myndigheter.py", myndighet="POL", ar=2025)  # a new session: sent again
    assert len(drawn) == 4 and [h.value for h in again.header] == [h.value for h in first.header]
    assert all(a.equals(b) for a, b in zip([t.value for t in again.dataframe], tables))
    # the deadline and the latest upload above the tables are part of the drawing, sent again with it
    assert [i.value for i in again.info] == [i.value for i in first.info] and len(first.info) == 1
    assert [c.value for c in again.caption] == [c.value for c in first.caption]
    assert any(c.value.startswith(("Senaste inrapportering", "Polismyndigheten har inte")) for c in first.caption)
    other = open_page("pages/2_Myndigheter.py", myndighet="SOS", ar=2025)  # another agency: its own tables
    assert len(drawn) > 4 and not other.exception
    assert texts.AGENCY_VIEW["measures"].format(agency="Polismyndigheten") not in [h.value for h in other.header]
    count = len(drawn)
    set_municipal_values(sample_url, "1.6a", {(2025, "Vaxholm"): 123456})  # a write: a new reading, drawn anew
    open_page("pages/2_Myndigheter.py", myndighet="POL", ar=2025)
    assert len(drawn) > count


def test_översikts_goals_and_changes_are_drawn_once_per_reading_and_anew_after_a_write(sample_url, monkeypatch):
    from okdata.web.views import progress

    drawn: list[int] = []
    real = progress.goal_matrix
    monkeypatch.setattr(progress, "goal_matrix", lambda goals, year: drawn.append(year) or real(goals, year))
    widgets.forget_drawings()
    first = open_page("app.py", ar=2025)
    assert drawn == [2025]
    shown = ([s.value for s in first.subheader], [m.value for m in first.markdown], [c.value for c in first.caption])
    assert len(shown[0]) > 8 and any("Mål 8" in s for s in shown[0])
    again = open_page("app.py", ar=2025)  # a new session: sent again, the same goals, statuses and changes
    assert drawn == [2025]
    assert ([s.value for s in again.subheader], [m.value for m in again.markdown],
            [c.value for c in again.caption]) == shown
    set_municipal_values(sample_url, "1.6a", {(2025, "Vaxholm"): 123456})  # a write for 2025: drawn anew
    open_page("app.py", ar=2025)
    assert drawn == [2025, 2025]
    open_page("app.py", ar=2024)  # another year: its own
    assert drawn[-1] == 2024
