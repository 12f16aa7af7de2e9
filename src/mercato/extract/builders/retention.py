"""Pay to keep a named person: "Acme made a counteroffer to keep X", "Acme matched the offer to retain
X", "Acme a fait une contre-offre pour retenir X".

The offer frame reads retention pay as an offer to the offerer's own staff at large; when the
sentence names whom the pay keeps, the offer targets that person (and, being retention, the offerer
itself as target organization). The keeping verbs (``cues.keep_verbs``) and the words that make the
sentence about pay or an offer (the pay nouns, ``cues.counter_offer``) are data.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract.builders.common import employer_of
from mercato.extract.builders.context import Candidate, DocState, SentenceContext
from mercato.extract.builders.offer import component, pays
from mercato.extract.entities import Ent
from mercato.extract.frames import agent_side, patient_side


def offers(ctx: SentenceContext, state: DocState, out: list[Candidate]) -> list[Candidate]:
    """The offers to keep a named person the sentence states; ``out`` loses the offer builder's
    reading of the same pay as an offer to the offerer's staff at large."""
    if not (pays(ctx) or ctx.cues("cues", "counter_offer", ctx.low)) or ctx.cues("cues", "deal", ctx.low):
        return out
    keep = ctx.lex.cue("cues", "keep_verbs")
    made: list[dict[str, Any]] = []
    for tok in ctx.info.sent:
        if tok.pos_ in ("VERB", "AUX") and (keep.fullmatch(tok.lemma_.lower()) or keep.fullmatch(tok.lower_)):
            made += _kept(ctx, tok, state)
    if not made:
        return out
    offerers = {o["by_org"] for o in made}
    return ctx.replace_offers(out, made, lambda a: a.get("by_org") in offerers and not a.get("target_person"))


def _kept(ctx: SentenceContext, verb: Token, state: DocState) -> list[dict[str, Any]]:
    """The offer to keep the people named right after ``verb``, made by the subject of the clause."""
    info = ctx.info
    people = [p for p in patient_side(info, verb, "person", limit=3) if p.kind == "person"]
    if not people:
        return []
    by_org = _keeper(ctx, verb, state, people[0])
    if by_org is None:
        return []
    amounts = [float(a.value_usd) for a in ctx.amounts if a.value_usd]
    spk = ctx.speaker
    return [
        {
            "by_org": by_org.name,
            "target_org": by_org.name,
            "target_person": p.name,
            "amount_usd": max(amounts) if amounts else None,
            "component": component(ctx),
            "outcome": "unknown",
            "attributed_to": spk.name if spk is not None and spk.name not in (p.name, by_org.name) else None,
        }
        for p in people
    ]


def _keeper(ctx: SentenceContext, verb: Token, state: DocState, person: Ent) -> Ent | None:
    """Who pays to keep: the organization subject of the clause (climbing from "to keep" to its verb), a
    known leader's company, else the kept person's employer."""
    info = ctx.info
    head = verb
    for _ in range(3):
        subject = [e for e in agent_side(info, head, "by_org", None) if e.end <= head.i]
        orgs = [e for e in subject if e.kind in ("org", "any") and e.name != person.name]
        if orgs:
            return orgs[0]
        boss = [e for e in subject if e.kind == "person" and e.name != person.name]
        if boss and (employer := employer_of(boss[0])) is not None:
            return employer
        if head.head is head:
            break
        head = head.head
    aff = info.affiliation.get(id(person))
    if aff:
        return aff[0]
    name = state.doc.employer(person.name)
    return Ent(0, 0, 0, 0, name, name, "org") if name else None
