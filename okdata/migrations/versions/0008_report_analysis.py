"""Issue 18: the Samordnare's written analysis per goal and year in the lägesrapport, every version kept

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 16:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0008'
down_revision: Union[str, None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('report_analysis',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('goal_number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_analysis'))
    )
    op.create_index('ix_report_analysis_year_goal', 'report_analysis', ['year', 'goal_number'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_report_analysis_year_goal', table_name='report_analysis')
    op.drop_table('report_analysis')
