"""Data access for pages: cached readers keyed on the data version (read once per run), writes as one
transaction each, and checks of an uploaded file kept for the browser session."""

import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

import streamlit as st

from okdata import clock, db, texts
from okdata.catalog import pin_plan
from okdata.domain import Outcome, Result


class _Readings:
    """Readers' results kept in this process for every session, as pickles: each caller gets its own copy, which it
    may change (`copies=False`: the objects themselves, shared, which no caller may change). The least recently
    used go past `max_entries`. A reading is computed once when several sessions ask for it at the same moment (the
    others wait for it), as at a meeting's start.

    A reading is kept for the day it was made on (in Sweden): the next day it is made again.

    Instead of st.cache_data and st.cache_resource, whose every hit hashed each argument through Streamlit's hasher
    and inspected the reader's signature: a third of a warm view's reads (issue 16). Here the key is a tuple of
    the arguments and their types (True is not 1), or the pickle of arguments that cannot be hashed (a list)."""

    def __init__(self, max_entries: int, copies: bool = True) -> None:
        self._entries: OrderedDict[Any, Any] = OrderedDict()
        self._copies = copies
        self._computing: dict[Any, threading.Lock] = {}
        self._lock = threading.Lock()
        self._max = max_entries

    def __call__(self, key: str, url: str, version: tuple, plan: str | None, args: tuple, kwargs: tuple,
                 fn: Callable) -> Any:
        day = clock.today()  # what a page shows may depend on the day: a deadline passes, 'N dagar sent' grows
        entry = (key, url, version, plan, day, args, tuple(map(type, args)), kwargs)
        try:
            hash(entry)
        except TypeError:
            entry = (key, url, version, plan, day, pickle.dumps((args, kwargs), protocol=5))
        kept = self._get(entry)
        if kept is not None:
            return self._out(kept)
        with self._lock:
            computing = self._computing.setdefault(entry, threading.Lock())
        with computing:
            kept = self._get(entry)
            if kept is not None:
                return self._out(kept)
            try:
                with _reading(url, plan) as s:
                    value = fn(s, *args, **dict(kwargs))
                kept = (pickle.dumps(value, protocol=5),) if self._copies else (value,)
                with self._lock:
                    self._entries[entry] = kept
                    while len(self._entries) > self._max:
                        self._entries.popitem(last=False)
            finally:
                with self._lock:
                    self._computing.pop(entry, None)
        return self._out(kept)  # a copy: the value kept is never handed out (unless copies=False)

    def _out(self, kept: tuple) -> Any:
        return pickle.loads(kept[0]) if self._copies else kept[0]

    def _get(self, entry) -> tuple | None:
        with self._lock:
            kept = self._entries.get(entry)
            if kept is not None:
                self._entries.move_to_end(entry)
            return kept

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_cached = _Readings(max_entries=2000)


_kept = _Readings(max_entries=500, copies=False)  # read_chart's figures: unpickling one cost more than drawing it


# --- One read transaction per page run ------------------------------------------------------------------------
# The readers a page run calls that are not cached share one read transaction, opened by the first of them and
# closed when the page ends (page.frame's block) or a write of the run commits: the run's views read one state of
# the store (the cards and the tables beside them agree), and a page pays for one transaction instead of one per
# reader (a third of a cold page's reads, issue 16). Outside a page's block every reader has its own. The frame's
# own lookups at the start of the run (reading) have a short one of their own on a plain connection.


class _RunReads:
    """The page run's read transactions (the readers' and the frame's), each opened on first use."""

    def __init__(self) -> None:
        self._held = None  # (url, plan, the session's context manager, the session, the plan's pin)
        self._frame = None  # (url, the connection's context manager, the connection): the frame's reads

    def connection(self, url: str):
        """The frame's reads' transaction (who is signed in, the data version): a plain connection of its own,
        opened by the first of them and closed by read_versions."""
        if self._frame is not None and self._frame[0] != url:
            self.close()
        if self._frame is None:
            manager = db.read_connection(url)
            self._frame = (url, manager, manager.__enter__())
        return self._frame[2]

    def session(self, url: str, plan: str | None):
        """The shared session, set to the page's plan period for each reader: a reader of one year pins that
        year's catalog revision in it (catalog.pin_year), which the next reader must not inherit, or what a
        reader reads would depend on whether the readers before it were kept from an earlier view."""
        if self._held is not None and self._held[0] != url:
            self.close()
        if self._held is None:
            manager = db.read_session(url)
            self._held = (url, None, manager, manager.__enter__(), None)
        _, pinned, manager, s, pin = self._held
        if plan != pinned or pin is None:  # the frame reads the plans before one is chosen: pinned anew
            pin_plan(s, plan)
            self._held = (url, plan, manager, s, ("set", s.info["plan_pin"]))
        else:
            s.info["plan_pin"] = pin[1]
        return s

    def close(self, error: BaseException | None = None) -> None:
        held, self._held = self._held, None
        frame, self._frame = self._frame, None
        how = (type(error) if error else None, error, error.__traceback__ if error else None)
        try:
            if held is not None:
                held[2].__exit__(*how)
        finally:
            if frame is not None:
                frame[1].__exit__(*how)


_RUN = threading.local()


def begin_reads() -> None:
    """Start the page run's shared read transaction (opened by its first reader); one left by an earlier run of
    this thread is closed first."""
    end_reads()
    _RUN.reads = _RunReads()


def end_reads(error: BaseException | None = None) -> None:
    """Close the page run's read transaction (rolled back when `error`); readers then have their own again."""
    reads = getattr(_RUN, "reads", None)
    _RUN.reads = None
    if reads is not None:
        reads.close(error)


@contextmanager
def _reading(url: str, plan: str | None):
    """A read transaction for a reader: the page run's shared one when a page block is open, else its own. A
    reader that fails closes the shared one (a failed statement ends a PostgreSQL transaction)."""
    reads = getattr(_RUN, "reads", None)
    if reads is None:
        with db.read_session(url) as s:
            pin_plan(s, plan)
            yield s
        return
    try:
        yield reads.session(url, plan)
    except BaseException as e:
        reads.close(e)
        raise


VERSION_KEY = "okdata_data_versions"
PLAN_KEY = "okdata_plan"  # the plan period chosen in the page frame (its code; None = the current one)


def plan() -> str | None:
    """The plan period this page run reads (chosen in the sidebar, kept in the URL)."""
    return st.session_state.get(PLAN_KEY)


def _versions() -> dict[str, int]:
    if VERSION_KEY not in st.session_state:
        read_versions()
    return st.session_state[VERSION_KEY]


def _key(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def read(fn: Callable, *args, **kwargs) -> Any:
    """Call a reader `fn(session, *args)` in a read transaction, cached per database URL, arguments and data
    version: the version is read once per page run (frame), so a write by another process or app instance shows
    at the next run, with no time-to-live to guess (issue 13). This reader may show anything in the store: any
    write makes it read again (read_year and read_general are finer)."""
    version = (db.ALL, _versions().get(db.ALL, 0))
    return _cached(_key(fn), db.database_url(), version, plan(), args, tuple(sorted(kwargs.items())), fn)


def _year_version(year: int) -> tuple:
    """What a reader of reported values up to `year` depends on: the general part and every year up to it (a
    status of a year is computed from the values of the years before it; later years do not change it)."""
    versions = _versions()
    upto = sum(v for name, v in versions.items() if name.startswith("year:") and int(name[5:]) <= year)
    return ("upto", versions.get(db.GENERAL, 0), upto)


def read_year(year: int, fn: Callable, *args, **kwargs) -> Any:
    """Like read, for a reader that shows reported values of `year` and earlier years only (with the catalog and
    other general data): a save for a later year leaves its cached reading (issue 16)."""
    return _cached(_key(fn), db.database_url(), _year_version(year), plan(), args, tuple(sorted(kwargs.items())), fn)


def read_general(fn: Callable, *args, **kwargs) -> Any:
    """Like read, for a reader that shows no reported value (the catalog, years, accounts): a save of values
    leaves its cached reading (issue 16)."""
    version = (db.GENERAL, _versions().get(db.GENERAL, 0))
    return _cached(_key(fn), db.database_url(), version, plan(), args, tuple(sorted(kwargs.items())), fn)


def read_chart(year: int | None, fn: Callable, *args, **kwargs) -> Any:
    """Like read (read_year with a year), for a reader that returns Plotly figures or tables to draw: kept as the
    objects themselves, shared by every session and never pickled (unpickling a figure cost more than drawing it,
    issue 16), so that what is drawn from them is drawn once and sent again to the next viewer (widgets.chart,
    widgets.heat_table). What it returns must not be changed by the page."""
    version = _year_version(year) if year is not None else (db.ALL, _versions().get(db.ALL, 0))
    return _kept(_key(fn), db.database_url(), version, plan(), args, tuple(sorted(kwargs.items())), fn)


def read_now(fn: Callable, *args, **kwargs) -> Any:
    """A reader of what no data version follows (the change log, sign-ins and accounts, db.UNVERSIONED: a sign-in
    must not make every kept reading read again), read on every run in the run's read transaction and never kept:
    kept, the log showed a failed sign-in only after the next change of figures or catalog."""
    with _reading(db.database_url(), plan()) as s:
        return fn(s, *args, **kwargs)


def forget_readings() -> None:
    """Drop every kept reading of this process (the tests between cases; the benchmarks for a cold view)."""
    _cached.clear()
    _kept.clear()


@contextmanager
def reading(url: str):
    """The frame's reads' transaction, on a plain connection (db.read_connection; its own outside a page block):
    who is signed in, the data version. A warm view opens this one transaction and no ORM session (issue 16)."""
    reads = getattr(_RUN, "reads", None)
    if reads is None:
        with db.read_connection(url) as c:
            yield c
        return
    try:
        yield reads.connection(url)
    except BaseException as e:
        reads.close(e)
        raise


def read_versions() -> None:
    """Read the data version in the frame's read transaction (at the start of every run), then close it: a warm
    view reads nothing more, and holds no connection while it draws; the first reader that is not cached opens the
    run's shared one."""
    with reading(db.database_url()) as s:
        st.session_state[VERSION_KEY] = db.data_versions_in(s)
    reads = getattr(_RUN, "reads", None)
    if reads is not None:
        reads.close()


def refresh() -> None:
    """Read the data version again after this run's own writes: the run's shared read transaction, which began
    before the write, is closed first so that the next reader sees it."""
    reads = getattr(_RUN, "reads", None)
    if reads is not None:
        reads.close()
    read_versions()


def write(fn: Callable, *args, draft: Callable | None = None, **kwargs) -> Any:
    """Run a domain write `fn(session, *args)` as one transaction, then read the data version again (the readings
    of what it changed are then read again). With `draft`, `draft(session, *args)` is read first in a read
    transaction and handed to `fn` as its last argument: what takes long is read without holding the write lock,
    and `fn` reads it again when the store changed in between (report.publish)."""

    def run():
        extra = ()
        if draft is not None:
            with db.read_session(db.database_url()) as s:
                pin_plan(s, plan())
                extra = (draft(s, *args, **kwargs),)
        with db.session(db.database_url()) as s:
            pin_plan(s, plan())
            return fn(s, *args, *extra, **kwargs)

    return guarded(run)


def save_upload(data: bytes, file_name: str, agency_code: str, actor, year: int, check) -> Any:
    """Save an upload already checked for the preview (`check`), whose warnings the person has confirmed: checked
    again outside the write lock when the store has changed since, the write transaction holding only the inserts;
    not saved when the new check warns of anything else (outcome "recheck", returns.save_upload)."""
    from okdata.returns import save_upload, warnings_said

    return guarded(lambda: save_upload(db.database_url(), data, file_name, agency_code, actor, None, year, check,
                                       confirmed=warnings_said(check)))


def guarded(run: Callable[[], Any]) -> Any:
    """Run writes, telling the user when the database is busy, read-only or full (nothing was written), then read
    the data version again."""
    from sqlalchemy.exc import DBAPIError

    try:
        result = run()
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


def act(fn: Callable, *args, done: str | Callable[[Any], str] = "", draft: Callable | None = None,
        **kwargs) -> Outcome:
    """Run a person's action as one write and say what it came to, so that no action is silent: the Outcome the
    domain function returns, or, for one that returns what it made, done (with `done`, a message or a function of
    that value); refused with the domain's Swedish reason when it raises PermissionError or ValueError (nothing
    was written: the transaction rolled back). `draft`: see write."""
    try:
        result = write(fn, *args, draft=draft, **kwargs)
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
