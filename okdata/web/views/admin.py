"""Views for Samordnare and Administratörer: the audit log and the accounts."""

import json

import pandas as pd

from okdata import texts
from okdata.export import neutralise, to_excel_csv
from okdata.formatting import fmt_time
from okdata.web.widgets import table


def audit_table(log: pd.DataFrame, key: str) -> None:
    """The audit log with Swedish headings; before/after shown as compact JSON."""
    table(_audit_display(log), key=key, height=500)



def _audit_display(log: pd.DataFrame) -> pd.DataFrame:

    df = log.copy()
    df["at"] = df["at"].map(lambda t: fmt_time(t, seconds=True))
    df["action"] = df["action"].map(lambda a: texts.AUDIT_ACTIONS.get(a, a))
    df["entity"] = df["entity"].map(lambda e: texts.AUDIT_ENTITIES.get(e, e))
    for c in ("before", "after"):
        df[c] = df[c].map(lambda v: json.dumps(v, ensure_ascii=False) if v else "")
    return df.rename(columns=texts.AUDIT_COLUMNS)



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
