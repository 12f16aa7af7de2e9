"""The ingestion token, checked before a request's body is read.

FastAPI reads (and parses, and spools to disk) a whole form before a handler runs: anyone could
make the server take in gigabytes just to be told their token is wrong. This ASGI middleware
answers first: 404 when ingestion is disabled, 401 for a wrong ``Authorization: Bearer`` token,
and, without that header, 401 unless the token is the form's first field (the ingest page puts it
first), found within the first PREFIX_BYTES of the body. What was read is then handed on.
"""

from __future__ import annotations

import hmac
import json
import re
from urllib.parse import parse_qs

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PATH = "/api/ingest"
PREFIX_BYTES = 65536
NO_TOKEN = "missing or wrong token (send it as 'Authorization: Bearer TOKEN', or as the form's first field)"


class TokenFirst:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        app = scope["app"]
        if not app.state.token:
            await _refuse(send, 404, "ingestion is disabled: start the server with --token or MERCATO_TOKEN")
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if "authorization" in headers:
            given = headers["authorization"].removeprefix("Bearer ").strip()
            if check_token(app, given):
                await _refuse(send, 401, NO_TOKEN)
                return
            await self.app(scope, receive, send)
            return
        read: list[Message] = []
        prefix, more = b"", True
        while more and len(prefix) < PREFIX_BYTES:
            message = await receive()
            read.append(message)
            if message["type"] != "http.request":
                break
            prefix += message.get("body", b"")
            more = message.get("more_body", False)
        if check_token(app, form_token(headers.get("content-type", ""), prefix[:PREFIX_BYTES], complete=not more)):
            await _refuse(send, 401, NO_TOKEN)
            return

        async def replay() -> Message:
            return read.pop(0) if read else await receive()

        await self.app(scope, replay, send)


def check_token(app: FastAPI, given: str | None) -> str | None:
    """None when ``given`` is the server's token; otherwise the reason it is refused."""
    expected = app.state.token
    if not expected:
        return "ingestion is disabled: start the server with --token or MERCATO_TOKEN"
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        return "missing or wrong token"
    return None


def form_token(content_type: str, prefix: bytes, *, complete: bool) -> str | None:
    """The ``token`` field at the start of a form body (multipart or urlencoded), if it is there."""
    if content_type.startswith("multipart/form-data"):
        match = re.search(r'boundary="?([^";]{1,200})"?', content_type)
        if not match:
            return None
        boundary = re.escape(match.group(1).encode())
        first = re.match(
            rb"(?:\r\n)*--" + boundary + rb'\r\nContent-Disposition: *form-data; *name="?token"?\r\n'
            rb"(?:[^\r\n]*\r\n)*?\r\n(.*?)\r\n--" + boundary,
            prefix,
            re.DOTALL | re.IGNORECASE,
        )
        return first.group(1).decode("utf-8", errors="replace") if first else None
    if content_type.startswith("application/x-www-form-urlencoded"):
        text = prefix.decode("latin-1")
        if not complete:
            text = text.rsplit("&", 1)[0] if "&" in text else ""
        values = parse_qs(text, encoding="utf-8", errors="replace").get("token")
        return values[0] if values else None
    return None


async def _refuse(send: Send, status: int, reason: str) -> None:
    body = json.dumps({"error": reason}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
