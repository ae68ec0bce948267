"""Issue 19: catalog revisions, retired goals, carried-over indicators and the plan a plan was started from

Adds `catalog_revision` (each saved revision of a plan's catalog as its document), `goal.retired`,
`indicator.series_id` (the earlier plan's indicator whose series a carried-over indicator continues) and
`plan_period.predecessor_id`. Existing rows keep their meaning: no goal is retired, no indicator continues another,
and a plan without revision rows is read from its tables as before.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 16:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: Union[str, None] = '0008'
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
    # ADD COLUMN with the foreign key inline on SQLite: rebuilding these tables there would break the rows that
    # refer to them.
    columns = {t: {c["name"] for c in sa.inspect(op.get_bind()).get_columns(t)} for t in ("goal", "indicator",
                                                                                        "plan_period")}
    if "retired" not in columns["goal"]:
        op.add_column("goal", sa.Column("retired", sa.Boolean(), nullable=False, server_default=sa.false()))
    for table, column, target in (("indicator", "series_id", "indicator"), ("plan_period", "predecessor_id",
                                                                             "plan_period")):
        name = f"fk_{table}_{column}_{target}"
        if column in columns[table]:
            continue  # a SQLite database downgraded earlier kept it
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER CONSTRAINT {name} REFERENCES {target} (id)")
        else:
            op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
            op.create_foreign_key(op.f(name), table, target, [column], ["id"])


def downgrade() -> None:
    # SQLite cannot drop a column with a foreign key, nor rebuild these tables without breaking the rows that refer
    # to them: there the three columns stay (nullable or defaulted; the earlier code ignores them, and upgrading
    # again keeps them).
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("fk_plan_period_predecessor_id_plan_period"), "plan_period", type_="foreignkey")
        op.drop_column("plan_period", "predecessor_id")
        op.drop_constraint(op.f("fk_indicator_series_id_indicator"), "indicator", type_="foreignkey")
        op.drop_column("indicator", "series_id")
        op.drop_column("goal", "retired")
    op.drop_index(op.f("ix_catalog_revision_plan_period_id"), table_name="catalog_revision")
    op.drop_table("catalog_revision")
