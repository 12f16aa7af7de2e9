"""The web app: a JSON API under /api/ and server-rendered pages, over the same library as the CLI.

Read-only unless a token is configured; article text is untrusted, so templates autoescape, a
strict Content-Security-Policy forbids inline script, and no asset comes from another origin.

Speed: the security headers are added by a plain ASGI middleware (Starlette's ``@app.middleware``
runs every request through an extra task and memory streams), and SQLite
connections of the server map the file into memory and keep a larger page cache, so that reading a
page of facts is mostly memory access; whole responses are kept until the store changes (``cache``).
``app_from_env`` lets ``mercato serve --workers N`` start the app in each worker process.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mercato import __version__
from mercato.consolidate import identity
from mercato.model import QueryError
from mercato.serve import api, downloads, feeds, pages, profiles
from mercato.serve.cache import ResponseCache
from mercato.serve.guard import TokenFirst
from mercato.store.db import connect, lock_writers

HERE = Path(__file__).resolve().parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
# Per server connection: up to 512 MiB of the file mapped (reads without a copy through read()), a
# 32 MiB page cache (the default 2 MiB holds less than one index of 100,000 facts), sorts in memory.
SERVER_PRAGMAS = ("PRAGMA mmap_size=536870912", "PRAGMA cache_size=-32768", "PRAGMA temp_store=MEMORY")
ENV_DB, ENV_TOKEN = "MERCATO_SERVE_DB", "MERCATO_SERVE_TOKEN"


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response, as a plain ASGI middleware."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """Answers HEAD on every GET route as GET would, without the body (HTTP requires it; the routes
    declare GET only, and FastAPI answered them 405). The headers, Content-Length included, are GET's."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def _server_pragmas(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cur = dbapi_conn.cursor()
    for pragma in SERVER_PRAGMAS:
        cur.execute(pragma)
    cur.close()


def create_app(db: str | None = None, token: str | None = None, *, engine: Engine | None = None) -> FastAPI:
    """The FastAPI app over the store ``db``; ``token`` enables (and guards) ingestion."""
    app = FastAPI(
        title="mercato",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        description="The AI industry's talent and capital market, read from the news.",
    )
    if engine is None:
        engine = connect(db)
        engine.dispose()  # the migration's connection goes: every server connection gets the pragmas below
    with engine.begin() as conn:
        lock_writers(conn)  # two processes opening an upgraded store fill it once
        identity.backfill(conn)  # a store upgraded from before revision 0011
    engine.dispose()
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _server_pragmas)
    app.state.engine = engine
    app.state.token = token or None
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(profiles.api_router)  # first: its /api/facts/{ref} takes an anchor or an id
    app.include_router(api.router)
    app.include_router(profiles.router)
    app.include_router(downloads.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    app.add_middleware(ResponseCache, engine=engine)
    app.add_middleware(TokenFirst)  # outside the cache: a refused upload is not even read
    app.add_middleware(HeadAsGet)  # outside the cache: HEAD is served from the kept GET response
    app.add_middleware(SecurityHeaders)  # added last, so outermost: a kept response gets the headers too

    # Errors of the API are JSON; errors of a page are pages (a form must never land on raw JSON).
    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        details = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        if not request.url.path.startswith("/api/"):
            return await run_in_threadpool(pages.bad_request, request, f"bad parameter: {details}")
        return JSONResponse({"error": f"bad parameter: {details}"}, status_code=400)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        if not request.url.path.startswith("/api/"):
            return await run_in_threadpool(pages.bad_request, request, str(exc))
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or exc.status_code != 404:
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return await run_in_threadpool(pages.not_found, request)

    app.openapi = lambda: _openapi_as_served(app)  # type: ignore[method-assign]
    return app


def _openapi_as_served(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema without the 422 it declares for every route with parameters: a bad parameter
    is a 400 here (``bad_request``), declared by each API route with the error's model."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        for methods in schema.get("paths", {}).values():
            for op in methods.values():
                op.get("responses", {}).pop("422", None)
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        app.openapi_schema = schema
    return app.openapi_schema


def app_from_env() -> FastAPI:
    """The app for ``mercato serve --workers N``: uvicorn imports it in each worker process by name."""
    return create_app(os.environ.get(ENV_DB) or None, os.environ.get(ENV_TOKEN) or None)
