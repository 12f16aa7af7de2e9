"""A page of ``GET /api/facts`` stays small however many sources its facts have.

Every source and its evidence were inlined in each fact of a list: a page of 50 well-covered facts
weighed more than a megabyte, over the response cache's limit. A list now carries a summary per fact
(counts, first sources); ``/api/facts/{id}`` carries the rest.
"""

from __future__ import annotations

import warnings

import pytest
from sqlalchemy import Engine

from market_helpers import add_doc, fact
from mercato.store.db import connect

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from mercato.serve.app import create_app  # noqa: E402

FACTS = 50
SOURCES = 24
PAGE_LIMIT = 100_000  # bytes


def _sentence(n: int, k: int) -> str:
    return (
        f"Investor{n} Capital invested $40 million in the AI startup Target{n} Systems, according to a filing "
        f"reviewed by reporter number {k}, who added a long paragraph of context about the round and the "
        "competition for compute, researchers and customers that the company faces this year."
    )


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = connect(str(tmp_path_factory.mktemp("size") / "size.db"))
    for k in range(SOURCES):
        facts = [
            fact(
                "investment",
                _sentence(n, k),
                investor=f"Investor{n} Capital",
                target=f"Target{n} Systems",
                amount_usd=40_000_000 + k,
                status="done",
            )
            for n in range(FACTS)
        ]
        add_doc(engine, " ".join(_sentence(n, k) for n in range(FACTS)), facts, site=f"site{k}.example.com")
    return engine


def test_a_page_of_fifty_facts_is_a_summary_under_100_kb(engine: Engine) -> None:
    client = TestClient(create_app(engine=engine))
    response = client.get("/api/facts", params={"limit": 50})
    assert response.status_code == 200
    assert len(response.content) < PAGE_LIMIT, f"{len(response.content):,} bytes"
    items = response.json()["items"]
    assert len(items) == FACTS
    for item in items:
        assert item["n_sources"] == SOURCES and item["n_sites"] == SOURCES
        assert 1 <= len(item["sources"]) <= 3
        assert {"doc_id", "site", "evidence", "evidence_id"} <= set(item["sources"][0])
    full = client.get(f"/api/facts/{items[0]['id']}").json()
    assert len(full["sources"]) == SOURCES
    assert len(full["values"]["amount_usd"]) == SOURCES
    assert full["sources"][:3] == items[0]["sources"]
