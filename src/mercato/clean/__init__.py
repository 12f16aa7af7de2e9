"""clean stage: keep the article, drop the page; detect its language; spot near-duplicates."""

from __future__ import annotations

from mercato.clean.lang import detect_language
from mercato.clean.text import clean_text, guess_title, lead_title
from mercato.model import Document

__all__ = ["clean_document", "clean_text", "detect_language"]


def clean_document(doc: Document) -> Document:
    """Fill ``doc.text``, ``doc.offsets`` and ``doc.lang`` from ``doc.raw_text`` (in place)."""
    doc.text, doc.offsets = clean_text(doc.raw_text)
    if doc.meta.pop("title_from_text", False) and not doc.title:
        doc.title = guess_title(doc.text) or lead_title(doc.text)
    if not doc.lang or doc.lang == "und":
        doc.lang = detect_language(doc.text)
    if not doc.date:  # a file has no date but its byline's
        from mercato.ingest.dates import byline_date

        doc.date = byline_date(doc.raw_text, doc.lang)
    return doc
