"""Kommuner's comparison groups: the person's own named groups of municipalities, saved and removed here."""

import streamlit as st

from okdata import groups, texts
from okdata.web import access, page, widgets


def group_manager(ctx: page.Context, saved: dict[str, list[str]], chosen: str) -> None:
    """Save a group (the chosen one's municipalities to start from) or remove one; says what each came to."""
    towns = access.read(groups.municipalities)
    with st.expander(texts.COMPARISON_GROUPS["manage"], icon=":material/group_work:"):
        st.caption(texts.COMPARISON_GROUPS["only_yours"])
        with st.form("mun_group_form", border=False):
            name = st.text_input(texts.COMPARISON_GROUPS["name"], value=chosen, max_chars=groups.NAME_MAX,
                                 key="mun_group_name")
            areas = st.multiselect(texts.COMPARISON_GROUPS["areas"], list(towns), default=saved.get(chosen, []),
                                   format_func=towns.get, key="mun_group_areas", placeholder=texts.CHOOSE_MANY)
            if st.form_submit_button(texts.COMPARISON_GROUPS["save"], icon=":material/save:"):
                widgets.say(access.act(groups.save_group, ctx.actor, name, areas))
        if saved:
            gone = st.selectbox(texts.COMPARISON_GROUPS["delete_pick"], list(saved), key="mun_group_gone",
                                placeholder=texts.CHOOSE_ONE)
            if st.button(texts.COMPARISON_GROUPS["delete"], key="mun_group_delete", icon=":material/delete:"):
                widgets.say(access.act(groups.delete_group, ctx.actor, gone))
