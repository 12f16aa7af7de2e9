"""``mercato serve``: the dashboard and JSON API over the store."""

from __future__ import annotations

import typer

from mercato.cli import DbOption, app


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
    port: int = typer.Option(8000, "--port"),
    token: str | None = typer.Option(None, "--token", envvar="MERCATO_TOKEN",
                                     help="enables POST /api/ingest and the ingest form, and requires this token"),
    db: str | None = DbOption,
) -> None:
    """Serve the market map: pages at /, JSON under /api/, API reference at /docs."""
    import uvicorn

    from mercato.serve.app import create_app

    uvicorn.run(create_app(db, token), host=host, port=port, log_level="warning")
