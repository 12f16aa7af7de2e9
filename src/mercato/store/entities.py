"""People and organizations named in the stored documents, with how often they are mentioned."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from mercato.store.schema import entities, mentions


def list_entities(
    conn: Connection, kind: str | None = None, limit: int = 100, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """Entities, the most mentioned first."""
    conds = [entities.c.kind == kind] if kind else []
    total = conn.execute(select(func.count()).select_from(entities).where(*conds)).scalar_one()
    n = func.count(mentions.c.id).label("mentions")
    docs = func.count(func.distinct(mentions.c.doc_id)).label("documents")
    rows = conn.execute(
        select(entities.c.id, entities.c.name, entities.c.kind, entities.c.known, n, docs)
        .select_from(entities.outerjoin(mentions, mentions.c.entity_id == entities.c.id))
        .where(*conds)
        .group_by(entities.c.id)
        .order_by(n.desc(), entities.c.name)
        .limit(limit)
        .offset(offset)
    ).all()
    return [{**dict(r._mapping), "known": bool(r.known)} for r in rows], total
