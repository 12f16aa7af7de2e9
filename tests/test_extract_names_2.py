"""More names as a reader writes them: the company word before a partner's name, and more.

Sentences of our own (invented people and companies).
"""

from __future__ import annotations

from mercato.extract.mention import Ent


def _ents(sentence: str, lang: str = "en") -> list[Ent]:
    """The mentions of one sentence, resolved as in a document."""
    from mercato.extract import deps
    from mercato.extract.entities import find_entities, resolve
    from mercato.extract.lexicon import load_lexicon
    from mercato.extract.nlp import get_nlp

    doc = get_nlp(lang)(sentence.replace("’", "'"))
    ents = find_entities(doc, 0, deps.get_kb(), load_lexicon(lang))
    resolve(ents, [])
    return ents


def test_a_name_after_with_is_a_partner_not_the_company_s_name() -> None:
    fr = _ents("Quillon AI recrute. Nora Vale a fondé la start-up avec Paul Duret en 2021.", "fr")
    assert [e.name for e in fr if e.anaphor] == ["Quillon AI"]
    en = _ents("Quillon AI is hiring. Nora Vale launched the startup with Paul Duret in 2021.")
    assert [e.name for e in en if e.anaphor] == ["Quillon AI"]


def test_a_name_after_of_is_still_the_company_s_owner_or_name() -> None:
    fr = _ents("Quillon AI recrute. La start-up de Nora Vale a levé 5 millions d'euros.", "fr")
    assert all(e.owner is not None for e in fr if e.anaphor)


def test_the_company_in_the_subject_is_not_the_startup_it_founded() -> None:
    text = "Quillon AI recrute.\n\nL'ancienne chercheuse de Quorum Labs a fondé la start-up avec Paul Duret."
    assert [e.name for e in _ents(text, "fr") if e.anaphor] == ["Quillon AI"]


def test_a_misspelt_month_before_a_day_is_no_name() -> None:
    names = [e.name for e in _ents("Orbitex stunned the market on Marhc 19 with news that it had hired Nora Vale.")]
    assert "Marhc" not in names and "Nora Vale" in names


def test_a_name_before_a_number_that_is_no_day_stays_a_name() -> None:
    names = [e.name for e in _ents("Nora Vale joined Quorum Labs in 2021 after six years at Orbitex.")]
    assert "Quorum Labs" in names


def test_a_processing_unit_is_a_chip_not_a_unit() -> None:
    from extract_helpers import extract_cases

    lead = {"en": "The AI talent war between OpenAI, Meta and Google keeps heating up in Silicon Valley."}
    text = "Nora Vale helped design Orbitex's Neural Processing Unit before founding Quillon AI in 2022."
    assert extract_cases({"chip": ("en", text)}, lead, only="unit")["chip"] == []


def test_a_camelcase_brand_fused_with_a_person_s_name_is_two_names() -> None:
    text = "Il a créé Quillon AI aux côtés du milliardaire de BrightLoop Nora Vale, et de Paul Duret."
    kinds = {e.name: e.kind for e in _ents(text, "fr")}
    assert kinds.get("BrightLoop") == "org" and kinds.get("Nora Vale") == "person"


def test_a_person_s_name_with_an_inner_capital_stays_whole() -> None:
    assert "McKenzie Anne Smith" in [e.name for e in _ents("Yesterday McKenzie Anne Smith joined Orbitex.")]


def test_the_company_right_after_a_one_word_name_is_that_name() -> None:
    text = "Plusieurs jeunes pousses émergent, mais un nom ressort : Brumo. Cette jeune entreprise recrute."
    assert [e.name for e in _ents(text, "fr") if e.anaphor] == ["Brumo"]


def test_a_founded_company_named_by_one_unknown_word_receives_its_founder() -> None:
    from extract_helpers import extract_cases

    lead = {"fr": "La guerre des talents de l'IA entre OpenAI, Meta et Google s'intensifie."}
    text = (
        "Plusieurs jeunes pousses émergent, mais un nom ressort : Brumo. Cette jeune entreprise a été "
        "fondée par Nora Vale, ancienne ingénieure de Quorum Labs."
    )
    moves = extract_cases({"one": ("fr", text)}, lead, only="move")["one"]
    assert [(m["person"], m["to_org"]) for m in moves] == [("Nora Vale", "Brumo")]


def test_a_nickname_in_brackets_is_not_part_of_the_name() -> None:
    text = "Lundi, la cofondatrice de Quorum Labs, Lin (Lina) Okafor, a annoncé son départ."
    assert "Lin Okafor" in [e.name for e in _ents(text, "fr") if e.kind == "person"]


def test_a_company_in_brackets_between_names_is_no_nickname() -> None:
    names = [e.name for e in _ents("Nora Vale (Quorum Labs) Joined Orbitex last week.")]
    assert "Nora Joined" not in names


def test_a_known_company_followed_by_a_fund_word_is_its_fund() -> None:
    names = [e.name for e in _ents("The round was led by Salesforce Ventures, with Quorum Labs joining.")]
    assert "Salesforce Ventures" in names and "Salesforce" not in names


def test_a_known_company_followed_by_another_word_stays_known() -> None:
    assert "Salesforce" in [e.name for e in _ents("Nora Vale left Salesforce Research for Quorum Labs.")]
