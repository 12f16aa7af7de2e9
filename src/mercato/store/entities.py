"""People and organizations named in the stored documents, with how often they are mentioned."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, case, func, select

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


def _index_rows(conn: Connection, kind: str) -> list[dict[str, Any]]:
    """Every entity of ``kind`` with its counts, one GROUP BY over ``fact_entities``."""
    e = fact_entities.c

    def when(cond: Any, value: Any = 1) -> Any:
        return func.coalesce(func.sum(case((cond, value), else_=0)), 0)

    cols = [e.ekey, func.min(e.name), func.count(func.distinct(e.canonical_id)), func.max(e.last_date)]
    if kind == "org":
        cols += [
            when(and_(e.type == "move", e.field == "to_org"), e.people),
            when(and_(e.type == "move", e.field == "from_org"), e.people),
            when(and_(e.type == "investment", e.field == "target"), func.coalesce(e.amount, 0)),
            when(and_(e.type == "investment", e.field == "investor"), func.coalesce(e.amount, 0)),
            when(and_(e.type == "offer", e.field == "by_org")),
        ]
        names = ("arrivals", "departures", "money_in", "money_out", "offers")
    else:
        cols += [
            when(and_(e.type == "move", e.field == "person")),
            when(and_(e.type == "offer", e.field == "target_person")),
            when(and_(e.type == "unit", e.field == "leader")),
            when(e.type == "denial"),
        ]
        names = ("moves", "offers", "units", "denials")
    out = []
    for key, name, n, last, *counts in conn.execute(select(*cols).where(e.kind == kind).group_by(e.ekey)):
        row: dict[str, Any] = {"key": key, "name": name, "facts": n, "last_date": last}
        row.update(zip(names, counts, strict=True))
        if kind == "org":
            row["net"] = row["arrivals"] - row["departures"]
        out.append(row)
    return _fold_surnames(out) if kind == "person" else out


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
    from mercato.consolidate.keys import norm
    from mercato.consolidate.queries import QueryError, cached

    if sort not in INDEX_COLUMNS[kind]:
        raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(INDEX_COLUMNS[kind])}")

    def ordered() -> list[dict[str, Any]]:
        rows = cached(conn, "entity index", kind, lambda: _index_rows(conn, kind))
        if sort == "name":
            return sorted(rows, key=lambda r: norm(r["name"]), reverse=desc)
        return sorted(rows, key=lambda r: (r[sort] is not None, r[sort] or 0, -r["facts"]), reverse=desc)

    rows = cached(conn, "entity index", (kind, sort, desc), ordered)
    if q and norm(q):
        wanted = norm(q)
        rows = [r for r in rows if wanted in norm(r["name"]) or wanted in r["key"].replace("-", " ")]
    return rows[offset : offset + limit], len(rows)


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
