"""Rounds told together with "respectively": "A and B raised $40 million and $7 million respectively".

The round reading gives the first raiser the amount nearest the verb; here each raiser named before the
verb takes the amount in the same rank after it. Only when the counts agree, and only with the cue
word (``cues.respectively``) that says so.
"""

from __future__ import annotations

from typing import Any

from mercato.extract.builders import backers
from mercato.extract.builders.common import status
from mercato.extract.builders.context import Candidate, SentenceContext
from mercato.extract.entities import Ent
from mercato.extract.sentence import COORD


def facts(ctx: SentenceContext) -> list[Candidate]:
    """One funding fact per raiser of a "respectively" sentence."""
    if len(ctx.amounts) < 2 or not ctx.cues("cues", "respectively", ctx.low):
        return []
    info = ctx.info
    out: list[Candidate] = []
    for tok, frame in ctx.found:
        if frame.name != "raise" or tok.pos_ != "VERB":
            continue
        raisers = _raisers(ctx, tok.i)
        pos = tok.idx - info.sent.start_char
        amounts = [a for a in ctx.amounts if a.start > pos]
        if len(raisers) < 2 or len(amounts) != len(raisers):
            continue
        st = status(ctx, tok, [])
        made: list[dict[str, Any]] = [
            backers.funding(e.name, float(a.value_usd), st) for e, a in zip(raisers, amounts, strict=True)
        ]
        out += [Candidate("investment", f, ctx.start, ctx.end, 0.6, ctx.known(f)) for f in made]
    return out


def _raisers(ctx: SentenceContext, verb: int) -> list[Ent]:
    """The organizations listed right before the verb ("A, B and C raised"), in order (a name the entity
    finder took for a person counts when the list holds an organization: startups raise, people do not)."""
    info = ctx.info
    doc = info.sent.doc
    before = [e for e in info.ents if e.end <= verb and e.kind in ("org", "any", "person")]
    if not before or verb - before[-1].end > 1:
        return []
    names = [before[-1]]
    for e in reversed(before[:-1]):
        gap = doc[e.end : names[0].start]
        if not len(gap) or not all(t.lower_ in COORD or t.text == "," for t in gap):
            break
        names.insert(0, e)
    return names if any(e.kind in ("org", "any") for e in names) else []
