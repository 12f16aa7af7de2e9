"""An unnamed group that moves with the people a sentence names, on either side of the names.

After the names: "hired A and B, along with a handful of other engineers from the lab", "rejoindront
Google aux côtés d'autres collaborateurs de la start-up". Before them: "hired most of Acme's 70
employees as well as A and B", "a embauché la plupart des employés d'Acme ainsi que A et B". The group
comes from the organization it names (a company noun standing for one counts), else from where the
named people were.
"""

from __future__ import annotations

from spacy.tokens import Token

from mercato.extract import deps
from mercato.extract.builders.common import Group
from mercato.extract.builders.context import SentenceContext
from mercato.extract.entities import Ent

AFTER_REACH = 16  # words between the last name and the group noun
COUNT_REACH = 3  # words between the trigger and a group noun whose number is the group's size
NAME_REACH = 3  # words between the companions cue and a name it introduces
ORG_REACH = 6  # words between the group noun and its organization ("collaborateurs de la start-up X")


def companions(ctx: SentenceContext, tok: Token, persons: list[Ent], shared: tuple[Ent, str] | None) -> Group | None:
    """The group moving besides ``persons`` (named after trigger ``tok``), or None."""
    return _after(ctx, persons, shared) or _before(ctx, tok, persons)


def _after(ctx: SentenceContext, persons: list[Ent], shared: tuple[Ent, str] | None) -> Group | None:
    info = ctx.info
    doc, last = info.sent.doc, persons[-1]
    rx = ctx.lex.cue("markers", "companions")
    for t in doc[last.end : min(last.end + AFTER_REACH, info.sent.end)]:
        if t.lower_ not in ctx.lex.group_nouns or t.pos_ not in ("NOUN", "PRON"):
            continue
        cue = rx.search(doc[last.end : t.i].text)
        if cue is None:
            return None
        words = doc[last.end + 1 : t.i].text[cue.end() :]
        count = deps.parse_count(words, ctx.lang) if any(c.isdigit() for c in words) else None
        after = [e for e in info.ents if e.fits("org") and e.name and 0 < e.start - t.i <= ORG_REACH]
        org = after[0] if after and (not after[0].anaphor or after[0].size == "small") else None
        return count, org or (shared[0] if shared else None), []
    return None


def _before(ctx: SentenceContext, tok: Token, persons: list[Ent]) -> Group | None:
    """ "hired most of Acme's employees as well as A": a group noun between the trigger and the names,
    the companions cue right before the first name."""
    info = ctx.info
    doc, first = info.sent.doc, persons[0]
    if first.start <= tok.i:
        return None
    noun = next(
        (t for t in doc[tok.i + 1 : first.start] if t.lower_ in ctx.lex.group_nouns and t.pos_ in ("NOUN", "PRON")),
        None,
    )
    if noun is None or any(t.pos_ in ("VERB", "AUX") for t in doc[tok.i + 1 : first.start]):
        return None
    rx = ctx.lex.cue("markers", "companions")
    cue = None
    for t in doc[noun.i + 1 : first.start]:  # the first name, or one listed after the group ("ainsi que A")
        if rx.match(doc[t.i : first.start].text):
            cue = t.i
            break
    if cue is None or not any(0 < p.start - cue <= NAME_REACH for p in info.candidates("person")):
        return None
    orgs = [e for e in info.ents if e.fits("org") and e.name and noun.i < e.start and e.end <= cue]
    orgs += [e for e in info.ents if e.fits("org") and e.name and tok.i < e.start and e.end <= noun.i]
    words = doc[tok.i + 1 : noun.i]
    count = None
    if noun.i - tok.i <= COUNT_REACH and any(c.isdigit() for c in words.text):
        count = deps.parse_count(words.text, ctx.lang)
    return count, (orgs[0] if orgs else None), []
