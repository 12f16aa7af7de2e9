"""The web app: a JSON API under /api/ and server-rendered pages, over the same library as the CLI.

Read-only unless a token is configured; article text is untrusted, so templates autoescape, a
strict Content-Security-Policy forbids inline script, and no asset comes from another origin.
"""

from __future__ import annotations

import hmac
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from mercato import __version__
from mercato.consolidate.queries import QueryError

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(db: str | None = None, token: str | None = None, *, engine: Engine | None = None) -> FastAPI:
    """The FastAPI app over the store ``db``; ``token`` enables (and guards) ingestion."""
    from mercato.serve import api, pages
    from mercato.store.db import connect

    app = FastAPI(title="mercato", version=__version__, docs_url=None, redoc_url=None,
                  description="The AI industry's talent and capital market, read from the news.")
    app.state.engine = engine or connect(db)
    app.state.token = token or None
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # noqa: ANN001, ANN202
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        details = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return JSONResponse({"error": f"bad parameter: {details}"}, status_code=400)

    @app.exception_handler(QueryError)
    async def bad_query(_request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if request.url.path.startswith("/api/") or exc.status_code != 404:
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return pages.not_found(request)

    return app


def check_token(app: FastAPI, given: str | None) -> str | None:
    """None when ``given`` is the server's token; otherwise the reason it is refused."""
    expected = app.state.token
    if not expected:
        return "ingestion is disabled: start the server with --token or MERCATO_TOKEN"
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        return "missing or wrong token"
    return None
