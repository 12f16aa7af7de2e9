"""Shared fixtures: where the evaluation data is (when it is there), a local web server."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pg import pg_server, pg_url, store_url  # noqa: F401 - fixtures of the PostgreSQL plugin

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
EVAL = ROOT.parent / "shared" / "eval"
DEV_ARTICLES = EVAL / "dev" / "articles"


@pytest.fixture(scope="session")
def dev_articles() -> Path:
    """The dev articles of ../shared/eval, or a skip where the project is cloned alone."""
    if not DEV_ARTICLES.is_dir():
        pytest.skip("../shared/eval is not here (a user's clone has no evaluation data)")
    return DEV_ARTICLES


class _Handler(http.server.SimpleHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self) -> None:  # http.server's naming
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.do_GET()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def web_server() -> Iterator[tuple[str, dict[str, tuple[int, str, bytes]]]]:
    """A server on 127.0.0.1 answering GET and POST with ``routes[path] = (status, content type, body)``."""
    routes: dict[str, tuple[int, str, bytes]] = {}
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", routes
    finally:
        server.shutdown()
        server.server_close()
