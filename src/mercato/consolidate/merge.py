"""Incremental merge of per-document facts into canonical facts.

``update_docs`` links each new per-document fact to the canonical fact of its block one of whose
sources states the same thing (``keys.same_fact``), or starts a new one; when it states the same
thing as sources of several canonical facts, they become one. A canonical fact is thus a connected
group of per-document facts (``same_fact`` is not transitive: "Marchetti" is both "Alice Marchetti"
and "Bruno Marchetti"), whatever the order they were linked in. Then it *folds* the new sources into
the canonical facts they joined: each source's values are added to the tallies stored with the fact (``values``),
and the vote, dates and counts are updated from them. A merge therefore costs the same whether the
map holds a hundred facts or a million; what grows with a fact's sources is only its tallies, one
JSON value read and written whole. Denials meet the claims they dispute through indexed party keys
(``canonical_keys``), and each move between two organizations keeps a narrow row for the flow view
(``move_flows``). ``forget_doc`` unlinks a document and *recomputes* what it touched from the remaining
sources, so a deleted or re-ingested document leaves no trace of its old text. Folding and
recomputing give the same fact (a test holds them equal): values are ranked by a total order, and
documents and sites are kept sorted.

The map is a function of the set of documents, not of the order they came in (a property test
shuffles them): nothing depends on which source was seen first. Ties between values go to the value
itself (not to the first reported), a value spelt several ways ("Meta", "META") shows the spelling
``_form`` prefers, and sites are sorted.
"""

from __future__ import annotations

from bisect import insort
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import Connection, bindparam, delete, insert, or_, select, update

from mercato.consolidate import disputes
from mercato.consolidate.blocks import BlockIndex
from mercato.consolidate.identity import entity_rows
from mercato.consolidate.keys import block_of, norm, org_key
from mercato.model import FACT_FIELDS
from mercato.store.schema import (
    canonical_facts,
    canonical_keys,
    documents,
    fact_entities,
    fact_links,
    facts,
    inserted_id,
    move_flows,
)
from mercato.store.schema import disputes as disputes_table

Values = dict[str, list[dict[str, Any]]]  # field -> [{value, doc_ids, sites, last_date}], best first


@dataclass(frozen=True, slots=True)
class Source:
    """One per-document fact as the merge sees it: its values and where it comes from."""

    doc_id: int
    site: str
    date: str
    attrs: dict[str, Any]


CF, FL, DOC = canonical_facts.c, fact_links.c, documents.c
# Statements built once (building a select costs more than running it on an indexed column).
_NEW_FACTS = (
    select(facts.c.id, facts.c.doc_id, facts.c.type, facts.c.attrs, DOC.site, DOC.url, DOC.source, DOC.date)
    .join(documents, DOC.id == facts.c.doc_id)
    .where(facts.c.doc_id.in_(bindparam("doc_ids", expanding=True)))
    .order_by(facts.c.doc_id, facts.c.id)
)
_SOURCE_ATTRS = (
    select(facts.c.attrs)
    .select_from(fact_links.join(facts, facts.c.id == FL.fact_id))
    .where(FL.canonical_id == bindparam("id"))
)
_SOURCE_ATTRS_OF = (
    select(FL.canonical_id, facts.c.attrs)
    .select_from(fact_links.join(facts, facts.c.id == FL.fact_id))
    .where(FL.canonical_id.in_(bindparam("ids", expanding=True)))
    .order_by(FL.canonical_id, facts.c.id)
)
_LINK = insert(fact_links)
# A canonical fact as folding, recomputing and de-duplicating read it.
_FOLDED = select(CF.id, CF.type, CF.block, CF.attrs, CF["values"], CF.first_date, CF.last_date, CF.names).where(
    CF.id.in_(bindparam("ids", expanding=True))
)
_DISPUTED_WITH = select(disputes_table.c.claim_id, disputes_table.c.counter_id).where(
    or_(disputes_table.c.claim_id == bindparam("id"), disputes_table.c.counter_id == bindparam("id"))
)
_UPDATE = (
    update(canonical_facts)
    .where(CF.id == bindparam("cid"))
    .values(
        {
            col: bindparam(col)
            for col in ("attrs", "values", "block", "first_date", "last_date", "n_sources", "n_sites", "names")
        }
    )
)
_NEW_CANONICAL = insert(canonical_facts).values(
    type=bindparam("kind"), block=bindparam("block"), attrs=bindparam("attrs"), values={}, n_sources=0, n_sites=0
)
_LINKED = select(FL.canonical_id).where(FL.doc_id.in_(bindparam("doc_ids", expanding=True))).distinct()
_UNLINK = delete(fact_links).where(FL.doc_id.in_(bindparam("doc_ids", expanding=True)))
_DROP_KEYS = delete(canonical_keys).where(canonical_keys.c.canonical_id == bindparam("cid"))
_SOURCES = (
    select(facts.c.attrs, DOC.id, DOC.site, DOC.url, DOC.source, DOC.date)
    .select_from(fact_links.join(facts, facts.c.id == FL.fact_id).join(documents, DOC.id == FL.doc_id))
    .where(FL.canonical_id == bindparam("id"))
    .order_by(DOC.id, facts.c.id)
)


@dataclass(slots=True)
class _Writes:
    """The rows a merge writes, sent as one statement each (``executemany``) when it is done."""

    updates: list[dict[str, Any]] = field(default_factory=list)
    rekeyed: list[dict[str, Any]] = field(default_factory=list)  # canonical ids whose keys are replaced
    keys: list[dict[str, Any]] = field(default_factory=list)
    moves: list[int] = field(default_factory=list)  # canonical moves whose flow row is replaced
    flows: list[dict[str, Any]] = field(default_factory=list)
    named: list[int] = field(default_factory=list)  # canonical facts whose entity rows are replaced
    entities: list[dict[str, Any]] = field(default_factory=list)

    def flush(self, conn: Connection) -> None:
        if self.updates:
            conn.execute(_UPDATE, self.updates)
        if self.rekeyed:
            conn.execute(_DROP_KEYS, self.rekeyed)
        if self.keys:
            conn.execute(insert(canonical_keys), self.keys)
        if self.moves:
            conn.execute(delete(move_flows).where(move_flows.c.canonical_id.in_(self.moves)))
        if self.flows:
            conn.execute(insert(move_flows), self.flows)
        if self.named:
            conn.execute(delete(fact_entities).where(fact_entities.c.canonical_id.in_(self.named)))
        if self.entities:
            conn.execute(insert(fact_entities), self.entities)
        self.updates, self.rekeyed, self.keys, self.moves, self.flows = [], [], [], [], []
        self.named, self.entities = [], []


def update_docs(conn: Connection, doc_ids: Iterable[int]) -> set[int]:
    """Fold the stored facts of ``doc_ids`` into the map; returns the canonical ids touched."""
    doc_ids = sorted(set(doc_ids))
    unlinked = _unlink(conn, doc_ids)
    added: dict[int, list[Source]] = defaultdict(list)
    created: set[int] = set()
    gone: set[int] = set()  # canonical facts joined into another by a new fact that states both
    new_facts = conn.execute(_NEW_FACTS, {"doc_ids": doc_ids}).all()
    index = BlockIndex(conn, {(r.type, block_of(r.type, dict(r.attrs or {}))) for r in new_facts})
    links: list[dict[str, int]] = []  # written at once, after every fact found its canonical fact
    for r in new_facts:
        attrs = dict(r.attrs or {})
        canonical_id, new, joined = _link(conn, index, r.type, attrs)
        links.append({"fact_id": r.id, "canonical_id": canonical_id, "doc_id": r.doc_id})
        for other in joined:
            gone.add(other)
            gone.update(_absorb(conn, other, canonical_id))  # (and the facts it was disputed with)
            index.rename(other, canonical_id)
            for link in links:
                if link["canonical_id"] == other:
                    link["canonical_id"] = canonical_id
            added.pop(other, None)
            created.discard(other)
            unlinked.discard(other)
            unlinked.add(canonical_id)  # recomputed from all its sources
        added[canonical_id].append(Source(r.doc_id, site_of(r.site, r.url, r.source), r.date or "", attrs))
        if new:
            created.add(canonical_id)
    if links:
        conn.execute(_LINK, links)
    values_changed, attrs_changed = set(), created | gone
    folded = {r.id: r for r in conn.execute(_FOLDED, {"ids": sorted(set(added) - unlinked)})}
    writes = _Writes()
    for canonical_id in sorted(unlinked | set(added)):
        if canonical_id in unlinked:
            alive, changed = recompute(conn, canonical_id, writes), True
        else:
            row = folded[canonical_id]
            alive, changed = True, _fold(conn, row, added[canonical_id], canonical_id in created, writes)
        if alive:
            values_changed.add(canonical_id)
        if changed:
            attrs_changed.add(canonical_id)
    writes.flush(conn)
    _merge_duplicates(conn, values_changed, attrs_changed)
    disputes.refresh(conn, values_changed, attrs_changed)
    return unlinked | set(added) | gone


def forget_doc(conn: Connection, doc_id: int) -> set[int]:
    """Remove one document's contributions; returns the canonical ids touched."""
    touched = _unlink(conn, [doc_id])
    alive = {cid for cid in sorted(touched) if recompute(conn, cid)}
    changed = set(touched)
    _merge_duplicates(conn, alive, changed)
    disputes.refresh(conn, alive, changed)
    return touched


def _merge_duplicates(conn: Connection, values_changed: set[int], attrs_changed: set[int]) -> None:
    """Join canonical facts that a new vote moved into the block of another they share a fact with.

    A canonical fact sits in the block of its vote; once the vote changes (new sources, a source gone),
    it may meet in its new block a canonical fact one of whose sources states the same thing as one of
    its own: the newer one's sources move to the older, which is recomputed. The sets given are updated
    (in place) for ``disputes.refresh``.
    """
    queue = sorted(attrs_changed & values_changed)
    # Read at once what the loop needs, valid until the first join changes the store under it.
    rows = {r.id: r for r in conn.execute(_FOLDED, {"ids": queue})} if queue else {}
    own: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for cid, attrs in conn.execute(_SOURCE_ATTRS_OF, {"ids": queue}) if queue else ():
        own[cid].append(dict(attrs or {}))
    index: BlockIndex | None = BlockIndex(conn, {(r.type, r.block) for r in rows.values()})
    while queue:
        cid = queue.pop(0)
        if index is not None:
            row, sources = rows.get(cid), own.get(cid, [])
        else:
            row = conn.execute(_FOLDED, {"ids": [cid]}).first()
            sources = [dict(a or {}) for a in conn.execute(_SOURCE_ATTRS, {"id": cid}).scalars()]
        if row is None:
            continue
        blocks = index if index is not None else BlockIndex(conn, [(row.type, row.block)])
        twins = blocks.matching(row.type, row.block, sources, exclude=row.id)
        if not twins:
            continue
        index = None  # from here on, each fact is read again: a join moved sources and votes
        twin = min(twins)
        keep, gone = min(row.id, twin), max(row.id, twin)
        counterparts = _absorb(conn, gone, keep)
        recompute(conn, keep)
        values_changed.discard(gone)
        values_changed.add(keep)
        attrs_changed.update((keep, gone, *counterparts))
        queue = sorted({*queue, keep} - {gone})


def _unlink(conn: Connection, doc_ids: list[int]) -> set[int]:
    """Drop the links of these documents' facts; returns the canonical facts that lost a source."""
    ids = {r[0] for r in conn.execute(_LINKED, {"doc_ids": doc_ids})}
    if ids:
        conn.execute(_UNLINK, {"doc_ids": doc_ids})
    return ids


def _link(conn: Connection, index: BlockIndex, kind: str, attrs: dict[str, Any]) -> tuple[int, bool, list[int]]:
    """The canonical fact a fact joins (created if no source of its block states the same thing),
    whether it is new, and the other canonical facts it states the same thing as (to join into it)."""
    block = block_of(kind, attrs)
    matched = index.matching(kind, block, [attrs])
    if matched:
        keep = min(matched)
        index.add(kind, block, keep, attrs)
        return keep, False, sorted(matched - {keep})
    created = conn.execute(_NEW_CANONICAL, {"kind": kind, "block": block, "attrs": attrs})
    canonical_id = inserted_id(created)
    index.add(kind, block, canonical_id, attrs)
    return canonical_id, True, []


def _absorb(conn: Connection, gone: int, keep: int) -> set[int]:
    """Move the sources of canonical fact ``gone`` to ``keep`` and delete it; returns the facts it was
    disputed with (their disputes went with it)."""
    counterparts = {i for r in conn.execute(_DISPUTED_WITH, {"id": gone}) for i in r if i and i != gone}
    conn.execute(update(fact_links).where(FL.canonical_id == gone).values(canonical_id=keep))
    conn.execute(delete(canonical_facts).where(CF.id == gone))
    return counterparts


def site_of(site: str | None, url: str | None, source: str) -> str:
    """The site a document comes from: its site name, else its URL's host, else its source."""
    if site:
        return str(site)
    if url:
        return urlparse(url).netloc or url
    return str(source)


def recompute(conn: Connection, canonical_id: int, writes: _Writes | None = None) -> bool:
    """Vote one canonical fact from all its sources; delete it when none is left. Whether it is left.

    With ``writes``, the new values are added to them; without, they are written at once.
    """
    if writes is None:
        writes = _Writes()
        alive = recompute(conn, canonical_id, writes)
        writes.flush(conn)
        return alive
    row = conn.execute(_FOLDED, {"ids": [canonical_id]}).first()
    if row is None:
        return False
    rows = conn.execute(_SOURCES, {"id": canonical_id}).all()
    if not rows:
        conn.execute(delete(canonical_facts).where(CF.id == canonical_id))
        return False
    sources = [Source(r.id, site_of(r.site, r.url, r.source), r.date or "", dict(r.attrs or {})) for r in rows]
    values: Values = {}
    _tally(row.type, values, sources)
    dates = sorted(s.date for s in sources if s.date)
    span = (dates[0], dates[-1]) if dates else (None, None)
    _write(writes, canonical_id, row.type, values, sources, span, row.names)
    return True


def _fold(conn: Connection, row: Any, sources: list[Source], new: bool, writes: _Writes) -> bool:
    """Add ``sources`` to a canonical fact's tallies and vote again; whether its voted attributes changed.

    A source older than one already counted (a document re-linked out of order) makes the fact be
    recomputed instead, so that documents and sites stay in document order.
    """
    canonical_id = row.id
    values: Values = {} if new else dict(row._mapping["values"] or {})
    newest = max((g["doc_ids"][-1] for groups in values.values() for g in groups if g["doc_ids"]), default=0)
    if any(s.doc_id < newest for s in sources):
        recompute(conn, canonical_id, writes)
        return True
    _tally(row.type, values, sources)
    dates = [s.date for s in sources if s.date]
    if not new:
        dates += [d for d in (row.first_date, row.last_date) if d]
    span = (min(dates), max(dates)) if dates else (None, None)
    voted = _write(writes, canonical_id, row.type, values, sources, span, row.names)
    return new or voted != {k: (row.attrs or {}).get(k) for k in voted}


def _tally(kind: str, values: Values, sources: list[Source]) -> None:
    """Add each source's value of each field to the field's groups (in place), then rank them."""
    for name in FACT_FIELDS[kind]:
        groups = values.setdefault(name, [])
        by_key = {_value_key(g["value"]): g for g in groups}
        for s in sources:
            value = s.attrs.get(name)
            if value in (None, ""):
                continue
            key = _value_key(value)
            g = by_key.get(key)
            if g is None:
                g = by_key[key] = {"value": value, "doc_ids": [], "sites": [], "last_date": ""}
                groups.append(g)
            elif value != g["value"] and _form(value) > _form(g["value"]):
                g["value"] = value  # the same value spelt another way: the preferred spelling, whoever came first
            if s.doc_id not in g["doc_ids"]:
                insort(g["doc_ids"], s.doc_id)
                g["last_date"] = max(g.get("last_date") or "", s.date)
            if s.site not in g["sites"]:
                insort(g["sites"], s.site)
        groups.sort(key=_rank, reverse=True)


def _write(
    writes: _Writes,
    canonical_id: int,
    kind: str,
    values: Values,
    sources: list[Source],
    span: tuple[str | None, str | None],
    old_names: str | None,
) -> dict[str, Any]:
    """Add a fact's tallies, the vote they give, its dates and counts to ``writes``; returns the vote."""
    voted = {name: (groups[0]["value"] if groups else None) for name, groups in values.items()}
    n_sources, n_sites = _counts(values, sources)
    names = names_of(kind, voted)
    writes.updates.append(
        {
            "cid": canonical_id,
            "attrs": voted,
            "values": values,
            "block": block_of(kind, voted),
            "first_date": span[0],
            "last_date": span[1],
            "n_sources": n_sources,
            "n_sites": n_sites,
            "names": names,
        }
    )
    if kind == "move":
        writes.moves.append(canonical_id)
        if row := flow_row(canonical_id, voted, *span):
            writes.flows.append(row)
    writes.named.append(canonical_id)
    writes.entities += entity_rows(canonical_id, kind, voted, *span)
    if names != old_names:  # new facts have no names yet, nor keys
        if old_names:
            writes.rekeyed.append({"cid": canonical_id})
        keys = disputes.party_keys(kind, voted)
        writes.keys += [{"key": k, "type": kind, "canonical_id": canonical_id} for k in sorted(keys)]
    return voted


def flow_row(canonical_id: int, attrs: dict[str, Any], first: str | None, last: str | None) -> dict[str, Any] | None:
    """The ``move_flows`` row of a canonical move: None unless it goes between two organizations."""
    src, dst = attrs.get("from_org"), attrs.get("to_org")
    if not src or not dst or org_key(src) == org_key(dst):
        return None
    person = attrs.get("person") or None
    try:
        people = 1 if person else int(attrs.get("count") or 1) or 1
    except (TypeError, ValueError):
        people = 1
    return {
        "canonical_id": canonical_id,
        "from_org": str(src),
        "to_org": str(dst),
        "person": person,
        "people": people,
        "first_date": first,
        "last_date": last,
        "status": flow_status(attrs),
    }


def flow_status(attrs: dict[str, Any]) -> str | None:
    """A move's status as its flow row keeps it: the voted text, None when it has none."""
    status = attrs.get("status")
    return status if isinstance(status, str) and status else None


def _counts(values: Values, sources: list[Source]) -> tuple[int, int]:
    """How many documents and sites a fact has: those its tallies name.

    Every source of a fact gives it a value (a fact joins another only through values they share),
    so the tallies name every document and site. A fact whose only source gave no value has no
    tallies: its counts come from ``sources``, which then are all its sources.
    """
    groups = [g for gs in values.values() for g in gs]
    if not groups:
        return len({s.doc_id for s in sources}), len({s.site for s in sources})
    return len({i for g in groups for i in g["doc_ids"]}), len({site for g in groups for site in g["sites"]})


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


def _form(value: Any) -> tuple[int, bool, str]:
    """How much a spelling of a value is preferred over another of the same ``_value_key``: accents kept,
    then mixed case ("Meta" over "META" or "meta"), then the text itself (a total order)."""
    text = str(value)
    return (sum(not c.isascii() for c in text), not (text.isupper() or text.islower()), text)


def _rank(group: dict[str, Any]) -> tuple[int, int, str, str]:
    """Most sources first; ties go to the most specific value ($14.3B over $14B), then the newest, then
    the value itself: a total order on what the sources say, so that neither the order of folding nor
    that of the documents changes the vote."""
    value = group["value"]
    if isinstance(value, int | float):
        specific = len(Decimal(str(value)).normalize().as_tuple().digits)  # significant digits
    else:
        specific = len(str(value))
    return (len(group["doc_ids"]), specific, group.get("last_date") or "", _value_key(value))
