"""Role changes: "X takes over as interim CEO", "Y devient directrice scientifique de Z", "X will serve
as Acme's chief scientist".

The title's organization is where the person now works: named by "of"/"de" after the title, or as its
possessor ("Acme's chief scientist"); else the one the text ties the person to, else the nearest. When
the text ties the person to another organization than the title's, that one is where the move starts
("an OpenAI co-founder, will serve as Acme's chief scientist"); else it is a new role in the same place.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract.builders.common import ROLE_STOP, role, status, tidy
from mercato.extract.builders.context import DocState, SentenceContext
from mercato.extract.entities import Ent
from mercato.extract.frames import agent_side
from mercato.extract.sentence import OF_ORG, SentenceInfo

POSSESSIVE_MARKS = ("'s", "’s", "'", "’")


def build(ctx: SentenceContext, tok: Token, state: DocState, same_place: bool = True) -> list[dict[str, Any]]:
    """One move per person taking the title the trigger gives. ``same_place``: with nothing tying the
    person elsewhere, the title is a new role where they were ("takes over as CEO"); else, where they
    came from is unknown ("X, now CEO of Y")."""
    info = ctx.info
    persons = agent_side(info, tok, "person", state.last_person)
    persons = [p for p in persons if p.kind == "person"] or persons  # "At Acme, A and B take over": not Acme
    title = role(ctx, tok, None) or _title_words_after(ctx, tok)
    if not persons or not title:
        return []
    title = _without_role_noun(ctx, title)
    of = role_org(info, tok)
    st = status(ctx, tok, persons)
    names = {p.name for p in persons}
    out = []
    for p in persons:
        aff = info.affiliation.get(id(p))
        # "X, ex-engineer at Google, now CTO": Google is where X was, not where the new title is held
        place = aff if aff is not None and (same_place or aff[0].start > tok.i) else None
        org = of.name if of is not None else (place[0].name if place else None)
        if org is None and not same_place:
            continue  # "X, now CEO": of an organization the sentence does not name
        if org is None:
            # the organization named in the sentence, nearest the verb; else the one the text is about
            orgs = [e for e in info.candidates("org") if e not in persons and e.name not in names]
            orgs = [e for e in orgs if not _titled(ctx, e)]  # "the new Chief Technologist": a title
            near = sorted(orgs, key=lambda e: abs(e.start - tok.i))
            org = near[0].name if near else state.last_org
        if org is None:
            continue
        if aff is not None and aff[0].name != org and (of is not None or place is None):
            origin: str | None = aff[0].name
        else:
            origin = org if same_place else None
        # "takes over as CEO of SSI", "devient PDG de SSI", "serve as SSI's CTO": the title alone
        held = _without_org(title, of.text if of is not None else org)
        out.append(
            {"person": p.name, "count": None, "from_org": origin, "to_org": org, "role": held or None, "status": st}
        )
    return out


def _titled(ctx: SentenceContext, e: Ent) -> bool:
    """Is ``e`` an unknown name right after a title word ("the new Chief Technologist"): part of the title?"""
    doc = ctx.info.sent.doc
    return not e.known and e.start > ctx.info.sent.start and doc[e.start - 1].lower_ in ctx.lex.titles


def _title_words_after(ctx: SentenceContext, tok: Token) -> str | None:
    """A title read right after the trigger, up to the end of its phrase."""
    words: list[Token] = []
    people = {i for e in ctx.info.ents if e.kind == "person" for i in range(e.start, e.end)}
    for t in ctx.info.sent.doc[tok.i + 1 : ctx.info.sent.end]:
        if t.lower_ in ROLE_STOP or len(words) >= 8 or t.pos_ in ("VERB", "AUX"):
            break
        if t.i not in people:  # "remplacera X à la tête de Y": the one replaced holds no title here
            words.append(t)
    while words and words[0].pos_ in ("DET", "ADP", "PART"):
        words.pop(0)
    if any(t.lower_ in ctx.lex.titles for t in words):
        return tidy(" ".join(t.text for t in words))
    return None


def _without_role_noun(ctx: SentenceContext, title: str) -> str:
    """ "the role of CTO" is "CTO"."""
    m = ctx.lex.cue("cues", "role_nouns").match(title)
    return tidy(title[m.end() :]) if m and title[m.end() :].strip() else title


def _without_org(title: str, org: str) -> str:
    """The title without the organization that names where it is held ("CEO of SSI", "SSI's CTO")."""
    if title.startswith(org):
        rest = title[len(org) :]
        for mark in POSSESSIVE_MARKS:
            if rest.startswith(mark):
                return tidy(rest[len(mark) :]) or title
    kept = (title[: title.find(org)] if org in title else title).split()
    while kept and kept[-1].lower() in OF_ORG:
        kept.pop()
    return tidy(" ".join(kept)) or title


def role_org(info: SentenceInfo, tok: Token) -> Ent | None:
    """The organization a title after ``tok`` names ("as CEO of SSI", "PDG de SSI", "as SSI's CTO")."""
    doc = info.sent.doc
    for t in doc[tok.i + 1 : min(tok.i + 10, info.sent.end)]:
        if t.pos_ in ("VERB", "AUX") or t.text in (",", ";"):
            return None
        org = next((e for e in info.candidates("org") if e.start == t.i), None)
        if org is not None:
            prev = doc[t.i - 1].lower_
            after = doc[org.end].text if org.end < info.sent.end else ""
            if (
                prev in OF_ORG
                or after in POSSESSIVE_MARKS
                or org.text.endswith(POSSESSIVE_MARKS)
                or _described(info, t)
            ):
                return org
            return None
    return None


def _described(info: SentenceInfo, t: Token) -> bool:
    """Is the organization at ``t`` the title's, named after a company noun ("PDG de la start-up Acme",
    "CEO of the startup Acme")?"""
    doc = info.sent.doc
    for j in range(t.i - 2, max(t.i - 6, info.sent.start) - 1, -1):
        if doc[j].lower_ in OF_ORG:
            words = doc[j + 1 : t.i]
            if any(w.pos_ in ("VERB", "AUX") or w.text in (",", ";", ":") for w in words):
                return False
            return any(w in info.lex.org_nouns for w in words.text.lower().split())
    return False


def promoted_title(ctx: SentenceContext, tok: Token) -> str | None:
    """The title a promotion gives after "to"/"au poste de" ("promoted X from scientist to president")."""
    doc = ctx.info.sent.doc
    cue = ctx.lex.cue("cues", "promoted_to")
    for t in doc[tok.i + 1 : min(tok.i + 12, ctx.info.sent.end)]:
        if t.pos_ == "VERB" and t.i > tok.i + 1:
            return None
        m = cue.match(doc[t.i : ctx.info.sent.end].text)
        if m is None:
            continue
        words: list[Token] = []
        for w in doc[t.i : ctx.info.sent.end]:
            if w.idx - doc[t.i].idx < m.end():
                continue
            if w.lower_ in ROLE_STOP or w.pos_ in ("VERB", "AUX") or len(words) >= 6:
                break
            words.append(w)
        if any(w.lower_ in ctx.lex.titles for w in words):
            return tidy(" ".join(w.text for w in words))
    return None
