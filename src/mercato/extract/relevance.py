"""Is a document (and a fact) about the tech / AI industry's market? Football transfers, a bank
CEO's appointment or a council vote use the same verbs ("rejoint", "quitte") and must give nothing.

A document is relevant when it names organizations the KB knows or uses enough industry
vocabulary. A fact is kept when one of
its organizations is known to the KB or its sentence itself speaks of the industry.
"""

from __future__ import annotations

from mercato.extract.lexicon import Lexicon

DOC_THRESHOLD = 0.5
PER_TERM = 0.3  # two industry terms make a document relevant, three make it surely so


def doc_relevance(text: str, lang: str, lex: Lexicon, known_orgs: int) -> float:
    """0..1: how surely ``text`` is about the AI / tech industry."""
    terms = len(lex.industry_re.findall(text[:200_000]))
    # on the dev set, off-topic articles have no industry term at all and articles of the market 4 or more
    return min(1.0, PER_TERM * terms + min(known_orgs, 4) * 0.15)


def is_relevant(score: float) -> bool:
    return score >= DOC_THRESHOLD


def fact_relevant(sentence: str, orgs_known: bool, lex: Lexicon) -> bool:
    return orgs_known or bool(lex.industry_re.search(sentence))
