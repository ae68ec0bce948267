"""A page run's readers share one read transaction, closed when the page ends (okdata.web.access.begin_reads):
the views of one run read one state of the store, and a cold page pays for one transaction, not one per reader."""

import streamlit as st
from sqlalchemy import event

from okdata import db
from okdata.web import access
from tests.apptest_support import app

PAGE = "pages/1_Mal.py"  # eight readers: goals, years, the goal, its analysis, a measure and its three charts


def _reads_of_one_run(url: str, page: str, warm: bool = False, **params) -> tuple[int, int]:
    """(read transactions begun, connections still checked out afterwards) for one cold run of `page` (or a warm
    one: run once before, nothing forgotten)."""
    at = app()
    at.run()
    at.switch_page(page)
    for k, v in params.items():
        at.query_params[k] = str(v)
    if warm:
        at.run()
    else:
        st.cache_data.clear()
        st.cache_resource.clear()
        access.forget_readings()
    engine = db.get_engine(url)
    begun: list[bool] = []

    def on_begin(conn):
        begun.append(conn.get_execution_options().get("okdata_write", False))

    event.listen(engine, "begin", on_begin)
    try:
        at.run()
    finally:
        event.remove(engine, "begin", on_begin)
    assert not at.exception, at.exception
    return sum(not w for w in begun), engine.pool.checkedout()


def test_a_cold_page_reads_in_one_transaction_and_closes_it(sample_url):
    reads, open_connections = _reads_of_one_run(sample_url, PAGE, mal=3, ar=2025, atgard="3.6")
    # one for the sign-in and the data version (closed before the page draws), then one for every reader of the
    # page: the plan periods, goals, years, the goal, its analysis, the measure and its three charts (thirteen
    # transactions in all before, nine of them the page's readers'; five while the sign-in and the data version had
    # one each; four while whether the catalog was loaded was asked again, in two, once its answer was a minute old)
    assert reads == 2, reads
    assert open_connections == 0


def test_a_warm_page_reads_who_is_signed_in_and_the_data_version_in_one_transaction_and_closes_it(sample_url,
                                                                                                  monkeypatch):
    """A warm view reads nothing but who is signed in and the data version, in one transaction (two before), and
    holds no connection while it draws (the diff review: the shared one stayed open for the whole run)."""
    from okdata.web import widgets

    held: list[int] = []
    real = widgets.drawn_once
    monkeypatch.setattr(widgets, "drawn_once", lambda *a, **k: held.append(db.get_engine(sample_url).pool.checkedout())
                        or real(*a, **k))
    reads, open_connections = _reads_of_one_run(sample_url, PAGE, warm=True, mal=3, ar=2025, atgard="3.6")
    assert (reads, open_connections) == (1, 0)
    assert held and set(held[-3:]) == {0}, held  # drawing the warm view: no connection checked out
