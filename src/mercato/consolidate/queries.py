"""Reading the market map: plain functions that return dicts, shared by the CLI and the web API.

- ``list_facts(conn, type=None, org=None, person=None, since=None, until=None, disputed=None,
  limit=50, offset=0) -> (rows, total)``: canonical facts, newest first, each with the contract
  fields, ``sources`` ([{doc_id, file, url, site, date, evidence, start, end}]), ``values`` (what
  each source says per field), ``disputed``, ``first_date``, ``last_date``, ``n_sources``,
  ``n_sites``.
  With ``summary=True`` (the JSON API's lists), each fact carries only its first SUMMARY_SOURCES
  sources and no ``values``: a page of facts with hundreds of sources each stays small.
- ``get_fact(conn, id)``: one canonical fact (same shape) plus its ``disputes``.
- ``list_disputes(conn, kind=None, org=None, limit=50, offset=0, since=None, until=None) -> (rows,
  total)``: each with the claim and the counter fact (a denial) in full; of a period: its claim's.
- Talent flows between organizations: ``consolidate.flows``.
- ``person_profile(conn, name)`` / ``org_profile(conn, name)``: timelines and totals.
- ``overview_stats(conn)``: headline numbers.
Stories and key points: ``consolidate.stories`` and ``consolidate.keypoints``.
Name filters are accent- and case-insensitive.

Speed (the web dashboard lists 100,000 facts in a few milliseconds):
- Totals and the overview are cached for the process and dropped as soon as the store changes
  (``cached``, which the web app also uses for searches): a COUNT over the whole table cost more than
  the page it paginates.
- The organization filter searches ``canonical_names_fts`` (one token per name, revision 0005) on
  SQLite instead of LIKE-scanning every fact's ``names``.
- Disputes are grouped and paged by SQLite; facts and sources are only read for the page shown.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import Any

from pydantic_core import from_json
from sqlalchemy import (
    Connection,
    Integer,
    Text,
    and_,
    bindparam,
    case,
    column,
    func,
    or_,
    select,
    text,
    true,
    type_coerce,
)

from mercato.consolidate.keys import norm, org_key, person_key, same_org, same_person
from mercato.consolidate.merge import site_of
from mercato.model import FACT_FIELDS, FACT_TYPE_SPECS, QueryError, fact_types
from mercato.store.cache import cached
from mercato.store.schema import canonical_facts, disputes, documents, evidence, fact_links, facts

C = canonical_facts.c


def _org_condition(conn: Connection, key: str, drive: bool) -> Any:
    """Facts naming an organization whose normalised name starts with ``key``.

    ``drive`` (the organization has few facts): on SQLite, its facts come from the names index of
    revision 0005 (``"key"*`` is a prefix query on one token per name, the same meaning as the LIKE),
    then are sorted. Otherwise SQLite walks the date index and tests each fact with the LIKE until the
    page is full, which reads few facts when many match (and the index would list them all first).
    """
    if not drive or conn.dialect.name != "sqlite":
        return C.names.like(f"%|{key}%")
    return C.id.in_(_names_matching(_fts_name(key) + "*"))


def _fts_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _in_ids(dialect: str, col: Any, name: str, value: Any = None) -> Any:
    """``col IN :name``, the ids given at execution by ``_ids`` (or here, as ``value``). On SQLite they
    are one JSON parameter that ``json_each`` unpacks: an expanding list is rendered into the statement
    anew on every call, and a list of literals coerced too, several times the cost of the JSON
    parameter for a page of disputes."""
    if dialect != "sqlite":
        return col.in_(bindparam(name, value, expanding=True))
    listed = text(f"SELECT value FROM json_each(:{name})")
    if value is not None:
        listed = listed.bindparams(**{name: value})
    return col.in_(listed.columns(column("value", Integer)))


def _ids(conn: Connection, ids: list[int]) -> Any:
    """The value of an ``_in_ids`` parameter."""
    return json.dumps(ids) if conn.dialect.name == "sqlite" else ids


def _names_matching(query: str) -> Any:
    """The ids of the canonical facts whose names match an FTS5 query on ``canonical_names_fts``."""
    names = text("SELECT rowid FROM canonical_names_fts WHERE canonical_names_fts MATCH :names")
    return names.bindparams(names=query).columns(column("rowid", Integer))


def _filters(
    conn: Connection,
    type: str | None,
    org: str | None,
    person: str | None,
    since: str | None,
    until: str | None,
    disputed: bool | None,
    org_first: bool = True,
    lang: str | None = None,
    site: str | None = None,
) -> list[Any]:
    """The WHERE conditions; ``org_first``: the organization's facts are the few to read (see ``list_facts``).
    ``lang`` and ``site``: facts one of whose sources is in that language, or from that site."""
    conds: list[Any] = []
    if lang or site:
        by_doc = select(fact_links.c.canonical_id).join(documents, documents.c.id == fact_links.c.doc_id)
        if lang:
            by_doc = by_doc.where(documents.c.lang == lang)
        if site:
            by_doc = by_doc.where(documents.c.site == site)
        conds.append(C.id.in_(by_doc))
    if type:
        if type not in FACT_TYPE_SPECS:
            raise QueryError(f"unknown fact type {type!r}: use one of {', '.join(fact_types())}")
        # With an organization to read first, `type || ''` keeps SQLite from preferring the type index.
        conds.append((C.type + "" if org and org_first else C.type) == type)
    if org:
        key = org_key(org) or norm(org)
        if not key:
            raise QueryError("--org needs a name")
        conds.append(_org_condition(conn, key, drive=org_first))
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
    summary: bool = False,
    lang: str | None = None,
    site: str | None = None,
    sort: str = "newest",
) -> tuple[list[dict[str, Any]], int]:
    """Canonical facts matching the filters, newest first (``sort``: or ``oldest``, or ``sources``: the
    most sourced first), and how many match in all; ``summary``: a fact's first sources only, and no
    ``values`` (``get_fact`` has the rest)."""
    if limit < 0 or offset < 0:
        raise QueryError("limit and offset must be >= 0")
    if sort not in FACT_SORTS:
        raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(FACT_SORTS)}")
    if lang or site or sort != "newest":  # few facts per site or language: the plain plan, no organization-first choice
        conds = _filters(conn, type, org, person, since, until, disputed, False, lang, site)
        total = _count(conn, conds, ("facts", type, org, person, since, until, disputed, lang, site))
        return _page(conn, conds, limit, offset, summary, sort), total
    conds = _filters(conn, type, org, person, since, until, disputed)
    total = _count(conn, conds, ("facts", type, org, person, since, until, disputed))
    if org and conn.dialect.name == "sqlite":
        # Reading the facts of the organization from the names index and sorting the matches costs about
        # as many as it has; walking the facts that the other filters allow, newest first, until the page
        # is full costs about (offset + limit) * walked / matching. Pick the cheaper (all counts cached).
        of_org = _count(conn, _filters(conn, None, org, None, None, None, None), ("facts", None, org) + (None,) * 4)
        walked = _count(
            conn,
            _filters(conn, type, None, person, since, until, disputed),
            ("facts", type, None, person, since, until, disputed),
        )
        if of_org * total > (offset + limit) * walked:
            conds = _filters(conn, type, org, person, since, until, disputed, org_first=False)
    return _page(conn, conds, limit, offset, summary), total


FACT_SORTS = ("newest", "oldest", "sources")


def _page(
    conn: Connection, conds: list[Any], limit: int, offset: int, summary: bool, sort: str = "newest"
) -> list[dict[str, Any]]:
    """One page of the facts matching ``conds``, in the order ``sort`` names, with their sources."""
    order = {
        "newest": (_newest_first(conn), C.n_sources.desc(), C.id.desc()),
        "oldest": (C.first_date.is_(None), C.first_date, C.id),
        "sources": (C.n_sources.desc(), _newest_first(conn), C.id.desc()),
    }[sort]
    rows = conn.execute(
        select(*_FACT_COLUMNS).where(and_(*conds) if conds else true()).order_by(*order).limit(limit).offset(offset)
    ).all()
    out = [_fact_from(r) for r in rows]
    attach_sources(conn, out, SUMMARY_SOURCES if summary else None)
    if summary:
        for f in out:
            del f["values"]
    return out


SUMMARY_SOURCES = 3  # sources per fact in a summary (the earliest), beside the counts of all


def _count(conn: Connection, conds: list[Any], key: Hashable) -> int:
    """How many canonical facts match ``conds`` (cached under ``key`` until the store changes)."""
    where = and_(*conds) if conds else true()
    return cached(
        conn,
        "counts",
        key,
        lambda: conn.execute(select(func.count()).select_from(canonical_facts).where(where)).scalar_one(),
    )


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


# The columns _fact_from reads, in its order. Rows are unpacked by position: reading a field of an
# SQLAlchemy Row by name goes through its key lookup, a large share of the time to list a page. The
# JSON columns come as text and are decoded by pydantic-core, twice as fast as SQLAlchemy's json.loads
# (``values``, what every source says, is most of a fact's bytes).
_FACT_COLUMNS = (
    C.id,
    C.type,
    type_coerce(C.attrs, Text),
    C.disputed,
    C.first_date,
    C.last_date,
    C.n_sources,
    C.n_sites,
    type_coerce(C["values"], Text),
)


def _json(raw: Any) -> Any:
    """A JSON column read as text; a driver that decodes JSON itself (psycopg) hands over the value."""
    return from_json(raw) if isinstance(raw, str | bytes) and raw else raw


def _fact_from(r: Any) -> dict[str, Any]:
    """The fact dict (contract fields first) of a row of _FACT_COLUMNS."""
    fact_id, kind, attrs, disputed, first_date, last_date, n_sources, n_sites, values = r
    attrs = _json(attrs) or {}
    out: dict[str, Any] = {"id": fact_id, "type": kind}
    for name in FACT_FIELDS[kind]:
        out[name] = attrs.get(name)
    out.update(
        disputed=bool(disputed),
        first_date=first_date,
        last_date=last_date,
        n_sources=n_sources,
        n_sites=n_sites,
        values=_json(values) or {},
    )
    return out


def fact_dict(r: Any) -> dict[str, Any]:
    """The same dict from a row of ``select(canonical_facts)`` (as ``consolidate.stories`` reads them)."""
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
    .where(_in_ids("sqlite", fact_links.c.canonical_id, "ids")),
    "": _SOURCES.where(_in_ids("", fact_links.c.canonical_id, "ids")),
}
_FACTS_OF = {d: select(*_FACT_COLUMNS).where(_in_ids(d, C.id, "ids")) for d in ("sqlite", "")}


def _newest_first(conn: Connection) -> Any:
    """Latest date first, undated facts last: SQLite's own order for DESC, which PostgreSQL must be told
    (it puts NULLs first there). SQLite keeps the plain clause its date index serves."""
    newest = C.last_date.desc()
    return newest if conn.dialect.name == "sqlite" else newest.nulls_last()


def _statement(conn: Connection, built: dict[str, Any]) -> Any:
    """The statement of ``built`` for ``conn``'s database: SQLite's, or the portable one (key "")."""
    return built["sqlite" if conn.dialect.name == "sqlite" else ""]


def attach_sources(conn: Connection, items: list[dict[str, Any]], per_fact: int | None = None) -> None:
    """Each fact's sources, one per document, earliest first (at most ``per_fact`` of them), and its
    ``anchor``: the least of its sources' anchors, a name for it that survives a re-ingest (``/fact/{anchor}``
    finds it by any of them, see ``fact_by_anchor``)."""
    if not items:
        return
    rows = conn.execute(_statement(conn, _SOURCES_OF), {"ids": _ids(conn, [f["id"] for f in items])}).all()
    by_id: dict[int, list[dict[str, Any]]] = defaultdict(list)
    anchors: dict[int, str] = {}
    seen: set[tuple[int, int]] = set()
    written: dict[int, list[tuple[float, str, float]]] = defaultdict(list)  # one per document
    counted: set[tuple[int, int]] = set()
    for canonical_id, doc_id, source, url, site, date, title, lang, sentence, start, end, ev_id, anchor, w in rows:
        if anchor and (canonical_id not in anchors or anchor < anchors[canonical_id]):
            anchors[canonical_id] = anchor
        if (w := _json(w)) and (canonical_id, doc_id) not in counted:
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


def get_fact(conn: Connection, fact_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(*_FACT_COLUMNS).where(C.id == fact_id)).first()
    if row is None:
        return None
    out = _fact_from(row)
    attach_sources(conn, [out])
    out["disputes"] = list_disputes(conn, fact_id=fact_id, limit=100)[0]
    return out


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

    One claim's denials are one dispute. SQLite groups them (``_GROUP``): grouping every row in Python
    grew with the store and dominated the page. The groups (three numbers each) are cached until the store changes;
    the page's disputes, their facts in full, with their values and sources, are read for the page only.
    """
    d = disputes.c
    where = _dispute_conditions(conn, kind, org, fact_id, since, until)
    first = func.min(d.id).label("first")
    # SQLite reads a group's kind and claim from any of its rows (they are the same in a group); others
    # want an aggregate.
    alike = (d.kind, d.claim_id) if conn.dialect.name == "sqlite" else (func.min(d.kind), func.min(d.claim_id))
    grouped = select(first, *alike).where(*where).group_by(_GROUP).order_by(first)
    listed = cached(conn, "disputes", (kind, org, fact_id, since, until), lambda: conn.execute(grouped).all())
    page = listed[offset : offset + limit]
    claims = [claim for _, dispute_kind, claim in page if dispute_kind == "denial"]
    alone = [dispute_id for dispute_id, dispute_kind, _ in page if dispute_kind != "denial"]
    dialect = conn.dialect.name
    in_page = or_(_in_ids(dialect, d.id, "alone"), and_(d.kind == "denial", _in_ids(dialect, d.claim_id, "claims")))
    members = select(*_DISPUTE_COLUMNS).where(*where, in_page).order_by(d.id)
    rows = conn.execute(members, {"alone": _ids(conn, alone), "claims": _ids(conn, claims)}).all() if page else []
    groups = _dispute_groups(rows)
    ids = sorted({g["claim"] for g in groups} | {c for g in groups for c in g["counters"]})
    facts = conn.execute(_statement(conn, _FACTS_OF), {"ids": _ids(conn, ids)}).all() if ids else []
    full = {r[0]: _fact_from(r) for r in facts}
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


# ``sides`` as text, decoded by pydantic-core (see _FACT_COLUMNS).
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
_GROUP = case((disputes.c.kind == "denial", disputes.c.claim_id), else_=-disputes.c.id)


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
        period = _filters(conn, None, None, None, since, until, None)
        conds.append(select(C.id).where(C.id == d.claim_id, *period).exists())
    if kind:
        if kind not in DISPUTE_KINDS:
            raise QueryError(f"unknown dispute kind {kind!r}: use one of {', '.join(DISPUTE_KINDS)}")
        conds.append(d.kind == kind)
    if fact_id is not None:
        conds.append(or_(d.claim_id == fact_id, d.counter_id == fact_id))
    if org:
        ids = cached(conn, "disputes naming", org, lambda: _disputes_naming(conn, org))
        conds.append(_in_ids(conn.dialect.name, d.id, "naming", _ids(conn, ids)))
    return conds


def _dispute_groups(rows: Sequence[Any]) -> list[dict[str, Any]]:
    """The disputes of a page, in order, from their rows in id order: one per claim for its denials."""
    groups: list[dict[str, Any]] = []
    denials: dict[int, dict[str, Any]] = {}  # claim id -> its denial dispute
    for dispute_id, dispute_kind, claim, counter, summary, raw_sides in rows:
        sides = _json(raw_sides)
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
        names = [_fts_name(key) + "*"] + [_fts_name(" ".join(words[:n])) for n in range(1, len(words))]
        facts = _names_matching(" OR ".join(names))
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
        if any(same_org(org, (attrs or {}).get(k)) for k in _ORG_FIELDS if k in named):
            return True
    return False


def _facts_naming(conn: Connection, name: str, person: bool) -> list[dict[str, Any]]:
    """The facts naming ``name``, in date order (undated last). The SQL filter of a person is by last
    name, so each fact must also name someone ``same_person`` takes for them ("Alexandr Wang" is not
    "Jeff Wang")."""
    items, _ = list_facts(conn, limit=10_000, person=name if person else None, org=None if person else name)
    if person:
        items = [f for f in items if any(same_person(name, f.get(k)) for k in _PERSON_FIELDS)]
    return sorted(items, key=lambda f: (f.get("first_date") or f.get("last_date") or "9999", f["id"]))


def person_profile(conn: Connection, name: str) -> dict[str, Any]:
    """A person's timeline: every canonical fact that names them, oldest first; ``found`` is False
    (and ``close`` lists the people of the same last name or first letters) when none does."""
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
        "found": bool(timeline),
        "close": [] if timeline else close_people(conn, name),
        "timeline": timeline,
        "moves": [f for f in timeline if f["type"] == "move"],
        "offers": [f for f in timeline if f["type"] == "offer"],
        "disputed": sum(1 for f in timeline if f["disputed"]),
    }


def close_people(conn: Connection, name: str, limit: int = 5) -> list[str]:
    """People of the store whose name is close to ``name``: same last name, or similar spelling."""
    import difflib

    key = person_key(name)
    known: dict[str, str] = {}
    query = select(type_coerce(C.attrs, Text)).where(C.type.in_(("move", "offer", "unit", "denial")))
    for (attrs,) in conn.execute(query.limit(20_000)):
        decoded = _json(attrs) or {}
        for k in _PERSON_FIELDS:
            value = decoded.get(k)
            if isinstance(value, str) and person_key(value) and len(value.split()) > 1:
                known.setdefault(norm(value), value)
    same_last = [v for n, v in known.items() if key and n.split()[-1] == key]
    similar = difflib.get_close_matches(norm(name), list(known), n=limit, cutoff=0.6)
    return list(dict.fromkeys([*same_last, *(known[n] for n in similar)]))[:limit]


def org_profile(conn: Connection, name: str) -> dict[str, Any]:
    """An organization's profile: arrivals, departures, offers made, investments, disputes."""
    items = _facts_naming(conn, name, person=False)
    moves = [f for f in items if f["type"] == "move"]
    return {
        "name": next((f.get(k) for f in items for k in _ORG_FIELDS if same_org(name, f.get(k))), name),
        "found": bool(items),
        "arrivals": [f for f in moves if same_org(name, f.get("to_org")) and not same_org(name, f.get("from_org"))],
        "departures": [f for f in moves if same_org(name, f.get("from_org")) and not same_org(name, f.get("to_org"))],
        "internal": [f for f in moves if same_org(name, f.get("from_org")) and same_org(name, f.get("to_org"))],
        "offers_made": [f for f in items if f["type"] == "offer" and same_org(name, f.get("by_org"))],
        "offers_received": [f for f in items if f["type"] == "offer" and same_org(name, f.get("target_org"))],
        "investments_made": [f for f in items if f["type"] == "investment" and same_org(name, f.get("investor"))],
        "investments_received": [f for f in items if f["type"] == "investment" and same_org(name, f.get("target"))],
        "units": [f for f in items if f["type"] == "unit"],
        "denials": [f for f in items if f["type"] == "denial"],
        "disputed": [f for f in items if f["disputed"]],
    }


def overview_stats(conn: Connection) -> dict[str, Any]:
    """Headline numbers and the largest offers and investments (the most active organizations, of any
    period: ``consolidate.periods``).

    It reads every canonical fact, so it is cached until the store changes (see ``cached``).
    """
    return cached(conn, "overview", None, lambda: _overview(conn))


# SQLite: the amounts are read by json_extract in SQL instead of every offer's attributes being decoded
# into Python dicts.
_AMOUNT = func.json_extract(C.attrs, "$.amount_usd")
_NUMERIC_AMOUNT = func.json_type(C.attrs, "$.amount_usd").in_(("integer", "real"))


def _overview(conn: Connection) -> dict[str, Any]:
    by_type: dict[str, int] = {t: n for t, n in conn.execute(select(C.type, func.count()).group_by(C.type))}
    n_docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
    # As the board counts them: one claim's denials are one dispute.
    n_disputes = conn.execute(select(func.count(func.distinct(_GROUP))).select_from(disputes)).scalar_one()
    sqlite = conn.dialect.name == "sqlite"
    largest = {}
    for kind in ("offer", "investment"):
        if sqlite:
            rows = conn.execute(
                select(*_FACT_COLUMNS)
                .where(C.type == kind, _NUMERIC_AMOUNT)
                .order_by(_AMOUNT.desc(), C.last_date, C.id)
                .limit(5)
            ).all()
            largest[kind] = [_fact_from(r) for r in rows]
            continue
        # ties as SQLite orders them: the earliest date (undated first), then the first stored
        by_date = (C.last_date.nulls_first(), C.id)
        rows = conn.execute(select(canonical_facts).where(C.type == kind).order_by(*by_date)).all()
        ranked = sorted(
            (r for r in rows if isinstance((r.attrs or {}).get("amount_usd"), int | float)),
            key=lambda r: -r.attrs["amount_usd"],
        )[:5]
        largest[kind] = [fact_dict(r) for r in ranked]
    return {
        "documents": n_docs,
        "facts": sum(by_type.values()),
        "by_type": by_type,
        "disputes": n_disputes,
        "largest": largest,
        "per_doc_facts": conn.execute(select(func.count()).select_from(facts)).scalar_one(),
    }
