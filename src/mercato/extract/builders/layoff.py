"""Layoffs and dismissals: people leave an organization that lets them go, for nowhere the text says.

"Acme laid off 600 engineers", "Acme a licencié son PDG X", "Acme's layoffs", "600 employees were laid
off by Acme": one departure per named person, else one unnamed group move (with its count when given),
from the organization that lets them go, with no destination (the schema's layoff shape).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract.builders.common import group, status
from mercato.extract.builders.context import DocState, SentenceContext
from mercato.extract.document import as_org, boss_employer
from mercato.extract.entities import Ent
from mercato.extract.frames import agent_side, by_agent, fits, is_passive, marked, patient_side, subordinate


def build(ctx: SentenceContext, tok: Token, state: DocState, lose: bool = False) -> list[dict[str, Any]]:
    """The departures a layoff trigger states, when the text names who lets the people go. ``lose``:
    the organization loses them ("Acme lost its VP, X", "a perdu une dizaine de chercheurs"), perhaps
    to a rival the text names ("lost three researchers to Meta")."""
    info = ctx.info
    passive = is_passive(tok, info)
    nominal = tok.pos_ in ("NOUN", "PROPN")
    org = _employer(ctx, tok, passive, nominal) or _unsaid_employer(ctx, tok, state, passive, nominal)
    if org is None:
        return []
    st = status(ctx, tok, [])
    to = None
    if lose:
        rival = [e for e in marked(info, "to_org", tok.i) if e is not org and e.kind != "person"]
        to = rival[0].name if rival else None
    persons: list[Ent] = []
    if not nominal:
        side = agent_side(info, tok, "person", None) if passive else patient_side(info, tok, "person")
        # "a licencié son PDG X, Y a annoncé...": Y is the subject of the next clause, not laid off
        persons = [p for p in side if p.kind == "person" and fits(p, "person") and not subordinate(info, tok, p)]
        doc = info.sent.doc
        persons = persons[:1] + [
            p for p in persons[1:] if p.end >= info.sent.end or doc[p.end].pos_ not in ("VERB", "AUX")
        ]
    if persons:
        return [_fact(p.name, None, org.name, to, st) for p in persons]
    if lose and to is None:
        return []  # "Apple lost a dozen researchers": where they went, or who they are, is told elsewhere
    grp = group(ctx, tok, -1 if passive else +1)
    count = grp[0] if grp is not None else None
    if grp is None and not nominal and tok.lemma_.lower() not in ctx.lex.cues.get("layoff_group_verbs", []):
        return []  # "fired", "lost" with no one named: not a departure the text states
    return [_fact(None, count, org.name, to, st)]


def _employer(ctx: SentenceContext, tok: Token, passive: bool, nominal: bool) -> Ent | None:
    """Who lets the people go: the subject, the "by" agent of a passive, or the owner of a layoff noun."""
    info = ctx.info
    if nominal:
        doc = info.sent.doc
        owners = [
            e for e in info.candidates("org") if 0 < tok.i - e.end <= 3 and doc[e.end].text in ("'s", "’s", "'", "’")
        ]
        if owners:  # "Acme's layoffs", "Orbit Labs' layoffs"
            return owners[-1]
        head = tok.head
        while head.pos_ not in ("VERB", "AUX") and head.head is not head:
            head = head.head
        subjects = [c for c in head.children if c.dep_.startswith("nsubj") and c.i < tok.i]
        found = [e for s in subjects for e in info.candidates("org") if e.start <= s.i < e.end and e.kind != "person"]
        return found[0] if found else None
    if passive:
        agents = [e for e in info.candidates("org") if e.start > tok.i and by_agent(info, tok, e)]
        return agents[0] if agents else None
    subject = [e for e in agent_side(info, tok, "from_org", None) if e.kind in ("org", "any")]
    return subject[0] if subject else None


def _unsaid_employer(ctx: SentenceContext, tok: Token, state: DocState, passive: bool, nominal: bool) -> Ent | None:
    """Who lets the people go when the sentence names no organization: "the CEO has overseen mass
    layoffs", "he has been cutting the workforce". The employer the article gives the person who
    lays off, else the organization the article is about."""
    if passive:
        return None
    if not nominal:
        subject = agent_side(ctx.info, tok, "person", state.last_person)
        if not subject or subject[0].kind != "person":
            return None
        if own := boss_employer(state.doc, subject):
            return own[0]
    return as_org(state.doc.subject)


def _fact(person: str | None, count: int | None, org: str, to: str | None, st: str) -> dict[str, Any]:
    return {"person": person, "count": count, "from_org": org, "to_org": to, "role": None, "status": st}
