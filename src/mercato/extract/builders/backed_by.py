"""Backing stated in passing, in a clause about the company or the backer rather than by a verb of
the sentence: "Nova, soutenue par A et B", "Nova, dans laquelle A a investi", "A, investisseur de
Nova", "A, déjà actionnaire de Nova".

These clauses describe a name; the sentence's own verb is about something else (a hire, a product),
so the frame builders, which read a trigger's subject and object, do not see them. Each shape reads
the name the clause hangs on and the name inside it; the words live in the pattern data.
"""

from __future__ import annotations

from spacy.tokens import Token

from mercato.extract.builders import backers
from mercato.extract.builders.context import Candidate, SentenceContext, needs
from mercato.extract.entities import Ent
from mercato.extract.sentence import SentenceInfo

NAMES = ("org", "any", "person")  # who can back a company: firms, funds and people
PREPS = {"de", "d'", "du", "des", "of", "in"}  # "investisseur de X", "investor in X"
MAX_DESCRIPTION = 5  # words between a backer noun and "de X" ("de la première heure de X")


def facts(ctx: SentenceContext) -> list[Candidate]:
    """The backing this sentence states in apposition or in a relative clause."""
    out = _backed_apposition(ctx) + _relative_backing(ctx) + _backer_apposition(ctx) + _support_received(ctx)
    out += _capital_admitted(ctx)
    return [Candidate("investment", attrs, ctx.start, ctx.end, 0.6) for attrs in _unique(out)]


def names_a_kind(ctx: SentenceContext, tok: Token) -> bool:
    """Is ``tok`` part of the name of a kind of firm ("un fonds d'investissement", "an investment
    firm"), which tells what a company is, not that it invested? Only a noun names a kind: the verb
    of "raise funds" does not."""
    if tok.pos_ in ("VERB", "AUX"):
        return False
    doc = ctx.info.sent.doc
    before = doc[max(ctx.info.sent.start, tok.i - 2) : tok.i].text.lower()
    after = doc[tok.i + 1].lower_ if tok.i + 1 < ctx.info.sent.end else ""
    return ctx.cues("cues", "firm_kind_before", before + " ") or ctx.cues("cues", "firm_kind_after", after)


@needs("backed_participles")
def _backed_apposition(ctx: SentenceContext) -> list[dict[str, object]]:
    """ "Nova, soutenue par A et B, ...", "Nova, backed by A, ...": the name before the comma is backed."""
    info = ctx.info
    out: list[dict[str, object]] = []
    for tok in info.sent:
        if not ctx.cues("cues", "backed_participles", tok.lower_):
            continue
        target = _described_before(info, tok.i)
        if target is None:
            continue
        for e in backers.by_list(ctx, tok):
            if e.kind in NAMES and e.name != target.name:
                out.append(backers.backer(e.name, target.name, "done"))
    return out


def _relative_backing(ctx: SentenceContext) -> list[dict[str, object]]:
    """ "Nova, dans laquelle A a investi", "Nova, dont A est actionnaire", "Nova, in which A invested":
    the name before the relative pronoun is what the subject of the clause backs."""
    info = ctx.info
    doc = info.sent.doc
    out: list[dict[str, object]] = []
    for cue in ctx.cue_spans("relative_backing"):
        at, end = cue.start, cue.end
        if end >= info.sent.end:
            continue
        target = _named_before(info, at)
        investor = next((e for e in info.ents if 0 <= e.start - end <= 2 and e.kind in NAMES), None)
        if target is None or investor is None or investor.name == target.name:
            continue
        clause = doc[investor.end : min(info.sent.end, investor.end + 5)].text.lower()
        if ctx.cues("cues", "relative_backing_words", clause):
            out.append(backers.backer(investor.name, target.name, "done"))
    return out


def _backer_apposition(ctx: SentenceContext) -> list[dict[str, object]]:
    """ "A, investisseur de la première heure de Nova", "A, déjà actionnaire de Nova", "A, an early
    investor in Nova": the name before the comma backs the one the noun is of."""
    info = ctx.info
    doc = info.sent.doc
    out: list[dict[str, object]] = []
    for cue in ctx.cue_spans("backer_titles"):
        noun, end = cue.start, cue.end
        if end >= info.sent.end:
            continue
        investor = _described_before(info, noun, reach=4)
        if investor is None:
            continue
        if end < info.sent.end and ctx.cues("cues", "held_companies", doc[end : min(info.sent.end, end + 2)].text):
            # "A, l'un des premiers bailleurs de fonds d'entreprises telles que X et Y": A backs X and Y
            held = backers.members_after(ctx, doc[end])
            out += [backers.backer(investor.name, e.name, "done") for e in held if e.name != investor.name]
            continue
        after = [e for e in info.ents if end < e.start <= end + MAX_DESCRIPTION and e.kind in ("org", "any")]
        if not after or doc[after[0].start - 1].lower_ not in PREPS or doc[end].lower_ not in PREPS:
            continue
        gap = doc[end : after[0].start]
        if any(t.pos_ in ("VERB", "AUX") or t.text == "," for t in gap):
            continue
        if after[0].name != investor.name:
            out.append(backers.backer(investor.name, after[0].name, "done"))
    return out


def _support_received(ctx: SentenceContext) -> list[dict[str, object]]:
    """ "Nova a obtenu le soutien de A", "Nova, bénéficiant du soutien de A", "Nova won the backing of A":
    the name before a verb of receiving is backed by the one named after the support noun."""
    info = ctx.info
    doc = info.sent.doc
    out: list[dict[str, object]] = []
    for cue in ctx.cue_spans("support_nouns"):
        noun = cue.start
        if noun + 1 >= info.sent.end or doc[noun + 1].lower_ not in PREPS:
            continue
        verb = next(
            (t for t in doc[max(info.sent.start, noun - 4) : noun] if ctx.cues("cues", "receive_support", t.lower_)),
            None,
        )
        investor = next((e for e in info.ents if noun < e.start <= noun + 10 and e.kind in NAMES), None)
        if verb is None or investor is None:
            continue
        before = [e for e in info.ents if e.end <= verb.i and e.kind in ("org", "any") and not e.anaphor]
        if before and before[-1].name != investor.name and verb.i - before[-1].end <= 5:
            out.append(backers.backer(investor.name, before[-1].name, "done"))
    return out


def _capital_admitted(ctx: SentenceContext) -> list[dict[str, object]]:
    """ "Nova fait entrer à son capital le fonds de A", "Nova a ouvert son capital à A", "Nova opened
    its capital to A": the first name after the cue invests in the organization named just before it."""
    if not ctx.cues("cues", "capital_admitted", ctx.low):
        return []
    info = ctx.info
    out: list[dict[str, object]] = []
    for cue in ctx.cue_spans("capital_admitted"):
        investor = next((e for e in info.ents if cue.end <= e.start <= cue.end + 4 and e.kind in NAMES), None)
        before = [e for e in info.ents if e.end <= cue.start and e.kind in ("org", "any") and not e.anaphor]
        if investor is None or not before or cue.start - before[-1].end > 3:
            continue
        if any(t.pos_ in ("VERB", "AUX") or t.text == "," for t in info.sent.doc[before[-1].end : cue.start]):
            continue  # "A, qui a levé, ouvre son capital": the name before is not the subject
        if before[-1].name != investor.name:
            out.append(backers.backer(investor.name, before[-1].name, "done"))
    return out


def _described_before(info: SentenceInfo, at: int, reach: int = 2) -> Ent | None:
    """The name a clause starting at token ``at`` describes: the one right before it past a comma
    ("Nova, soutenue par"), with only a few describing words and no other name in between."""
    doc = info.sent.doc
    before = [e for e in info.ents if e.end <= at and e.kind in NAMES and not e.anaphor]
    before = [e for e in before if not all(_ticker(t) for t in doc[e.start : e.end])]  # "ACME.O"
    if not before:
        return None
    e = before[-1]
    gap = [t for t in doc[e.end : at] if not _ticker(t)]
    words = [t for t in gap if not t.is_punct]
    if not gap or gap[0].text != "," or len(words) > reach:
        return None
    if any(t.pos_ in ("VERB", "AUX", "PROPN") for t in words):
        return None
    return e


def _named_before(info: SentenceInfo, at: int) -> Ent | None:
    """The organization right before token ``at`` (a comma between at most)."""
    doc = info.sent.doc
    before = [e for e in info.ents if e.end <= at and e.kind in ("org", "any") and not e.anaphor]
    if not before:
        return None
    gap = doc[before[-1].end : at]
    return before[-1] if all(t.text == "," or _ticker(t) for t in gap) else None


def _ticker(t: Token) -> bool:
    """A stock ticker after a name ("Acme ACME.O")."""
    return t.text.isupper() and "." in t.text


def _unique(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    seen: set[tuple[object, object]] = set()
    out = []
    for r in rows:
        key = (r["investor"], r["target"])
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
