"""Writing one document's extraction to the store, and reading its facts back.

``save_extraction`` replaces whatever the document had (facts, evidence, mentions) so that
re-ingesting or re-extracting a document never duplicates rows, and marks the document's extraction
done, in the caller's transaction: a document is never done without its facts. Entities are shared across
documents: upserted by (name, kind), marked ``known`` once the KB knows them.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from mercato.model import Evidence, Extraction, Fact
from mercato.store.schema import EXTRACT_DONE, documents, entities, evidence, facts, mentions


def fact_key_json(fact: Fact) -> str:
    """The ``key`` column: JSON of ``Fact.key()`` (type first, then the normalised key fields)."""
    return json.dumps(list(fact.key()), ensure_ascii=False)


def fact_anchor(content_hash: str, key: str) -> str:
    """A stored fact's permanent name: "f" and 15 hex digits of a hash of its article's content and its
    key. Ids are given in the order documents arrive; this is the same in any store of the same articles."""
    return "f" + hashlib.sha256(f"{content_hash}\x1f{key}".encode()).hexdigest()[:15]


def save_extraction(conn: Connection, doc_id: int, extraction: Extraction) -> list[int]:
    """Store ``extraction`` for document ``doc_id``; returns the new fact ids, in order."""
    content_hash = conn.execute(select(documents.c.content_hash).where(documents.c.id == doc_id)).scalar() or ""
    conn.execute(delete(evidence).where(evidence.c.doc_id == doc_id))
    conn.execute(delete(facts).where(facts.c.doc_id == doc_id))
    conn.execute(delete(mentions).where(mentions.c.doc_id == doc_id))
    conn.execute(update(documents).where(documents.c.id == doc_id).values(extract_state=EXTRACT_DONE))
    ids: list[int] = []
    seen: dict[str, int] = {}
    for fact in extraction.facts:
        key = fact_key_json(fact)
        if key in seen:  # a caller that did not merge: keep the first, add its evidence
            fact_id = seen[key]
        else:
            fact_id = conn.execute(
                insert(facts).values(
                    doc_id=doc_id,
                    type=fact.type,
                    attrs=dict(fact.attrs),
                    key=key,
                    anchor=fact_anchor(content_hash, key),
                    confidence=float(fact.confidence),
                )
            ).inserted_primary_key[0]
            seen[key] = fact_id
            ids.append(fact_id)
        fact.id = fact_id
        for ev in fact.evidence:
            ev.doc_id = doc_id
            conn.execute(
                insert(evidence).values(
                    fact_id=fact_id,
                    doc_id=doc_id,
                    sentence=ev.sentence,
                    start=ev.start,
                    end=ev.end,
                    raw_start=ev.raw_start,
                    raw_end=ev.raw_end,
                    confidence=float(ev.confidence),
                )
            )
    known = _known_names(extraction)
    cache: dict[tuple[str, str], int] = {}
    for m in extraction.mentions:
        if not m.entity:
            continue
        ent_id = cache.get((m.entity, m.kind))
        if ent_id is None:
            ent_id = _upsert_entity(conn, m.entity, m.kind, m.entity in known)
            cache[(m.entity, m.kind)] = ent_id
        conn.execute(insert(mentions).values(doc_id=doc_id, entity_id=ent_id, start=m.start, end=m.end, text=m.text))
    return ids


def _known_names(extraction: Extraction) -> set[str]:
    from mercato.extract.deps import get_kb

    kb = get_kb()
    out = set()
    for m in extraction.mentions:
        try:
            if kb.canonical(m.entity) is not None:
                out.add(m.entity)
        except Exception:  # noqa: BLE001 - a KB problem must not block storing
            continue
    return out


def _upsert_entity(conn: Connection, name: str, kind: str, known: bool) -> int:
    row = conn.execute(
        select(entities.c.id, entities.c.known).where(entities.c.name == name, entities.c.kind == kind)
    ).first()
    if row is None:
        return conn.execute(insert(entities).values(name=name, kind=kind, known=int(known))).inserted_primary_key[0]
    if known and not row.known:
        conn.execute(update(entities).where(entities.c.id == row.id).values(known=1))
    return row.id


def list_doc_facts(conn: Connection, doc_id: int) -> list[Fact]:
    """The facts stored for ``doc_id`` with their evidence, in insertion order."""
    rows = conn.execute(select(facts).where(facts.c.doc_id == doc_id).order_by(facts.c.id)).all()
    ev_rows = conn.execute(select(evidence).where(evidence.c.doc_id == doc_id).order_by(evidence.c.id)).all()
    by_fact: dict[int, list[Evidence]] = {}
    for e in ev_rows:
        by_fact.setdefault(e.fact_id, []).append(
            Evidence(
                sentence=e.sentence,
                start=e.start,
                end=e.end,
                confidence=e.confidence,
                raw_start=e.raw_start,
                raw_end=e.raw_end,
                doc_id=e.doc_id,
            )
        )
    out = []
    for r in rows:
        attrs: dict[str, Any] = dict(r.attrs or {})
        out.append(Fact(r.type, attrs, by_fact.get(r.id, []), r.confidence, r.id))
    return out


def evidence_spans(conn: Connection, doc_id: int) -> dict[int, tuple[int, int, int]]:
    """Evidence id -> (fact id, start, end) for one document: where to highlight what."""
    rows = conn.execute(
        select(evidence.c.id, evidence.c.fact_id, evidence.c.start, evidence.c.end)
        .where(evidence.c.doc_id == doc_id)
        .order_by(evidence.c.id)
    )
    return {r.id: (r.fact_id, r.start, r.end) for r in rows}
