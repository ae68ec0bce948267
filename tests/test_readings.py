"""The readings a page keeps (okdata.web.access): shared by every session of the process, each caller gets its own
copy, one reading per reader, arguments and data version, computed once when sessions ask for it together."""

import inspect
import sys
import threading

import pandas as pd

from okdata.web import access


def _ask(readings, fn, *args, version=(1,)):
    return readings("reader", access.db.database_url(), version, None, args, (), fn)


def test_a_caller_changing_its_reading_does_not_change_the_next_callers(empty_url):
    readings = access._Readings(max_entries=10)
    frame = _ask(readings, lambda s: pd.DataFrame({"värde": [1, 2]}))
    frame.loc[0, "värde"] = 99
    frame["annat"] = 0
    again = _ask(readings, lambda s: pd.DataFrame({"värde": [5]}))  # kept: this reader is not called
    assert again.to_dict("list") == {"värde": [1, 2]}


def test_figures_are_kept_as_the_objects_themselves(empty_url):
    readings = access._Readings(max_entries=10, copies=False)
    first = _ask(readings, lambda s: {"figur": [1]})
    assert _ask(readings, lambda s: {"figur": [2]}) is first


def test_arguments_equal_in_python_but_of_other_types_are_other_readings(empty_url):
    readings = access._Readings(max_entries=10)
    assert _ask(readings, lambda s, x: repr(x), True) == "True"
    assert _ask(readings, lambda s, x: repr(x), 1) == "1"  # True == 1 in Python, but another reading
    assert _ask(readings, lambda s, x: repr(x), 1.0) == "1.0"
    assert _ask(readings, lambda s, years: repr(years), [2024]) == "[2024]"  # a list cannot be hashed
    assert _ask(readings, lambda s, years: repr(years), [2025]) == "[2025]"
    assert _ask(readings, lambda s, years: "again", [2024]) == "[2024]"
    assert _ask(readings, lambda s, x: "version 2", True, version=(2,)) == "version 2"


def test_the_least_recently_used_reading_goes_first(empty_url):
    readings = access._Readings(max_entries=2)
    calls = []

    def reader(s, name):
        calls.append(name)
        return name

    for name in ("a", "b", "a", "c", "a", "b"):
        _ask(readings, reader, name)
    assert calls == ["a", "b", "c", "b"]  # a, used again before c came, stays; b went for c


def _waiting_for_the_first(thread: threading.Thread) -> bool:
    """Whether `thread` is at the line where a second caller waits for a reading being computed."""
    source, start = inspect.getsourcelines(access._Readings.__call__)
    line = start + next(i for i, text in enumerate(source) if "with computing:" in text)
    frame = sys._current_frames().get(thread.ident)
    return frame is not None and frame.f_code is access._Readings.__call__.__code__ and frame.f_lineno == line


def test_sessions_asking_for_one_reading_at_once_have_it_computed_once(empty_url):
    readings = access._Readings(max_entries=10)
    computing, release = threading.Event(), threading.Event()
    calls, got = [], []

    def reader(s):
        calls.append(1)
        computing.set()
        release.wait(30)
        return "läst"

    first = threading.Thread(target=lambda: got.append(_ask(readings, reader)))
    first.start()
    assert computing.wait(30)
    others = [threading.Thread(target=lambda: got.append(_ask(readings, reader))) for _ in range(3)]
    for t in others:
        t.start()
    for t in others:  # each has missed the kept reading and waits for the one being computed
        while not _waiting_for_the_first(t):
            assert t.is_alive()
            threading.Event().wait(0.01)
    release.set()
    for t in [first, *others]:
        t.join(30)
    assert got == ["läst"] * 4
    assert len(calls) == 1


def test_a_reader_that_fails_is_asked_again_by_the_next_caller(empty_url):
    readings = access._Readings(max_entries=10)
    calls = []

    def reader(s):
        calls.append(1)
        if len(calls) == 1:
            raise ValueError("första gången")
        return "andra gången"

    try:
        _ask(readings, reader)
    except ValueError:
        pass
    assert _ask(readings, reader) == "andra gången"
    assert readings._computing == {}


def test_a_reading_is_made_again_on_a_new_day(empty_url, monkeypatch):
    """What a page shows may depend on the day (a deadline passed, 'N dagar sent'): a reading kept from yesterday
    showed a return due yesterday as not yet late until some write changed the data version."""
    from datetime import date

    from okdata import clock

    readings = access._Readings(max_entries=10)
    monkeypatch.setattr(clock, "today", lambda: date(2026, 3, 31))
    assert _ask(readings, lambda s: "sista dag ej passerad") == "sista dag ej passerad"
    monkeypatch.setattr(clock, "today", lambda: date(2026, 4, 1))
    assert _ask(readings, lambda s: "1 dag sent") == "1 dag sent"


def test_a_readers_pin_of_its_years_catalog_does_not_carry_over_to_the_next_reader_of_the_page_run(sample_url):
    """The page run's readers share one read transaction; one that pinned its year's catalog revision
    (catalog.pin_year) left it pinned for the next, so a reader that read the page's catalog got the pinned one
    only when the reader before it was computed, not when it was kept from an earlier view."""
    from okdata import catalog

    access.begin_reads()
    try:
        with access._reading(sample_url, None) as s:
            before = s.info.get("plan_pin")
            catalog.pin_plan(s, "2024-2027")
            s.info["plan_pin"] = (s.info["plan_pin"][0], 1)  # as pin_year leaves it for a year under revision 1
        with access._reading(sample_url, None) as s:
            assert s.info.get("plan_pin") == before
    finally:
        access.end_reads()
