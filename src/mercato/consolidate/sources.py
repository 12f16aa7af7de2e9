"""A canonical fact's sources: the documents that state it, with their evidence, its anchor (a name
that survives a re-ingest), and the amount as its sources wrote it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, select

from mercato.consolidate.rows import for_dialect, id_values, in_ids, json_value
from mercato.model import FACT_FIELDS
from mercato.store.schema import documents, evidence, fact_links, facts

# Built once: building this join for every page took three times as long as running it.
_SOURCES = (
    select(
        fact_links.c.canonical_id,
        documents.c.id,
        documents.c.source,
        documents.c.url,
        documents.c.site,
        documents.c.date,
        documents.c.title,
        documents.c.lang,
        evidence.c.sentence,
        evidence.c.start,
        evidence.c.end,
        evidence.c.id.label("ev_id"),
        facts.c.anchor,
        facts.c.written,
    )
    .select_from(
        fact_links.join(documents, documents.c.id == fact_links.c.doc_id)
        .join(facts, facts.c.id == fact_links.c.fact_id)
        .outerjoin(evidence, evidence.c.fact_id == fact_links.c.fact_id)
    )
    .order_by(documents.c.date.nulls_first(), documents.c.id, evidence.c.id)
)
# The SQLite statement keeps SQLite's own order (NULL first when ascending), which the others are told.
_SOURCES_OF = {
    "sqlite": _SOURCES.order_by(None)
    .order_by(documents.c.date, documents.c.id, evidence.c.id)
    .where(in_ids("sqlite", fact_links.c.canonical_id, "ids")),
    "": _SOURCES.where(in_ids("", fact_links.c.canonical_id, "ids")),
}


def attach_sources(conn: Connection, items: list[dict[str, Any]], per_fact: int | None = None) -> None:
    """Each fact's sources, one per document, earliest first (at most ``per_fact`` of them), and its
    ``anchor``: the least of its sources' anchors, a name for it that survives a re-ingest (``/fact/{anchor}``
    finds it by any of them, see ``fact_by_anchor``)."""
    if not items:
        return
    rows = conn.execute(for_dialect(conn, _SOURCES_OF), {"ids": id_values(conn, [f["id"] for f in items])}).all()
    by_id: dict[int, list[dict[str, Any]]] = defaultdict(list)
    anchors: dict[int, str] = {}
    seen: set[tuple[int, int]] = set()
    written: dict[int, list[tuple[float, str, float]]] = defaultdict(list)  # one per document
    counted: set[tuple[int, int]] = set()
    for canonical_id, doc_id, source, url, site, date, title, lang, sentence, start, end, ev_id, anchor, w in rows:
        if anchor and (canonical_id not in anchors or anchor < anchors[canonical_id]):
            anchors[canonical_id] = anchor
        if (w := json_value(w)) and (canonical_id, doc_id) not in counted:
            counted.add((canonical_id, doc_id))
            written[canonical_id].append((float(w["amount"]), str(w["currency"]), float(w["usd"])))
        if (canonical_id, doc_id) in seen:  # one source line per document
            continue
        if per_fact is not None and len(by_id[canonical_id]) >= per_fact:
            continue
        seen.add((canonical_id, doc_id))
        by_id[canonical_id].append(
            {
                "doc_id": doc_id,
                "file": source,
                "url": url,
                "site": site,
                "date": date,
                "title": title,
                "lang": lang,
                "evidence": sentence,
                "evidence_id": ev_id,
                "start": start,
                "end": end,
            }
        )
    for f in items:
        f["sources"] = by_id.get(f["id"], [])
        f["anchor"] = anchors.get(f["id"])
        if "amount_usd" in FACT_FIELDS[f["type"]]:
            f["amount_written"], f["currency"] = as_written(f.get("amount_usd"), written.get(f["id"], []))


def as_written(usd: Any, stated: list[tuple[float, str, float]]) -> tuple[float | None, str | None]:
    """The amount and currency a fact's sources wrote for its voted dollars (None, None when none did).

    Of the sources whose figure converts to the voted ``amount_usd``, the way most of them wrote it,
    ties to the least (amount, currency): a total order, so the order of the sources changes nothing."""
    if not isinstance(usd, int | float):
        return None, None
    forms = [(amount, currency) for amount, currency, dollars in stated if abs(dollars - usd) <= 1.0]
    if not forms:
        return None, None
    amount, currency = min(set(forms), key=lambda form: (-forms.count(form), form))
    return amount, currency


def fact_by_anchor(conn: Connection, anchor: str) -> int | None:
    """The id of the canonical fact one of whose sources has ``anchor`` (None if none has)."""
    query = (
        select(fact_links.c.canonical_id)
        .select_from(facts.join(fact_links, fact_links.c.fact_id == facts.c.id))
        .where(facts.c.anchor == anchor)
        .limit(1)
    )
    return conn.execute(query).scalar()
