"""Opening the store: one function, ``connect``, that every CLI command and the server use.

SQLite by default (``./mercato.db``, ``--db`` or ``MERCATO_DB``), in WAL mode so that the web
server can read while an ingest writes. PostgreSQL for a team (``postgresql+psycopg://...``, the
``pg`` extra); other SQLAlchemy URLs may work.
Every database is migrated to the latest Alembic revision when opened. Processes that open a new
store at once take turns: the migration runs under a lock (SQLite's write lock taken first,
PostgreSQL's advisory lock), and whoever comes second finds the schema there and does nothing.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import ConnectionPoolEntry

DEFAULT_DB = "mercato.db"
_MIGRATIONS = Path(__file__).with_name("migrations")
_MIGRATION_LOCK = 0x6D65726361746F  # PostgreSQL advisory lock key of the migration ("mercato")
_MIGRATION_ATTEMPTS = 5  # a lock that timed out, or a database without locks that raced: try again


def db_url(db: str | os.PathLike[str] | None = None) -> str:
    """The SQLAlchemy URL for ``db`` (a path or a URL), ``$MERCATO_DB``, or ``./mercato.db``."""
    target = str(db or os.environ.get("MERCATO_DB") or DEFAULT_DB)
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=10000")  # first: switching a new file to WAL may wait for another
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def connect(db: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Engine:
    """An engine on the store, created and migrated to the latest schema if needed."""
    url = db_url(db)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        upgrade(engine)
    return engine


def upgrade(engine: Engine) -> None:
    """Bring the schema to Alembic's head revision (a no-op when it is there already).

    Safe when several processes open a new or old store at once: the migration runs in one transaction
    that first takes a lock every other migrating process waits for, then reads the revision again.
    """
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
    for attempt in range(1, _MIGRATION_ATTEMPTS + 1):
        try:
            with engine.begin() as conn:
                _lock_for_migration(conn)
                if MigrationContext.configure(conn).get_current_revision() == head:
                    return  # another process migrated while this one waited
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
            return
        except DBAPIError:
            if attempt == _MIGRATION_ATTEMPTS:
                raise
            time.sleep(0.2 * attempt)


def _lock_for_migration(conn: Connection) -> None:
    """Take the lock that serializes migrations, held until the transaction ends."""
    if conn.dialect.name == "sqlite":
        # The write lock at once (the driver would take it only at the first write, after the other
        # process has read the same missing revision); busy_timeout makes the others wait for it.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")


_WRITER_LOCK = 0x6D657263  # any constant: the key of the advisory lock every mercato writer takes


def lock_writers(conn: Connection) -> None:
    """Make the writers of one store take turns until ``conn``'s transaction ends.

    A batch decides what each document is (new, duplicate, an update of a stored URL) and the merge
    what each fact is (new, or a source of a canonical fact) from what the store holds: two ingests
    deciding at once on PostgreSQL would both insert the same article or the same canonical fact.
    SQLite already lets one writer at a time in; PostgreSQL gets a transaction-level advisory lock.
    The slow work (reading, parsing, extraction) happens outside these transactions, in parallel.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITER_LOCK})
