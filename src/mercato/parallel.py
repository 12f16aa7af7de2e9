"""Every core: extraction in worker processes, results back in input order, one writer.

Parsing is nearly all of an ingest's time and each spaCy pipeline is single-threaded, so
``mercato ingest --workers N`` and ``mercato extract --workers N`` hand batches of documents to N
worker processes. Each worker loads the models once (lazily, on its first document of a language)
and keeps them for every batch it gets. The parent keeps reading, cleaning and storing, and stores
the facts of each batch in the order the batches were sent, so the store ends exactly as a one-worker
ingest leaves it (the merge sees the same documents in the same order); only the parent writes.

Workers are started with ``spawn``: a fresh interpreter that imports mercato, never a fork of a parent
that may hold database connections, threads or half-loaded models. Starting them costs a model load
each, so the pool is only started once there is more than one batch to extract
(``Pipelined``'s ``first`` batch runs in the parent when it is also the last).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from mercato.extract import extract_documents
from mercato.model import Document, Extraction

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _quiet_worker() -> None:
    """Worker start: the BLAS/OpenMP pools of one process per core use one thread each."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` spawned processes."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_quiet_worker)


@dataclass
class Extracted:
    """What a worker sends back for a batch: the extractions, and the documents that failed and why."""

    extractions: list[Extraction] = field(default_factory=list)
    failed: list[tuple[Document, str]] = field(default_factory=list)


def extract_batch(docs: Sequence[Document], backend: str = "rules") -> Extracted:
    """Extract ``docs`` together; when that fails, one by one, so one bad document costs only itself."""
    try:
        return Extracted(extract_documents(docs, backend=backend))
    except Exception:  # fall back to one by one to isolate the culprit
        log.exception("batch extraction failed; retrying document by document")
    out = Extracted()
    for doc in docs:
        try:
            out.extractions.extend(extract_documents([doc], backend=backend))
        except Exception as exc:
            out.failed.append((doc, str(exc)))
    return out


class Pipelined(Generic[T, R]):
    """Runs ``work`` on the batches given to ``submit``, in the parent or in ``workers`` processes, and
    hands every result to ``done`` in submission order.

    With one worker everything runs in the parent, at once. With more, the first batch waits: if it is
    the only one (``close`` comes next) it runs in the parent and no process is started; otherwise the
    pool starts and takes every batch. At most ``2 * workers`` batches are in flight, so a corpus of
    any size never sits in memory whole.
    """

    def __init__(self, work: Callable[[T], R], done: Callable[[R], None], workers: int = 1) -> None:
        self.work, self.done, self.workers = work, done, max(1, workers)
        self.executor: ProcessPoolExecutor | None = None
        self.waiting: T | None = None
        self.pending: deque[Future[R]] = deque()

    def submit(self, batch: T) -> None:
        if self.workers == 1:
            self.done(self.work(batch))
            return
        if self.executor is None:
            if self.waiting is None:
                self.waiting = batch
                return
            self.executor = pool(self.workers)
            first, self.waiting = self.waiting, None
            self.pending.append(self.executor.submit(self.work, first))
        self.pending.append(self.executor.submit(self.work, batch))
        self._drain(block_above=2 * self.workers)

    def _drain(self, block_above: int) -> None:
        while self.pending and (len(self.pending) > block_above or self.pending[0].done()):
            self.done(self.pending.popleft().result())

    def abort(self) -> None:
        """Stop at once (an error or an interrupt): batches not handed to ``done`` are dropped."""
        self.waiting = None
        self.pending.clear()
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def close(self) -> None:
        """Finish every batch (in order) and stop the workers."""
        try:
            if self.waiting is not None:
                batch, self.waiting = self.waiting, None
                self.done(self.work(batch))
            self._drain(block_above=0)
        finally:
            if self.executor is not None:
                self.executor.shutdown(cancel_futures=True)
                self.executor = None


def ordered_map(work: Callable[[T], R], items: Iterable[T], workers: int, chunksize: int = 4) -> Iterator[R]:
    """``map(work, items)`` over ``workers`` processes (in this one when there is one), in input order."""
    if workers <= 1:
        yield from map(work, items)
        return
    with pool(workers) as executor:
        yield from executor.map(work, items, chunksize=chunksize)
