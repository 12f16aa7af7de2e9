"""``mercato ingest --ray ADDRESS``: read, clean and extract as Ray Data tasks, store in this process.

The corpus is listed, not read, here: directories become their files (in the order a plain ingest
reads them), URLs and files stay as given. Ray Data then streams them through two stages:

- ``_read`` (a task per input): the articles of one file, URL, JSON Lines or WARC file, each cleaned,
  hashed and signed as ``pipeline.prepare`` does, one row per article;
- ``Extractor`` (an actor per worker, so the spaCy models load once per worker): the facts of each
  article, in batches.

The driver takes the rows as they come, in input order, and stores them with the plain ingest's own
code (``pipeline.store_batch``: duplicates, near-duplicates and updates decided against the store,
one writer), then the facts of the documents that went in. The store therefore ends as a
single-process ingest of the same inputs leaves it. Rows carry pickled objects: Ray moves bytes.
At most a few batches per worker are in flight (Ray Data's streaming executor): the corpus is
never in memory whole; a single huge JSON Lines or WARC file is read by one task, so split it for
parallel reads.

``ADDRESS`` is what ``ray.init`` takes: ``local`` starts Ray in this process's machine, ``auto`` joins
the cluster ``ray start`` runs here, ``ray://HEAD:10001`` a remote one. The store must be reachable
from the driver only (PostgreSQL for a team, or an SQLite file beside the driver).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from mercato.ingest import IngestError, iter_documents
from mercato.ingest.decode import DEFAULT_MAX_BYTES
from mercato.ingest.sources import KNOWN, is_url
from mercato.parallel import Extracted, extract_batch
from mercato.pipeline import (
    EXTRACT_BATCH,
    IngestReport,
    Prepared,
    StoreIndex,
    prepare,
    record_outcome,
    store_batch,
    store_facts,
)

STORE_BATCH = 64  # rows the driver stores per transaction
_READ_CPU = 0.2  # of a CPU per read task; an extractor takes the rest of one


def list_inputs(inputs: Iterable[str]) -> list[str]:
    """Every file of the given directories, in the order ``iter_documents`` reads them; files and URLs as given."""
    out: list[str] = []
    for item in inputs:
        path = Path(item)
        if not is_url(item) and path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            out.extend(str(p) for p in files if p.suffix.lower() in KNOWN)
        else:
            out.append(item)
    return out


def _read(row: dict[str, Any], allow_private: bool, max_bytes: int) -> list[dict[str, Any]]:
    """The articles of one input, cleaned: one row each, a pickled ``Prepared`` or ``IngestError``."""
    return [
        {"item": pickle.dumps(_portable(prepare(item)))}
        for item in iter_documents([row["input"]], allow_private=allow_private, max_bytes=max_bytes)
    ]


def _portable(item: Prepared | IngestError) -> Prepared | tuple[str, str]:
    """An IngestError as (source, reason): an exception with two arguments does not unpickle."""
    return (item.source, item.reason) if isinstance(item, IngestError) else item


class Extractor:
    """A Ray actor: the models load on its first batch and stay for every batch it gets."""

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        items = [pickle.loads(b) for b in batch["item"]]
        docs = [p.doc for p in items if isinstance(p, Prepared)]
        done = extract_batch(docs) if docs else Extracted()
        by_doc = {id(ext.doc): ext for ext in done.extractions}
        failed = {id(doc): reason for doc, reason in done.failed}
        out = []
        for p in items:  # the extraction travels with its document: one pickle keeps them one object
            if isinstance(p, Prepared):
                out.append(pickle.dumps((p, by_doc.get(id(p.doc)), failed.get(id(p.doc)))))
            else:
                out.append(pickle.dumps((p, None, None)))
        return {"row": out}


def ray_ingest(
    inputs: Iterable[str],
    engine: Engine,
    *,
    address: str = "local",
    workers: int | None = None,
    allow_private: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    extract: bool = True,
) -> IngestReport:
    """Ingest ``inputs`` into the store of ``engine`` with Ray doing the reading and the parsing."""
    import ray

    started_here = False
    if not ray.is_initialized():
        ray.init(address=None if address == "local" else address, num_cpus=workers if address == "local" else None)
        started_here = True
    try:
        report = IngestReport()
        index = StoreIndex()  # brought up to date under the writers' lock before each batch
        with engine.connect() as conn:
            index.catch_up(conn)
        writer = _Writer(engine, index, report, extract)
        for rows in _batches(_dataset(inputs, workers, allow_private, max_bytes, extract)):
            writer.store(rows)
        writer.flush()
        return report
    finally:
        if started_here:
            ray.shutdown()


def _dataset(inputs: Iterable[str], workers: int | None, allow_private: bool, max_bytes: int, extract: bool) -> Any:
    import ray

    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # the store sees the articles in input order
    ctx.enable_progress_bars = False
    listed = list_inputs(inputs)
    listing = ray.data.from_items([{"input": i} for i in listed], override_num_blocks=max(1, min(len(listed), 200)))
    # Each extractor holds most of a CPU for as long as the job runs: the readers must fit beside them
    # (with whole CPUs, N extractors on N CPUs leave no room to read, and nothing ever reaches them).
    ds = listing.flat_map(
        _read,  # type: ignore[arg-type]  # fn_kwargs gives its other parameters; Ray's signature has no room for them
        fn_kwargs={"allow_private": allow_private, "max_bytes": max_bytes},
        num_cpus=_READ_CPU,
    )
    if not extract:
        return ds.map(lambda r: {"row": pickle.dumps((pickle.loads(r["item"]), None, None))})
    n = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    return ds.map_batches(Extractor, batch_size=EXTRACT_BATCH, concurrency=n, num_cpus=1 - _READ_CPU)


def _batches(ds: Any) -> Iterator[list[tuple[Any, Any, Any]]]:
    rows: list[tuple[Any, Any, Any]] = []
    for batch in ds.iter_batches(batch_size=STORE_BATCH, batch_format="numpy"):
        for b in batch["row"]:
            item, ext, failed = pickle.loads(b)
            rows.append((IngestError(*item) if isinstance(item, tuple) else item, ext, failed))
        if len(rows) >= STORE_BATCH:
            yield rows
            rows = []
    if rows:
        yield rows


class _Writer:
    """Stores rows as the plain ingest does: documents a batch at a time, then the facts of those that
    went in, EXTRACT_BATCH documents per merge (the batches ``pipeline.ingest`` merges)."""

    def __init__(self, engine: Engine, index: StoreIndex, report: IngestReport, extract: bool) -> None:
        self.engine, self.index, self.report, self.extract = engine, index, report, extract
        self.pending: list[tuple[Any, Any, Any]] = []  # (stored document, extraction, failure)

    def store(self, rows: list[tuple[Any, Any, Any]]) -> None:
        items = [item for item, _, _ in rows]
        found = {id(item.doc): (ext, failed) for item, ext, failed in rows if isinstance(item, Prepared)}
        for outcome in store_batch(self.engine, items, self.index):
            record_outcome(self.report, outcome)
            if not self.extract or outcome.status not in ("new", "updated") or isinstance(outcome.item, IngestError):
                continue
            self.pending.append((outcome.item, *found[id(outcome.item)]))
            if len(self.pending) >= EXTRACT_BATCH:
                self.flush()

    def flush(self) -> None:
        out = Extracted()
        for doc, ext, failed in self.pending:
            if ext is not None:
                ext.doc = doc  # the stored document, with its id
                out.extractions.append(ext)
            else:
                out.failed.append((doc, failed or "no extraction"))
        self.pending = []
        if out.extractions or out.failed:
            store_facts(self.engine, out, self.report)
