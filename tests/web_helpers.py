"""A real uvicorn server on a free 127.0.0.1 port, in a thread: what the browser tests drive."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def serving(db: str) -> Iterator[str]:
    """Serve the store ``db`` until the block ends; yields the server's base URL."""
    import uvicorn

    from mercato.serve.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=5)


def crawl(base: str, start: list[str], limit: int, follow_redirects: bool = False) -> tuple[set[str], list[str]]:
    """Every page reachable from ``start`` on the server at ``base`` (at most ``limit``), following
    href and src links of HTML pages; the paths seen, and those that did not answer 200."""
    import re
    from urllib.parse import urljoin, urlparse

    import httpx

    seen: set[str] = set()
    queue = list(start)
    broken: list[str] = []
    with httpx.Client(base_url=base, timeout=30, follow_redirects=follow_redirects) as client:
        while queue and len(seen) < limit:
            path = queue.pop()
            if path in seen:
                continue
            seen.add(path)
            r = client.get(path)
            if r.status_code != 200:
                broken.append(f"{path}: {r.status_code}")
                continue
            if not r.headers["content-type"].startswith("text/html"):
                continue
            for href in re.findall(r'(?:href|src)="([^"#]+)', r.text):
                url = urlparse(urljoin(base + path, href.replace("&amp;", "&")))
                if url.netloc == urlparse(base).netloc:
                    target = url.path + (f"?{url.query}" if url.query else "")
                    if target not in seen:
                        queue.append(target)
    return seen, broken
