"""Opening the store from a command: one line saying what to do instead of a traceback.

A read command on a mistyped ``--db`` must not create an empty store and answer "0 facts"; a
missing directory, a file that is not a database or a database URL whose driver is not installed
are the user's to fix, so each gets one line naming the path and what to do (exit 1).
"""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError

err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``message`` as an error line and return the Exit to raise."""
    err.print(f"[red]error:[/red] {message}", markup=True)
    return typer.Exit(code)


def sqlite_path(db: str | os.PathLike[str] | None) -> Path | None:
    """The file of an SQLite store, None for another database or an in-memory one."""
    from mercato.store.db import db_url

    try:
        url = make_url(db_url(db))
    except ArgumentError:
        return None
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def shown(db: str | os.PathLike[str] | None) -> str:
    """``db`` as it may be printed: its path, or its URL without the password."""
    from mercato.store.db import db_url

    path = sqlite_path(db)
    if path is not None:
        return str(path)
    try:
        return make_url(db_url(db)).render_as_string(hide_password=True)
    except ArgumentError:
        return str(db)


def check_store(db: str | os.PathLike[str] | None, *, must_exist: bool = True) -> None:
    """Raise an Exit with one line when ``db`` cannot be a store: for reading, it must exist already."""
    path = sqlite_path(db)
    if path is None:
        return
    if path.is_dir():
        raise fail(f"{path} is a directory: give the store's file, e.g. --db {path / 'mercato.db'}")
    if must_exist and not path.exists():
        raise fail(f"no store at {path} — run `mercato ingest` first (or give --db)")
    if not path.parent.is_dir():
        raise fail(f"no directory {path.parent} for the store: create it first or give another --db")


def open_store(db: str | os.PathLike[str] | None, *, must_exist: bool = True) -> Engine:
    """An engine on the store ``db`` (migrated), or an Exit after one line saying what is wrong."""
    from mercato.store.db import connect

    check_store(db, must_exist=must_exist)
    where = shown(db)
    try:
        return connect(db)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        name = getattr(exc, "name", None) or str(exc).rsplit(":", 1)[-1].strip()
        raise fail(f"cannot open {where}: its database driver is not installed ({name}); pip install it") from None
    except ArgumentError as exc:
        raise fail(f"cannot open {where}: not a path nor a database URL ({exc})") from None
    except DatabaseError as exc:
        reason = str(getattr(exc, "orig", exc)).splitlines()[0]
        if "not a database" in reason or "malformed" in reason:
            raise fail(f"{where} is not a mercato store (not an SQLite database): give another --db") from None
        raise fail(f"cannot open {where}: {reason}") from None
