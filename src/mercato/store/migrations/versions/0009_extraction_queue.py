"""Crash safety: ``documents.extract_state`` says which documents still await their facts.

A document was committed before its facts, in another transaction; a process killed in between left
a document that every later ingest took for a duplicate and never extracted. The pipeline now stores
a document as awaiting (1) and its facts set it done (0) in their own transaction, so the next ingest
(or ``mercato ingest --resume``) finishes what a crash left. Documents stored before this revision
count as done, except originals without a single fact: a crash may have left them so, and whether
it did cannot be told, so they are marked for ``mercato ingest --resume`` (state 2, as a failed
extraction; an ordinary ingest does not retry them). A store created at this revision or later has
the column already: revision 0001 creates the tables as ``store.schema`` declares them.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("documents")}
    if "extract_state" not in columns:
        op.add_column("documents", sa.Column("extract_state", sa.Integer(), nullable=False, server_default="0"))
    op.create_index("ix_documents_extract_state", "documents", ["extract_state"], if_not_exists=True)
    op.execute(
        "UPDATE documents SET extract_state = 2 WHERE duplicate_of IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM facts WHERE facts.doc_id = documents.id)"
    )


def downgrade() -> None:
    op.drop_index("ix_documents_extract_state", "documents", if_exists=True)
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("extract_state")
