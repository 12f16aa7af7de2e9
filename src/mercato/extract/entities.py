"""Entity mentions of one parsed text: knowledge-base matches first, then spaCy's named entities.

The small English model often tags people as ORG (and OpenAI as GPE), so an entity's kind is
"person", "org", or "any" when the evidence is weak; the rules decide from the slot it fills.
Names are canonical: the KB's form when known, else the full name the document used first
("Altman" -> "Sam Altman"), else the text as written (new names are the news).

This module orders the passes; each lives in a module of its own: the mention (``mention``), what a
name looks like (``name_shape``), names beyond the knowledge base (``proper_nouns``), appositions
(``apposition``), and anaphors and document-level resolution (``coref``). The names other modules
import from here stay here.
"""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc

from mercato.extract import surnames
from mercato.extract.apposition import opening_names, org_apposition, org_noun_before, unit_apposition
from mercato.extract.coref import anaphora, resolve
from mercato.extract.lexicon import Lexicon
from mercato.extract.mention import Ent
from mercato.extract.name_shape import ORG_WORDS, date_like, headline_spans, names_a_product, names_a_round
from mercato.extract.proper_nouns import (
    ORG_LABELS,
    PERSON_LABELS,
    WEAK_LABELS,
    from_run,
    join_compounds,
    nicknamed,
    org_then_person,
    place_possessor,
    proper_nouns,
    repeats,
)
from mercato.link import names

_FUNDS = names.fund_words()

__all__ = ["ORG_WORDS", "Ent", "find_entities", "org_apposition", "resolve", "unit_apposition"]


def find_entities(sdoc: Doc, offset: int, kb: Any, lex: Lexicon, text: str | None = None) -> list[Ent]:
    """Mentions in one parsed chunk (``offset`` = its start in the document text; ``text``: the text
    parsed, which is ``sdoc.text``, when the caller has it: spaCy joins every token's text to give it)."""
    ents: list[Ent] = []
    taken = [False] * len(sdoc)
    text = sdoc.text if text is None else text
    if lex.media_re is not None:
        for m in lex.media_re.finditer(text):
            span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or any(taken[span.start : span.end]):
                continue
            for i in range(span.start, span.end):
                taken[i] = True
            ents.append(
                Ent(
                    span.start,
                    span.end,
                    offset + m.start(),
                    offset + m.end(),
                    m.group(0),
                    lex.media_names.get(m.group(0).lower(), m.group(0)),
                    "media",
                )
            )
    for m in kb.find(text):
        kind = getattr(m, "kind", None)
        if kind not in ("person", "org"):
            continue
        span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or any(taken[span.start : span.end]):
            continue
        end = _longer_org(sdoc, span.end) if kind == "org" else span.end
        for i in range(span.start, end):
            taken[i] = True
        if end > span.end:
            # "Orbitex Ventures": the known name and an organization's word is another organization
            longer = sdoc[span.start : end]
            ents.append(
                Ent(span.start, end, offset + m.start, offset + longer.end_char, longer.text, longer.text, "org")
            )
            continue
        ents.append(Ent(span.start, span.end, offset + m.start, offset + m.end, m.text, m.canonical, kind, True))
    ents.extend(nicknamed(sdoc, text, offset, taken))
    for ent in sdoc.ents:
        label = ent.label_
        if label not in PERSON_LABELS | ORG_LABELS | WEAK_LABELS:
            continue
        # the parts of the NER span not already covered by the KB
        run: list[int] = []
        for k in list(range(ent.start, ent.end)) + [None]:
            # "Facebook and Instagram", "Google, Apple": a list is several names
            if k is not None and not taken[k] and not (sdoc[k].pos_ == "CCONJ" or sdoc[k].text == ","):
                run.append(k)
                continue
            for part, part_label in org_then_person(sdoc, run, label):
                e = from_run(sdoc, part, part_label, offset, lex)
                if e is not None:
                    ents.append(e)
                    for j in range(e.start, e.end):
                        taken[j] = True
            run = []
    ents.extend(proper_nouns(sdoc, offset, lex, taken))
    ents.extend(opening_names(sdoc, offset, lex, taken))  # "Pigment, une start-up": a name the tagger missed
    heads = headline_spans(text)
    if heads:
        # Title Case headlines make every word a "name" ("Meta Denies"): trust only KB names there
        ents = [
            e for e in ents if e.known or e.kind == "media" or not any(a <= e.cstart - offset < b for a, b in heads)
        ]
    # "the Zuckerberg-led giant", "Microsoft-backed OpenAI": a name glued to "-led" describes the next one
    suffixes = set(names.attribute_suffixes())
    ents = [
        e
        for e in ents
        if not (
            e.end + 1 < len(sdoc)
            and sdoc[e.end].text in ("-", "–")
            and not sdoc[e.end].whitespace_
            and sdoc[e.end + 1].lower_ in suffixes
        )
    ]
    # "Abu Dhabi's Zenit", "China's DeepSeek": a place owning the next name locates it, it does not act
    starts = {e.start for e in ents}
    ents = [e for e in ents if e.known or not place_possessor(sdoc, e, starts)]
    rounds = lex.cue("cues", "funding")  # "a Series C round": the round's name is nobody
    # "Series-B", "$125M Series B" (the amount's "M" glued on): a name that ends in a round's name is the round
    ents = [e for e in ents if e.known or not names_a_round(rounds, e.name)]
    # "H100 GPU", "the chatbot Orla": a product is nobody; "invested in China": nor is a place
    places = names.places()
    ents = [
        e
        for e in ents
        if e.known
        or e.kind == "media"
        or not (names_a_product(sdoc, e.start, e.end, e.name) or e.name.lower() in places)
    ]
    ents = [e for e in ents if e.known or not date_like(sdoc, e)]
    ents = join_compounds(sdoc, sorted(ents, key=lambda e: e.start))
    ents = surnames.shared(sdoc, ents, offset)  # "siblings Nora and Tom Vale": Nora Vale too
    ents.extend(repeats(sdoc, offset, ents))
    _shared_surnames(sdoc, ents)
    for e in ents:
        # "X, the startup," or "the startup X": an organization in every mention
        unsure = not e.known and e.kind in ("any", "person")
        if unsure and (org_apposition(sdoc, e, lex) is not None or org_noun_before(sdoc, e, lex)):
            e.kind, e.described = "org", True
    ents.extend(anaphora(sdoc, text, offset, lex, taken, ents))
    ents.sort(key=lambda e: e.start)
    sent_starts = [sent.start for sent in sdoc.sents]
    chars = [sent.start_char for sent in sdoc.sents]
    for e in ents:
        e.sent = offset + chars[max(0, bisect.bisect_right(sent_starts, e.start) - 1)]
        e.subject = _is_subject(sdoc, e)
        e.para = offset + text.rfind("\n", 0, e.sent - offset) + 1
    return ents


def _shared_surnames(sdoc: Doc, ents: list[Ent]) -> None:
    """ "les frères Paul et Marc Drim", "Anna and Ben Ortiz": a lone first name coordinated with a full
    name shares its surname."""
    by_start = {e.start: e for e in ents}
    for e in ents:
        if e.kind != "person" or e.end - e.start < 2 or e.start < 2 or sdoc[e.start - 1].lower_ not in ("et", "and"):
            continue
        lone = by_start.get(e.start - 2)
        if lone is None or lone.end != lone.start + 1 or lone.kind != "person" or lone.known:
            continue
        before = sdoc[lone.start - 1] if lone.start >= 1 else None
        if before is not None and before.is_title and before.pos_ == "PROPN":
            continue  # "Nora Vale et Marc Drim": two full names
        lone.name, lone.kind = f"{lone.text} {sdoc[e.start + 1 : e.end].text}", "person"


def _is_subject(sdoc: Doc, e: Ent) -> bool:
    """Is the mention the subject of its clause ("X, a start-up from Lyon, raised...")?"""
    span = sdoc[e.start : e.end]
    root = next((t for t in span if not e.start <= t.head.i < e.end or t.head.i == t.i), span[0])
    return root.dep_.startswith("nsubj")


def _longer_org(sdoc: Doc, end: int) -> int:
    """The end of a known organization's name followed by capitalised words of a fund ("Ventures",
    "Capital"): the longest name wins; ``end`` when none follows."""
    while end < len(sdoc) and sdoc[end].is_title and sdoc[end].lower_ in _FUNDS:
        end += 1
    return end
