"""Declined offers: a person turning down an organization's offer ("X turned down an offer from Acme",
"X passed on Acme's offer", "X a refusé la proposition d'Acme", "X a décliné l'offre d'Acme").

The offer frame reads such a sentence from its offer noun, and misses the refuser whenever the parse
hangs the noun on a preposition or reads the French noun as a verb. Here the refusal words
(``cues.refuse``) and the nouns of what is refused (``cues.refused_offer``) are data; this module
reads their arguments: the person refusing (the subject), the offerer (named after the noun with
"from"/"de", or owning it), and the person's employer as the target. An organization refusing a bid is
a failed deal, never an offer, so the refuser must be a person.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract.builders.common import employer_of
from mercato.extract.builders.context import Candidate, DocState, SentenceContext, needs
from mercato.extract.builders.offer import component
from mercato.extract.entities import Ent
from mercato.extract.frames import agent_side

OFFERER_MARKS = ("from", "by", "of", "de", "d'", "d’", "du", "par")


@needs("refuse")
def offers(ctx: SentenceContext, state: DocState, out: list[Candidate]) -> list[Candidate]:
    """The declined offers the sentence states; ``out`` loses the offer builder's readings they
    correct (the same offerer with no target, or the refuser courted by someone else)."""
    if ctx.cues("cues", "deal", ctx.low):
        return out  # "rejected Acme's takeover offer": a failed deal
    made: list[dict[str, Any]] = []
    for cue in ctx.cue_spans("refuse"):
        made += _declined(ctx, cue[0], state)
    if not made:
        return out
    people = {o["target_person"] for o in made}
    offerers = {o["by_org"] for o in made}
    return ctx.replace_offers(
        out,
        made,
        lambda a: (
            (a.get("by_org") in offerers and not a.get("target_person"))
            or (a.get("target_person") in people and a.get("by_org") not in offerers)
        ),
    )


def _declined(ctx: SentenceContext, verb: Token, state: DocState) -> list[dict[str, Any]]:
    """The offer refused at ``verb``: its noun must follow within a few words."""
    info = ctx.info
    doc = info.sent.doc
    nouns = ctx.lex.cue("cues", "refused_offer")
    noun = next(
        (t for t in doc[verb.i + 1 : min(verb.i + 7, info.sent.end)] if nouns.fullmatch(t.text.lower())),
        None,
    )
    if noun is None or any(t.pos_ in ("VERB", "AUX") for t in doc[verb.i + 1 : noun.i]):
        return []  # "declined to comment on the offer": the refusal is of something else
    by_org = _offerer(ctx, noun)
    refuser = _refuser(ctx, verb, state)
    if by_org is None or refuser is None or refuser.name == by_org.name:
        return []
    aff = info.affiliation.get(id(refuser))
    target_org = aff[0].name if aff else state.doc.employer(refuser.name)
    amounts = [float(a.value_usd) for a in ctx.amounts if a.value_usd]
    spk = ctx.speaker
    return [
        {
            "by_org": by_org.name,
            "target_org": target_org if target_org != by_org.name else None,
            "target_person": refuser.name,
            "amount_usd": max(amounts) if amounts else None,
            "component": component(ctx),
            "outcome": "declined",
            "attributed_to": spk.name if spk is not None and spk.name not in (refuser.name, by_org.name) else None,
        }
    ]


def _offerer(ctx: SentenceContext, noun: Token) -> Ent | None:
    """Who made the offer: the name owning the noun ("Acme's offer"), or the first name after it
    introduced by "from"/"de" (past an amount: "une offre de 100 millions de dollars de Acme"); a
    person's offer is their company's."""
    info = ctx.info
    doc = info.sent.doc
    owner = [e for e in info.ents if e.end == noun.i - 1 and doc[e.end].lower_ in ("'s", "’s")]
    after = [
        e
        for e in info.ents
        if 0 < e.start - noun.i <= 10 and e.start - 1 >= info.sent.start and doc[e.start - 1].lower_ in OFFERER_MARKS
    ]
    found = next(iter(owner + after), None)
    if found is None or found.kind in ("none", "media"):
        return None
    if found.kind == "person":
        return employer_of(found)
    return found


def _refuser(ctx: SentenceContext, verb: Token, state: DocState) -> Ent | None:
    """The person refusing: the subject of the refusal verb (or the person a pronoun stands for)."""
    left = [e for e in agent_side(ctx.info, verb, "person", state.last_person) if e.end <= verb.i or e.start == 0]
    if not left or left[0].kind != "person":
        return None
    return left[0]
