"""Fetching under attack: DNS rebinding and IPv6 forms of loopback addresses.

Nothing leaves 127.0.0.1: names are resolved by a stub, and a connection to any address but a
loopback one is refused by a stub of ``socket.create_connection`` (which records where the HTTP
client tried to connect) before it is attempted.
"""

from __future__ import annotations

import http.server
import ipaddress
import socket
import threading
from collections.abc import Iterator

import httpx
import pytest

from mercato.ingest import fetch as fetch_mod
from mercato.ingest.errors import IngestError

PUBLIC = "93.184.216.34"  # some public address; never reached: connections to it are stubbed


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # http.server's naming
        self.hits.append(self.path)
        if self.path.startswith("/redirect/"):
            self.send_response(302)
            self.send_header("Location", f"http://{self.path.removeprefix('/redirect/')}/secret")
            self.end_headers()
            return
        body = b"<html><body><p>only for the local network</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def local() -> Iterator[tuple[int, list[str]]]:
    """A server on 127.0.0.1 that must never be reached by a fetch without --allow-private."""
    hits: list[str] = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("H", (_Handler,), {"hits": hits}))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def network(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """Stubbed DNS and connections: ``answers[name]`` is the list of answers, one per lookup (the
    last repeats); ``connects`` records every address the HTTP client connected to. A connection to
    PUBLIC reaches the local server when ``public_is_local`` holds a port, and is refused otherwise."""
    state: dict[str, list] = {"connects": [], "public_is_local": []}
    answers: dict[str, list[str]] = {}
    state["answers"] = answers  # type: ignore[assignment]
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.create_connection

    def getaddrinfo(host, port, *args, **kwargs):  # socket's signature
        name = host.decode() if isinstance(host, bytes) else host
        if name in answers:
            queue = answers[name]
            ip = queue.pop(0) if len(queue) > 1 else queue[0]
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port or 0))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        host, port = address
        state["connects"].append(host)
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            return real_connect(address, *args, **kwargs)  # a name: resolved by the stub above
        if ip.is_loopback:
            return real_connect(address, *args, **kwargs)
        if str(ip) == PUBLIC and state["public_is_local"]:
            return real_connect(("127.0.0.1", state["public_is_local"][0]), *args, **kwargs)
        raise ConnectionRefusedError(f"test: no connection to {host} leaves this machine")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return state


def test_a_rebinding_name_cannot_reach_the_local_server(local, network):
    """The name is public when checked, 127.0.0.1 when resolved again: the fetch connects to the
    address that was checked, so the local server is never reached."""
    port, hits = local
    network["answers"]["rebind.test"] = [PUBLIC, "127.0.0.1"]
    with pytest.raises(IngestError, match="could not fetch"):
        fetch_mod.fetch(f"http://rebind.test:{port}/secret")
    assert hits == []
    assert network["connects"] == [PUBLIC]


def test_every_redirect_is_pinned_to_its_checked_address(local, network):
    port, hits = local
    network["public_is_local"].append(port)  # PUBLIC plays a public site, served by the local server
    network["answers"]["news.test"] = [PUBLIC]
    network["answers"]["rebind.test"] = [PUBLIC, "127.0.0.1"]
    network["answers"]["inside.test"] = ["10.0.0.7"]
    body, _ = fetch_mod.fetch(f"http://news.test:{port}/redirect/rebind.test:{port}")
    assert b"only for the local network" in body  # served as PUBLIC, the address that was checked
    assert network["connects"] == [PUBLIC, PUBLIC]
    assert hits == [f"/redirect/rebind.test:{port}", "/secret"]
    with pytest.raises(IngestError, match="private/loopback"):
        fetch_mod.fetch(f"http://news.test:{port}/redirect/inside.test:{port}")


def test_the_pinned_request_keeps_the_host_name_for_http_and_tls(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(fetch_mod, "resolve", lambda host: [ipaddress.ip_address(PUBLIC)])
    sent: list[httpx.Request] = []
    transport = fetch_mod.PinnedTransport()
    transport.inner = httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(200))
    transport.handle_request(httpx.Request("GET", "https://news.test/a?b=1"))
    [request] = sent
    assert request.url == f"https://{PUBLIC}/a?b=1"
    assert request.headers["Host"] == "news.test" and request.extensions["sni_hostname"] == "news.test"


@pytest.mark.parametrize(
    "host",
    [
        "[::7f00:1]",  # IPv4-compatible 127.0.0.1
        "[::ffff:7f00:1]",  # IPv4-mapped
        "[::ffff:0:7f00:1]",  # IPv4-translated (SIIT)
        "[64:ff9b::7f00:1]",  # NAT64 well-known prefix
        "[64:ff9b:1::a00:1]",  # NAT64 local-use prefix, 10.0.0.1
        "[2002:7f00:1::1]",  # 6to4 of 127.0.0.1
        "[2002:c0a8:1::1]",  # 6to4 of 192.168.0.1
        "[::a9fe:a9fe]",  # IPv4-compatible 169.254.169.254 (cloud metadata)
    ],
)
def test_ipv6_forms_of_private_ipv4_addresses_are_refused(host: str, network):
    with pytest.raises(IngestError, match="private/loopback"):
        fetch_mod.fetch(f"http://{host}/x")
    assert network["connects"] == []


@pytest.mark.parametrize("address", ["2001:4860:4860::8888", "64:ff9b::808:808", "2002:808:808::1", "8.8.8.8"])
def test_public_addresses_and_their_ipv6_forms_pass(address: str):
    assert fetch_mod.is_public(ipaddress.ip_address(address))
