"""Issue 15: a published lägesrapport names its indicators by `code`

An indicator in a published report's content was keyed "id" while holding the catalog code (2.4a); everywhere
else `id` is a database key. The key becomes "code" in every stored publication. Downgrading restores "id".

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 15:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: Union[str, None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _rename(old: str, new: str) -> None:
    conn = op.get_bind()
    publication = sa.table("publication", sa.column("id", sa.Integer), sa.column("content", sa.JSON))
    for row_id, content in conn.execute(sa.select(publication.c.id, publication.c.content)).all():
        changed = False
        for goal in (content or {}).get("goals", []):
            for indicator in goal.get("indicators", []):
                if old in indicator:
                    indicator[new] = indicator.pop(old)
                    changed = True
        if changed:
            conn.execute(publication.update().where(publication.c.id == row_id).values(content=content))


def upgrade() -> None:
    _rename("id", "code")


def downgrade() -> None:
    _rename("code", "id")
