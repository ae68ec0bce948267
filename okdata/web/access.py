"""Data access for pages: cached readers keyed on the data version (read once per run), writes as one
transaction each, and checks of an uploaded file kept for the browser session."""

import hashlib
from collections.abc import Callable
from typing import Any

import streamlit as st

from okdata import db, texts
from okdata.catalog import pin_plan
from okdata.domain import Outcome, Result


@st.cache_data(show_spinner=False, max_entries=2000)
def _cached(key: str, url: str, version: int, plan: str | None, args: tuple, kwargs: tuple, _fn: Callable) -> Any:
    with db.read_session(url) as s:
        pin_plan(s, plan)
        return _fn(s, *args, **dict(kwargs))


VERSION_KEY = "okdata_data_version"
PLAN_KEY = "okdata_plan"  # the plan period chosen in the page frame (its code; None = the current one)


def plan() -> str | None:
    """The plan period this page run reads (chosen in the sidebar, kept in the URL)."""
    return st.session_state.get(PLAN_KEY)


def read(fn: Callable, *args, **kwargs) -> Any:
    """Call a reader `fn(session, *args)` in a read transaction, cached per database URL, arguments and data
    version: the version is read once per page run (frame), so a write by another process or app instance shows
    at the next run, with no time-to-live to guess (issue 13)."""
    key = f"{fn.__module__}.{fn.__qualname__}"
    if VERSION_KEY not in st.session_state:
        refresh()
    return _cached(key, db.database_url(), st.session_state[VERSION_KEY], plan(), args,
                   tuple(sorted(kwargs.items())), fn)


def refresh() -> None:
    """Read the data version again (at the start of every run and after this run's own writes)."""
    st.session_state[VERSION_KEY] = db.data_version(db.database_url())


def write(fn: Callable, *args, **kwargs) -> Any:
    """Run a domain write `fn(session, *args)` as one transaction, then forget every cached reading."""
    from sqlalchemy.exc import DBAPIError

    try:
        with db.session(db.database_url()) as s:
            pin_plan(s, plan())
            result = fn(s, *args, **kwargs)
    except db.Busy:
        st.error(texts.DATABASE_BUSY, icon=":material/hourglass_top:")
        st.stop()
    except DBAPIError as e:
        problem = db.storage_problem(e)
        if problem is None:
            raise
        st.error(problem, icon=":material/database:")
        st.stop()
    refresh()
    return result


def act(fn: Callable, *args, done: str | Callable[[Any], str] = "", **kwargs) -> Outcome:
    """Run a person's action as one write and say what it came to, so that no action is silent: the Outcome the
    domain function returns, or, for one that returns what it made, done (with `done`, a message or a function of
    that value); refused with the domain's Swedish reason when it raises PermissionError or ValueError (nothing
    was written: the transaction rolled back)."""
    try:
        result = write(fn, *args, **kwargs)
    except PermissionError as e:
        return Outcome(Result.REFUSED, "forbidden", str(e))
    except ValueError as e:
        return Outcome(Result.REFUSED, "invalid", str(e))
    if isinstance(result, Outcome):
        return result
    return Outcome(Result.DONE, "ok", done(result) if callable(done) else done, result)


def check_once(fn: Callable, data: bytes, *args) -> Any:
    """A read-only check of an uploaded file, kept per file and arguments for this browser session."""

    digest = hashlib.sha256(data)
    digest.update(repr((plan(), args)).encode())
    key = "check_" + digest.hexdigest()
    if key not in st.session_state:
        with db.read_session(db.database_url()) as s:
            pin_plan(s, plan())
            st.session_state[key] = fn(s, data, *args)
    return st.session_state[key]


def forget_checks() -> None:
    """Drop kept checks (after a save or an undo the store has changed)."""
    for k in [k for k in st.session_state if str(k).startswith("check_")]:
        del st.session_state[k]
