"""Given names that share the surname of the next name: "siblings Nora and Tom Vale", "Anna et Paul
Morel". News writes a couple or two siblings this way; the first is a person of that surname, not a
lone word the tagger drops or an organization called by a given name.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from mercato.extract.mention import Ent

AND = {"and", "et", "&"}


def shared(sdoc: Doc, ents: list[Ent], offset: int) -> list[Ent]:
    """``ents`` with each lone given name before "and" and a two-word person's name made that person's
    namesake ("Nora and Tom Vale": "Nora Vale"), added when the tagger left it out."""
    covered = {i for x in ents for i in range(x.start, x.end)}
    added: list[Ent] = []
    for e in ents:
        if e.kind != "person" or e.known or e.end - e.start != 2 or e.start < 2:
            continue
        first = sdoc[e.start - 2]
        if sdoc[e.start - 1].lower_ not in AND or not _given_name(first):
            continue
        name = f"{first.text} {sdoc[e.end - 1].text}"
        lone = next((x for x in ents if x.start == first.i), None)
        if lone is None and first.i not in covered:
            cstart = offset + first.idx
            added.append(Ent(first.i, first.i + 1, cstart, cstart + len(first.text), first.text, name, "person"))
        elif lone is not None and lone.end == first.i + 1 and not lone.known and lone.kind in ("person", "any"):
            lone.name, lone.kind = name, "person"
    return sorted(ents + added, key=lambda x: x.start) if added else ents


def _given_name(t: Token) -> bool:
    """A capitalized word of letters the tagger calls a proper noun, not opening the sentence."""
    return t.pos_ == "PROPN" and t.is_title and t.is_alpha and not t.is_sent_start
