"""Issue 20: which counts may be shown per 100 000 inhabitants, and saved groups of municipalities

`indicator.per_capita` says whether a count counts people or events in the population (the catalog's
`per_100k`); existing indicators get it from their code here, and the next catalog load sets it from the file.
`comparison_group` holds a person's named groups of municipalities on Kommuner.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 15:34:20.601264
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0010'
down_revision: Union[str, None] = '0009'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The catalog's counts of people or events in the population (okdata/data/catalog_2024_2027.toml, per_100k).
PER_CAPITA = ("1.6a", "1.6b", "1.6c", "2.6a", "2.10a", "4.2a", "R2.3")


def upgrade() -> None:
    op.create_table('comparison_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('area_codes', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comparison_group')),
    sa.UniqueConstraint('user_name', 'name', name=op.f('uq_comparison_group_user_name'))
    )
    with op.batch_alter_table('comparison_group', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comparison_group_user_name'), ['user_name'], unique=False)

    # A plain ADD COLUMN: a batch copy of `indicator` would drop a table that other tables' rows refer to.
    op.add_column('indicator', sa.Column('per_capita', sa.Boolean(), nullable=False, server_default=sa.false()))
    indicator = sa.table("indicator", sa.column("code", sa.String), sa.column("kind", sa.String),
                         sa.column("per_capita", sa.Boolean))
    op.get_bind().execute(indicator.update().where(indicator.c.code.in_(PER_CAPITA), indicator.c.kind == "count")
                          .values(per_capita=True))


def downgrade() -> None:
    op.drop_column('indicator', 'per_capita')

    with op.batch_alter_table('comparison_group', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comparison_group_user_name'))

    op.drop_table('comparison_group')
