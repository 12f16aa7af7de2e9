"""mercato's extraction CPU beside spaCy's own full pipeline on the same articles, with and without
the relevance prefilter (extract/prefilter.py), on one core. Run:
    .venv/bin/python benchmarks/bench_prefilter.py [--eval ../shared/eval] [--general 240] [--relevant 40]

Two streams, built from the evaluation articles (their gold says which are about the industry):
- general: a news feed mostly about something else: the off-topic articles, repeated as often as
  needed, with one relevant article in ten;
- relevant: articles about the industry's market only.
For each: CPU seconds of spaCy's stock pipeline (``spacy.load`` of the same model packages, every
default component on, ``nlp.pipe``), of ``extract_documents`` with the prefilter and without it;
articles per CPU second; whether both give the same facts; "its parse": mercato's own pipeline
(``nlp.pipe``, no rules) over every text, what the rules add to; peak RSS. Targets: general <= 0.30x
spaCy's CPU, relevant <= 0.80x, identical facts. Texts are cleaned once beforehand for all runs
(cleaning is not parsing). Runs alternate and the best of ``--repeat`` is kept.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import time
from collections.abc import Callable
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
if hasattr(os, "sched_setaffinity"):  # one core: the lowest of those this process may use
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402

from mercato.clean import load_document  # noqa: E402
from mercato.extract import _language, extract_documents  # noqa: E402
from mercato.extract.nlp import BATCH_SIZE, get_nlp  # noqa: E402
from mercato.model import Document  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def stock_pipeline(lang: str) -> Language:
    """spaCy's own pipeline of the model package mercato uses for ``lang``, as shipped."""
    meta = get_nlp(lang).meta
    name = f"{meta['lang']}_{meta['name']}"
    try:
        return spacy.load(name)
    except OSError:
        return __import__(name).load()


def articles(eval_dir: Path) -> tuple[list[Document], list[Document]]:
    """(relevant, off-topic) documents of every split of ``eval_dir``, cleaned and language-tagged."""
    relevant: list[Document] = []
    off: list[Document] = []
    for split in sorted(p for p in eval_dir.iterdir() if (p / "gold.jsonl").is_file()):
        for line in (split / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            doc = load_document(str(split / "articles" / row["file"]))
            if _language(doc) not in ("en", "fr"):
                continue
            (relevant if row.get("relevant", True) and row.get("facts") else off).append(doc)
    return relevant, off


def streams(relevant: list[Document], off: list[Document], general: int, n_relevant: int) -> dict[str, list[Document]]:
    rnd = random.Random(15)
    mixed = [relevant[i % len(relevant)] if i % 10 == 9 else off[i % len(off)] for i in range(general)]
    rnd.shuffle(mixed)
    return {"general": mixed, "relevant": rnd.sample(relevant, min(n_relevant, len(relevant)))}


def _cpu(fn: Callable[[], object]) -> float:
    c0 = time.process_time()
    fn()
    return time.process_time() - c0


def _facts(docs: list[Document], prefilter: bool) -> list[list[dict]]:
    return [[f.to_contract() for f in e.facts] for e in extract_documents(docs, prefilter=prefilter)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    near = [p / "shared" / "eval" for p in ROOT.parents if (p / "shared" / "eval").is_dir()]
    ap.add_argument("--eval", type=Path, default=near[0] if near else ROOT.parent / "shared" / "eval")
    ap.add_argument("--general", type=int, default=240)
    ap.add_argument("--relevant", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    if not args.eval.is_dir():
        raise SystemExit(f"no evaluation articles at {args.eval}")
    relevant, off = articles(args.eval)
    stock = {lang: stock_pipeline(lang) for lang in ("en", "fr")}
    warm = relevant[:2] + off[:2] + [d for d in relevant + off if d.lang == "fr"][:2]
    for flag in (False, True):  # models, lexicons, KB and the prefilter's tables built before timing
        extract_documents(warm, prefilter=flag)
    for nlp in stock.values():
        list(nlp.pipe(d.text for d in warm))
    print(
        f"cpu: {sorted(os.sched_getaffinity(0))}  stock pipelines: "
        + "  ".join(f"{lang}=[{','.join(n.pipe_names)}]" for lang, n in stock.items())
    )
    head = ("stream", "articles", "spaCy full", "mercato", "ratio", "no prefilter", "ratio", "art/cpu-s", "same facts")
    print(" ".join(f"{h:>{w}}" for h, w in zip(head, (9, 8, 10, 8, 6, 12, 6, 9, 10), strict=True)) + "  its parse")
    for name, docs in streams(relevant, off, args.general, args.relevant).items():

        def spacy_run(docs: list[Document] = docs) -> None:
            for lang, nlp in stock.items():
                for _ in nlp.pipe((d.text for d in docs if d.lang == lang), batch_size=BATCH_SIZE):
                    pass

        def parse_run(docs: list[Document] = docs) -> None:
            for lang in stock:
                for _ in get_nlp(lang).pipe((d.text for d in docs if d.lang == lang), batch_size=BATCH_SIZE):
                    pass

        times: dict[str, list[float]] = {"spacy": [], "on": [], "off": [], "parse": []}
        facts: dict[str, list[list[dict]]] = {}
        for _ in range(max(1, args.repeat)):
            times["spacy"].append(_cpu(spacy_run))
            times["parse"].append(_cpu(parse_run))
            for key, flag in (("on", True), ("off", False)):
                c0 = time.process_time()
                facts[key] = _facts(docs, flag)
                times[key].append(time.process_time() - c0)
        best = {k: min(v) for k, v in times.items()}
        print(
            f"{name:<9} {len(docs):>8} {best['spacy']:>9.2f}s {best['on']:>7.2f}s {best['on'] / best['spacy']:>5.2f}x"
            f" {best['off']:>11.2f}s {best['off'] / best['spacy']:>5.2f}x {len(docs) / best['on']:>9.1f}"
            f" {str(facts['on'] == facts['off']):>10}  {best['parse']:.2f}s"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MB (spaCy's and mercato's pipelines of both languages loaded)")


if __name__ == "__main__":
    main()
