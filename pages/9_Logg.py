"""Logg: every change in the tool (who, when, what, before and after), filterable and exportable."""

import streamlit as st

from okdata import auth, texts
from okdata.export import CSV_MIME
from okdata.web import access, page, widgets
from okdata.web.views import admin as views

with page.frame("audit") as ctx:
    st.title(texts.PAGE_TITLES["audit"])
    st.caption(texts.AUDIT_INTRO)
    left, right = st.columns(2)
    user = left.text_input(texts.AUDIT_USER, value=widgets.url_param("anvandare", default=""), key="audit_user")
    actions = ["", *sorted(texts.AUDIT_ACTIONS, key=texts.AUDIT_ACTIONS.get)]
    action = right.selectbox(texts.AUDIT_ACTION, actions, key="audit_action", placeholder=texts.CHOOSE_ONE,
                             format_func=lambda a: texts.AUDIT_ACTIONS.get(a, texts.AUDIT_ALL))
    hide = widgets.toggle_param(texts.AUDIT_HIDE_FAILED, "dolj_misslyckade", "audit_hide_failed")
    log, found = access.read_now(auth.audit_log, ctx.scope, user.strip(), action, hide_failed_sign_ins=hide)
    views.audit_extent(len(log), found)
    views.audit_table(log, key="audit_log")
    widgets.download(texts.AUDIT_EXPORT, views.audit_csv(log), "okdata-logg.csv", CSV_MIME, key="audit_csv")
