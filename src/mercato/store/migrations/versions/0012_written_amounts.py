"""Amounts as written: ``facts.written``, the figure and currency an article gave beside its dollars.

A fact's ``amount_usd`` is converted; readers also want "€100M" as the article wrote it. The column
holds ``{"amount": 100000000.0, "currency": "EUR", "usd": 108000000.0}`` (``usd``: the dollars it was
converted to, which the map's voted ``amount_usd`` is matched against). Facts stored before this
revision have none (finding the figure again means extracting again: ``mercato ingest --resume`` after
marking them, or a new ingest of the article); a store created at this revision or later has the column
already: revision 0001 creates the tables as ``store.schema`` declares them.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("facts")}
    if "written" not in columns:
        op.add_column("facts", sa.Column("written", sa.JSON()))


def downgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.drop_column("written")
