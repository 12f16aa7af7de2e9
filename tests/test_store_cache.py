"""Answers kept until the store changes, on SQLite and on PostgreSQL: never older than the store."""

from __future__ import annotations

from sqlalchemy import insert

from market_helpers import add_doc, fact
from mercato.consolidate import queries
from mercato.store import cache
from mercato.store.cache import cached
from mercato.store.db import connect
from mercato.store.schema import documents


def test_a_kept_total_lasts_until_a_commit_and_not_after(store_url: str) -> None:
    engine = connect(store_url)
    add_doc(engine, "Vela Labs hired Ana Ruiz.", [fact("move", person="Ana Ruiz", to_org="Vela Labs")])
    calls = []

    def total() -> int:
        calls.append(1)
        with engine.connect() as conn:
            return queries.list_facts(conn, limit=1)[1]

    with engine.connect() as conn:
        assert cached(conn, "test", "n", total) == 1
        assert cached(conn, "test", "n", total) == 1
    assert len(calls) == 1, "the second read was not answered from the cache"

    add_doc(engine, "Orbit AI hired Ben Cole.", [fact("move", person="Ben Cole", to_org="Orbit AI")])
    with engine.connect() as conn:
        assert cached(conn, "test", "n", total) == 2  # the commit dropped the kept value
    assert len(calls) == 2


def test_a_transaction_that_wrote_computes_for_itself(store_url: str) -> None:
    """Its uncommitted rows must not be kept for everybody else."""
    engine = connect(store_url)
    with engine.begin() as conn:
        conn.execute(
            insert(documents).values(
                source="x.txt", raw_text="x", text="x", content_hash="h", chars=1, ingested_at="2025"
            )
        )
        assert cache._shared_cache(conn) is None
    with engine.connect() as conn:
        assert cache._shared_cache(conn) is not None
