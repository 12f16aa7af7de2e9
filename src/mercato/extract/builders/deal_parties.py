"""Parties of a deal verb that the general reading misses.

- "Acme acquired Israeli AI company Nova, which has joined ...": a name that is the verb's direct
  object stays its target even when a relative clause describes it (only a name heading a clause
  of its own, "SoftBank, which put in $500M", is no object).
- "Founded in 2010 and acquired by Acme in 2014, London-based Nova made its name": a participle
  put before the clause it describes has the clause's subject as its patient.
- "investors like A and B": the names a backer noun lists are investors, never the target.
- "Nova, a startup courted by players like A and B, raised": a name cited as an example is never
  who raises.
- "Nova's longtime backer Acme invested": the possessor of the noun describing the subject is not
  the subject.
"""

from __future__ import annotations

from spacy.tokens import Token

from mercato.extract.builders.context import SentenceContext
from mercato.extract.entities import Ent
from mercato.extract.sentence import SentenceInfo


def object_of(info: SentenceInfo, e: Ent, tok: Token) -> bool:
    """Is ``e`` the direct object of ``tok``?"""
    doc = info.sent.doc
    root = next((t for t in doc[e.start : e.end] if not e.start <= t.head.i < e.end), doc[e.start])
    return root.head.i == tok.i and root.dep_ in ("dobj", "obj")


def fronted_target(info: SentenceInfo, tok: Token, investor: Ent | None) -> Ent | None:
    """The subject of the clause a fronted passive participle describes ("Acquired by Acme, Nova ...")."""
    doc = info.sent.doc
    if any(t.dep_.startswith("nsubj") for t in tok.children):
        return None
    clause = tok
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "founded in 2010 and acquired by Acme": the first participle's clause
    main = clause.head if clause.dep_ in ("advcl", "acl", "ccomp") else None
    if main is None or main.i < tok.i:
        return None
    for e in info.candidates("org"):
        if e.start <= tok.i or e is investor or e.start > main.i:
            continue
        root = next((t for t in doc[e.start : e.end] if not e.start <= t.head.i < e.end), doc[e.start])
        if root.dep_.startswith("nsubj") and root.head.i == main.i:
            return e
    return None


def named_backers(ctx: SentenceContext, tok: Token, target: Ent) -> bool:
    """Is ``target`` listed as one of the backers the noun ``tok`` names ("investors like A")? Then
    it is an investor, not the company invested in (whose backers they are is the lists' rule)."""
    if target.start <= tok.i or not ctx.cues("cues", "backer_nouns", tok.lower_):
        return False
    between = ctx.info.sent.doc[tok.i + 1 : target.start].text
    return ctx.cues("cues", "backer_list", between) and target.start - tok.i <= 6


def without_possessor(info: SentenceInfo, left: list[Ent]) -> list[Ent]:
    """``left`` with a name owning the noun that describes the name after it replaced by that name
    ("Nova's longtime backer Acme invested": Acme, not Nova)."""
    doc = info.sent.doc
    if not left or left[0].end >= len(doc) or doc[left[0].end].lower_ not in ("'s", "’s"):
        return left
    owner = left[0]
    named = next(
        (
            e
            for e in info.ents
            if e.kind in ("org", "any")
            and 1 < e.start - owner.end <= 4
            and all(t.pos_ in ("ADJ", "NOUN") for t in doc[owner.end + 1 : e.start])
        ),
        None,
    )
    return [named, *left[1:]] if named is not None else left


def without_examples(ctx: SentenceContext, left: list[Ent]) -> list[Ent]:
    """``left`` less the names cited as examples; when all were, the name opening the sentence that
    an apposition describes ("Nova, a startup courted by players like A, raised": Nova)."""
    kept = [e for e in left if not cited_example(ctx, e)]
    if kept or not left:
        return kept
    doc = ctx.info.sent.doc
    first = next((e for e in ctx.info.ents if e.start == ctx.info.sent.start and e.kind in ("org", "any")), None)
    return [first] if first is not None and first.end < len(doc) and doc[first.end].text == "," else []


def cited_example(ctx: SentenceContext, e: Ent) -> bool:
    """Is ``e`` the object of a word citing examples ("players like A", ``cues.cited_examples``)?"""
    doc = ctx.info.sent.doc
    root = next((t for t in doc[e.start : e.end] if not e.start <= t.head.i < e.end), doc[e.start])
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # "like A, B and C": each name of the list
    if root.dep_ != "pobj":
        return False
    prep = root.head
    words = f"{doc[prep.i - 1].lower_} {prep.lower_}" if prep.i > 0 else prep.lower_
    return ctx.cues("cues", "cited_examples", prep.lower_) or ctx.cues("cues", "cited_examples", words)
