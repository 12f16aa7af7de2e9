"""Reading the market map: plain functions that return dicts, shared by the CLI and the web API.

- ``list_facts(conn, type=None, org=None, person=None, since=None, until=None, disputed=None,
  limit=50, offset=0) -> (rows, total)``: canonical facts, newest first, each with the contract
  fields, ``sources`` ([{doc_id, file, url, site, date, evidence, start, end}]), ``values`` (what
  each source says per field), ``disputed``, ``first_date``, ``last_date``, ``n_sources``,
  ``n_sites``.
- ``get_fact(conn, id)``: one canonical fact (same shape) plus its ``disputes``.
- ``list_disputes(conn, kind=None, org=None, limit=50, offset=0) -> (rows, total)``: each with the
  claim and the counter fact (a denial) in full.
- ``flows(conn, since=None, until=None)``: talent flows between organizations.
- ``person_profile(conn, name)`` / ``org_profile(conn, name)``: timelines and totals.
- ``overview_stats(conn)``: headline numbers.
Stories and key points: ``consolidate.stories`` and ``consolidate.keypoints``.
Name filters are accent- and case-insensitive.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from mercato.consolidate.keys import norm, org_key, person_key, same_org, same_person
from mercato.model import FACT_FIELDS, FACT_TYPES
from mercato.store.schema import canonical_facts, disputes, documents, evidence, fact_links, facts

C = canonical_facts.c


class QueryError(ValueError):
    """A bad query parameter, with a message that says what is accepted."""


def _filters(
    type: str | None,
    org: str | None,
    person: str | None,
    since: str | None,
    until: str | None,
    disputed: bool | None,
) -> list[Any]:
    conds: list[Any] = []
    if type:
        if type not in FACT_TYPES:
            raise QueryError(f"unknown fact type {type!r}: use one of {', '.join(FACT_TYPES)}")
        conds.append(C.type == type)
    if org:
        key = org_key(org) or norm(org)
        if not key:
            raise QueryError("--org needs a name")
        conds.append(C.names.like(f"%|{key}%"))
    if person:
        key = person_key(person)
        if not key:
            raise QueryError("--person needs a name")
        conds.append(C.names.like(f"%{key}|%"))
    if since:
        conds.append(C.last_date >= _date(since))  # undated facts are outside any period
    if until:
        conds.append(C.first_date <= _date(until) + "T99")
    if disputed is not None:
        conds.append(C.disputed == int(disputed))
    return conds


def _date(value: str) -> str:
    import datetime as dt

    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError as exc:
        raise QueryError(f"bad date {value!r}: use YYYY-MM-DD") from exc


def list_facts(
    conn: Connection,
    type: str | None = None,
    org: str | None = None,
    person: str | None = None,
    since: str | None = None,
    until: str | None = None,
    disputed: bool | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict], int]:
    """Canonical facts matching the filters, newest first, and how many match in all."""
    if limit < 0 or offset < 0:
        raise QueryError("limit and offset must be >= 0")
    conds = _filters(type, org, person, since, until, disputed)
    where = and_(*conds) if conds else True
    total = conn.execute(select(func.count()).select_from(canonical_facts).where(where)).scalar_one()
    rows = conn.execute(
        select(canonical_facts)
        .where(where)
        .order_by(C.last_date.desc(), C.n_sources.desc(), C.id.desc())  # SQLite puts NULLs last in DESC
        .limit(limit)
        .offset(offset)
    ).all()
    out = [_fact_dict(r) for r in rows]
    _attach_sources(conn, out)
    return out, total


_ORG_FIELDS = (
    "from_org",
    "to_org",
    "by_org",
    "target_org",
    "investor",
    "target",
    "org",
    "speaker",
    "claim_by",
    "attributed_to",
)
_PERSON_FIELDS = ("person", "target_person", "leader", "speaker", "claim_by", "attributed_to", "investor")


def _fact_dict(r: Any) -> dict[str, Any]:
    attrs = r.attrs or {}
    out: dict[str, Any] = {"id": r.id, "type": r.type}
    for name in FACT_FIELDS[r.type]:
        out[name] = attrs.get(name)
    out.update(
        disputed=bool(r.disputed),
        first_date=r.first_date,
        last_date=r.last_date,
        n_sources=r.n_sources,
        n_sites=r.n_sites,
        values=r.values or {},
    )
    return out


def _attach_sources(conn: Connection, items: list[dict[str, Any]]) -> None:
    if not items:
        return
    ids = [f["id"] for f in items]
    rows = conn.execute(
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
        )
        .select_from(
            fact_links.join(documents, documents.c.id == fact_links.c.doc_id).outerjoin(
                evidence, evidence.c.fact_id == fact_links.c.fact_id
            )
        )
        .where(fact_links.c.canonical_id.in_(ids))
        .order_by(documents.c.date, documents.c.id, evidence.c.id)
    ).all()
    by_id: dict[int, list[dict]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for r in rows:
        if (r.canonical_id, r.id) in seen:  # one source line per document
            continue
        seen.add((r.canonical_id, r.id))
        by_id[r.canonical_id].append(
            {
                "doc_id": r.id,
                "file": r.source,
                "url": r.url,
                "site": r.site,
                "date": r.date,
                "title": r.title,
                "lang": r.lang,
                "evidence": r.sentence,
                "evidence_id": r.ev_id,
                "start": r.start,
                "end": r.end,
            }
        )
    for f in items:
        f["sources"] = by_id.get(f["id"], [])


def get_fact(conn: Connection, fact_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(canonical_facts).where(C.id == fact_id)).first()
    if row is None:
        return None
    out = _fact_dict(row)
    _attach_sources(conn, [out])
    out["disputes"] = list_disputes(conn, fact_id=fact_id, limit=100)[0]
    return out


def list_disputes(
    conn: Connection,
    kind: str | None = None,
    org: str | None = None,
    fact_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict], int]:
    """Disputes, each with its claim and (for denials) every denial of it, in full with sources."""
    conds = []
    if kind:
        conds.append(disputes.c.kind == kind)
    if fact_id is not None:
        conds.append(or_(disputes.c.claim_id == fact_id, disputes.c.counter_id == fact_id))
    rows = conn.execute(select(disputes).where(and_(*conds) if conds else True).order_by(disputes.c.id)).all()
    ids = {r.claim_id for r in rows} | {r.counter_id for r in rows if r.counter_id}
    facts_by_id = {
        r.id: _fact_dict(r) for r in conn.execute(select(canonical_facts).where(C.id.in_(ids))).all()
    }
    _attach_sources(conn, list(facts_by_id.values()))
    out = []
    for r in rows:
        claim = facts_by_id.get(r.claim_id)
        counter = facts_by_id.get(r.counter_id) if r.counter_id else None
        if org and not any(same_org(org, f.get(k)) for f in (claim, counter) if f for k in _ORG_FIELDS):
            continue
        same = next((d for d in out if r.kind == "denial" and d["kind"] == "denial" and d["claim"] is claim), None)
        if same is not None:  # one claim, several denials: one dispute with every denial beside it
            same["counters"].append(counter)
            same["sides"].append(r.sides[-1])
            same["summary"] += f"; {r.summary}"
            continue
        out.append({"id": r.id, "kind": r.kind, "summary": r.summary, "sides": list(r.sides), "claim": claim,
                    "counter": counter, "counters": [counter] if counter else []})
    return out[offset : offset + limit], len(out)


def flows(conn: Connection, since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """Talent flows between organizations: links (from, to, people, named), net flow per org."""
    conds = [C.type == "move", *_filters(None, None, None, since, until, None)]
    rows = conn.execute(select(C.attrs, C.id).where(and_(*conds))).all()
    links: dict[tuple[str, str], dict[str, Any]] = {}
    net: dict[str, int] = defaultdict(int)
    for r in rows:
        a = r.attrs or {}
        src, dst = a.get("from_org"), a.get("to_org")
        if not src or not dst or org_key(src) == org_key(dst):
            continue
        n = 1 if a.get("person") else int(a.get("count") or 1)
        link = links.setdefault(
            (src, dst), {"source": src, "target": dst, "people": 0, "named": [], "fact_ids": []}
        )
        link["people"] += n
        link["fact_ids"].append(r.id)
        if a.get("person"):
            link["named"].append(a["person"])
        net[dst] += n
        net[src] -= n
    ordered = sorted(links.values(), key=lambda x: -x["people"])
    return {
        "links": ordered,
        "net": sorted(({"org": k, "net": v} for k, v in net.items()), key=lambda x: -x["net"]),
    }


def _facts_naming(conn: Connection, name: str, person: bool) -> list[dict[str, Any]]:
    kw = {"person": name} if person else {"org": name}
    items, _ = list_facts(conn, limit=10_000, **kw)
    return sorted(items, key=lambda f: (f.get("first_date") or "", f["id"]))


def person_profile(conn: Connection, name: str) -> dict[str, Any]:
    """A person's timeline: every canonical fact that names them, oldest first."""
    timeline = _facts_naming(conn, name, person=True)
    full = next(
        (
            f.get(k)
            for f in timeline
            for k in _PERSON_FIELDS
            if f.get(k) and same_person(name, f.get(k)) and len(str(f.get(k)).split()) > 1
        ),
        name,
    )
    return {
        "name": full,
        "timeline": timeline,
        "moves": [f for f in timeline if f["type"] == "move"],
        "offers": [f for f in timeline if f["type"] == "offer"],
        "disputed": sum(1 for f in timeline if f["disputed"]),
    }


def org_profile(conn: Connection, name: str) -> dict[str, Any]:
    """An organization's profile: arrivals, departures, offers made, investments, disputes."""
    items = _facts_naming(conn, name, person=False)
    moves = [f for f in items if f["type"] == "move"]
    return {
        "name": next((f.get(k) for f in items for k in _ORG_FIELDS if same_org(name, f.get(k))), name),
        "arrivals": [
            f for f in moves if same_org(name, f.get("to_org")) and not same_org(name, f.get("from_org"))
        ],
        "departures": [
            f for f in moves if same_org(name, f.get("from_org")) and not same_org(name, f.get("to_org"))
        ],
        "internal": [
            f for f in moves if same_org(name, f.get("from_org")) and same_org(name, f.get("to_org"))
        ],
        "offers_made": [f for f in items if f["type"] == "offer" and same_org(name, f.get("by_org"))],
        "offers_received": [f for f in items if f["type"] == "offer" and same_org(name, f.get("target_org"))],
        "investments_made": [
            f for f in items if f["type"] == "investment" and same_org(name, f.get("investor"))
        ],
        "investments_received": [
            f for f in items if f["type"] == "investment" and same_org(name, f.get("target"))
        ],
        "units": [f for f in items if f["type"] == "unit"],
        "denials": [f for f in items if f["type"] == "denial"],
        "disputed": [f for f in items if f["disputed"]],
    }


def overview_stats(conn: Connection) -> dict[str, Any]:
    """Headline numbers, the largest offers and investments, and the most active organizations."""
    by_type = dict(conn.execute(select(C.type, func.count()).group_by(C.type)).all())
    n_docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
    n_disputes = conn.execute(select(func.count()).select_from(disputes)).scalar_one()
    largest = {}
    for kind in ("offer", "investment"):
        rows = conn.execute(select(canonical_facts).where(C.type == kind)).all()
        ranked = sorted(
            (r for r in rows if isinstance((r.attrs or {}).get("amount_usd"), int | float)),
            key=lambda r: -r.attrs["amount_usd"],
        )[:5]
        largest[kind] = [_fact_dict(r) for r in ranked]
    activity: dict[str, int] = defaultdict(int)
    for (attrs,) in conn.execute(select(C.attrs)).all():
        for k in ("from_org", "to_org", "by_org", "investor", "target", "org"):
            if (attrs or {}).get(k):
                activity[attrs[k]] += 1
    top = sorted(activity.items(), key=lambda kv: -kv[1])[:10]
    return {
        "documents": n_docs,
        "facts": sum(by_type.values()),
        "by_type": by_type,
        "disputes": n_disputes,
        "largest": largest,
        "active_orgs": [{"org": k, "facts": v} for k, v in top],
        "per_doc_facts": conn.execute(select(func.count()).select_from(facts)).scalar_one(),
    }
