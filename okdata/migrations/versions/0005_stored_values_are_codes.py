"""Issue 15: stored values are the domain's codes, not display labels

Roles were Swedish-ASCII words (lasare, rapportor, samordnare), measure statuses and frequencies their Swedish
labels (Genomförd, Årligen), an indicator's breakdowns Swedish words (våldstyp). They become okdata.domain's
codes; the labels live in okdata.texts. Downgrading restores the old words.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 14:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: Union[str, None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

ROLES = {"lasare": "reader", "rapportor": "reporter", "samordnare": "coordinator", "admin": "admin"}
STATUSES = {"Ej påbörjad": "not_started", "Pågående": "ongoing", "Genomförd": "done", "Försenad": "delayed",
            "Avbruten": "cancelled"}
FREQUENCIES = {"Årligen": "yearly", "Vid handlingsplanens slut": "plan_end"}
DIMENSIONS = {"våldstyp": "violence_type", "område": "area", "grupp": "group", "kategori": "category"}


def _recode(table: str, column: str, mapping: dict[str, str]) -> None:
    for old, new in mapping.items():
        op.execute(sa.text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old").bindparams(old=old, new=new))


def _breakdowns(mapping: dict[str, str]) -> None:
    conn = op.get_bind()
    indicator = sa.table("indicator", sa.column("id", sa.Integer), sa.column("breakdowns", sa.JSON))
    for row_id, breakdowns in conn.execute(sa.select(indicator.c.id, indicator.c.breakdowns)).all():
        new = [mapping.get(b, b) for b in (breakdowns or [])]
        if new != breakdowns:
            conn.execute(indicator.update().where(indicator.c.id == row_id).values(breakdowns=new))


def _publications(statuses: dict[str, str], frequencies: dict[str, str]) -> None:
    """A published lägesrapport keeps what it showed: its statuses and frequencies are recoded like the rows."""
    conn = op.get_bind()
    publication = sa.table("publication", sa.column("id", sa.Integer), sa.column("content", sa.JSON))
    for row_id, content in conn.execute(sa.select(publication.c.id, publication.c.content)).all():
        for goal in (content or {}).get("goals", []):
            goal["status_distribution"] = {statuses.get(k, k): n for k, n in goal.get("status_distribution", {}).items()}
            for measure in goal.get("measures", []):
                measure["frequency"] = frequencies.get(measure.get("frequency"), measure.get("frequency"))
                for status in measure.get("statuses", []):
                    status["status"] = statuses.get(status["status"], status["status"])
        conn.execute(publication.update().where(publication.c.id == row_id).values(content=content))


def upgrade() -> None:
    _recode("app_user", "role", ROLES)
    _recode("sign_in_session", "role", ROLES)
    _recode("measure_status", "status", STATUSES)
    _recode("measure", "frequency", FREQUENCIES)
    _recode("indicator", "frequency", FREQUENCIES)
    _breakdowns(DIMENSIONS)
    _publications(STATUSES, FREQUENCIES)


def downgrade() -> None:
    _recode("app_user", "role", {v: k for k, v in ROLES.items()})
    _recode("sign_in_session", "role", {v: k for k, v in ROLES.items()})
    _recode("measure_status", "status", {v: k for k, v in STATUSES.items()})
    _recode("measure", "frequency", {v: k for k, v in FREQUENCIES.items()})
    _recode("indicator", "frequency", {v: k for k, v in FREQUENCIES.items()})
    _breakdowns({v: k for k, v in DIMENSIONS.items()})
    _publications({v: k for k, v in STATUSES.items()}, {v: k for k, v in FREQUENCIES.items()})
