"""An organization named only to describe another: "OpenAI rival Anthropic", "Mistral, OpenAI's competitor",
and a name of unsure kind owning the organization named after it ("Musk's xAI").

A noun of rivalry (``cues.rival_nouns``) next to an organization makes that organization a descriptor
of the one the noun belongs to. A move read with the descriptor as its destination or hirer is a move
to the described organization ("joined OpenAI rival Anthropic" joins Anthropic); when the described
organization is not named, the descriptor is no party at all.
"""

from __future__ import annotations

from spacy.tokens import Token

from mercato.extract.builders.context import SentenceContext
from mercato.extract.entities import Ent

POSSESSIVE_MARKS = ("'s", "’s", "'", "’")
OF_WORDS = ("of", "to", "de", "d'", "d’", "du")
MAX_CLIMB = 5


def described(ctx: SentenceContext, org: Ent | None) -> Ent | None:
    """The organization ``org`` describes as a rival, ``org`` itself when it describes none, or None when it
    is only a descriptor of something the sentence does not name as an organization."""
    if org is None or org.end <= org.start:
        return org
    owned = _owned(ctx, org)
    if owned is not None:
        return owned  # "to join Musk's xAI startup": xAI, not its owner
    noun = _rival_noun(ctx, org)
    if noun is None:
        return org
    info = ctx.info
    cur = noun
    for _ in range(MAX_CLIMB):  # "OpenAI rival Anthropic" (a compound), "Mistral, OpenAI's competitor" (apposition)
        if cur.head is cur:
            break
        cur = cur.head
        other = next((e for e in info.ents if e is not org and e.start <= cur.i < e.end and e.fits("org")), None)
        if other is not None:
            return other
    return None


def not_descriptor(ctx: SentenceContext, org: Ent | None) -> Ent | None:
    """``org``, unless it is only named to describe another organization as its rival."""
    return None if org is not None and org.end > org.start and _rival_noun(ctx, org) is not None else org


def _owned(ctx: SentenceContext, org: Ent) -> Ent | None:
    """The organization named right after ``org``'s possessive mark, when ``org`` is a name of unsure kind
    (an owner: "Musk's xAI"); a company's own subsidiary ("Alphabet's Google") stays the company's."""
    doc, end = ctx.info.sent.doc, ctx.info.sent.end
    if org.kind == "org" or org.end >= end or doc[org.end].text not in POSSESSIVE_MARKS:
        return None
    return next((e for e in ctx.info.ents if e.kind == "org" and 1 <= e.start - org.end <= 3), None)


def _rival_noun(ctx: SentenceContext, org: Ent) -> Token | None:
    """The noun of rivalry ``org`` qualifies: right after it ("OpenAI rival", "OpenAI's European competitor")
    or right before it ("a rival of OpenAI", "concurrent d'OpenAI")."""
    doc = ctx.info.sent.doc
    nouns = ctx.lex.cues.get("rival_nouns", [])
    sent = ctx.info.sent
    i = org.end
    while i < sent.end and i - org.end < 3 and (doc[i].text in POSSESSIVE_MARKS or doc[i].pos_ == "ADJ"):
        i += 1
    if i < sent.end and doc[i].lower_ in nouns:
        return doc[i]
    j = org.start - 1
    if j > sent.start and doc[j].lower_ in OF_WORDS and doc[j - 1].lower_ in nouns:
        return doc[j - 1]
    return None
