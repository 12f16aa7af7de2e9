"""Flow speed: covering indexes on ``move_flows`` by pair of organizations and by destination.

The flow view returned every pair of organizations, aggregated in Python: nearly as many pairs as
moves, all read for every view. It now lets SQLite group and rank the pairs and sum
each organization's net flow, walking these indexes in order; Python sees only the pairs it returns.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_INDEXES = {
    "ix_move_flows_pair": ["from_org", "to_org", "people", "first_date", "last_date"],
    "ix_move_flows_to": ["to_org", "people", "first_date", "last_date"],
}


def upgrade() -> None:
    for name, columns in _INDEXES.items():
        op.create_index(name, "move_flows", columns, if_not_exists=True)


def downgrade() -> None:
    for name in _INDEXES:
        op.drop_index(name, "move_flows", if_exists=True)
