"""Historik: every upload, openable with its values, undoable exactly; export of every value."""

import pandas as pd
import streamlit as st

from okdata import texts
from okdata.export import export_frame
from okdata.formatting import fmt_time
from okdata.history import (
    batch_statuses,
    batch_values,
    batch_warnings,
    list_batches,
    may_undo,
    rollback,
    undoable,
    year_lock,
)
from okdata.web import access, page, widgets
from okdata.web.views import returns as views

with page.frame("history") as ctx:
    st.title(texts.PAGE_TITLES["history"])
    st.caption(texts.HISTORY_INTRO)
    widgets.said()  # what the last undo came to, above the list as it is now
    with st.expander(texts.EXPORT, icon=":material/download:"):  # first: also for an agency without uploads
        st.caption(texts.EXPORT_SCOPE[ctx.scope.unapproved])
        every = st.checkbox(texts.EXPORT_ALL_VERSIONS, key="hist_export_versions", help=texts.EXPORT_ALL_VERSIONS_HELP)
        if st.button(texts.PREPARE_EXPORT, key="hist_export"):
            widgets.downloads(access.read(export_frame, ctx.scope, versions=every),
                              texts.EXPORT_FILE_VERSIONS if every else texts.EXPORT_FILE, key="hist_dl")
    batches = access.read(list_batches, ctx.scope)
    if batches.empty:
        st.info(texts.HISTORY_EMPTY)
        st.stop()
    views.batches_table(batches, key="hist_batches")

    labels = {int(b.id): texts.BATCH_LABEL.format(id=b.id, agency=b.agency or texts.BATCH_KINDS.get(b.kind, b.kind),
                                                  file=b.file_name or "–", when=fmt_time(b.created_at))
              for b in batches.itertuples()}
    chosen = widgets.select_param(texts.OPEN_BATCH, list(labels), "nr", "hist_batch", format_func=labels.get)
    batch = batches[batches.id == chosen].iloc[0]
    st.header(texts.BATCH_VALUES.format(id=chosen))
    views.batch_values_table(access.read(batch_values, chosen, ctx.scope), key="hist_values")
    statuses = access.read(batch_statuses, chosen, ctx.scope)
    if not statuses.empty:
        st.header(texts.BATCH_STATUS_ROWS.format(id=chosen))
        views.batch_statuses_table(statuses, key="hist_statuses")
    if batch.n_warnings:
        st.header(texts.BATCH_WARNINGS.format(id=chosen))
        views.upload_warnings(access.read(batch_warnings, chosen, ctx.scope), int(batch.n_warnings),
                              key="hist_warnings")

    if batch.status == "returned":
        st.warning(texts.RETURNED_BECAUSE.format(id=chosen, reason=widgets.plain(batch.review_note)),
                   icon=":material/undo:")
    elif batch.status in texts.BATCH_STATE_NOTICE:
        st.info(texts.BATCH_STATE_NOTICE[batch.status].format(id=chosen, by=batch.replaced_by),
                icon=":material/info:")
    locked = access.read(year_lock, None if pd.isna(batch.year) else int(batch.year))
    offered = undoable(batch.kind, batch.status) and may_undo(ctx.actor, batch.agency_id, batch.status, bool(locked))
    but_for_lock = undoable(batch.kind, batch.status) and may_undo(ctx.actor, batch.agency_id, batch.status)
    if not offered and not but_for_lock and st.session_state.get(f"hist_undo_{chosen}"):
        # clicked on a view from before the return was approved or undone by someone else: the click is answered
        # (the domain says what became of it and that nothing changed), not lost with the button
        widgets.say(access.act(rollback, chosen, ctx.actor))
    if offered:
        with st.container(border=True):
            st.markdown(f"**{texts.UNDO.format(id=chosen)}**")
            if locked:
                st.warning(texts.UNDO_IN_LOCKED_YEAR.format(year=int(batch.year), why=locked), icon=":material/lock:")
            sure = st.checkbox(texts.UNDO_CONFIRM.format(id=chosen), key=f"hist_undo_confirm_{chosen}")
            if st.button(texts.UNDO.format(id=chosen), disabled=not sure, key=f"hist_undo_{chosen}",
                         icon=":material/undo:"):
                done = access.act(rollback, chosen, ctx.actor)
                access.forget_checks()
                widgets.say_after(done)  # the list and the values then show it undone, without this button
    elif but_for_lock:  # the year locked since (a click on the view from before is answered by this too)
        st.info(texts.UNDO_LOCKED.format(id=chosen, year=int(batch.year), why=locked), icon=":material/lock:")
