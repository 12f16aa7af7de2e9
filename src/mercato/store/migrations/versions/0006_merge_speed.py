"""Merge speed: the parties each canonical fact names, as indexed lookup keys (``canonical_keys``).

Linking denials to claims used to LIKE-scan every canonical fact's ``names`` for each new fact: the
merge slowed down as the map grew. The keys are written by ``consolidate/merge.py`` with the fact;
this revision creates the table and fills it for the facts already merged. Denials, which all shared
one merge block, get their speaker's.

Revision ID: 0006
Revises: 0005
"""

from alembic import op
from sqlalchemy import select, update

from mercato.store import schema

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from mercato.consolidate.disputes import party_keys
    from mercato.consolidate.keys import block_of

    bind = op.get_bind()
    schema.create_tables(bind, ("canonical_keys",))
    c = schema.canonical_facts.c
    facts = bind.execute(select(c.id, c.type, c.attrs)).all()
    rows = [
        {"key": key, "type": kind, "canonical_id": cid}
        for cid, kind, attrs in facts
        for key in party_keys(kind, attrs or {})
    ]
    if rows:
        bind.execute(schema.canonical_keys.insert(), rows)
    # Denials had one block for all; each now has its speaker's (see keys.block_of).
    for cid, kind, attrs in facts:
        if kind == "denial":
            bind.execute(update(schema.canonical_facts).where(c.id == cid).values(block=block_of(kind, attrs or {})))


def downgrade() -> None:
    schema.drop_tables(op.get_bind(), ("canonical_keys",))
