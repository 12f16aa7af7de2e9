"""extract stage: facts from clean text.

``extract_documents`` parses each document with the spaCy model of its language (loaded once,
lazily), finds entity mentions (KB + NER), applies the per-language frames of
``data/patterns/<lang>.yaml`` sentence by sentence, keeps what is about the tech/AI industry,
and merges repeats into one fact per key with its evidence.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from mercato.clean import detect_language
from mercato.model import Document, Evidence, Extraction, Fact, Mention

BACKENDS = ("rules", "llm")


def extract_documents(
    docs: Sequence[Document], backend: str = "rules", filter_facts: bool = True, prefilter: bool | None = None
) -> list[Extraction]:
    """One ``Extraction`` per document, in order. ``filter_facts=False`` keeps every fact the rules
    find, without the learned filter (``extract/scorer.py``): to measure what the filter does.
    ``prefilter=False`` parses every document, even those that cannot hold a fact
    (``extract/prefilter.py``; None: as ``MERCATO_PREFILTER`` says, on by default)."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown extraction backend {backend!r}; use one of {', '.join(BACKENDS)}")
    if backend == "llm":
        from mercato.extract.llm import extract_llm

        return _with_written([Extraction(doc=d, facts=list(extract_llm(d))) for d in docs])
    from mercato.extract.engine import extract_one_language
    from mercato.extract.nlp import SUPPORTED

    results: dict[int, Extraction] = {}
    by_lang: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        lang = _language(d)
        if lang in SUPPORTED and (d.text or d.raw_text).strip():
            by_lang.setdefault(lang, []).append(i)
        else:
            results[i] = Extraction(doc=d, relevant=False)
    for lang, idxs in by_lang.items():
        exts = extract_one_language([docs[i] for i in idxs], lang, filter_facts, prefilter)
        for i, ext in zip(idxs, exts, strict=True):
            results[i] = ext
    return _with_written([results[i] for i in range(len(docs))])


def _with_written(exts: list[Extraction]) -> list[Extraction]:
    """The amounts as the articles wrote them, beside their dollars (``extract/written.py``)."""
    from mercato.extract.written import add_written_amounts

    for ext in exts:
        add_written_amounts(ext)
    return exts


def _language(doc: Document) -> str | None:
    if doc.lang:
        return doc.lang
    text = doc.text or doc.raw_text
    if not text.strip():
        return None
    doc.lang = detect_language(text)
    return doc.lang


__all__ = ["extract_documents", "Document", "Evidence", "Extraction", "Fact", "Mention", "Iterator"]
