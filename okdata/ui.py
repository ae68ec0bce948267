"""The only module that imports Streamlit: page frame, menu, cached readers, URL-bound widgets."""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from okdata import db, routes, signin, texts
from okdata.auth import DEMO_PASSWORD, Actor, actor_for, demo_accounts
from okdata.install import ensure_database, has_catalog
from okdata.scope import Scope, scope_for
from okdata.values import has_example_data


@dataclass(frozen=True)
class Page:
    """A page of the app: key, script path, menu label, icon."""

    key: str
    path: str
    label: str
    icon: str


PAGES = [
    Page("overview", "app.py", texts.MENU["overview"], ":material/dashboard:"),
    Page("goals", "pages/1_Mal.py", texts.MENU["goals"], ":material/flag:"),
    Page("agencies", "pages/2_Myndigheter.py", texts.MENU["agencies"], ":material/account_balance:"),
    Page("violence", "pages/3_Valdstyper.py", texts.MENU["violence"], ":material/stacked_bar_chart:"),
    Page("municipalities", "pages/4_Kommuner.py", texts.MENU["municipalities"], ":material/map:"),
    Page("meeting", "pages/11_Mote.py", texts.MENU["meeting"], ":material/co_present:"),
    Page("lagesrapport", "pages/12_Lagesrapport.py", texts.MENU["lagesrapport"], ":material/summarize:"),
    Page("report", "pages/5_Rapportera.py", texts.MENU["report"], ":material/upload_file:"),
    Page("history", "pages/6_Historik.py", texts.MENU["history"], ":material/history:"),
    Page("review", "pages/7_Granska.py", texts.MENU["review"], ":material/fact_check:"),
    Page("catalog", "pages/8_Katalog.py", texts.MENU["catalog"], ":material/tune:"),
    Page("audit", "pages/9_Logg.py", texts.MENU["audit"], ":material/receipt_long:"),
    Page("users", "pages/10_Anvandare.py", texts.MENU["users"], ":material/manage_accounts:"),
]
PAGE_BY_KEY = {p.key: p for p in PAGES}


@dataclass(frozen=True)
class Context:
    """What a page knows after frame(): the database, who is signed in and what they may see (okdata.scope)."""

    url: str
    actor: Actor | None = None
    scope: Scope = Scope()

    @property
    def approved_only(self) -> bool:
        """Whether the views count approved figures only (the scope decides)."""
        return self.scope.approved_only


def frame(page: str) -> Context:
    """Set up a page: config, database (created with examples on first start), sign-in, role check, menu.

    Every page calls it first, because a deep link runs a page script without app.py. The role is read from
    the database on every run; a page the role may not open shows nothing but a notice.
    """
    _catch_page_errors()
    st.set_page_config(page_title=f"{texts.PAGE_TITLES[page]} – {texts.APP_TITLE}", page_icon="📊",
                       layout="wide", initial_sidebar_state="expanded")
    url = db.database_url()
    _ensure(url)
    if not _has_catalog(url):
        st.error(texts.DATABASE_EMPTY)
        st.stop()
    actor = _signed_in(url)
    if actor is None:
        _sign_in(url)
        st.stop()
    refresh()
    _menu(page, actor)
    if not actor.may_open(page):
        st.warning(texts.PAGE_NOT_ALLOWED.format(page=texts.PAGE_TITLES[page],
                                                 role=texts.ROLE_NAMES.get(actor.role, actor.role)))
        st.stop()
    include_submitted = False
    if actor.is_coordinator:
        include_submitted = st.sidebar.toggle(texts.INCLUDE_SUBMITTED, key="include_submitted")
    return Context(url=url, actor=actor, scope=scope_for(actor, include_submitted))


def _catch_page_errors() -> None:
    """Route an exception that escapes a page body to _page_error instead of Streamlit's exception box.

    Streamlit (1.67) calls the script context's `on_script_error` for an uncaught exception; only `st.App` sets
    it, so a page sets it on its own context here. `client.showErrorDetails = "none"` in .streamlit/config.toml
    is the fallback for anything before this line (issue 14).
    """
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is not None:
        ctx.on_script_error = _page_error


def _page_error(error: Exception) -> bool:
    """Log the exception with a short reference and show the user a Swedish message naming that reference."""
    import logging
    import secrets

    ref = secrets.token_hex(4)
    logging.getLogger("okdata").error("Sidfel %s", ref, exc_info=error)
    st.error(texts.PAGE_ERROR.format(ref=ref, reason=db.storage_problem(error) or ""),
             icon=":material/error:")
    return True  # Streamlit shows nothing more


SESSION_KEY = "okdata_session"  # the tab's sign-in session id (server-side state, never sent to the browser)
_HANDOFF_KEY = "okdata_handoff"  # a one-time code still to be traded for the cookie
_CLEAR_COOKIE_KEY = "okdata_clear_cookie"


def _oidc_providers() -> list[str | None]:
    """Configured identity providers: named `[auth.NAME]` sections, or None for a single `[auth]`."""
    try:
        auth = st.secrets["auth"] if "auth" in st.secrets else None
    except Exception:  # no secrets file at all
        return []
    if auth is None:
        return []
    named = [k for k in auth if hasattr(auth[k], "keys")]
    return named or ([None] if "client_id" in auth else [])


def _signed_in(url: str) -> Actor | None:
    """The signed-in user as the database says now (never cached).

    A local sign-in is a session row, found by the tab's session id or else by the browser's cookie (a new tab,
    a reload, a copied link); it ends at sign-out, when the account is disabled or its role changes, and after a
    working day."""
    if getattr(st.user, "is_logged_in", False):
        login = st.user.get("email") or st.user.get("preferred_username") or st.user.get("sub") or ""
        with db.read_session(url) as s:
            actor = actor_for(s, str(login))
        if actor is None:
            st.error(texts.SIGN_IN_NO_ACCOUNT.format(name=login))
            if st.button(texts.SIGN_OUT, key="signout_unknown"):
                st.logout()
            st.stop()
        return actor
    session_id, token = st.session_state.get(SESSION_KEY), _browser_value(st.context.cookies.get(signin.COOKIE_NAME))
    if not session_id and not token:
        return None
    with db.read_session(url) as s:
        found = signin.session_actor(s, session_id, token)
    if found is None:
        st.session_state.pop(SESSION_KEY, None)
        return None
    st.session_state[SESSION_KEY] = found[0]
    return found[1]


def _sign_in(url: str) -> None:
    if st.session_state.pop(_CLEAR_COOKIE_KEY, False):
        _post_to_route(routes.SIGN_OUT_PATH, {})
    st.title(texts.SIGN_IN_TITLE)
    st.caption(texts.SIGN_IN_INTRO)
    for provider in _oidc_providers():
        label = texts.SIGN_IN_OIDC if provider is None else texts.SIGN_IN_OIDC_NAMED.format(name=provider)
        if st.button(label, type="primary", key=f"signin_oidc_{provider or 'default'}", icon=":material/login:"):
            st.login(provider) if provider else st.login()
    with st.form("signin", border=True):
        username = st.text_input(texts.SIGN_IN_USER, key="signin_user", max_chars=200)
        password = st.text_input(texts.SIGN_IN_PASSWORD, type="password", key="signin_password", max_chars=1024)
        submitted = st.form_submit_button(texts.SIGN_IN_BUTTON, type="primary")
    if submitted:
        _try_sign_in(url, username, password)
    with db.read_session(url) as s:
        demos = demo_accounts(s) if has_example_data(s) else []
    if demos:
        st.subheader(texts.DEMO_TITLE)
        st.caption(texts.DEMO_INTRO)
        for a in demos:
            if st.button(texts.DEMO_BUTTON.format(role=texts.ROLE_NAMES[a.role], name=a.display_name),
                         key=f"demo_{a.username}"):
                _try_sign_in(url, a.username, DEMO_PASSWORD)


def _try_sign_in(url: str, username: str, password: str) -> None:
    try:  # the password is checked outside any transaction; only the record of it is a (short) write
        result = signin.sign_in(url, username, password, _browser_value(st.context.ip_address))
    except db.Busy:
        st.error(texts.DATABASE_BUSY, icon=":material/hourglass_top:")
        return
    if result.outcome == "ok":
        st.session_state[SESSION_KEY] = result.session_id
        if routes.MOUNTED:
            st.session_state[_HANDOFF_KEY] = result.handoff
        st.rerun()
    elif result.outcome == "wait":
        st.error(texts.SIGN_IN_WAIT.format(seconds=result.wait_seconds))
    else:
        st.error(texts.SIGN_IN_FAILED)


def _browser_value(value: Any) -> str | None:
    """A cookie or the client address as text; None without a browser (AppTest's context holds stand-ins)."""
    return value if isinstance(value, str) else None


def _post_to_route(path: str, body: dict) -> None:
    """Let the page post to one of okdata's cookie routes (okdata/routes.py): a response to the browser's own
    request is the only way to set an HttpOnly cookie. The script holds no user text, only a random code."""
    import json

    script = (f"<script>fetch({json.dumps(path)}, {{method: 'POST', credentials: 'same-origin', "
              f"headers: {{'Content-Type': 'application/json'}}, body: {json.dumps(json.dumps(body))}}});</script>")
    with st.sidebar:
        st.html(script, unsafe_allow_javascript=True, width="content")


@st.cache_resource(show_spinner=texts.CREATING_DATABASE)
def _ensure(url: str) -> bool:
    from okdata.heap import settle

    created = ensure_database(url)
    settle()
    return created


@st.cache_data(ttl=60, show_spinner=False)
def _has_catalog(url: str) -> bool:
    return has_catalog(url)


def _menu(current: str, actor: Actor) -> None:
    with st.sidebar:
        st.markdown(f"### {texts.APP_TITLE}")
        st.caption(texts.APP_SUBTITLE)
        for p in PAGES:
            if actor.may_open(p.key):
                st.page_link(p.path, label=p.label, icon=p.icon)
        st.divider()
        agency = f", {actor.agency_name}" if actor.agency_name else ""
        st.caption(texts.SIGNED_IN_AS.format(name=plain(actor.display_name),
                                             role=texts.ROLE_NAMES.get(actor.role, actor.role), agency=agency))
        if st.button(texts.SIGN_OUT, key="signout", icon=":material/logout:"):
            if getattr(st.user, "is_logged_in", False):
                st.logout()  # clears the identity cookie and reloads; a rerun here would cut that short
            else:
                _sign_out(actor)
        if st.session_state.get(_HANDOFF_KEY):  # the run right after a sign-in: the browser gets its cookie
            _post_to_route(routes.SIGN_IN_PATH, {"code": st.session_state.pop(_HANDOFF_KEY)})


def _sign_out(actor: Actor) -> None:
    session_id = st.session_state.get(SESSION_KEY)
    if session_id:  # ended in the database first: a busy database stops here and the session goes on
        write(signin.end_session, session_id, actor)
    st.session_state.pop(SESSION_KEY, None)
    if routes.MOUNTED:
        st.session_state[_CLEAR_COOKIE_KEY] = True
    st.rerun()


# --- Cached readers -------------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=2000)
def _cached(key: str, url: str, version: int, args: tuple, kwargs: tuple, _fn: Callable) -> Any:
    with db.read_session(url) as s:
        return _fn(s, *args, **dict(kwargs))


VERSION_KEY = "okdata_data_version"


def read(fn: Callable, *args, **kwargs) -> Any:
    """Call a reader `fn(session, *args)` in a read transaction, cached per database URL, arguments and data
    version: the version is read once per page run (frame), so a write by another process or app instance shows
    at the next run, with no time-to-live to guess (issue 13)."""
    key = f"{fn.__module__}.{fn.__qualname__}"
    if VERSION_KEY not in st.session_state:
        refresh()
    return _cached(key, db.database_url(), st.session_state[VERSION_KEY], args, tuple(sorted(kwargs.items())), fn)


def refresh() -> None:
    """Read the data version again (at the start of every run and after this run's own writes)."""
    st.session_state[VERSION_KEY] = db.data_version(db.database_url())


# --- Widgets bound to the URL (shareable views) ---------------------------------------------------

URL_JUNK = (ValueError, TypeError, KeyError, IndexError, OverflowError)


def url_param(param: str, parse: Callable[[str], Any] = str, default: Any = None) -> Any:
    """The URL's query parameter `param` read by `parse` (int, date.fromisoformat, a dict's lookup …); the default
    when it is missing or `parse` refuses it. Every page and every URL-bound widget reads the URL through this
    one function, so a hand-edited or truncated link shows the default view, never a traceback (issue 14)."""
    raw = st.query_params.get(param)
    if raw is None:
        return default
    try:
        return parse(raw)
    except URL_JUNK:
        return default


def url_int(low: int = 0, high: int = 2**31 - 1) -> Callable[[str], int]:
    """A parser for url_param: an integer, clamped to low…high (by default what a database id can be)."""
    return lambda raw: min(max(int(raw), low), high)


def url_date(low: date = date(2000, 1, 1), high: date = date(2100, 12, 31)) -> Callable[[str], date]:
    """A parser for url_param: an ISO date (YYYY-MM-DD) within low…high, else refused."""

    def parse(raw: str) -> date:
        value = date.fromisoformat(raw)
        if not low <= value <= high:
            raise ValueError(raw)
        return value

    return parse


def select_param(label: str, options: Sequence, param: str, key: str, format_func: Callable = str,
                 default: Any = None, sidebar: bool = False, in_url: Callable = str) -> Any:
    """A selectbox whose value lives in the URL's query parameter `param` (written by `in_url`, e.g. a breakdown
    as its Swedish word, so that a link reads well)."""
    options = list(options)
    wanted = url_param(param)
    index = next((i for i, o in enumerate(options) if in_url(o) == wanted), None)
    if index is None:
        index = options.index(default) if default in options else 0
    where = st.sidebar if sidebar else st
    value = where.selectbox(label, options, index=index, key=key, format_func=format_func)
    st.query_params[param] = in_url(value)
    return value


def multiselect_param(label: str, options: Sequence, param: str, key: str, format_func: Callable = str,
                      default: Sequence = ()) -> list:
    """A multiselect whose values live in the URL as a comma-separated query parameter."""
    options = list(options)
    by_str = {str(o): o for o in options}
    chosen = url_param(param, lambda raw: [by_str[v] for v in raw.split(",") if v in by_str], list(default))
    value = st.multiselect(label, options, default=chosen, key=key, format_func=format_func)
    st.query_params[param] = ",".join(str(v) for v in value)
    return value


# --- Display --------------------------------------------------------------------------------------

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them leaves nothing
# for Markdown, KaTeX ($), HTML (<, &) or Streamlit's directives (:red[…], :material/…:) to interpret.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


# Streamlit also turns bare addresses into links after unescaping; an invisible word joiner (U+2060) before
# "://", "www." and "@" keeps them plain text that reads the same.
_AUTOLINK = re.compile(r"(?=\\:\\/\\/|\\@)|(?<=www)(?=\\\.)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def plain(text: Any) -> str:
    """Text a user typed (a comment, a description, a note, a reason, a name), escaped so that st.markdown,
    st.caption, alerts and labels show it literally, with no link made of an address; line breaks stay line
    breaks (issue 14)."""
    escaped = _PUNCTUATION.sub(r"\\\1", str(text))
    return _AUTOLINK.sub(WORD_JOINER, escaped).replace("\r\n", "\n").replace("\n", "  \n")


def safe_cells(df: pd.DataFrame) -> pd.DataFrame:
    """A table as shown: every text cell that a spreadsheet would run as a formula neutralised, because the
    table's own toolbar downloads exactly what it shows as CSV (issue 14)."""
    from okdata.export import neutralise

    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c].dtype):
            out[c] = out[c].map(neutralise)
    return out


def year_state_notice(state, is_coordinator: bool) -> None:
    """Whether returns may write the chosen year: its deadline, or why it is locked."""
    if state.locked:
        text = texts.YEAR_NOTICE["locked_coordinator" if is_coordinator else "locked"]
        st.warning(text.format(year=state.year, why=state.why), icon=":material/lock:")
    elif state.reopened_until:
        st.info(texts.YEAR_NOTICE["reopened"].format(year=state.year, until=state.reopened_until),
                icon=":material/lock_open:")
    elif state.deadline:
        st.caption(texts.YEAR_NOTICE["deadline"].format(year=state.year, deadline=state.deadline))


def example_banner() -> None:
    """The Exempeldata notice, shown wherever example figures may appear."""
    if read(has_example_data):
        st.info(texts.EXAMPLE_BANNER, icon=":material/science:")


def table(df: pd.DataFrame, key: str, height: int | None = None) -> None:
    """A read-only table over the full width."""
    st.dataframe(safe_cells(df), hide_index=True, width="stretch", key=key, **({"height": height} if height else {}))


# --- Writes and uploads ---------------------------------------------------------------------------


def write(fn: Callable, *args, **kwargs) -> Any:
    """Run a domain write `fn(session, *args)` as one transaction, then forget every cached reading."""
    from sqlalchemy.exc import DBAPIError

    try:
        with db.session(db.database_url()) as s:
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


UPLOAD_CEILING_MB = 100  # Streamlit's own limit (its refusal is in English): ours, in Swedish, is lower


def file_upload(label: str, key: str, limit: int):
    """A file uploader for returns: any file type is accepted here so that the check can say in Swedish what is
    wrong with it; a file over `limit` bytes is refused at once, before its bytes are copied."""
    from okdata.checks import problem
    from okdata.workbook import MAX_FILE_BYTES, too_big_problem

    upload = st.file_uploader(label, key=key, help=texts.UPLOAD_HELP.format(limit=limit // (1024 * 1024)),
                              max_upload_size=UPLOAD_CEILING_MB)
    if upload is not None and upload.size > min(limit, MAX_FILE_BYTES):
        too_big = too_big_problem(upload.size)
        st.error(texts.CHECK_ERRORS.format(n=1), icon=":material/error:")
        problems_table([problem(texts.FILE_LEVEL, None, "", too_big.code, **too_big.args)], key=f"{key}_size")
        return None
    return upload


def check_once(fn: Callable, data: bytes, *args) -> Any:
    """A read-only check of an uploaded file, kept per file and arguments for this browser session."""
    import hashlib

    digest = hashlib.sha256(data)
    digest.update(repr(args).encode())
    key = "check_" + digest.hexdigest()
    if key not in st.session_state:
        with db.read_session(db.database_url()) as s:
            st.session_state[key] = fn(s, data, *args)
    return st.session_state[key]


def forget_checks() -> None:
    """Drop kept checks (after a save or an undo the store has changed)."""
    for k in [k for k in st.session_state if str(k).startswith("check_")]:
        del st.session_state[k]


def problems_table(problems: list, key: str) -> None:
    """Every problem as a table a coordinator can work through: sheet, row, column, what and how."""
    df = pd.DataFrame([{
        texts.PROBLEM_COLUMNS["severity"]: texts.SEVERITY[p.severity], texts.PROBLEM_COLUMNS["sheet"]: p.sheet,
        texts.PROBLEM_COLUMNS["row"]: p.row, texts.PROBLEM_COLUMNS["column"]: p.column,
        texts.PROBLEM_COLUMNS["code"]: p.code, texts.PROBLEM_COLUMNS["message"]: p.message,
    } for p in problems])
    st.dataframe(safe_cells(df), hide_index=True, width="stretch", key=key, column_config={
        texts.PROBLEM_COLUMNS["message"]: st.column_config.TextColumn(width="large")})


def download(label: str, data: bytes, file_name: str, mime: str, key: str) -> None:
    """A download button."""
    st.download_button(label, data, file_name=file_name, mime=mime, key=key, icon=":material/download:")


def preview_tabs(check) -> None:
    """The difference of a return against the store: new, changed (old → new), unchanged, statuses."""
    changes = pd.DataFrame([c.as_dict() for c in check.changes],
                           columns=["kind", "indicator", "year", "breakdown", "old", "new", "sheet_row"])
    cols = {"indicator": texts.COL_INDICATOR_ID, "year": texts.YEAR, "breakdown": texts.COL_BREAKDOWN,
            "old": texts.COL_OLD, "new": texts.COL_NEW, "sheet_row": texts.PROBLEM_COLUMNS["row"]}
    parts = {k: changes[changes.kind == k].drop(columns="kind").rename(columns=cols)
             for k in ("new", "changed", "unchanged")}
    statuses = pd.DataFrame([{texts.COL_CODE: st_.measure, texts.YEAR: st_.year,
                              texts.COLUMNS_MEASURES["status"]: texts.IMPLEMENTATION[st_.status],
                              texts.COLUMNS_MEASURES["description"]: st_.description}
                             for st_ in check.statuses_to_save])
    tabs = st.tabs([texts.PREVIEW_NEW.format(n=len(parts["new"])),
                    texts.PREVIEW_CHANGED.format(n=len(parts["changed"])),
                    texts.PREVIEW_UNCHANGED.format(n=len(parts["unchanged"])),
                    texts.PREVIEW_STATUSES.format(n=len(statuses))])
    for tab, df, key in zip(tabs, [parts["new"].drop(columns=texts.COL_OLD), parts["changed"],
                                   parts["unchanged"].drop(columns=texts.COL_OLD), statuses],
                            ["prev_new", "prev_changed", "prev_unchanged", "prev_statuses"]):
        with tab:
            if df.empty:
                st.caption(texts.NONE_IN_LIST)
            else:
                table(df, key=key)


def batches_table(batches: pd.DataFrame, key: str) -> None:
    """The list of batches with Swedish headings and labels."""
    df = batches[list(texts.BATCH_COLUMNS)].copy()
    df["kind"] = df["kind"].map(lambda k: texts.BATCH_KINDS.get(k, k))
    df["status"] = df["status"].map(lambda k: texts.BATCH_STATUSES.get(k, k))
    df["created_at"] = df["created_at"].map(lambda t: f"{t:%Y-%m-%d %H:%M}")
    table(df.rename(columns=texts.BATCH_COLUMNS), key=key, height=260)


def batch_values_table(values: pd.DataFrame, key: str) -> None:
    """A batch's values; 'Gäller' says whether each is still the one shown."""
    df = values.copy()
    df["is_current"] = df["is_current"].map(texts.YES_NO)
    table(df.rename(columns={"indicator": texts.COL_INDICATOR_ID, "year": texts.YEAR,
                             "breakdown": texts.COL_BREAKDOWN, "value": texts.COL_NEW,
                             "comment": texts.COLUMNS_INDICATORS["comment"],
                             "sheet_row": texts.PROBLEM_COLUMNS["row"], "is_current": texts.COL_IS_CURRENT}),
          key=key)


def batch_statuses_table(statuses: pd.DataFrame, key: str) -> None:
    """A batch's measure statuses."""
    df = statuses.copy()
    df["is_current"] = df["is_current"].map(texts.YES_NO)
    df["status"] = df["status"].map(texts.IMPLEMENTATION)
    table(df.rename(columns={"measure": texts.COL_CODE, "year": texts.YEAR,
                             "status": texts.COLUMNS_MEASURES["status"],
                             "description": texts.COLUMNS_MEASURES["description"],
                             "is_current": texts.COL_IS_CURRENT}), key=key)


def review_table(df: pd.DataFrame, key: str) -> None:
    """A submitted batch's values beside the approved ones they would replace."""
    table(df.rename(columns={"indicator": texts.COL_INDICATOR_ID, "year": texts.YEAR,
                             "breakdown": texts.COL_BREAKDOWN, "old": texts.COL_OLD, "new": texts.COL_NEW,
                             "comment": texts.COLUMNS_INDICATORS["comment"],
                             "sheet_row": texts.PROBLEM_COLUMNS["row"]}), key=key)


def audit_table(log: pd.DataFrame, key: str) -> None:
    """The audit log with Swedish headings; before/after shown as compact JSON."""
    table(_audit_display(log), key=key, height=500)


def _audit_display(log: pd.DataFrame) -> pd.DataFrame:
    import json

    df = log.copy()
    df["at"] = df["at"].map(lambda t: f"{t:%Y-%m-%d %H:%M:%S}")
    for c in ("before", "after"):
        df[c] = df[c].map(lambda v: json.dumps(v, ensure_ascii=False) if v else "")
    return df.rename(columns=texts.AUDIT_COLUMNS)


def audit_csv(log: pd.DataFrame) -> bytes:
    """The shown audit log as CSV (formula-safe)."""
    from okdata.export import neutralise, to_csv

    return to_csv(_audit_display(log).map(neutralise))


def users_table(users: pd.DataFrame, key: str) -> None:
    """Accounts with Swedish headings."""
    df = users.copy()
    df["role"] = df["role"].map(lambda r: texts.ROLE_NAMES.get(r, r))
    for c in ("is_active", "is_demo"):
        df[c] = df[c].map(texts.YES_NO)
    table(df.rename(columns=texts.USERS_COLUMNS), key=key)


def chart(fig, key: str, alt: str, data: pd.DataFrame | None = None, data_label: str = "") -> None:
    """A Plotly chart with its text alternative beneath it, and its data as a table (WCAG 2.1 AA)."""
    st.plotly_chart(fig, key=key, config={"displaylogo": False, "locale": "sv"}, width="stretch")
    st.caption(alt)
    if data is not None:
        with st.expander(data_label or texts.MEETING_CHART_TABLE):
            table(data, key=f"{key}_data")


def build_on_click(label: str, key: str, build: Callable[[], bytes], file_name: str, mime: str,
                   spinner: str) -> None:
    """A button that builds a file only when clicked, then offers it for download."""
    if st.button(label, key=key, icon=":material/description:"):
        with st.spinner(spinner):
            st.session_state[f"built_{key}"] = build()
    if f"built_{key}" in st.session_state:
        download(texts.REPORT_DOWNLOAD.format(file=file_name), st.session_state[f"built_{key}"], file_name, mime,
                 key=f"dl_{key}")


def status_markdown(dist: dict, icons: dict | None = None, labels: dict | None = None, separator: str = " · ",
                    empty: str = texts.NOT_REPORTED) -> str:
    """A distribution of statuses as icon + text + count (never colour alone); progress statuses unless `icons`
    and `labels` say otherwise (texts.STATUS_ICONS and texts.IMPLEMENTATION for reported implementation)."""
    from okdata.progress import ICONS

    icons, labels = icons or ICONS, labels or texts.PROGRESS_STATUSES
    if not dist:
        return empty
    return separator.join(f"{icons.get(st_, '')} {labels.get(st_, st_)}: **{n}**" for st_, n in dist.items())


def change_list(changes: pd.DataFrame) -> None:
    """The largest movements in the figures, as text lines."""
    from okdata.formatting import fmt_change, fmt_pct, fmt_value

    if changes.empty:
        st.caption(texts.PROGRESS_VIEW["no_changes"])
        return
    for r in changes.itertuples():
        change = fmt_change(r.change, "share") if r.kind == "share" else (fmt_pct(r.change) if r.change is not None
                                                                         else "–")
        line = texts.PROGRESS_VIEW["change_line"].format(indicator=r.indicator, name=r.name,
                                                         before=fmt_value(r.before, r.kind),
                                                         after=fmt_value(r.after, r.kind), change=change)
        st.markdown(f"- {line}" + (f" *({texts.EXAMPLE_DATA})*" if r.example else ""))


def status_change_list(changes: pd.DataFrame) -> None:
    """Reported statuses changed since last year: how many of each change, the full list in an expander."""
    if changes.empty:
        st.caption(texts.PROGRESS_VIEW["no_changes"])
        return
    counts = changes.groupby(["before", "after"], sort=False).size().sort_values(ascending=False)
    for (before, after), n in counts.items():
        st.markdown("- " + texts.PROGRESS_VIEW["transition_line"].format(
            before=f"{texts.STATUS_ICONS[before]} {texts.IMPLEMENTATION[before]}",
            after=f"{texts.STATUS_ICONS[after]} {texts.IMPLEMENTATION[after]}", n=n))
    with st.expander(texts.PROGRESS_VIEW["all_changes"].format(n=len(changes))):
        labelled = changes.assign(before=changes.before.map(texts.IMPLEMENTATION),
                                  after=changes.after.map(texts.IMPLEMENTATION))
        table(labelled.rename(columns={"measure": texts.COL_CODE, "agency": texts.COL_AGENCIES,
                                      "before": texts.PROGRESS_VIEW["col_before"],
                                      "after": texts.PROGRESS_VIEW["col_after"]}), key="ov_status_changes")


def csv_download(df: pd.DataFrame, file_name: str, key: str) -> None:
    """A CSV download of a chart's data (UTF-8 with BOM for Excel)."""
    from okdata.export import neutralise, to_csv

    download(texts.PROGRESS_VIEW["csv"], to_csv(df.map(neutralise)), file_name, texts.CSV_MIME, key=key)


def reporting_table(df: pd.DataFrame, key: str) -> None:
    """Reported against expected values per year, the share as a percentage."""
    from okdata.formatting import fmt_pct

    out = df.copy()
    out["share"] = out["share"].map(lambda x: fmt_pct(x, 0) if x == x and x is not None else "–")
    table(out.rename(columns=texts.AGENCY_VIEW["columns"]), key=key)


def outcome_change_list(changes: pd.DataFrame) -> None:
    """Measures whose outcome status changed since last year, with icons (never colour alone)."""
    from okdata.progress import ICONS

    if changes.empty:
        st.caption(texts.PROGRESS_VIEW["no_outcome_changes"])
        return
    for r in changes.itertuples():
        st.markdown("- " + texts.PROGRESS_VIEW["outcome_line"].format(
            measure=r.measure, before=f"{ICONS[r.before]} {texts.PROGRESS_STATUSES[r.before]}",
            after=f"{ICONS[r.after]} {texts.PROGRESS_STATUSES[r.after]}"))


def trend_table(df: pd.DataFrame, key: str, trend_column: str, widths: dict | None = None) -> None:
    """A read-only table whose `trend_column` (lists of values) is drawn as a small line; `widths` maps
    column names (or their position, for names that depend on the year) to small/medium/large or pixels."""
    config = {c: st.column_config.Column(width=w) for c, w in (widths or {}).items()}
    config = {df.columns[c] if isinstance(c, int) else c: v for c, v in config.items()}
    config[trend_column] = st.column_config.LineChartColumn(trend_column, width="small")
    st.dataframe(safe_cells(df), hide_index=True, width="stretch", key=key, column_config=config)


def toggle_param(label: str, param: str, key: str, default: bool = False, inverted: bool = False,
                 checkbox: bool = False) -> bool:
    """A toggle (or checkbox) whose state lives in the URL as 1/0; `inverted` stores the opposite (a
    parameter named for what is shown when the box is off, e.g. visa_sma=1)."""
    value = url_param(param, lambda raw: {"1": True, "0": False}[raw] != inverted, default)
    widget = st.checkbox if checkbox else st.toggle
    value = widget(label, value=value, key=key)
    st.query_params[param] = "1" if value != inverted else "0"
    return value


def range_param(label: str, options: Sequence, first_param: str, last_param: str, key: str) -> tuple:
    """A range slider over `options` whose ends live in the URL (first_param, last_param); the whole range by
    default."""
    options = list(options)
    by_str = {str(o): o for o in options}
    first = url_param(first_param, by_str.__getitem__, options[0])
    last = url_param(last_param, by_str.__getitem__, options[-1])
    if options.index(first) > options.index(last):
        first, last = last, first
    if len(options) == 1:
        st.caption(f"{label}: {options[0]}")
        value = (options[0], options[0])
    else:
        value = st.select_slider(label, options=options, value=(first, last), key=key)
    st.query_params[first_param], st.query_params[last_param] = str(value[0]), str(value[1])
    return value
