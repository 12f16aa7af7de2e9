"""Writing one document's extraction to the store, and reading its facts back.

``save_extraction`` replaces whatever the document had (facts, evidence, mentions) so that
re-ingesting or re-extracting a document never duplicates rows, and marks the document's extraction
done, in the caller's transaction: a document is never done without its facts. Entities are shared across
documents: upserted by (name, kind), marked ``known`` once a mention says the KB knows them
(extraction found the name in the KB; the store does not ask the KB again).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from mercato.model import Evidence, Extraction, Fact
from mercato.store.schema import EXTRACT_DONE, documents, entities, evidence, facts, mentions

_INSERT_FACTS = insert(facts).returning(facts.c.id, sort_by_parameter_order=True)
_INSERT_ENTITIES = insert(entities).returning(entities.c.id, sort_by_parameter_order=True)
_ENTITIES_NAMED = select(entities.c.id, entities.c.name, entities.c.kind, entities.c.known).where(
    entities.c.name.in_(bindparam("names", expanding=True))
)
_MARK_KNOWN = update(entities).where(entities.c.id == bindparam("eid")).values(known=1)


def fact_key_json(fact: Fact) -> str:
    """The ``key`` column: JSON of ``Fact.key()`` (type first, then the normalised key fields)."""
    return json.dumps(list(fact.key()), ensure_ascii=False)


def fact_anchor(content_hash: str, key: str) -> str:
    """A stored fact's permanent name: "f" and 15 hex digits of a hash of its article's content and its
    key. Ids are given in the order documents arrive; this is the same in any store of the same articles."""
    return "f" + hashlib.sha256(f"{content_hash}\x1f{key}".encode()).hexdigest()[:15]


def _written(fact: Fact) -> dict[str, Any] | None:
    """The ``written`` column: the amount as the article gave it, and the dollars it was converted to."""
    usd = fact.attrs.get("amount_usd")
    if fact.written is None or not isinstance(usd, int | float):
        return None
    amount, currency = fact.written
    return {"amount": amount, "currency": currency, "usd": float(usd)}


def save_extraction(conn: Connection, doc_id: int, extraction: Extraction) -> list[int]:
    """Store ``extraction`` for document ``doc_id``; returns the new fact ids, in order."""
    content_hash = conn.execute(select(documents.c.content_hash).where(documents.c.id == doc_id)).scalar() or ""
    conn.execute(delete(evidence).where(evidence.c.doc_id == doc_id))
    conn.execute(delete(facts).where(facts.c.doc_id == doc_id))
    conn.execute(delete(mentions).where(mentions.c.doc_id == doc_id))
    conn.execute(update(documents).where(documents.c.id == doc_id).values(extract_state=EXTRACT_DONE))
    rows: list[dict[str, Any]] = []
    slots: list[int] = []  # per fact, its row (a caller that did not merge: the first of a key gets the evidence)
    seen: dict[str, int] = {}
    for fact in extraction.facts:
        key = fact_key_json(fact)
        if key not in seen:
            seen[key] = len(rows)
            rows.append(
                {
                    "doc_id": doc_id,
                    "type": fact.type,
                    "attrs": dict(fact.attrs),
                    "key": key,
                    "anchor": fact_anchor(content_hash, key),
                    "confidence": float(fact.confidence),
                    "written": _written(fact),
                }
            )
        slots.append(seen[key])
    # one statement per table, not per row: a network database pays a round trip for each
    ids = list(conn.execute(_INSERT_FACTS, rows).scalars()) if rows else []
    ev_rows = []
    for fact, slot in zip(extraction.facts, slots, strict=True):
        fact.id = ids[slot]
        for ev in fact.evidence:
            ev.doc_id = doc_id
            ev_rows.append(
                {
                    "fact_id": fact.id,
                    "doc_id": doc_id,
                    "sentence": ev.sentence,
                    "start": ev.start,
                    "end": ev.end,
                    "raw_start": ev.raw_start,
                    "raw_end": ev.raw_end,
                    "confidence": float(ev.confidence),
                }
            )
    if ev_rows:
        conn.execute(insert(evidence), ev_rows)
    named = [m for m in extraction.mentions if m.entity]
    if named:
        known = {m.entity for m in named if m.known}
        entity_ids = _upsert_entities(conn, {(m.entity, m.kind): m.entity in known for m in named})
        conn.execute(
            insert(mentions),
            [
                {
                    "doc_id": doc_id,
                    "entity_id": entity_ids[(m.entity, m.kind)],
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                }
                for m in named
            ],
        )
    return ids


def _upsert_entities(conn: Connection, wanted: dict[tuple[str, str], bool]) -> dict[tuple[str, str], int]:
    """The ids of the entities (name, kind), created where new, marked known where the KB knows them now."""
    names = sorted({name for name, _ in wanted})
    ids: dict[tuple[str, str], int] = {}
    to_mark = []
    for row in conn.execute(_ENTITIES_NAMED, {"names": names}):
        key = (row.name, row.kind)
        if key in wanted:
            ids[key] = row.id
            if wanted[key] and not row.known:
                to_mark.append({"eid": row.id})
    if to_mark:
        conn.execute(_MARK_KNOWN, to_mark)
    new = [key for key in sorted(wanted) if key not in ids]
    if new:
        rows = [{"name": name, "kind": kind, "known": int(wanted[(name, kind)])} for name, kind in new]
        for key, eid in zip(new, conn.execute(_INSERT_ENTITIES, rows).scalars(), strict=True):
            ids[key] = int(eid)
    return ids


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
