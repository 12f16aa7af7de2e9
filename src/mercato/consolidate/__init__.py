"""consolidate stage: one market map from many articles.

The ingest pipeline calls ``update`` after each batch's facts are stored and ``forget`` before a
document is deleted or replaced. Reading the map: ``mercato.consolidate.queries``, whose docstring
lists the other readers.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection

from mercato.consolidate.merge import forget_doc, update_docs


def update(conn: Connection, doc_ids: Iterable[int]) -> None:
    """Fold the facts stored for these documents into the canonical map (incremental)."""
    update_docs(conn, doc_ids)


def forget(conn: Connection, doc_id: int) -> None:
    """Remove one document's contributions from the map (before it is deleted or replaced)."""
    forget_doc(conn, doc_id)
