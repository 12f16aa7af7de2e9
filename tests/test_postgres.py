"""PostgreSQL for a team: the same store, map, search and API as SQLite, and writers that take turns.

Runs on the server tests/pg.py starts (skipped, with the reason, where PostgreSQL is absent). The
merge tests of test_market_merge.py run on both databases too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

import pytest
from sqlalchemy import func, select

from conftest import ROOT, SAMPLES
from mercato.pipeline import ingest
from mercato.store.db import connect
from mercato.store.schema import canonical_facts, documents, facts
from mercato.store.search import search

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from mercato.serve.app import create_app  # noqa: E402

API = [
    "/api/documents?limit=100",
    "/api/facts?limit=100",
    "/api/facts?type=move&limit=100",
    "/api/facts?org=meta&limit=100",
    "/api/disputes?limit=100",
    "/api/flows",
    "/api/flows?org=meta&status=done",
    "/api/flows/facets",
    "/api/flows/facets?since=2025-01-01",
    "/api/organizations?limit=100",
    "/api/people?limit=100",
    "/api/stories?limit=100",
    "/api/overview",
    "/api/overview?since=2025-06-01&until=2025-12-31",
]


@pytest.fixture(scope="module")
def stores(pg_server, tmp_path_factory) -> tuple[str, str]:  # tests/pg.py's server
    """The sample corpus ingested into SQLite and into PostgreSQL."""
    lite = str(tmp_path_factory.mktemp("pg") / "lite.db")
    pg = pg_server.create_database()
    for db in (lite, pg):
        report = ingest([str(SAMPLES)], db)
        assert report.ok and report.facts > 0
    return lite, pg


def test_the_api_answers_the_same_on_both_databases(stores: tuple[str, str]):
    lite, pg = stores
    with TestClient(create_app(lite)) as a, TestClient(create_app(pg)) as b:
        for path in API:
            left, right = a.get(path), b.get(path)
            assert left.status_code == right.status_code == 200, (path, right.text[:300])
            assert left.json() == right.json(), path
        doc_id = a.get("/api/documents?limit=1").json()["items"][0]["id"]
        # search ranks in its own way: see below
        for path in (f"/api/documents/{doc_id}", f"/api/keypoints/documents/{doc_id}"):
            assert a.get(path).json() == b.get(path).json(), path


def test_search_finds_words_by_prefix_and_without_accents(stores: tuple[str, str]):
    _, pg = stores
    with connect(pg).connect() as conn:
        hits = search(conn, "scal")  # a prefix, as on SQLite
        assert hits["documents"] and all("Scale" in (d["title"] or "") + d["snippet"] for d in hits["documents"][:1])
        assert hits["evidence"]
        accented = search(conn, "societe")["documents"]  # "société" in the French samples
        assert accented
        assert search(conn, "SOCIÉTÉ")["documents"] == accented
        assert search(conn, "zzzunheardof") == {"documents": [], "evidence": []}
        assert search(conn, "'&|!:*()") == {"documents": [], "evidence": []}  # no tsquery syntax gets through


def test_search_ranks_on_postgresql_like_fts5_on_sqlite(stores: tuple[str, str]):
    lite, pg = stores
    with connect(lite).connect() as a, connect(pg).connect() as b:
        for q in ("meta", "openai offre", "chercheurs"):
            found = [{d["id"] for d in search(c, q)["documents"]} for c in (a, b)]
            assert found[0] == found[1], q


def _counts(url: str) -> tuple[int, int, int, set[str]]:
    with connect(url).connect() as conn:
        n_docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
        n_facts = conn.execute(select(func.count()).select_from(facts)).scalar_one()
        n_canonical = conn.execute(select(func.count()).select_from(canonical_facts)).scalar_one()
        hashes = set(conn.execute(select(documents.c.content_hash)).scalars())
    return n_docs, n_facts, n_canonical, hashes


@pytest.mark.slow
def test_two_ingests_at_once_lose_nothing(pg_url: str, stores: tuple[str, str]):
    """Two processes ingest overlapping halves of the corpus into one store at the same time: every
    article is stored once, and the documents, facts and map are those of one ingest of the whole."""
    files = sorted(str(p) for p in SAMPLES.iterdir() if p.is_file())
    half = len(files) // 2
    parts = [files[: half + 2], files[half - 2 :]]  # four files in both
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", "from mercato.cli import main; main()", "ingest", "-q", "--db", pg_url, *part],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for part in parts
    ]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err[-2000:]
    once = stores[0]  # the same files ingested by one process
    assert _counts(pg_url) == _counts(once)
