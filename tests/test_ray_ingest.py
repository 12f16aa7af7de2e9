"""``mercato ingest --ray``: Ray Data reads, cleans and extracts; the store ends as a plain ingest leaves it.

Runs on a local Ray instance of two CPUs (skipped where Ray is not installed), on SQLite and on the
PostgreSQL server of tests/pg.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from conftest import SAMPLES
from mercato.pipeline import ingest
from mercato.store.db import connect
from mercato.store.schema import canonical_facts, documents, facts

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'mercato[ray]')")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The samples (text, HTML, JSON Lines with a near-duplicate), a copy (duplicates), and a bad file."""
    root = tmp_path_factory.mktemp("ray") / "corpus"
    shutil.copytree(SAMPLES, root / "a")
    shutil.copytree(SAMPLES, root / "b")
    (root / "a" / "empty.txt").write_text("   \n", encoding="utf-8")
    return root


def _dump(url: str) -> tuple:
    with connect(url).connect() as conn:
        docs = conn.execute(select(documents.c.id, documents.c.content_hash, documents.c.duplicate_of)).all()
        per_doc = conn.execute(select(facts.c.doc_id, facts.c.type, facts.c.key)).all()
        c = canonical_facts.c
        canon = [
            (r.id, r.block, json.dumps(r.attrs, sort_keys=True), r.n_sources)
            for r in conn.execute(select(c.id, c.block, c.attrs, c.n_sources))
        ]
    return sorted(map(tuple, docs)), sorted(map(tuple, per_doc)), sorted(canon)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_ray_ingest_stores_what_a_plain_ingest_stores(local_ray, corpus: Path, tmp_path: Path, backend: str, request):
    from mercato.batch.ray_job import ray_ingest

    if backend == "sqlite":
        on_ray, plain = f"sqlite:///{tmp_path / 'ray.db'}", f"sqlite:///{tmp_path / 'plain.db'}"
    else:
        server = request.getfixturevalue("pg_server")
        on_ray, plain = server.create_database(), server.create_database()
    expected = ingest([str(corpus)], plain)
    report = ray_ingest([str(corpus)], connect(on_ray), workers=2)
    assert report.summary() == expected.summary()
    assert (report.new, report.duplicates, report.near_duplicates) == (
        expected.new,
        expected.duplicates,
        expected.near_duplicates,
    )
    assert [e.source for e in report.skipped] == [str(corpus / "a" / "empty.txt")]
    assert report.facts > 20 and len(report.duplicates) >= 10
    assert _dump(on_ray) == _dump(plain)
    again = ray_ingest([str(corpus / "a")], connect(on_ray), workers=2)  # all there already
    assert again.new == [] and again.facts == 0
