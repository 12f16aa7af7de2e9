"""Entity mentions of one parsed text: knowledge-base matches first, then spaCy's named entities.

The small English model often tags people as ORG (and OpenAI as GPE), so an entity's kind is
"person", "org", or "any" when the evidence is weak; the rules decide from the slot it fills.
Names are canonical: the KB's form when known, else the full name the document used first
("Altman" -> "Sam Altman"), else the text as written (new names are the news).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Span

from mercato.extract.lexicon import Lexicon
from mercato.link import names

INCUMBENTS_FILE = Path(__file__).resolve().parents[1] / "data" / "incumbents.yaml"
PERSON_LABELS = {"PERSON", "PER"}
ORG_LABELS = {"ORG"}
WEAK_LABELS = {"MISC", "GPE", "NORP", "PRODUCT", "FAC", "WORK_OF_ART", "LOC"}


ORG_WORDS = names.org_words()
GENERIC = names.generic_words()
_ADJECTIVAL = re.compile(r"-(?:" + "|".join(names.attribute_suffixes()) + r")$", re.IGNORECASE)


@dataclass(slots=True)
class Ent:
    """One mention: token span in its parsed chunk, char span in the document, canonical name."""

    start: int
    end: int
    cstart: int
    cend: int
    text: str
    name: str
    kind: str  # person | org | any | media (reports, never acts) | none (unresolved anaphor)
    known: bool = False
    anaphor: bool = False
    sent: int = -1  # char offset of its sentence's start in the document
    described: bool = False  # an apposition calls it an organization ("X, the startup")
    subject: bool = False  # the grammatical subject of its clause: what a later "the company" points to
    own_clause: tuple[int, int] = (-1, -1)  # an anaphor's: tokens of its clause's subject, never its referent
    para: int = -1  # char offset of its paragraph's start in the document
    size: str = ""  # an anaphor's: "small" ("the startup"), "large" ("the giant"), or either
    owner: Ent | None = None  # an anaphor's person: "her company", "l'entreprise de X" (document.py names it)

    def fits(self, want: str) -> bool:
        """Can this mention fill a slot wanting ``want`` ("person" or "org")?"""
        if self.kind == "any" and want == "person":
            return " " in self.name  # a lone unknown word is rarely a person's full name
        return self.kind == want or self.kind == "any"


_TICKER = re.compile(r"\s+[A-Z]{1,5}\.[A-Z]{1,2}\b")  # "Meta META.O", "Apple AAPL.O"
_HONORIFIC = re.compile(r"^(?:M\.|Mr\.?|Mrs\.?|Ms\.?|Mme|Mlle|Dr\.?|Pr\.?)\s+")


def _clean_name(text: str) -> str:
    text = _HONORIFIC.sub("", _TICKER.sub("", text.strip()))
    text = re.sub(r"[’']s$", "", text)
    text = re.sub(r"^(?:the|The|l'|L'|l’|L’|['’]s\b)\s*", "", text)
    return " ".join(text.strip(' ,.;:«»"“”()[]-–—').split())


def find_entities(sdoc: Doc, offset: int, kb: Any, lex: Lexicon) -> list[Ent]:
    """Mentions in one parsed chunk (``offset`` = its start in the document text)."""
    ents: list[Ent] = []
    taken = [False] * len(sdoc)
    if lex.media_re is not None:
        for m in lex.media_re.finditer(sdoc.text):
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
    for m in kb.find(sdoc.text):
        kind = getattr(m, "kind", None)
        if kind not in ("person", "org"):
            continue
        span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or any(taken[span.start : span.end]):
            continue
        for i in range(span.start, span.end):
            taken[i] = True
        ents.append(Ent(span.start, span.end, offset + m.start, offset + m.end, m.text, m.canonical, kind, True))
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
            for part, part_label in _org_then_person(sdoc, run, label):
                e = _from_run(sdoc, part, part_label, offset, lex)
                if e is not None:
                    ents.append(e)
                    for j in range(e.start, e.end):
                        taken[j] = True
            run = []
    ents.extend(_proper_nouns(sdoc, offset, lex, taken))
    heads = _headline_spans(sdoc.text)
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
    # "Abu Dhabi's G42", "China's DeepSeek": a place owning the next name locates it, it does not act
    starts = {e.start for e in ents}
    ents = [e for e in ents if e.known or not _place_possessor(sdoc, e, starts)]
    rounds = lex.cue("cues", "funding")  # "a Series C round": the round's name is nobody
    # "Series-B", "$125M Series B" (the amount's "M" glued on): a name that ends in a round's name is the round
    ents = [e for e in ents if e.known or not _names_a_round(rounds, e.name)]
    ents = _join_compounds(sdoc, sorted(ents, key=lambda e: e.start))
    ents.extend(_repeats(sdoc, offset, ents))
    for e in ents:
        if not e.known and e.kind in ("any", "person") and org_apposition(sdoc, e, lex) is not None:
            e.kind, e.described = "org", True
    ents.extend(_anaphora(sdoc, offset, lex, taken, ents))
    ents.sort(key=lambda e: e.start)
    sent_starts = [sent.start for sent in sdoc.sents]
    chars = [sent.start_char for sent in sdoc.sents]
    for e in ents:
        e.sent = offset + chars[max(0, bisect.bisect_right(sent_starts, e.start) - 1)]
        e.subject = _is_subject(sdoc, e)
        e.para = offset + sdoc.text.rfind("\n", 0, e.sent - offset) + 1
    return ents


def _is_subject(sdoc: Doc, e: Ent) -> bool:
    """Is the mention the subject of its clause ("X, a start-up from Lyon, raised...")?"""
    span = sdoc[e.start : e.end]
    root = next((t for t in span if not e.start <= t.head.i < e.end or t.head.i == t.i), span[0])
    return root.dep_.startswith("nsubj")


_SMALL = {
    "a",
    "an",
    "the",
    "of",
    "to",
    "in",
    "on",
    "for",
    "and",
    "as",
    "at",
    "by",
    "with",
    "from",
    "is",
    "it",
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "et",
    "à",
    "au",
    "en",
    "pour",
    "sur",
    "un",
    "une",
    "vs",
    "or",
}


_TITLES = names.person_titles()


def _after_title(sdoc: Doc, a: int, b: int) -> int:
    """Where a person's name starts in "Chief Financial Officer Dana Whitfield": after the title.

    Only when two capitalised words remain and no word is an organization's ("Data Robotics Inc").
    """
    if any(t.lower_ in ORG_WORDS for t in sdoc[a:b]):
        return a
    while b - a > 2 and sdoc[a].lower_ in _TITLES and sdoc[a].text[:1].isupper():
        a += 1
    return a


def _describes_next(sdoc: Doc, end: int, lex: Lexicon) -> bool:
    """ "Danish AI company Brightloop": words before a lowercase organization noun and a name."""
    return (
        end + 1 < len(sdoc)
        and sdoc[end].text.islower()
        and sdoc[end].lower_ in lex.org_nouns
        and sdoc[end + 1].text[:1].isupper()
    )


def _names_a_round(rounds: re.Pattern[str], name: str) -> bool:
    """Whether ``name`` is a funding round's name ("Series C", "Series-B", "M Series B")."""
    spaced = name.replace("-", " ")
    return any(m.end() == len(spaced) for m in rounds.finditer(spaced)) and (
        rounds.fullmatch(spaced) is not None or len(spaced.split()[0]) <= 2
    )


def _place_possessor(sdoc: Doc, e: Ent, starts: set[int]) -> bool:
    """An unknown name the NER calls a place, followed by "'s" and another name."""
    return (
        e.end + 1 < len(sdoc)
        and sdoc[e.end].lower_ in ("'s", "’s", "'")
        and e.end + 1 in starts
        and all(t.ent_type_ in ("GPE", "LOC") for t in sdoc[e.start : e.end])
    )


def _headline_spans(text: str) -> list[tuple[int, int]]:
    """Char spans of lines written in Title Case (most words capitalised): headlines, menus."""
    out, pos = [], 0
    for line in text.split("\n"):
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if w.lower() not in _SMALL]
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.9 * len(words):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _org_then_person(sdoc: Doc, run: list[int], label: str) -> list[tuple[list[int], str]]:
    """ "Vela Labs Daniel Rossi" tagged one organization: the name after the organization's last
    word ("Labs", "Capital", "AI") is a person's, when it is two or three capitalised words."""
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


def _from_run(sdoc: Doc, run: list[int], label: str, offset: int, lex: Lexicon) -> Ent | None:
    a, b = run[0], run[-1] + 1
    noise = lex.title_words
    while a < b and (sdoc[a].lower_ in noise or sdoc[a].is_punct or sdoc[a].pos_ in ("DET", "ADP")):
        a += 1
    while b > a and (sdoc[b - 1].is_punct or sdoc[b - 1].lower_ in ("'s", "’s", "'") or sdoc[b - 1].lower_ in noise):
        b -= 1
    # "Israeli AI company Deci AI": the NER's span ends in a lowercase common noun, a description of
    # the name that follows, not a name itself
    last = sdoc[b - 1] if b > a else None
    if last is not None and last.pos_ == "NOUN" and last.text.islower() and last.lower_ in lex.org_nouns:
        return None
    a = _after_title(sdoc, a, b)
    if a >= b:
        return None
    span = sdoc[a:b]
    if not any(t.pos_ == "PROPN" or (t.text[:1].isupper() and t.is_alpha) for t in span):
        return None
    name = _clean_name(span.text)
    if len(name) < 2 or not any(c.isalpha() for c in name):
        return None
    words = [w.lower() for w in name.split()]
    if all(w in GENERIC for w in words) or _ADJECTIVAL.search(name):
        return None  # "Alphabet-owned", "Paris-based": an attribute of the next name, not an actor
    orgish = any(w in ORG_WORDS for w in words)
    if label in PERSON_LABELS:
        kind = "org" if orgish else "person"
    elif label in ORG_LABELS:
        titled = all(w[:1].isupper() and w.replace("-", "").isalpha() for w in name.split())
        kind = "any" if (not orgish and 2 <= len(words) <= 3 and titled) else "org"
    else:
        if label in ("GPE", "LOC", "NORP", "FAC"):
            return None
        kind = "org" if orgish else "any"
    return Ent(a, b, offset + span.start_char, offset + span.end_char, span.text, name, kind)


_CALENDAR = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
}


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
            return None if titled else last
        if tok.is_punct or tok.pos_ in ("VERB", "AUX") and tok.tag_ != "VBG" or tok.lower_ in lex.titles:
            return None
        i += 1
    return None


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


def _join_compounds(sdoc: Doc, ents: list[Ent]) -> list[Ent]:
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
            out[-1] = Ent(prev.start, e.end, prev.cstart, e.cend, span.text, _clean_name(span.text), kind)
            continue
        out.append(e)
    return out


def _proper_nouns(sdoc: Doc, offset: int, lex: Lexicon, taken: list[bool]) -> list[Ent]:
    """Runs of capitalised proper nouns the NER missed ("Priya Raman", "xAI"): kind unknown ("any")."""
    out: list[Ent] = []
    run: list[int] = []
    for tok in list(sdoc) + [None]:
        ok = (
            tok is not None
            and not taken[tok.i]
            and tok.pos_ == "PROPN"
            and any(c.isupper() for c in tok.text)
            and tok.text[0].isalnum()
            and tok.lower_ not in lex.title_words
            and tok.lower_ not in _CALENDAR
            and not tok.like_num
            and len(run) < 4
        )
        if ok:
            run.append(tok.i)
            continue
        if run:
            span = sdoc[_after_title(sdoc, run[0], run[-1] + 1) : run[-1] + 1]
            name = _clean_name(span.text)
            titles_only = all(t.lower_ in _TITLES for t in span)  # "General Counsel" before a name
            titles_only = titles_only or _describes_next(sdoc, span.end, lex)
            if (
                len(name) >= 2
                and not titles_only
                and not all(w.lower() in GENERIC for w in name.split())
                and not _ADJECTIVAL.search(name)
            ):
                words = [w.lower() for w in name.split()]
                kind = "org" if any(w in ORG_WORDS for w in words) else "any"
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


def _repeats(sdoc: Doc, offset: int, ents: list[Ent]) -> list[Ent]:
    """The other mentions of a name of two words or more that the tagger found once: it reads "Orbital
    AI" in a headline and misses it two lines down, where "Orbital" looks like an adjective. One name
    is one referent within an article. (Matched on tokens, in one pass: a regex per name cost 8% of
    extraction.)"""
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


def _names_next(sdoc: Doc, i: int, taken: list[bool], lex: Lexicon) -> bool:
    """Is a name given within a few words after token ``i``, with no punctuation or verb between (but
    for a naming word: "the startup, called Nexa", "la start-up, baptisée Nexa")?"""
    named = {w.lower() for w in lex.cues.get("named", []) if " " not in w}
    for tok in sdoc[i : i + 6]:
        if tok.lower_ in named or tok.text == "," and tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].lower_ in named:
            continue
        if tok.is_punct or tok.pos_ in ("VERB", "AUX"):
            return False
        if taken[tok.i] or (tok.pos_ == "PROPN" and any(c.isupper() for c in tok.text)):
            return True
    return False


def _anaphora(sdoc: Doc, offset: int, lex: Lexicon, taken: list[bool], ents: list[Ent]) -> list[Ent]:
    out: list[Ent] = []
    if not lex.org_anaphora_re:
        return out
    people = [e for e in ents if e.kind == "person"]
    for m in lex.org_anaphora_re.finditer(sdoc.text):
        span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or any(taken[span.start : span.end]):
            continue
        owner = None
        if _names_next(sdoc, span.end, taken, lex):
            # "l'entreprise de Mark Zuckerberg": a person's company; else "l'entreprise d'IA xAI", the name itself
            owner = next((p for p in people if p.start == span.end + 1 and sdoc[span.end].lower_ in _OF), None)
            if owner is None:
                continue
        out.append(_anaphor(span, offset, m.group(0), lex, owner))
    for m in lex.cue("cues", "possessive_org").finditer(sdoc.text):
        # "her company", "sa start-up": the company of the person named last before
        span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or any(taken[span.start : span.end]) or any(a.start <= span.start < a.end for a in out):
            continue
        before = [p for p in people if p.end <= span.start and span.start - p.end <= OWNER_REACH]
        if before:
            out.append(_anaphor(span, offset, m.group(0), lex, before[-1]))
    return out


_OF = {"de", "d'", "d’", "of", "du"}
OWNER_REACH = 40  # tokens between a person and "her company" that still points to them


def _anaphor(span: Span, offset: int, text: str, lex: Lexicon, owner: Ent | None) -> Ent:
    return Ent(
        span.start,
        span.end,
        offset + span.start_char,
        offset + span.end_char,
        text,
        "",
        "org",
        anaphor=True,
        own_clause=_clause_subject(span, lex),
        size=_size(lex, text),
        owner=owner,
    )


@cache
def _incumbents() -> frozenset[str]:
    data = yaml.safe_load(INCUMBENTS_FILE.read_text(encoding="utf-8")) or {}
    return frozenset(n.lower() for n in data.get("incumbents", []))


def _size(lex: Lexicon, text: str) -> str:
    """ "small" for "the startup" / "la jeune pousse", "large" for "the giant" / "le géant", else ""."""
    if lex.cue("cues", "small_org_nouns").search(text):
        return "small"
    return "large" if lex.cue("cues", "large_org_nouns").search(text) else ""


def _fits_size(anaphor: Ent, name: str) -> bool:
    """Can ``name`` be what ``anaphor`` names? "The startup" is no incumbent; "the giant" is one."""
    if anaphor.size == "small":
        return name.lower() not in _incumbents()
    if anaphor.size == "large":
        return name.lower() in _incumbents()
    return True


def _clause_subject(span: Span, lex: Lexicon) -> tuple[int, int]:
    """The tokens of the subject of the clause ``span`` stands in, which it cannot name: "Acme, which
    invested in the firm" is not "the firm", nor is any organization inside the subject ("X, former CEO
    of Acme, will join the company", "backers like Acme, who put $5M into the company") but where the
    verb is a departure: a place left may be the subject's own ("Acme executive X is leaving the company")."""
    t = span.root
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.head is t:
            break
        t = t.head
    subj = next((c for c in t.children if c.dep_.startswith("nsubj")), None)
    if subj is None or span.start <= subj.i < span.end:
        return (-1, -1)
    leaving = any(f.name == "leave" for f in lex.verb_frames(t.lemma_.lower(), t.lower_))
    if (subj.morph.get("PronType") == ["Rel"] or subj.lower_ in ("which", "who", "that", "qui")) and t.dep_ in (
        "relcl",
        "acl:relcl",
    ):
        subj = t.head  # the relative pronoun stands for the noun the clause describes
    if leaving:
        return (subj.i, subj.i + 1)
    return (subj.left_edge.i, min(subj.right_edge.i + 1, span.start))


def resolve(ents: list[Ent], context: list[Ent] | None = None) -> None:
    """Document-level coreference: short names to full names, anaphors to the last organization.

    ``context`` holds the mentions of the document's earlier chunks (already resolved).
    """
    context = context or []
    full: dict[str, set[str]] = {}
    ents_all = context + ents
    # a name an apposition calls an organization ("X, the startup") is one in every mention
    orgs = {e.name for e in ents_all if e.described}
    for e in ents:
        if e.name in orgs and e.kind in ("person", "any") and not e.anaphor:
            e.kind = "org"
    persons = {e.name for e in ents_all if e.kind == "person" and not e.anaphor}
    for e in ents_all:
        if e.anaphor or e.kind not in ("person", "any"):
            continue
        parts = e.name.split()
        if len(parts) >= 2:
            full.setdefault(parts[-1].lower(), set()).add(e.name)
            full.setdefault(parts[0].lower(), set()).add(e.name)
    for e in ents:
        if e.anaphor or e.known or e.kind == "org" and (" " in e.name or e.name.lower() not in full):
            continue
        parts = e.name.split()
        if len(parts) == 1:
            names = full.get(parts[0].lower(), set())
            if len(names) == 1:
                e.name = next(iter(names))
                e.kind = "person"
            elif len(names) > 1:
                # prefer the candidate that is a person elsewhere
                best = sorted(n for n in names if n in persons)
                if best:
                    e.name = best[0]
                    e.kind = "person"
            elif e.kind == "person" and not e.known:
                e.kind = "any"  # a lone unknown word tagged PERSON is as often a product or a company
        elif e.kind == "any" and e.name in persons:
            e.kind = "person"
    # an anaphor ("the company") points to the organization the article has named most so far
    counts: dict[str, int] = {}
    known: dict[str, bool] = {}
    first: dict[str, int] = {}
    for e in context:
        if e.kind == "org" and e.name:
            counts[e.name] = counts.get(e.name, 0) + 1
            known[e.name] = e.known
            first.setdefault(e.name, e.cstart)
    latest = {e.name: e.cstart for e in context if e.kind == "org" and e.name}
    ordered = sorted(ents, key=lambda x: x.cstart)
    # before any name, "L'entreprise annonce..." opens an article about its subject: the one named most
    overall: dict[str, int] = dict(counts)
    for e in ordered:
        if e.kind == "org" and e.name and not e.anaphor:
            overall[e.name] = overall.get(e.name, 0) + 1
            first.setdefault(e.name, e.cstart)
            known.setdefault(e.name, e.known)
    for i, e in enumerate(ordered):
        if e.anaphor and e.owner is not None:
            continue  # "her company": named from what the document says of her (document.py)
        if e.anaphor:
            nxt = ordered[i + 1] if i + 1 < len(ordered) else None
            a, b = e.own_clause
            same_sent = [
                x
                for x in ordered[:i]
                if _orgish(x)
                and not x.anaphor
                and x.sent == e.sent
                and not (x.start < b and a < x.end)
                and _fits_size(e, x.name)
            ]
            if nxt is not None and not nxt.anaphor and 0 <= nxt.cstart - e.cend <= 12 and nxt.start - e.end <= 1:
                # "the startup Kalia", "la start-up française Kalia": the name that follows is the referent
                e.kind = "none"
            elif same_sent:
                # the last organization of the sentence, a known one first ("Amazon's lab ... the giant")
                ref = ([x for x in same_sent if x.known] or same_sent)[-1]
                e.name, e.known = ref.name, ref.known
            elif not overall:
                e.kind = "none"
            elif (before := _previous_subject(context + ordered[:i], e)) is not None:
                # "X, une start-up lyonnaise, a levé... L'entreprise compte...": the subject just before
                e.name, e.known = before.name, before.known
            else:
                # the most named so far (or, before any name, in all); on a tie, the one named last
                named = counts or overall
                fitting = {n: c for n, c in named.items() if _fits_size(e, n)} or named
                e.name = max(fitting, key=lambda n: (fitting[n], latest.get(n, first[n])))
                e.known = known[e.name]
            # an anaphor is not counted: a guess must not make its referent look more named than it is
        elif e.kind == "org":
            counts[e.name] = counts.get(e.name, 0) + 1
            known[e.name] = e.known
            first.setdefault(e.name, e.cstart)
            latest[e.name] = e.cstart


def _previous_subject(before: list[Ent], e: Ent) -> Ent | None:
    """The organization that was the subject of the last earlier sentence of ``e``'s paragraph naming
    one, if it was (a new paragraph may turn to another actor: then the most named is the safer guess)."""
    orgs = [
        x
        for x in before
        if _orgish(x) and not x.anaphor and x.name and x.sent < e.sent and x.para == e.para and _fits_size(e, x.name)
    ]
    if not orgs:
        return None
    last = max(x.sent for x in orgs)
    subjects = [x for x in orgs if x.sent == last and x.subject]
    return subjects[0] if subjects else None


def _orgish(e: Ent) -> bool:
    """Can the mention be what "the company" points back to? An organization, or a one-word name of
    unknown kind ("Brightwave"): a person is rarely named by one unknown word."""
    return e.kind == "org" or e.kind == "any" and " " not in e.name
