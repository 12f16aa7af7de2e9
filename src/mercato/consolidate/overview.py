"""The map's headline numbers: counts by type, disputes, the largest offers and investments (cached
until the store changes; the most active organizations, of any period: ``consolidate.periods``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from mercato.consolidate.dispute_list import DISPUTE_GROUP
from mercato.consolidate.rows import FACT_COLUMNS, C, fact_dict, fact_from
from mercato.store.cache import cached
from mercato.store.schema import canonical_facts, disputes, documents, facts


def overview_stats(conn: Connection) -> dict[str, Any]:
    """Headline numbers and the largest offers and investments.

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
    n_disputes = conn.execute(select(func.count(func.distinct(DISPUTE_GROUP))).select_from(disputes)).scalar_one()
    sqlite = conn.dialect.name == "sqlite"
    largest = {}
    for kind in ("offer", "investment"):
        if sqlite:
            rows = conn.execute(
                select(*FACT_COLUMNS)
                .where(C.type == kind, _NUMERIC_AMOUNT)
                .order_by(_AMOUNT.desc(), C.last_date, C.id)
                .limit(5)
            ).all()
            largest[kind] = [fact_from(r) for r in rows]
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
