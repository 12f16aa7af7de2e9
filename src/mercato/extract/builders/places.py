"""A place is never an organization: "invested in Abu Dhabi AI group Zenit" invests in Zenit.

The entity finder keeps a city or a region before a description of a company ("Abu Dhabi
artificial intelligence group Zenit") as a name of its own, and the argument reading takes it for the
target or the parent of a unit. An investment or a unit whose party is such a place (a name of the
list ``cues.place_names`` the knowledge base does not know) is given the organization named a few
describing words after the place, or dropped when there is none.

A name right after a preposition of place ("a levé 400 millions en Europe", "Nova, basée à Londres,
rachetée par Acme", "based in X") that the knowledge base does not know is no party to a deal either:
``without_placed`` drops the investment facts that take it for one. (The parser's location label is no
help: it gives it to many young companies' names.)
"""

from __future__ import annotations

from spacy.tokens import Doc

from mercato.extract.builders import backers
from mercato.extract.builders.context import Candidate, SentenceContext
from mercato.extract.entities import Ent

ROLES = {"investment": ("investor", "target"), "unit": ("org",)}
REACH = 5  # describing words between a place and the organization it locates


def without_places(ctx: SentenceContext, out: list[Candidate]) -> list[Candidate]:
    """``out`` with each place read as a party replaced by the organization it locates (or dropped)."""
    info = ctx.info
    doc = info.sent.doc
    names = ctx.lex.cue_set("place_names")
    places = {e.name: e for e in info.ents if not e.known and e.kind != "person" and e.name.lower() in names}
    if not places:
        return out
    kept: list[Candidate] = []
    for c in out:
        for role in ROLES.get(c.type, ()):
            place = places.get(c.attrs.get(role) or "")
            if place is None:
                continue
            org = _located(info.ents, doc, place)
            if org is not None or role != "investor":
                # "capital from Abu Dhabi" stays: a state invests (through its government or funds)
                c.attrs[role] = org.name if org is not None else None
        if any(r in c.attrs and c.attrs[r] is None for r in ROLES.get(c.type, ())[-1:]):
            continue  # a target (or a unit's parent) that was only a place
        if c.type == "investment" and c.attrs.get("investor") == c.attrs.get("target"):
            continue
        kept.append(c)
    return kept


def _located(ents: list[Ent], doc: Doc, place: Ent) -> Ent | None:
    """The organization named within a few describing words after ``place`` ("Abu Dhabi AI group Zenit")."""
    for e in ents:
        if e.start < place.end or e.start - place.end > REACH or e.kind not in ("org", "any"):
            continue
        between = doc[place.end : e.start]
        if all(t.pos_ in ("NOUN", "PROPN", "ADJ", "PUNCT") and t.text not in (",", ";") for t in between):
            return e
        return None
    return None


def without_placed(ctx: SentenceContext, found: list[Candidate]) -> list[Candidate]:
    """``found`` less the investment facts whose investor or target this sentence names only as a place."""
    places = {e.name for e in ctx.info.ents if _after_place_word(ctx, e)}
    places -= {e.name for e in ctx.info.ents if not _after_place_word(ctx, e)}
    if not places:
        return found
    return [
        c for c in found if c.type != "investment" or not ({c.attrs.get("investor"), c.attrs.get("target")} & places)
    ]


def _after_place_word(ctx: SentenceContext, e: Ent) -> bool:
    """Is ``e`` an unknown name right after "à", "en" or "based in"?"""
    if e.known or e.anaphor or e.kind != "any":
        return False
    return backers.placed(ctx.info.sent.doc, e)
