"""Incremental merge of per-document facts into canonical facts.

``update`` links each new per-document fact to the canonical fact of its block that states the
same thing (``keys.same_fact``), or starts a new one; only the canonical facts it touched are
recomputed. ``forget`` unlinks a document and recomputes what it touched, so a deleted or
re-ingested document leaves no trace of its old text.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import Connection, delete, insert, select, update

from mercato.consolidate import disputes
from mercato.consolidate.keys import block_of, norm, org_key, same_fact
from mercato.model import FACT_FIELDS
from mercato.store.schema import canonical_facts, documents, fact_links, facts


def update_docs(conn: Connection, doc_ids: Iterable[int]) -> set[int]:
    """Fold the stored facts of ``doc_ids`` into the map; returns the canonical ids touched."""
    doc_ids = list(doc_ids)
    touched: set[int] = set()
    for doc_id in doc_ids:
        touched |= _unlink(conn, doc_id)
    rows = conn.execute(
        select(facts.c.id, facts.c.doc_id, facts.c.type, facts.c.attrs).where(facts.c.doc_id.in_(doc_ids))
    ).all()
    for row in rows:
        touched.add(_link(conn, row.id, row.doc_id, row.type, dict(row.attrs or {})))
    _refresh(conn, touched)
    return touched


def forget_doc(conn: Connection, doc_id: int) -> set[int]:
    """Remove one document's contributions; returns the canonical ids touched."""
    touched = _unlink(conn, doc_id)
    _refresh(conn, touched)
    return touched


def _unlink(conn: Connection, doc_id: int) -> set[int]:
    ids = {
        r.canonical_id
        for r in conn.execute(select(fact_links.c.canonical_id).where(fact_links.c.doc_id == doc_id))
    }
    conn.execute(delete(fact_links).where(fact_links.c.doc_id == doc_id))
    return ids


def _link(conn: Connection, fact_id: int, doc_id: int, kind: str, attrs: dict[str, Any]) -> int:
    block = block_of(kind, attrs)
    candidates = conn.execute(
        select(canonical_facts.c.id, canonical_facts.c.attrs)
        .where(canonical_facts.c.type == kind, canonical_facts.c.block == block)
        .order_by(canonical_facts.c.id)
    ).all()
    canonical_id = next((c.id for c in candidates if same_fact(kind, dict(c.attrs or {}), attrs)), None)
    if canonical_id is None:
        canonical_id = conn.execute(
            insert(canonical_facts).values(
                type=kind, block=block, attrs=attrs, values={}, n_sources=0, n_sites=0
            )
        ).inserted_primary_key[0]
    conn.execute(insert(fact_links).values(fact_id=fact_id, canonical_id=canonical_id, doc_id=doc_id))
    return canonical_id


def _refresh(conn: Connection, touched: set[int]) -> None:
    alive = {cid for cid in sorted(touched) if recompute(conn, cid)}
    disputes.refresh(conn, alive)


def site_of(doc: Any) -> str:
    """The site a document comes from: its site name, else its URL's host, else its source."""
    if doc.site:
        return str(doc.site)
    if doc.url:
        return urlparse(doc.url).netloc or doc.url
    return str(doc.source)


def recompute(conn: Connection, canonical_id: int) -> bool:
    """Vote the attributes of one canonical fact from its sources; delete it when none is left."""
    kind = conn.execute(select(canonical_facts.c.type).where(canonical_facts.c.id == canonical_id)).scalar()
    rows = conn.execute(
        select(
            facts.c.attrs,
            documents.c.id,
            documents.c.site,
            documents.c.url,
            documents.c.source,
            documents.c.date,
        )
        .select_from(
            fact_links.join(facts, facts.c.id == fact_links.c.fact_id).join(
                documents, documents.c.id == fact_links.c.doc_id
            )
        )
        .where(fact_links.c.canonical_id == canonical_id)
        .order_by(documents.c.id)
    ).all()
    if kind is None:
        return False
    if not rows:
        conn.execute(delete(canonical_facts).where(canonical_facts.c.id == canonical_id))
        return False
    values: dict[str, list[dict[str, Any]]] = {}
    voted: dict[str, Any] = {}
    for name in FACT_FIELDS[kind]:
        groups: dict[str, dict[str, Any]] = {}
        for r in rows:
            value = (r.attrs or {}).get(name)
            if value in (None, ""):
                continue
            g = groups.setdefault(
                _value_key(value), {"value": value, "doc_ids": [], "sites": [], "dates": []}
            )
            if r.id not in g["doc_ids"]:
                g["doc_ids"].append(r.id)
                g["dates"].append(r.date or "")
            site = site_of(r)
            if site not in g["sites"]:
                g["sites"].append(site)
        ranked = sorted(groups.values(), key=_rank, reverse=True)
        values[name] = [{k: g[k] for k in ("value", "doc_ids", "sites")} for g in ranked]
        voted[name] = ranked[0]["value"] if ranked else None
    dates = sorted(d for d in (r.date for r in rows) if d)
    conn.execute(
        update(canonical_facts)
        .where(canonical_facts.c.id == canonical_id)
        .values(
            attrs=voted,
            values=values,
            block=block_of(kind, voted),
            first_date=dates[0] if dates else None,
            last_date=dates[-1] if dates else None,
            n_sources=len({r.id for r in rows}),
            n_sites=len({site_of(r) for r in rows}),
            names=names_of(kind, voted),
        )
    )
    return True


ENTITY_FIELDS = (
    "person",
    "from_org",
    "to_org",
    "by_org",
    "target_org",
    "target_person",
    "attributed_to",
    "investor",
    "target",
    "org",
    "leader",
    "speaker",
    "claim_by",
)


def names_of(kind: str, attrs: dict[str, Any]) -> str:
    """Every entity a fact names, normalised and "|"-joined, so filters are one LIKE."""
    names = {norm(attrs.get(f)) for f in ENTITY_FIELDS if attrs.get(f)}
    names |= {org_key(attrs.get(f)) for f in ENTITY_FIELDS if attrs.get(f)}
    return "|" + "|".join(sorted(n for n in names if n)) + "|"


def _value_key(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return norm(value) if isinstance(value, str) else repr(value)


def _rank(group: dict[str, Any]) -> tuple[int, int, str]:
    """Most sources first; ties go to the most specific value ($14.3B over $14B), then the newest."""
    value = group["value"]
    if isinstance(value, int | float):
        specific = len(Decimal(str(value)).normalize().as_tuple().digits)  # significant digits
    else:
        specific = len(str(value))
    return (len(group["doc_ids"]), specific, max(group["dates"] or [""]))
