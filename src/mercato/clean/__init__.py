"""clean stage: keep the article, drop the page; detect its language; spot near-duplicates."""

from __future__ import annotations

from mercato.clean.lang import detect_language
from mercato.clean.text import clean_text, guess_title, lead_title
from mercato.ingest import IngestError, iter_documents
from mercato.ingest.dates import byline_date
from mercato.ingest.decode import DEFAULT_MAX_BYTES
from mercato.model import Document

__all__ = ["clean_document", "clean_text", "detect_language", "load_document"]


def clean_document(doc: Document) -> Document:
    """Fill ``doc.text``, ``doc.offsets`` and ``doc.lang`` from ``doc.raw_text`` (in place)."""
    doc.text, doc.offsets = clean_text(doc.raw_text)
    if doc.meta.pop("title_from_text", False) and not doc.title:
        doc.title = guess_title(doc.text) or lead_title(doc.text)
    if not doc.lang or doc.lang == "und":
        doc.lang = detect_language(doc.text)
    if not doc.date:  # a file has no date but its byline's
        doc.date = byline_date(doc.raw_text, doc.lang)
    return doc


def load_document(
    source: str, *, allow_private: bool = False, max_bytes: int = DEFAULT_MAX_BYTES, require_text: bool = True
) -> Document:
    """Read and clean the first article of one input, in memory; raises IngestError.

    ``require_text=False``: an input that reads fine but keeps no article text after cleaning
    (boilerplate, garbage) is returned empty rather than refused; extracting it gives no facts,
    which for ``mercato extract`` is not an error.
    """
    for item in iter_documents([source], allow_private=allow_private, max_bytes=max_bytes):
        if isinstance(item, IngestError):
            raise item
        doc = clean_document(item)
        if require_text and not doc.text.strip():
            raise IngestError(source, "no article text left after cleaning")
        return doc
    raise IngestError(source, "no article found in the input; check that it holds text or HTML")
