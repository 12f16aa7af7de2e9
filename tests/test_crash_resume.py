"""kill -9 loses nothing: an ingest killed at random points, then run again, gives the map a clean run gives.

A real ``mercato ingest`` process is killed with SIGKILL several times while it stores documents and
extracts their facts (each time at a random moment shortly after the store changed: between a batch
of documents and their facts is where facts used to be lost); a last run of the same command must
leave the same per-document facts and the same merged map as an ingest that was never interrupted
(compared without ids, ``stores.map_snapshot``). ``mercato ingest --resume`` finishes what a kill
left without new inputs.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import DBAPIError

import mercato
from crash_corpus import write_corpus
from mercato.store.schema import documents, facts
from stores import BACKENDS, make_fresh_store_url, map_snapshot

ARTICLES = 40  # more than one batch of extraction
KILLS = 3
MAX_WAIT = 120.0  # seconds for a process to change the store before it is given up on
SRC = Path(mercato.__file__).resolve().parents[1]
_MAIN = "import sys; from mercato.cli import main; sys.argv[0] = 'mercato'; main()"


def _mercato(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    cmd = [sys.executable, "-c", _MAIN, *args]
    # a session of its own: a kill takes the whole process group, extraction workers too, as a power cut would
    return subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def _run(*args: str) -> float:
    start = time.monotonic()
    proc = _mercato(*args)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-2000:]
    return time.monotonic() - start


def _progress(url: str) -> tuple[int, int]:
    """(documents, facts) in the store: what a running ingest changes."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            docs = conn.execute(select(func.count()).select_from(documents)).scalar() or 0
            found = conn.execute(select(func.count()).select_from(facts)).scalar() or 0
    except DBAPIError:  # not created yet
        return (-1, -1)
    finally:
        engine.dispose()
    return (docs, found)


def _kill_after_next_change(proc: subprocess.Popen, url: str, rng: random.Random) -> bool:
    """SIGKILL ``proc`` a random moment after it next changes the store; whether it was still running."""
    before = _progress(url)
    deadline = time.monotonic() + MAX_WAIT
    while proc.poll() is None and _progress(url) == before and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(rng.uniform(0.0, 0.4))
    if proc.poll() is not None:
        return False
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    return True


def _awaiting(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(documents).where(documents.c.extract_state != 0)).scalar()
    engine.dispose()
    return n


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_an_ingest_killed_again_and_again_then_run_again_gives_the_clean_map(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, ARTICLES)
    fresh = make_fresh_store_url(backend, tmp_path, request)
    clean_url = fresh()
    _run("ingest", str(corpus), "--db", clean_url, "-q")
    clean = map_snapshot(clean_url)
    assert len(clean["facts"]) >= ARTICLES and clean["canonical"]

    url = fresh()
    rng = random.Random(20251205)
    done, unfinished = _progress(clean_url), 0
    for _ in range(KILLS):
        proc = _mercato("ingest", str(corpus), "--db", url, "-q")
        if _kill_after_next_change(proc, url, rng) and _progress(url) != done:
            unfinished += 1
    assert unfinished, "no kill left an unfinished store: the test proved nothing"

    _run("ingest", str(corpus), "--db", url, "-q")
    assert _awaiting(url) == 0
    assert map_snapshot(url) == clean


@pytest.mark.slow
def test_resume_finishes_what_a_kill_left_without_new_inputs(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 8)
    fresh = make_fresh_store_url("sqlite", tmp_path, request)
    clean_url, url = fresh(), fresh()
    _run("ingest", str(corpus), "--db", clean_url, "-q")
    _run("ingest", str(corpus), "--db", url, "-q", "--no-extract")  # as a kill before any fact was stored
    assert _awaiting(url) == 8
    proc = _mercato("ingest", "--resume", "--db", url)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-2000:]
    assert "8 resumed" in out
    assert _awaiting(url) == 0
    assert map_snapshot(url) == map_snapshot(clean_url)


def test_an_older_store_marks_its_documents_without_facts_for_resume(tmp_path: Path) -> None:
    """Upgrading a store of revision 0008: documents with facts are done; originals without any may be
    a crash's leftovers, so ``--resume`` (not every ingest) extracts them again."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import insert

    from mercato.store import db as store_db
    from mercato.store.schema import EXTRACT_DONE, EXTRACT_FAILED

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(store_db.__file__).with_name("migrations")))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0008")
        conn.exec_driver_sql("DROP INDEX ix_documents_extract_state")  # as revision 0008 had the table
        conn.exec_driver_sql("ALTER TABLE documents DROP COLUMN extract_state")
        for n in range(2):
            conn.execute(
                insert(documents).values(
                    source=f"old-{n}.txt", raw_text="x", text="x", content_hash=f"h{n}", chars=1, ingested_at="2025"
                )
            )
        conn.execute(insert(facts).values(doc_id=1, type="unit", attrs={}, key="k", confidence=1.0))
    engine.dispose()
    engine = store_db.connect(url)
    with engine.connect() as conn:
        states = dict(conn.execute(select(documents.c.id, documents.c.extract_state)).all())
    assert states == {1: EXTRACT_DONE, 2: EXTRACT_FAILED}
