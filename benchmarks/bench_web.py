"""Benchmark of the web server under concurrent load, over a synthetic store of 100,000 facts.

The store is written with bulk inserts (documents, per-document facts and evidence, canonical
facts and their links, and disputes: a denial or a disagreement on the figures for one fact in
fifty), the server runs as `mercato serve` in its own process on 127.0.0.1 (with its default
number of workers unless --workers is given), and this process sends a bounded number of
concurrent requests to each endpoint, then prints p50/p95: for the same URLs again and again (the
server keeps whole answers until the store changes), and for a new URL each time (built every time).
Run:
    .venv/bin/python benchmarks/bench_web.py [--facts 100000] [--requests 200] [--concurrency 8] [--workers N]
        [--postgres | --db URL]
Targets: p95 <= 150 ms for pages, <= 50 ms for API lists.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import math
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from sqlalchemy import insert, select

from mercato.consolidate.identity import entity_rows
from mercato.consolidate.merge import flow_row, names_of
from mercato.store.db import connect
from mercato.store.facts import fact_anchor
from mercato.store.schema import (
    canonical_facts,
    disputes,
    documents,
    evidence,
    fact_entities,
    fact_links,
    facts,
    move_flows,
)
from stores import add_store_options, bench_store

ORGS = ["Meta", "OpenAI", "Google DeepMind", "Anthropic", "xAI", "Mistral AI", "Microsoft", "Apple", "Nvidia"] + [
    f"Org{i} Labs" for i in range(500)
]
STATUSES = ["done", "done", "done", "announced", "reported"]
TIMEOUT = 30.0  # seconds per request
ENDPOINTS = {
    "api": [
        "/api/facts?limit=50",
        "/api/facts?type=offer&limit=50",
        "/api/facts?org=Meta&limit=50",
        "/api/documents?limit=50",
        "/api/disputes?limit=50",
        "/api/search?q=Meta",
        "/api/organizations?sort=net",
        "/api/people?limit=50",
        "/api/organizations/meta",
        "/api/facts/1",
    ],
    "page": [
        "/facts",
        "/facts?type=move",
        "/doc/1",
        "/disputes",
        "/search?q=Meta",
        "/people",
        "/orgs?sort=money_in",
        "/org/meta",
        "/person/PERSON",  # the first person of the store (see main)
        "/fact/1",
        "/facts?org=Meta&type=offer",
    ],
}
# The server keeps whole answers until the store changes (serve/cache.py), so the URLs above are built
# once per worker and then read back. These are built on every request: each asks a page nobody asked
# before (the request's number is its offset), the work of an analyst paging through the market.
NEW_EACH_TIME = {
    "api": [
        "/api/facts?limit=50&offset={i}",
        "/api/facts?type=offer&limit=50&offset={i}",
        "/api/disputes?limit=50&offset={i}",
        "/api/documents?limit=50&offset={i}",
        "/api/flows?status=done&since=2025-{month}-{day}",
    ],
    "page": [
        "/facts?offset={i}",
        "/disputes?offset={i}",
        "/doc/{i}",
        "/orgs?offset={i}",
        "/org/org{i}-labs",
        "/fact/{i}",
        "/facts?person=Person%20{i}",
        "/flows?since=2025-{month}-{day}",
        "/flows?status=announced&until=2025-{month}-{day}",
        "/?since=2025-{month}-{day}",
    ],
}


def build(db: str, n_facts: int) -> None:
    rng = random.Random(3)
    engine = connect(db)
    per_doc = 5
    n_docs = n_facts // per_doc
    with engine.begin() as conn:
        conn.execute(
            insert(documents),
            [
                {
                    "id": d,
                    "source": f"doc{d}.txt",
                    "raw_text": f"Article {d} about Meta and OpenAI hiring.",
                    "text": f"Article {d} about Meta and OpenAI hiring.",
                    "site": f"site{d % 40}.example",
                    "date": f"2025-{1 + d % 12:02d}-{1 + d % 28:02d}",
                    "lang": "en" if d % 2 else "fr",
                    "content_hash": hashlib.sha256(str(d).encode()).hexdigest(),
                    "chars": 40,
                    "ingested_at": "2025-01-01T00:00:00",
                }
                for d in range(1, n_docs + 1)
            ],
        )
        rows_f, rows_e, rows_c, rows_l, rows_n, rows_m = [], [], [], [], [], []
        by_kind: dict[str, list[int]] = {}
        for i in range(1, n_facts + 1):
            doc = 1 + (i - 1) // per_doc
            a, b = rng.sample(ORGS, 2)
            kind = rng.choice(["move", "offer", "investment", "unit", "denial"])
            attrs = {
                "move": {"person": f"Person {i}", "from_org": a, "to_org": b, "status": rng.choice(STATUSES)},
                "offer": {"by_org": a, "target_org": b, "amount_usd": rng.choice([1e8, 1e9])},
                "investment": {"investor": a, "target": b, "amount_usd": 1e9, "kind": "investment"},
                "unit": {"org": a, "name": f"Lab {i}"},
                "denial": {"speaker": a, "topic": "the offer"},
            }[kind]
            date = f"2025-{1 + doc % 12:02d}-{1 + doc % 28:02d}"
            anchor = fact_anchor(hashlib.sha256(str(doc).encode()).hexdigest(), f"[{i}]")
            rows_f.append(
                {
                    "id": i,
                    "doc_id": doc,
                    "type": kind,
                    "attrs": attrs,
                    "key": f"[{i}]",
                    "anchor": anchor,
                    "confidence": 1.0,
                }
            )
            rows_n += entity_rows(i, kind, attrs, date, date)
            rows_e.append(
                {
                    "id": i,
                    "fact_id": i,
                    "doc_id": doc,
                    "sentence": "Article about Meta.",
                    "start": 0,
                    "end": 10,
                    "confidence": 1.0,
                }
            )
            rows_c.append(
                {
                    "id": i,
                    "type": kind,
                    "block": str(i),
                    "attrs": attrs,
                    "values": {},
                    "first_date": date,
                    "last_date": date,
                    "n_sources": 1,
                    "n_sites": 1,
                    "disputed": 0,
                    "names": names_of(kind, attrs),
                }
            )
            rows_l.append({"fact_id": i, "canonical_id": i, "doc_id": doc})
            if kind == "move" and (flow := flow_row(i, attrs, date, date)):
                rows_m.append(flow)
            by_kind.setdefault(kind, []).append(i)
        rows_d = []
        for k, (claim, denial) in enumerate(zip(by_kind["offer"], by_kind["denial"], strict=False)):
            if len(rows_d) >= n_facts // 50:
                break
            doc = 1 + (claim - 1) // per_doc
            if k % 2:
                sides = [
                    {"label": "source", "value": 1e8, "doc_ids": [doc], "sites": ["site1.example"]},
                    {"label": "source", "value": 1e9, "doc_ids": [doc + 1], "sites": ["site2.example"]},
                ]
                rows_d.append(
                    {
                        "kind": "figures",
                        "claim_id": claim,
                        "counter_id": None,
                        "summary": "sources give different amounts",
                        "sides": sides,
                    }
                )
            else:
                sides = [
                    {"label": "claim", "value": "the offer", "doc_ids": [doc], "sites": []},
                    {"label": "denial", "value": "the offer", "doc_ids": [doc + 1], "sites": []},
                ]
                rows_d.append(
                    {
                        "kind": "denial",
                        "claim_id": claim,
                        "counter_id": denial,
                        "summary": "disputes: the offer",
                        "sides": sides,
                    }
                )
                rows_c[denial - 1]["disputed"] = 1
            rows_c[claim - 1]["disputed"] = 1
        for table, rows in (
            (facts, rows_f),
            (evidence, rows_e),
            (canonical_facts, rows_c),
            (fact_links, rows_l),
            (disputes, rows_d),
            (fact_entities, rows_n),
            (move_flows, rows_m),
        ):
            conn.execute(insert(table), rows)
    engine.dispose()


_LOCAL = threading.local()


def get(port: int, path: str) -> float:
    """One GET on this thread's keep-alive connection: its time in ms, ``math.inf`` on a timeout.

    The standard library's client: the load generator shares the two cores with the server, and httpx
    spent 1.8 ms of CPU per request there against 0.5 ms for ``http.client``, time taken from the server.
    """
    conn = getattr(_LOCAL, "conn", None)
    if conn is None:
        conn = _LOCAL.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    start = time.perf_counter()
    try:
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # the server closed the kept-alive connection while it was idle (uvicorn: after 5 s): open it again
            conn.close()
            start = time.perf_counter()
            conn.request("GET", path)
            resp = conn.getresponse()
        resp.read()
    except TimeoutError:
        conn.close()
        return math.inf  # counted, and shown as such, rather than ending the run
    if resp.status != 200:
        raise RuntimeError(f"GET {path}: HTTP {resp.status}")
    return (time.perf_counter() - start) * 1000


def numbered(path: str, i: int) -> str:
    """``path`` for request ``i``: its number as ``{i}``, and a day of 2025 of its own as ``{month}-{day}``."""
    return path.format(i=i, month=f"{1 + i // 28 % 12:02d}", day=f"{1 + i % 28:02d}")


def measure(pool: ThreadPoolExecutor, port: int, group: str, path: str, requests: int, concurrency: int) -> None:
    """Prints p50/p95 of ``requests`` GETs of ``path`` (its ``{i}``: the request's number), ``concurrency``
    at a time, after a warm-up: a running server is warm, every worker with its templates compiled, its
    totals cached and its share of the file's pages in memory (one request warms one worker)."""
    list(pool.map(lambda i: get(port, numbered(path, requests + 1 + i)), range(2 * concurrency)))
    times = sorted(pool.map(lambda i: get(port, numbered(path, 1 + i)), range(requests)))
    p95 = times[int(0.95 * (len(times) - 1))]
    failed = sum(1 for t in times if t == math.inf)
    note = f"   ({failed} timed out after {TIMEOUT:.0f} s)" if failed else ""
    print(f"{group:<4} {path:<44} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms{note}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--facts", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--workers", type=int, default=None, help="passed to mercato serve (default: its own)")
    add_store_options(ap)
    args = ap.parse_args()
    with bench_store(args, "web.db") as db:
        t0 = time.perf_counter()
        build(db, args.facts)
        print(f"store: {args.facts} facts in {time.perf_counter() - t0:.1f} s")
        with connect(db).connect() as conn:  # a person the store has: facts' kinds are drawn at random
            person = conn.execute(
                select(fact_entities.c.ekey).where(fact_entities.c.kind == "person").limit(1)
            ).scalar_one()
        ENDPOINTS["page"] = [p.replace("PERSON", person) for p in ENDPOINTS["page"]]
        port = free_port()
        mercato = Path(sys.executable).with_name("mercato")
        workers = [] if args.workers is None else ["--workers", str(args.workers)]
        server = subprocess.Popen([str(mercato), "serve", "--db", str(db), "--port", str(port), *workers])
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    httpx.get(base + "/api/documents?limit=1", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            with ThreadPoolExecutor(args.concurrency) as pool:
                for title, endpoints in (
                    ("the same URL again and again", ENDPOINTS),
                    ("a new URL each time (nothing kept)", NEW_EACH_TIME),
                ):
                    print(title)
                    for group, paths in endpoints.items():
                        for path in paths:
                            measure(pool, port, group, path, args.requests, args.concurrency)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
