"""Benchmark of the market map: incremental merge per document, and query times at scale.

Builds a store of synthetic documents (default 20,000), each with 2-4 facts drawn from templates
over a pool of organizations and people (so facts repeat across documents and merge), folding them
into the map as the pipeline does: the facts of each extraction batch (EXTRACT_BATCH documents) in
one merge. Then times ``facts``, ``flows`` and ``disputes``.
Run:
    .venv/bin/python benchmarks/bench_market.py [--docs 20000] [--postgres | --db URL]
Targets: <= 5 ms per document to merge, <= 200 ms per query. Each query is timed on its first run
(nothing cached) and again (totals, disputes and flows are cached until the store changes).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import statistics
import time

from sqlalchemy import insert

from mercato import consolidate
from mercato.consolidate import flows, queries
from mercato.consolidate.dispute_list import list_disputes
from mercato.consolidate.overview import overview_stats
from mercato.model import Evidence, Extraction, Fact
from mercato.pipeline import EXTRACT_BATCH
from mercato.store.db import connect
from mercato.store.facts import save_extraction
from mercato.store.schema import documents
from stores import add_store_options, bench_store

ORGS = [
    "Meta",
    "OpenAI",
    "Google DeepMind",
    "Anthropic",
    "xAI",
    "Mistral AI",
    "Microsoft",
    "Apple",
    "Nvidia",
    "Scale AI",
    "Cohere",
    "Perplexity",
    "Databricks",
    "Hugging Face",
] + [f"Org{i} Labs" for i in range(300)]
FIRST = ["Ada", "Alan", "Grace", "Linus", "Katherine", "Tim", "Barbara", "Edsger", "Donald", "Frances"]
LAST = [f"Name{i}" for i in range(400)]


def random_facts(rng: random.Random) -> list[Fact]:
    out = []
    for _ in range(rng.randint(2, 4)):
        a, b = rng.sample(ORGS, 2)
        kind = rng.choice(["move", "move", "offer", "investment", "unit", "denial"])
        ev = [Evidence(sentence=f"{a} and {b} made news.", start=0, end=10)]
        if kind == "move":
            person = f"{rng.choice(FIRST)} {rng.choice(LAST)}" if rng.random() < 0.7 else None
            attrs = {
                "person": person,
                "count": None if person else rng.randint(2, 20),
                "from_org": a,
                "to_org": b,
                "status": rng.choice(["done", "announced", "reported"]),
            }
        elif kind == "offer":
            attrs = {
                "by_org": a,
                "target_org": b,
                "amount_usd": rng.choice([1e8, 1e8, 3e8, 1e9]),
                "outcome": rng.choice(["unknown", "declined", "accepted"]),
                "attributed_to": None,
            }
        elif kind == "investment":
            attrs = {
                "investor": a,
                "target": b,
                "amount_usd": rng.choice([1e9, 2e9, 14.3e9]),
                "kind": "investment",
                "status": "done",
            }
        elif kind == "unit":
            attrs = {"org": a, "name": f"{rng.choice(['Superintelligence', 'Reasoning', 'Robotics'])} Lab"}
        else:
            attrs = {"speaker": a, "claim_by": None, "topic": "the reported offer"}
        out.append(Fact(kind, attrs, ev))
    return out


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=20_000)
    add_store_options(ap)
    args = ap.parse_args()
    rng = random.Random(7)
    with bench_store(args) as db:
        engine = connect(db)
        merge_time = 0.0
        start = time.perf_counter()
        for first in range(0, args.docs, EXTRACT_BATCH):  # as the pipeline: one merge per extraction batch
            with engine.begin() as conn:
                doc_ids = []
                for i in range(first, min(first + EXTRACT_BATCH, args.docs)):
                    text = f"Synthetic article {i}."
                    doc_ids.append(
                        conn.execute(
                            insert(documents).values(
                                source=f"doc{i}.txt",
                                raw_text=text,
                                text=text,
                                site=f"site{i % 50}.example",
                                date=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                lang="en",
                                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                                chars=len(text),
                                ingested_at="2025-01-01T00:00:00",
                            )
                        ).inserted_primary_key[0]
                    )
                    extraction = Extraction(doc=None, facts=random_facts(rng))  # type: ignore[arg-type]
                    save_extraction(conn, doc_ids[-1], extraction)
                t0 = time.perf_counter()
                consolidate.update(conn, doc_ids)
                merge_time += time.perf_counter() - t0
        total = time.perf_counter() - start
        with engine.connect() as conn:
            n_canonical = overview_stats(conn)["facts"]
            timings = {}
            for name, call in (
                ("facts (first page)", lambda: queries.list_facts(conn, limit=50)),
                ("facts --org Meta", lambda: queries.list_facts(conn, org="Meta", limit=50)),
                ("facts --type offer --since", lambda: queries.list_facts(conn, type="offer", since="2025-06-01")),
                ("flows", lambda: flows.flows(conn)),
                ("disputes (first page)", lambda: list_disputes(conn, limit=50)),
            ):
                runs = []
                for _ in range(4):
                    t0 = time.perf_counter()
                    call()
                    runs.append((time.perf_counter() - t0) * 1000)
                timings[name] = (runs[0], statistics.median(runs[1:]))  # first run, then as cached
        engine.dispose()
    print(f"store: {engine.dialect.name}; documents: {args.docs}, canonical facts: {n_canonical}")
    print(f"merge: {merge_time / args.docs * 1000:.2f} ms/document (store + merge: {total / args.docs * 1000:.2f} ms)")
    for name, (cold, warm) in timings.items():
        print(f"query {name:<28} first {cold:8.1f} ms   again {warm:8.1f} ms")
    print(f"peak RSS: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
