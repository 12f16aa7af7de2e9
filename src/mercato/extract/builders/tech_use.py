"""A deal to use another company's technology, a licensing deal though it names no licence:
"A signe un accord avec B pour utiliser sa technologie", "A signed a deal with B to use its
technology".

The payer is the organization before the deal noun, the company whose technology is used the one
right after "with"/"avec"; the words are data (``cues.tech_use``: the use of the technology,
``cues.deal_nouns_with``: a deal noun, ``cues.deal_with``: the preposition before the company).
"""

from __future__ import annotations

from mercato.extract.builders.common import status
from mercato.extract.builders.context import Candidate, SentenceContext, needs

REACH = 5  # words between the deal noun and "with"/"avec" ("un accord non exclusif avec B")


@needs("tech_use")
def facts(ctx: SentenceContext) -> list[Candidate]:
    """The licensing deal of a "deal with B to use its technology" sentence."""
    info = ctx.info
    doc = info.sent.doc
    use = ctx.lex.cue("cues", "tech_use").search(ctx.text)
    if use is None:
        return []
    use_at = info.token_from(info.sent.start_char + use.start())
    nouns = {w.lower() for w in ctx.lex.cues.get("deal_nouns_with", [])}
    withs = {w.lower() for w in ctx.lex.cues.get("deal_with", [])}
    if use_at is None:
        return []
    noun = next((t for t in doc[info.sent.start : use_at] if t.lower_ in nouns), None)
    if noun is None:
        return []
    prep = next((t for t in doc[noun.i + 1 : min(noun.i + 1 + REACH, use_at)] if t.lower_ in withs), None)
    orgs = [e for e in info.ents if e.kind in ("org", "any") and id(e) not in info.descriptor_ids]
    payer = [e for e in orgs if e.end <= noun.i]
    owner = [e for e in orgs if prep is not None and e.start == prep.i + 1 and e.end <= use_at]
    if not payer or not owner or payer[-1].name == owner[0].name:
        return []
    attrs = {
        "investor": payer[-1].name,
        "target": owner[0].name,
        "amount_usd": None,
        "stake_pct": None,
        "kind": "licensing",
        "status": status(ctx, noun.head, []),
    }
    return [Candidate("investment", attrs, ctx.start, ctx.end, 0.6)]
