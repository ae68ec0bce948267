"""Användare: accounts and roles (administrators)."""

import streamlit as st

from okdata import auth, texts
from okdata.catalog import list_agencies
from okdata.domain import Role
from okdata.web import access, page, widgets
from okdata.web.views import admin as views

with page.frame("users") as ctx:
    st.title(texts.PAGE_TITLES["users"])
    st.caption(texts.USERS_INTRO)
    users = access.read_now(auth.list_users)
    views.users_table(users, key="users_list")
    agencies = {a.id: a.name for a in access.read(list_agencies)}

    st.header(texts.USER_ADD)
    with st.form("user_add", clear_on_submit=True):
        a, b = st.columns(2)
        username = a.text_input(texts.USER_NAME)
        display = b.text_input(texts.USER_DISPLAY)
        role = a.selectbox(texts.USER_ROLE, list(Role), format_func=texts.ROLE_NAMES.get, placeholder=texts.CHOOSE_ONE)
        agency = b.selectbox(texts.USER_AGENCY, [None, *agencies], placeholder=texts.CHOOSE_ONE,
                             format_func=lambda i: agencies.get(i, texts.USER_NO_AGENCY))
        password = st.text_input(texts.USER_PASSWORD, type="password")
        if st.form_submit_button(texts.USER_SAVE, type="primary"):
            widgets.say(access.act(auth.add_user, ctx.actor, username, role, password or None, display, agency,
                                   done=lambda u: texts.USER_ADDED.format(username=u.username)))

    if not users.empty:
        st.header(texts.USER_CHANGE)
        with st.form("user_change"):
            name = st.selectbox(texts.USER_PICK, list(users.username), placeholder=texts.CHOOSE_ONE)
            current = users[users.username == name].iloc[0]
            a, b = st.columns(2)
            role = a.selectbox(texts.USER_ROLE, list(Role), index=list(Role).index(Role(current.role)),
                               format_func=texts.ROLE_NAMES.get, placeholder=texts.CHOOSE_ONE)
            active = b.checkbox(texts.USER_ACTIVE, value=bool(current.is_active))
            if st.form_submit_button(texts.USER_UPDATE):
                widgets.say(access.act(auth.change_user, ctx.actor, name, role, active))
