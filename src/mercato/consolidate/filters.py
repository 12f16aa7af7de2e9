"""The filters of a list of canonical facts (type, organization, person, period, disputed, language,
site) as SQL conditions, and how many facts they keep.

Name filters are accent- and case-insensitive. The organization filter searches
``canonical_names_fts`` (one token per name, revision 0005) on SQLite instead of LIKE-scanning every
fact's ``names``. Counts are cached for the process and dropped as soon as the store changes
(``store.cache.cached``): a COUNT over the whole table cost more than the page it paginates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Any

from sqlalchemy import Connection, Integer, and_, column, func, select, text, true

from mercato.consolidate.keys import norm, org_key, person_key
from mercato.model import FACT_TYPE_SPECS, QueryError, fact_types
from mercato.store.cache import cached
from mercato.store.schema import canonical_facts, documents, fact_links

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
    return C.id.in_(names_matching(fts_name(key) + "*"))


def fts_name(name: str) -> str:
    """``name`` as one FTS5 string (quoted, its quotes doubled)."""
    return '"' + name.replace('"', '""') + '"'


def names_matching(query: str) -> Any:
    """The ids of the canonical facts whose names match an FTS5 query on ``canonical_names_fts``."""
    names = text("SELECT rowid FROM canonical_names_fts WHERE canonical_names_fts MATCH :names")
    return names.bindparams(names=query).columns(column("rowid", Integer))


def fact_filters(
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
        conds.append(C.last_date >= parse_date(since))  # undated facts are outside any period
    if until:
        conds.append(C.first_date <= parse_date(until) + "T99")
    if disputed is not None:
        conds.append(C.disputed == int(disputed))
    return conds


def parse_date(value: str) -> str:

    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError as exc:
        raise QueryError(f"bad date {value!r}: use YYYY-MM-DD") from exc


def count_facts(conn: Connection, conds: list[Any], key: Hashable) -> int:
    """How many canonical facts match ``conds`` (cached under ``key`` until the store changes)."""
    where = and_(*conds) if conds else true()
    return cached(
        conn,
        "counts",
        key,
        lambda: conn.execute(select(func.count()).select_from(canonical_facts).where(where)).scalar_one(),
    )


ORG_NAME_FIELDS = (
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
PERSON_NAME_FIELDS = ("person", "target_person", "leader", "speaker", "claim_by", "attributed_to", "investor")
