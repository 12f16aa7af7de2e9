"""Fetching URLs safely: private addresses refused (redirects too), timeouts, size caps, HTTP errors.

Everything runs against servers on 127.0.0.1; nothing reaches the internet.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from mercato.ingest import fetch as fetch_mod
from mercato.ingest.errors import IngestError
from mercato.pipeline import load_document

PAGE = (
    b"<html><head><title>Lab news</title></head><body><article><h1>Lab news</h1>"
    b"<p>The research lab hired two engineers from a rival company to work on its reasoning models.</p>"
    b"</article></body></html>"
)


AGENTS: list[str | None] = []


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # http.server's naming
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{self.server.server_address[1]}/page")
            self.end_headers()
            return
        if self.path == "/boom":
            self.send_response(500)
            self.end_headers()
            return
        body = PAGE + (b" " * 200_000 if self.path == "/big" else b"")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (size cap): expected
            return
        self.server.agents.append(self.headers.get("User-Agent"))  # type: ignore[attr-defined]

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    """A page server on 127.0.0.1; the User-Agent of each page request is kept in ``AGENTS``."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.agents = AGENTS  # type: ignore[attr-defined]
    AGENTS.clear()
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x",
        "http://localhost/x",
        "http://10.1.2.3/x",
        "http://169.254.169.254/latest",
        "http://[::1]/x",
        "http://192.168.0.10/",
    ],
)
def test_private_addresses_are_refused(url: str):
    with pytest.raises(IngestError, match="--allow-private"):
        fetch_mod.fetch(url)


def test_only_http_urls():
    with pytest.raises(IngestError, match="only http and https"):
        fetch_mod.fetch("file:///etc/passwd", allow_private=True)


def test_page_fetched_with_a_user_agent_naming_mercato(server: str):
    doc = load_document(f"{server}/page", allow_private=True)
    assert "two engineers" in doc.text and doc.lang == "en"
    body, ctype = fetch_mod.fetch(f"{server}/page", allow_private=True)
    assert body == PAGE and "text/html" in ctype
    assert AGENTS and all(a and a.startswith("mercato/") for a in AGENTS)


def test_a_redirect_onto_a_refused_host_is_not_followed(server: str, monkeypatch: pytest.MonkeyPatch):
    """The first host passes the check; the redirect target (another name) must be checked too."""
    import ipaddress

    here = ipaddress.ip_address("127.0.0.1")
    names = {"127.0.0.1": [here], "localhost": [ipaddress.ip_address("127.0.0.2")]}
    monkeypatch.setattr(fetch_mod, "resolve", lambda host: names[host])
    monkeypatch.setattr(fetch_mod, "is_public", lambda ip: ip == here)  # 127.0.0.1 plays a public site
    assert fetch_mod.fetch(f"{server}/page")[0] == PAGE
    with pytest.raises(IngestError, match="refused"):
        fetch_mod.fetch(f"{server}/redirect")


def test_timeout_size_cap_and_server_errors(server: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(fetch_mod, "TIMEOUT", httpx.Timeout(0.3))
    with pytest.raises(IngestError, match="timed out"):
        fetch_mod.fetch(f"{server}/slow", allow_private=True)
    with pytest.raises(IngestError, match="larger than the 0.1 MB cap"):
        fetch_mod.fetch(f"{server}/big", allow_private=True, max_bytes=100_000)
    with pytest.raises(IngestError, match="HTTP 500"):
        fetch_mod.fetch(f"{server}/boom", allow_private=True)
