"""The builder registry and the per-sentence context the builders read (extract/builders/)."""

from __future__ import annotations

import pytest

from mercato.extract import builders, deps
from mercato.extract.builders import BUILDERS, DocState, RuleSet, SentenceContext
from mercato.extract.entities import find_entities, resolve
from mercato.extract.lexicon import load_lexicon
from mercato.extract.nlp import get_nlp
from mercato.extract.sentence import SentenceInfo


def _info(lang: str, text: str) -> SentenceInfo:
    lex = load_lexicon(lang)
    doc = get_nlp(lang)(text)
    ents = find_entities(doc, 0, deps.get_kb(), lex)
    resolve(ents, [])
    return SentenceInfo(next(iter(doc.sents)), [e for e in ents if e.kind != "none"], lex)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_frame_type_of_the_patterns_has_a_builder(lang: str) -> None:
    types = {f.type for f in load_lexicon(lang).frames}
    assert types and types <= set(BUILDERS)


def test_the_context_keeps_the_amount_raised_not_the_valuation() -> None:
    rules = RuleSet.build(load_lexicon("en"), "en")
    info = _info("en", "Orbit Forge raised $300 million at a $4 billion valuation, its founder said.")
    ctx = SentenceContext.build(rules, info, 100)
    assert [float(a.value_usd) for a in ctx.amounts] == [300e6]
    assert (ctx.start, ctx.end) == (100, 100 + len(info.sent.text))
    assert any(f.type == "investment" for _, f in ctx.found) and not ctx.has_denial


def test_run_gives_the_round_and_remembers_it_for_the_next_sentence() -> None:
    rules, state = RuleSet.build(load_lexicon("en"), "en"), DocState()
    found = builders.run(rules, _info("en", "Orbit Forge raised $300 million from Delta Fund."), 0, state)
    facts = {(c.type, c.attrs.get("investor"), c.attrs["target"]) for c in found}
    assert facts == {("investment", None, "Orbit Forge"), ("investment", "Delta Fund", "Orbit Forge")}
    assert state.funding == ("Orbit Forge", "done", 1)
    later = builders.run(rules, _info("en", "Granite Peak Partners also took part in the round."), 0, state)
    assert [(c.attrs["investor"], c.attrs["target"]) for c in later] == [("Granite Peak Partners", "Orbit Forge")]
