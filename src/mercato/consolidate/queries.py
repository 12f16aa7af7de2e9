"""Listing the market map's canonical facts, shared by the CLI and the web API.

- ``list_facts(conn, type=None, org=None, person=None, since=None, until=None, disputed=None,
  limit=50, offset=0) -> (rows, total)``: canonical facts, newest first, each with the contract
  fields, ``sources`` ([{doc_id, file, url, site, date, evidence, start, end}]), ``values`` (what
  each source says per field), ``disputed``, ``first_date``, ``last_date``, ``n_sources``,
  ``n_sites``.
  With ``summary=True`` (the JSON API's lists), each fact carries only its first SUMMARY_SOURCES
  sources and no ``values``: a page of facts with hundreds of sources each stays small.
- ``get_fact(conn, id)``: one canonical fact (same shape) plus its ``disputes``.

The other reads of the map, one module each: the filters and counts (``filters``), a fact's sources
(``sources``), disputes (``dispute_list``), profiles by name (``name_profiles``), the headline
numbers (``overview``), talent flows (``flows``), stories and key points (``stories``,
``keypoints``), facets (``facets``).

The dashboard's lists stay fast on a large store: totals are cached until the store changes, the
organization filter reads the names index when that organization has few facts, and facts and
sources are only read for the page shown.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, select, true

from mercato.consolidate.dispute_list import list_disputes
from mercato.consolidate.filters import count_facts, fact_filters
from mercato.consolidate.rows import FACT_COLUMNS, C, fact_from, newest_first
from mercato.consolidate.sources import attach_sources
from mercato.model import QueryError


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
        conds = fact_filters(conn, type, org, person, since, until, disputed, False, lang, site)
        total = count_facts(conn, conds, ("facts", type, org, person, since, until, disputed, lang, site))
        return _page(conn, conds, limit, offset, summary, sort), total
    conds = fact_filters(conn, type, org, person, since, until, disputed)
    total = count_facts(conn, conds, ("facts", type, org, person, since, until, disputed))
    if org and conn.dialect.name == "sqlite":
        # Reading the facts of the organization from the names index and sorting the matches costs about
        # as many as it has; walking the facts that the other filters allow, newest first, until the page
        # is full costs about (offset + limit) * walked / matching. Pick the cheaper (all counts cached).
        of_org = count_facts(
            conn, fact_filters(conn, None, org, None, None, None, None), ("facts", None, org) + (None,) * 4
        )
        walked = count_facts(
            conn,
            fact_filters(conn, type, None, person, since, until, disputed),
            ("facts", type, None, person, since, until, disputed),
        )
        if of_org * total > (offset + limit) * walked:
            conds = fact_filters(conn, type, org, person, since, until, disputed, org_first=False)
    return _page(conn, conds, limit, offset, summary), total


FACT_SORTS = ("newest", "oldest", "sources")


def _page(
    conn: Connection, conds: list[Any], limit: int, offset: int, summary: bool, sort: str = "newest"
) -> list[dict[str, Any]]:
    """One page of the facts matching ``conds``, in the order ``sort`` names, with their sources."""
    order = {
        "newest": (newest_first(conn), C.n_sources.desc(), C.id.desc()),
        "oldest": (C.first_date.is_(None), C.first_date, C.id),
        "sources": (C.n_sources.desc(), newest_first(conn), C.id.desc()),
    }[sort]
    rows = conn.execute(
        select(*FACT_COLUMNS).where(and_(*conds) if conds else true()).order_by(*order).limit(limit).offset(offset)
    ).all()
    out = [fact_from(r) for r in rows]
    attach_sources(conn, out, SUMMARY_SOURCES if summary else None)
    if summary:
        for f in out:
            del f["values"]
    return out


SUMMARY_SOURCES = 3  # sources per fact in a summary (the earliest), beside the counts of all


def get_fact(conn: Connection, fact_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(*FACT_COLUMNS).where(C.id == fact_id)).first()
    if row is None:
        return None
    out = fact_from(row)
    attach_sources(conn, [out])
    out["disputes"] = list_disputes(conn, fact_id=fact_id, limit=100)[0]
    return out
