"""Identity and permalinks: ``facts.anchor``, ``fact_entities`` and ``dispute_reviews``.

``facts.anchor`` names a stored fact by a hash of its article's content and its key, the same in any
store of the same articles (ids follow the order articles arrived in): a fact's permalink survives a
re-ingest. ``fact_entities`` lists the people and organizations each canonical fact names, by identity,
for the people and organization indexes and profiles. This revision fills both for what is stored; a
store created at this revision or later has them already. ``dispute_reviews`` keeps an analyst's status and
note of each dispute under its permanent name (revision 0001 creates the tables as
``store.schema`` declares them).

Revision ID: 0011
Revises: 0010
"""

import hashlib

import sqlalchemy as sa
from alembic import op
from sqlalchemy import select, update

from mercato.store import schema

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _anchor(content_hash: str, key: str) -> str:
    """A frozen copy of ``store.facts.fact_anchor`` as this revision names facts: a later change to the
    live rule must not change what an old migration wrote."""
    return "f" + hashlib.sha256(f"{content_hash}\x1f{key}".encode()).hexdigest()[:15]


def upgrade() -> None:
    bind = op.get_bind()
    columns = {c["name"] for c in sa.inspect(bind).get_columns("facts")}
    if "anchor" not in columns:
        op.add_column("facts", sa.Column("anchor", sa.String(16)))
    op.create_index("ix_facts_anchor", "facts", ["anchor"], if_not_exists=True)
    f, d = schema.facts.c, schema.documents.c
    rows = bind.execute(
        select(f.id, d.content_hash, f.key).join_from(schema.facts, schema.documents).where(f.anchor.is_(None))
    ).all()
    if rows:
        bind.execute(
            update(schema.facts).where(f.id == sa.bindparam("fid")).values(anchor=sa.bindparam("a")),
            [{"fid": i, "a": _anchor(h, k)} for i, h, k in rows],
        )
    # Who each merged fact names is the merge's knowledge (consolidate.identity), which a migration must
    # not import: an upgraded store gets its rows from ``identity.backfill`` when the server or an ingest
    # opens it.
    schema.create_tables(bind, ("fact_entities", "dispute_reviews"))


def downgrade() -> None:
    schema.drop_tables(op.get_bind(), ("fact_entities", "dispute_reviews"))
    op.drop_index("ix_facts_anchor", "facts", if_exists=True)
    with op.batch_alter_table("facts") as batch:
        batch.drop_column("anchor")
