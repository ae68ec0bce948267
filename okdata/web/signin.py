"""Signing in on a page: local accounts (a server-side session kept in the tab and an HttpOnly cookie for a working
day, docs/inloggning.md) and the organisation's sign-in (OIDC, st.login); the role is read from the database on
every run."""

from typing import Any

import streamlit as st

from okdata import db, routes, signin, texts
from okdata.auth import DEMO_PASSWORD, Actor, actor_for, demo_accounts
from okdata.values import has_example_data
from okdata.web import access
from okdata.web.widgets import plain

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



def signed_in(url: str) -> Actor | None:
    """The signed-in user as the database says now (never cached).

    A local sign-in is a session row, found by the tab's session id or else by the browser's cookie (a new tab,
    a reload, a copied link); it ends at sign-out, when the account is disabled or its role changes, and after a
    working day.

    The tab's own session is looked up first: a tab gets one only from a local sign-in or the cookie, which are
    tried only when no identity provider has signed the browser in, so it settles the question without asking
    st.user, which reads the secrets on every call (a thirtieth of a warm view, issue 16)."""
    session_id = st.session_state.get(SESSION_KEY)
    if session_id:
        with access.reading(url) as s:
            found = signin.session_actor(s, session_id)
        if found is not None:
            return found[1]
    if getattr(st.user, "is_logged_in", False):
        login = signin.oidc_login(st.user)
        with access.reading(url) as s:
            actor = actor_for(s, login)
        if actor is None:
            st.error(texts.SIGN_IN_NO_ACCOUNT.format(name=plain(login)))  # the provider's text, as text
            if st.button(texts.SIGN_OUT, key="signout_unknown"):
                st.logout()
            st.stop()
        return actor
    token = _cookie()  # no session of the tab's own, or it ended: the browser's cookie (a new tab, a reload)
    found = None
    if token:
        with access.reading(url) as s:
            found = signin.session_actor(s, None, token)
    if found is None:
        st.session_state.pop(SESSION_KEY, None)
        return None
    st.session_state[SESSION_KEY] = found[0]
    return found[1]



def sign_in_page(url: str) -> None:
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
        st.header(texts.DEMO_TITLE)
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



def _cookie() -> str | None:
    """The browser's sign-in cookie, read only when the tab has no session of its own or its session has ended (a
    tenth of a warm view's frame in the benchmarks, issue 16)."""
    return _browser_value(st.context.cookies.get(signin.COOKIE_NAME))


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



def sign_out(actor: Actor) -> None:
    session_id = st.session_state.get(SESSION_KEY)
    if session_id:  # ended in the database first: a busy database stops here and the session goes on
        access.write(signin.end_session, session_id, actor)
    st.session_state.pop(SESSION_KEY, None)
    if routes.MOUNTED:
        st.session_state[_CLEAR_COOKIE_KEY] = True
    st.rerun()


def hand_over_cookie() -> None:
    """In the run right after a sign-in, let the browser trade the one-time code for its HttpOnly cookie."""
    if st.session_state.get(_HANDOFF_KEY):
        _post_to_route(routes.SIGN_IN_PATH, {"code": st.session_state.pop(_HANDOFF_KEY)})
