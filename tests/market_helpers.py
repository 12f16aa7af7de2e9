"""Building small stores by hand for the market-map tests: documents plus the facts they state."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Engine, delete, insert

from mercato import consolidate
from mercato.model import Evidence, Extraction, Fact
from mercato.store.facts import save_extraction
from mercato.store.schema import documents


def fact(fact_type: str, sentence: str = "", **attrs: Any) -> Fact:
    return Fact(fact_type, attrs, [Evidence(sentence=sentence or f"{fact_type} {attrs}", start=0, end=len(sentence))])


def add_doc(
    engine: Engine,
    text: str,
    facts: list[Fact],
    *,
    site: str = "example.com",
    date: str = "2025-06-20",
    lang: str = "en",
    url: str | None = None,
) -> int:
    """Store one document and its facts, then fold them into the map, as the pipeline does."""
    with engine.begin() as conn:
        doc_id = conn.execute(
            insert(documents).values(
                source=url or f"{site}/{hashlib.md5(text.encode()).hexdigest()[:8]}.txt",
                url=url,
                title=text.split(".")[0][:80],
                date=date,
                site=site,
                lang=lang,
                raw_text=text,
                text=text,
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                chars=len(text),
                ingested_at="2025-07-01T00:00:00",
            )
        ).inserted_primary_key[0]
        for f in facts:  # ground the evidence in the text, as the extractor does
            for ev in f.evidence:
                if ev.sentence in text:
                    ev.start = text.index(ev.sentence)
                    ev.end = ev.start + len(ev.sentence)
        save_extraction(conn, doc_id, Extraction(doc=None, facts=facts))  # type: ignore[arg-type]
        consolidate.update(conn, [doc_id])
    return doc_id


def replace_doc(engine: Engine, doc_id: int, facts: list[Fact]) -> None:
    """Re-ingest a document with new text: forget, re-extract, update."""
    with engine.begin() as conn:
        consolidate.forget(conn, doc_id)
        save_extraction(conn, doc_id, Extraction(doc=None, facts=facts))  # type: ignore[arg-type]
        consolidate.update(conn, [doc_id])


def remove_doc(engine: Engine, doc_id: int) -> None:
    with engine.begin() as conn:
        consolidate.forget(conn, doc_id)
        conn.execute(delete(documents).where(documents.c.id == doc_id))
