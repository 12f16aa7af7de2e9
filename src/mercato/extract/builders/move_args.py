"""Where a move's parties are when the trigger's slots miss them.

Small readers the move builder calls: the holder of a move noun ("the departure of X", "le recrutement
par OpenAI de X"), its possessor or announcer, the name after a phrasal verb's particle ("bring in X"),
the main subject of a clause opening the sentence ("Before joining Acme, X..."), and whether an
organization is coordinated with another ("from OpenAI and Google").
"""

from __future__ import annotations

from spacy.tokens import Token

from mercato.extract.builders.common import OF
from mercato.extract.builders.context import SentenceContext
from mercato.extract.entities import Ent
from mercato.extract.sentence import COORD, POSSESSIVES, SentenceInfo


def fronted_clause_subject(ctx: SentenceContext, tok: Token) -> list[Ent]:
    """The subject of the main clause when the trigger is in a clause opening the sentence with a
    subordinator ("Before joining Acme, X...", "Avant de rejoindre Acme, X..."): the name after its comma."""
    info = ctx.info
    doc = info.sent.doc
    words = [t for t in doc[info.sent.start : tok.i] if not t.is_punct]
    if not words or not ctx.cues("cues", "fronted", words[0].text) or any(t.text == "," for t in words):
        return []
    comma = next((t.i for t in doc[tok.i : info.sent.end] if t.text == ","), None)
    if comma is None:
        return []
    for e in info.candidates("person"):
        if 0 < e.start - comma <= 6 and e.kind == "person":
            between = doc[comma + 1 : e.start]
            return [] if any(t.pos_ in ("VERB", "AUX") or t.text == "," for t in between) else [e]
    return []


def after_particle(info: SentenceInfo, tok: Token) -> list[Ent]:
    """The people named right after the particle of a phrasal verb ("bring in X", "brought aboard X")."""
    doc = info.sent.doc
    i = tok.i + 1
    while i < info.sent.end and (doc[i].dep_ == "prt" or doc[i].lower_ in ("in", "on", "aboard", "back")):
        i += 1
    if i == tok.i + 1:
        return []
    return [e for e in info.candidates("person") if e.start == i][:1]


def post_nouns(ctx: SentenceContext) -> set[str]:
    """Nouns of a post held ("role", "poste"), from the patterns."""
    return {w.lower() for w in ctx.lex.cues.get("post_nouns", [])}


def possessor(info: SentenceInfo, e: Ent, tok: Token) -> bool:
    """Is ``e`` the possessor of the noun ``tok`` ("X's sudden departure"), or the subject of a clause
    that gives the noun a possessive pronoun ("X announced her departure")?"""
    doc = info.sent.doc
    if e.end < tok.i and tok.i - e.end <= 3 and doc[e.end].lower_ in ("'s", "’s", "'", "’"):
        return True
    return any(t.lower_ in POSSESSIVES for t in doc[max(e.end, tok.i - 3) : tok.i])


def holder(info: SentenceInfo, tok: Token) -> list[Ent]:
    """The people a move noun is about, named right after it: "le départ de X", "the arrival of X",
    "le recrutement par OpenAI de X" (an agent between the noun and the name)."""
    doc = info.sent.doc
    agent = noun_agent(info, tok)
    skip = set(range(agent.start - 1, agent.end)) if agent is not None else set()
    for e in info.candidates("person"):
        if e is agent or e.start <= tok.i:
            continue
        between = [t for t in doc[tok.i + 1 : e.start] if t.i not in skip]
        if 0 < len(between) + 1 <= 4 and all(t.lower_ in OF or t.pos_ == "DET" for t in between):
            return info.group_from(e, "person", +1)
        if between and between[0].lower_ in OF and _titled_name(info, between[1:]):
            return [e]  # "the departure of OpenAI CTO X": the name after its employer and title
    return []


def _titled_name(info: SentenceInfo, words: list[Token]) -> bool:
    """Are ``words`` an employer and a title before a name ("OpenAI CTO", "Acme's chief scientist")?"""
    orgs = {i for e in info.ents if e.fits("org") for i in range(e.start, e.end)}
    return (
        0 < len(words) <= 6
        and any(t.lower_ in info.lex.titles for t in words)
        and all(t.i in orgs or t.lower_ in info.lex.title_words or t.text in ("'s", "’s") for t in words)
    )


def noun_agent(info: SentenceInfo, tok: Token) -> Ent | None:
    """The organization a move noun names as its agent right after it ("le recrutement par OpenAI")."""
    doc = info.sent.doc
    nxt = tok.i + 1
    if nxt >= info.sent.end or doc[nxt].lower_ not in ("par", "by"):
        return None
    return next((e for e in info.candidates("org") if e.start == nxt + 1 and e.kind != "person"), None)


def governor_org(info: SentenceInfo, tok: Token) -> Ent | None:
    """The organization that is the subject of the verb governing a noun ("Apple announced the departure")."""
    head = tok
    for _ in range(3):
        if head.head is head:
            break
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            break
    if head.pos_ not in ("VERB", "AUX"):
        return None
    for s in head.children:
        if s.dep_.startswith("nsubj") and s.i < tok.i:
            found = [e for e in info.candidates("org") if e.start <= s.i < e.end]
            if found:
                return found[0]
    return None


def several(info: SentenceInfo, org: Ent) -> bool:
    """Is ``org`` coordinated with another organization by "and"/"et" ("from OpenAI and Google")?"""
    doc = info.sent.doc
    nxt = next((e for e in info.candidates("org") if 0 < e.start - org.end <= 2), None)
    return nxt is not None and any(t.lower_ in ("and", "et", "&", "or", "ou") for t in doc[org.end : nxt.start])


def own_objects(info: SentenceInfo, tok: Token, ents: list[Ent]) -> list[Ent]:
    """``ents`` less the objects of another verb coordinated with ``tok`` ("left the chipmaker and
    joined Y": Y is where the second verb goes, not what the first one leaves)."""
    doc = info.sent.doc

    def governed(e: Ent) -> bool:
        t = doc[e.start]
        while e.start <= t.head.i < e.end and t.head.i != t.i:
            t = t.head  # the head of the name's own tokens
        while t.head.i != t.i and t.i != tok.i:
            t = t.head
            if t.i != tok.i and t.pos_ in ("VERB", "AUX") and t.dep_ == "conj" and t.head.i == tok.i:
                return False
        return True

    return [e for e in ents if e.start < tok.i or governed(e)]


def plain_list(info: SentenceInfo, persons: list[Ent]) -> bool:
    """Are ``persons`` named one after the other with only commas and "and" between them ("A, B and C,
    co-founders of X": the descriptor after the list is everyone's), not each with a descriptor of their own?"""
    doc = info.sent.doc
    return all(all(t.lower_ in COORD for t in doc[a.end : b.start]) for a, b in zip(persons, persons[1:], strict=False))
