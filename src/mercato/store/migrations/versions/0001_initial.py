"""Initial schema: documents, entities, mentions, facts, evidence.

Revision ID: 0001
Revises:
"""

from alembic import op

from mercato.store import schema

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TABLES = ("documents", "entities", "mentions", "facts", "evidence")


def upgrade() -> None:
    schema.create_tables(op.get_bind(), _TABLES)


def downgrade() -> None:
    schema.drop_tables(op.get_bind(), _TABLES)
