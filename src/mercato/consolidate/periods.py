"""The overview of a period: headline numbers, facts, people moving and money invested per month, the
most active organizations, all from one summary of the store's dates.

A period keeps the facts whose dates meet it (the last on or after ``since``, the first on or before
``until``: undated facts are outside any period), as ``filters.fact_filters`` does. Each period asked
for the first time scanned the facts, the entity rows and the documents again, several times (the
count, the months, the charts, the organizations): a new period cost more than every other page. So
the store is read once, grouped by (first date, last date), and kept until it changes
(``store.cache.cached``); a period then adds up the groups it keeps, far fewer than the rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, select

from mercato.consolidate.dispute_list import DISPUTE_GROUP
from mercato.consolidate.filters import parse_date
from mercato.store.cache import cached
from mercato.store.entities import with_names
from mercato.store.schema import canonical_facts, disputes, documents, fact_entities

C = canonical_facts.c
ACTIVE_ORGS = 10  # organizations the overview lists
_MARKET = (("people", "move", "to_org"), ("money", "investment", "target"))  # what the charts add up


def _summary(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """The store grouped by dates, each row ending with (first date, last date, value)."""

    def compute() -> dict[str, list[tuple[Any, ...]]]:
        e, d = fact_entities.c, documents.c
        out: dict[str, list[tuple[Any, ...]]] = {}
        dates = (C.first_date, C.last_date)
        out["facts"] = [tuple(r) for r in conn.execute(select(*dates, func.count()).group_by(*dates))]
        claims = disputes.join(canonical_facts, C.id == disputes.c.claim_id)
        # one claim's denials are one dispute, and a dispute has one claim: its dates
        counted = select(*dates, func.count(func.distinct(DISPUTE_GROUP))).select_from(claims).group_by(*dates)
        out["disputes"] = [tuple(r) for r in conn.execute(counted)]
        out["documents"] = [(r[0], r[0], r[1]) for r in conn.execute(select(d.date, func.count()).group_by(d.date))]
        edates = (e.first_date, e.last_date)
        for name, typ, field in _MARKET:
            total = func.sum(e.people if name == "people" else e.amount)
            kept = (e.type == typ, e.field == field, e.first_date.is_not(None))
            rows = conn.execute(select(*edates, total).where(*kept).group_by(*edates))
            out[name] = [tuple(r) for r in rows]
        orgs = select(e.ekey, *edates, func.sum(e.main)).where(e.kind == "org").group_by(e.ekey, *edates)
        out["orgs"] = [tuple(r) for r in conn.execute(orgs)]
        return out

    return cached(conn, "period summary", None, compute)


def _kept(rows: Iterable[tuple[Any, ...]], since: str | None, until: str | None) -> Iterable[tuple[Any, ...]]:
    """The rows of the period (``filters.fact_filters``' conditions on their dates)."""
    low = parse_date(since) if since else None
    high = parse_date(until) + "T99" if until else None
    for row in rows:
        first, last = row[-3], row[-2]
        if low is not None and (last is None or last < low):
            continue
        if high is not None and (first is None or first > high):
            continue
        yield row


def months(conn: Connection, since: str | None = None, until: str | None = None) -> list[tuple[str, int]]:
    """Facts per month of the store ("2025-06", n) within the period, empty months included."""
    from mercato.consolidate.profiles import month_range

    counts: dict[str, int] = defaultdict(int)
    for first, _last, n in _kept(_summary(conn)["facts"], since, until):
        if first and first[:7]:
            counts[first[:7]] += n
    if not counts:
        return []
    return [(m, counts.get(m, 0)) for m in month_range(min(counts), max(counts))]


def market_months(
    conn: Connection, since: str | None = None, until: str | None = None
) -> dict[str, list[tuple[str, float]]]:
    """People moving (arrivals' head counts) and money invested (amounts of investments) per month,
    from ``fact_entities``."""
    from mercato.consolidate.profiles import month_range

    out = {}
    summary = _summary(conn)
    for name, _typ, _field in _MARKET:
        got: dict[str, float] = defaultdict(float)
        for first, _last, value in _kept(summary[name], since, until):
            if first[:7]:
                got[first[:7]] += float(value or 0)
        out[name] = [(m, got.get(m, 0.0)) for m in month_range(min(got), max(got))] if got else []
    return out


def headline(conn: Connection, since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """The overview's headline numbers within the period: articles (by their date), canonical facts,
    people moving and money invested (the sums of ``market_months``, so the numbers and the charts
    agree) and disputes (those whose claim is of the period; one claim's denials are one dispute)."""
    summary = _summary(conn)
    market = market_months(conn, since, until)
    n_facts = sum(n for *_, n in _kept(summary["facts"], since, until))
    # the count the list of the period's latest facts reads (``queries.list_facts``): not counted again
    cached(conn, "counts", ("facts", None, None, None, since, until, None), lambda: n_facts)
    return {
        "documents": sum(n for *_, n in _kept(summary["documents"], since, until)),
        "facts": n_facts,
        "people": int(sum(v for _, v in market["people"])),
        "money": sum(v for _, v in market["money"]),
        "disputes": sum(n for *_, n in _kept(summary["disputes"], since, until)),
    }


def active_orgs(
    conn: Connection, since: str | None = None, until: str | None = None, limit: int = ACTIVE_ORGS
) -> list[dict[str, Any]]:
    """The organizations named by the most facts of the period ({org, key, facts}), by identity: the
    name shown is the one the facts give it most often."""
    counts: dict[str, int] = defaultdict(int)
    for key, _first, _last, n in _kept(_summary(conn)["orgs"], since, until):
        counts[key] += n or 0
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    named = {r["key"]: r["name"] for r in with_names(conn, "org", [{"key": k} for k, _ in top])}
    return [{"org": named.get(k) or k, "key": k, "facts": n} for k, n in top]
