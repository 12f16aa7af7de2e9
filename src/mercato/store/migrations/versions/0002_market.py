"""The market map: canonical facts, their links to per-document facts, disputes.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from mercato.store import schema

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_TABLES = ("canonical_facts", "fact_links", "disputes")


def upgrade() -> None:
    schema.create_tables(op.get_bind(), _TABLES)


def downgrade() -> None:
    schema.drop_tables(op.get_bind(), _TABLES)
