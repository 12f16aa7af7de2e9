"""Unit tests for the dense parts of extraction: chunking, merging, lexicons, language handling."""

from __future__ import annotations

from mercato.extract import extract_documents
from mercato.extract.lexicon import load_lexicon
from mercato.extract.merge import merge_facts
from mercato.extract.nlp import CHUNK_CHARS, MAX_PARAGRAPH, chunks
from mercato.model import Document, Evidence, Fact


def test_extract_chunks_cover_text_in_order_and_stay_bounded() -> None:
    para = "OpenAI hired a researcher from Google. " * 40 + "\n\n"
    text = para * 2000 + "x" * (3 * MAX_PARAGRAPH)  # ~3 MB plus one huge line with no break
    pieces = list(chunks(text))
    assert "".join(t for _, t in pieces) == text
    assert all(text[off : off + len(t)] == t for off, t in pieces)
    assert max(len(t) for _, t in pieces) <= CHUNK_CHARS + MAX_PARAGRAPH


def _move(person: str | None, to: str, **kw: object) -> Fact:
    attrs = {"person": person, "count": None, "from_org": None, "to_org": to, "role": None, "status": "done"}
    attrs.update(kw)
    return Fact("move", attrs, [Evidence(f"{person} {to} {kw}", 0, 1)])


def test_extract_merge_keeps_one_fact_per_key_with_most_specific_attributes() -> None:
    merged = merge_facts(
        [
            _move("Sam Roe", "Meta"),
            _move("sam  roe", "meta", from_org="OpenAI", role="chief scientist"),
            _move("Sam Roe", "Meta", role="scientist"),
        ]
    )
    assert len(merged) == 1
    f = merged[0]
    assert f.attrs["from_org"] == "OpenAI" and f.attrs["role"] == "chief scientist"
    assert len(f.evidence) == 3


def test_extract_merge_drops_departure_restated_as_full_move() -> None:
    merged = merge_facts([_move("Ann Lee", None, from_org="Apple"), _move("Ann Lee", "Meta")])
    assert [(f.attrs["to_org"], f.attrs["from_org"]) for f in merged] == [("Meta", "Apple")]


def test_extract_merge_gives_a_wave_of_hires_its_one_origin() -> None:
    def told(fact: Fact, sentence: str) -> Fact:
        fact.evidence = [Evidence(sentence, 0, 1)]
        return fact

    wave = "Lea Beyer is moving from OpenAI to Meta, along with colleagues Ana Kolev and Xu Zhai."
    merged = merge_facts(
        [
            told(_move("Lea Beyer", "Meta", from_org="OpenAI"), wave),
            told(_move("Ana Kolev", "Meta"), wave),
            told(_move("Xu Zhai", "Meta"), wave),
            told(_move(None, "Meta", count=3, from_org="OpenAI"), "Meta hired three more OpenAI researchers."),
            told(_move("Ren Bi", "Meta"), "The new recruits include Ren Bi."),  # the group's wave
            told(_move("Tom Gross", "Anthropic"), "Tom Gross joined Anthropic."),
            told(_move("Ada Wang", "Anthropic", from_org="Scale AI"), "Ada Wang left Scale AI for Anthropic."),
        ]
    )
    origin = {f.attrs["person"]: f.attrs["from_org"] for f in merged if f.attrs["person"]}
    assert origin["Ana Kolev"] == origin["Xu Zhai"] == origin["Ren Bi"] == "OpenAI"
    assert origin["Tom Gross"] is None  # one named person's origin elsewhere in the text is theirs only
    conflicting = merge_facts(
        [
            told(_move("Ana Kolev", "Meta"), wave),
            told(_move("Lea Beyer", "Meta", from_org="OpenAI"), wave),
            told(_move(None, "Meta", count=2, from_org="Google"), "Two Google engineers joined Meta."),
        ]
    )
    assert next(f for f in conflicting if f.attrs["person"] == "Ana Kolev").attrs["from_org"] is None


def test_extract_offer_without_target_joins_the_targeted_one() -> None:
    base = {
        "by_org": "Meta",
        "target_person": None,
        "amount_usd": None,
        "component": None,
        "outcome": "unknown",
        "attributed_to": None,
    }
    merged = merge_facts(
        [
            Fact("offer", dict(base, target_org=None, amount_usd=1e8)),
            Fact("offer", dict(base, target_org="OpenAI")),
        ]
    )
    assert len(merged) == 1 and merged[0].attrs["target_org"] == "OpenAI"
    assert merged[0].attrs["amount_usd"] == 1e8


def test_extract_lexicons_load_for_both_languages() -> None:
    for lang in ("fr", "en"):
        lex = load_lexicon(lang)
        types = {f.type for f in lex.frames}
        assert types == {"move", "offer", "investment", "unit", "denial"}
        assert lex.by_verb and lex.group_nouns and lex.titles


def test_extract_unknown_language_and_empty_documents_give_nothing() -> None:
    docs = [
        Document(source="a", raw_text="", text=""),
        Document(source="b", raw_text="x", text="Questo è un articolo italiano su OpenAI.", lang="it"),
    ]
    out = extract_documents(docs)
    assert [e.facts for e in out] == [[], []]
    assert all(not e.relevant for e in out)


def test_extract_language_detected_when_missing() -> None:
    text = "Anthropic a recruté Paul Martin, ancien ingénieur de Google DeepMind, en tant que directeur de l'IA."
    (ext,) = extract_documents([Document(source="a", raw_text=text, text=text)])
    assert ext.doc.lang == "fr"
    assert any(f.type == "move" and f.attrs["to_org"] == "Anthropic" for f in ext.facts)


def test_extract_long_article_is_processed_without_error() -> None:
    body = ("Le club a gagné le match. " * 30 + "\n") * 150  # ~120 kB of off-topic text
    text = body + "OpenAI a recruté Paul Martin, ancien chercheur de Google DeepMind, comme directeur de l'IA.\n"
    (ext,) = extract_documents([Document(source="long", raw_text=text, text=text, lang="fr")])
    for f in ext.facts:
        ev = f.evidence[0]
        assert text[ev.start : ev.end] == ev.sentence


def test_extract_merge_drops_offers_that_say_nothing_or_repeat_a_targeted_one() -> None:
    base = {"by_org": "Meta", "target_org": None, "component": None, "outcome": "unknown", "attributed_to": None}
    merged = merge_facts(
        [
            Fact("offer", dict(base, target_person="Ann Lee", amount_usd=2e8)),
            Fact("offer", dict(base, target_person=None, amount_usd=2e8)),  # the same package, untargeted
            Fact("offer", dict(base, target_person=None, amount_usd=None)),  # "Meta made offers"
            Fact("offer", dict(base, target_person=None, amount_usd=3e8)),  # a figure of its own: kept
        ]
    )
    assert sorted((f.attrs["target_person"] or "", f.attrs["amount_usd"]) for f in merged) == [
        ("", 3e8),
        ("Ann Lee", 2e8),
    ]
