"""A learned filter over the rules backend's facts: accept or reject each merged fact of an article.

The rules say what a sentence *could* state; whether it does depends on signals no single rule sees
together (is the party known, is the fact said once in passing or repeated, does the sentence read
like a report or like background). A logistic regression over those signals, trained on the
annotated articles by ``scripts/train_fact_filter.py``, gives each fact a probability of being
right; the facts of a type whose threshold the artefact sets are kept only above it. Types the model
does not help (per the training script's grouped cross-validation) have no threshold and pass as is.

The artefact (``data/models/fact_filter.json``) is a plain table of feature weights, applied here in
pure Python: no learning library is needed at run time, and nothing is trained at install or run time.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from mercato import knowledge
from mercato.model import FACT_FIELDS, FACT_TYPES, Fact, Mention

FEATURE_VERSION = 2
MODEL_PATH = knowledge.data_path("models", "fact_filter.json")

# Fields that name a party, by the kind of name they hold.
ORG_FIELDS = ("from_org", "to_org", "by_org", "target_org", "investor", "target", "org")
PERSON_FIELDS = ("person", "target_person", "leader", "attributed_to")
EITHER_FIELDS = ("speaker", "claim_by")
# Fields whose value is one of a few labels: the label itself is a feature.
CATEGORICAL = ("status", "kind", "component", "outcome")
# Pairs of fields that name the same party when the fact is suspect (a move within one company is
# fine, an investment into oneself is not: the weights tell them apart per type).
SAME_PAIRS = (("from_org", "to_org"), ("by_org", "target_org"), ("investor", "target"), ("speaker", "claim_by"))

_QUOTES = '"“”«»'
LEAD_CHARS = 400  # the headline and first sentence: where an article says what it is about

_ARTEFACT_KEYS = {"feature_version", "filter", "proposals", "training"}
_MODEL_KEYS = {"weights", "bias", "thresholds"}


@dataclass
class DocSignals:
    """What the extractor knows about a whole article, for scoring each of its facts."""

    lang: str
    relevance: float
    text_len: int
    mentions: list[Mention] = field(default_factory=list)
    # pairings of proposals.py not covered by the rules, with their features (what training reads)
    proposals: list[tuple[Fact, dict[str, float]]] = field(default_factory=list)
    _counts: Counter[str] | None = None

    def count(self, name: str) -> int:
        """How often the article names ``name`` (its canonical form)."""
        if self._counts is None:
            self._counts = Counter(m.entity.casefold() for m in self.mentions)
        return self._counts[name.casefold()]

    def in_lead(self, name: str) -> bool:
        key = name.casefold()
        return any(m.start < LEAD_CHARS and m.entity.casefold() == key for m in self.mentions)


def features(fact: Fact, sig: DocSignals, kb: Any, same_type: int = 1) -> dict[str, float]:
    """The named features of ``fact`` in its article (``same_type``: facts of its type there)."""
    t = fact.type
    a = fact.attrs
    out: dict[str, float] = {f"type={t}": 1.0, f"{t}:lang={sig.lang}": 1.0}
    filled = 0
    for name in FACT_FIELDS[t]:
        value = a.get(name)
        if value in (None, "", "unknown"):
            continue
        filled += 1
        out[f"{t}:has:{name}"] = 1.0
        if name in CATEGORICAL:
            out[f"{t}:{name}={value}"] = 1.0
        if name in ORG_FIELDS or name in PERSON_FIELDS or name in EITHER_FIELDS:
            text = str(value)
            if kb.canonical(text):
                out[f"{t}:known:{name}"] = 1.0
            out[f"{t}:named:{name}"] = math.log1p(sig.count(text))
            if sig.in_lead(text):
                out[f"{t}:lead:{name}"] = 1.0
            if name in PERSON_FIELDS and " " not in text.strip():
                out[f"{t}:one_word:{name}"] = 1.0
    out[f"{t}:filled"] = filled / len(FACT_FIELDS[t])
    for x, y in SAME_PAIRS:
        vx, vy = a.get(x), a.get(y)
        if vx and vy and str(vx).casefold() == str(vy).casefold():
            out[f"{t}:same:{x}:{y}"] = 1.0
    ev = sorted(fact.evidence, key=lambda e: e.start)
    if ev:
        first = ev[0]
        sentence = first.sentence
        out[f"{t}:position"] = first.start / max(sig.text_len, 1)
        out[f"{t}:in_lead"] = 1.0 if first.start < LEAD_CHARS else 0.0
        out[f"{t}:evidence"] = math.log1p(len(ev))
        out["sent_len"] = min(len(sentence), 600) / 300
        ents = sum(1 for m in sig.mentions if first.start <= m.start < first.end)
        out[f"{t}:sent_names"] = math.log1p(ents)
        if any(q in sentence for q in _QUOTES):
            out["quote"] = 1.0
    out[f"{t}:confidence"] = fact.confidence
    out["relevance"] = sig.relevance
    out[f"{t}:same_type"] = math.log1p(same_type)
    return out


@dataclass(frozen=True)
class LinearModel:
    """A trained logistic regression and the per-type thresholds that decide which facts stay."""

    weights: dict[str, float]
    bias: float
    thresholds: dict[str, float | None]

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def above(self, fact_type: str, feats: dict[str, float]) -> bool:
        """Is the probability at or above the threshold of the type (False for a type without one)?"""
        threshold = self.thresholds.get(fact_type)
        return threshold is not None and self.probability(feats) >= threshold

    @classmethod
    def from_dict(cls, data: Any, what: str) -> LinearModel:
        """Validate one model of the artefact: an unknown key or a malformed value is an error."""
        if not isinstance(data, dict) or set(data) != _MODEL_KEYS:
            raise ValueError(f"fact filter artefact: {what} must have exactly the keys {sorted(_MODEL_KEYS)}")
        weights = data["weights"]
        if not isinstance(weights, dict) or not all(
            isinstance(k, str) and isinstance(v, int | float) and math.isfinite(v) for k, v in weights.items()
        ):
            raise ValueError(f"fact filter artefact: {what} weights must map feature names to finite numbers")
        bias = data["bias"]
        if not isinstance(bias, int | float) or not math.isfinite(bias):
            raise ValueError(f"fact filter artefact: {what} bias must be a finite number")
        thresholds = data["thresholds"]
        if not isinstance(thresholds, dict) or set(thresholds) - set(FACT_TYPES):
            raise ValueError(f"fact filter artefact: {what} thresholds must be keyed by fact types {FACT_TYPES}")
        for kind, value in thresholds.items():
            if value is not None and not (isinstance(value, int | float) and 0.0 <= value <= 1.0):
                raise ValueError(f"fact filter artefact: {what} threshold of {kind} must be null or within 0..1")
        return cls({k: float(v) for k, v in weights.items()}, float(bias), dict(thresholds))


@dataclass(frozen=True)
class FactFilter:
    """The two models of the artefact: ``filter`` judges the rules' facts, ``proposals`` the
    pairings of proposals.py."""

    filter: LinearModel
    proposals: LinearModel
    training: dict[str, Any]

    def keep(self, facts: list[Fact], sig: DocSignals, kb: Any) -> list[Fact]:
        """The rules' facts the model accepts, in order; facts of types without a threshold all stay."""
        per_type = Counter(f.type for f in facts)
        return [
            f
            for f in facts
            if self.filter.thresholds.get(f.type) is None
            or self.filter.above(f.type, features(f, sig, kb, per_type[f.type]))
        ]

    def accept(self, proposed: list[tuple[Fact, dict[str, float]]]) -> list[Fact]:
        """The proposals the model accepts (none of a type without a threshold)."""
        return [f for f, feats in proposed if self.proposals.above(f.type, feats)]

    @classmethod
    def from_dict(cls, data: Any) -> FactFilter:
        """Validate an artefact: a wrong version, an unknown key or a malformed value is an error."""
        if not isinstance(data, dict):
            raise ValueError("fact filter artefact must be a JSON object")
        unknown = set(data) - _ARTEFACT_KEYS
        missing = _ARTEFACT_KEYS - set(data)
        if unknown or missing:
            raise ValueError(f"fact filter artefact: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
        if data["feature_version"] != FEATURE_VERSION:
            raise ValueError(
                f"fact filter artefact has feature version {data['feature_version']}, the code computes "
                f"{FEATURE_VERSION}: retrain with scripts/train_fact_filter.py"
            )
        if not isinstance(data["training"], dict):
            raise ValueError("fact filter artefact: training must be an object describing the data")
        return cls(
            LinearModel.from_dict(data["filter"], "filter"),
            LinearModel.from_dict(data["proposals"], "proposals"),
            data["training"],
        )

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> FactFilter:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def get_filter() -> FactFilter | None:
    """The shipped filter, or None when no artefact is installed (the rules' facts then all stay)."""
    if not MODEL_PATH.exists():
        return None
    return FactFilter.load(MODEL_PATH)
