"""An unnamed group the move builder's search misses: a company's founders or leadership ("le fondateur de
X est parti chez Y", "La direction de X est partie chez Y", "hired its founder"), and a group whose noun a
relative clause keeps away from its verb ("les employés de X, qui avait levé 1 milliard, sont partis").

A founder in the singular is one person. The group comes from the organization named after its noun
("de la start-up X", "of X"), before it ("X's founders"), or, for a possessive ("its founder"), the
organization named last before the verb.
"""

from __future__ import annotations

from spacy.tokens import Token

from mercato.extract.builders.common import Group
from mercato.extract.builders.context import SentenceContext
from mercato.extract.entities import Ent
from mercato.extract.sentence import POSSESSIVES

REACH = 12  # words between the group noun and its verb, a relative clause aside
ORG_REACH = 7  # words between the group noun and its organization ("employés de la start-up X")
RELATIVE = {"qui", "which", "who", "that", "dont", "lequel", "laquelle"}


def find(ctx: SentenceContext, tok: Token, side: int) -> Group | None:
    """The group on ``side`` of the move trigger ``tok``, or None."""
    info = ctx.info
    doc = info.sent.doc
    lead = {w.lower() for w in ctx.lex.cues.get("lead_groups", [])}
    nouns = lead | set(ctx.lex.group_nouns) if side < 0 else lead
    for i in _scan(ctx, tok, side, nouns):
        t = doc[i]
        if t.lower_ not in nouns or t.pos_ not in ("NOUN", "PROPN"):
            continue
        org = _org(ctx, t, tok)
        if org is None:
            return None
        single = t.lower_ in {w.lower() for w in ctx.lex.cues.get("lead_single", [])}
        return (1 if single else None), org, []
    return None


def _scan(ctx: SentenceContext, tok: Token, side: int, nouns: set[str]) -> list[int]:
    """The word positions to search, nearest first, skipping before the verb an aside set off by commas
    that is a relative clause or names no group (", qui avait levé 1 milliard,", ", quant à elle,")."""
    info = ctx.info
    doc = info.sent.doc
    if side > 0:
        return list(range(tok.i + 1, min(tok.i + 1 + REACH // 2, info.sent.end)))
    out: list[int] = []
    i = tok.i - 1
    while i >= info.sent.start and len(out) < REACH:
        if doc[i].text == ",":
            opener = next(
                (k for k in range(i - 1, max(i - 2 * REACH, info.sent.start), -1) if doc[k].text == ","), None
            )
            aside = doc[opener + 1 : i] if opener is not None else None
            if (
                opener is not None
                and aside
                and (aside[0].lower_ in RELATIVE or not any(t.lower_ in nouns for t in aside))
            ):
                i = opener - 1  # ", qui avait levé 1 milliard,": the group is before the aside
                continue
        out.append(i)
        i -= 1
    return out


def _org(ctx: SentenceContext, noun: Token, tok: Token) -> Ent | None:
    """The organization the group belongs to, or None."""
    info = ctx.info
    doc = info.sent.doc
    orgs = [e for e in info.ents if e.fits("org") and e.name]
    after = [e for e in orgs if 0 < e.start - noun.i <= ORG_REACH and e.end <= max(tok.i, noun.i + ORG_REACH + 1)]
    if after and not any(t.pos_ in ("VERB", "AUX") or t.text == "," for t in doc[noun.i + 1 : after[0].start]):
        return after[0]
    before = [e for e in orgs if e.end <= noun.i and noun.i - e.end <= 1]
    if before and doc[before[-1].end].text in ("'s", "’s"):
        return before[-1]  # "Acme's founders"
    if noun.i > 0 and doc[noun.i - 1].lower_ in POSSESSIVES:
        earlier = [e for e in orgs if e.end <= tok.i and e.start != info.sent.start]
        return earlier[-1] if earlier else None  # "Meta, which backed Acme and hired its founder": Acme
    return None
