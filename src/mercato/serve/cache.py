"""Whole responses to GET requests, kept until the store changes.

A page or an API answer is a function of its URL and of the store (the server's own settings aside),
and the store changes only when something commits to it: an ingest, now and then. Meanwhile every
analyst opens the same first pages of facts and disputes, and each costs Python work to build
again. So the first answer to a URL is kept, in this worker process, under the store's version
(``store.cache.store_cache``: SQLite's ``PRAGMA data_version``, PostgreSQL's log position), and is
dropped with everything else as soon as anything commits. A hit is answered on the event loop,
without the trip to a worker thread.

Not kept: anything but a 200, answers over ``MAX_BODY`` bytes, static files (served with their own
validators), the ingest form and endpoint, and anything when the store is neither an SQLite file nor PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mercato.store.cache import store_cache

MAX_BODY = 1 << 20  # bytes; larger answers (exports, the full flow matrix) are rare and built again
_NOT_KEPT = ("/static/", "/api/ingest", "/ingest")
_SPACE = "responses"


class ResponseCache:
    """An ASGI middleware that answers a GET from the last response to its URL while the store is unchanged."""

    def __init__(self, app: ASGIApp, engine: Engine) -> None:
        self.app = app
        self.engine = engine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        cache = store_cache(self.engine) if scope["type"] == "http" and scope["method"] == "GET" else None
        if cache is None or scope["path"].startswith(_NOT_KEPT):
            await self.app(scope, receive, send)
            return
        responses = cache.values(_SPACE)  # the generation of the store as it is before the app reads it
        key = (scope["path"], scope["query_string"])
        kept = responses.get(key)
        if kept is not None:
            status, headers, body = kept
            await send({"type": "http.response.start", "status": status, "headers": list(headers)})
            await send({"type": "http.response.body", "body": body})
            return
        status, headers, chunks, size = 0, (), [], 0

        async def keep(message: Message) -> None:
            nonlocal status, headers, size
            if message["type"] == "http.response.start":
                status, headers = message["status"], tuple(message.get("headers", ()))  # before outer middleware
            elif message["type"] == "http.response.body" and status == 200 and size <= MAX_BODY:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if not message.get("more_body") and size <= MAX_BODY:
                    responses[key] = (status, headers, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keep)
