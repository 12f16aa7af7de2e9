"""A deal's price told in a sentence after it: "Acme will acquire Nova. The all-cash deal is worth
about $665 million", "Acme is acquiring Nova ... The $1.3 billion acquisition signals ...".

The sentence stating the deal names no price; a next one points back to it with a definite deal noun
("the deal", "the $1.3 billion acquisition": ``cues.deal_back_det`` then ``cues.deal_back_nouns``
within a few words) and gives the amount. The price goes on the acquisition or licence just stated
(``DocState.deal``), only when it has none. Such a sentence often names no one: the engine reads it
all the same while a deal waits for its price (``points_back``), and the prefilter keeps it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mercato.extract.builders.context import Candidate, DocState, SentenceContext
from mercato.extract.lexicon import Lexicon

DEAL_DISTANCE = 2  # sentences after the deal within which "the deal" still points back to it


@lru_cache(maxsize=4)
def _pointer(det: tuple[str, ...], nouns: tuple[str, ...]) -> re.Pattern[str] | None:
    if not det or not nouns:
        return None
    d = "|".join(re.escape(w) for w in det)
    n = "|".join(re.escape(w) for w in nouns)
    return re.compile(rf"(?i)\b(?:{d})\s+(?:\S+\s+){{0,3}}?(?:{n})\b")


def pointer(lex: Lexicon) -> re.Pattern[str] | None:
    """The regex of a definite deal noun ("the deal", "the $1.3 billion acquisition"), None without data."""
    return _pointer(tuple(lex.cues.get("deal_back_det", [])), tuple(lex.cues.get("deal_back_nouns", [])))


def points_back(state: DocState, text: str, lex: Lexicon) -> bool:
    """Does ``text`` point back, with a definite deal noun, to a deal still waiting for its price?"""
    if state.deal is None or state.deal[0].attrs.get("amount_usd") is not None:
        return False
    return priced_pointer(text, lex)


def priced_pointer(text: str, lex: Lexicon) -> bool:
    """Does ``text`` hold a definite deal noun and a figure ("The all-cash deal is worth $665M")?"""
    rx = pointer(lex)
    return rx is not None and any(c.isdigit() for c in text) and rx.search(text) is not None


def fill(ctx: SentenceContext, state: DocState, out: list[Candidate]) -> None:
    """Remember this sentence's deal, or give the last deal the price this sentence tells of it."""
    deals = [c for c in out if c.type == "investment" and c.attrs.get("kind") in ("acquisition", "licensing")]
    if deals:
        state.deal = (deals[-1], state.n_sent)
        return
    if state.deal is None or not ctx.amounts or any(c.type == "investment" for c in out):
        return
    deal, n = state.deal
    if deal.attrs.get("amount_usd") is not None or state.n_sent - n > DEAL_DISTANCE:
        return
    rx = pointer(ctx.lex)
    m = rx.search(ctx.text) if rx is not None else None
    if m is None:
        return
    # "the $1.3 billion acquisition", "the deal is worth $665 million": the amount nearest the noun
    best = min(ctx.amounts, key=lambda a: abs(a.start - m.start()))
    if best.value_usd and abs(best.start - m.start()) <= 60:
        deal.attrs["amount_usd"] = float(best.value_usd)
