"""The backers of a round listed a sentence or two after it, with no backer noun or verb of their
own: "Nova a levé 50 millions d'euros. On y retrouve pêle-mêle A, B et C"; and the leaders listed
after a round noun ("le financement de Nova, mené par A et B"); and a backer investing with no
destination said ("its longtime backer Acme also invested"), whose money goes to that round; and the
total of a round a backer joins ("invested as part of a $125M Series B round"), which is not its share.

The sentence holding the list only says that these names are found there; what "there" is comes
from the round the article just stated (``DocState.funding``), so the list is read only close after
it or after a sentence naming its backers (``DocState.round_said``). Backer lists that do carry a
backer noun ("Parmi les investisseurs figurent A et B") are backers.py's.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract.builders import backers
from mercato.extract.builders.context import Candidate, DocState, SentenceContext, needs
from mercato.extract.entities import Ent
from mercato.extract.sentence import SentenceInfo

ROUND_DISTANCE = 2  # sentences after the round within which a list still names its backers
REACH = 10  # words between the opener and the first name ("on retrouve aussi les fonds américains A")
FOR_PREPS = {"de", "d'", "du", "of", "for", "pour"}  # "le financement de Nova", "the funding of Nova"
OF_PREPS = {"de", "d'", "du", "of"}  # "le tour de Nova"


@needs("roster_openers")
def facts(ctx: SentenceContext, state: DocState) -> list[Candidate]:
    """The backers a "we find there A, B and C" sentence lists for the article's last round, or for
    the company whose backers the sentence before named ("Parmi ses actionnaires, A et B. On retrouve
    aussi les fonds C et D"), when it speaks of money."""
    m = ctx.lex.cue("cues", "roster_openers").search(ctx.text)
    if m is None:
        return []
    funding = state.funding
    if funding is None or state.n_sent - max(funding[2], state.round_said) > ROUND_DISTANCE:
        funding = state.backed
        if funding is None or funding[2] != state.n_sent - 1 or not ctx.cues("cues", "money_in", ctx.low):
            return []
    info = ctx.info
    at = next((t.i for t in info.sent if t.idx >= info.sent.start_char + m.end()), None)
    if at is None:
        return []
    target, st, _ = funding
    out: list[Candidate] = []
    for e in backers.roster(info, at, None, REACH):
        if e.name != target and e.kind in ("org", "any", "person"):
            out.append(Candidate("investment", backers.backer(e.name, target, st), ctx.start, ctx.end, 0.6))
    return out


def led_by_list(ctx: SentenceContext, tok: Token, amount: float | None, st: str) -> list[dict[str, Any]] | None:
    """ "le financement de 500 millions de Nova, mené par A et B", "the $500M funding of Nova, led by A
    and B": a round noun whose company is named after it and whose leaders are listed after "par"/"by".
    The total is the round's (a funding fact); each leader backs it with no amount of its own. None when
    ``tok`` is no such round (the other investment rules read it)."""
    info = ctx.info
    doc = info.sent.doc
    if not ctx.cues("cues", "funding", tok.lower_):
        return None
    end = min(info.sent.end, tok.i + 14)
    lead = next((t for t in doc[tok.i + 1 : end] if ctx.cues("cues", "lead_round", t.lower_)), None)
    if lead is None:
        return None
    leaders = backers.by_list(ctx, lead)
    funded = [
        e
        for e in info.ents
        if tok.i < e.start < lead.i and e.kind in ("org", "any") and doc[e.start - 1].lower_ in FOR_PREPS
    ]
    if not leaders or not funded or funded[-1] in leaders:
        return None
    target = funded[-1].name
    out = [backers.backer(e.name, target, st) for e in leaders if e.name != target]
    if amount is not None:
        out.append(backers.funding(target, amount, st))
    return out


def of_owner(info: SentenceInfo, tok: Token) -> Ent | None:
    """The company a round noun is of, named right after it: "le tour de Nova", "the round of Nova"."""
    doc = info.sent.doc
    for e in info.candidates("org"):
        if 0 < e.start - tok.i <= 2 and doc[e.start - 1].lower_ in OF_PREPS:
            return e
    return None


def apposed_leader(ctx: SentenceContext, subject: list[Ent]) -> list[Ent]:
    """ "A, l'un des soutiens d'entreprises telles que X et Y, dirige le tour": the names right before the
    verb are examples inside A's description (after a members cue), so A, the name the sentence opens
    with, is the subject. ``subject`` itself otherwise."""
    info = ctx.info
    doc = info.sent.doc
    first = next((e for e in info.ents if e.kind in ("org", "any", "person")), None)
    if not subject or first is None or first in subject or first.end >= info.sent.end or doc[first.end].text != ",":
        return subject
    between = doc[first.end : subject[0].start].text
    return [first] if ctx.cues("cues", "members", between) else subject


def into_last_round(ctx: SentenceContext, tok: Token, state: DocState) -> bool:
    """Is ``tok`` a verb of investing with no destination ("invested in X", ``cues.invest_into``) said
    close after the article's last round (or a sentence naming its backers), so that its money is a
    share of that round? Only in a language whose patterns list the destination words."""
    into = {w.lower() for w in ctx.lex.cues.get("invest_into", [])}
    if not into or tok.pos_ != "VERB" or state.funding is None:
        return False
    if state.n_sent - max(state.funding[2], state.round_said) > ROUND_DISTANCE:
        return False
    return not any(t.lower_ in into for t in tok.subtree if t.i > tok.i)


def own_share(ctx: SentenceContext, tok: Token, kind: str | None, amount: float | None) -> float | None:
    """``amount``, unless a backer's verb (``kind`` investment) has as its nearest amount the total of
    a round ("invested in Nova as part of a $125M Series B round", ``cues.round_after_amount`` right
    after the figure): the backer's share is then not told."""
    if amount is None or kind not in (None, "investment") or not ctx.amounts:
        return amount
    pos = tok.idx - ctx.info.sent.start_char
    best = min(ctx.amounts, key=lambda a: abs(a.start - pos))
    after = ctx.text[best.end : best.end + 40].split()[:3]
    nouns = {w.lower() for w in ctx.lex.cues.get("round_after_amount", [])}
    for word in after:
        w = word.strip(",.;:").lower()
        if w in nouns:
            return None
        if not word[:1].isupper() and not w.endswith("-stage"):
            break  # "$500 million in funding": the figure is the backer's own
    return amount
