"""Benchmark of ``mercato ingest --workers N``: the same corpus ingested with 1 and with N processes.

Articles are built by shuffling the sentences of the bundled samples/ (each article in one
language), written as text files. Every run is a fresh process on a fresh SQLite store, timed from
start to exit, so both sides pay for loading their models (once in the parent with one worker, once
per worker with more). Run:
    .venv/bin/python benchmarks/bench_workers.py [--articles 500] [--workers 2] [--repeat 2]
Target: >= 1.7x with 2 workers on 2 cores. The runs alternate, so a busy neighbour slows both sides.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_SENTENCE = re.compile(r"(?<=[.!?»])\s+(?=[A-ZÀ-Ý«])")


def _sentences() -> dict[str, list[str]]:
    by_lang: dict[str, list[str]] = {"en": [], "fr": []}
    for path in sorted((ROOT / "samples").glob("*.txt")):
        lang = path.name[:2]
        if lang in by_lang:
            text = path.read_text(encoding="utf-8")
            by_lang[lang].extend(s.strip() for s in _SENTENCE.split(text.replace("\n", " ")) if len(s.strip()) > 30)
    return by_lang


def write_corpus(folder: Path, n: int, per_article: int = 12, seed: int = 7) -> None:
    rng = random.Random(seed)
    by_lang = _sentences()
    for i in range(n):
        lang = "fr" if i % 3 == 0 else "en"
        body = " ".join(rng.choice(by_lang[lang]) for _ in range(per_article))
        (folder / f"{lang}-{i:04d}.txt").write_text(f"{body} ({i})\n", encoding="utf-8")


def run(corpus: Path, db: Path, workers: int) -> tuple[float, str]:
    db.unlink(missing_ok=True)
    cmd = [sys.executable, "-c", "from mercato.cli import main; main()", "ingest", "-q", str(corpus)]
    t0 = time.perf_counter()
    done = subprocess.run([*cmd, "--workers", str(workers), "--db", str(db)], capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"ingest failed: {done.stderr[-2000:]}")
    return elapsed, done.stdout.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        write_corpus(corpus, args.articles)
        times: dict[int, list[float]] = {1: [], args.workers: []}
        summaries: dict[int, str] = {}
        for _ in range(args.repeat):
            for n in times:
                elapsed, summaries[n] = run(corpus, Path(tmp) / f"w{n}.db", n)
                times[n].append(elapsed)
                print(f"  workers={n}: {elapsed:.1f} s ({summaries[n]})", flush=True)
    one, many = statistics.median(times[1]), statistics.median(times[args.workers])
    same = "same summary" if summaries[1] == summaries[args.workers] else "SUMMARIES DIFFER"
    print(
        f"ingest of {args.articles} articles, wall time from start to exit (model loads included), median of "
        f"{args.repeat}: 1 worker {one:.1f} s ({args.articles / one:.1f} articles/s), {args.workers} workers "
        f"{many:.1f} s ({args.articles / many:.1f} articles/s): speed-up {one / many:.2f}x ({same})"
    )


if __name__ == "__main__":
    main()
