"""A saved return keeps the warnings its uploader confirmed, word for word (Granska and Historik list them; before,
only their number was kept)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 02:45:00
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0012'
down_revision: Union[str, None] = '0011'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('batch_warning',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('sheet', sa.Text(), nullable=False),
    sa.Column('sheet_row', sa.Integer(), nullable=True),
    sa.Column('sheet_column', sa.Text(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('confirmed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_batch_warning_batch_id_import_batch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_batch_warning'))
    )
    with op.batch_alter_table('batch_warning', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_batch_warning_batch_id'), ['batch_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('batch_warning', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_batch_warning_batch_id'))
    op.drop_table('batch_warning')
