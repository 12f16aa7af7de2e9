"""The extractor's bridge to teammates' stages (knowledge base, amounts, industry scorer, loader).

Each accessor imports the real module when it exists and otherwise falls back to a small local
version, so extraction keeps working (with less knowledge) while the stages are being built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from mercato.model import Document


@dataclass(slots=True)
class SimpleAmount:
    """Fallback money amount, shaped like ``extract.amounts.Amount``."""

    value_usd: float
    start: int
    end: int
    text: str
    qualifier: str | None = None
    period: str | None = None


_SCALE = {
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "million": 1e6,
    "millions": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "thousand": 1e3,
    "k": 1e3,
}
_AMOUNT_RE = re.compile(
    r"(?P<pre>[$€£])?\s?(?P<num>\d+(?:[.,]\d+)?)\s?(?P<scale>billion|milliards?|millions?|bn|mn|[bmk])?\b"
    r"(?:\s+(?:de\s+|d')?(?P<cur>dollars?|euros?|USD|EUR))?",
    re.IGNORECASE,
)
_EUR = 1.08


def _fallback_amounts(text: str, lang: str | None = None) -> list[SimpleAmount]:
    out = []
    for m in _AMOUNT_RE.finditer(text):
        pre, cur, scale = m.group("pre"), (m.group("cur") or "").lower(), (m.group("scale") or "").lower()
        if not pre and not cur:
            continue
        value = float(m.group("num").replace(",", ".")) * _SCALE.get(scale, 1.0)
        if pre == "€" or cur.startswith("euro") or cur == "eur":
            value *= _EUR
        out.append(SimpleAmount(value, m.start(), m.end(), m.group(0)))
    return out


def parse_amounts(text: str, lang: str | None) -> list[Any]:
    """Money amounts in ``text`` with ``value_usd``, ``start``, ``end`` (teammate's parser if present)."""
    fn = _amounts_fn()
    try:
        return list(fn(text, lang))
    except Exception:  # noqa: BLE001 - a parser bug must not lose the document's other facts
        return _fallback_amounts(text, lang)


@lru_cache(maxsize=1)
def _amounts_fn():
    try:
        from mercato.extract.amounts import parse_amounts as real
    except ImportError:
        return _fallback_amounts
    return real


_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "douzaine": 12,
    "vingt": 20,
    "cent": 100,
    "hundred": 100,
    "twenty": 20,
}


def parse_count(text: str, lang: str | None) -> int | None:
    """A group size in ``text`` ("au moins 10" -> 10, "a dozen" -> 12), or None."""
    try:
        from mercato.extract.amounts import parse_count as real
    except ImportError:
        real = None
    if real is not None:
        try:
            value = real(text, lang)
        except Exception:  # noqa: BLE001
            value = None
        if value is not None:
            return int(value)
    m = re.search(r"\b(\d{1,4})\b", text)
    if m:
        return int(m.group(1))
    for word in re.findall(r"\w+", text.lower()):
        if word in _WORDS:
            return _WORDS[word]
    return None


def parse_percent(text: str) -> float | None:
    """The first percentage in ``text`` (49 for "49%"), or None."""
    m = re.search(r"(\d+(?:[.,]\d+)?)\s?(?:%|per ?cent|pour ?cent)", text)
    return float(m.group(1).replace(",", ".")) if m else None


class _NoKB:
    """Stands in for the knowledge base until ``mercato.link.kb`` exists: knows nothing."""

    def canonical(self, name: str) -> str | None:
        return None

    def kind(self, name: str) -> str | None:
        return None

    def find(self, text: str) -> list[Any]:
        return []


@lru_cache(maxsize=1)
def get_kb() -> Any:
    try:
        from mercato.link.kb import get_kb as real

        return real()
    except Exception:  # noqa: BLE001 - a broken KB degrades to NER-only names instead of failing
        return _NoKB()


def industry_score(text: str, lang: str | None) -> float | None:
    """The link stage's 0..1 industry relevance of ``text``, or None when it is not available."""
    try:
        from mercato.link.industry import is_industry_text
    except ImportError:
        return None
    try:
        return float(is_industry_text(text, lang))
    except Exception:  # noqa: BLE001
        return None


def load_document(path: str) -> Document:
    """Read + clean + language-detect ``path`` with the ingest and clean stages (or read it as UTF-8).

    Raises the ingest stage's IngestError when the file cannot be read. A file that reads fine but
    has no article text left after cleaning (boilerplate, garbage) is returned empty: extracting it
    gives no facts, which is not an error.
    """
    try:
        from mercato.clean import clean_document
        from mercato.ingest import IngestError, iter_documents
    except ImportError:
        text = Path(path).read_text(encoding="utf-8")
        return Document(source=path, raw_text=text, text=text)
    for item in iter_documents([path]):
        if isinstance(item, IngestError):
            raise item
        return clean_document(item)
    raise IngestError(path, "no article found in the file; check that it holds text or HTML")


def detect_language(text: str) -> str | None:
    """ISO code of ``text``'s language (the clean stage's detector if present, else py3langid)."""
    try:
        from mercato.clean import detect_language as real
    except ImportError:
        real = None
    if real is not None:
        try:
            return real(text)
        except Exception:  # noqa: BLE001
            pass
    import py3langid

    lang, _ = py3langid.classify(text[:5000])
    return lang
