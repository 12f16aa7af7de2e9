"""Benchmark of extract_documents against spaCy's own parsing time (the floor), on one core.

Articles are built by shuffling sentences: those of the bundled samples/ when present, else
synthetic FR/EN sentences of the market (templates below). Run:
    .venv/bin/python benchmarks/bench_extract.py [--articles 500] [--sentences 12]
Targets: extraction <= 1.5x the spaCy floor, >= 20 articles/s, peak RSS < 1.5 GB.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from mercato.extract import extract_documents  # noqa: E402
from mercato.extract.nlp import get_nlp  # noqa: E402
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--sentences", type=int, default=12)
    args = ap.parse_args()
    docs = build(args.articles, args.sentences)
    words = sum(len(d.text.split()) for d in docs)
    for lang in ("en", "fr"):  # load both models first: RSS with both in memory
        get_nlp(lang)
    extract_documents(docs[:4])  # warm-up (lexicons, KB)
    t0 = time.perf_counter()
    for lang in ("en", "fr"):
        nlp = get_nlp(lang)
        for _ in nlp.pipe((d.text for d in docs if d.lang == lang), batch_size=32):
            pass
    floor = time.perf_counter() - t0
    t0 = time.perf_counter()
    results = extract_documents(docs)
    total = time.perf_counter() - t0
    facts = sum(len(r.facts) for r in results)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(docs)}  words: {words}  facts: {facts}")
    print(f"spaCy floor (nlp.pipe): {floor:.2f} s  {len(docs) / floor:.1f} articles/s  {words / floor:.0f} words/s")
    print(f"extract_documents:      {total:.2f} s  {len(docs) / total:.1f} articles/s  {words / total:.0f} words/s")
    print(f"ratio to floor: {total / floor:.2f}x   peak RSS: {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
