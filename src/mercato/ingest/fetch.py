"""Fetching a URL safely: timeouts, a size cap, a User-Agent naming mercato, no private addresses.

Private, loopback, link-local and reserved addresses are refused unless ``allow_private`` is set
(a crawler fed a hostile feed must not be turned against the local network). Two ways around such
a check are closed:

- DNS rebinding: a name that resolves to a public address when checked and to 127.0.0.1 when the
  HTTP client resolves it again to connect. ``PinnedTransport`` resolves each request's host once,
  checks every address, and connects to the address it checked (the Host header and the TLS server
  name stay the host's), for every redirect too.
- IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo...): the IPv4
  address inside is checked as well (``embedded_ipv4``).
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
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# IPv6 prefixes whose last 32 bits are an IPv4 address: IPv4-compatible (deprecated), IPv4-mapped,
# IPv4-translated (SIIT), NAT64 well-known and local-use prefixes.
_EMBEDDING_96 = [ipaddress.ip_network(n) for n in ("::/96", "::ffff:0:0/96", "::ffff:0:0:0/96", "64:ff9b::/96")]
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (none for a plain IPv6 address)."""
    found: list[ipaddress.IPv4Address] = []
    if any(ip in net for net in _EMBEDDING_96) or ip in _NAT64_LOCAL:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    return found


def is_public(ip: Address) -> bool:
    """True when ``ip`` and every IPv4 address it embeds are global (routable on the internet)."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return is_public(ip.ipv4_mapped)
        embedded = embedded_ipv4(ip)
        if embedded:  # a NAT64 or 6to4 address is as public as the IPv4 address it stands for
            return all(is_public(v4) for v4 in embedded)
    return ip.is_global and not ip.is_multicast


def resolve(host: str) -> list[Address]:
    """Every address ``host`` resolves to (an address literal resolves to itself)."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def checked_address(url: str) -> Address:
    """The address to connect to for ``url``: its host's first address, once every one it resolves
    to was checked; raises IngestError when the host cannot be resolved or any address is not public."""
    host = urlparse(url).hostname
    if not host:
        raise IngestError(url, "not a URL with a host")
    try:
        addresses = resolve(host)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else type(exc).__name__
        raise IngestError(url, f"cannot resolve host {host!r} ({reason})") from None
    if not addresses:
        raise IngestError(url, f"cannot resolve host {host!r}")
    for ip in addresses:
        if not is_public(ip):
            raise IngestError(
                url, f"refused: {host} is a private/loopback address ({ip}); pass --allow-private to fetch it anyway"
            )
    return addresses[0]


def check_host(url: str) -> None:
    """Raise IngestError when ``url``'s host resolves to a non-public address."""
    checked_address(url)


class PinnedTransport(httpx.BaseTransport):
    """Sends each request to the address its host was checked at, not to a second resolution."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport(trust_env=False)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        ip = checked_address(str(request.url))
        pinned = httpx.Request(
            request.method,
            request.url.copy_with(host=str(ip)),
            headers=request.headers,  # Host: keeps the name, as does the TLS server name below
            stream=request.stream,
            extensions={**request.extensions, "sni_hostname": host},
        )
        return self.inner.handle_request(pinned)

    def close(self) -> None:
        self.inner.close()


def fetch(url: str, *, allow_private: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, str]:
    """The body of ``url`` and its content type; raises IngestError saying what went wrong."""
    if urlparse(url).scheme not in ("http", "https"):
        raise IngestError(url, "only http and https URLs can be fetched")
    # Every request, redirects included, goes through the transport, which checks it before it is sent:
    # a public page must not be able to redirect the fetcher onto the local network.
    transport = httpx.HTTPTransport(trust_env=False) if allow_private else PinnedTransport()
    try:
        headers = {"User-Agent": USER_AGENT}
        with (
            httpx.Client(
                timeout=TIMEOUT, follow_redirects=True, headers=headers, transport=transport, trust_env=False
            ) as client,
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
    except (ValueError, UnicodeError) as exc:  # a URL httpx cannot build (bad port, bad IDNA name)
        raise IngestError(url, f"could not fetch ({type(exc).__name__})") from None
