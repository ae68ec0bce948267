"""Views for Samordnare and Administratörer: the audit log and the accounts."""

import json

import pandas as pd
import streamlit as st

from okdata import texts
from okdata.export import neutralise, to_excel_csv
from okdata.formatting import fmt_num, fmt_time
from okdata.web.widgets import table


def audit_extent(shown: int, found: int) -> None:
    """How many of the events found the log shows (the newest), and how to reach the others."""
    if shown < found:
        st.caption(texts.AUDIT_EXTENT.format(shown=fmt_num(shown), found=fmt_num(found)))


def audit_table(log: pd.DataFrame, key: str) -> None:
    """The audit log with Swedish headings; before/after shown as compact JSON."""
    table(_audit_display(log), key=key, height=500)



def _audit_display(log: pd.DataFrame) -> pd.DataFrame:

    df = log.copy()
    df["at"] = df["at"].map(lambda t: fmt_time(t, seconds=True))
    df["action"] = df["action"].map(lambda a: texts.AUDIT_ACTIONS.get(a, a))
    df["entity"] = df["entity"].map(lambda e: texts.AUDIT_ENTITIES.get(e, e))
    for c in ("before", "after"):
        df[c] = df[c].map(audit_state)
    return df.rename(columns=texts.AUDIT_COLUMNS)


def audit_state(state: dict | None) -> str:
    """The state before or after an event in Swedish words, 'status: Godkänd; ersatt av: 12': each key's name
    (texts.AUDIT_FIELDS), a status or role by its name, yes/no, lists joined; '' for none."""
    if not state:
        return ""
    if not isinstance(state, dict):
        return json.dumps(state, ensure_ascii=False)

    def shown(key: str, value) -> str:
        if value is None:
            return texts.MISSING
        if isinstance(value, bool):
            return texts.YES_NO[value]
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value) or texts.MISSING
        if key == "status":
            return texts.BATCH_STATUSES.get(value, value)
        if key == "role":
            return texts.ROLE_NAMES.get(value, value)
        return str(value)

    return "; ".join(f"{texts.AUDIT_FIELDS.get(k, k)}: {shown(k, v)}" for k, v in state.items())



def audit_csv(log: pd.DataFrame) -> bytes:
    """The shown audit log as CSV for Swedish Excel (semicolons, formula-safe)."""

    return to_excel_csv(_audit_display(log).map(neutralise))



def users_table(users: pd.DataFrame, key: str) -> None:
    """Accounts with Swedish headings."""
    df = users.copy()
    df["role"] = df["role"].map(lambda r: texts.ROLE_NAMES.get(r, r))
    for c in ("is_active", "is_demo"):
        df[c] = df[c].map(texts.YES_NO)
    table(df.rename(columns=texts.USERS_COLUMNS), key=key)
