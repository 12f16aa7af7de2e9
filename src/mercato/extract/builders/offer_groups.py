"""Offers made by each member of a list named before: "the race among A, B and Acme's C, with each
company offering record packages", "A, B et C ... chacune propose des primes".

The distributive subject (``cues.distributive``: "each", "chacune") stands for every organization of
the list that closes just before it, whatever descriptors sit between the names ("Elon Musk's xAI"),
so each makes its own offer.
"""

from __future__ import annotations

from spacy.tokens import Token

from mercato.extract.builders.context import Candidate, SentenceContext
from mercato.extract.entities import Ent
from mercato.extract.frames import subject_tokens
from mercato.extract.sentence import COORD

MAX_GAP = 6  # tokens between two listed names (", and Elon Musk's")


def each_of(ctx: SentenceContext, tok: Token) -> list[Ent]:
    """The organizations a distributive subject of ``tok`` stands for, or none."""
    distributive = ctx.lex.cue("cues", "distributive")
    subjects = subject_tokens(tok)
    doc = ctx.info.sent.doc
    near = doc[max(ctx.info.sent.start, tok.i - 3) : tok.i]
    if not any(distributive.fullmatch(t.lower_) for t in [*subjects, *near]):
        return []
    orgs = [e for e in ctx.info.candidates("org") if e.end <= tok.i and e.kind in ("org", "any")]
    if not orgs:
        return []
    out = [orgs[-1]]
    for e in reversed(orgs[:-1]):
        between = doc[e.end : out[-1].start]
        if len(between) > MAX_GAP or not any(t.lower_ in COORD for t in between):
            break
        out.append(e)
    return out[::-1] if len(out) > 1 else []


def without_unnamed_twins(ctx: SentenceContext, out: list[Candidate]) -> list[Candidate]:
    """One sentence's offer to a named person and an offer by the same organization to no one in
    particular are one offer read twice ("offered X a bonus to keep her": one trigger saw X, another
    only the pay): the named one stands. An offer to another organization's staff is a fact of its own."""
    named = {
        c.attrs.get("by_org")
        for c in out
        if c.type == "offer" and c.sent_start == ctx.start and c.attrs.get("target_person")
    }
    return [
        c
        for c in out
        if not (
            c.type == "offer"
            and c.sent_start == ctx.start
            and c.attrs.get("by_org") in named
            and not c.attrs.get("target_person")
            and c.attrs.get("target_org") in (None, c.attrs.get("by_org"))  # another employer's staff stay
        )
    ]
