"""Which organization "the company" / "la start-up" names when its own sentence names none.

``entities.resolve`` reads an anaphor first in its own sentence, then as the subject of the sentence
before, and otherwise as the organization the article has named most so far. That last guess picks an
incumbent or a firm named long before when the paragraph has just been about another one ("funds
invested in Kelvio ... The company hired ..." after three paragraphs on a giant). The order here is:
the organization of the same paragraph named last (the subject or the first one of its sentence),
then the article's subject; a paragraph that already names the guessed firm keeps it.
"""

from __future__ import annotations

from mercato.extract.coref import fits_size, orgish
from mercato.extract.entities import Ent


def prefer_recent(ents: list[Ent], context: list[Ent], subject: str | None = None) -> None:
    """Rename each anaphor of ``ents`` (one chunk, already resolved) that its own sentence does not
    name: to the last organization of its paragraph before it, else to ``subject`` when given.
    ``context``: the mentions of the document's earlier chunks."""
    named = [x for x in context + ents if orgish(x) and not x.anaphor and x.name and x.kind != "none"]
    named.sort(key=lambda x: x.cstart)
    for e in ents:
        if not e.anaphor or e.owner is not None or e.kind != "org" or not e.name:
            continue
        if any(x.sent == e.sent and x.cstart < e.cstart and not _in_clause(e, x) for x in named):
            continue  # read in its own sentence: resolve's reading stands
        before = [x for x in named if x.para == e.para and x.cstart < e.cstart and x.sent < e.sent]
        fitting = [x for x in before if x.kind == "org" and fits_size(e, x.name)]
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


def _in_clause(anaphor: Ent, x: Ent) -> bool:
    """Is ``x`` inside the subject of the anaphor's own clause (never its referent)?"""
    a, b = anaphor.own_clause
    return x.sent == anaphor.sent and x.start < b and a < x.end
