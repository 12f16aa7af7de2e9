"""market: canonical facts, sources, disputes, stories  (placeholder revision, to be filled by its stage).

Revision ID: 0002
Revises: 0001
"""

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
