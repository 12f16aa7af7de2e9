#!/usr/bin/env python3
"""Train the learned fact filter and write its artefact, ``src/mercato/data/models/fact_filter.json``.

Build time only (a user's install ships the artefact and never trains). Retrain after the rules
change, from the repository root, with the `dev` extra installed (it brings scikit-learn):

    python scripts/train_fact_filter.py /work/shared/eval/train --dev /work/shared/eval/dev

It takes a minute or two: one extraction pass over the articles, then small logistic regressions.
Two models are fitted: the *filter* accepts or rejects the facts the rules found; the *proposals*
model accepts or rejects pairings of ``extract.proposals`` (facts the rules did not state).
With ``--dev``, the validation articles are only scored (never read for features that name them):
a type keeps its thresholds only where they raise its F1 there, so the shipped model never lowers it.

How: the rules backend (without the filter) extracts every article of ``TRAIN_DIR/articles`` named
in ``TRAIN_DIR/gold.jsonl``; each predicted fact is labelled right or wrong by the evaluation's own
matching (the functions of ``score.py``, imported from the path given, default ``TRAIN_DIR/../score.py``),
so a fact is wrong exactly when the scorer would count it as a false positive. ``extract.scorer``
computes the features the run time uses; a logistic regression is fitted on them. Cross-validation
grouped by article (no article is in both the fitting and the scoring part) picks the regularisation
and, per fact type, the probability threshold that maximises that type's F1 over the out-of-fold
predictions; a type keeps a threshold only when it raises the type's cross-validated F1 by at least
``--min-gain`` over the unfiltered rules, else its facts pass unfiltered. A proposal needs a probability
of at least ``--floor``: adding a fact raises F1 only when its chance of being right exceeds half the
F1 already reached, and the rules reach far more on some articles than on the training set. The final model is fitted
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

from mercato.clean import load_document  # noqa: E402
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


def collect(
    train_dir: Path, score: ModuleType
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Per article: its gold and predicted facts. Per predicted fact, and per proposal of
    ``extract.proposals``: its features, its label (right or wrong for the scorer) and its article."""
    rows = score.load_jsonl(train_dir / "gold.jsonl")
    docs = [load_document(str(train_dir / "articles" / row["file"]), require_text=False) for row in rows]
    extractions = extract_documents(docs, filter_facts=False)
    kb = deps.get_kb()
    articles, facts, proposals = [], [], []
    for ai, (row, ext) in enumerate(zip(rows, extractions, strict=True)):
        gold = row.get("facts", [])
        preds = [f.to_contract() for f in ext.facts]
        wrong = {id(p) for p in _extra(score, gold, preds)}
        articles.append({"file": row["file"], "gold": gold, "preds": preds})
        per_type = {k: sum(1 for f in ext.facts if f.type == k) for k in FACT_TYPES}
        for fi, (fact, pred) in enumerate(zip(ext.facts, preds, strict=True)):
            feats = features(fact, ext.signals, kb, per_type[fact.type])
            facts.append({"article": ai, "index": fi, "type": fact.type, "label": int(id(pred) not in wrong)})
            facts[-1]["features"] = feats
        for fact, feats in ext.signals.proposals if ext.signals is not None else []:
            pred = fact.to_contract()
            right = int(id(pred) not in {id(p) for p in _extra(score, gold, [*preds, pred])})
            proposals.append({"article": ai, "type": fact.type, "label": right, "features": feats, "pred": pred})
    return articles, facts, proposals


def _extra(score: ModuleType, gold: list[dict[str, Any]], preds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The predictions the scorer counts as false positives."""
    tally = {k: {"tp": 0, "fp": 0, "fn": 0} for k in score.TYPES}
    detail: dict[str, list[Any]] = {"missed": [], "extra": []}
    score.score_file(gold, preds, tally, defaultdict(lambda: [0, 0]), detail)
    return detail["extra"]


def tallies(
    articles: list[dict[str, Any]], kept: dict[int, set[int]], added: dict[int, list], score: ModuleType
) -> dict:
    """The scorer's tp/fp/fn per type when article ``a`` keeps predictions ``kept[a]`` plus ``added[a]``."""
    tally = {k: {"tp": 0, "fp": 0, "fn": 0} for k in score.TYPES}
    for ai, art in enumerate(articles):
        preds = [p for i, p in enumerate(art["preds"]) if i in kept.get(ai, set())] + added.get(ai, [])
        score.score_file(art["gold"], preds, tally, defaultdict(lambda: [0, 0]), {"missed": [], "extra": []})
    return tally


def f1(t: dict[str, int]) -> float:
    p = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 0.0
    r = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def overall(tally: dict[str, dict[str, int]]) -> float:
    return f1({k: sum(t[k] for t in tally.values()) for k in ("tp", "fp", "fn")})


def kept_sets(examples: list[dict[str, Any]], probs: list[float], thresholds: dict[str, float | None]) -> dict:
    """Rules' facts kept under ``thresholds`` (a type without one keeps all)."""
    kept: dict[int, set[int]] = defaultdict(set)
    for ex, p in zip(examples, probs, strict=True):
        t = thresholds.get(ex["type"])
        if t is None or p >= t:
            kept[ex["article"]].add(ex["index"])
    return kept


def added_lists(proposals: list[dict[str, Any]], probs: list[float], thresholds: dict[str, float | None]) -> dict:
    """Proposals accepted under ``thresholds`` (a type without one accepts none)."""
    added: dict[int, list] = defaultdict(list)
    for ex, p in zip(proposals, probs, strict=True):
        t = thresholds.get(ex["type"])
        if t is not None and p >= t:
            added[ex["article"]].append(ex["pred"])
    return added


class Search:
    """Threshold search over out-of-fold probabilities, scored by the evaluation's own matching."""

    def __init__(self, articles: list[dict[str, Any]], score: ModuleType, gain: float, min_facts: int) -> None:
        self.articles, self.score, self.gain, self.min_facts = articles, score, gain, min_facts

    def tally(self, kept: dict, added: dict) -> dict:
        return tallies(self.articles, kept, added, self.score)

    def thresholds(
        self, examples: list[dict[str, Any]], probs: list[float], outcome: Any, floor: float = 0.0
    ) -> dict[str, float | None]:
        """Per type, the threshold whose ``outcome(type, threshold)`` tally has the best F1, or None
        when none adds ``gain`` to the type's F1 without the model or the type has too few examples."""
        chosen: dict[str, float | None] = {}
        for kind in FACT_TYPES:
            chosen[kind] = None
            if sum(1 for ex in examples if ex["type"] == kind) < self.min_facts:
                continue
            best_f1 = f1(outcome(kind, None)[kind]) + self.gain
            for thr in (t for t in THRESHOLDS if t >= floor):
                value = f1(outcome(kind, thr)[kind])
                if value > best_f1 + 1e-9:
                    chosen[kind], best_f1 = thr, value
        return chosen


def cross_validate(examples: list[dict[str, Any]], X: Any, y: Any, c: float, folds: int) -> list[float]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    groups = [ex["article"] for ex in examples]
    probs = [0.0] * len(examples)
    for fit_idx, test_idx in GroupKFold(n_splits=folds).split(X, y, groups):
        if len(set(y[fit_idx])) < 2:  # a fold with one class only: no model, everything passes as is
            for i in test_idx:
                probs[i] = float(y[fit_idx][0]) if len(fit_idx) else 0.5
            continue
        model = LogisticRegression(C=c, max_iter=3000)
        model.fit(X[fit_idx], y[fit_idx])
        for i, p in zip(test_idx, model.predict_proba(X[test_idx])[:, 1], strict=True):
            probs[i] = float(p)
    return probs


def fit(
    examples: list[dict[str, Any]], folds: int, choose: Any
) -> tuple[dict[str, Any], dict[str, float | None], list]:
    """Pick C and thresholds by grouped CV (``choose(probs)`` -> (thresholds, F1)), refit on all:
    the artefact's model, its thresholds, and the out-of-fold probabilities under the chosen C."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len({ex["label"] for ex in examples}) < 2:
        return {"weights": {}, "bias": 0.0, "thresholds": {}}, {}, [1.0] * len(examples)
    vec = DictVectorizer()
    X = vec.fit_transform([ex["features"] for ex in examples])
    y = np.array([ex["label"] for ex in examples])
    best: tuple[float, float, dict[str, float | None], list[float]] | None = None
    for c in C_GRID:
        probs = cross_validate(examples, X, y, c, folds)
        thresholds, value = choose(probs)
        print(f"  C={c:<5} cross-validated F1 {value:.3f} thresholds {thresholds}")
        if best is None or value > best[0] + 1e-9:
            best = (value, c, thresholds, probs)
    assert best is not None
    _, c, thresholds, probs = best
    model = LogisticRegression(C=c, max_iter=3000).fit(X, y)
    weights = {n: round(float(w), 5) for n, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True) if w}
    out = {"weights": dict(sorted(weights.items())), "bias": round(float(model.intercept_[0]), 5)}
    out["thresholds"] = thresholds
    return out, thresholds, probs


def report(name: str, tally: dict[str, dict[str, int]]) -> dict[str, float]:
    out = {k: round(f1(t), 3) for k, t in tally.items()}
    out["overall"] = round(overall(tally), 3)
    print(f"{name:<26} " + " ".join(f"{k}={v:.3f}" for k, v in out.items()))
    return out


def gate(artefact: dict[str, Any], dev_dir: Path, score: ModuleType) -> dict[str, Any]:
    """Score ``dev_dir`` rules-only and with the model; clear the thresholds of every type whose
    F1 the model does not raise there (the artefact is changed in place). The figures, for the record."""
    model = FactFilter.from_dict(artefact)
    articles, facts, proposals = collect(dev_dir, score)
    filter_probs = [model.filter.probability(ex["features"]) for ex in facts]
    prop_probs = [model.proposals.probability(ex["features"]) for ex in proposals]
    search = Search(articles, score, 0.0, 0)
    rules = search.tally(kept_sets(facts, [1.0] * len(facts), {}), {})
    for kind in FACT_TYPES:
        only = {kind: artefact["filter"]["thresholds"].get(kind)}
        with_model = search.tally(
            kept_sets(facts, filter_probs, only),
            added_lists(proposals, prop_probs, {kind: artefact["proposals"]["thresholds"].get(kind)}),
        )
        if f1(with_model[kind]) <= f1(rules[kind]) + 1e-9:
            artefact["filter"]["thresholds"][kind] = None
            artefact["proposals"]["thresholds"][kind] = None
    final = FactFilter.from_dict(artefact)
    kept = kept_sets(facts, filter_probs, final.filter.thresholds)
    added = added_lists(proposals, prop_probs, final.proposals.thresholds)
    print(
        f"validation on {dev_dir.resolve().name}: thresholds kept "
        f"{final.filter.thresholds} {final.proposals.thresholds}"
    )
    return {
        "f1_rules": report("rules only (dev)", rules),
        "f1_with_model": report("with model (dev)", search.tally(kept, added)),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train_dir", type=Path, help="folder with gold.jsonl and articles/")
    ap.add_argument("--score", type=Path, help="the evaluation's score.py (default: TRAIN_DIR/../score.py)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="artefact to write")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-gain", type=float, default=0.01, help="CV F1 a type's threshold must add")
    ap.add_argument("--min-facts", type=int, default=30, help="fewest examples of a type to fit a threshold on")
    ap.add_argument("--floor", type=float, default=0.45, help="lowest threshold for accepting a proposal")
    ap.add_argument(
        "--dev", type=Path, help="validation folder: a type keeps its thresholds only if they raise its F1 there"
    )
    args = ap.parse_args(argv)

    import sklearn

    score = load_scorer(args.score or args.train_dir.resolve().parent / "score.py")
    articles, facts, proposals = collect(args.train_dir, score)
    if not facts:
        raise SystemExit("the extractor finds no fact in these articles: nothing to learn from")
    folds = max(2, min(args.folds, len({ex["article"] for ex in facts})))
    search = Search(articles, score, args.min_gain, args.min_facts)
    everything = kept_sets(facts, [1.0] * len(facts), {})

    print("filter of the rules' facts:")

    def filtered(probs: list[float]) -> tuple[dict[str, float | None], float]:
        th = search.thresholds(facts, probs, lambda k, t: search.tally(kept_sets(facts, probs, {k: t}), {}))
        return th, overall(search.tally(kept_sets(facts, probs, th), {}))

    filter_model, filter_th, filter_probs = fit(facts, folds, filtered)
    kept = kept_sets(facts, filter_probs, filter_th)

    print("proposals beyond the rules:")

    def proposed(probs: list[float]) -> tuple[dict[str, float | None], float]:
        th = search.thresholds(
            proposals, probs, lambda k, t: search.tally(kept, added_lists(proposals, probs, {k: t})), args.floor
        )
        return th, overall(search.tally(kept, added_lists(proposals, probs, th)))

    prop_model, prop_th, prop_probs = fit(proposals, folds, proposed)

    f1_rules = report("rules only (train)", search.tally(everything, {}))
    f1_model = report("with model (train, CV)", search.tally(kept, added_lists(proposals, prop_probs, prop_th)))
    artefact = {
        "feature_version": FEATURE_VERSION,
        "filter": filter_model,
        "proposals": prop_model,
        "training": {
            "data": f"{args.train_dir.resolve().name}/gold.jsonl of the evaluation set",
            "articles": len(articles),
            "facts": len(facts),
            "right": sum(ex["label"] for ex in facts),
            "proposals": len(proposals),
            "proposals_right": sum(ex["label"] for ex in proposals),
            "model": f"logistic regressions, C by grouped CV (scikit-learn {sklearn.__version__})",
            "folds": folds,
            "f1_rules": f1_rules,
            "f1_with_model_cv": f1_model,
            "command": "python scripts/train_fact_filter.py TRAIN_DIR",
        },
    }
    if args.dev is not None:
        artefact["training"]["dev"] = gate(artefact, args.dev, score)
    FactFilter.from_dict(artefact)  # what is written must load
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(artefact, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
