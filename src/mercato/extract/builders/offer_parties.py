"""Whose people an offer targets when the sentence says it by a possessive or a pronoun.

"Korvan offered her team $5 million", "a tenté de débaucher ses équipes": the staff of the person the
possessive stands for, so the target organization is that person's employer as the article gives it
elsewhere (a title in another sentence, a move it stated). A named target with no employer in its own
sentence ("tried to recruit her") gets the same. Never the offerer itself: courting one's own staff is
read by the offer builder from the sentence.

"Rival companies, notably Acme, offer big packages to lure away top researchers": an offerer called a
rival (``cues.rival_words``) taking people away (``cues.away_words``) courts the staff of the article's
subject organization.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract.antecedents import pronoun_antecedent
from mercato.extract.builders.context import DocState, SentenceContext
from mercato.extract.entities import Ent

REACH = 4  # words between the possessive and its staff noun ("her whole research team")


def owner_targets(ctx: SentenceContext, offers: list[dict[str, Any]], state: DocState) -> list[dict[str, Any]]:
    """``offers`` with the target organization filled from the article where a possessive or a
    pronoun names the targets' owner."""
    for o in offers:
        if o.get("target_org"):
            continue
        person = o.get("target_person") or _possessor(ctx, state)
        employer = _employer(person, state) if person else None
        if employer is None and not o.get("target_person") and _rival_poaching(ctx):
            employer = state.doc.subject  # "rivals offering big pay to lure away researchers": the subject's
        if employer and employer != o.get("by_org"):
            o["target_org"] = employer
    return offers


def _rival_poaching(ctx: SentenceContext) -> bool:
    """Does the sentence call the offerer a rival taking people away ("rivals ... to lure away")?"""
    return ctx.cues("cues", "rival_words", ctx.low) and ctx.cues("cues", "away_words", ctx.low)


def _possessor(ctx: SentenceContext, state: DocState) -> str | None:
    """The person a possessive before a staff or group noun stands for ("her team", "ses chercheurs")."""
    lex = ctx.lex
    words = {w.lower() for w in lex.cues.get("possessive_person", [])}
    nouns = lex.staff_nouns | lex.group_nouns
    doc = ctx.info.sent.doc
    for t in ctx.info.sent:
        if t.lower_ not in words:
            continue
        if not any(n.lower_ in nouns for n in doc[t.i + 1 : min(t.i + 1 + REACH, ctx.info.sent.end)]):
            continue
        named = _named_before(ctx, t)
        if named is not None:
            return named.name
        return state.last_person.name if state.last_person is not None else None
    return None


def _named_before(ctx: SentenceContext, t: Token) -> Ent | None:
    """A person the sentence names before the possessive, who it may stand for."""
    return pronoun_antecedent(ctx.info, t)


def _employer(person: str, state: DocState) -> str | None:
    """Where the article places ``person``: a present title, else the last move it stated for them."""
    return state.doc.employer(person) or state.employers.get(person)
