"""Every core: ingest and extract in worker processes give exactly what one process gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from conftest import SAMPLES
from mercato import pipeline
from mercato.cli import _register, app
from mercato.parallel import Pipelined
from mercato.store.db import connect
from mercato.store.schema import canonical_facts, documents, evidence, facts

_register()

SENTENCES = [  # English only: each worker loads one model, which keeps the test short
    "{a} hired {p} from {b} as head of research.",
    "{p}, who spent four years at {b}, has joined {a}.",
    "{a} invested $2 billion in {b} for a 10% stake.",
    "At least six {b} engineers left for {a} last month.",
    "Analysts expect demand for chips to keep growing.",
]
PEOPLE = ["Ines Marlow", "Oskar Lind", "Dara Quell", "Yuki Sato"]
ORGS = ["OpenAI", "Meta", "Anthropic", "Mistral AI", "Nvidia"]


def _corpus(folder: Path, n: int) -> Path:
    """``n`` short articles of our own sentences."""
    folder.mkdir()
    for i in range(n):
        values = dict(a=ORGS[i % 5], b=ORGS[(i + 2) % 5], p=PEOPLE[i % 4])
        lines = [SENTENCES[j % len(SENTENCES)].format(**values) for j in range(i, i + 3)]
        (folder / f"a{i:03d}.txt").write_text(" ".join(lines) + f" Report number {i}.", encoding="utf-8")
    return folder


def _dump(db: Path) -> tuple:
    with connect(db).connect() as conn:
        docs = conn.execute(select(documents.c.id, documents.c.source, documents.c.content_hash)).all()
        per_doc = conn.execute(select(facts.c.id, facts.c.doc_id, facts.c.type, facts.c.key)).all()
        ev = conn.execute(select(evidence.c.fact_id, evidence.c.start, evidence.c.end)).all()
        c = canonical_facts.c
        canon = [
            (r.id, r.block, json.dumps(r.attrs, sort_keys=True), r.n_sources)
            for r in conn.execute(select(c.id, c.block, c.attrs, c.n_sources))
        ]
    return sorted(map(tuple, docs)), sorted(map(tuple, per_doc)), sorted(map(tuple, ev)), sorted(canon)


@pytest.mark.slow
def test_ingest_with_two_workers_stores_what_one_stores(tmp_path: Path, monkeypatch):
    corpus = _corpus(tmp_path / "corpus", 14)
    monkeypatch.setattr(pipeline, "EXTRACT_BATCH", 4)  # four batches: the pool starts
    one = pipeline.ingest([str(corpus)], tmp_path / "one.db", workers=1)
    two = pipeline.ingest([str(corpus)], tmp_path / "two.db", workers=2)
    assert one.ok and two.ok
    assert one.facts == two.facts > 10
    assert (one.new, one.near_duplicates) == (two.new, two.near_duplicates)
    assert _dump(tmp_path / "one.db") == _dump(tmp_path / "two.db")


def test_cli_extract_with_workers_prints_what_one_process_prints(tmp_path: Path):
    files = [str(p) for p in sorted(SAMPLES.glob("*.txt"))] + [str(tmp_path / "missing.txt")]
    runner = CliRunner()
    one = runner.invoke(app, ["extract", "--json", *files])
    two = runner.invoke(app, ["extract", "--json", "--workers", "2", *files])
    assert one.exit_code == two.exit_code == 1  # the missing file
    assert one.stdout == two.stdout
    rows = [json.loads(line) for line in two.stdout.splitlines()]
    assert [r["file"] for r in rows] == files
    assert rows[-1]["error"] and sum(len(r["facts"]) for r in rows) > 5


def test_a_single_batch_never_starts_a_pool():
    seen: list[int] = []
    runner = Pipelined(lambda batch: sum(batch), seen.append, workers=4)
    runner.submit([1, 2, 3])
    runner.close()
    assert seen == [6] and runner.executor is None


def test_results_come_back_in_submission_order_and_failures_stop_the_pool():
    seen: list[int] = []
    runner = Pipelined(abs, seen.append, workers=2)  # a builtin: picklable for spawned workers
    for i in range(-7, 0):
        runner.submit(i)
    runner.close()
    assert seen == [7, 6, 5, 4, 3, 2, 1]
    failing = Pipelined(abs, seen.append, workers=2)
    failing.submit(-1)
    failing.submit("not a number")
    with pytest.raises(TypeError):
        failing.close()
    assert failing.executor is None
