"""Which documents can hold a fact, decided on the raw text before any spaCy parse.

Most of a general news feed is about something else, and parsing it is most of what extraction
costs. Two cheap tests per document, each a bound of what the parse would find, so that skipping
costs no fact:

- relevance: engine.py keeps facts only of documents ``relevance.doc_relevance`` calls relevant,
  from the industry words of the text and the number of knowledge-base organizations named. The
  words are counted here with the same regex; the organizations are bounded by every KB name
  ``kb.find`` sees in the same chunks the parse would read (the parse only ever knows fewer).
- triggers: every fact starts from a trigger of the pattern data (a verb or noun lemma, or a
  phrase). The surface forms that can carry a trigger lemma are generated from the lemmatizer's
  own tables (its suffix rules, exceptions and lookups) and from the lexicon's ``lemma_fallback``;
  a document none of whose words is one of them cannot yield a fact.

In a document that is parsed, a sentence that cannot name anyone (see ``Prefilter.blank``) is
blanked out of the text the model reads, offsets kept: the engine skips sentences with no mention.
Sentences are not cut finer than that: in articles of the market nearly every sentence names
someone and is within one sentence of a trigger word, and a sentence's names feed the resolver
(short names, "the company"), the state the next sentences read and the fact filter's counts.

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
from mercato.extract.builders import deal_amount
from mercato.extract.lexicon import Lexicon, load_lexicon, words_re
from mercato.extract.relevance import doc_relevance, is_relevant
from mercato.model import Mention

ENV = "MERCATO_PREFILTER"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# where a sentence may end: after . ! ? … (and closing quotes) before a space, and at line breaks
_SENTENCE_END = re.compile(r"[.!?…]+[\"»”’')\]]*(?=\s)|\n")


def _starts(piece: str) -> bool:
    """Does ``piece`` open a sentence (its first word a capital, a digit or an opening quote)?"""
    first = piece.lstrip()[:1]
    return bool(first) and (first.isupper() or first.isdigit() or first in '"«“')


def _blanked(piece: str) -> str:
    """A full stop where the piece's first word starts, spaces elsewhere, line breaks kept; a line
    break in place of its leading space, so that the full stop opens a sentence of its own."""
    lead = len(piece) - len(piece.lstrip())
    head = piece[:lead] if "\n" in piece[:lead] else "\n" + " " * (lead - 1) if lead else ""
    return head + "." + "".join(c if c == "\n" else " " for c in piece[lead + 1 :])


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
    stop_words: frozenset[str] = frozenset()
    pronoun_re: re.Pattern[str] | None = None

    def check(self, text: str, pieces: list[tuple[int, str]]) -> Verdict | None:
        """None when the document must be parsed; else why it cannot hold a fact.

        ``text``: the document's text (as relevance.py reads it); ``pieces``: the ``(offset,
        chunk)`` texts the parse would read."""
        kb = deps.get_kb()
        matches = [(off, m) for off, chunk in pieces for m in kb.find(chunk)]
        known = {m.canonical for _, m in matches if m.kind in ("org", "person")}
        mentions = [
            Mention(m.canonical, "person" if m.kind == "person" else "org", off + m.start, off + m.end, m.text, True)
            for off, m in matches
            if m.kind in ("org", "person")
        ]
        if not is_relevant(doc_relevance(text, self.lang, self.lex, len(known))):
            return Verdict(False, "off-topic", mentions)
        if not any(self.has_trigger(chunk) for _, chunk in pieces):
            return Verdict(True, "no trigger", mentions)
        return None

    def blank(self, text: str) -> str:
        """``text`` with the sentences that cannot name anyone blanked, every offset kept.

        Such a sentence has no capital letter but in a first word that is a stop word, and no
        knowledge-base name, medium, anaphor ("the company"), pronoun the rules resolve or group
        noun ("researchers", which the document model may give the article's company): the
        engine skips a sentence with no mention, so parsing it is wasted. It becomes a sentence of
        its own made of a full stop and spaces (line breaks kept), so the sentence before it still
        ends where it did; only whole sentences, between two sentence starts, are blanked."""
        cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]
        pieces = [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
        out: list[str] = []
        tail = ""  # the end of what comes before the piece
        for i, piece in enumerate(pieces):
            before = tail.rstrip(" \t")
            after = pieces[i + 1] if i + 1 < len(pieces) else "\n"
            whole = _starts(piece) and (_starts(after) or after.startswith("\n"))
            line = before.endswith("\n") and before.rstrip()[-1:] not in (":", ",")  # "said:\n" goes on
            opened = not out or line or piece[:1].isspace()
            out.append(_blanked(piece) if whole and opened and self.nameless(piece) else piece)
            tail = (tail + out[-1])[-400:]
        return "".join(out)

    def nameless(self, piece: str) -> bool:
        words = piece.split()
        if len(words) < 3:
            return False
        first = words[0].strip("\"«“'(‘[")
        if any(c.isupper() for w in words[1:] for c in w):
            return False
        if any(c.isupper() for c in first) and first.lower() not in self.stop_words:
            return False
        lex = self.lex
        if any(w.strip(".,;:!?\"'»”").lower() in lex.group_nouns for w in words):
            return False  # "ten researchers joined the ranks": a group the document model gives a company
        if (lex.media_re is not None and lex.media_re.search(piece)) or (
            lex.org_anaphora_re is not None and lex.org_anaphora_re.search(piece)
        ):
            return False
        if self.pronoun_re is not None and self.pronoun_re.search(piece):
            return False
        if deal_amount.priced_pointer(piece, lex):
            return False  # "the all-cash deal is worth $665 million": the price of a deal just told
        return not deps.get_kb().find(piece)

    def has_trigger(self, text: str) -> bool:
        """Can a word of ``text`` be a trigger (a superset: a start of a word is enough)? Frames'
        verbs, nouns and phrases, and the cue words of the builders that read a shape without a
        frame trigger ("sold A to B", "dans le giron de", "Other investors included A")."""
        if self.trigger_re.search(text) or any(rx.search(text) for rx, _ in self.lex.phrases):
            return True
        if _cue_words(self.lex).search(text):
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
    from mercato.extract.nlp import get_nlp  # (spaCy is imported only by those who parse)

    lex = load_lexicon(lang)
    tables = _lemma_tables(lang)
    lemmas = frozenset(w.lower() for w in [*lex.by_verb, *lex.by_noun])
    return Prefilter(
        lang,
        lex,
        _trigger_regex(lex, tables),
        tables.get("lemma_lookup"),
        lemmas,
        frozenset(w.lower() for w in get_nlp(lang).Defaults.stop_words),
        words_re(sorted(lex.person_pronouns)) if lex.person_pronouns else None,
    )


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


_CUE_WORDS: dict[str, re.Pattern[str]] = {}


def _cue_words(lex: Lexicon) -> re.Pattern[str]:
    """Every entry of the lexicon's cue and marker lists: a shape's trigger may be any of them."""
    if lex.lang in _CUE_WORDS:
        return _CUE_WORDS[lex.lang]
    words = {w for group in (lex.cues, lex.markers) for items in group.values() for w in items if w}
    found = words_re(sorted(words))  # whole words: a cue is matched as the builders match it
    _CUE_WORDS[lex.lang] = found
    return found
