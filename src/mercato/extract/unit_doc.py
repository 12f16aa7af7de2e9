"""Unit facts checked against the whole article, once its other facts are known.

A sentence alone cannot tell that "the new lab" is the company a founder just started, that a
"Labs" funded in the next paragraph is a company, or that "a new engineering organization" is the
group named two sentences later. The article can: these checks drop such units, or fold a unit
described in common words into the one the article names, so that the unit is one fact.
"""

from __future__ import annotations

import re

from mercato.extract.lexicon import Lexicon
from mercato.model import Fact

_WORD = re.compile(r"[\w&-]+")


def settle_units(facts: list[Fact], lex: Lexicon) -> list[Fact]:
    """``facts`` less the units that are companies, each described unit folded into the one unit of
    its organization the article names as new."""
    units = [f for f in facts if f.type == "unit"]
    if not units:
        return facts
    dropped = {id(u) for u in units if _company(u, facts, lex)}
    dropped |= _folded([u for u in units if id(u) not in dropped], lex)
    return [f for f in facts if id(f) not in dropped]


def _words(name: object) -> list[str]:
    return _WORD.findall(str(name or ""))


def _named(name: object) -> bool:
    """Does the unit's name hold a proper name ("CoreAI Platform and Tools group", "Microsoft AI"),
    not only common words and acronyms ("new AI group", "unité d'IA grand public")?"""
    return any(w[:1].isupper() and any(c.islower() for c in w[1:]) for w in _words(name))


def _bare(name: object, lex: Lexicon) -> bool:
    """Is the name only a unit noun said to be new ("new lab", "nouvelle équipe")?"""
    return all(w.lower() in lex.unit_nouns or w.lower() in lex.new_words for w in _words(name))


def _company(unit: Fact, facts: list[Fact], lex: Lexicon) -> bool:
    """Is the "unit" a company: one the article says is funded or bought ("X Labs raised..."), or,
    named only "the new lab", the company a founder just started (given the parent the founder left or
    the company itself)?"""
    name = str(unit.attrs.get("name") or "").casefold()
    org = str(unit.attrs.get("org") or "").casefold()
    founder_roles = {(f.role or "").casefold() for f in lex.frames if f.name == "found"} - {""}
    for f in facts:
        if f.type == "investment" and name in (
            str(f.attrs.get("target") or "").casefold(),
            str(f.attrs.get("investor") or "").casefold(),
        ):
            return True
        founded = f.type == "move" and str(f.attrs.get("role") or "").casefold() in founder_roles
        ends = (str(f.attrs.get("to_org") or "").casefold(), str(f.attrs.get("from_org") or "").casefold())
        if founded and org in ends and _bare(unit.attrs.get("name"), lex):
            return True
    return False


def _new(unit: Fact, lex: Lexicon) -> bool:
    """Does the article say the unit is new where it states it ("a newly formed group")?"""
    said = " ".join([str(unit.attrs.get("name") or "")] + [e.sentence for e in unit.evidence])
    return any(w.lower() in lex.new_words for w in _words(said))


def _folded(units: list[Fact], lex: Lexicon) -> set[int]:
    """Units of one organization described in common words ("a new engineering organization") that
    are the one unit of that organization the article names as new ("the new CoreAI group"): their
    leader and evidence go to the named unit. Two named new units: which one is meant is unclear."""
    gone: set[int] = set()
    by_org: dict[str, list[Fact]] = {}
    for u in units:
        if _new(u, lex):
            by_org.setdefault(str(u.attrs.get("org") or "").casefold(), []).append(u)
    for group in by_org.values():
        named = [u for u in group if _named(u.attrs.get("name"))]
        if len(named) != 1:
            continue
        keep = named[0]
        for u in group:
            if u is keep or _named(u.attrs.get("name")):
                continue
            if not keep.attrs.get("leader") and u.attrs.get("leader"):
                keep.attrs["leader"] = u.attrs["leader"]
            keep.evidence.extend(e for e in u.evidence if e not in keep.evidence)
            gone.add(id(u))
    return gone
