"""A place is never a party to a deal: "a levé 400 millions en Europe", "DeepMind, basé à Londres,
acquis par Google" name where something happens, not who raises or is bought.

The entity finder keeps names it cannot place in the knowledge base as "any" kind; those right after a
preposition of place are dropped from investment candidates. (The parser's location label is no
help: it gives it to many young companies' names.)
"""

from __future__ import annotations

from mercato.extract.builders import backers
from mercato.extract.builders.context import Candidate, SentenceContext
from mercato.extract.entities import Ent


def without_places(ctx: SentenceContext, found: list[Candidate]) -> list[Candidate]:
    """``found`` less the investment facts whose investor or target this sentence names only as a place."""
    places = {e.name for e in ctx.info.ents if _place(ctx, e)}
    places -= {e.name for e in ctx.info.ents if not _place(ctx, e)}
    if not places:
        return found
    return [
        c for c in found if c.type != "investment" or not ({c.attrs.get("investor"), c.attrs.get("target")} & places)
    ]


def _place(ctx: SentenceContext, e: Ent) -> bool:
    """Is ``e`` an unknown name right after "à", "en" or "based in"?"""
    if e.known or e.anaphor or e.kind != "any":
        return False
    return backers.placed(ctx.info.sent.doc, e)
