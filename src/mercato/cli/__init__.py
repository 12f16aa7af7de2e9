"""The ``mercato`` command: a thin Typer layer over the library.

Each stage keeps its commands in its own module here and registers them on ``app``; the
commands only parse options, call library functions and print. Logic lives in the library.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="mercato",
    help="The AI industry's talent and capital market, read from the news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ALL = 2**62  # what "--limit 0" asks for

DbOption = typer.Option(None, "--db", envvar="MERCATO_DB", help="SQLite path or SQLAlchemy URL [default: ./mercato.db]")


def _register() -> None:
    # Imported for their side effect: each module adds its commands to ``app``.
    from mercato.cli import extract, ingest, market, serve, watch  # noqa: F401


def main() -> None:
    _register()
    app()
