"""Reading the disputes of the map: each with its claim and counter facts in full, with their sources.

``list_disputes(conn, kind=None, org=None, limit=50, offset=0, since=None, until=None) -> (rows,
total)`` (of a period: those whose claim is of it). Disputes are
grouped (one claim's denials are one dispute) and paged by the database; facts and sources are only
read for the page shown. How disputes are found in the first place: ``consolidate.disputes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Text, and_, case, func, or_, select, type_coerce

from mercato.consolidate.filters import ORG_NAME_FIELDS, fact_filters, fts_name, names_matching
from mercato.consolidate.keys import org_key, same_org
from mercato.consolidate.merge import site_of
from mercato.consolidate.rows import FACTS_OF, fact_from, for_dialect, id_values, in_ids, json_value
from mercato.consolidate.sources import attach_sources
from mercato.model import FACT_FIELDS, QueryError
from mercato.store.cache import cached
from mercato.store.schema import canonical_facts, disputes


def list_disputes(
    conn: Connection,
    kind: str | None = None,
    org: str | None = None,
    fact_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
    since: str | None = None,
    until: str | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Disputes, each with its claim and (for denials) every denial of it, in full with sources;
    ``since``, ``until``: those whose claim is of the period.

    One claim's denials are one dispute. SQLite groups them (``DISPUTE_GROUP``): grouping every row in Python
    grew with the store and dominated the page. The groups (three numbers each) are cached until the store changes;
    the page's disputes, their facts in full, with their values and sources, are read for the page only.
    """
    d = disputes.c
    where = _dispute_conditions(conn, kind, org, fact_id, since, until)
    first = func.min(d.id).label("first")
    # SQLite reads a group's kind and claim from any of its rows (they are the same in a group); others
    # want an aggregate.
    alike = (d.kind, d.claim_id) if conn.dialect.name == "sqlite" else (func.min(d.kind), func.min(d.claim_id))
    grouped = select(first, *alike).where(*where).group_by(DISPUTE_GROUP).order_by(first)
    listed = cached(conn, "disputes", (kind, org, fact_id, since, until), lambda: conn.execute(grouped).all())
    page = listed[offset : offset + limit]
    claims = [claim for _, dispute_kind, claim in page if dispute_kind == "denial"]
    alone = [dispute_id for dispute_id, dispute_kind, _ in page if dispute_kind != "denial"]
    dialect = conn.dialect.name
    in_page = or_(in_ids(dialect, d.id, "alone"), and_(d.kind == "denial", in_ids(dialect, d.claim_id, "claims")))
    members = select(*_DISPUTE_COLUMNS).where(*where, in_page).order_by(d.id)
    params = {"alone": id_values(conn, alone), "claims": id_values(conn, claims)}
    rows = conn.execute(members, params).all() if page else []
    groups = _dispute_groups(rows)
    ids = sorted({g["claim"] for g in groups} | {c for g in groups for c in g["counters"]})
    facts = conn.execute(for_dialect(conn, FACTS_OF), {"ids": id_values(conn, ids)}).all() if ids else []
    full = {r[0]: fact_from(r) for r in facts}
    attach_sources(conn, list(full.values()))
    out = []
    for g in groups:  # a fact shared by several disputes is the same dict in each, as before
        sides = g["sides"]
        if g["kind"] == "denial":
            sides = _with_documents(sides, [full.get(g["claim"]), *map(full.get, g["counters"])])
        out.append(
            {
                "id": g["id"],
                "kind": g["kind"],
                "summary": g["summary"],
                "sides": sides,
                "claim": full.get(g["claim"]),
                "counter": full.get(g["counters"][0]) if g["counters"] else None,
                "counters": [full.get(c) for c in g["counters"]],
            }
        )
    return out, len(listed)


# ``sides`` as text, decoded by pydantic-core (see FACT_COLUMNS).
_DISPUTE_COLUMNS = (
    disputes.c.id,
    disputes.c.kind,
    disputes.c.claim_id,
    disputes.c.counter_id,
    disputes.c.summary,
    type_coerce(disputes.c.sides, Text),
)

# What makes disputes one: a claim's denials share it; any other dispute is alone (dispute ids are
# positive, so their negatives never meet a claim id).
DISPUTE_GROUP = case((disputes.c.kind == "denial", disputes.c.claim_id), else_=-disputes.c.id)


DISPUTE_KINDS = ("denial", "figures", "outcome", "status")


def _dispute_conditions(
    conn: Connection,
    kind: str | None,
    org: str | None,
    fact_id: int | None,
    since: str | None = None,
    until: str | None = None,
) -> list[Any]:
    d = disputes.c
    conds: list[Any] = []
    if since or until:  # a claim of the period: its row read by id for each dispute (few), not the period's facts
        period = fact_filters(conn, None, None, None, since, until, None)
        conds.append(select(canonical_facts.c.id).where(canonical_facts.c.id == d.claim_id, *period).exists())
    if kind:
        if kind not in DISPUTE_KINDS:
            raise QueryError(f"unknown dispute kind {kind!r}: use one of {', '.join(DISPUTE_KINDS)}")
        conds.append(d.kind == kind)
    if fact_id is not None:
        conds.append(or_(d.claim_id == fact_id, d.counter_id == fact_id))
    if org:
        ids = cached(conn, "disputes naming", org, lambda: _disputes_naming(conn, org))
        conds.append(in_ids(conn.dialect.name, d.id, "naming", id_values(conn, ids)))
    return conds


def _dispute_groups(rows: Sequence[Any]) -> list[dict[str, Any]]:
    """The disputes of a page, in order, from their rows in id order: one per claim for its denials."""
    groups: list[dict[str, Any]] = []
    denials: dict[int, dict[str, Any]] = {}  # claim id -> its denial dispute
    for dispute_id, dispute_kind, claim, counter, summary, raw_sides in rows:
        sides = json_value(raw_sides)
        same = denials.get(claim) if dispute_kind == "denial" else None
        if same is not None:  # one claim, several denials: one dispute with every denial beside it
            same["counters"].append(counter)
            same["summary"] += f"; {summary}"
            same["sides"].extend((sides or [])[-1:])  # the claim's side is the first member's
            continue
        group = {
            "id": dispute_id,
            "kind": dispute_kind,
            "summary": summary,
            "claim": claim,
            "counters": [counter] if counter else [],
            "sides": list(sides or []),
        }
        groups.append(group)
        if dispute_kind == "denial":
            denials[claim] = group
    return groups


def _disputes_naming(conn: Connection, org: str) -> list[int]:
    """The ids of the disputes whose claim or counter names ``org`` in a contract field.

    On SQLite the names index first narrows them to the disputes of facts naming a name that ``same_org``
    may take for ``org``: one that starts with its words, or is one of their beginnings ("Meta" for
    "Meta Superintelligence Labs").
    """
    d = disputes.c
    claim_f, counter_f = canonical_facts.alias("claim_f"), canonical_facts.alias("counter_f")
    query = select(d.id, claim_f.c.type, claim_f.c.attrs, counter_f.c.type, counter_f.c.attrs).select_from(
        disputes.join(claim_f, claim_f.c.id == d.claim_id).outerjoin(counter_f, counter_f.c.id == d.counter_id)
    )
    key = org_key(org)
    if key and conn.dialect.name == "sqlite":
        words = key.split()
        names = [fts_name(key) + "*"] + [fts_name(" ".join(words[:n])) for n in range(1, len(words))]
        facts = names_matching(" OR ".join(names))
        query = query.where(or_(d.claim_id.in_(facts), d.counter_id.in_(facts)))
    return [r[0] for r in conn.execute(query) if _names_org(org, r[1:3], r[3:5])]


def _with_documents(sides: list[dict[str, Any]], facts: list[dict[str, Any] | None]) -> list[dict[str, Any]]:
    """The sides of a denial dispute (the claim, then each denial), with the documents and sites of the
    fact each stands for: they grow with every source, so the merge does not store them (see disputes)."""
    out = []
    for side, fact in zip(sides, facts, strict=False):
        sources = (fact or {}).get("sources", [])
        out.append(
            {
                **side,
                "doc_ids": sorted({s["doc_id"] for s in sources}),
                "sites": sorted({site_of(s["site"], s["url"], "local file") for s in sources}),  # never a path
            }
        )
    return out


def _names_org(org: str, *facts: tuple[Any, Any]) -> bool:
    """Whether one of ``facts`` ((type, attrs), both None for no fact) names ``org`` in a contract field."""
    for kind, attrs in facts:
        if kind not in FACT_FIELDS:
            continue
        named = set(FACT_FIELDS[kind])
        if any(same_org(org, (attrs or {}).get(k)) for k in ORG_NAME_FIELDS if k in named):
            return True
    return False
