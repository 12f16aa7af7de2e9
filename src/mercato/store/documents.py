"""Documents in the store: add, find, list, show, delete.

Each document is written in its own transaction by the pipeline, so a failure on one never
touches what is already stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from mercato.model import Document, OffsetMap
from mercato.store.schema import documents

LIST_COLUMNS = (documents.c.id, documents.c.date, documents.c.lang, documents.c.site, documents.c.title,
                documents.c.chars, documents.c.source, documents.c.url, documents.c.duplicate_of)
# Statements built once, values passed as parameters: SQLAlchemy then reuses the compiled SQL, which
# keeps the per-document cost of a batch ingest (three statements and a commit) well under a millisecond.
_BY_URL = select(documents.c.id, documents.c.content_hash).where(documents.c.url == bindparam("url"))
_BY_HASH = select(documents.c.id).where(documents.c.content_hash == bindparam("h"))
_INSERT = insert(documents)


def find_by_url(conn: Connection, url: str | None) -> Any:
    if not url:
        return None
    return conn.execute(_BY_URL, {"url": url}).first()


def find_by_hash(conn: Connection, content_hash: str) -> int | None:
    return conn.execute(_BY_HASH, {"h": content_hash}).scalar()


def _values(doc: Document, minhash: list[int] | None, duplicate_of: int | None) -> dict[str, Any]:
    return dict(
        source=doc.source, url=doc.url, title=doc.title, date=doc.date, author=doc.author, site=doc.site,
        lang=doc.lang, raw_text=doc.raw_text, text=doc.text, offsets=doc.offsets.to_list(),
        content_hash=doc.content_hash, minhash=minhash, duplicate_of=duplicate_of, chars=len(doc.text),
        meta=doc.meta or None, ingested_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )


def add_document(conn: Connection, doc: Document, *, minhash: list[int] | None = None,
                 duplicate_of: int | None = None) -> int:
    doc.id = conn.execute(_INSERT, _values(doc, minhash, duplicate_of)).inserted_primary_key[0]
    return doc.id


def replace_document(conn: Connection, doc_id: int, doc: Document, *, minhash: list[int] | None = None) -> None:
    conn.execute(update(documents).where(documents.c.id == doc_id).values(**_values(doc, minhash, None)))
    doc.id = doc_id


def get_document(conn: Connection, doc_id: int) -> Document | None:
    r = conn.execute(select(documents).where(documents.c.id == doc_id)).first()
    if r is None:
        return None
    return Document(source=r.source, raw_text=r.raw_text, text=r.text, title=r.title, url=r.url, date=r.date,
                    author=r.author, site=r.site, lang=r.lang, offsets=OffsetMap.from_list(r.offsets),
                    meta={**(r.meta or {}), "duplicate_of": r.duplicate_of, "chars": r.chars}, id=r.id)


def list_documents(conn: Connection, limit: int = 100, offset: int = 0, lang: str | None = None,
                   site: str | None = None) -> tuple[list[dict[str, Any]], int]:
    conds = []
    if lang:
        conds.append(documents.c.lang == lang)
    if site:
        conds.append(documents.c.site == site)
    total = conn.execute(select(func.count()).select_from(documents).where(*conds)).scalar_one()
    rows = conn.execute(select(*LIST_COLUMNS).where(*conds).order_by(documents.c.id).limit(limit).offset(offset))
    return [dict(r._mapping) for r in rows], total


def signatures(conn: Connection) -> list[tuple[int, list[int]]]:
    """Stored MinHash signatures of the originals, to rebuild the near-duplicate index."""
    rows = conn.execute(select(documents.c.id, documents.c.minhash).where(
        documents.c.minhash.is_not(None), documents.c.duplicate_of.is_(None)))
    return [(r.id, r.minhash) for r in rows]


def delete_document(conn: Connection, doc_id: int) -> bool:
    return conn.execute(delete(documents).where(documents.c.id == doc_id)).rowcount > 0
