"""The ``mercato`` command: a thin Typer layer over the library.

Each stage keeps its commands in its own module here and registers them on ``app`` (``cli/root.py``);
the commands only parse options, call library functions and print. Logic lives in the library.
"""

from __future__ import annotations

from mercato.cli.root import ALL, DbOption, app


def _register() -> None:
    # Imported for their side effect: each module adds its commands to ``app``.
    from mercato.cli import extract, ingest, market, serve, watch  # noqa: F401


def main() -> None:
    _register()
    app()


__all__ = ["ALL", "DbOption", "app", "main"]
