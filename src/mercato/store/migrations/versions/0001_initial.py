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
    bind = op.get_bind()
    for name in _TABLES:
        schema.metadata.tables[name].create(bind, checkfirst=True)


def downgrade() -> None:
    bind = op.get_bind()
    for name in reversed(_TABLES):
        schema.metadata.tables[name].drop(bind, checkfirst=True)
