"""Founding moves: who founded a company with whom, and which company a fronted participle founds.

The move builder reads "X founded Y" like any move; this module adds the two layouts its slots do not
reach: the co-founders named after "with" ("X co-founded Y with Z", "X a cofondé Y avec Z"), and the
company named after a participial phrase that opens the sentence ("Founded in 2016 by A and B, Y
builds...", "Fondée par A et B, Y..."), where Y is the subject of the main clause, not of the trigger.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from mercato.extract.builders.context import SentenceContext
from mercato.extract.entities import Ent

MAX_GAP = 6  # words a descriptor may take between "with" and the name ("with LinkedIn billionaire Z")


def cofounders(ctx: SentenceContext, tok: Token, persons: list[Ent], to_org: Ent | None) -> list[Ent]:
    """The people named after a co-founding cue following the trigger ("with", "alongside", "avec")."""
    info = ctx.info
    doc = info.sent.doc
    rx = ctx.lex.cue("cues", "cofounders")
    if not persons and not _described_founder(ctx, tok):
        return []  # co-founders found a company with someone the sentence names or describes
    for e in info.candidates("person"):
        if e.start <= tok.i or e in persons or e.kind != "person" or e.start - tok.i > 20:
            continue
        if to_org is not None and e.start < to_org.end:
            continue
        start = max(tok.i + 1, to_org.end if to_org is not None else tok.i + 1)
        gap = doc[start : e.start]
        cue = None
        for t in gap:
            if rx.match(doc[t.i : e.start].text):
                cue = t.i
                break
        described = cue is not None and _described(ctx, doc[cue + 1 : e.start])
        if cue is None or e.start - cue > MAX_GAP + described:
            return []
        if described:
            gap = doc[start : e.start - 1]  # "avec le cofondateur de X, Z": the comma closes Z's description
        if any(t.pos_ in ("VERB", "AUX") or t.text in (",", ";", ":", "(", ")") for t in gap):
            return []
        return info.group_from(e, "person", +1)
    return []


def _described(ctx: SentenceContext, words: Span) -> bool:
    """Do ``words`` describe the co-founder named right after their closing comma ("with the co-founder
    of X, Z", "avec le cofondateur de X, Z"): a title among a few words, no other punctuation?"""
    if len(words) < 2 or words[-1].text != "," or len(words) > MAX_GAP + 1:
        return False
    inner = words[:-1]
    return any(t.lower_ in ctx.lex.titles for t in inner) and not any(t.is_punct for t in inner)


def _described_founder(ctx: SentenceContext, tok: Token) -> bool:
    """Is the subject of ``tok`` a person described, not named ("L'ancien chercheur de X a fondé Y avec
    A"): a title, a word of former staff or a personal pronoun heads it?"""
    words = ctx.lex.titles | ctx.lex.person_pronouns | ctx.rules.former
    subj = [c for c in tok.children if c.dep_.startswith("nsubj") and c.pos_ in ("NOUN", "PRON")]
    return (
        bool(subj)
        and not any(e.start <= subj[0].i < e.end for e in ctx.info.ents)
        and (subj[0].lower_ in words or any(t.lower_ in words for t in subj[0].lefts))
    )


def fronted_company(ctx: SentenceContext, tok: Token, persons: list[Ent]) -> tuple[Ent | None, list[Ent]]:
    """The company a participle opening the sentence founds, and its founders: the first name after
    the comma that closes the phrase ("Founded in 2016 by A and B, Acme builds..."), which the list of
    founders may have swallowed when its kind is unsure."""
    info = ctx.info
    doc = info.sent.doc
    lead = [t for t in doc[info.sent.start : tok.i] if not t.is_punct and t.lower_ not in ("co", "co-")]
    if lead or not persons:
        return None, persons
    if len(persons) > 1 and persons[-1].kind == "any" and doc[persons[-1].start - 1].text == ",":
        persons = persons[:-1]  # "par A et B, Nexa Robotique": the unsure name after the comma
    last = persons[-1].end
    comma = next((t.i for t in doc[last : min(last + 4, info.sent.end)] if t.text == ","), None)
    if comma is None:
        return None, persons
    # "..., San Francisco-based Acme sells": a hyphened modifier of place may stand before the name, and
    # a company noun ("la jeune pousse Nexa")
    nxt = [
        e
        for e in info.ents
        if e.kind in ("org", "any", "person")
        and (0 < e.start - comma <= 6 or 0 < e.start - comma <= 7 and _company_noun(ctx, doc[comma + 1 : e.start]))
    ]
    nouns = ctx.lex.org_nouns  # "la jeune pousse": taggers take the noun for a verb
    if not nxt or any(_verb(t) and t.lower_ not in nouns for t in doc[comma + 1 : nxt[0].start]):
        return None, persons
    between = doc[comma + 1 : nxt[0].start]
    if nxt[0].start - comma > 3 and not any(t.text == "-" for t in between) and not _company_noun(ctx, between):
        return None, persons
    e = nxt[0]
    if e.kind == "person":
        return None, persons  # a personal name is nobody's company
    return Ent(e.start, e.end, e.cstart, e.cend, e.text, e.name, "org", e.known), persons


def main_clause_origin(ctx: SentenceContext, tok: Token, to_org: Ent | None, from_org: Ent | None) -> Ent | None:
    """``from_org``, unless it is in the main clause after a fronted participle ("Founded by A, Acme
    received money from B": B is no place A came from)."""
    if from_org is None or to_org is None or not to_org.end <= from_org.start or to_org.start < tok.i:
        return from_org
    doc = ctx.info.sent.doc
    if any(not t.is_punct and t.lower_ not in ("co", "co-") for t in doc[ctx.info.sent.start : tok.i]):
        return from_org
    return None


def _verb(t: Token) -> bool:
    """A verb, not a participle glued to a name by a hyphen ("Paris-based", "Alphabet-owned")."""
    return t.pos_ in ("VERB", "AUX") and not (t.i > 0 and t.nbor(-1).text == "-")


def _company_noun(ctx: SentenceContext, words: Span) -> bool:
    """Do ``words`` describe the name they precede as a company ("la start-up française", "the AI startup")?"""
    return not any(t.text in (",", ";", ":") for t in words) and any(
        w in ctx.lex.org_nouns for w in words.text.lower().split()
    )


def fronted_company_after_group(ctx: SentenceContext, tok: Token) -> Ent | None:
    """The company after a fronted participle whose founders are an unnamed group ("Fondée en 2021 par
    des anciens d'OpenAI, Anthropic développe...", "Founded by former X employees, including A, Y builds"):
    the first name after a comma of the phrase that the main verb follows."""
    info = ctx.info
    doc = info.sent.doc
    if any(not t.is_punct and t.lower_ not in ("co", "co-") for t in doc[info.sent.start : tok.i]):
        return None
    members = {w for w in ctx.lex.cues.get("members", []) if " " not in w}
    particles = {w.lower() for w in ctx.lex.cues.get("negation_particles", [])}
    for t in doc[tok.i + 1 : min(tok.i + 30, info.sent.end)]:
        if t.pos_ in ("VERB", "AUX") and t.lower_ not in members:
            return None  # past the participle's phrase ("including" names its members)
        if t.text != ",":
            continue
        e = next((e for e in info.ents if 0 < e.start - t.i <= 3 and e.kind in ("org", "any")), None)
        if e is None:
            continue
        # the main verb right after the company, past a negation particle ("Y n'a pas ...")
        verb = next((v for v in doc[e.end : info.sent.end] if v.lower_ not in particles), None)
        if verb is not None and verb.pos_ in ("VERB", "AUX"):
            return Ent(e.start, e.end, e.cstart, e.cend, e.text, e.name, "org", e.known)
    return None


def relative_antecedent(
    ctx: SentenceContext, tok: Token, founds: bool, to_org: Ent | None, right: list[Ent]
) -> tuple[Ent | None, list[Ent]]:
    """ "OpenAI, which he co-founded", "Y, a venture that X also co-founded", "Y, qu'il a cofondée": the
    company founded is the antecedent of the relative pronoun before the trigger (its object slot is empty)."""
    if not founds or to_org is not None or right:
        return to_org, right
    info = ctx.info
    doc = info.sent.doc
    rel = ctx.lex.cues.get("relative_objects", [])
    k = next((j for j in range(tok.i - 1, max(tok.i - 7, info.sent.start - 1), -1) if doc[j].lower_ in rel), None)
    glued = ctx.lex.cues.get("verb_prefixes", [])  # "co-founded" read as three words
    between = [t for t in doc[k + 1 : tok.i] if t.lower_ not in glued and t.text != "-"] if k is not None else []
    if k is None or any(t.pos_ in ("VERB", "NOUN") or t.text in (",", ";") for t in between):
        return to_org, right
    before = [
        e
        for e in info.ents
        if e.fits("org") and e.kind != "person" and 0 <= k - e.end <= 8 and (e.end == k or doc[e.end].text == ",")
    ]
    if not before:
        return to_org, right
    return before[-1], [before[-1]]
