"""What changed about an organization, a person or a search since a date: ``mercato watch``.

``what`` is taken for an organization when the facts name one by it, else for a person, else it is a
search of the evidence (as the web's ``/feed/search``). A fact is new or changed since the date when
its latest source is of that date or later (``last_date``): a fact that gains a newer source is back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from mercato.consolidate import profiles
from mercato.consolidate.filters import parse_date
from mercato.store.cache import cached
from mercato.store.entities import entity_fact_ids, surname_keys
from mercato.store.schema import fact_links
from mercato.store.search import search


def watch(conn: Connection, what: str, since: str | None = None) -> tuple[str, str, list[dict[str, Any]]]:
    """(kind, key or query, facts new or changed since ``since``, newest first)."""
    since = parse_date(since) if since else None
    for kind in ("org", "person"):
        key, redirect = profiles.resolve(conn, kind, what)
        key = redirect or key
        if key:
            keys = surname_keys(conn, key) if kind == "person" else [key]
            items = profiles.facts_by_ids(conn, entity_fact_ids(conn, kind, keys))
            return kind, key, _since(items, since)
    return "search", what, _since(facts_matching(conn, what), since)


def facts_matching(conn: Connection, q: str, limit: int = 500) -> list[dict[str, Any]]:
    """The canonical facts whose evidence matches the search ``q`` (``store.search``), oldest first."""

    def compute() -> list[int]:
        hits = search(conn, q[:200], limit)["evidence"]
        ids = sorted({h["fact_id"] for h in hits if h.get("fact_id")})
        if not ids:
            return []
        rows = conn.execute(select(fact_links.c.canonical_id).where(fact_links.c.fact_id.in_(ids)).distinct())
        return [r[0] for r in rows]

    return profiles.facts_by_ids(conn, cached(conn, "facts matching", (q, limit), compute))


def _since(items: list[dict[str, Any]], since: str | None) -> list[dict[str, Any]]:
    kept = [f for f in items if not since or (f.get("last_date") or "") >= since]
    return sorted(kept, key=lambda f: (f.get("last_date") or "", f["id"]), reverse=True)
