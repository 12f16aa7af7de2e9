"""People a newcomer "joins" at their new employer: "X rejoint d'autres têtes connues de Y, notamment A,
B et C", "X joins the likes of A and B".

The object of the joining verb is not a company but a group of people already hired, so the move
builder finds no destination in the sentence. The people listed after the group are moves of their own,
to where the newcomer went: the place the text already moved them to, else the organization people last
moved to, else the article's subject. Each comes from the organization named in their own description
("HP alumnus A"), else from the one the group names ("têtes de Y").
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract.builders.context import DocState, SentenceContext
from mercato.extract.entities import Ent

OPENER_REACH = 3  # words between the verb and the group of peers ("rejoint ainsi d'autres")
GROUP_REACH = 8  # words between the group opener and the cue before the names ("d'autres têtes connues de Y")


def build(ctx: SentenceContext, tok: Token, state: DocState) -> list[dict[str, Any]]:
    """One move per person named among the peers a joining verb's subject joins; none when the verb's
    object is not such a group."""
    info = ctx.info
    doc = info.sent.doc
    after = doc[tok.i + 1 : min(tok.i + 1 + OPENER_REACH, info.sent.end)]
    opener = ctx.lex.cue("cues", "peers").match(after.text) if len(after) else None
    if opener is None:
        return []
    end_char = after.start_char + opener.end()
    start = next((t.i for t in after if t.idx >= end_char), after.end)
    people = [e for e in info.candidates("person") if e.kind == "person" and e.start >= start and e.name]
    before = [e for e in info.candidates("person") if e.kind == "person" and e.end <= tok.i and e.name]
    subject = before[-1] if before else state.last_person  # "Ce dernier rejoint": the last person named
    if not people or subject is None or subject.name is None:
        return []
    gap = doc[start : people[0].start]
    if len(gap) > GROUP_REACH + 6 or any(_finite(t) for t in gap):
        return []
    backers = {w.lower() for w in ctx.lex.cues.get("backer_nouns", [])}
    if any(t.lower_ in backers for t in gap):
        return []  # "joins other investors such as A": a round's backers, not staff
    cue = _last_cue(ctx, start, people[0].start)
    if cue is None and opener.group(0).lower() not in ctx.lex.cues.get("peers_direct", []):
        return []  # "rejoint d'autres têtes de Y" with no "notamment": the names may be anything
    to_org = _destination(state, subject)
    if to_org is None:
        return []
    listed = _listed(ctx, people)
    group_org = _one_org(ctx, start, cue) if cue is not None else None
    out = []
    for i, p in enumerate(listed):
        lo = listed[i - 1].end if i else (cue if cue is not None else start)
        own = [e for e in info.ents if e.fits("org") and e.name and lo <= e.start and e.end <= p.start]
        origin = (own[0].name if len(own) == 1 else None) if own else group_org
        if origin == to_org or p.name == subject.name:
            continue
        out.append(
            {"person": p.name, "count": None, "from_org": origin, "to_org": to_org, "role": None, "status": "done"}
        )
    return out


def _last_cue(ctx: SentenceContext, lo: int, hi: int) -> int | None:
    """Where the last cue opening the list ("notamment", "including") starts between ``lo`` and ``hi``."""
    doc = ctx.info.sent.doc
    rx = ctx.lex.cue("cues", "peer_lists")
    return next((t.i for t in reversed(doc[lo:hi]) if rx.match(doc[t.i : hi].text)), None)


def _one_org(ctx: SentenceContext, lo: int, hi: int) -> str | None:
    """The single organization named between ``lo`` and ``hi`` (the group's: "têtes connues de Y")."""
    orgs = [e for e in ctx.info.ents if e.fits("org") and e.name and lo <= e.start and e.end <= hi]
    return orgs[0].name if len(orgs) == 1 else None


def _destination(state: DocState, subject: Ent) -> str | None:
    """Where the newcomer went: the move the text gave them, else where people last moved, else the
    article's subject."""
    if subject.name in state.employers:
        return state.employers[subject.name]
    return state.hirer or state.doc.subject


def _listed(ctx: SentenceContext, people: list[Ent]) -> list[Ent]:
    """The people of the list, up to the first verb after it."""
    doc = ctx.info.sent.doc
    out = [people[0]]
    for p in people[1:]:
        if any(_finite(t) for t in doc[out[-1].end : p.start]):
            break
        out.append(p)
    return out


def _finite(t: Token) -> bool:
    """A verb that opens a clause of its own ("qui travaillait"), not a participle ("têtes connues")."""
    return t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") != ["Part"]
