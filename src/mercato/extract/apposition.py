"""What a description around a name says of it: "X, the San Francisco startup," and "the startup X"
are organizations; "X, a new unit dedicated to ..." is a unit just created."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from mercato.extract.lexicon import Lexicon
from mercato.extract.mention import Ent


def org_apposition(sdoc: Doc, e: Ent, lex: Lexicon) -> int | None:
    """ "X, the San Francisco startup building agents,": an apposition naming X by an organization
    noun, with no job title in it ("X, the company's CEO" is a person), says X is an organization.
    Returns the index of that noun, or None."""
    if e.end + 2 >= len(sdoc) or sdoc[e.end].text != ",":
        return None
    i = e.end + 1
    while i < min(e.end + 11, len(sdoc)):
        tok = sdoc[i]
        word, last = tok.lower_, i
        if i + 2 < len(sdoc) and sdoc[i + 1].text == "-" and not sdoc[i + 1].whitespace_:
            word, last = f"{tok.lower_}-{sdoc[i + 2].lower_}", i + 2  # "start-up", split by the tokenizer
        nxt = sdoc[last + 1] if last + 1 < len(sdoc) else None
        if word in lex.org_nouns and tok.dep_ != "poss" and (nxt is None or nxt.lower_ not in ("'s", "’s")):
            # (tested first: taggers take "startup" for a verb)
            titled = any(t.lower_ in lex.titles for t in sdoc[last + 1 : last + 6] if not t.is_punct)
            named_next = sdoc[e.end + 1].pos_ == "DET" and _names_next(sdoc, last)
            return None if titled or named_next else last
        if tok.is_punct or tok.pos_ in ("VERB", "AUX") and tok.tag_ != "VBG" or tok.lower_ in lex.titles:
            return None
        i += 1
    return None


def _names_next(sdoc: Doc, noun: int) -> bool:
    """Does the organization noun at ``noun`` introduce the name right after it ("A et B, la start-up
    lyonnaise Vexa"): then it describes that name, not the one before the comma."""
    i = noun + 1
    while i < len(sdoc) and i - noun <= 2 and sdoc[i].pos_ == "ADJ" and sdoc[i].text.islower():
        i += 1
    return i < len(sdoc) and sdoc[i].text[:1].isupper() and sdoc[i].pos_ in ("PROPN", "X", "NOUN")


def unit_apposition(sdoc: Doc, e: Ent, lex: Lexicon) -> int | None:
    """ "X, a new unit dedicated to ...": X names a unit just created (its noun's index is returned),
    not an organization someone joins. A known organization ("DeepMind, le laboratoire de Google") is
    not a new unit's name."""
    if e.known or e.end + 2 >= len(sdoc) or sdoc[e.end].text != ",":
        return None
    new = False
    for tok in sdoc[e.end + 1 : e.end + 5]:
        if tok.lower_ in lex.unit_nouns:
            return tok.i if new else None
        new = new or tok.lower_ in lex.new_words
        if not (tok.pos_ in ("DET", "ADJ") or tok.lower_ in lex.new_words):
            return None
    return None


def org_noun_before(sdoc: Doc, e: Ent, lex: Lexicon) -> bool:
    """ "the startup Quillon", "AI firm Vexa", "la licorne française Vexio": a lowercase organization
    noun (and at most two lowercase adjectives) just before the name calls it an organization. Not when
    a verb follows the name and the phrase is no main clause's subject: "left the company Nora Vale
    founded" names her, where "the startup Quillon hired her" names a company."""
    i = e.start - 1
    while i >= 0 and e.start - i <= 2 and sdoc[i].pos_ == "ADJ" and sdoc[i].text.islower():
        i -= 1
    if i < 0 or not sdoc[i].text.islower():
        return False
    word = sdoc[i].lower_
    if word == "up" and i >= 2 and sdoc[i - 1].text == "-":
        word = f"{sdoc[i - 2].lower_}-up"  # "start-up", split by the tokenizer
    if word not in lex.org_nouns:
        return False
    if e.end >= len(sdoc) or sdoc[e.end].pos_ not in ("VERB", "AUX"):
        return True
    heads = (sdoc[i], sdoc[e.start : e.end].root)
    return any(t.dep_.startswith("nsubj") for t in heads)


def opening_names(sdoc: Doc, offset: int, lex: Lexicon, taken: list[bool]) -> list[Ent]:
    """ "Pigment, une start-up française, a levé...": a capitalised word opening a sentence that the
    tagger read as a common noun is a name when an apposition with an indefinite article right after
    it calls it an organization, closed by a comma before the main verb (the tagger reads most names
    at a sentence's start as proper nouns; a name that is also a word of the language it does not)."""
    out: list[Ent] = []
    for sent in sdoc.sents:
        tok = sent[0]
        if taken[tok.i] or tok.pos_ not in ("NOUN", "ADJ") or not tok.is_alpha or not tok.text[:1].isupper():
            continue
        if tok.i + 2 >= sent.end or sdoc[tok.i + 1].text != "," or not _indefinite(sdoc[tok.i + 2]):
            continue
        e = Ent(tok.i, tok.i + 1, offset + tok.idx, offset + tok.idx + len(tok.text), tok.text, tok.text, "org")
        noun = org_apposition(sdoc, e, lex)
        # the apposition closes before the main verb ("Surprise, une start-up a levé" names no one)
        if noun is not None and any(t.text == "," for t in sdoc[noun + 1 : sent.root.i]):
            e.described = True
            out.append(e)
    return out


def _indefinite(tok: Token) -> bool:
    """Is ``tok`` an indefinite article ("une", "a")?"""
    return tok.pos_ == "DET" and "Ind" in tok.morph.get("Definite")
