"""Where a benchmark's store lives: a temporary SQLite file, a given URL, or a throw-away PostgreSQL.

``--postgres`` starts the same disposable server the test suite uses (``tests/pg.py``: Debian's
binaries, a temporary cluster on a free 127.0.0.1 port, run as the ``postgres`` user under root),
so SQLite and PostgreSQL figures come from one command on one machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"


def add_store_options(ap: argparse.ArgumentParser) -> None:
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--db", help="store URL or path (default: a new SQLite file in a temporary directory)")
    group.add_argument("--postgres", action="store_true", help="a throw-away PostgreSQL server (tests/pg.py)")


@contextmanager
def bench_store(args: argparse.Namespace, name: str = "bench.db") -> Iterator[str]:
    """The URL (or path) of an empty store for this run, removed afterwards unless given by ``--db``."""
    if args.db:
        yield args.db
        return
    if args.postgres:
        sys.path.insert(0, str(TESTS))
        from pg import PgServer, pg_bin

        bindir = pg_bin()
        if bindir is None:
            raise SystemExit("no PostgreSQL binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or on PATH")
        server = PgServer(bindir)
        try:
            yield server.create_database()
        finally:
            server.stop()
        return
    with tempfile.TemporaryDirectory() as tmp:
        yield str(Path(tmp) / name)
