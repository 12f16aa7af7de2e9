"""Web speed: a full-text index of the names each canonical fact mentions, for the organization filter.

``canonical_facts.names`` is "|"-joined ("|google deepmind|meta|"), and filtering it with
``LIKE '%|meta%'`` reads and pattern-matches every canonical fact, twice per page (the rows and the total).
``canonical_names_fts`` indexes it with one token per name: "|" separates tokens (unicode61 treats it as
punctuation) and a space is made a token character, so "google deepmind" is one token, and the prefix
query ``"meta"*`` means exactly what the LIKE meant, a name that starts with "meta". It reads only the
facts of the organization.

FTS5 rather than a (name, fact id) table: triggers cannot split a string without ``json_each``, which
cost a few times what an FTS5 update costs per fact, and ``merge.py`` rewrites canonical
facts often. ``detail=none`` and ``columnsize=0``: the filter needs neither positions nor ranking.
The update trigger fires only when ``names`` (or the id) changes; external content means the
'delete' command must get the old value, which the triggers pass.

SQLite only: elsewhere the filter keeps its LIKE (see ``consolidate/queries.py``).

Revision ID: 0005
Revises: 0003
"""

from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None

_DELETE = "INSERT INTO canonical_names_fts(canonical_names_fts, rowid, names) VALUES ('delete', old.id, old.names);"
_INSERT = "INSERT INTO canonical_names_fts(rowid, names) VALUES (new.id, new.names);"
_STATEMENTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS canonical_names_fts USING fts5(names, content='canonical_facts', "
    "content_rowid='id', tokenize=\"unicode61 tokenchars ' '\", detail=none, columnsize=0)",
    f"CREATE TRIGGER IF NOT EXISTS canonical_names_ai AFTER INSERT ON canonical_facts BEGIN {_INSERT} END",
    f"CREATE TRIGGER IF NOT EXISTS canonical_names_ad AFTER DELETE ON canonical_facts BEGIN {_DELETE} END",
    "CREATE TRIGGER IF NOT EXISTS canonical_names_au AFTER UPDATE OF id, names ON canonical_facts "
    f"WHEN old.names IS NOT new.names OR old.id IS NOT new.id BEGIN {_DELETE} {_INSERT} END",
    "INSERT INTO canonical_names_fts(canonical_names_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in _STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in ("canonical_names_ai", "canonical_names_ad", "canonical_names_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS canonical_names_fts")
