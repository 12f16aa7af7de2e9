#!/usr/bin/env python3
"""Train the learned fact filter and write its artefact, ``src/mercato/data/models/fact_filter.json``.

Build time only (a user's install ships the artefact and never trains). Retrain after the rules
change, from the repository root, with the `dev` extra installed (it brings scikit-learn):

    python scripts/train_fact_filter.py /work/shared/eval/train

It takes a minute or two: one extraction pass over the articles, then small logistic regressions.

How: the rules backend (without the filter) extracts every article of ``TRAIN_DIR/articles`` named
in ``TRAIN_DIR/gold.jsonl``; each predicted fact is labelled right or wrong by the evaluation's own
matching (the functions of ``score.py``, imported from the path given, default ``TRAIN_DIR/../score.py``),
so a fact is wrong exactly when the scorer would count it as a false positive. ``extract.scorer``
computes the features the run time uses; a logistic regression is fitted on them. Cross-validation
grouped by article (no article is in both the fitting and the scoring part) picks the regularisation
and, per fact type, the probability threshold that maximises that type's F1 over the out-of-fold
predictions; a type keeps a threshold only when it raises the type's cross-validated F1 by at least
``--min-gain`` over the unfiltered rules, else its facts pass unfiltered. The final model is fitted
on all the articles. The report printed at the end compares rules-only and filtered F1 per type.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mercato.extract import deps, extract_documents  # noqa: E402
from mercato.extract.scorer import FEATURE_VERSION, MODEL_PATH, FactFilter, features  # noqa: E402
from mercato.model import FACT_TYPES  # noqa: E402

C_GRID = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = [round(0.02 * i, 2) for i in range(1, 50)]


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def collect(train_dir: Path, score: ModuleType) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per article: its gold facts and predicted facts; per predicted fact: features, label, article."""
    rows = score.load_jsonl(train_dir / "gold.jsonl")
    docs = [deps.load_document(str(train_dir / "articles" / row["file"])) for row in rows]
    extractions = extract_documents(docs, filter_facts=False)
    kb = deps.get_kb()
    articles, examples = [], []
    for ai, (row, ext) in enumerate(zip(rows, extractions, strict=True)):
        preds = [f.to_contract() for f in ext.facts]
        tally = {k: {"tp": 0, "fp": 0, "fn": 0} for k in score.TYPES}
        detail: dict[str, list[Any]] = {"missed": [], "extra": []}
        score.score_file(row.get("facts", []), preds, tally, defaultdict(lambda: [0, 0]), detail)
        wrong = {id(p) for p in detail["extra"]}
        articles.append({"file": row["file"], "gold": row.get("facts", []), "preds": preds})
        per_type = {k: sum(1 for f in ext.facts if f.type == k) for k in FACT_TYPES}
        for fi, (fact, pred) in enumerate(zip(ext.facts, preds, strict=True)):
            examples.append(
                {
                    "article": ai,
                    "index": fi,
                    "type": fact.type,
                    "label": int(id(pred) not in wrong),
                    "features": features(fact, ext.signals, kb, per_type[fact.type]),
                }
            )
    return articles, examples


def tallies(articles: list[dict[str, Any]], kept: dict[int, set[int]], score: ModuleType) -> dict[str, dict[str, int]]:
    """The scorer's tp/fp/fn per type when article ``a`` keeps only predictions ``kept[a]``."""
    tally = {k: {"tp": 0, "fp": 0, "fn": 0} for k in score.TYPES}
    for ai, art in enumerate(articles):
        preds = [p for i, p in enumerate(art["preds"]) if i in kept.get(ai, set())]
        score.score_file(art["gold"], preds, tally, defaultdict(lambda: [0, 0]), {"missed": [], "extra": []})
    return tally


def f1(t: dict[str, int]) -> float:
    p = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 0.0
    r = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def overall(tally: dict[str, dict[str, int]]) -> float:
    return f1({k: sum(t[k] for t in tally.values()) for k in ("tp", "fp", "fn")})


def kept_sets(examples: list[dict[str, Any]], probs: list[float], thresholds: dict[str, float | None]) -> dict:
    kept: dict[int, set[int]] = defaultdict(set)
    for ex, p in zip(examples, probs, strict=True):
        t = thresholds.get(ex["type"])
        if t is None or p >= t:
            kept[ex["article"]].add(ex["index"])
    return kept


def choose_thresholds(
    articles: list[dict[str, Any]],
    examples: list[dict[str, Any]],
    probs: list[float],
    score: ModuleType,
    gain: float,
    min_facts: int,
) -> dict[str, float | None]:
    """Per type, the threshold with the best F1 over out-of-fold probabilities, or None (no filter)
    when no threshold adds ``gain`` or the type has fewer than ``min_facts`` facts to judge from."""
    base = tallies(articles, kept_sets(examples, probs, {}), score)
    chosen: dict[str, float | None] = {}
    for kind in FACT_TYPES:
        chosen[kind] = None
        if sum(1 for ex in examples if ex["type"] == kind) < min_facts:
            continue
        best, best_f1 = None, f1(base[kind]) + gain
        for thr in THRESHOLDS:
            t = tallies(articles, kept_sets(examples, probs, {kind: thr}), score)[kind]
            if f1(t) > best_f1 + 1e-9:
                best, best_f1 = thr, f1(t)
        chosen[kind] = best
    return chosen


def cross_validate(
    articles: list[dict[str, Any]], examples: list[dict[str, Any]], X: Any, y: Any, c: float, folds: int
) -> list[float]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    groups = [ex["article"] for ex in examples]
    probs = [0.0] * len(examples)
    for fit_idx, test_idx in GroupKFold(n_splits=folds).split(X, y, groups):
        model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
        model.fit(X[fit_idx], y[fit_idx])
        for i, p in zip(test_idx, model.predict_proba(X[test_idx])[:, 1], strict=True):
            probs[i] = float(p)
    return probs


def report(name: str, tally: dict[str, dict[str, int]]) -> dict[str, float]:
    out = {k: round(f1(t), 3) for k, t in tally.items()}
    out["overall"] = round(overall(tally), 3)
    print(f"{name:<24} " + " ".join(f"{k}={v:.3f}" for k, v in out.items()))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train_dir", type=Path, help="folder with gold.jsonl and articles/")
    ap.add_argument("--score", type=Path, help="the evaluation's score.py (default: TRAIN_DIR/../score.py)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="artefact to write")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-gain", type=float, default=0.01, help="CV F1 a type's threshold must add")
    ap.add_argument("--min-facts", type=int, default=30, help="fewest facts of a type to fit a threshold on")
    args = ap.parse_args(argv)

    import numpy as np
    import sklearn
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    score = load_scorer(args.score or args.train_dir.resolve().parent / "score.py")
    articles, examples = collect(args.train_dir, score)
    labels = {ex["label"] for ex in examples}
    if len(labels) < 2:
        raise SystemExit("the extractor's facts on these articles are all right or all wrong: nothing to learn")
    folds = max(2, min(args.folds, len({ex["article"] for ex in examples})))
    vec = DictVectorizer()
    X = vec.fit_transform([ex["features"] for ex in examples])
    y = np.array([ex["label"] for ex in examples])

    rules = tallies(articles, kept_sets(examples, [1.0] * len(examples), {}), score)
    best: tuple[float, float, dict[str, float | None], list[float]] | None = None
    for c in C_GRID:
        probs = cross_validate(articles, examples, X, y, c, folds)
        thresholds = choose_thresholds(articles, examples, probs, score, args.min_gain, args.min_facts)
        cv = overall(tallies(articles, kept_sets(examples, probs, thresholds), score))
        print(f"C={c:<5} cross-validated F1 {cv:.3f} thresholds {thresholds}")
        if best is None or cv > best[0] + 1e-9:
            best = (cv, c, thresholds, probs)
    assert best is not None
    _, c, thresholds, probs = best
    cv_rules = report("rules only (train)", rules)
    cv_model = report("with filter (train, CV)", tallies(articles, kept_sets(examples, probs, thresholds), score))

    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(X, y)
    weights = {
        name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True) if w
    }
    artefact = {
        "feature_version": FEATURE_VERSION,
        "bias": round(float(model.intercept_[0]), 5),
        "weights": dict(sorted(weights.items())),
        "thresholds": thresholds,
        "training": {
            "data": f"{args.train_dir.resolve().name}/gold.jsonl of the evaluation set",
            "articles": len(articles),
            "facts": len(examples),
            "right": int(y.sum()),
            "model": f"logistic regression, C={c}, balanced classes (scikit-learn {sklearn.__version__})",
            "folds": folds,
            "f1_rules": cv_rules,
            "f1_filtered_cv": cv_model,
            "command": "python scripts/train_fact_filter.py TRAIN_DIR",
        },
    }
    FactFilter.from_dict(artefact)  # what is written must load
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(artefact, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
