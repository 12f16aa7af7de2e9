"""Deals told as copies of a licensing deal the article already described: "A did a similar deal for
B, as did C for D", "des rapprochements similaires entre A et B, et C et D".

Such a sentence names no licence and no money: the kind comes from the article, read only when the
text up to here speaks of licensing or acqui-hires (``cues.licensing_words``, ``cues.acquihire_deal``).
The parties come in pairs: after "between"/"entre" the names two by two; otherwise the subject before
the deal words pays for the company named after them, and the next two names are one more pair.
"""

from __future__ import annotations

from mercato.extract.builders.common import status
from mercato.extract.builders.context import Candidate, SentenceContext, needs
from mercato.extract.entities import Ent

BETWEEN_REACH = 4  # words between the deal words and "between"/"entre" ("un accord similaire avait été proposé entre")


@needs("similar_deals")
def facts(ctx: SentenceContext) -> list[Candidate]:
    """One licensing deal per pair of companies a "similar deal" sentence names."""
    info = ctx.info
    doc = info.sent.doc
    m = ctx.lex.cue("cues", "similar_deals").search(ctx.text)
    if m is None or ctx.lex.cue("cues", "acquihire_deal").search(ctx.text):
        return []  # "a similar deal to bring in the founders of B" is licensing.py's
    so_far = doc[: info.sent.start].text + " " + ctx.text
    if not ctx.lex.cue("cues", "licensing_words").search(so_far):
        return []
    at = info.token_covering(info.sent.start_char + m.start())
    end = info.token_covering(info.sent.start_char + m.end() - 1)
    if at is None or end is None:
        return []
    names = [
        e
        for e in info.ents
        if e.kind in ("org", "any") and id(e) not in info.descriptor_ids and doc[e.start - 1].text != "("
    ]
    between = {w.lower() for w in ctx.lex.cues.get("similar_between", [])}
    opener = next((t for t in doc[end.i + 1 : end.i + 1 + BETWEEN_REACH] if t.lower_ in between), None)
    after = [e for e in names if e.start > (opener.i if opener is not None else end.i)]
    pairs: list[tuple[Ent, Ent]] = []
    if opener is None:
        before = [e for e in names if e.end <= at.i]
        if not before or not after:
            return []
        pairs.append((before[-1], after[0]))
        after = after[1:]
    pairs += [(after[i], after[i + 1]) for i in range(0, len(after) - 1, 2)]
    st = status(ctx, at.head, [])
    return [
        Candidate(
            "investment",
            {
                "investor": a.name,
                "target": b.name,
                "amount_usd": None,
                "stake_pct": None,
                "kind": "licensing",
                "status": st,
            },
            ctx.start,
            ctx.end,
            0.6,
        )
        for a, b in pairs
        if a.name != b.name
    ]
