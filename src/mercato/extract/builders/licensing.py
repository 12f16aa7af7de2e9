"""Licensing and acqui-hire deals, read in the direction the money goes.

A licensing deal's investor is the party that pays for the technology (and usually hires its
people); the target is the company whose technology is licensed. The general argument reading
("subject invests in object") inverts two frequent shapes, read here instead:

- "A agreed to pay B $650M in licensing fees": the payer (subject of the pay verb) is the
  investor, the one paid is the target;
- "B will license its technology to A": the name after "to" takes the licence and pays.

And a third shape names no licence at all: "A made a deal to bring in the founders of B" (an
acqui-hire), a licensing deal of A with B. The words are data: ``cues.license_pay`` (pay verbs),
``cues.license_to`` (the preposition before the licensee) and ``cues.acquihire_deal`` (a deal
to take in a company's people).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract.builders.common import OF, amount_near, status
from mercato.extract.builders.context import Candidate, SentenceContext
from mercato.extract.entities import Ent
from mercato.extract.frames import agent_side

MAX_GAP = 12  # tokens between the deal words and the company whose people or technology it takes


def parties(ctx: SentenceContext, tok: Token, amount: float | None, st: str) -> list[dict[str, Any]] | None:
    """The licensing facts of a licensing trigger whose direction a pay verb or "license ... to"
    tells; None when neither does (the general reading applies)."""
    info = ctx.info
    pay_words = {w.lower() for w in ctx.lex.cues.get("license_pay", [])}
    pay = next((t for t in [tok, *tok.ancestors] if t.lemma_.lower() in pay_words and t.pos_ == "VERB"), None)
    if pay is not None:
        payer = [e for e in agent_side(info, pay, "investor", None) if e.end <= pay.i and e.kind in ("org", "any")]
        paid = [e for e in info.candidates("org") if pay.i < e.start < max(tok.i, pay.i + 4)]
        if payer and paid and payer[0].name != paid[0].name:
            return [_licensing(payer[0], paid[0], amount, st)]
        return None
    to_words = {w.lower() for w in ctx.lex.cues.get("license_to", [])}
    if tok.pos_ != "VERB":
        return None
    doc = info.sent.doc
    takers = [
        e
        for e in info.candidates("org")
        if 0 < e.start - tok.i <= MAX_GAP and doc[e.start - 1].lower_ in to_words and e.kind in ("org", "any")
    ]
    owner = [e for e in agent_side(info, tok, "target", None) if e.end <= tok.i and e.kind in ("org", "any")]
    if takers and owner and takers[0].name != owner[0].name:
        return [_licensing(takers[0], owner[0], amount, st)]
    return None


def acquihires(ctx: SentenceContext) -> list[Candidate]:
    """ "A struck a deal to bring in the founders of B": a licensing deal of A with B (the deal's
    value, when stated, is the investment's amount)."""
    info = ctx.info
    out: list[Candidate] = []
    for cue in ctx.cue_spans("acquihire_deal"):
        at, end = cue[0], cue[-1]
        verb = next((t for t in [at, *at.ancestors] if t.pos_ in ("VERB", "AUX") and t.i < at.i), None)
        if verb is None:
            continue
        investor = [e for e in agent_side(info, verb, "investor", None) if e.end <= verb.i and e.kind in ("org", "any")]
        if not investor:
            continue
        # the company of the people taken in ("Nora Vale, CEO of B"): a descriptor of a person counts
        target = [
            e
            for e in info.ents
            if 0 < e.start - end.i <= MAX_GAP and e.name != investor[0].name and e.kind in ("org", "any")
        ]
        # "the founders of B", "Nora Vale, CEO of B": the name after "of" is the company, one before may be a person
        owned = [e for e in target if info.sent.doc[e.start - 1].lower_ in OF]
        target = owned or target
        if not target:
            continue
        st = status(ctx, verb, investor)
        attrs = _licensing(investor[0], target[0], amount_near(ctx, at), st)
        out.append(Candidate("investment", attrs, ctx.start, ctx.end, 0.6))
    return out


def _licensing(investor: Ent, target: Ent, amount: float | None, st: str) -> dict[str, Any]:
    return {
        "investor": investor.name,
        "target": target.name,
        "amount_usd": amount,
        "stake_pct": None,
        "kind": "licensing",
        "status": st,
    }
