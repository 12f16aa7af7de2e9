"""The extractor's bridge to teammates' stages (knowledge base, amounts, industry scorer, loader).

Each accessor imports the real module when it exists and otherwise falls back to a small local
version, so extraction keeps working (with less knowledge) while the stages are being built.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from mercato.model import Document


def parse_amounts(text: str, lang: str | None) -> list[Any]:
    """Money amounts in ``text`` with ``value_usd``, ``start``, ``end`` (see ``extract.amounts``)."""
    from mercato.extract.amounts import parse_amounts as real

    return real(text, lang)


def parse_count(text: str, lang: str | None) -> int | None:
    """A group size in ``text`` ("au moins 10" -> 10, "a dozen" -> 12), or None."""
    from mercato.extract.amounts import parse_count as real

    return real(text, lang)


def parse_percent(text: str) -> float | None:
    """The first percentage in ``text`` (49 for "49%"), or None."""
    from mercato.extract.amounts import parse_percent as real

    return real(text)


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
    except Exception:  # a broken KB degrades to NER-only names instead of failing
        return _NoKB()


def industry_score(text: str, lang: str | None) -> float | None:
    """The link stage's 0..1 industry relevance of ``text``, or None when it is not available."""
    try:
        from mercato.link.industry import is_industry_text
    except ImportError:
        return None
    try:
        return float(is_industry_text(text, lang))
    except Exception:
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
        except Exception:
            pass
    import py3langid

    lang, _ = py3langid.classify(text[:5000])
    return lang
