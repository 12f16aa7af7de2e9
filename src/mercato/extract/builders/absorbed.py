"""Acquisitions said with idioms rather than a buying verb: "brought A and B into the fold", "A was
folded into B", "sold A to B", "A passe dans le giron de B", "vendue à B".

The words are data (``cues.fold_in``, ``cues.folded_into``, ``cues.sold_to`` of the pattern files);
this module reads their argument structures: who takes whom in, from the subject, the objects and
the name after "into"/"to"/"de".
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract.builders.backers import roster
from mercato.extract.builders.common import amount_near, status
from mercato.extract.builders.context import Candidate, SentenceContext
from mercato.extract.entities import Ent
from mercato.extract.frames import agent_side, is_passive
from mercato.extract.sentence import SentenceInfo

INTO = {"into", "to", "dans", "à", "au", "par", "by"}


def idioms(ctx: SentenceContext) -> list[Candidate]:
    """The acquisitions the sentence states with an idiom, as candidates."""
    info = ctx.info
    out: list[dict[str, Any]] = []
    fold = ctx.lex.cue("cues", "fold_in")
    for m in fold.finditer(ctx.text):
        out += _into_the_fold(ctx, _token(info, info.sent.start_char + m.start()))
    words = ctx.lex.cue_set("folded_into") | ctx.lex.cue_set("sold_to")
    for tok in info.sent:
        if tok.lemma_.lower() in words and tok.pos_ in ("VERB", "AUX", "ADJ"):
            out += _handed_over(ctx, tok)
    return [Candidate("investment", attrs, ctx.start, ctx.end, 0.6) for attrs in out]


def _into_the_fold(ctx: SentenceContext, at: int | None) -> list[dict[str, Any]]:
    """ "Acme brought A and B into the fold" (the subject takes in the objects), "A est passée dans le
    giron de Acme" (the name after the idiom takes in the subject)."""
    info = ctx.info
    if at is None:
        return []
    doc = info.sent.doc
    after = [e for e in roster(info, at + 1, None, 5) if e.kind in ("org", "any")]
    verb = next((t for t in [doc[at], *doc[at].ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return []
    subject = [e for e in agent_side(info, verb, "investor", None) if e.end <= verb.i]
    st = status(ctx, verb, subject)
    if after and subject:
        return [_acquisition(after[0], e, st) for e in subject if e.name != after[0].name]
    objects = [e for e in info.ents if verb.i < e.start < at and e.kind in ("org", "any")]
    if subject and objects:
        return [_acquisition(subject[0], e, st) for e in _listed(info, objects) if e.name != subject[0].name]
    return []


def _handed_over(ctx: SentenceContext, tok: Token) -> list[dict[str, Any]]:
    """ "A was folded into B", "A sold B to C", "A a été vendue à B": the name after "into"/"to" takes
    in the passive subject, or the object of an active verb."""
    info = ctx.info
    doc = info.sent.doc
    into = next((t for t in doc[tok.i + 1 : min(tok.i + 8, info.sent.end)] if t.lower_ in INTO), None)
    if into is None:
        return []
    buyer = next((e for e in info.ents if 0 < e.start - into.i <= 4 and e.kind in ("org", "any")), None)
    if buyer is None or any(t.pos_ in ("VERB", "AUX") for t in doc[into.i : buyer.start]):
        return []
    st = status(ctx, tok, [], allow_failed=True)
    if is_passive(tok, info) or tok.dep_ in ("acl", "amod") or into.lower_ in ("par", "by"):
        sold = [e for e in agent_side(info, tok, "target", None) if e.end <= tok.i]
    else:
        sold = [e for e in info.ents if tok.i < e.start < into.i and e.kind in ("org", "any")]
    found = [_acquisition(buyer, e, st) for e in sold[:1] if e.name != buyer.name]
    return [dict(f, amount_usd=amount_near(ctx, tok)) for f in found]


def _listed(info: SentenceInfo, ents: list[Ent]) -> list[Ent]:
    """The names of a list starting at the first of ``ents``."""
    return roster(info, ents[0].start, None, 0) or ents[:1]


def _token(info: SentenceInfo, char: int) -> int | None:
    return next((t.i for t in info.sent if t.idx >= char), None)


def _acquisition(buyer: Ent, bought: Ent, st: str) -> dict[str, Any]:
    return {
        "investor": buyer.name,
        "target": bought.name,
        "amount_usd": None,
        "stake_pct": None,
        "kind": "acquisition",
        "status": st,
    }
