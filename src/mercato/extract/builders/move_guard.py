"""Move triggers that state no move: what is joined or led is a funding round, or what joins is a company.

"X joined the startup's latest funding round" or "X is heading its Series D round" is an investor
taking part in a round; "X headed up the team" leads it; "Acme plans to ... join Rival and Other in
the chip market" is a company entering a market; "code-named" is a compound modifier. None of them
moves a person, and the names around such a trigger (a product, a parent company) would otherwise
be read as the people who move.
"""

from __future__ import annotations

from spacy.tokens import Token

from mercato.extract.builders.context import SentenceContext
from mercato.extract.entities import Ent
from mercato.extract.lexicon import Frame

OBJECT_DEPS = ("dobj", "obj", "pobj", "attr")
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "nsubjpass")
CLIMB_DEPS = ("xcomp", "conj", "advcl", "ccomp")
POSSESSIVE_MARKS = ("'s", "’s", "'", "’")


def not_a_move(ctx: SentenceContext, tok: Token, frame: Frame) -> bool:
    """Does the move trigger ``tok`` join or lead a round, have a company as its subject, or state a
    move that did not happen?"""
    if tok.pos_ == "VERB" and unrealized(ctx, tok):
        return True
    if frame.name not in ("join", "lead", "hire") or tok.pos_ not in ("VERB", "AUX"):
        return False
    doc = tok.doc
    if tok.i > 1 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ not in ctx.lex.cues.get("verb_prefixes", []):
        return True  # "a chip code-named X": a compound modifier, not a verb of hiring
    if any(_is_round(ctx, c) for c in tok.children if c.dep_ in OBJECT_DEPS):
        return True  # "joined the latest funding round", "is heading its Series D round"
    if frame.name != "join" or any(c.dep_ in ("auxpass", "aux:pass") for c in tok.children):
        return False
    if tok.lemma_.lower() in ctx.lex.cues.get("going_or_leading", []) and any(
        c.dep_ in ("dobj", "obj", "prt", "compound:prt") for c in tok.children
    ):
        return True  # "headed (up) the safety team": leading it, not going to it ("headed to Meta")
    subj = _subject(tok)
    return subj is not None and any(e.kind == "org" and e.start <= subj.i < e.end for e in ctx.info.ents)


def unrealized(ctx: SentenceContext, tok: Token) -> bool:
    """ "X was going to join Rival (so we hired him)", "X, qui devait rejoindre Y, est devenu...": a plan
    that, told in the past, did not come about is no move."""
    around = tok.doc[max(ctx.info.sent.start, tok.i - 4) : min(tok.i + 2, ctx.info.sent.end)]
    if not ctx.cues("cues", "unrealized", around.text):  # the trigger may be "going" itself
        return False
    # "Acme said that X was going to join Rival": an announced plan, reported, not one that failed
    speech = ctx.lex.speech_verbs
    return not any(a.lemma_.lower() in speech and a.i < tok.i for a in tok.ancestors)


def _is_round(ctx: SentenceContext, obj: Token) -> bool:
    """Is ``obj`` (or the noun it ends) a word of funding rounds ("round", "Series D")?"""
    rounds = ctx.lex.cues.get("round_objects", [])
    return obj.lemma_.lower() in rounds or obj.lower_ in rounds


def _subject(tok: Token) -> Token | None:
    """The grammatical subject of ``tok``'s clause, climbing through the verbs it depends on ("Acme plans
    to compete ... and join")."""
    cur = tok
    for _ in range(6):
        subj = next((c for c in cur.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            return subj
        if cur.dep_ not in CLIMB_DEPS or cur.head is cur:
            return None
        cur = cur.head
    return None


def purpose_infinitive(tok: Token) -> bool:
    """Is ``tok`` an infinitive of purpose or attempt ("to lure", "pour attirer", "trying to poach")?"""
    infinitive = tok.tag_ == "VB" or tok.morph.get("VerbForm") == ["Inf"]
    marked = any(c.lower_ in ("to", "pour", "afin", "de", "d'") for c in tok.children)
    modal = any(c.lower_ in ("will", "would", "'ll", "va", "vont") for c in tok.children)
    # "pour recruter", "afin d'attirer": purpose, whatever verb the clause hangs on ("allant ... pour recruter")
    purpose = any(c.lower_ in ("pour", "afin") and c.dep_ == "mark" for c in tok.children)
    if infinitive and purpose and not modal:
        return True
    return (
        infinitive
        and marked
        and not modal
        and tok.dep_ not in ("ROOT",)
        and tok.head.lemma_ not in ("be", "set", "expect", "plan", "agree", "devoir", "aller", "decide", "décider")
    )


def attempt(ctx: SentenceContext, tok: Token) -> bool:
    """Is the recruiting verb ``tok`` an attempt ("offering bonuses to lure X"), not money spent on a hire?"""
    return tok.lemma_.lower() in ctx.lex.intent_verbs and purpose_infinitive(tok) and not paid_to_hire(ctx, tok)


def paid_to_hire(ctx: SentenceContext, tok: Token) -> bool:
    """Is the infinitive ``tok`` what money already spent bought ("spent $900M to hire X", "has shelled out
    $2B to hire X")? A purchase made, not an attempt: the hire is done."""
    head = tok.head
    if head.lemma_.lower() not in ctx.lex.cues.get("spend_verbs", []) or head.tag_ not in ("VBD", "VBN"):
        return False
    return not any(c.lower_ in ("will", "would", "'ll", "to") for c in head.children) and bool(ctx.amounts)


def describes_campaign(ctx: SentenceContext, tok: Token) -> bool:
    """Is the move noun ``tok`` a modifier of a noun of campaign or claim ("recruitment campaign", "poaching
    claims", "opération de débauchage")? It then names no move."""
    head = tok.head
    if head is tok or head.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ("compound", "nmod", "amod", "pobj"):
        return False
    if tok.dep_ == "pobj":  # "a campaign of recruitment": through the preposition
        head = head.head
    return head.lemma_.lower() in ctx.lex.cues.get("campaign_nouns", []) or head.lower_ in ctx.lex.cues.get(
        "campaign_nouns", []
    )


def not_owners(ctx: SentenceContext, persons: list[Ent]) -> list[Ent]:
    """``persons`` without those named only as the owner of an organization ("to join Musk's xAI startup",
    "a co-founder of Elon Musk's startup xAI"): the possessor of a company is not the one who moves; nor is
    a name of unsure kind an organization possesses (a product)."""
    doc = ctx.info.sent.doc
    end = ctx.info.sent.end
    nouns = set(ctx.lex.org_nouns)
    out = []
    for p in persons:
        owns = p.end < end and doc[p.end].text in POSSESSIVE_MARKS or p.text.endswith(POSSESSIVE_MARKS)
        after = p.end + 1 if p.end < end and doc[p.end].text in POSSESSIVE_MARKS else p.end
        named = any(e.kind == "org" and 0 <= e.start - after <= 3 for e in ctx.info.ents)
        if owns and (named or any(t.lower_ in nouns for t in doc[after : min(after + 4, end)])):
            continue
        if p.kind == "any" and _owned_by_org(ctx, p):
            continue  # "helped create Acme's Vector Processing Unit before founding Nexa": a product
        out.append(p)
    return out


def _owned_by_org(ctx: SentenceContext, p: Ent) -> bool:
    """Is the name ``p`` right after an organization's possessive mark ("Acme's X1 Engine")?"""
    doc = ctx.info.sent.doc
    k = p.start - 1
    if k <= ctx.info.sent.start or doc[k].text not in POSSESSIVE_MARKS:
        return False
    return any(e.kind == "org" and e.end == k for e in ctx.info.ents)


def unless_former(ctx: SentenceContext, org: Ent | None) -> Ent | None:
    """``org``, unless a word of the past stands right before it ("ex-Square exec X", "former Google
    engineer"): an organization someone has left is not where a move goes."""
    if org is None or org.end <= org.start:
        return org
    doc = ctx.info.sent.doc
    k = org.start - 1
    if k >= ctx.info.sent.start and doc[k].text == "-":
        k -= 1
    former = ctx.lex.cues.get("former", [])
    return None if k >= ctx.info.sent.start and doc[k].lower_ in former else org
