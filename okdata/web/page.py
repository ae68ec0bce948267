"""The page frame every page starts with: configuration, the database, sign-in, the role's check, the menu, and
a Swedish message for any error that escapes a page."""

from dataclasses import dataclass

import streamlit as st

from okdata import db, texts
from okdata.auth import Actor, may_open
from okdata.heap import settle
from okdata.install import ensure_database, has_catalog
from okdata.scope import Scope, scope_for
from okdata.web import access
from okdata.web.signin import hand_over_cookie, sign_in_page, sign_out, signed_in
from okdata.web.widgets import plain


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
    Page("reporting", "pages/13_Rapporteringslage.py", texts.MENU["reporting"], ":material/checklist:"),
    Page("violence", "pages/3_Valdstyper.py", texts.MENU["violence"], ":material/stacked_bar_chart:"),
    Page("municipalities", "pages/4_Kommuner.py", texts.MENU["municipalities"], ":material/map:"),
    Page("indicator", "pages/14_Indikator.py", texts.MENU["indicator"], ":material/monitoring:"),
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
# Keyboard focus as a thick outline (Okabe–Ito blue, 5:1 on white, with a white ring for dark backgrounds):
# Streamlit marks focus on a menu link with the same tint as the current page, so the two looked alike (issue 20).
FOCUS_STYLE = """<style>
:focus-visible { outline: 3px solid #0072B2 !important; outline-offset: 2px !important;
                 box-shadow: 0 0 0 5px #ffffff !important; }
</style>"""


@dataclass(frozen=True)
class Context:
    """What a page knows after frame(): the database, who is signed in and what they may see (okdata.scope)."""

    url: str
    actor: Actor | None = None
    scope: Scope = Scope()
    period: str = ""  # the chosen plan period's years, '2024–2027', for labels that name them

    @property
    def approved_only(self) -> bool:
        """Whether the views count approved figures only (the scope decides)."""
        return self.scope.approved_only

    def __enter__(self) -> "Context":
        return self

    def __exit__(self, kind, error, _traceback) -> None:
        access.end_reads(error)  # the page's readers shared one read transaction (access.begin_reads)


def frame(page: str, sidebar: str = "expanded") -> Context:
    """Set up a page: config, database (created with examples on first start), sign-in, role check, menu.

    Every page calls it first, as `with page.frame(…) as ctx:` around its body, because a deep link runs a page
    script without app.py. The role is read from the database on every run; a page the role may not open shows
    nothing but a notice. `sidebar`: "collapsed" for a page shown on a projector (Mötesläge). The readers of the
    run, the frame's own included, share one read transaction until the block ends (access.begin_reads).
    """
    access.begin_reads()
    try:
        return _frame(page, sidebar)
    except BaseException as e:  # st.stop() for a page not shown, or an error: the block is never entered
        access.end_reads(e)
        raise


def _frame(page: str, sidebar: str) -> Context:
    _catch_page_errors()
    st.set_page_config(page_title=f"{texts.PAGE_TITLES[page]} – {texts.APP_TITLE}", page_icon="📊",
                       layout="wide", initial_sidebar_state=sidebar)
    st.html(FOCUS_STYLE)
    url = db.database_url()
    if not _ready(url):
        st.error(texts.DATABASE_EMPTY)
        st.stop()
    actor = signed_in(url)  # in one read transaction with the data version (access.read_versions)
    if actor is None:
        access.end_reads()  # nothing more to read in it: a sign-in is a write of its own
        sign_in_page(url)
        st.stop()
    access.read_versions()
    period = _menu(page, actor)
    if not actor.may_open(page):
        st.warning(texts.PAGE_NOT_ALLOWED.format(page=texts.PAGE_TITLES[page],
                                                 role=texts.ROLE_NAMES.get(actor.role, actor.role)))
        st.stop()
    include_submitted = _include_submitted(actor.username) if actor.is_coordinator else False
    return Context(url=url, actor=actor, scope=scope_for(actor, include_submitted), period=period)


INCLUDE_SUBMITTED_KEPT = "include_submitted_kept"  # not a widget's key: Streamlit keeps it across pages


def _include_submitted(username: str) -> bool:
    """The Samordnare's "Visa även inskickade" switch, as set for the session on any page. A widget's state is
    its page's: drawn anew on the next page it started off, so its value is kept under a key of its own and
    given back to it on every page (Streamlit's "Working with widgets in multipage apps", option 3). Kept with
    the user's name: whoever signs in next in the same tab starts with it off."""

    def keep() -> None:
        st.session_state[INCLUDE_SUBMITTED_KEPT] = (username, st.session_state["include_submitted"])

    kept_by, kept = st.session_state.get(INCLUDE_SUBMITTED_KEPT, (username, False))
    st.session_state["include_submitted"] = kept and kept_by == username
    return st.sidebar.toggle(texts.INCLUDE_SUBMITTED, key="include_submitted", on_change=keep)


def _choose_plan() -> str:
    """The plan period every reader of this run uses: chosen in the sidebar and kept in the URL (`plan`), the
    current one by default; an earlier plan stays fully readable with its published reports. Returns its code."""
    from okdata.catalog import default_plan_code, plan_periods
    from okdata.formatting import period_label
    from okdata.web.widgets import select_param

    plans = access.read(plan_periods)
    st.session_state[access.PLAN_KEY] = None
    current = access.read(default_plan_code)
    by_code = {p["code"]: p for p in plans}
    # the box shows the years, which fit the sidebar whole at 1366×768; the plan's name and revision beneath it
    chosen = select_param(texts.PLAN_CHOICE, list(by_code), "plan", "plan_choice", default=current,
                          format_func=lambda c: texts.PLAN_OPTION.format(
                              years=period_label(c), current=texts.PLAN_CURRENT if c == current else ""))
    st.caption(texts.PLAN_REVISION.format(name=plain(by_code[chosen]["name"]), revision=by_code[chosen]["revision"]))
    st.session_state[access.PLAN_KEY] = chosen
    return chosen


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


@st.cache_resource(show_spinner=texts.CREATING_DATABASE)
def _ensure(url: str) -> bool:

    created = ensure_database(url)
    settle()
    return created


_READY: set[str] = set()  # the databases found with a catalog by this process


def _ready(url: str) -> bool:
    """Whether the database has its catalog, created with examples on first start (SQLite). Once it has one it keeps
    it, so it is checked only until then: on every view, two cached calls hashed their arguments (0,16 ms of a
    5 ms warm view, issue 16), and a database found empty showed so for a minute after its catalog came."""
    if url in _READY:
        return True
    _ensure(url)
    if not has_catalog(url):
        return False
    _READY.add(url)
    return True


def _menu(current: str, actor: Actor) -> str:
    """The sidebar: the title, the plan period's subtitle and its choice at the top (in view at 1366×768 without
    scrolling, issue 19), the role's pages, who is signed in. Returns the chosen period's years ('2024–2027')."""
    from okdata.formatting import period_label

    with st.sidebar:
        st.markdown(f"### {texts.APP_TITLE}")
        subtitle = st.empty()  # filled once the period is chosen below it
        period = period_label(_choose_plan())
        subtitle.caption(texts.APP_SUBTITLE.format(period=period))
        _page_links(str(actor.role))
        st.divider()
        agency = f", {plain(actor.agency_name)}" if actor.agency_name else ""
        st.caption(texts.SIGNED_IN_AS.format(name=plain(actor.display_name),
                                             role=texts.ROLE_NAMES.get(actor.role, actor.role), agency=agency))
        if st.button(texts.SIGN_OUT, key="signout", icon=":material/logout:"):
            if getattr(st.user, "is_logged_in", False):
                st.logout()  # clears the identity cookie and reloads; a rerun here would cut that short
            else:
                sign_out(actor)
        hand_over_cookie()
    return period


@st.cache_resource(max_entries=32, show_spinner=False)
def _page_links(role: str) -> None:
    """The menu's links to the pages the role may open, drawn once per role and sent again to every later view (a
    link is the same whichever page shows it: the browser marks the current one). Nine links resolved their paths
    on disk on every view, a fifth of the frame; keyed by the links themselves, hashing them cost half as much
    again (issue 16)."""
    for p in PAGES:
        if may_open(role, p.key):
            st.page_link(p.path, label=p.label, icon=p.icon)


# --- Cached readers -------------------------------------------------------------------------------


# --- Widgets bound to the URL (shareable views) ---------------------------------------------------


# --- Display --------------------------------------------------------------------------------------


# --- Writes and uploads ---------------------------------------------------------------------------


