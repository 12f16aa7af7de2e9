"""Which documents can hold a fact, decided on the raw text before any spaCy parse.

Most of a general news feed is about something else, and parsing it is most of what extraction
costs. Two cheap tests, each a bound of what the parse would find, so that skipping costs no fact:

- relevance: engine.py keeps facts only of documents ``relevance.doc_relevance`` calls relevant,
  from the industry words of the text and the number of knowledge-base organizations named. The
  words are counted here with the same regex; the organizations are bounded by every KB name
  ``kb.find`` sees in the same chunks the parse would read (the parse only ever knows fewer).
- triggers: every fact starts from a trigger of the pattern data (a verb or noun lemma, or a
  phrase). The surface forms that can carry a trigger lemma are generated from the lemmatizer's
  own tables (its suffix rules, exceptions and lookups) and from the lexicon's ``lemma_fallback``;
  a document none of them starts a word of cannot yield a fact.

Everything is compiled from the pattern files and the model at first use, so a trigger or term
added to ``data/patterns/<lang>.yaml`` is covered without touching this module. ``MERCATO_PREFILTER=0``
(``mercato extract --no-prefilter``) turns the filter off, to measure that it changes nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from mercato.extract import deps
from mercato.extract.lexicon import Lexicon, load_lexicon
from mercato.extract.relevance import doc_relevance, is_relevant
from mercato.model import Mention

ENV = "MERCATO_PREFILTER"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def enabled() -> bool:
    """On unless ``MERCATO_PREFILTER`` says 0/off/false/no (inherited by worker processes)."""
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "off", "false", "no")


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a document is skipped, and what is known of it without a parse."""

    relevant: bool  # an upper bound: False only when the parse could not have found it relevant
    reason: str  # "off-topic" | "no trigger"
    mentions: list[Mention]


@dataclass(frozen=True, slots=True)
class Prefilter:
    lang: str
    lex: Lexicon
    trigger_re: re.Pattern[str]
    # the lemmatizer's form -> lemma lookup (French): its forms are stored hashed, so it is asked
    # word by word rather than inverted
    lookup: Any = None
    lemmas: frozenset[str] = frozenset()

    def check(self, text: str, pieces: list[tuple[int, str]]) -> Verdict | None:
        """None when the document must be parsed; else why it cannot hold a fact.

        ``text``: the document's text (as relevance.py reads it); ``pieces``: the ``(offset,
        chunk)`` texts the parse would read."""
        kb = deps.get_kb()
        matches = [(off, m) for off, chunk in pieces for m in kb.find(chunk)]
        known = {m.canonical for _, m in matches if m.kind in ("org", "person")}
        mentions = [Mention(m.canonical, m.kind, off + m.start, off + m.end, m.text) for off, m in matches]
        if not is_relevant(doc_relevance(text, self.lang, self.lex, len(known))):
            return Verdict(False, "off-topic", mentions)
        if not any(self.has_trigger(chunk) for _, chunk in pieces):
            return Verdict(True, "no trigger", mentions)
        return None

    def has_trigger(self, text: str) -> bool:
        """Can a word of ``text`` be a trigger (a superset: a start of a word is enough)?"""
        if self.trigger_re.search(text) or any(rx.search(text) for rx, _ in self.lex.phrases):
            return True
        if self.lookup is None:
            return False
        # as written and lowercased: the lemmatizer looks proper nouns up as they are written
        words = set(_WORD.findall(text))
        words |= {part for w in words if "-" in w for part in w.split("-")}
        words |= {w.lower() for w in words}
        return any(str(self.lookup.get(w, "")).lower() in self.lemmas for w in words)


@cache
def get_prefilter(lang: str) -> Prefilter:
    lex = load_lexicon(lang)
    tables = _lemma_tables(lang)
    lemmas = frozenset(w.lower() for w in [*lex.by_verb, *lex.by_noun])
    return Prefilter(lang, lex, _trigger_regex(lex, tables), tables.get("lemma_lookup"), lemmas)


def _lemma_tables(lang: str) -> dict[str, Any]:
    """The lemmatizer's tables of the model extraction uses (empty when it has none)."""
    from mercato.extract.nlp import get_nlp

    nlp = get_nlp(lang)
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None:
        return {}
    return {name: lookups.get_table(name) for name in lookups.tables}


def trigger_forms(lemmas: Iterable[str], tables: dict[str, Any], fallback: Iterable[tuple[str, str]] = ()) -> set[str]:
    """Every surface form whose lemma can be one of ``lemmas``: the lemma itself, the forms a
    suffix rule turns into it, those the exception and lookup tables map to it, and the forms of
    the lexicon's own ``lemma_fallback`` (ending, lemma ending) pairs."""
    wanted = {w.lower() for w in lemmas if w}
    forms = set(wanted)
    rules = tables.get("lemma_rules") or {}
    pairs = {(old, new) for per_pos in rules.values() for old, new in per_pos}
    pairs |= {(ending, lemma_ending) for ending, lemma_ending in fallback}
    for lemma in wanted:
        for old, new in pairs:
            if lemma.endswith(new):
                forms.add(lemma[: len(lemma) - len(new)] + old)
    exceptions = tables.get("lemma_exc") or {}  # {pos: {form: [lemmas]}}
    for per_pos in exceptions.values():
        for form, found in per_pos.items():
            if any(str(lem).lower() in wanted for lem in found):
                forms.add(str(form).lower())
    return {f for f in forms if f.strip()}


def _trigger_regex(lex: Lexicon, tables: dict[str, Any]) -> re.Pattern[str]:
    lemmas = list(lex.by_verb) + list(lex.by_noun)
    forms = trigger_forms(lemmas, tables, lex.lemma_fallback)
    # whole words: a token is a run of letters or a piece of one cut at a hyphen or an apostrophe
    parts = sorted((re.escape(f).replace("'", "['’]") for f in forms), key=len, reverse=True)
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(parts) + r")(?![^\W\d_])", re.IGNORECASE)
