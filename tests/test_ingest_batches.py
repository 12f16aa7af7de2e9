"""Documents are stored in batches, one transaction each, with the outcomes of one-by-one storing.

Inside a batch, a document can be a duplicate, a near-duplicate or a new version of one stored just
before it; a document that fails to store is skipped alone, and nothing stored is touched.
"""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path

import pytest
from datasketch import MinHash
from sqlalchemy import select, text

from mercato import pipeline
from mercato.clean import dedup
from mercato.model import Document
from mercato.pipeline import ingest
from mercato.store import documents as store_docs
from mercato.store.db import connect
from mercato.store.schema import documents

STORY = (
    "Mistral AI has hired Ada Byte, a researcher who spent six years at Google DeepMind, to lead its work "
    "on reasoning models, the Paris company said on Friday. Mistral AI has been hiring quickly since it "
    "raised new funds from investors in Europe and the United States, and plans to double its research "
    "staff by the end of the year, according to its chief executive, who spoke at a conference in Paris."
)


def _story(i: int) -> str:
    return (
        f"Story number {i} about a lab\n\nThe lab number {i} opened an office in city {i} and hired "
        f"{i + 3} engineers from rival companies this week, its founder said in an interview on Monday."
    )


def _write(tmp: Path, records: list[dict]) -> str:
    path = tmp / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _rows(db: Path) -> list[tuple]:
    with connect(db).connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                select(
                    documents.c.id,
                    documents.c.source,
                    documents.c.url,
                    documents.c.content_hash,
                    documents.c.duplicate_of,
                    documents.c.minhash,
                ).order_by(documents.c.id)
            )
        ]


RECORDS = [
    {"url": "https://a.example/1", "text": STORY},
    {"url": "https://b.example/1", "text": STORY},  # same text: duplicate
    {"url": "https://c.example/1", "text": STORY.replace("Friday", "Thursday")},  # near-duplicate
    {"url": "https://d.example/1", "text": _story(1)},
    {"url": "https://d.example/1", "text": _story(2)},  # same URL, new text: updated
    {"url": "https://d.example/1", "text": _story(2)},  # and again: duplicate
    {"url": "https://e.example/1", "text": _story(3)},
    {"text": _story(4)},
]


def _run(tmp: Path, name: str) -> tuple[pipeline.IngestReport, list[tuple[str, str]], list[tuple]]:
    db = tmp / f"{name}.db"
    seen: list[tuple[str, str]] = []
    report = ingest(
        [_write(tmp, RECORDS)], str(db), extract=False, on_item=lambda status, item: seen.append((status, item.source))
    )
    return report, seen, _rows(db)


def test_one_batch_gives_the_outcomes_of_one_by_one(tmp_path: Path, monkeypatch):
    report, seen, rows = _run(tmp_path, "batch")
    assert [s for s, _ in seen] == ["new", "duplicate", "near-duplicate", "new", "updated", "duplicate", "new", "new"]
    assert [src for _, src in seen] == [r.get("url") or f"{tmp_path / 'feed.jsonl'}:8" for r in RECORDS]
    assert report.near_duplicates == [("https://c.example/1", report.new[0])]
    assert report.updated == [report.new[1]]
    monkeypatch.setattr(pipeline, "BATCH_DOCS", 1)
    one_report, one_seen, one_rows = _run(tmp_path, "one")
    assert one_seen == seen and one_rows == rows
    assert (one_report.new, one_report.updated, one_report.near_duplicates) == (
        report.new,
        report.updated,
        report.near_duplicates,
    )


def test_a_document_that_fails_to_store_is_skipped_alone(tmp_path: Path, monkeypatch, caplog):
    db = tmp_path / "m.db"
    ingest([_write(tmp_path, [{"url": "https://kept.example/0", "text": _story(0)}])], str(db), extract=False)
    before = _rows(db)
    values = store_docs._values

    def failing(doc: Document, *args: object, **kwargs: object) -> dict:
        if "bad" in (doc.url or ""):
            raise ValueError("disk on fire")
        return values(doc, *args, **kwargs)

    monkeypatch.setattr(store_docs, "_values", failing)
    records = [{"url": f"https://{'bad' if i == 3 else 'ok'}.example/{i}", "text": _story(10 + i)} for i in range(6)]
    report = ingest([_write(tmp_path, records)], str(db), extract=False)
    assert len(report.new) == 5 and len(report.skipped) == 1
    assert report.skipped[0].source == "https://bad.example/3" and "disk on fire" in report.skipped[0].reason
    after = _rows(db)
    assert after[: len(before)] == before and len(after) == len(before) + 5
    assert "one by one" in caplog.text
    # the near-duplicate index was not left with the rolled-back documents: a copy of one is still found
    again = ingest([_write(tmp_path, [{"text": _story(11) + " Copy."}])], str(db), extract=False)
    assert again.near_duplicates and again.near_duplicates[0][1] == report.new[1]


def test_signatures_stored_by_datasketch_still_find_near_duplicates(tmp_path: Path):
    """A store written before signatures were computed without datasketch."""
    db = tmp_path / "old.db"
    engine = connect(db)
    m = MinHash(num_perm=dedup.NUM_PERM, scheme=dedup.SCHEME, hashfunc=zlib.crc32)
    words = re.findall(r"\w+", STORY.casefold())
    m.update_batch([" ".join(words[i : i + 3]).encode() for i in range(len(words) - 2)])
    old = Document(source="old.txt", raw_text=STORY, text=STORY, lang="en")
    odd = Document(source="odd.txt", raw_text="odd", text="An odd signature of another scheme.", lang="en")
    with engine.begin() as conn:
        old_id = store_docs.add_document(conn, old, minhash=[int(v) for v in m.hashvalues])
        store_docs.add_document(conn, odd, minhash=[1, 2, 3])
    report = ingest([_write(tmp_path, [{"text": STORY.replace("Friday", "Monday")}])], engine=engine, extract=False)
    assert report.near_duplicates == [(f"{tmp_path / 'feed.jsonl'}:1", old_id)]


@pytest.mark.parametrize("read_seconds", [0.0, 0.2])
def test_a_slow_source_is_stored_as_it_comes(tmp_path: Path, monkeypatch, read_seconds: float):
    """Documents read quickly wait for their batch; one that took long to read (a fetch) does not."""
    db = tmp_path / "m.db"
    stored_when_read: list[int] = []
    engine = connect(db)

    def slow_documents(*args: object, **kwargs: object):
        import time

        for i in range(3):
            time.sleep(read_seconds)
            with engine.connect() as conn:
                stored_when_read.append(len(conn.execute(select(documents.c.id)).all()))
            yield Document(source=f"s{i}.txt", raw_text=_story(20 + i))

    monkeypatch.setattr(pipeline, "iter_documents", slow_documents)
    report = ingest(["x"], engine=engine, extract=False)
    assert len(report.new) == 3
    assert stored_when_read == ([0, 1, 2] if read_seconds else [0, 0, 0])


def test_facts_that_cannot_be_stored_cost_one_document_not_the_batch(tmp_path: Path, monkeypatch):
    stories = [
        STORY,
        "Anthropic has hired Tom Quill, a former OpenAI engineer, to work on its coding assistant, the "
        "company said. He joins a growing team in London that Anthropic expanded after its latest round.",
        "Lea Volt has left Meta to join Cohere as head of research, Cohere announced on Monday. Volt had "
        "led a group of twenty people working on language models at Meta since 2021, colleagues said.",
    ]
    records = [
        {"url": f"https://news.example/{i}", "title": f"Hire {i}", "text": text} for i, text in enumerate(stories)
    ]
    real_update = pipeline.consolidate.update

    def update(conn, doc_ids):  # the merge, failing on the second document's facts
        if any(str(i) == "2" for i in doc_ids):
            raise RuntimeError("merge failed")
        real_update(conn, doc_ids)

    monkeypatch.setattr(pipeline.consolidate, "update", update)
    db = tmp_path / "m.db"
    report = ingest([_write(tmp_path, records)], str(db))
    assert len(report.new) == 3 and report.facts >= 2
    assert [e.reason for e in report.skipped] == ["stored, but its facts could not be (merge failed)"]
    engine = connect(db)
    with engine.connect() as conn:
        persons = {p for (p,) in conn.execute(select(text("json_extract(attrs, '$.person') FROM facts")))}
    assert {"Ada Byte", "Lea Volt"} <= persons and "Tom Quill" not in persons
