"""Benchmark of ``mercato ingest`` (read, clean, language, dedup, store; no extraction).

A corpus is built in a temporary directory by shuffling the sentences of the bundled samples/
into new articles, written once as .txt files and once as .html pages (nav, footer, related
links around the article). Both are ingested with ``extract=False`` into fresh stores, and
trafilatura's own extraction time on the same pages is measured beside it (the floor for HTML).
Run:
    .venv/bin/python benchmarks/bench_ingest.py [--docs 2000] [--sentences 10]
Targets: text >= 500 docs/s, HTML >= 50 docs/s, peak RSS < 500 MB.
Each ingest line also gives its CPU time: on a machine shared with other work, docs per CPU second
depends much less on the load than docs per second (an ingest runs on one core).
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import resource
import tempfile
import time
from pathlib import Path

import trafilatura

from mercato.clean.lang import detect_language
from mercato.pipeline import ingest

ROOT = Path(__file__).resolve().parents[1]
_SPLIT = re.compile(r"(?<=[.!?])\s+")
PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Bench Wire</title>
<meta property="og:site_name" content="Bench Wire"><meta name="author" content="Bench Writer">
<meta property="article:published_time" content="2025-06-{day:02d}T08:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/ai">AI</a> <a href="/markets">Markets</a> <a href="/newsletter">Newsletter</a></nav>
<article><h1>{title}</h1>
{paragraphs}
</article>
<aside><h3>Related</h3><ul><li><a href="/r1">Chip stocks slide</a></li>
<li><a href="/r2">Gadgets for summer</a></li></ul></aside>
<footer>(c) 2025 Bench Wire. <a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body></html>"""


def _texts() -> list[str]:
    """The article texts of samples/: .txt files, the text of .html pages, JSONL records."""
    out: list[str] = []
    samples = ROOT / "samples"
    for p in sorted(samples.rglob("*")):
        if p.suffix == ".txt":
            out.append(p.read_text(encoding="utf-8"))
        elif p.suffix == ".html":
            out.append(trafilatura.extract(p.read_text(encoding="utf-8")) or "")
        elif p.suffix == ".jsonl":
            for line in p.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rec = json.loads(line)
                    out.append(rec.get("text") or trafilatura.extract(rec.get("html") or "") or "")
    return out


def sentences() -> dict[str, list[str]]:
    """The samples' sentences by the language of the sample they come from (a real article is written in
    one language: mixing French and English sentences would make every article a hard case)."""
    found: dict[str, set[str]] = {}
    for text in _texts():
        pool = found.setdefault(detect_language(text), set())
        pool.update(s.strip() for s in _SPLIT.split(text.replace("\n", " ")) if len(s.split()) >= 6)
    pools = {lang: sorted(pool) for lang, pool in sorted(found.items()) if pool}
    if not pools:
        raise SystemExit("no sentences found: samples/ is missing or empty")
    return pools


def build(tmp: Path, n: int, per_article: int) -> tuple[Path, Path]:
    """n .txt articles and n .html pages of shuffled sentences, each in one language (taking turns);
    returns the two directories."""
    rng = random.Random(7)
    pools = list(sentences().items())
    txt_dir, html_dir = tmp / "txt", tmp / "html"
    txt_dir.mkdir()
    html_dir.mkdir()
    for i in range(n):
        lang, pool = pools[i % len(pools)]
        body = rng.sample(pool, min(per_article, len(pool)))
        title = f"Bench story {i}: " + " ".join(body[0].split()[:6])
        paras = [" ".join(body[j : j + 2]) for j in range(0, len(body), 2)]
        (txt_dir / f"{i:05d}.txt").write_text(title + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
        page = PAGE.format(
            lang=lang,
            title=html.escape(title),
            day=1 + i % 28,
            paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in paras),
        )
        (html_dir / f"{i:05d}.html").write_text(page, encoding="utf-8")
    return txt_dir, html_dir


def _mb(directory: Path) -> float:
    return sum(p.stat().st_size for p in directory.iterdir()) / 1e6


def run_ingest(label: str, directory: Path, db: Path) -> None:
    t0, cpu0 = time.perf_counter(), time.process_time()
    report = ingest([str(directory)], str(db), extract=False)
    dt, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    n = len(report.new) + len(report.duplicates) + len(report.near_duplicates)
    print(
        f"{label:>5}: {n} docs in {dt:.1f}s = {n / dt:,.0f} docs/s, {_mb(directory) / dt:.2f} MB/s "
        f"(CPU {cpu:.1f}s = {n / cpu:,.0f} docs/s) ({report.summary()})"
    )


def run_trafilatura(directory: Path) -> None:
    pages = [p.read_text(encoding="utf-8") for p in sorted(directory.iterdir())]
    t0 = time.perf_counter()
    for page in pages:
        trafilatura.bare_extraction(page, with_metadata=True, favor_precision=True)
    dt = time.perf_counter() - t0
    print(f"trafilatura alone on the same HTML: {len(pages) / dt:,.0f} docs/s, {_mb(directory) / dt:.2f} MB/s")


def warm_up(tmp: Path) -> None:
    """Load the language model and the store's migrations once, outside the timed runs."""
    (tmp / "warm").mkdir()
    (tmp / "warm" / "a.txt").write_text("Warm-up article about a research lab hiring engineers.\n", encoding="utf-8")
    ingest([str(tmp / "warm")], str(tmp / "warm.db"), extract=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--sentences", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        txt_dir, html_dir = build(tmp, args.docs, args.sentences)
        print(
            f"corpus: {args.docs} text files ({_mb(txt_dir):.1f} MB), {args.docs} HTML pages "
            f"({_mb(html_dir):.1f} MB), distinct sentences: "
            + ", ".join(f"{len(pool)} {lang}" for lang, pool in sentences().items())
        )
        warm_up(tmp)
        run_ingest("text", txt_dir, tmp / "text.db")
        run_ingest("html", html_dir, tmp / "html.db")
        run_trafilatura(html_dir)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
