"""Short articles of our own through the extractor, as the sentence-level tests need them."""

from __future__ import annotations

from typing import Any

from mercato.extract import extract_documents
from mercato.model import Document

# a lead sentence about the AI industry per language, so that a short article of test sentences is in scope
INDUSTRY_LEAD = {
    "en": "The AI race between OpenAI, Meta, Amazon and Google keeps heating up in Silicon Valley.",
    "fr": "La course à l'IA entre OpenAI, Meta et Google s'intensifie dans la Silicon Valley.",
}


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


def find_fact(rows: list[dict[str, Any]], **want: Any) -> dict[str, Any]:
    """The first fact of ``rows`` with every field of ``want``; fails listing ``rows`` when none has."""
    hits = [r for r in rows if all(r.get(k) == v for k, v in want.items())]
    assert hits, f"no fact with {want} in {rows}"
    return hits[0]


def investment_pairs(rows: list[dict[str, Any]]) -> set[tuple[Any, Any]]:
    """The (investor, target) pairs of ``rows``."""
    return {(r.get("investor"), r.get("target")) for r in rows}


def person_move(rows: list[dict[str, Any]], person: str | None, **want: Any) -> dict[str, Any]:
    """The move of ``person`` (compared on the last name), checked on the fields of ``want``."""
    got = [
        r
        for r in rows
        if (r["person"] is None if person is None else (r["person"] or "").split()[-1:] == person.split()[-1:])
    ]
    assert got, rows
    for key, value in want.items():
        assert got[0][key] == value, (key, got[0])
    return got[0]
