"""Documents in the store: add, find, list, show, delete.

The pipeline writes documents in short batches, one transaction each, and stores a failed batch's
documents again one per transaction, so a failure on one never touches what is already stored.
``known_hashes`` and ``find_by_urls`` answer a batch's look-ups in one query each.

A document whose facts are to be extracted is stored as awaiting them (``extract_state``); storing its
facts marks it done in their transaction (``store.facts.save_extraction``). ``awaiting_extraction``
lists what a killed process left, for the next ingest to finish. Two ingests may both read a document
as awaiting and both extract it: ``still_awaiting``, asked under the writers' lock, says which of the
extracted documents no other writer has finished (nor changed) since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from mercato.model import Document, OffsetMap
from mercato.store.cache import cached
from mercato.store.schema import EXTRACT_AWAITING, EXTRACT_DONE, EXTRACT_FAILED, documents, inserted_id

LIST_COLUMNS = (
    documents.c.id,
    documents.c.date,
    documents.c.lang,
    documents.c.site,
    documents.c.title,
    documents.c.chars,
    documents.c.source,
    documents.c.url,
    documents.c.duplicate_of,
)
# Statements built once, values passed as parameters: SQLAlchemy then reuses the compiled SQL. A batch
# ingest sends three look-ups and one insert per batch of documents (``add_documents``), not per document.
_BY_URL = select(documents.c.id, documents.c.content_hash).where(documents.c.url == bindparam("url"))
_BY_HASH = select(documents.c.id).where(documents.c.content_hash == bindparam("h"))
_HASHES_IN = select(documents.c.content_hash).where(documents.c.content_hash.in_(bindparam("hs", expanding=True)))
_URLS_IN = (
    select(documents.c.url, documents.c.id, documents.c.content_hash)
    .where(documents.c.url.in_(bindparam("us", expanding=True)))
    .order_by(documents.c.id)
)
_INSERT = insert(documents)
_IDS_BY_HASH = select(documents.c.content_hash, documents.c.id).where(
    documents.c.content_hash.in_(bindparam("hs", expanding=True))
)
_IN_CHUNK = 500  # values per IN (...) list, well under every database's limit on bound parameters


def find_by_url(conn: Connection, url: str | None) -> Any:
    if not url:
        return None
    return conn.execute(_BY_URL, {"url": url}).first()


def find_by_hash(conn: Connection, content_hash: str) -> int | None:
    return conn.execute(_BY_HASH, {"h": content_hash}).scalar()


def known_hashes(conn: Connection, hashes: Iterable[str]) -> set[str]:
    """Which of ``hashes`` are the content hash of a stored document."""
    wanted = sorted(set(hashes))
    found: set[str] = set()
    for i in range(0, len(wanted), _IN_CHUNK):
        found.update(conn.execute(_HASHES_IN, {"hs": wanted[i : i + _IN_CHUNK]}).scalars())
    return found


def find_by_urls(conn: Connection, urls: Iterable[str | None]) -> dict[str, tuple[int, str]]:
    """``{url: (id, content_hash)}`` of the stored documents with one of ``urls`` (the first by id, as
    ``find_by_url`` finds it, when several share a URL)."""
    wanted = sorted({u for u in urls if u})
    found: dict[str, tuple[int, str]] = {}
    for i in range(0, len(wanted), _IN_CHUNK):
        for r in conn.execute(_URLS_IN, {"us": wanted[i : i + _IN_CHUNK]}):
            found.setdefault(r.url, (r.id, r.content_hash))
    return found


def _values(
    doc: Document,
    minhash: list[int] | None,
    duplicate_of: int | None,
    content_hash: str | None = None,
    awaiting: bool = False,
) -> dict[str, Any]:
    return dict(
        source=doc.source,
        url=doc.url,
        title=doc.title,
        date=doc.date,
        author=doc.author,
        site=doc.site,
        lang=doc.lang,
        raw_text=doc.raw_text,
        text=doc.text,
        offsets=doc.offsets.to_list(),
        content_hash=content_hash or doc.content_hash,
        minhash=minhash,
        duplicate_of=duplicate_of,
        chars=len(doc.text),
        meta=doc.meta or None,
        ingested_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        extract_state=EXTRACT_AWAITING if awaiting else EXTRACT_DONE,
    )


def add_document(
    conn: Connection,
    doc: Document,
    *,
    minhash: list[int] | None = None,
    duplicate_of: int | None = None,
    content_hash: str | None = None,
    awaiting: bool = False,
) -> int:
    """Insert ``doc``; ``content_hash`` saves hashing the text again when the caller has it; ``awaiting``:
    its facts are still to be extracted."""
    values = _values(doc, minhash, duplicate_of, content_hash, awaiting)
    doc.id = inserted_id(conn.execute(_INSERT, values))
    return doc.id


Row = tuple[Document, list[int] | None, int | None, str | None, bool]


def add_documents(conn: Connection, rows: list[Row]) -> list[int]:
    """Insert ``(doc, minhash, duplicate_of, content_hash, awaiting)`` rows; their ids, in order (also set on
    each doc).

    One plain executemany for all rows, then one look-up of their ids by content hash (unique, so it
    names each new row exactly, on any database): an INSERT ... RETURNING executemany is sent by
    SQLAlchemy one row per statement on SQLite when the ids must come back in order, and that per-row
    work was half the cost of storing a plain-text article.
    """
    values = [_values(*row) for row in rows]
    if len(values) > 1:
        conn.execute(_INSERT, values)
        by_hash = _ids_by_hash(conn, [v["content_hash"] for v in values])
        ids = [by_hash[v["content_hash"]] for v in values]
    else:
        ids = [inserted_id(conn.execute(_INSERT, v)) for v in values]
    for (doc, *_), doc_id in zip(rows, ids, strict=True):
        doc.id = doc_id
    return ids


def _ids_by_hash(conn: Connection, hashes: list[str]) -> dict[str, int]:
    """``{content_hash: id}`` of the stored documents with one of ``hashes``."""
    found: dict[str, int] = {}
    for i in range(0, len(hashes), _IN_CHUNK):
        found.update((h, doc_id) for h, doc_id in conn.execute(_IDS_BY_HASH, {"hs": hashes[i : i + _IN_CHUNK]}))
    return found


def replace_document(
    conn: Connection,
    doc_id: int,
    doc: Document,
    *,
    minhash: list[int] | None = None,
    content_hash: str | None = None,
    awaiting: bool = False,
) -> None:
    values = _values(doc, minhash, None, content_hash, awaiting)
    conn.execute(update(documents).where(documents.c.id == doc_id).values(**values))
    doc.id = doc_id


def awaiting_extraction(conn: Connection, *, failed: bool = False) -> list[int]:
    """The ids of the documents whose facts are still to be extracted (with ``failed``, also those whose
    extraction failed), in id order."""
    states = [EXTRACT_AWAITING, EXTRACT_FAILED] if failed else [EXTRACT_AWAITING]
    rows = conn.execute(select(documents.c.id).where(documents.c.extract_state.in_(states)).order_by(documents.c.id))
    return list(rows.scalars())


def still_awaiting(conn: Connection, extracted: Iterable[tuple[int, str]]) -> set[int]:
    """Of ``(document id, content hash it was extracted from)``, the ids whose facts are still to be
    stored: the document is not done and holds the text that was extracted."""
    wanted = dict(extracted)
    ids = sorted(wanted)
    found: set[int] = set()
    for i in range(0, len(ids), _IN_CHUNK):
        rows = conn.execute(
            select(documents.c.id, documents.c.content_hash).where(
                documents.c.id.in_(ids[i : i + _IN_CHUNK]), documents.c.extract_state != EXTRACT_DONE
            )
        )
        found.update(r.id for r in rows if r.content_hash == wanted[r.id])
    return found


def set_extract_state(conn: Connection, doc_ids: list[int], state: int) -> None:
    """Mark documents done, awaiting or failed (``store.schema.EXTRACT_*``)."""
    for i in range(0, len(doc_ids), _IN_CHUNK):
        chunk = doc_ids[i : i + _IN_CHUNK]
        conn.execute(update(documents).where(documents.c.id.in_(chunk)).values(extract_state=state))


def get_document(conn: Connection, doc_id: int) -> Document | None:
    r = conn.execute(select(documents).where(documents.c.id == doc_id)).first()
    if r is None:
        return None
    return Document(
        source=r.source,
        raw_text=r.raw_text,
        text=r.text,
        title=r.title,
        url=r.url,
        date=r.date,
        author=r.author,
        site=r.site,
        lang=r.lang,
        offsets=OffsetMap.from_list(r.offsets),
        meta={**(r.meta or {}), "duplicate_of": r.duplicate_of, "chars": r.chars},
        id=r.id,
    )


def list_documents(
    conn: Connection, limit: int = 100, offset: int = 0, lang: str | None = None, site: str | None = None
) -> tuple[list[dict[str, Any]], int]:
    conds = []
    if lang:
        conds.append(documents.c.lang == lang)
    if site:
        conds.append(documents.c.site == site)
    total = conn.execute(select(func.count()).select_from(documents).where(*conds)).scalar_one()
    rows = conn.execute(select(*LIST_COLUMNS).where(*conds).order_by(documents.c.id).limit(limit).offset(offset))
    return [dict(r._mapping) for r in rows], total


def signatures(conn: Connection, after: int = 0) -> list[tuple[int, list[int]]]:
    """Stored MinHash signatures of the originals (those of id above ``after``), in id order, to build
    the near-duplicate index and to bring it up to what other ingests stored since."""
    rows = conn.execute(
        select(documents.c.id, documents.c.minhash)
        .where(documents.c.id > after, documents.c.minhash.is_not(None), documents.c.duplicate_of.is_(None))
        .order_by(documents.c.id)
    )
    return [(r.id, r.minhash) for r in rows]


def delete_document(conn: Connection, doc_id: int) -> bool:
    return conn.execute(delete(documents).where(documents.c.id == doc_id)).rowcount > 0


def document_facets(
    conn: Connection, lang: str | None = None, site: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """How many documents per language, site and month among those ``lang`` and ``site`` keep."""

    def compute() -> dict[str, list[dict[str, Any]]]:
        d = documents.c
        conds = [c for c in (d.lang == lang if lang else None, d.site == site if site else None) if c is not None]
        n = func.count().label("n")
        month = func.substr(d.date, 1, 7)
        out = {}
        for name, col, order in (
            ("lang", d.lang, n.desc()),
            ("site", d.site, n.desc()),
            ("month", month, month.desc()),
        ):
            rows = conn.execute(select(col, n).where(*conds, col.is_not(None)).group_by(col).order_by(order).limit(12))
            out[name] = [{"value": v, "label": v, "n": c} for v, c in rows]
        return out

    return cached(conn, "document facets", (lang, site), compute)
