"""Names in a parsed chunk beyond the knowledge base: spaCy's named entities cleaned of what is not a
name (titles, descriptions, places, rounds), the proper nouns it missed, names it cut in two, and the
later mentions of a name it found once.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from mercato.extract.lexicon import Lexicon
from mercato.extract.mention import Ent
from mercato.extract.name_shape import (
    ADJECTIVAL,
    CALENDAR,
    GENERIC,
    ORG_WORDS,
    TITLES,
    after_title,
    clean_name,
    describes_next,
    dotted,
    only_titles,
)

PERSON_LABELS = {"PERSON", "PER"}
ORG_LABELS = {"ORG"}
WEAK_LABELS = {"MISC", "GPE", "NORP", "PRODUCT", "FAC", "WORK_OF_ART", "LOC"}


def place_possessor(sdoc: Doc, e: Ent, starts: set[int]) -> bool:
    """An unknown name the NER calls a place, followed by "'s" and another name."""
    return (
        e.end + 1 < len(sdoc)
        and sdoc[e.end].lower_ in ("'s", "’s", "'")
        and e.end + 1 in starts
        and all(t.ent_type_ in ("GPE", "LOC") for t in sdoc[e.start : e.end])
    )


def org_then_person(sdoc: Doc, run: list[int], label: str) -> list[tuple[list[int], str]]:
    """ "Vela Labs Daniel Rossi" tagged one organization: the name after the organization's last
    word ("Labs", "Capital", "AI") is a person's, when it is two or three capitalised words."""
    if len(run) in (3, 4) and _camel(sdoc[run[0]].text):
        tail = [sdoc[i] for i in run[1:]]
        if all(t.pos_ == "PROPN" and t.is_title and t.lower_ not in ORG_WORDS for t in tail):
            # "LinkedIn Reid Hoffman": a name written in CamelCase is a company's, the rest a person's
            return [(run[:1], "ORG"), (run[1:], "PERSON")]
    if not run or label not in ORG_LABELS:
        return [(run, label)] if run else []
    for k in range(len(run) - 3, max(len(run) - 5, -1), -1):
        tail = [sdoc[i] for i in run[k + 1 :]]
        if (
            k >= 0
            and sdoc[run[k]].lower_ in ORG_WORDS
            and 2 <= len(tail) <= 3
            and all(t.pos_ == "PROPN" and t.is_title and t.lower_ not in ORG_WORDS for t in tail)
        ):
            return [(run[: k + 1], label), (run[k + 1 :], "PERSON")]
    return [(run, label)]


_CAMEL = re.compile(r"(?!Mc|Mac|De|Di|Da|La|Le|Van|Von)[A-Z][a-z]+[A-Z][A-Za-z]*")


def _camel(word: str) -> bool:
    """ "LinkedIn", "DeepMind": a capital inside a word (but "McKay", "DeVries", ...) marks a brand."""
    return _CAMEL.fullmatch(word) is not None


def _before_lowercase_tail(sdoc: Doc, a: int, b: int) -> int:
    """Where a name ends when the NER ran on into an amount ("Corvane pour 2 milliards"): at a
    lowercase preposition followed by a number (lowercase words otherwise belong to names such as
    "Institut national de recherche")."""
    for k in range(a + 1, b - 1):
        if sdoc[k].is_lower and sdoc[k].pos_ == "ADP" and sdoc[k + 1].like_num:
            return k
    return b


def from_run(sdoc: Doc, run: list[int], label: str, offset: int, lex: Lexicon) -> Ent | None:
    a, b = run[0], run[-1] + 1
    noise = lex.title_words
    while a < b and (sdoc[a].lower_ in noise or sdoc[a].is_punct or sdoc[a].pos_ in ("DET", "ADP")):
        a += 1
    while b > a and (sdoc[b - 1].is_punct or sdoc[b - 1].lower_ in ("'s", "’s", "'") or sdoc[b - 1].lower_ in noise):
        b -= 1
    b = _before_lowercase_tail(sdoc, a, b)
    # "Israeli AI company Deci AI": the NER's span ends in a lowercase common noun, a description of
    # the name that follows, not a name itself
    last = sdoc[b - 1] if b > a else None
    if last is not None and last.pos_ == "NOUN" and last.text.islower() and last.lower_ in lex.org_nouns:
        return None
    a = after_title(sdoc, a, b)
    if a >= b:
        return None
    span = sdoc[a:b]
    if not any(t.pos_ == "PROPN" or (t.text[:1].isupper() and t.is_alpha) for t in span):
        return None
    name = clean_name(span.text)
    if len(name) < 2 or not any(c.isalpha() for c in name):
        return None
    words = [w.lower() for w in name.split()]
    if all(w in GENERIC for w in words) or ADJECTIVAL.search(name) or only_titles(name):
        return None  # "Alphabet-owned", "Paris-based": an attribute of the next name, not an actor
    orgish = any(w in ORG_WORDS for w in words) or dotted(name.split()[-1])
    if label in PERSON_LABELS:
        kind = "org" if orgish else "person"
    elif label in ORG_LABELS:
        titled = all(w[:1].isupper() and w.replace("-", "").isalpha() for w in name.split())
        kind = "any" if (not orgish and 2 <= len(words) <= 3 and titled) else "org"
    else:
        if label in ("GPE", "LOC", "NORP", "FAC") and not orgish:
            return None
        kind = "org" if orgish else "any"
    return Ent(a, b, offset + span.start_char, offset + span.end_char, span.text, name, kind)


def join_compounds(sdoc: Doc, ents: list[Ent]) -> list[Ent]:
    """One name the NER cut in two ("Vector" + "Forge"): adjacent unknown proper nouns, the first a
    compound modifier of the second, are one mention (of their kind when they agree; an organization
    when either is one, since a person's name is rarely cut in two)."""
    out: list[Ent] = []
    for e in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.end == e.start
            and not (prev.known or e.known)
            and prev.kind in ("any", "org", "person")
            and e.kind in ("any", "org", "person")
            and sdoc[prev.end - 1].pos_ == "PROPN"
            and sdoc[prev.end - 1].dep_ == "compound"
            and e.start <= sdoc[prev.end - 1].head.i < e.end
            and sdoc[prev.end - 1].whitespace_
        ):
            span = sdoc[prev.start : e.end]
            kind = e.kind if e.kind == prev.kind else "org" if "org" in (e.kind, prev.kind) else "any"
            out[-1] = Ent(prev.start, e.end, prev.cstart, e.cend, span.text, clean_name(span.text), kind)
            continue
        out.append(e)
    return out


def proper_nouns(sdoc: Doc, offset: int, lex: Lexicon, taken: list[bool]) -> list[Ent]:
    """Runs of capitalised proper nouns the NER missed ("Priya Raman", "xAI"): kind unknown ("any")."""
    out: list[Ent] = []
    run: list[int] = []
    for tok in list(sdoc) + [None]:
        ok = (
            tok is not None
            and not taken[tok.i]
            and (tok.pos_ == "PROPN" or dotted(tok.text))
            and any(c.isupper() for c in tok.text)
            and tok.text[0].isalnum()
            and tok.lower_ not in lex.title_words
            and tok.lower_ not in CALENDAR
            and not tok.like_num
            and len(run) < 4
        )
        if ok:
            run.append(tok.i)
            continue
        if run:
            span = sdoc[after_title(sdoc, run[0], run[-1] + 1) : run[-1] + 1]
            name = clean_name(span.text)
            titles_only = all(t.lower_ in TITLES for t in span)  # "General Counsel" before a name
            titles_only = titles_only or describes_next(sdoc, span.end, lex)
            if (
                len(name) >= 2
                and not titles_only
                and not all(w.lower() in GENERIC for w in name.split())
                and not ADJECTIVAL.search(name)
            ):
                words = [w.lower() for w in name.split()]
                kind = "org" if any(w in ORG_WORDS for w in words) or dotted(name.split()[-1]) else "any"
                out.append(
                    Ent(
                        span.start,
                        span.end,
                        offset + span.start_char,
                        offset + span.end_char,
                        span.text,
                        name,
                        kind,
                    )
                )
            run = []
        if tok is not None and ok is False and tok.pos_ == "PROPN" and not taken[tok.i] and len(run) >= 4:
            run = []
    return out


def repeats(sdoc: Doc, offset: int, ents: list[Ent]) -> list[Ent]:
    """The other mentions of a name of two words or more that the tagger found once: it reads "Orbital
    AI" in a headline and misses it two lines down, where "Orbital" looks like an adjective. One name
    is one referent within an article. (Matched on tokens, in one pass: a regex per name was a visible
    share of extraction.)"""
    covered = [False] * len(sdoc)
    for e in ents:
        covered[e.start : e.end] = [True] * (e.end - e.start)
    by_first: dict[str, list[tuple[list[str], Ent]]] = {}
    seen: set[tuple[str, ...]] = set()
    for e in ents:
        if e.kind not in ("org", "person", "any") or len(e.text.split()) < 2 or not e.text[:1].isupper():
            continue
        words = [t.text for t in sdoc[e.start : e.end]]
        if tuple(words) not in seen:
            seen.add(tuple(words))
            by_first.setdefault(words[0], []).append((words, e))
    out: list[Ent] = []
    if not by_first:
        return out
    for tok in sdoc:
        for words, seed in by_first.get(tok.text, ()):
            i, j = tok.i, tok.i + len(words)
            if j > len(sdoc) or any(covered[i:j]) or any(sdoc[i + k].text != w for k, w in enumerate(words)):
                continue
            covered[i:j] = [True] * (j - i)
            span = sdoc[i:j]
            out.append(
                Ent(
                    i,
                    j,
                    offset + span.start_char,
                    offset + span.end_char,
                    span.text,
                    seed.name,
                    seed.kind,
                    seed.known,
                    described=seed.described,
                )
            )
    return out


_NICKNAMED = re.compile(r"\b([A-Z][\w'-]+)\s+\(([A-Z][\w'-]+)\)\s+([A-Z][\w'-]+)\b")


def nicknamed(sdoc: Doc, text: str, offset: int, taken: list[bool]) -> list[Ent]:
    """ "Lin (Lina) Okafor": a person's name with a nickname in brackets between first and last names,
    which the tagger cuts in two; the person is the first and last names."""
    out: list[Ent] = []
    for m in _NICKNAMED.finditer(text):
        span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or any(taken[span.start : span.end]) or any(t.pos_ != "PROPN" for t in span if t.is_alpha):
            continue
        if {m.group(1).lower(), m.group(3).lower()} & ORG_WORDS:
            continue
        for i in range(span.start, span.end):
            taken[i] = True
        name = f"{m.group(1)} {m.group(3)}"
        out.append(Ent(span.start, span.end, offset + m.start(), offset + m.end(), m.group(0), name, "person"))
    return out
