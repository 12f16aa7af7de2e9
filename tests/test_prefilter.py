"""The relevance prefilter (extract/prefilter.py): what cannot hold a fact is not parsed, and what
it lets through gives the same facts as a full parse. Texts are our own, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import mercato.cli
from mercato.cli import app
from mercato.extract import engine, extract_documents
from mercato.extract.lexicon import load_lexicon
from mercato.extract.nlp import chunks, get_nlp
from mercato.extract.prefilter import ENV, get_prefilter, trigger_forms
from mercato.model import Document

OFF_TOPIC = {
    "en": (
        "The city council voted on Tuesday to rebuild the old stone bridge over the river. "
        "Residents had complained for years about the traffic on the narrow road. "
        "The mayor said the works would start in the spring and last eighteen months."
    ),
    "fr": (
        "Le conseil municipal a voté mardi la rénovation du vieux pont de pierre sur la rivière. "
        "Les habitants se plaignaient depuis des années de la circulation sur la route étroite. "
        "Le maire a indiqué que les travaux commenceraient au printemps."
    ),
}
RELEVANT = {
    "en": (
        "The AI startup Quillon Labs raised $40 million from Sequoia Capital to build language models. "
        "Meta hired Dana Whitfield, a former OpenAI researcher, as head of its new robotics lab."
    ),
    "fr": (
        "La start-up Quillon Labs, spécialiste de l'IA, a levé 40 millions d'euros auprès de Sequoia Capital. "
        "Meta a recruté Claire Fontaine, ancienne chercheuse d'OpenAI, pour diriger son laboratoire d'IA."
    ),
}


def _doc(lang: str, text: str, name: str = "t") -> Document:
    return Document(source=f"{name}-{lang}.txt", raw_text=text, text=text, lang=lang)


@pytest.fixture
def parse_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many chunks the engine hands to spaCy."""
    calls: list[int] = []
    real = engine.parse

    def counting(items, lang, *args, **kwargs):
        calls.append(len(items))
        return real(items, lang, *args, **kwargs)

    monkeypatch.setattr(engine, "parse", counting)
    monkeypatch.delenv(ENV, raising=False)
    return calls


def _facts(docs: list[Document], prefilter: bool) -> list[list[dict]]:
    return [[f.to_contract() for f in e.facts] for e in extract_documents(docs, prefilter=prefilter)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_off_topic_article_is_never_parsed(lang: str, parse_calls: list[int]) -> None:
    (ext,) = extract_documents([_doc(lang, OFF_TOPIC[lang])])
    assert not ext.facts and not ext.relevant
    assert parse_calls == []
    extract_documents([_doc(lang, OFF_TOPIC[lang])], prefilter=False)  # the switch: parsed again
    assert sum(parse_calls) >= 1


# about the industry, with an acquisition stated by an idiom no frame is triggered by: only the
# cue words of a shape builder ("sold A to B", "dans le giron de") say it may hold a fact
IDIOM = {
    "en": "The AI race between OpenAI, Meta and Google keeps heating up. AI chip designer Tessel Labs sold its "
    "Kappa Vision unit to Orbis Systems for $90 million.",
    "fr": "La course à l'IA entre OpenAI, Meta et Google s'intensifie. La start-up d'IA Kappa Vision est passée "
    "dans le giron d'Orbis Systems cette année.",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_shape_without_a_frame_trigger_is_still_parsed(lang: str, parse_calls: list[int]) -> None:
    doc = _doc(lang, IDIOM[lang])
    (ext,) = extract_documents([doc])
    assert parse_calls, "the prefilter skipped a document a shape builder reads"
    assert any(f.type == "investment" and f.attrs.get("investor") == "Orbis Systems" for f in ext.facts), ext.facts
    assert _facts([doc], prefilter=False) == _facts([doc], prefilter=True)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_relevant_article_keeps_its_facts(lang: str, parse_calls: list[int]) -> None:
    doc = _doc(lang, RELEVANT[lang])
    (ext,) = extract_documents([doc])
    assert ext.relevant and parse_calls
    kinds = {f.type for f in ext.facts}
    assert {"move", "investment"} <= kinds, ext.facts
    assert any(
        f.attrs.get("person", "") and "Fontaine" in f.attrs["person"] or "Whitfield" in str(f.attrs) for f in ext.facts
    )


def test_a_mixed_batch_gives_the_same_facts_with_and_without_the_prefilter() -> None:
    docs = [
        _doc(lang, texts[lang], name)
        for name, texts in (("off", OFF_TOPIC), ("idiom", IDIOM), ("rel", RELEVANT))
        for lang in ("en", "fr")
    ]
    docs.append(_doc("en", OFF_TOPIC["en"] + "\n\n" + RELEVANT["en"], "both"))
    docs.append(_doc("fr", RELEVANT["fr"] + "\n\n" + OFF_TOPIC["fr"], "both"))
    with_it, without = _facts(docs, prefilter=True), _facts(docs, prefilter=False)
    assert with_it == without
    assert sum(map(len, with_it)) >= 4  # the relevant texts gave facts: the equality is not between empties


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "She left Google, was hired by Meta and bought a stake; they poached two engineers who quit."),
        ("en", "Acme co-founded a lab, appointed a chief, acquired a rival and is raising a round. He joins Acme."),
        ("fr", "Elle a quitté Google, a été recrutée par Meta, qui a racheté une start-up et pris une participation."),
        ("fr", "Il rejoint Mistral, embauché après sa démission; la société lève des fonds et nomme un directeur."),
        ("fr", "Rejoint par deux chercheurs, il a cofondé une entreprise qu'Orange a acquise."),
    ],
)
def test_every_token_the_rules_read_as_a_trigger_is_seen_by_the_prefilter(lang: str, text: str) -> None:
    """The surface forms come from the lemmatizer's tables: whatever lemma the parse gives a token,
    if a frame lists it, the prefilter sees that token on its own."""
    lex, pf = load_lexicon(lang), get_prefilter(lang)
    found = 0
    for tok in get_nlp(lang)(text):
        lemma, low = tok.lemma_.lower(), tok.lower_
        if lex.verb_frames(lemma, low) or lex.by_noun.get(lemma) or lex.by_noun.get(low):
            found += 1
            assert pf.has_trigger(tok.text), (tok.text, lemma)
    assert found >= 3


def test_forms_come_from_the_lemmatizer_rules_and_exceptions() -> None:
    tables = {
        "lemma_rules": {"verb": [["ed", "e"], ["ing", "e"], ["ing", ""], ["ies", "y"]]},
        "lemma_exc": {"verb": {"left": ["leave"], "went": ["go"]}},
    }
    forms = trigger_forms(["hire", "leave", "deny"], tables, fallback=[("e", "er")])
    assert {"hire", "hired", "leaving", "left", "denies"} <= forms
    assert "went" not in forms  # the lemma of another verb


def test_the_cli_switch_parses_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "1")  # restored after the test: --no-prefilter sets it for worker processes
    calls: list[int] = []
    real = engine.parse
    monkeypatch.setattr(engine, "parse", lambda items, lang, *a, **k: calls.append(1) or real(items, lang, *a, **k))
    path = tmp_path / "council.txt"
    path.write_text(OFF_TOPIC["en"], encoding="utf-8")
    mercato.cli._register()
    runner = CliRunner()
    first = runner.invoke(app, ["extract", "--json", str(path)])
    assert first.exit_code == 0 and calls == []
    second = runner.invoke(app, ["extract", "--json", "--no-prefilter", str(path)])
    assert second.exit_code == 0 and calls
    assert json.loads(first.stdout)["facts"] == json.loads(second.stdout)["facts"] == []


def _eval_dir() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared" / "eval").is_dir():
            return parent / "shared" / "eval"
    return None


@pytest.mark.skipif(_eval_dir() is None, reason="no shared/eval beside the project")
def test_no_evaluation_article_with_facts_is_skipped() -> None:
    from mercato.clean import load_document
    from mercato.extract import _language

    root = _eval_dir()
    assert root is not None
    skipped_off = 0
    for split in ("train", "dev"):
        for line in (root / split / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            doc = load_document(str(root / split / "articles" / row["file"]))
            lang = _language(doc)
            if lang not in ("en", "fr"):
                continue
            text = doc.text or doc.raw_text
            verdict = get_prefilter(lang).check(text, [(o, t.replace("’", "'")) for o, t in chunks(text)])
            if row["facts"]:
                assert verdict is None, (split, row["file"], verdict and verdict.reason)
            else:
                skipped_off += verdict is not None
    assert skipped_off >= 10  # and most off-topic articles are skipped


def test_the_lemmatizer_index_as_sets_gives_the_stock_lemmas() -> None:
    """nlp.py turns the lemmatizer's index lists into sets (a speed-up): the lemmas must not move."""
    import spacy

    nlp = get_nlp("fr")
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(v, frozenset) for v in index.values())
    stock = spacy.load(f"{nlp.meta['lang']}_{nlp.meta['name']}")
    text = (
        "Les chercheuses ont quitté leurs laboratoires; elles rejoindront une jeune pousse qui levait des fonds. "
        "Nous aurions embauché davantage d'ingénieurs si les investisseurs avaient suivi."
    )
    assert [t.lemma_ for t in nlp(text)] == [t.lemma_ for t in stock(text)]


@pytest.mark.parametrize(
    ("lang", "nameless", "named"),
    [
        (
            "en",
            "The deal is expected to close next year, pending approval.",
            "Meta hired Dana Whitfield last week. It was clear he would go.",
        ),
        (
            "fr",
            "La transaction devrait être finalisée l'an prochain.",
            "Il a rejoint la société en mars. Claire Fontaine dirigera le laboratoire.",
        ),
    ],
)
def test_only_sentences_that_cannot_name_anyone_are_blanked(lang: str, nameless: str, named: str) -> None:
    pf = get_prefilter(lang)
    text = named + " " + nameless + "\n" + named
    blanked = pf.blank(text)
    assert len(blanked) == len(text)  # every offset holds
    assert blanked.startswith(named) and blanked.endswith("\n" + named)
    # a sentence of its own: a line break where its leading space was, then a full stop
    assert blanked[len(named) : len(named) + len(nameless) + 2].replace(" ", "") == "\n.\n"
