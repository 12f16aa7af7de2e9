"""consolidate stage: one market map from many articles.

TEMPORARY interface stub (owned by the consolidation work): the signatures are the contract.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection


def update(conn: Connection, doc_ids: Iterable[int]) -> None:
    """Fold the facts stored for these documents into the canonical map (incremental)."""


def forget(conn: Connection, doc_id: int) -> None:
    """Remove one document's contributions from the map (before it is deleted or replaced)."""
