"""A round told in a clause of time before the main one ("après avoir levé 350 M$, X est partie chez
Y", "after raising $50M, Nova's founders left for Y"): the one who raised is the main clause's subject
(or the company that subject belongs to: "la direction de X", "the founder of X"), never the place
the main clause heads to.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Token

from mercato.extract.builders.context import SentenceContext
from mercato.extract.entities import Ent

# a word of the main clause that ends the search for its subject
_STOP = {"VERB", "AUX"}
_BOUNDARY = {",", ";", "et", "and", "mais", "but"}


def raiser(ctx: SentenceContext, tok: Token) -> Ent | None | Literal[False]:
    """The organization that raised the round of ``tok`` when ``tok`` is in a fronted clause of
    time; ``False`` when it is not (the round rules apply)."""
    info = ctx.info
    doc = info.sent.doc
    start = info.sent.start
    window = doc[max(start, tok.i - 3) : tok.i]
    cue = next((t for t in window if ctx.cues("cues", "round_after_clause", t.lower_)), None)
    if cue is None:
        return False
    if any(t.pos_ in _STOP and t.i > cue.i for t in window if t.lower_ not in _aux(ctx)):
        return False  # a verb between the cue and the round: the cue belongs to another clause
    if any(cue.i < e.start < tok.i for e in info.ents):
        return False  # "after Nova raised $5M": the clause names who raised
    comma = next((t.i for t in doc[tok.i + 1 : info.sent.end] if t.text == ","), None)
    if comma is None:
        # "Nova est valorisée à 12 Md€ après un tour de 600 M€": an organization subject of the clause
        # before raised; "X left after raising $5M" (a person) says no more of who did
        before = [e for e in info.ents if e.end <= cue.i]
        subject = next((e for e in before if e.subject), None)
        if subject is None and before and before[0].start - start <= 2:
            subject = before[0]  # "• Nova est valorisée...": a bullet the parser took for the verb
        return subject if subject is not None and subject.kind in ("org", "any") else None
    orgs = [e for e in info.candidates("org") if e.kind in ("org", "any")]
    # the main clause's subject after the round: the first organization before its verb
    for t in doc[comma + 1 : info.sent.end]:
        if t.pos_ in _STOP:
            break
        hit = next((e for e in orgs if e.start <= t.i < e.end), None)
        if hit is not None:
            return hit
    # the main clause's subject before the round ("X, quant à elle, après avoir levé ...")
    if cue.i - 1 >= start and doc[cue.i - 1].text == ",":
        before = [e for e in orgs if e.end <= cue.i - 1]
        for e in reversed(before):
            between = doc[e.end : cue.i - 1]
            if any(t.pos_ in _STOP or t.lower_ in _BOUNDARY - {","} for t in between):
                break
            return e
    return None


def _aux(ctx: SentenceContext) -> set[str]:
    """The auxiliaries of the round's own verb ("après avoir levé", "after having raised")."""
    return {w.lower() for w in ctx.rules.lex.cues.get("round_after_clause", [])} | {
        w.lower() for w in ctx.rules.lex.cues.get("round_after_aux", [])
    }
