"""Rounds of no stated size: "X is in talks to raise funds from A and B".

A round is told by its total, so with no amount there is no funding fact; but the names after
"from" (or "auprès de") are still the round's backers, one investment each. The verb must raise
money (``cues.raised_money`` right after it: "funds", "capital"), not eyebrows or questions.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract.builders.backers import backer, roster
from mercato.extract.builders.context import SentenceContext
from mercato.extract.frames import agent_side

REACH = 10  # tokens from the verb to the first backer ("raise new funds from US firm A")


def backers_of(ctx: SentenceContext, tok: Token, st: str) -> list[dict[str, Any]]:
    """The backers of a round of no stated size raised by the subject of ``tok``."""
    info = ctx.info
    if tok.pos_ != "VERB" or not ctx.cues("cues", "raised_money", info.sent.doc[tok.i : tok.i + 4].text.lower()):
        return []
    left = [e for e in agent_side(info, tok, "target", None) if e.kind in ("org", "any")]
    if not left or info.marker.get(id(left[0])) in ("from_org", "by_org"):
        return []  # "researchers from A raised": A describes who raises
    first = next(
        (
            e
            for e in info.ents
            if 0 < e.start - tok.i <= REACH
            and info.marker.get(id(e)) in ("investors", "from_org")
            and e.kind in ("org", "any")
        ),
        None,
    )
    if first is None:
        return []
    return [backer(e.name, left[0].name, st) for e in roster(info, first.start, None, 0) if e.name != left[0].name]
