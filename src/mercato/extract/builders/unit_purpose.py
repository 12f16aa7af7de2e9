"""The hire a "lead" infinitive is the purpose of ("hired X to run a lab"): the hired lead the unit,
for the hirer."""

from __future__ import annotations

from spacy.tokens import Token

from mercato.extract.builders.context import SentenceContext


def hire_of_purpose(ctx: SentenceContext, tok: Token) -> Token | None:
    """The hiring verb a "lead" infinitive is the purpose of ("hired X to run a lab", "a embauché X
    pour diriger un groupe"). The parser may hang the infinitive on the verb that reports the hire
    ("said it had hired X and Y to lead..."): then the hiring verb is the last one before it."""
    head = tok.head
    doc = ctx.info.sent.doc
    marked = any(c.lower_ in ("to", "pour") for c in tok.children) or (
        tok.i > 0 and doc[tok.i - 1].lower_ in ("to", "pour")
    )
    if not marked or head is tok or head.i >= tok.i:
        return None
    if _hires(ctx, head):
        return head
    between = [t for t in doc[head.i + 1 : tok.i] if t.pos_ == "VERB" and t.head == head]
    return between[-1] if between and _hires(ctx, between[-1]) else None


def _hires(ctx: SentenceContext, verb: Token) -> bool:
    return any(f.name == "hire" for f in ctx.lex.verb_frames(verb.lemma_.lower(), verb.lower_))
