"""``mercato serve``: the dashboard and JSON API over the store."""

from __future__ import annotations

import os
import socket

import typer

from mercato.cli.root import DbOption, app


def default_workers() -> int:
    """One worker process per CPU, up to 4.

    The handlers are Python-bound (SQLAlchemy rows, JSON encoding, Jinja2), so one process serves
    about one request at a time whatever its thread pool; SQLite in WAL mode lets several processes
    read while one writes, and each process caches totals until the store changes.
    """
    return max(1, min(4, os.cpu_count() or 1))


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
    port: int = typer.Option(8000, "--port"),
    token: str | None = typer.Option(
        None,
        "--token",
        envvar="MERCATO_TOKEN",
        help="enables POST /api/ingest and the ingest form, and requires this token",
    ),
    workers: int = typer.Option(0, "--workers", min=0, help="worker processes [default: 0 = one per CPU, up to 4]"),
    db: str | None = DbOption,
) -> None:
    """Serve the market map: pages at /, JSON under /api/, API reference at /docs."""
    import uvicorn

    from mercato.cli.store import open_store, shown
    from mercato.serve.app import ENV_DB, ENV_TOKEN, create_app
    from mercato.store.db import db_url

    open_store(db).dispose()  # one line and exit 1 when there is no store; migrated once, here
    workers = workers or default_workers()
    typer.echo(banner(host, port, shown(db), token, workers))
    if workers == 1:
        uvicorn.run(create_app(db, token), host=host, port=port, log_level="warning", access_log=False)
        return
    from uvicorn.supervisors import Multiprocess

    os.environ[ENV_DB] = db_url(db)  # the workers build the app from these (see app_from_env)
    os.environ[ENV_TOKEN] = token or ""
    config = uvicorn.Config(
        "mercato.serve.app:app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
    )
    Multiprocess(config, sockets=[listening_socket(host, port)]).run()


def banner(host: str, port: int, store: str, token: str | None, workers: int) -> str:
    """What ``serve`` prints first: where to point the browser, which store, and whether it is read-only."""
    shown_host = f"[{host}]" if ":" in host else ("127.0.0.1" if host == "0.0.0.0" else host)
    mode = "ingestion enabled with the token (POST /api/ingest, /ingest)" if token else "read-only"
    return (
        f"mercato serving {store} at http://{shown_host}:{port}/ ({mode}; "
        f"{workers} worker{'s' if workers > 1 else ''}); API reference at /docs; Ctrl+C to stop"
    )


def listening_socket(host: str, port: int) -> socket.socket:
    """The socket the workers share, created as a TCP socket proper (protocol IPPROTO_TCP).

    ``uvicorn.run(..., workers=N)`` creates it with protocol 0, and asyncio only sets TCP_NODELAY
    on connections accepted from a socket whose protocol is IPPROTO_TCP: every response then waited
    for the client's delayed ACK (Nagle's algorithm), a wait of the OS's ACK delay under every request.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock
