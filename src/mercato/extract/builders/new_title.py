"""A person named as the holder of a new title: an arrival (or a new role) with no move verb.

"X is the new CTO of Acme", "X will be Acme's new chief scientist", "Acme's new interim CEO, X, said",
"X, the new head of Acme, said": the words of novelty (``cues.new_title``) before a title say the
person has just taken it. The title's organization is the one named by "of"/"at" after it or as its
possessor before it (a name, not "the company", whose referent is a guess); with neither, a copula
("X is the new CTO") joins the organization people last moved to in the article. A person the text
ties to another organization comes from there.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract.builders.common import ROLE_STOP, status, tidy
from mercato.extract.builders.context import DocState, SentenceContext
from mercato.extract.entities import Ent
from mercato.extract.sentence import OF_ORG

POSSESSIVE_MARKS = ("'s", "’s", "'", "’")
MAX_TITLE = 6


def build(ctx: SentenceContext, state: DocState) -> list[dict[str, Any]]:
    """The moves of the sentence's people named as holders of a new title."""
    info = ctx.info
    doc = info.sent.doc
    out: list[dict[str, Any]] = []
    for span in ctx.cue_spans("new_title"):
        words = _title(ctx, span.end)
        if not words:
            continue
        title = tidy(" ".join(t.text for t in words))
        after = words[-1].i + 1
        org = _org_at(ctx, after) if after < info.sent.end and doc[after].lower_ in OF_ORG else None
        found = _holder(ctx, span.start, after)
        if found is None:
            continue
        person, owner, copula = found
        org = org or owner
        if org is None and copula and state.hirer:  # "X is the new CTO": where the last people went
            org = Ent(0, 0, 0, 0, state.hirer, state.hirer, "org")
        if org is None:
            continue
        aff = info.affiliation.get(id(person))
        origin = aff[0].name if aff is not None and aff[0].name != org.name else None
        st = status(ctx, span[0], [person])
        out.append(
            {"person": person.name, "count": None, "from_org": origin, "to_org": org.name, "role": title, "status": st}
        )
    return out


def _title(ctx: SentenceContext, start: int) -> list[Token]:
    """The title words from ``start`` up to a preposition, a stop word, a verb or a name."""
    info, lex = ctx.info, ctx.lex
    people = {i for e in info.ents if e.kind == "person" for i in range(e.start, e.end)}
    words: list[Token] = []
    for t in info.sent.doc[start : min(start + MAX_TITLE, info.sent.end)]:
        if t.lower_ in ROLE_STOP or t.lower_ in OF_ORG or t.pos_ in ("VERB", "AUX") or t.i in people:
            break
        words.append(t)
    return words if any(t.lower_ in lex.titles for t in words) else []


def _org_at(ctx: SentenceContext, i: int) -> Ent | None:
    """The organization named right after the preposition at ``i`` ("of Acme", "at Acme")."""
    return next((e for e in ctx.info.ents if e.start in (i + 1, i + 2) and e.fits("org")), None)


def _holder(ctx: SentenceContext, cue: int, after: int) -> tuple[Ent, Ent | None, bool] | None:
    """Who holds the title whose novelty word starts at ``cue`` and which ends before ``after``: (the
    person, the organization owning the title before it, whether a copula ties them)."""
    info = ctx.info
    doc = info.sent.doc
    persons = [e for e in info.ents if e.kind == "person"]
    j = cue - 1
    while j >= info.sent.start and doc[j].pos_ == "DET":
        j -= 1
    if j < info.sent.start:
        return None
    if doc[j].lemma_ == "be" and doc[j].pos_ in ("AUX", "VERB"):
        # "X is the new CTO", "X will be the new CTO", "X is Acme's new CTO"
        k = j
        while k > info.sent.start and doc[k - 1].pos_ in ("AUX", "ADV", "PART"):
            k -= 1
        subject = next((p for p in persons if p.end == k), None)
        return (subject, None, True) if subject is not None else None
    owner = next(
        (
            e
            for e in info.ents
            if e.fits("org")
            and not e.anaphor
            and (e.end == j and doc[j].text in POSSESSIVE_MARKS or e.end == j + 1 and e.text.endswith(POSSESSIVE_MARKS))
        ),
        None,
    )
    if owner is not None:
        # "Acme's new CTO, X" (the name in apposition), or "X is Acme's new CTO"
        k = owner.start - 1
        while k >= info.sent.start and doc[k].pos_ in ("DET",):
            k -= 1
        if k >= info.sent.start and doc[k].lemma_ == "be":
            found = _holder(ctx, owner.start, after)
            return (found[0], owner, True) if found is not None else None
        if after < info.sent.end and doc[after].text == ",":
            named = next((p for p in persons if p.start == after + 1), None)
            return (named, owner, False) if named is not None else None
        return None
    if doc[j].text == "," and cue - j <= 2:  # "X, the new head of Acme,"
        named = next((p for p in persons if p.end == j), None)
        return (named, None, False) if named is not None else None
    return None
