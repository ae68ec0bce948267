"""Issue 19: catalog revisions, retired goals, carried-over indicators and the plan a plan was started from

Adds `catalog_revision` (each saved revision of a plan's catalog as its document), `goal.retired`,
`indicator.series_id` (the earlier plan's indicator whose series a carried-over indicator continues) and
`plan_period.predecessor_id`. Existing rows keep their meaning: no goal is retired, no indicator continues another,
and a plan without revision rows is read from its tables as before.

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-01 16:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: Union[str, None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "catalog_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_period_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("from_year", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["plan_period_id"], ["plan_period.id"],
                                name=op.f("fk_catalog_revision_plan_period_id_plan_period")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_revision")),
        sa.UniqueConstraint("plan_period_id", "number", name=op.f("uq_catalog_revision_plan_period_id")),
    )
    op.create_index(op.f("ix_catalog_revision_plan_period_id"), "catalog_revision", ["plan_period_id"])
    with op.batch_alter_table("goal") as b:
        b.add_column(sa.Column("retired", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("indicator") as b:
        b.add_column(sa.Column("series_id", sa.Integer(), nullable=True))
        b.create_foreign_key(op.f("fk_indicator_series_id_indicator"), "indicator", ["series_id"], ["id"])
    with op.batch_alter_table("plan_period") as b:
        b.add_column(sa.Column("predecessor_id", sa.Integer(), nullable=True))
        b.create_foreign_key(op.f("fk_plan_period_predecessor_id_plan_period"), "plan_period",
                             ["predecessor_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("plan_period") as b:
        b.drop_constraint(op.f("fk_plan_period_predecessor_id_plan_period"), type_="foreignkey")
        b.drop_column("predecessor_id")
    with op.batch_alter_table("indicator") as b:
        b.drop_constraint(op.f("fk_indicator_series_id_indicator"), type_="foreignkey")
        b.drop_column("series_id")
    with op.batch_alter_table("goal") as b:
        b.drop_column("retired")
    op.drop_index(op.f("ix_catalog_revision_plan_period_id"), table_name="catalog_revision")
    op.drop_table("catalog_revision")
