"""Short articles of our own through the extractor, as the sentence-level tests need them."""

from __future__ import annotations

from typing import Any

from mercato.extract import extract_documents
from mercato.model import Document


def extract_cases(
    cases: dict[str, tuple[str, str]], lead: dict[str, str], only: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Each case, a ``(lang, text)`` pair, as an article opening with that language's ``lead`` (so the
    document is in scope), extracted in one batch as the pipeline does; its facts as the contract
    prints them (only those of type ``only`` when given)."""
    docs = {
        name: Document(source=name, raw_text=f"{lead[lang]}\n{text}", text=f"{lead[lang]}\n{text}", lang=lang)
        for name, (lang, text) in cases.items()
    }
    out = extract_documents(list(docs.values()))
    return {
        name: [f.to_contract() for f in ext.facts if only is None or f.type == only]
        for name, ext in zip(docs, out, strict=True)
    }
