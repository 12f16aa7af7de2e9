"""The Typer ``app`` every command module registers on, and the options they share.

Kept apart from ``cli/__init__`` so that a command module imports it without importing the package
that imports the command modules (no cycle).
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
