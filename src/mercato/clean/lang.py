"""Language identification: py3langid (offline, fast), with a guard for very short texts.

py3langid scores a text as ``log1p(feature counts) @ table[features]`` with a table of float16: numpy
casts the gathered rows to float32 on every call, in software, which cost more than the rest of the
classification. ``_classify`` computes the same sum from the same model with the table cast to float32
once (more memory, built on first use; exact: every float16 is a float32), so the scores, and the
language, are py3langid's own (a test holds them equal). Its walk of the model's automaton, the other
half of the cost, does one look-up per byte instead of three (one more array in memory). Should py3langid change its
internals, ``py3langid.classify`` is used.

Before any of that, a fast path settles the clear cases of the languages the pipeline mostly sees
(French, English) from their function words (data/lang/function_words.yaml), for a fraction of the cost:
only when one language's words are many, of several kinds, and all but alone among the function words
of the others listed (Spanish, Italian, Catalan, Portuguese, German). Anything less clear-cut goes
to py3langid (tests hold the two equal on the samples and the dev articles).
"""

from __future__ import annotations

import logging
import re
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict

from mercato import knowledge

log = logging.getLogger(__name__)

MIN_CHARS = 20  # below this nobody can tell; say "und" (undetermined) rather than guess
# py3langid walks the text byte by byte in Python: the cost is linear in length. The first few hundred
# characters (headline and lead) settle the language of a news article as well as the whole text.
SAMPLE_CHARS = 400
_DATA = knowledge.data_path("lang")
_LETTERS = re.compile(r"[^\W\d_]+")
# The fast path answers when a language has FAST_MIN_HITS function words in the sample, FAST_MIN_KINDS of
# them distinct (a repeated name that happens to be a function word elsewhere is not enough), and
# FAST_RATIO times as many as all the other lists together (a mixed or borrowed passage is not clear).
FAST_MIN_HITS = 8
FAST_MIN_KINDS = 5
FAST_RATIO = 8
_OTHER = ""  # the label of the words of ``others``


@lru_cache(maxsize=1)
def _identifier() -> Any:
    import py3langid

    return py3langid


@dataclass(frozen=True)
class _Model:
    """py3langid's identifier with what ``_classify`` adds to it, built once."""

    ident: Any
    jump: array  # jump[i]: the row offset of the state nextmove[i]
    nextmove: np.ndarray  # views of py3langid's own arrays
    output: np.ndarray
    floor: float  # py3langid's score for "no feature seen"


@lru_cache(maxsize=1)
def _model() -> _Model | None:
    """py3langid's loaded identifier, rearranged for ``_classify``; None if its internals are not the
    ones this was written against (py3langid 0.4), and then ``py3langid.classify`` is used."""
    from py3langid import langid

    try:
        ident = langid._get_identifier()
        nextmove = np.frombuffer(ident.tk_nextmove, dtype=f"u{ident.tk_nextmove.itemsize}")
        rowbase = np.asarray(ident._rowbase, dtype=np.int32)
        jump = array("i", [0]) * len(nextmove)
        np.take(rowbase, nextmove, out=np.frombuffer(jump, dtype=np.int32))
        output = np.asarray(ident.tk_output, dtype=np.int32)
        for name in ("_encode", "nb_ptc", "nb_pc", "nb_classes", "_alias_pairs", "_norm_probs", "min_confidence"):
            getattr(ident, name)
        return _Model(ident, jump, nextmove, output, float(langid.RAW_FLOOR))
    except (AttributeError, TypeError, ValueError, IndexError, OverflowError) as exc:
        log.warning("py3langid's internals have changed (%s); using py3langid.classify", exc)
        return None


_TABLE32: list[tuple[Any, np.ndarray]] = []  # (py3langid's table, its float32 copy)


def _table32(table: np.ndarray) -> np.ndarray:
    """``table`` as float32, cast once (again only if py3langid swaps its table: ``set_languages``)."""
    if not _TABLE32 or _TABLE32[0][0] is not table:
        _TABLE32[:] = [(table, table.astype(np.float32, copy=False))]
    return _TABLE32[0][1]


def _visits(model: _Model, data: bytes) -> Counter[int]:
    """py3langid's ``visit_counts``: the model's features met while its automaton reads ``data``, counted
    in order of first appearance (the order py3langid sums them in).

    py3langid's loop looks up a state's row, then the next state, then its feature, per byte. Here the
    loop only follows row offsets (``jump``); the states and their features are looked up afterwards,
    all at once, with numpy.
    """
    jump = model.jump
    base = model.ident._rowbase[0]
    moves: list[int] = []
    append = moves.append
    for byte in data:
        move = base + byte
        base = jump[move]
        append(move)
    features = model.output[model.nextmove[moves]]
    return Counter(features[features >= 0].tolist())


def _classify(sample: str) -> str:
    """py3langid's ``classify(sample)[0]``."""
    model = _model()
    if model is None or model.ident._norm_probs or model.ident.min_confidence is not None:
        return str(_identifier().classify(sample)[0])
    ident = model.ident
    visits = _visits(model, ident._encode(sample))
    if visits:
        idx = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
        counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
        scores = np.log1p(counts) @ _table32(ident.nb_ptc)[idx] + ident.nb_pc
    else:
        scores = np.full(len(ident.nb_classes), model.floor, dtype=np.float32)
    for i, j in ident._alias_pairs:  # a script alias (srl -> sr) scores as its label
        scores[i] = max(scores[i], scores[j])
        scores[j] = model.floor
    return str(ident.nb_classes[int(scores.argmax())])


class FunctionWords(BaseModel):
    model_config = ConfigDict(extra="forbid")
    languages: dict[str, list[str]]
    others: dict[str, list[str]]


@lru_cache(maxsize=1)
def _function_words() -> dict[str, str]:
    """``{word: language}`` of data/lang/function_words.yaml; the words of ``others`` map to _OTHER."""
    data = knowledge.load(_DATA / "function_words.yaml", FunctionWords)
    table = {w.casefold(): _OTHER for words in data.others.values() for w in words}
    for language, words in data.languages.items():
        table.update((w.casefold(), language) for w in words)
    return table


def _clear_language(sample: str) -> str | None:
    """The language of ``sample`` when its function words leave no doubt (see FAST_MIN_HITS); else None."""
    table = _function_words()
    found = [(table[w], w) for w in _LETTERS.findall(sample.casefold()) if w in table]
    hits = Counter(language for language, _ in found if language != _OTHER)
    if not hits:
        return None
    best, n = hits.most_common(1)[0]
    kinds = len({w for language, w in found if language == best})
    clear = n >= FAST_MIN_HITS and kinds >= FAST_MIN_KINDS and n >= FAST_RATIO * (len(found) - n)
    return best if clear else None


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` ("fr", "en", ...), or "und" when it is too short to tell."""
    sample = " ".join((text or "")[: 2 * SAMPLE_CHARS].split())[:SAMPLE_CHARS]
    if len(sample) < MIN_CHARS:
        return "und"
    return _clear_language(sample) or _classify(sample)
