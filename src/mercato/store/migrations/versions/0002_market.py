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
    bind = op.get_bind()
    for name in _TABLES:
        schema.metadata.tables[name].create(bind, checkfirst=True)


def downgrade() -> None:
    bind = op.get_bind()
    for name in reversed(_TABLES):
        schema.metadata.tables[name].drop(bind, checkfirst=True)
