"""Store URLs for the tests that must hold on every supported database.

``fresh_store_url`` names a new, empty store each time it is called: an SQLite file under the
test's directory, or a new database on the session's PostgreSQL server (``tests/pg.py``, skipped
with its reason where the server cannot start). Tests that take it run once per backend.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

BACKENDS = ["sqlite", "postgresql"]


def make_fresh_store_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[], str]:
    """A function returning the URL of a new, empty store on ``backend`` each time it is called."""
    server = request.getfixturevalue("pg_server") if backend == "postgresql" else None

    def fresh() -> str:
        if server is not None:
            return server.create_database()
        return f"sqlite:///{tmp_path / f'store-{uuid.uuid4().hex[:8]}.db'}"

    return fresh


@pytest.fixture(params=BACKENDS)
def fresh_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], str]:
    return make_fresh_store_url(request.param, tmp_path, request)


def map_snapshot(url: str) -> dict[str, Any]:
    """The market map of a store with every id replaced by what it names (a document by its URL or
    source, a canonical fact by its attributes): two stores holding the same documents must give
    equal snapshots, whatever order the documents came in and whatever ids they got."""
    import json

    from sqlalchemy import create_engine, select

    from mercato.store.schema import canonical_facts, disputes, documents, facts

    def doc_names(ids: Any) -> list[str]:
        return sorted(names[i] for i in ids)

    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(select(documents.c.id, documents.c.url, documents.c.source))
        names = {r.id: r.url or r.source for r in rows}
        per_doc = sorted(
            (names[r.doc_id], r.type, r.key, json.dumps(r.attrs, sort_keys=True))
            for r in conn.execute(select(facts.c.doc_id, facts.c.type, facts.c.key, facts.c.attrs))
        )
        canon: dict[int, str] = {}
        merged = []
        for r in conn.execute(select(canonical_facts)):
            canon[r.id] = json.dumps([r.type, r.attrs], sort_keys=True)
            values = {
                name: [{**g, "doc_ids": doc_names(g["doc_ids"])} for g in groups]
                for name, groups in (r.values or {}).items()
            }
            merged.append(
                json.dumps(
                    [r.type, r.block, r.attrs, values, r.first_date, r.last_date, r.n_sources, r.n_sites, r.disputed],
                    sort_keys=True,
                )
            )
        found = []
        for r in conn.execute(select(disputes)):
            sides = [{**s, "doc_ids": doc_names(s.get("doc_ids") or [])} for s in r.sides or []]
            counter = canon.get(r.counter_id) if r.counter_id else None
            found.append(json.dumps([r.kind, canon[r.claim_id], counter, r.summary, sides], sort_keys=True))
    engine.dispose()
    return {"facts": per_doc, "canonical": sorted(merged), "disputes": sorted(found)}
