"""Talent flows between organizations, sliced like any list: by period, by organization (either side
of a move) and by the moves' status, with the counts of each facet over the moves the filters keep.

Everything reads ``move_flows``, the merge's narrow copy of each move between two organizations, with
the canonical move's status (revision 0013: read from each move's JSON, the first view filtered or
faceted by status took seconds on a large store). Cached until the store changes (``store.cache.cached``): the flow
page and the API's flows are read far more often than articles come in.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, case, func, or_, select, union_all

from mercato.consolidate.facets import TOP, month_end
from mercato.consolidate.filters import parse_date
from mercato.consolidate.keys import norm, org_key
from mercato.model import QueryError
from mercato.store.cache import cached
from mercato.store.schema import move_flows

FLOW_LINKS = 100  # the largest links a flow view returns by default; ``limit=None`` for all
m = move_flows.c


def flows(
    conn: Connection,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = FLOW_LINKS,
    org: str | None = None,
    status: str | None = None,
) -> dict[str, Any]:
    """Talent flows between organizations: the ``limit`` largest links (from, to, people, named,
    fact_ids), ``total_links``, and the net flow of every organization; ``org``: the moves into or out
    of that organization only, ``status``: the moves of that status only.

    A market of a few hundred organizations has thousands of pairs, nearly all of one move: nobody reads
    them all, and building them cost most of the time.
    """
    if limit is not None and limit < 1:
        raise QueryError("limit must be at least 1")
    key = (since, until, limit, org, status)
    return cached(conn, "flows", key, lambda: _flows(conn, conditions(conn, since, until, org, status), limit))


def conditions(
    conn: Connection, since: str | None, until: str | None, org: str | None = None, status: str | None = None
) -> list[Any]:
    """The filters as conditions on ``move_flows`` rows. An organization is matched by identity (its
    knowledge-base key), so each of the names the moves give it counts."""
    conds: list[Any] = []
    if since:
        conds.append(m.last_date >= parse_date(since))  # undated moves are outside any period
    if until:
        conds.append(m.first_date <= parse_date(until) + "T99")
    if org:
        names = _names_of(conn, org)
        conds.append(or_(m.from_org.in_(names), m.to_org.in_(names)))
    if status:
        conds.append(m.status == status)
    return conds


def _names_of(conn: Connection, org: str) -> list[str]:
    """The names of the moves' organizations that are ``org`` (the same knowledge-base key)."""
    key = org_key(org) or norm(org)
    if not key:
        raise QueryError("the organization filter needs a name")

    def compute() -> list[str]:
        both = union_all(select(m.from_org.label("o")), select(m.to_org)).subquery()
        return [o for (o,) in conn.execute(select(both.c.o).distinct()) if (org_key(o) or norm(o)) == key]

    return cached(conn, "flow org names", key, compute)


def _flows(conn: Connection, conds: list[Any], limit: int | None) -> dict[str, Any]:
    """The database groups the moves into pairs (revision 0008's indexes), read once: Python ranks them,
    counts them and sums the net flows (three statements grouping the same moves cost more), then
    reads the names and facts of the links returned only. Ties are ordered by name code point by code
    point, as SQLite orders text, on every database."""
    # A group ("11 researchers") and the named people who are likely part of it are not added up: a
    # pair's flow is the larger of its largest group and its named people, "at least" when both exist.
    group = func.coalesce(func.max(case((m.person.is_(None), m.people))), 0)
    pairs = select(m.from_org, m.to_org, group, func.count(m.person)).where(*conds).group_by(m.from_org, m.to_org)
    ranked: list[tuple[int, str, str, bool]] = []
    net: defaultdict[str, int] = defaultdict(int)
    for src, dst, largest, named in conn.execute(pairs):
        people = largest if largest > named else named
        ranked.append((-people, src, dst, largest > 0 and named > 0))
        net[dst] += people
        net[src] -= people
    ranked.sort()
    shown = ranked if limit is None else ranked[:limit]
    links: dict[tuple[str, str], dict[str, Any]] = {
        (src, dst): {"source": src, "target": dst, "people": -n, "at_least": least, "named": [], "fact_ids": []}
        for n, src, dst, least in shown
    }
    details = select(m.from_org, m.to_org, m.person, m.canonical_id).where(*conds).order_by(m.canonical_id)
    if len(shown) < len(ranked):  # the moves of the links shown, and a few others read and left
        details = details.where(m.from_org.in_(sorted({src for _, src, _, _ in shown})))
    for src, dst, person, fact_id in conn.execute(details):
        link = links.get((src, dst))
        if link is None:
            continue
        link["fact_ids"].append(fact_id)
        if person and person not in link["named"]:
            link["named"].append(person)
    return {
        "links": list(links.values()),
        "total_links": len(ranked),
        "net": [{"org": org, "net": n} for org, n in sorted(net.items(), key=lambda kv: (-kv[1], kv[0]))],
    }


def flow_facets(
    conn: Connection,
    since: str | None = None,
    until: str | None = None,
    org: str | None = None,
    status: str | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """{facet: [{value, label, n}]}: how many of the moves the filters keep go into or out of each
    organization (the TOP most frequent), start in each month, have each status."""
    key = (since, until, org, status)
    return cached(conn, "flow facets", key, lambda: _flow_facets(conn, conditions(conn, since, until, org, status)))


def _flow_facets(conn: Connection, conds: list[Any]) -> dict[str, list[dict[str, Any]]]:
    n = func.count().label("n")
    both = union_all(
        select(m.from_org.label("org")).where(*conds), select(m.to_org.label("org")).where(*conds)
    ).subquery()
    orgs = conn.execute(select(both.c.org, n).group_by(both.c.org).order_by(n.desc(), both.c.org).limit(TOP))
    month = func.substr(m.first_date, 1, 7)
    months = conn.execute(
        select(month, n).where(*conds, m.first_date.is_not(None)).group_by(month).order_by(month.desc()).limit(24)
    )
    statuses = conn.execute(
        select(m.status, n).where(*conds, m.status.is_not(None)).group_by(m.status).order_by(n.desc(), m.status)
    )
    return {
        "org": [{"value": o, "label": o, "n": c} for o, c in orgs],
        "month": [{"value": v, "label": v, "n": c, "since": f"{v}-01", "until": month_end(v)} for v, c in months if v],
        "status": [{"value": s, "label": s, "n": c} for s, c in statuses if s],
    }
