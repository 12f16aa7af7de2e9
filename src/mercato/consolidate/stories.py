"""Stories: the documents that report one event, grouped.

Two documents belong to one story when they state the same canonical fact about a named party
(a group move "some staff joined Meta" is too vague to join stories) within ``WINDOW_DAYS`` of each
other. Stories are connected components of that relation, computed at query time from the
fact links (one indexed scan: fast enough for tens of thousands of documents, and never stale).
A story's id is its earliest document's id; its title states its best-sourced fact.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, select

from mercato.consolidate.render import sentence
from mercato.consolidate.rows import fact_dict
from mercato.consolidate.sources import attach_sources
from mercato.model import FACT_TYPE_SPECS
from mercato.store.schema import canonical_facts, documents, fact_links

WINDOW_DAYS = 60


def _components(conn: Connection) -> dict[int, list[int]]:
    docs = {
        r.id: r.date
        for r in conn.execute(select(documents.c.id, documents.c.date).where(documents.c.duplicate_of.is_(None)))
    }
    by_fact: dict[int, list[int]] = defaultdict(list)
    rows = conn.execute(
        select(fact_links.c.canonical_id, fact_links.c.doc_id, canonical_facts.c.type, canonical_facts.c.attrs).join(
            canonical_facts, canonical_facts.c.id == fact_links.c.canonical_id
        )
    ).all()
    for r in rows:
        if r.type == "move" and not (r.attrs or {}).get("person"):
            continue
        if r.doc_id in docs:
            by_fact[r.canonical_id].append(r.doc_id)
    parent = {d: d for d in docs}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc_ids in by_fact.values():
        first = doc_ids[0]
        for other in doc_ids[1:]:
            if _close(docs.get(first), docs.get(other)):
                a, b = find(first), find(other)
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for d in docs:
        groups[find(d)].append(d)
    return {min(g): sorted(g) for g in groups.values()}


def _close(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days) <= WINDOW_DAYS
    except ValueError:
        return True


def type_weight(kind: str) -> int:
    """How much a fact of ``kind`` makes a story worth reading first (the registry's ``weight``)."""
    spec = FACT_TYPE_SPECS.get(kind)
    return spec.weight if spec is not None else 0


_STORY_WORD = {"en": "story", "fr": "histoire"}


def _story(conn: Connection, story_id: int, doc_ids: list[int], lang: str = "en") -> dict[str, Any]:
    fact_ids = {
        r.canonical_id for r in conn.execute(select(fact_links.c.canonical_id).where(fact_links.c.doc_id.in_(doc_ids)))
    }
    rows = conn.execute(select(canonical_facts).where(canonical_facts.c.id.in_(fact_ids))).all()
    ranked = sorted(rows, key=lambda r: (-r.n_sources, -type_weight(r.type), r.id))
    docs = conn.execute(
        select(
            documents.c.id,
            documents.c.title,
            documents.c.site,
            documents.c.date,
            documents.c.lang,
            documents.c.url,
            documents.c.source,
        )
        .where(documents.c.id.in_(doc_ids))
        .order_by(documents.c.date if conn.dialect.name == "sqlite" else documents.c.date.nulls_first())
    ).all()
    dates = sorted(d.date for d in docs if d.date)
    main = ranked[0] if ranked else None
    title = (
        sentence(main.type, main.attrs or {}, lang)
        if main
        else (docs[0].title or f"{_STORY_WORD.get(lang, 'story')} {story_id}")
    )
    facts = [fact_dict(r) for r in ranked]
    attach_sources(conn, facts)
    return {
        "id": story_id,
        "title": title,
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "langs": sorted({d.lang for d in docs if d.lang}),
        "documents": [dict(d._mapping) for d in docs],
        "facts": facts,
    }


def list_stories(
    conn: Connection, lang: str = "en", min_docs: int = 1, limit: int = 50, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """Stories, the most reported first."""
    comps = sorted(_components(conn).items(), key=lambda kv: (-len(kv[1]), kv[0]))
    comps = [(sid, docs) for sid, docs in comps if len(docs) >= min_docs]
    return [_story(conn, sid, docs, lang) for sid, docs in comps[offset : offset + limit]], len(comps)


def get_story(conn: Connection, story_id: int, lang: str = "en") -> dict[str, Any] | None:
    """The story whose id is ``story_id`` (or that contains document ``story_id``)."""
    for sid, docs in _components(conn).items():
        if story_id == sid or story_id in docs:
            return _story(conn, sid, docs, lang)
    return None
