"""Granska: the Samordnare's queue of submitted uploads, each approved or returned with a reason."""

import streamlit as st

from okdata import texts
from okdata.file_text import MAX_TYPED
from okdata.formatting import fmt_counted, fmt_time
from okdata.history import batch_status, batch_statuses, batch_warnings
from okdata.review import batch_review, review, submitted_batches
from okdata.web import access, page, widgets
from okdata.web.views import returns as views

with page.frame("review") as ctx:
    st.title(texts.PAGE_TITLES["review"])
    st.caption(texts.REVIEW_INTRO)
    just = widgets.said()  # what the last approval or return came to, above the queue as it is now
    queue = access.read(submitted_batches, ctx.scope)
    if just is not None:  # the queue after it, and no other return's buttons where the clicked ones were
        st.query_params.pop("nr", None)  # the next run opens the queue's first, with nothing said of this one
        if not queue.empty:
            views.batches_table(queue, key="review_queue", reviewed=False)
            st.button(texts.REVIEW_NEXT.format(n=len(queue)), key="review_next", icon=":material/arrow_forward:")
            st.stop()
    wanted = widgets.url_param("nr", widgets.url_int(1, strict=True))
    if wanted is None and widgets.url_param("nr"):  # -1, a number no id can be, a word: quoted, not changed
        st.info(texts.REVIEW_NOT_A_NUMBER.format(raw=widgets.plain(widgets.url_param("nr")[:40])),
                icon=":material/info:")
    if wanted is not None and wanted not in set(queue.id):
        st.info(texts.REVIEW_NOT_WAITING[access.read(batch_status, wanted)].format(id=wanted), icon=":material/info:")
    if queue.empty:
        st.success(texts.REVIEW_EMPTY, icon=":material/done_all:")
        st.stop()
    views.batches_table(queue, key="review_queue", reviewed=False)
    labels = {int(b.id): texts.BATCH_LABEL.format(id=b.id, agency=b.agency, file=b.file_name,
                                                  when=fmt_time(b.created_at)) for b in queue.itertuples()}
    chosen = widgets.select_param(texts.REVIEW_PICK, list(labels), "nr", "review_batch", format_func=labels.get,
                                  quiet=True)
    batch = queue[queue.id == chosen].iloc[0]
    st.markdown(fmt_counted(texts.REVIEW_CHECKS, texts.COUNTED, warnings=int(batch.n_warnings)))
    views.upload_warnings(access.read(batch_warnings, chosen, ctx.scope), int(batch.n_warnings),
                          key="review_warnings")
    st.markdown(texts.REVIEW_CHANGES)
    views.review_table(access.read(batch_review, chosen, ctx.scope), key="review_values")
    statuses = access.read(batch_statuses, chosen, ctx.scope)
    if not statuses.empty:
        st.header(texts.BATCH_STATUS_ROWS.format(id=chosen))
        views.batch_statuses_table(statuses, key="review_statuses")

    left, right = st.columns(2)
    with left:
        if st.button(texts.APPROVE, type="primary", key=f"approve_{chosen}", icon=":material/check:"):
            widgets.say_after(access.act(review, chosen, ctx.actor, True))
    with right:
        reason = st.text_area(texts.RETURN_REASON, key=f"reason_{chosen}", max_chars=MAX_TYPED)
        if st.button(texts.RETURN, key=f"return_{chosen}", icon=":material/undo:"):
            widgets.say_after(access.act(review, chosen, ctx.actor, False, reason))
