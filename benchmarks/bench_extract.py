"""Benchmark of extract_documents against spaCy's own parsing time (the floor), on one core.

Articles are built by shuffling sentences: those of the bundled samples/ when present, else
synthetic FR/EN sentences of the market (templates below). Run:
    .venv/bin/python benchmarks/bench_extract.py [--articles 500] [--sentences 12] [--repeat 3]
Targets: extraction <= 1.5x the spaCy floor, >= 20 articles/s, peak RSS < 1.5 GB.

"One core" is enforced, not assumed: the process is pinned to a single CPU and the BLAS/OpenMP
pools are limited to one thread before numpy loads. The floor is ``nlp.pipe`` over the same texts
with the very pipeline extraction uses (same models, same disabled components). Both timings are
repeated, alternating, and reported as best / median / worst, in wall time and in CPU time: on a
machine shared with other jobs the wall time measures the neighbours too, while the CPU time of
a one-thread process is what the work itself costs on one core.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
if hasattr(os, "sched_setaffinity"):  # one core: the lowest of those this process may use
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

from mercato.extract import extract_documents  # noqa: E402
from mercato.extract.nlp import BATCH_SIZE, get_nlp  # noqa: E402
from mercato.model import Document  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = [
    "Priya Raman",
    "Tomas Berg",
    "Lena Ortiz",
    "Kenji Mori",
    "Camille Durand",
    "Paul Martin",
    "Sara Klein",
]
ORGS = ["OpenAI", "Meta", "Google DeepMind", "Anthropic", "Mistral AI", "Microsoft", "Nvidia", "xAI", "Apple"]
EN = [
    "{o1} hired {p} from {o2} as chief scientist.",
    "{p}, a former {o2} researcher, has joined {o1}.",
    "{o1} invested ${n} billion in {o2} for a {k}% stake.",
    "At least {k} {o2} engineers left for {o1}.",
    "According to {p}, {o1} offered ${n} million signing bonuses to {o2} staff.",
    "{o1} denied the report, calling it fake news.",
    "The AI lab was acquired by {o1} for ${n} billion.",
    "Analysts expect the market for AI chips to keep growing next year.",
    "{o1} launched a new research lab.",
]
FR = [
    "{o1} a recruté {p}, ancien chercheur de {o2}, au poste de directeur scientifique.",
    "{p} a été embauché par {o1}, selon Les Echos.",
    "{o1} a investi {n} milliards d'euros dans {o2}.",
    "Au moins {k} chercheurs de {o2} ont rejoint {o1}.",
    "{o1} a démenti ces informations.",
    "La start-up {o2} a levé {n} millions d'euros auprès de {o1}.",
    "Le marché de l'IA reste très concurrentiel.",
]


def _sentences() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"en": [], "fr": []}
    samples = ROOT / "samples"
    if samples.is_dir():
        import py3langid

        for p in sorted(samples.rglob("*.txt")):
            text = p.read_text(encoding="utf-8", errors="replace")
            lang = py3langid.classify(text[:2000])[0]
            if lang in out:
                out[lang] += [s.strip() + "." for s in text.replace("\n", " ").split(". ") if len(s.split()) > 4]
    rnd = random.Random(7)
    for lang, templates in (("en", EN), ("fr", FR)):
        for _ in range(400):
            t = rnd.choice(templates)
            o1, o2 = rnd.sample(ORGS, 2)
            out[lang].append(t.format(o1=o1, o2=o2, p=rnd.choice(PEOPLE), n=rnd.randint(1, 20), k=rnd.randint(2, 49)))
    return out


def build(n: int, per_article: int) -> list[Document]:
    pools = _sentences()
    rnd = random.Random(42)
    docs = []
    for i in range(n):
        lang = "en" if i % 2 == 0 else "fr"
        text = " ".join(rnd.sample(pools[lang], min(per_article, len(pools[lang]))))
        docs.append(Document(source=f"bench-{i}.txt", raw_text=text, text=text, lang=lang))
    return docs


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """``(wall, cpu)`` seconds of one call."""
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0


def _spread(xs: list[float]) -> str:
    xs = sorted(xs)
    return f"{xs[0]:.2f} s (median {statistics.median(xs):.2f}, worst {xs[-1]:.2f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--sentences", type=int, default=12)
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each; the best is reported")
    args = ap.parse_args()
    docs = build(args.articles, args.sentences)
    words = sum(len(d.text.split()) for d in docs)
    models = []
    for lang in ("en", "fr"):  # load both models first: RSS with both in memory
        nlp = get_nlp(lang)
        meta = nlp.meta
        models.append(f"{lang}={meta['lang']}_{meta['name']}-{meta['version']} [{','.join(nlp.pipe_names)}]")
    extract_documents(docs[:4])  # warm-up (lexicons, KB)

    def floor_run() -> None:
        for lang in ("en", "fr"):
            for _ in get_nlp(lang).pipe((d.text for d in docs if d.lang == lang), batch_size=BATCH_SIZE):
                pass

    facts = 0

    def extract_run() -> None:
        nonlocal facts
        facts = sum(len(r.facts) for r in extract_documents(docs))

    floors, totals = [], []
    for _ in range(max(1, args.repeat)):
        floors.append(_timed(floor_run))
        totals.append(_timed(extract_run))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(docs)
    print(f"articles: {n}  words: {words}  facts: {facts}  runs: {len(floors)}  cpu: {sorted(os.sched_getaffinity(0))}")
    print("models: " + "  ".join(models))
    for label, runs in (("spaCy floor (nlp.pipe)", floors), ("extract_documents", totals)):
        for kind, k in (("wall", 0), ("cpu", 1)):
            best = min(r[k] for r in runs)
            print(
                f"{label:<23} {kind:<4} {_spread([r[k] for r in runs])}"
                f"  {n / best:.1f} articles/s  {words / best:.0f} words/s"
            )
    ratio_wall = min(t[0] for t in totals) / min(f[0] for f in floors)
    ratio_cpu = min(t[1] for t in totals) / min(f[1] for f in floors)
    print(f"ratio to floor: {ratio_wall:.2f}x wall, {ratio_cpu:.2f}x cpu   peak RSS: {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
