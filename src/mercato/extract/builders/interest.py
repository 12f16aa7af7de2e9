"""Interest is no deal: "A and B have shown interest in acquiring C", "s'intéresse au rachat de C"
say that a buyer looks, not that a deal is made, announced or even negotiated."""

from __future__ import annotations

from spacy.tokens import Token

from mercato.extract.builders.context import SentenceContext


def mere_interest(ctx: SentenceContext, tok: Token) -> bool:
    """Is the deal trigger ``tok`` the object of an interest ("interest in acquiring", "intérêt pour le
    rachat")?"""
    sent = ctx.info.sent
    before = tok.doc[max(sent.start, tok.i - 4) : tok.i].text
    return ctx.cues("cues", "mere_interest", before)
