"""A move that was to happen and did not: "X was going to join Acme, so it was us or them", "X allait
rejoindre Acme". No move; Acme's offer to X, declined (the person stayed or went elsewhere).

The modal phrases (``cues.foregone_join``) are data. Told as reported speech of a plan ("said that X
was going to join Acme", ``cues.foregone_reported`` just before the person), it is an announced move,
which the move rules read; this module then does nothing.
"""

from __future__ import annotations

from typing import Any

from mercato.extract.builders.context import Candidate, DocState, SentenceContext
from mercato.extract.entities import Ent


def offers(ctx: SentenceContext, state: DocState, out: list[Candidate]) -> list[Candidate]:
    """``out`` with, for each foregone move of the sentence, the declined offer instead of the move."""
    if not ctx.cues("cues", "foregone_join", ctx.low):
        return out
    made: list[dict[str, Any]] = []
    for span in ctx.cue_spans("foregone_join"):
        person = _person(ctx, span.start)
        org = _org(ctx, span.end)
        if person is None or org is None:
            continue
        employer = state.doc.employer(person.name)
        aff = ctx.info.affiliation.get(id(person))
        target_org = aff[0].name if aff else employer
        spk = ctx.speaker
        made.append(
            {
                "by_org": org.name,
                "target_org": target_org if target_org != org.name else None,
                "target_person": person.name,
                "amount_usd": None,
                "component": None,
                "outcome": "declined",
                "attributed_to": spk.name if spk is not None and spk.name not in (person.name, org.name) else None,
            }
        )
    if not made:
        return out
    gone = {(o["target_person"], o["by_org"]) for o in made}
    kept = [
        c
        for c in out
        if not (
            c.type == "move" and c.sent_start == ctx.start and (c.attrs.get("person"), c.attrs.get("to_org")) in gone
        )
    ]
    return ctx.replace_offers(kept, made, lambda a: (a.get("target_person"), a.get("by_org")) in gone)


def _person(ctx: SentenceContext, start: int) -> Ent | None:
    """The person named right before the phrase, unless reported speech introduces them."""
    info = ctx.info
    before = [e for e in info.ents if e.end == start]
    if not before or before[0].kind != "person":
        return None
    word = info.sent.doc[before[0].start - 1] if before[0].start > info.sent.start else None
    if word is not None and ctx.cues("cues", "foregone_reported", word.text.lower()):
        return None
    return before[0]


def _org(ctx: SentenceContext, end: int) -> Ent | None:
    """The organization named right after the phrase."""
    after = [e for e in ctx.info.ents if 0 <= e.start - end <= 1 and e.kind in ("org", "any")]
    return after[0] if after else None
