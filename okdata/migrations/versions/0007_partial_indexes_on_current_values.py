"""Issue 16: the views' indexes cover current values only

The two flag indexes on observation, (is_approved, indicator_id, year) and (is_current, indicator_id, year), held
every superseded version too, so a reader of one indicator's current values walked its history. They become
partial indexes over the value key, one for approved rows and one for current rows, whose size follows the
current store. Downgrading restores the flag indexes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 16:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: Union[str, None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

KEY = ["indicator_id", "violence_type", "area_code", "grp", "category", "year"]


def upgrade() -> None:
    op.drop_index("ix_observation_approved", table_name="observation")
    op.drop_index("ix_observation_current", table_name="observation")
    for name, flag in (("ix_observation_approved_key", "is_approved"), ("ix_observation_current_key", "is_current")):
        op.create_index(name, "observation", KEY, sqlite_where=sa.text(f"{flag} IS 1"),
                        postgresql_where=sa.text(f"{flag} IS true"))


def downgrade() -> None:
    op.drop_index("ix_observation_approved_key", table_name="observation")
    op.drop_index("ix_observation_current_key", table_name="observation")
    op.create_index("ix_observation_approved", "observation", ["is_approved", "indicator_id", "year"])
    op.create_index("ix_observation_current", "observation", ["is_current", "indicator_id", "year"])
