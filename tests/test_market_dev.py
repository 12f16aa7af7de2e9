"""The market map over the real dev articles: merged, disputed, and free of duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from mercato.consolidate import queries
from mercato.consolidate.dispute_list import list_disputes
from mercato.consolidate.keys import same_fact
from mercato.pipeline import ingest
from mercato.store.db import connect


@pytest.fixture(scope="module")
def conn(dev_articles: Path, tmp_path_factory):
    db = tmp_path_factory.mktemp("dev") / "dev.db"
    assert ingest([str(dev_articles)], str(db)).ok
    with connect(db).connect() as c:
        yield c


def test_meta_scale_ai_is_one_fact_with_its_sources(conn):
    items, _ = queries.list_facts(conn, type="investment", org="Scale AI", limit=100)
    meta = [f for f in items if f["investor"] == "Meta" and f["target"] == "Scale AI"]
    assert len(meta) == 1
    assert meta[0]["n_sources"] >= 4 and len({s["lang"] for s in meta[0]["sources"]}) == 2


def test_the_100m_offer_claim_and_its_denials_are_one_dispute(conn):
    rows, _ = list_disputes(conn, kind="denial", limit=100)
    offers = [d for d in rows if d["claim"]["type"] == "offer" and d["claim"]["by_org"] == "Meta"]
    assert len(offers) == 1
    assert len(offers[0]["counters"]) >= 2


def test_no_canonical_fact_duplicates_another(conn):
    items, _ = queries.list_facts(conn, limit=100_000)
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            assert not (a["type"] == b["type"] and same_fact(a["type"], a, b)), (a, b)
