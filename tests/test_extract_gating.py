"""The cue gate of the shape builders (``needs`` and ``SentenceContext.may_hold`` in extract/builders/context.py):
a builder is skipped only on a sentence that cannot hold its cue words."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from mercato.extract import deps
from mercato.extract.builders import RuleSet, SentenceContext
from mercato.extract.builders.context import Candidate, needs
from mercato.extract.entities import find_entities, resolve
from mercato.extract.lexicon import load_lexicon
from mercato.extract.nlp import get_nlp
from mercato.extract.sentence import SentenceInfo


def _ctx(lang: str, text: str) -> SentenceContext:
    lex = load_lexicon(lang)
    doc = get_nlp(lang)(text)
    ents = find_entities(doc, 0, deps.get_kb(), lex)
    resolve(ents, [])
    info = SentenceInfo(next(iter(doc.sents)), [e for e in ents if e.kind != "none"], lex)
    return SentenceContext.build(RuleSet.build(lex, lang), info, 0)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_sentence_holding_a_cue_word_may_always_hold_its_list(lang: str) -> None:
    ctx = _ctx(lang, "Nora Vale joined Quillon AI.")
    lex = ctx.lex
    for group in ("cues", "markers", "status"):
        for name, words in getattr(lex, group).items():
            rx = lex.cue(group, name)
            for word in words:
                for form in (word, word.upper(), word.capitalize()):
                    text = f"Nora Vale, {form} Quillon AI."
                    if rx.search(text):
                        probe = dataclasses.replace(ctx, text=text, low=text.lower(), _held={})
                        assert probe.may_hold(f"{group}.{name}"), (group, name, form)


def test_a_gated_builder_runs_only_where_its_cue_words_are() -> None:
    calls: list[str] = []

    @needs("refuse")
    def build(ctx: SentenceContext) -> list[dict[str, Any]]:
        calls.append(ctx.text)
        return [{"seen": True}]

    assert build(_ctx("en", "Nora Vale joined Quillon AI in May.")) == [] and not calls
    assert build(_ctx("en", "Nora Vale turned down an offer from Quillon AI.")) == [{"seen": True}]
    assert len(calls) == 1


def test_a_gated_corrector_gives_back_the_candidates_unchanged() -> None:
    @needs("refuse")
    def fix(ctx: SentenceContext, state: object, out: list[Candidate]) -> list[Candidate]:
        return []

    out = [Candidate("move", {"person": "Nora Vale"}, 0, 10)]
    ctx = _ctx("fr", "Nora Vale a rejoint Quillon AI en mai.")
    assert fix(ctx, None, out) is out
    assert fix(ctx, None, out=out) is out
    assert not ctx.may_hold("refuse") and ctx.may_hold("refuse", "markers.to_org") == ctx.may_hold("markers.to_org")
