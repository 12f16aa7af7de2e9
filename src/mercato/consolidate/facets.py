"""Facets of a filtered list of facts: how many of them per type, organization, person, month,
language and site, each a filter one click away.

The counts are grouped by the database over the facts the filters keep (``filters.fact_filters``), the
people and organizations through ``fact_entities``, the languages and sites through the facts'
sources; all are cached until the store changes (``store.cache.cached``).
"""

from __future__ import annotations

import calendar
from typing import Any

from sqlalchemy import Connection, and_, func, select, true

from mercato.consolidate.filters import fact_filters, parse_date
from mercato.consolidate.queries import FACT_SORTS
from mercato.consolidate.rows import FACTS_OF, fact_from, for_dialect, id_values, in_ids
from mercato.consolidate.sources import attach_sources
from mercato.model import QueryError
from mercato.store.cache import cached
from mercato.store.entities import with_names
from mercato.store.schema import canonical_facts, documents, fact_entities, fact_links

C = canonical_facts.c
TOP = 8  # values shown per facet (the most frequent)


def facets(conn: Connection, **filters: Any) -> dict[str, list[dict[str, Any]]]:
    """{facet: [{value, label, n}]} for the facts that ``filters`` (as ``list_facts`` takes them) keep."""
    key = tuple(sorted((k, v) for k, v in filters.items() if v is not None))
    return cached(conn, "facets", key, lambda: _facets(conn, filters))


def kept_ids(conn: Connection, **f: Any) -> list[int] | None:
    """The ids of the facts that filters naming someone or a source keep (read once: a name filter is a
    scan of every fact's names), cached; None when the filters are a type and a period at most, which
    the indexes serve as they are."""
    if _entity_conditions(f) is not None:
        return None
    key = tuple(sorted((k, v) for k, v in f.items() if v is not None))

    def compute() -> list[int]:
        conds = fact_filters(
            conn, f.get("type"), f.get("org"), f.get("person"), f.get("since"), f.get("until"), f.get("disputed"),
            False, f.get("lang"), f.get("site"),
        )  # fmt: skip
        return [r[0] for r in conn.execute(select(C.id).where(and_(*conds)))]

    return cached(conn, "kept ids", key, compute)


WITHIN = 20_000  # kept facts up to which a page of them is sorted here rather than by a scan


def facts_within(conn: Connection, ids: list[int], sort: str, limit: int, offset: int) -> list[dict[str, Any]]:
    """A page of the facts ``ids`` in the order ``sort`` names (as ``list_facts`` orders them): their
    dates and source counts are read and sorted here, then the page's facts in full."""
    if sort not in FACT_SORTS:
        raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(FACT_SORTS)}")
    if not ids:
        return []
    rows = list(
        conn.execute(
            select(C.id, C.first_date, C.last_date, C.n_sources).where(
                in_ids(conn.dialect.name, C.id, "within", id_values(conn, ids))
            )
        ).all()
    )
    if sort == "oldest":
        rows.sort(key=lambda r: (r[1] is None, r[1] or "", r[0]))
    elif sort == "sources":
        rows.sort(key=lambda r: (r[3], r[2] or "", r[0]), reverse=True)
    else:
        rows.sort(key=lambda r: (r[2] or "", r[3], r[0]), reverse=True)
    page = [r[0] for r in rows[offset : offset + limit]]
    if not page:
        return []
    found = {r[0]: fact_from(r) for r in conn.execute(for_dialect(conn, FACTS_OF), {"ids": id_values(conn, page)})}
    out = [found[i] for i in page if i in found]
    attach_sources(conn, out)
    return out


def _facets(conn: Connection, filters: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    f = filters
    conds = fact_filters(
        conn, f.get("type"), f.get("org"), f.get("person"), f.get("since"), f.get("until"), f.get("disputed"),
        False, f.get("lang"), f.get("site"),
    )  # fmt: skip
    where = and_(*conds) if conds else true()
    own = _entity_conditions(f)
    ids = kept_ids(conn, **f)
    if ids is not None:  # the kept facts read once (a name filter is a scan), then given to each count by id
        where = in_ids(conn.dialect.name, C.id, "kept", id_values(conn, ids))
    kept = select(C.id).where(where)
    n = func.count().label("n")
    out: dict[str, list[dict[str, Any]]] = {}
    out["type"] = [
        {"value": t, "label": t, "n": c}
        for t, c in conn.execute(select(C.type, n).where(where).group_by(C.type).order_by(n.desc(), C.type))
    ]
    month = func.substr(C.first_date, 1, 7)
    out["month"] = [
        {"value": m, "label": m, "n": c, "since": f"{m}-01", "until": month_end(m)}
        for m, c in conn.execute(
            select(month, n).where(where, C.first_date.is_not(None)).group_by(month).order_by(month.desc()).limit(24)
        )
    ]
    e = fact_entities.c
    facts_of = func.sum(e.main).label("n")  # one row per entity and fact has main = 1
    for kind in ("org", "person"):
        # Type and period only: the entity rows carry them (a broad filter keeps many ids). Otherwise
        # `kind || ''` keeps SQLite on the facts' ids (few) rather than every entity of the kind.
        own_rows = [e.kind == kind, *own] if own is not None else None
        where_e = own_rows or [(e.kind + "") == kind, e.canonical_id.in_(kept)]
        rows = conn.execute(
            select(e.ekey, facts_of).where(*where_e).group_by(e.ekey).order_by(facts_of.desc(), e.ekey).limit(TOP)
        ).all()
        named = {r["key"]: r["name"] for r in with_names(conn, kind, [{"key": k} for k, _ in rows])}
        out[kind] = [{"value": named[k], "key": k, "label": named[k], "n": c} for k, c in rows]
    d = documents.c
    by_fact = func.count(func.distinct(fact_links.c.canonical_id)).label("n")
    for col, name in ((d.lang, "lang"), (d.site, "site")):
        counted = conn.execute(
            select(col, by_fact)
            .select_from(fact_links.join(documents, d.id == fact_links.c.doc_id))
            .where(*([fact_links.c.canonical_id.in_(kept)] if conds else []), col.is_not(None))
            .group_by(col)
            .order_by(by_fact.desc(), col)
            .limit(TOP)
        )
        out[name] = [{"value": v, "label": v, "n": c} for v, c in counted]
    return out


def month_end(month: str) -> str:
    """The last day of ``month`` ("2024-02" -> "2024-02-29"): a month facet's ``until``."""
    y, m = int(month[:4]), int(month[5:7])
    return f"{month}-{calendar.monthrange(y, m)[1]:02d}"


def _entity_conditions(f: dict[str, Any]) -> list[Any] | None:
    """The filters as conditions on ``fact_entities`` rows, when they are only a type and a period (the
    rows carry both): [] for none; None when another filter needs the facts' ids."""
    if any(f.get(k) is not None for k in f if k not in ("type", "since", "until")):
        return None
    e = fact_entities.c
    out: list[Any] = []
    if f.get("type"):
        out.append(e.type == f["type"])
    if f.get("since"):
        out.append(e.last_date >= parse_date(f["since"]))
    if f.get("until"):
        out.append(e.first_date <= parse_date(f["until"]) + "T99")
    return out
