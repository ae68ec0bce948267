"""A published version keeps its Excel file's value sheet (every approved value of the year), so that the file
downloaded later is the one people got at publishing

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 18:40:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0011'
down_revision: Union[str, None] = '0010'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('publication', sa.Column('value_rows', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    op.drop_column('publication', 'value_rows')
