"""People and organizations named in the stored documents, with how often they are mentioned."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from mercato.link.names import norm
from mercato.model import QueryError
from mercato.store.cache import cached
from mercato.store.schema import entities, fact_entities, mentions


def list_entities(
    conn: Connection, kind: str | None = None, limit: int = 100, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """Entities, the most mentioned first."""
    conds = [entities.c.kind == kind] if kind else []
    total = conn.execute(select(func.count()).select_from(entities).where(*conds)).scalar_one()
    n = func.count(mentions.c.id).label("mentions")
    docs = func.count(func.distinct(mentions.c.doc_id)).label("documents")
    rows = conn.execute(
        select(entities.c.id, entities.c.name, entities.c.kind, entities.c.known, n, docs)
        .select_from(entities.outerjoin(mentions, mentions.c.entity_id == entities.c.id))
        .where(*conds)
        .group_by(entities.c.id)
        .order_by(n.desc(), entities.c.name)
        .limit(limit)
        .offset(offset)
    ).all()
    return [{**dict(r._mapping), "known": bool(r.known)} for r in rows], total


# --- People and organizations as the facts name them (``fact_entities``, written by the merge). ---

INDEX_COLUMNS = {
    "org": ("name", "facts", "arrivals", "departures", "net", "money_in", "money_out", "offers", "last_date"),
    "person": ("name", "facts", "moves", "offers", "units", "denials", "last_date"),
}


# (type, field) -> the counts it adds to: org and person indexes (``people``: a move's head count).
_COUNTED = {
    "org": {
        ("move", "to_org"): ("arrivals", "people"),
        ("move", "from_org"): ("departures", "people"),
        ("investment", "target"): ("money_in", "amount"),
        ("investment", "investor"): ("money_out", "amount"),
        ("offer", "by_org"): ("offers", "rows"),
    },
    "person": {
        ("move", "person"): ("moves", "rows"),
        ("offer", "target_person"): ("offers", "rows"),
        ("unit", "leader"): ("units", "rows"),
        **{("denial", f): ("denials", "rows") for f in ("speaker", "claim_by")},
    },
}


def _index_rows(conn: Connection, kind: str) -> list[dict[str, Any]]:
    """Every entity of ``kind`` with its counts: one GROUP BY (entity, type, field) that reads the
    covering index of ``fact_entities`` only, folded per entity here. Names are read for the rows shown
    (``with_names``); the key, a normalised name, sorts and filters."""
    e = fact_entities.c
    query = (
        select(
            e.ekey, e.type, e.field, func.count(), func.sum(e.main), func.sum(e.people), func.sum(e.amount),
            func.max(e.last_date),
        )
        .where(e.kind == kind)
        .group_by(e.ekey, e.type, e.field)
    )  # fmt: skip
    counted = _COUNTED[kind]
    names = dict.fromkeys(v[0] for v in counted.values())
    by_key: dict[str, dict[str, Any]] = {}
    for key, typ, field, rows, main, people, amount, last in conn.execute(query):
        row = by_key.get(key)
        if row is None:
            row = by_key[key] = {"key": key, "name": None, "facts": 0, **dict.fromkeys(names, 0), "last_date": None}
        row["facts"] += main or 0
        if last and (row["last_date"] is None or last > row["last_date"]):
            row["last_date"] = last
        what = counted.get((typ, field))
        if what:
            value = {"rows": rows, "people": people or 0, "amount": amount or 0}[what[1]]
            row[what[0]] += value
    out = list(by_key.values())
    if kind == "org":
        for row in out:
            row["net"] = row["arrivals"] - row["departures"]
    return _fold_surnames(out) if kind == "person" else out


def with_names(conn: Connection, kind: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` with their ``name``: the name the facts give each most often."""
    if not rows:
        return rows

    def compute() -> dict[str, str]:  # every entity's name at once (from the covering index), cached
        e = fact_entities.c
        query = select(e.ekey, e.name, func.count()).where(e.kind == kind).group_by(e.ekey, e.name)
        best: dict[str, str] = {}
        for key, name, _ in sorted(conn.execute(query), key=lambda r: (-r[2], r[1])):
            best.setdefault(key, name)
        return best

    best = cached(conn, "entity names", kind, compute)
    return [{**r, "name": best.get(r["key"], r["key"])} for r in rows]


def _fold_surnames(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A person named by the surname alone ("altman") counts for the one full name of that surname in
    the store ("sam-altman"); with none or several, the surname stays an entry of its own."""
    full: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if "-" in r["key"]:
            full.setdefault(r["key"].rsplit("-", 1)[-1], []).append(r)
    out = []
    for r in rows:
        owners = full.get(r["key"], []) if "-" not in r["key"] else []
        if len(owners) != 1:
            out.append(r)
            continue
        owner = owners[0]
        for k, v in r.items():
            if k not in ("key", "name", "last_date") and isinstance(v, int | float):
                owner[k] += v
        owner["last_date"] = max(filter(None, (owner["last_date"], r["last_date"])), default=None)
    return out


def entity_index(
    conn: Connection,
    kind: str,
    sort: str = "facts",
    desc: bool = True,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """People (``kind="person"``) or organizations with their counts, sorted by ``sort`` (one of
    ``INDEX_COLUMNS[kind]``), those whose name contains ``q`` (accents and case aside) only.

    The whole index is one aggregate, cached until the store changes, as is each sorted order: a page
    is then a slice."""
    if sort not in INDEX_COLUMNS[kind]:
        raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(INDEX_COLUMNS[kind])}")

    def ordered() -> list[dict[str, Any]]:
        rows = cached(conn, "entity index", kind, lambda: _index_rows(conn, kind))
        if sort == "name":
            return sorted(rows, key=lambda r: r["key"], reverse=desc)
        return sorted(rows, key=lambda r: (r[sort] is not None, r[sort] or 0, -r["facts"]), reverse=desc)

    rows = cached(conn, "entity index", (kind, sort, desc), ordered)
    if q and norm(q):
        wanted = norm(q).replace(" ", "-")
        rows = [r for r in rows if wanted in r["key"]]
    return with_names(conn, kind, rows[offset : offset + limit]), len(rows)


def entity_names(conn: Connection, kind: str, key: str) -> list[str]:
    """The names the facts give the entity ``key``, the most frequent first ([] when none names it)."""
    e = fact_entities.c
    n = func.count().label("n")
    rows = conn.execute(
        select(e.name, n).where(e.kind == kind, e.ekey == key).group_by(e.name).order_by(n.desc(), e.name)
    )
    return [r[0] for r in rows]


def entity_fact_ids(conn: Connection, kind: str, keys: list[str]) -> list[int]:
    """The canonical facts that name one of ``keys`` (entities of ``kind``)."""
    e = fact_entities.c
    query = select(e.canonical_id).where(e.kind == kind, e.ekey.in_(keys)).distinct()
    return sorted(r[0] for r in conn.execute(query))


def surname_keys(conn: Connection, key: str) -> list[str]:
    """``key`` and the bare surname of it when the store names nobody else of that surname: the facts
    that call "Sam Altman" just "Altman" are his."""
    if "-" not in key:
        return [key]
    last = key.rsplit("-", 1)[-1]
    e = fact_entities.c
    others = conn.execute(
        select(e.ekey).where(e.kind == "person", e.ekey.like(f"%-{last}"), e.ekey != key).limit(1)
    ).first()
    return [key] if others else [key, last]


def owner_of_surname(conn: Connection, key: str) -> str | None:
    """The one full-name key whose surname is ``key`` (a bare surname), None for none or several."""
    e = fact_entities.c
    rows = conn.execute(select(e.ekey).where(e.kind == "person", e.ekey.like(f"%-{key}")).distinct().limit(2)).all()
    return rows[0][0] if len(rows) == 1 else None
