"""Flow speed: ``move_flows.status``, each move's status beside its organizations.

The flows filtered by status, and their status facet, read the status from every canonical move's JSON
attributes, a join and a JSON decoding per move: the first such view of a large store took seconds. The
merge now writes the status with the flow row; this revision fills it for the moves already merged (a
store created at this revision or later has the column already: revision 0001 creates the tables as
``store.schema`` declares them).

Revision ID: 0013
Revises: 0012
"""

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy import select, update

from mercato.store import schema

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    columns = {c["name"] for c in sa.inspect(bind).get_columns("move_flows")}
    if "status" not in columns:
        op.add_column("move_flows", sa.Column("status", sa.String(32)))
    m, c = schema.move_flows.c, schema.canonical_facts.c
    moves = bind.execute(select(c.id, c.attrs).join(schema.move_flows, m.canonical_id == c.id)).all()
    rows = [{"cid": cid, "s": status} for cid, attrs in moves if (status := _status(attrs or {}))]
    if rows:
        bind.execute(
            update(schema.move_flows).where(m.canonical_id == sa.bindparam("cid")).values(status=sa.bindparam("s")),
            rows,
        )


def downgrade() -> None:
    with op.batch_alter_table("move_flows") as batch:
        batch.drop_column("status")


def _status(attrs: dict[str, Any]) -> str | None:
    """consolidate/merge.flow_status at this revision (frozen: a later change to the live rule must not
    change what this migration writes)."""
    status = attrs.get("status")
    return status if isinstance(status, str) and status else None
