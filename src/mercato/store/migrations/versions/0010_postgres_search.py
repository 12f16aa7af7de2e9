"""Full-text search on PostgreSQL: what revision 0003's FTS5 tables do on SQLite.

Each searchable table gets a stored ``tsvector`` column that PostgreSQL computes itself on every
insert and update (a generated column: no trigger, nothing for the writers to know), under a GIN
index. The ``simple`` configuration splits and lowercases words without stemming, like FTS5's
``unicode61``; accents are folded first by ``mercato_fold`` (``translate`` over the Latin letters
``store.search.FOLD`` lists), as ``remove_diacritics 2`` does, with no extension to install.

SQLite: nothing to do (revision 0003).

Revision ID: 0009
Revises: 0008
"""

from alembic import op

from mercato.store.search import FOLD

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_FROM, _TO = (s.replace("'", "''") for s in FOLD)
_COLUMNS = {
    "documents": "coalesce(title, '') || ' ' || text",
    "evidence": "sentence",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION mercato_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
        f"RETURN translate(lower($1), '{_FROM}', '{_TO}')"
    )
    for table, source in _COLUMNS.items():
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, mercato_fold({source}))) STORED"
        )
        op.execute(f"CREATE INDEX IF NOT EXISTS ix_{table}_search ON {table} USING gin (search)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _COLUMNS:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search")
    op.execute("DROP FUNCTION IF EXISTS mercato_fold(text)")
