"""Values computed from the store, kept for the whole process until anything commits to it.

For what reads much of the store to return little: the totals of paginated lists, the overview,
searches, and (``serve.cache``) whole answers of the web server. Each store has a version that
moves with every commit, read on a connection of its own; a value is kept under the version read
before it was computed, so it is never older than the store.
"""

from __future__ import annotations

import sqlite3
import threading
import typing
import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine

T = TypeVar("T")

_CACHE_SIZE = 256  # values per space (totals, overview, search...) and store version
_MISSING = object()


class _SharedCache:
    """Values computed from one store, valid until anything commits to it.

    The version is read on a connection of its own that never writes. SQLite: ``PRAGMA
    data_version``, which changes whenever any other connection, in this process or another, commits
    (read on the pooled connections it would be per connection, so each of them would recompute
    everything). PostgreSQL: the server's write-ahead log position, which moves with every commit
    (and with some housekeeping: then values are computed once more than needed, never kept too long).
    """

    def __init__(self, version: Callable[[], Any]) -> None:
        self.lock = threading.Lock()
        self._read_version = version
        self.version: Any = None
        self.spaces: dict[str, dict[Hashable, Any]] = {}
        self.computing: dict[tuple[str, Hashable], threading.Lock] = {}

    def values(self, space: str) -> dict[Hashable, Any]:
        """The values of ``space`` for the store as it is now (emptied when it changed)."""
        with self.lock:
            version = self._read_version()
            if version != self.version:
                self.version, self.spaces, self.computing = version, {}, {}
            values = self.spaces.setdefault(space, {})
            if len(values) >= _CACHE_SIZE:  # many distinct searches must not evict the overview
                values = self.spaces[space] = {}
            return values

    def key_lock(self, space: str, key: Hashable) -> threading.Lock:
        """Held while ``key`` is computed, so that concurrent requests wait for one computation."""
        with self.lock:
            return self.computing.setdefault((space, key), threading.Lock())


_CACHES: weakref.WeakKeyDictionary[Engine, _SharedCache] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def _version_reader(engine: Engine) -> Callable[[], Any] | None:
    """How to read the version of ``engine``'s store, on a connection of its own; None if it has none."""
    if engine.dialect.name == "sqlite":
        path = engine.url.database
        if not path or path == ":memory:" or path.startswith("file:"):
            return None
        observer = sqlite3.connect(path, check_same_thread=False)
        return lambda: observer.execute("PRAGMA data_version").fetchone()[0]
    if engine.dialect.name == "postgresql":
        watcher = engine.execution_options(isolation_level="AUTOCOMMIT")

        def wal_position() -> Any:
            with watcher.connect() as conn:
                return conn.exec_driver_sql("SELECT pg_current_wal_lsn()").scalar()

        return wal_position
    return None


def store_cache(engine: Engine) -> _SharedCache | None:
    """The cache of ``engine``'s store, for this process; None unless it is an SQLite file or a
    PostgreSQL database, whose version they tell (the web server keeps whole responses there too,
    see ``serve.cache``)."""
    with _CACHES_LOCK:
        cache = _CACHES.get(engine)
        if cache is None:
            reader = _version_reader(engine)
            if reader is None:
                return None
            cache = _CACHES[engine] = _SharedCache(reader)
    return cache


def _shared_cache(conn: Connection) -> _SharedCache | None:
    """The cache of ``conn``'s store; None when values cannot be shared (see ``cached``)."""
    if conn.dialect.name == "sqlite" and getattr(conn.connection.dbapi_connection, "in_transaction", False):
        return None  # uncommitted writes of its own, which no other connection sees
    if conn.dialect.name == "postgresql" and conn.exec_driver_sql("SELECT pg_current_xact_id_if_assigned()").scalar():
        return None  # the same: this transaction has written
    return store_cache(conn.engine)


def cached(conn: Connection, space: str, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, remembered for the whole process until the store changes.

    For what reads much of the store to return little: the totals of paginated lists (a COUNT over
    100,000 facts cost more than the page itself), the overview, searches. ``space`` keeps each kind
    within its own bound. The version is read before ``compute`` runs, and SQLite reads outside a
    transaction see the latest commit, so a value is never older than its version: at worst it is
    computed once more than needed. A connection with uncommitted writes, an in-memory store or
    another database compute every time. The values are shared between callers: never mutate them.
    """
    cache = _shared_cache(conn)
    if cache is None:
        return compute()
    value = cache.values(space).get(key, _MISSING)
    if value is not _MISSING:
        return typing.cast(T, value)  # what ``compute`` returned for this space and key
    with cache.key_lock(space, key):  # eight requests for a cold overview: one computes it, seven wait
        values = cache.values(space)
        value = values.get(key, _MISSING)
        if value is not _MISSING:
            return typing.cast(T, value)
        computed = compute()
        values[key] = computed  # into the generation current before compute: dropped if the store changed
        return computed
