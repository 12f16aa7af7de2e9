"""The ingest pipeline: read -> clean -> language -> dedup -> store -> extract -> store facts -> consolidate.

``ingest`` is what ``mercato ingest`` and ``POST /api/ingest`` call; ``mercato extract`` reads its
inputs with ``clean.load_document`` instead (read and clean one input, store nothing).

Documents are read and cleaned (and hashed, and signed for near-duplicates) outside any transaction,
then stored in batches of up to BATCH_DOCS, one transaction per batch: a commit per document cost more
than everything else an ingest does to a plain-text article. A batch is all or nothing; when any of its
documents fails, the batch is rolled back and its documents are stored again one per transaction, so a
bad item is reported and skipped and never touches what is already stored. Facts are stored in
transactions of their own after extraction (which runs in batches, outside any transaction, because
parsing is the slow part).

Crash safety: a document is stored as awaiting extraction, and the transaction that stores its facts
marks it done. A process killed between the two leaves documents awaiting; every ingest that extracts
first finishes those (``resumed`` in the report), and ``retry_failed`` (``mercato ingest --resume``)
also retries documents whose extraction failed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import Connection, Engine

from mercato import consolidate
from mercato.clean import clean_document, load_document
from mercato.clean.dedup import NearDuplicateIndex, Signature, from_list, signature, to_list
from mercato.consolidate import identity
from mercato.ingest import IngestError, iter_documents
from mercato.ingest.decode import DEFAULT_MAX_BYTES
from mercato.model import Document, Extraction
from mercato.parallel import Extracted, Pipelined, extract_batch
from mercato.store import documents as store_docs
from mercato.store.db import connect, lock_writers
from mercato.store.facts import save_extraction
from mercato.store.schema import EXTRACT_FAILED

__all__ = ["IngestReport", "ingest", "load_document"]

log = logging.getLogger(__name__)
EXTRACT_BATCH = 32
BATCH_DOCS = 64  # documents per transaction: past a few dozen, a bigger batch saves little more
BATCH_SECONDS = 1.0  # ... and no document waits longer than this to be stored while the batch fills
SLOW_READ_SECONDS = 0.05  # an item that took this long to read (a fetch) is stored without waiting


@dataclass
class IngestReport:
    """What a batch did: new and updated documents, duplicates, and what was skipped and why."""

    new: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    near_duplicates: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[IngestError] = field(default_factory=list)
    resumed: list[int] = field(default_factory=list)  # stored earlier, extracted now (after a crash)
    facts: int = 0

    @property
    def ok(self) -> bool:
        return not self.skipped

    def summary(self) -> str:
        parts = [
            f"{len(self.new)} new",
            f"{len(self.updated)} updated",
            f"{len(self.duplicates)} duplicate",
            f"{len(self.near_duplicates)} near-duplicate",
            f"{len(self.skipped)} skipped",
            f"{self.facts} facts",
        ]
        if self.resumed:
            parts.insert(-1, f"{len(self.resumed)} resumed")
        return ", ".join(parts)


def ingest(
    inputs: Iterable[str],
    db: str | None = None,
    *,
    engine: Engine | None = None,
    allow_private: bool = False,
    extract: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_item: Callable[[str, Document | IngestError], None] | None = None,
    date: str | None = None,
    retry_failed: bool = False,
    workers: int = 1,
) -> IngestReport:
    """Ingest every article of ``inputs`` into the store; see the module docstring.

    ``on_item(status, item)`` is called once per item, in input order, when its batch is stored. An
    interrupted ingest has stored every batch but the one it was gathering (at most BATCH_SECONDS of
    reading); running it again stores the rest, finds the others already there, and extracts the facts
    of those it had stored but not finished. ``retry_failed``: extract again the documents whose
    extraction failed before. ``workers`` > 1 parses and extracts in that many processes
    (``parallel.Pipelined``); the facts are stored here, in the same order, so the store ends as with one.
    """
    engine = engine or connect(db)
    with engine.begin() as conn:
        lock_writers(conn)  # two processes opening an upgraded store fill it once
        identity.backfill(conn)  # a store upgraded from before revision 0011
    report = IngestReport()
    if extract:
        resume(engine, report, retry_failed=retry_failed)
    index = StoreIndex()
    with engine.connect() as conn:
        index.catch_up(conn)
    batch: list[Prepared | IngestError] = []
    to_extract: list[Document] = []

    def flush() -> None:
        nonlocal to_extract
        items = batch[:]
        batch.clear()
        for outcome in store_batch(engine, items, index):
            record_outcome(report, outcome)
            if on_item:
                on_item(outcome.status, outcome.item)
            if extract and outcome.status in ("new", "updated") and isinstance(outcome.item, Document):
                to_extract.append(outcome.item)
                if len(to_extract) >= EXTRACT_BATCH:
                    extractor.submit(to_extract)
                    to_extract = []

    extractor = Pipelined(extract_batch, lambda out: store_facts(engine, out, report), workers)
    try:
        _read_all(inputs, allow_private, max_bytes, batch, flush, date)
        if to_extract:
            extractor.submit(to_extract)
        extractor.close()
    except BaseException:
        extractor.abort()
        raise
    return report


def _read_all(
    inputs: Iterable[str],
    allow_private: bool,
    max_bytes: int,
    batch: list[Prepared | IngestError],
    flush: Callable[[], None],
    date: str | None = None,
) -> None:
    """Read, clean and store every item, a batch at a time (see ``ingest``)."""
    started = 0.0
    items = iter_documents(inputs, allow_private=allow_private, max_bytes=max_bytes)
    while True:
        t0 = time.monotonic()
        item = next(items, None)
        if item is None:
            break
        if not batch:
            started = t0
        if date and isinstance(item, Document) and not item.date:  # --date: before the byline's guess
            item.date = date
        batch.append(prepare(item))
        now = time.monotonic()
        # A slow read (a fetch) is likely followed by another: store what is ready rather than hold it.
        if len(batch) >= BATCH_DOCS or now - started >= BATCH_SECONDS or now - t0 >= SLOW_READ_SECONDS:
            flush()
    if batch:
        flush()


def resume(engine: Engine, report: IngestReport, *, retry_failed: bool = False) -> None:
    """Extract the facts of the stored documents that still await them (a killed ingest's)."""
    with engine.connect() as conn:
        ids = store_docs.awaiting_extraction(conn, failed=retry_failed)
    for i in range(0, len(ids), EXTRACT_BATCH):
        with engine.connect() as conn:
            docs = [d for doc_id in ids[i : i + EXTRACT_BATCH] if (d := store_docs.get_document(conn, doc_id))]
        _extract(engine, docs, report)
        report.resumed.extend(d.id for d in docs if d.id is not None)


@dataclass(slots=True)
class Prepared:
    """A cleaned document with what storing it needs, computed outside any transaction."""

    doc: Document
    content_hash: str
    sig: Signature


@dataclass(slots=True)
class _Outcome:
    status: str  # new, updated, duplicate, near-duplicate, skipped
    item: Document | IngestError
    doc_id: int | None = None  # the stored id; for a near-duplicate, its original's


def record_outcome(report: IngestReport, outcome: _Outcome) -> None:
    item, doc_id = outcome.item, outcome.doc_id
    if isinstance(item, IngestError):
        report.skipped.append(item)
    elif outcome.status == "duplicate":
        report.duplicates.append(item.source)
    elif doc_id is not None and outcome.status == "near-duplicate":
        report.near_duplicates.append((item.source, doc_id))
    elif doc_id is not None:
        (report.updated if outcome.status == "updated" else report.new).append(doc_id)


def prepare(item: Document | IngestError) -> Prepared | IngestError:
    """Clean, hash and sign a document; an IngestError when nothing is left to store."""
    if isinstance(item, IngestError):
        return item
    try:
        clean_document(item)
        if not item.text.strip():
            raise IngestError(item.source, "no article text left after cleaning")
        return Prepared(item, item.content_hash, signature(item.text))
    except IngestError as exc:  # read fine, but nothing to keep (e.g. only page furniture)
        return exc
    except Exception as exc:  # one bad document must not stop the batch
        log.exception("cleaning %s failed", item.source)
        return IngestError(item.source, f"could not store ({type(exc).__name__}: {exc})")


class StoreIndex(NearDuplicateIndex):
    """The near-duplicate index of the store's originals, read when the ingest starts and brought up to
    date, under the writers' lock, before each batch decides what its documents are: another ingest may
    have stored the original of one of them since."""

    def __init__(self) -> None:
        super().__init__()
        self.read_up_to = 0  # the highest document id read from the store

    def catch_up(self, conn: Connection) -> None:
        for doc_id, values in store_docs.signatures(conn, after=self.read_up_to):
            self.read_up_to = doc_id
            sig = from_list(values)
            if sig is not None:  # a signature of another scheme can only be ignored
                self.add(doc_id, sig)  # (this ingest's own are there already: a no-op)


def store_batch(engine: Engine, items: list[Prepared | IngestError], index: StoreIndex) -> list[_Outcome]:
    """Store the documents of ``items`` in one transaction; the outcome of every item, in order."""
    docs = [p for p in items if isinstance(p, Prepared)]
    stored = iter(_write(engine, docs, index) if docs else [])
    return [_Outcome("skipped", p) if isinstance(p, IngestError) else next(stored) for p in items]


class _Known:
    """What the store holds of a batch's hashes and URLs, kept current as the batch writes."""

    def __init__(self, conn: Connection, docs: list[Prepared]) -> None:
        self.hashes = store_docs.known_hashes(conn, (p.content_hash for p in docs))
        self.urls = store_docs.find_by_urls(conn, (p.doc.url for p in docs))

    def stored(self, url: str | None, doc_id: int, content_hash: str, old_hash: str | None = None) -> None:
        if old_hash is not None:
            self.hashes.discard(old_hash)
        self.hashes.add(content_hash)
        if url and (old_hash is not None or url not in self.urls):
            self.urls[url] = (doc_id, content_hash)


def _write(engine: Engine, docs: list[Prepared], index: StoreIndex) -> list[_Outcome]:
    """Store ``docs`` in one transaction; if it fails, roll back and store them one per transaction."""
    undo: list[Callable[[], None]] = []  # the index changes to take back if the transaction fails
    try:
        with engine.begin() as conn:
            lock_writers(conn)
            index.catch_up(conn)
            writer = _BatchWriter(conn, index, _Known(conn, docs), undo)
            for p in docs:
                writer.write(p)
            return writer.finish()
    except Exception as exc:  # one bad document must not stop the batch
        for take_back in reversed(undo):
            take_back()
        if len(docs) > 1:
            log.warning(
                "storing a batch of %d documents failed (%s: %s); storing them one by one",
                len(docs),
                type(exc).__name__,
                exc,
            )
            return [outcome for p in docs for outcome in _write(engine, [p], index)]
        log.exception("storing %s failed", docs[0].doc.source)
        err = IngestError(docs[0].doc.source, f"could not store ({type(exc).__name__}: {exc})")
        return [_Outcome("skipped", err)]


class _BatchWriter:
    """Decides, document after document, what each one of a batch is, as if they were stored one at a
    time, and stores them in one transaction.

    New documents and near-duplicates are queued and inserted together (``store_docs.add_documents``,
    one statement for the queue rather than one per document); the queue is sent early only when the
    next document depends on it: it shares a URL with a queued one, or it may be a near-duplicate of
    one (``queued_sigs`` says so). The outcomes are the ones storing the documents one by one gives.
    """

    def __init__(
        self, conn: Connection, index: NearDuplicateIndex, known: _Known, undo: list[Callable[[], None]]
    ) -> None:
        self.conn, self.index, self.known, self.undo = conn, index, known, undo
        self.outcomes: list[_Outcome] = []
        self.queue: list[tuple[Prepared, int | None, int]] = []  # (document, duplicate_of, outcome slot)
        self.queued_urls: set[str] = set()
        self.queued_sigs = NearDuplicateIndex()  # queued originals, by outcome slot

    def write(self, p: Prepared) -> None:
        doc, sig = p.doc, p.sig
        doc.id = None  # set again when stored (a rolled-back batch may have set it)
        if doc.url and doc.url in self.queued_urls:
            self.send()
        if doc.url and doc.url in self.known.urls:
            self.outcomes.append(self._replace(p, *self.known.urls[doc.url]))
            return
        if p.content_hash in self.known.hashes:  # stored, or queued
            self.outcomes.append(_Outcome("duplicate", doc))
            return
        if self.queued_sigs.find(sig) is not None:
            self.send()
        original = self.index.find(sig)
        slot = len(self.outcomes)
        self.outcomes.append(_Outcome("skipped", doc))  # until sent
        self.queue.append((p, original, slot))
        self.known.hashes.add(p.content_hash)
        if doc.url:
            self.queued_urls.add(doc.url)
        if original is None:
            self.queued_sigs.add(slot, sig)

    def send(self) -> None:
        """Insert the queued documents; originals join the near-duplicate index."""
        if not self.queue:
            return
        # An original awaits its facts; a near-duplicate has none of its own.
        rows: list[store_docs.Row] = [
            (p.doc, to_list(p.sig), original, p.content_hash, original is None) for p, original, _ in self.queue
        ]
        ids = store_docs.add_documents(self.conn, rows)
        for (p, original, slot), doc_id in zip(self.queue, ids, strict=True):
            self.known.stored(p.doc.url, doc_id, p.content_hash)
            if original is not None:
                self.outcomes[slot] = _Outcome("near-duplicate", p.doc, original)
                continue
            self.index.add(doc_id, p.sig)
            self.undo.append(partial(self.index.remove, doc_id))
            self.outcomes[slot] = _Outcome("new", p.doc, doc_id)
        self.queue, self.queued_urls, self.queued_sigs = [], set(), NearDuplicateIndex()

    def finish(self) -> list[_Outcome]:
        self.send()
        return self.outcomes

    def _replace(self, p: Prepared, old_id: int, old_hash: str) -> _Outcome:
        """A new version of a stored article (same URL): it replaces the stored one, facts forgotten."""
        doc, sig = p.doc, p.sig
        if old_hash == p.content_hash:
            return _Outcome("duplicate", doc)
        consolidate.forget(self.conn, old_id)
        store_docs.replace_document(
            self.conn, old_id, doc, minhash=to_list(sig), content_hash=p.content_hash, awaiting=True
        )
        self.known.stored(doc.url, old_id, p.content_hash, old_hash=old_hash)
        old_sig = self.index.get(old_id)
        self.index.remove(old_id)
        self.index.add(old_id, sig)
        self.undo.append(lambda: _restore(self.index, old_id, old_sig))
        return _Outcome("updated", doc, old_id)


def _restore(index: NearDuplicateIndex, doc_id: int, sig: Signature | None) -> None:
    index.remove(doc_id)
    if sig is not None:
        index.add(doc_id, sig)


def _extract(engine: Engine, docs: list[Document], report: IngestReport) -> None:
    store_facts(engine, extract_batch(docs), report)


def store_facts(engine: Engine, extracted: Extracted, report: IngestReport) -> None:
    """Store a batch's facts (extracted here or by a worker, see ``parallel``) and merge them."""
    for doc, reason in extracted.failed:
        report.skipped.append(IngestError(doc.source, f"stored, but extraction failed ({reason})"))
        _failed(engine, doc)
    extractions = extracted.extractions

    def store(batch: list[Extraction]) -> None:
        """The facts of ``batch`` stored and folded into the map in one transaction: one merge for all.

        Only for the documents still awaiting them, asked under the lock: another ingest may have
        extracted the same document (it stored it, this one resumed it, or the other way round) and
        stored its facts first. Storing them again would replace the rows the map links to, behind
        the merge's back."""
        with engine.begin() as conn:
            lock_writers(conn)
            todo = store_docs.still_awaiting(conn, ((_stored_id(ext.doc), ext.doc.content_hash) for ext in batch))
            batch = [ext for ext in batch if ext.doc.id in todo]
            ids = [_stored_id(ext.doc) for ext in batch]
            for doc_id, ext in zip(ids, batch, strict=True):
                save_extraction(conn, doc_id, ext)
            if ids:
                consolidate.update(conn, ids)
        report.facts += sum(len(ext.facts) for ext in batch)

    if not extractions:
        return
    try:
        store(extractions)
        return
    except Exception:  # rolled back: again one by one, to keep all but the culprit
        log.exception("storing the batch's facts failed; retrying document by document")
    for ext in extractions:
        try:
            store([ext])
        except Exception as exc:
            report.skipped.append(IngestError(ext.doc.source, f"stored, but its facts could not be ({exc})"))
            _failed(engine, ext.doc)


def _stored_id(doc: Document) -> int:
    """The store's id of ``doc``, which every document extracted here has (stored before extraction)."""
    if doc.id is None:
        raise ValueError(f"{doc.source}: extracted before it was stored")
    return doc.id


def _failed(engine: Engine, doc: Document) -> None:
    """Mark a document whose extraction failed: not retried by every ingest, only by a resume."""
    if doc.id is None:
        return
    try:
        with engine.begin() as conn:
            store_docs.set_extract_state(conn, [doc.id], EXTRACT_FAILED)
    except Exception:  # it stays awaiting, and the next ingest tries it again
        log.exception("marking %s failed", doc.source)
