"""Who raises a round stated in a relative clause hung on a name the sentence mentions in passing:
"selon X, cofondatrice de Nova, qui a bouclé une série C de 70 M$", "Nova, startup tricolore qui a
levé 70 M$". The name right before the relative pronoun (or before the noun it is apposed to) raises,
even when it is itself part of a description: the clause is about the company, not about X."""

from __future__ import annotations

from spacy.tokens import Token

from mercato.extract.builders.context import SentenceContext
from mercato.extract.entities import Ent

RELATIVES = {"qui", "which", "who", "that"}
APPOSED = 4  # words of the noun phrase apposed to the name ("startup tricolore") before the pronoun


def antecedent(ctx: SentenceContext, tok: Token) -> list[Ent]:
    """The organization a relative pronoun subject of ``tok`` (or of its verb) stands for, else []."""
    info = ctx.info
    doc = info.sent.doc
    verb = tok if tok.pos_ in ("VERB", "AUX") else next((a for a in list(tok.ancestors)[:2] if a.pos_ == "VERB"), None)
    if verb is None:
        return []
    rel = next((c for c in verb.children if c.dep_.startswith("nsubj") and c.lower_ in RELATIVES), None)
    if rel is None or rel.i > tok.i:
        return []
    start, r = info.sent.start, rel.i
    comma = r - 1 >= start and doc[r - 1].text == ","
    found = _named_at(ctx, r - 1 if comma else r)
    if found:
        return found
    k = r  # "Nova, startup tricolore qui": the name before the comma opening the apposed phrase
    while k > start and r - k < APPOSED and (doc[k - 1].is_lower or doc[k - 1].text == "-"):
        k -= 1
    return _named_at(ctx, k - 1) if k < r and k - 1 >= start and doc[k - 1].text == "," else []


def _named_at(ctx: SentenceContext, end: int) -> list[Ent]:
    """The organization whose name ends at token ``end``."""
    return [e for e in ctx.info.ents if e.end == end and e.kind in ("org", "any") and not e.anaphor][-1:]
