"""Flow speed: ``move_flows``, one narrow row per canonical move, which the talent-flow view reads.

Reading every move's attributes to aggregate flows took 300 ms at 20,000 documents; the merge now
writes each move's organizations, person and head count here. This revision fills it for the moves
already merged.

Revision ID: 0007
Revises: 0006
"""

from alembic import op
from sqlalchemy import select

from mercato.store import schema

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from mercato.consolidate.merge import flow_row

    bind = op.get_bind()
    schema.create_tables(bind, ("move_flows",))
    c = schema.canonical_facts.c
    moves = bind.execute(select(c.id, c.attrs, c.first_date, c.last_date).where(c.type == "move"))
    rows = [row for cid, attrs, first, last in moves if (row := flow_row(cid, attrs or {}, first, last))]
    if rows:
        bind.execute(schema.move_flows.insert(), rows)


def downgrade() -> None:
    schema.drop_tables(op.get_bind(), ("move_flows",))
