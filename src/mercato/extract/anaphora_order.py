"""Which organization "the company" / "la start-up" names when its own sentence names none.

``entities.resolve`` reads an anaphor first in its own sentence, then as the subject of the sentence
before, and otherwise as the organization the article has named most so far. That last guess picks an
incumbent or a firm named long before when the paragraph has just been about another one ("funds
invested in Kelvio ... The company hired ..." after three paragraphs on a giant). The order here is:
the organization of the same paragraph named last (the subject or the first one of its sentence),
then the article's subject; a paragraph that already names the guessed firm keeps it.
"""

from __future__ import annotations

from spacy.tokens import Doc

from mercato.extract.coref import fits_size, orgish
from mercato.extract.entities import Ent
from mercato.extract.lexicon import Lexicon


def prefer_recent(
    sdoc: Doc, ents: list[Ent], context: list[Ent], subject: str | None = None, lex: Lexicon | None = None
) -> None:
    """Rename each anaphor of ``ents`` (one chunk, already resolved) that its own sentence does not
    name: to the last organization of its paragraph before it, else to ``subject`` when given.
    ``context``: the mentions of the document's earlier chunks."""
    named = [x for x in context + ents if orgish(x) and not x.anaphor and x.name and x.kind != "none"]
    named.sort(key=lambda x: x.cstart)
    for e in ents:
        if not e.anaphor or e.owner is not None or e.kind != "org" or not e.name:
            continue
        if lex is not None and (led := _led_from_within(sdoc, e, named, lex)) is not None:
            e.name, e.known = led.name, led.known
            continue
        own = [x for x in named if x.sent == e.sent and x.cstart < e.cstart and not _in_clause(e, x)]
        inside = _fronted_participle(sdoc, e)
        if any(not (inside[0] <= x.start < inside[1]) for x in own):
            continue  # read in its own sentence: resolve's reading stands
        before = [x for x in named if x.para == e.para and x.cstart < e.cstart and x.sent < e.sent]
        fitting = [x for x in before if orgish(x) and fits_size(e, x.name)]
        if any(x.name == e.name for x in fitting):
            continue  # the paragraph names the guessed firm: it may well be the one meant
        if fitting:
            # the last sentence naming one: its subject, else the first named ("funds invested in
            # Lumio, a startup from Lyon": Lumio, not the place of its description)
            last = [x for x in fitting if x.sent == fitting[-1].sent]
            ref = next((x for x in last if x.subject), last[0])
            e.name, e.known = ref.name, ref.known
        elif subject and not before and fits_size(e, subject):
            e.name = subject
        elif own and (best := _most_named([x for x in named if x.cstart < e.cstart and x not in own], e)):
            # "Founded by researchers from A and B, the startup ...": A and B are not what was founded
            e.name, e.known = best.name, best.known


def _in_clause(anaphor: Ent, x: Ent) -> bool:
    """Is ``x`` inside the subject of the anaphor's own clause (never its referent)?"""
    a, b = anaphor.own_clause
    return x.sent == anaphor.sent and x.start < b and a < x.end


def _fronted_participle(sdoc: Doc, anaphor: Ent) -> tuple[int, int]:
    """The tokens of a participle phrase opening the anaphor's sentence, right before it ("Founded by
    researchers from A, the startup ...", "Fondée par des anciens de A, la start-up ..."): the anaphor
    is what the participle is about, so no organization inside it. (-1, -1) when there is none. Read
    by position: parsers often attach such a phrase wrongly."""
    first = sdoc[anaphor.start].sent.start
    while first < anaphor.start and (sdoc[first].is_punct or sdoc[first].is_space):
        first += 1
    head = sdoc[first]
    participle = head.tag_ == "VBN" or "Part" in head.morph.get("VerbForm")
    if not participle or anaphor.start < 2 or sdoc[anaphor.start - 1].text != ",":
        return (-1, -1)
    if any(t.pos_ == "AUX" or t.text in (";", ":") for t in sdoc[first + 1 : anaphor.start - 1]):
        return (-1, -1)  # another clause before the anaphor
    return (first, anaphor.start - 1)


def _most_named(named: list[Ent], anaphor: Ent) -> Ent | None:
    """The organization named most among ``named`` that ``anaphor`` can be (the last named on a tie)."""
    counts: dict[str, int] = {}
    last: dict[str, Ent] = {}
    for x in named:
        if x.kind == "org" and fits_size(anaphor, x.name):
            counts[x.name] = counts.get(x.name, 0) + 1
            last[x.name] = x
    if not counts:
        return None
    return last[max(counts, key=lambda n: (counts[n], last[n].cstart))]


def _led_from_within(sdoc: Doc, anaphor: Ent, named: list[Ent], lex: Lexicon) -> Ent | None:
    """The one organization inside the subject of a verb of leading whose object is the anaphor
    ("X, previously Acme's COO, will lead the company"): one is promoted to run the firm one is
    described by, where one joins ("will join the company") another."""
    root = sdoc[anaphor.start : anaphor.end].root
    verb = root.head
    if root.dep_ not in ("dobj", "obj") or not any(
        f.name == "lead" for f in lex.verb_frames(verb.lemma_.lower(), verb.lower_)
    ):
        return None
    inside = [x for x in named if _in_clause(anaphor, x) and x.cstart < anaphor.cstart]
    return inside[0] if inside and len({x.name for x in inside}) == 1 else None
