"""Fetching a URL safely: timeouts, a size cap, a User-Agent naming mercato, no private addresses.

Private, loopback, link-local and reserved addresses are refused unless ``allow_private`` is set
(a crawler fed a hostile feed must not be turned against the local network).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlparse

import httpx

from mercato import __version__
from mercato.ingest.decode import DEFAULT_MAX_BYTES
from mercato.ingest.errors import IngestError

USER_AGENT = f"mercato/{__version__} (+news reader for the AI talent market)"
TIMEOUT = httpx.Timeout(15.0, connect=5.0)


def check_host(url: str) -> None:
    """Raise IngestError when ``url``'s host resolves to a non-public address."""
    host = urlparse(url).hostname
    if not host:
        raise IngestError(url, "not a URL with a host")
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as exc:
        raise IngestError(url, f"cannot resolve host {host!r} ({exc.strerror})") from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if not ip.is_global:
            raise IngestError(
                url, f"refused: {host} is a private/loopback address ({ip}); pass --allow-private to fetch it anyway"
            )


def fetch(url: str, *, allow_private: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, str]:
    """The body of ``url`` and its content type; raises IngestError saying what went wrong."""
    if urlparse(url).scheme not in ("http", "https"):
        raise IngestError(url, "only http and https URLs can be fetched")
    if not allow_private:
        check_host(url)
    # Every request, redirects included, is checked before it is sent: a public page must not be able
    # to redirect the fetcher onto the local network.
    hooks = {"request": [] if allow_private else [lambda request: check_host(str(request.url))]}
    try:
        headers = {"User-Agent": USER_AGENT}
        with (
            httpx.Client(timeout=TIMEOUT, follow_redirects=True, headers=headers, event_hooks=hooks) as client,
            client.stream("GET", url) as resp,
        ):
            if resp.status_code >= 400:
                raise IngestError(url, f"HTTP {resp.status_code} {resp.reason_phrase}")
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise IngestError(url, f"larger than the {max_bytes / 1e6:g} MB cap (raise it with --max-mb)")
                chunks.append(chunk)
            return b"".join(chunks), resp.headers.get("content-type", "")
    except httpx.TimeoutException:
        raise IngestError(url, "timed out") from None
    except httpx.HTTPError as exc:
        raise IngestError(url, f"could not fetch ({type(exc).__name__}: {exc})") from None
