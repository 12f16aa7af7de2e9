"""The ingest pipeline: read -> clean -> language -> dedup -> store -> extract -> store facts -> consolidate.

``ingest`` is what ``mercato ingest`` and ``POST /api/ingest`` call; ``load_document`` is the
stateless path of ``mercato extract`` (read and clean one input, store nothing).

Each document is stored in its own transaction, and its facts in another after extraction (which
runs in batches, outside any transaction, because parsing is the slow part): a failure on one
item is reported and skipped, and never touches what is already stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import Engine

from mercato import consolidate
from mercato.clean import clean_document
from mercato.clean.dedup import NearDuplicateIndex, from_list, signature, to_list
from mercato.ingest import IngestError, iter_documents
from mercato.ingest.decode import DEFAULT_MAX_BYTES
from mercato.model import Document
from mercato.store import documents as store_docs

log = logging.getLogger(__name__)
EXTRACT_BATCH = 32


@dataclass
class IngestReport:
    """What a batch did: new and updated documents, duplicates, and what was skipped and why."""

    new: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    near_duplicates: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[IngestError] = field(default_factory=list)
    facts: int = 0

    @property
    def ok(self) -> bool:
        return not self.skipped

    def summary(self) -> str:
        parts = [f"{len(self.new)} new", f"{len(self.updated)} updated", f"{len(self.duplicates)} duplicate",
                 f"{len(self.near_duplicates)} near-duplicate", f"{len(self.skipped)} skipped",
                 f"{self.facts} facts"]
        return ", ".join(parts)


def load_document(source: str, *, allow_private: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and clean the first article of one input, in memory; raises IngestError."""
    for item in iter_documents([source], allow_private=allow_private, max_bytes=max_bytes):
        if isinstance(item, IngestError):
            raise item
        doc = clean_document(item)
        if not doc.text.strip():
            raise IngestError(source, "no article text left after cleaning")
        return doc
    raise IngestError(source, "no article found")


def ingest(inputs: Iterable[str], db: str | None = None, *, engine: Engine | None = None,
           allow_private: bool = False, extract: bool = True, max_bytes: int = DEFAULT_MAX_BYTES,
           on_item: Callable[[str, Document | IngestError], None] | None = None) -> IngestReport:
    """Ingest every article of ``inputs`` into the store; see the module docstring."""
    from mercato.store.db import connect

    engine = engine or connect(db)
    report = IngestReport()
    with engine.connect() as conn:
        index = NearDuplicateIndex()
        for doc_id, sig in store_docs.signatures(conn):
            index.add(doc_id, from_list(sig))
    pending: list[Document] = []
    for item in iter_documents(inputs, allow_private=allow_private, max_bytes=max_bytes):
        if isinstance(item, IngestError):
            report.skipped.append(item)
            if on_item:
                on_item("skipped", item)
            continue
        try:
            status = _store(engine, item, index, report)
        except IngestError as exc:  # read fine, but nothing to keep (e.g. only page furniture)
            report.skipped.append(exc)
            status, item = "skipped", exc  # type: ignore[assignment]
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            log.exception("storing %s failed", item.source)
            err = IngestError(item.source, f"could not store ({type(exc).__name__}: {exc})")
            report.skipped.append(err)
            status, item = "skipped", err  # type: ignore[assignment]
        if on_item:
            on_item(status, item)
        if status in ("new", "updated") and extract:
            pending.append(item)  # type: ignore[arg-type]
            if len(pending) >= EXTRACT_BATCH:
                _extract(engine, pending, report)
                pending = []
    if pending:
        _extract(engine, pending, report)
    return report


def _store(engine: Engine, doc: Document, index: NearDuplicateIndex, report: IngestReport) -> str:
    clean_document(doc)
    if not doc.text.strip():
        raise IngestError(doc.source, "no article text left after cleaning")
    sig = signature(doc.text)
    with engine.begin() as conn:
        known = store_docs.find_by_url(conn, doc.url)
        if known is not None:
            if known.content_hash == doc.content_hash:
                report.duplicates.append(doc.source)
                return "duplicate"
            consolidate.forget(conn, known.id)
            store_docs.replace_document(conn, known.id, doc, minhash=to_list(sig))
            index.remove(known.id)
            index.add(known.id, sig)
            report.updated.append(known.id)
            return "updated"
        if store_docs.find_by_hash(conn, doc.content_hash) is not None:
            report.duplicates.append(doc.source)
            return "duplicate"
        original = index.find(sig)
        if original is not None:
            store_docs.add_document(conn, doc, minhash=to_list(sig), duplicate_of=original)
            report.near_duplicates.append((doc.source, original))
            return "near-duplicate"
        doc_id = store_docs.add_document(conn, doc, minhash=to_list(sig))
    index.add(doc_id, sig)
    report.new.append(doc_id)
    return "new"


def _extract(engine: Engine, docs: list[Document], report: IngestReport) -> None:
    from mercato.extract import extract_documents
    from mercato.store.facts import save_extraction

    try:
        extractions = extract_documents(docs)
    except Exception:  # noqa: BLE001 - fall back to one by one to isolate the culprit
        log.exception("batch extraction failed; retrying document by document")
        extractions = []
        for doc in docs:
            try:
                extractions.extend(extract_documents([doc]))
            except Exception as exc:  # noqa: BLE001
                report.skipped.append(IngestError(doc.source, f"stored, but extraction failed ({exc})"))
    for ext in extractions:
        with engine.begin() as conn:
            save_extraction(conn, ext.doc.id, ext)
            consolidate.update(conn, [ext.doc.id])
        report.facts += len(ext.facts)
