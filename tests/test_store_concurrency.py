"""Several processes opening a store that does not exist yet: every one of them gets a working store.

Creating the schema is a migration; two processes running it at once used to collide (one died on
``UNIQUE constraint failed: alembic_version``). Real processes, started together, on a new store.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from stores import fresh_store_url  # noqa: F401 - a fixture

ROOT = Path(__file__).resolve().parents[1]
PROCESSES = 4
ROUNDS = 2

# Each process waits for the same instant, opens the store (creating it) and stores one document.
_OPEN_AND_STORE = """
import sys, time
from mercato.model import Document
from mercato.store.db import connect
from mercato.store.documents import add_document
url, start, n = sys.argv[1], float(sys.argv[2]), sys.argv[3]
time.sleep(max(0.0, start - time.time()))
engine = connect(url)
with engine.begin() as conn:
    text = f"Article number {n}, written for the creation race."
    add_document(conn, Document(source=f"race-{n}.txt", raw_text=text, text=text))
print("ok")
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def test_processes_creating_one_store_at_once_all_succeed(fresh_store_url) -> None:  # noqa: F811
    for _ in range(ROUNDS):
        url = fresh_store_url()
        start = time.time() + 1.5  # after every interpreter has started
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", _OPEN_AND_STORE, url, str(start), str(n)],
                env=_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in range(PROCESSES)
        ]
        results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
        failed = [err.strip().splitlines()[-1:] for code, _out, err in results if code != 0]
        assert not failed, f"{len(failed)} of {PROCESSES} processes failed: {failed}"
        engine = create_engine(url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == PROCESSES
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
        engine.dispose()


def test_a_document_two_writers_extracted_is_merged_once(fresh_store_url) -> None:  # noqa: F811
    """Two ingests may both find a document awaiting its facts (one stored it, the other resumes what
    the store says awaits) and both extract it: whichever stores its facts second must leave the map
    as one extraction left it, not rewrite the document's facts under the merge (the links to the
    canonical facts went with the old rows, and the map kept facts nobody could reach)."""
    from mercato.pipeline import IngestReport, _extract, ingest
    from mercato.store import documents as store_docs
    from mercato.store.db import connect
    from stores import map_snapshot

    url = fresh_store_url()
    ingest([str(ROOT / "samples")], url, extract=False)  # stored, every one awaiting its facts
    engine = connect(url)

    def read_awaiting() -> list:
        with engine.connect() as conn:
            return [store_docs.get_document(conn, i) for i in store_docs.awaiting_extraction(conn)]

    first, second = read_awaiting(), read_awaiting()  # both writers read the same awaiting documents
    assert first
    _extract(engine, first, IngestReport())
    once = map_snapshot(url)
    assert once["canonical"]
    _extract(engine, second, IngestReport())
    engine.dispose()
    assert map_snapshot(url) == once


_STORY = (
    "Quillon AI, the robotics start-up founded in Lyon, has hired Nora Vale as its chief scientist. "
    "Vale spent six years at Orbis Labs, where she led the team that built its planning models, and "
    "she will now run a group of forty researchers split between Lyon and Montreal. The company said "
    "the hire is part of a plan to double its research staff before the end of next year, and that "
    "more senior names would follow in the coming months as it opens a third office in London."
)


def test_a_near_duplicate_another_ingest_stored_meanwhile_is_found(
    fresh_store_url,  # noqa: F811
    tmp_path: Path,
    monkeypatch,
) -> None:
    """An ingest knows the near-duplicates of what it stores by an index it read when it started: what
    another ingest stored since must reach that index before a batch decides what its documents are,
    or a copy of the other's article is stored as an original, with facts of its own."""
    from mercato import pipeline

    monkeypatch.setattr(pipeline, "BATCH_DOCS", 1)  # one document per batch: the other ingest runs between
    url = fresh_store_url()
    first, copy, original = tmp_path / "a-first.txt", tmp_path / "b-copy.txt", tmp_path / "original.txt"
    first.write_text("Orbis Labs opens a research office in Montreal for its planning team.", encoding="utf-8")
    original.write_text(_STORY, encoding="utf-8")
    copy.write_text(_STORY.replace("forty researchers", "forty-one researchers"), encoding="utf-8")
    other: list[pipeline.IngestReport] = []

    def meanwhile(status: str, item: object) -> None:  # the other ingest stores the original now
        if not other:
            other.append(pipeline.ingest([str(original)], url, extract=False))

    report = pipeline.ingest([str(first), str(copy)], url, extract=False, on_item=meanwhile)
    assert other and len(other[0].new) == 1
    assert [src for src, _ in report.near_duplicates] == [str(copy)]
