"""Founding stated by a participle that describes the company ("X, le laboratoire cofondé en 2023 par A,
B et C", "la start-up, lancée par des anciens de Y"), and company nouns that stand for the company just
named ("cette jeune entreprise"), and an unnamed group moving besides named people ("la plupart des
employés de X ainsi que A et B"). Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import extract_cases

LEAD = {
    "en": "The AI talent war between OpenAI, Meta, Amazon and Google keeps heating up in Silicon Valley.",
    "fr": "La guerre des talents de l'IA entre OpenAI, Meta et Google s'intensifie dans la Silicon Valley.",
}

CASES: dict[str, tuple[str, str]] = {
    "participle_list_fr": (
        "fr",
        "L'équipe vient de Quillon AI, le laboratoire à but non lucratif cofondé, en 2023, par Nora Vale "
        "(fondatrice de Pellin), Tomas Brun (ex-directeur de Google) et Lise Marchal (PDG de Vantor).",
    ),
    "participle_en": ("en", "Quillon AI, co-founded in 2022 by Nora Vale and Tomas Brun, sells voice agents."),
    "participle_group_fr": (
        "fr",
        "Quillon AI, fondée par d'anciens chercheurs de DeepMind, venait de lever 220 millions de dollars.",
    ),
    "anaphor_fr": (
        "fr",
        "Quillon AI lève 50 millions d'euros. Cette jeune entreprise a été fondée par Nora Vale, ancienne "
        "ingénieure d'OpenAI.",
    ),
    "group_before_names_fr": (
        "fr",
        "Microsoft a embauché la plupart des 70 employés de Vantor ainsi que Nora Vale et Tomas Brun.",
    ),
    "group_before_names_en": ("en", "Microsoft hired most of Vantor's staff as well as Nora Vale and Tomas Brun."),
    "group_after_names_fr": (
        "fr",
        "Nora Vale rejoindra Google aux côtés d'un certain nombre d'autres collaborateurs de la start-up Vantor.",
    ),
    "fronted_negation_fr": ("fr", "Fondée en 2021 par des anciens de Google, Vantor n'a pas perdu de temps."),
    "alumni_fr": ("fr", "Plusieurs anciens d'OpenAI ont rejoint Vantor."),
    "old_premises_fr": ("fr", "Vantor s'installe dans les anciens locaux de Google à Paris."),
    "leave_toward_fr": ("fr", "Nora Vale est partie chez Vantor. Tomas Brun a quitté son poste chez Pellin en mars."),
    "participle_read_as_noun_fr": ("fr", "Des employés de Vantor sont partis en mars chez Microsoft."),
    "described_founder_fr": (
        "fr",
        "L'ancien chercheur de DeepMind a fondé Vantor AI avec Tomas Brun et Nora Vale, qui ont tous deux quitté Meta.",
    ),
    "described_founder_en": ("en", "The former Google researcher co-founded Vantor AI with Tomas Brun in 2021."),
    "noun_agent_group_fr": (
        "fr",
        "Le régulateur enquête sur l'embauche par Microsoft de certains anciens employés de Vantor.",
    ),
    "not_company_fr": ("fr", "Le rapport publié par Nora Vale chez Quillon AI a été salué par Tomas Brun."),
    "title_noun_subject_fr": ("fr", "Le chercheur Tomas Brun a rejoint Vantor après avoir quitté Google."),
    "group_noun_subject_fr": ("fr", "Au moins dix chercheurs de Google ont rejoint Vantor."),
}


@pytest.fixture(scope="module")
def moves() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, LEAD, only="move")


def _by_person(facts: list[dict[str, Any]]) -> dict[Any, dict[str, Any]]:
    return {f["person"]: f for f in facts}


def test_participle_names_founders_listed_with_asides(moves: dict[str, list[dict[str, Any]]]) -> None:
    got = _by_person(moves["participle_list_fr"])
    assert {"Nora Vale", "Tomas Brun", "Lise Marchal"} <= set(got)
    for name in ("Nora Vale", "Tomas Brun", "Lise Marchal"):
        assert got[name]["to_org"] == "Quillon AI"
        assert got[name]["role"] == "fondateur"
        assert got[name]["status"] == "done"
    assert got["Tomas Brun"]["from_org"] == "Google"


def test_participle_in_english(moves: dict[str, list[dict[str, Any]]]) -> None:
    got = _by_person(moves["participle_en"])
    assert got["Nora Vale"]["to_org"] == "Quillon AI"
    assert got["Tomas Brun"]["to_org"] == "Quillon AI"


def test_participle_with_unnamed_founders(moves: dict[str, list[dict[str, Any]]]) -> None:
    (fact,) = moves["participle_group_fr"]
    assert fact["person"] is None
    assert fact["to_org"] == "Quillon AI"
    assert fact["from_org"] == "Google DeepMind"
    assert fact["role"] == "fondateur"


def test_company_noun_stands_for_company_named_before(moves: dict[str, list[dict[str, Any]]]) -> None:
    got = _by_person(moves["anaphor_fr"])
    assert got["Nora Vale"]["to_org"] == "Quillon AI"
    assert got["Nora Vale"]["from_org"] == "OpenAI"


@pytest.mark.parametrize("case", ["group_before_names_fr", "group_before_names_en"])
def test_group_hired_besides_named_people(moves: dict[str, list[dict[str, Any]]], case: str) -> None:
    got = _by_person(moves[case])
    assert set(got) == {"Nora Vale", "Tomas Brun", None}
    assert all(f["to_org"] == "Microsoft" and f["from_org"] == "Vantor" for f in got.values())


def test_group_after_names_from_company_noun(moves: dict[str, list[dict[str, Any]]]) -> None:
    got = _by_person(moves["group_after_names_fr"])
    assert got[None]["to_org"] == "Google"
    assert got[None]["from_org"] == "Vantor"
    assert got["Nora Vale"]["status"] == "announced"


def test_fronted_participle_before_negated_verb(moves: dict[str, list[dict[str, Any]]]) -> None:
    (fact,) = moves["fronted_negation_fr"]
    assert (fact["person"], fact["from_org"], fact["to_org"]) == (None, "Google", "Vantor")


def test_former_staff_adjective_as_group(moves: dict[str, list[dict[str, Any]]]) -> None:
    (fact,) = moves["alumni_fr"]
    assert (fact["person"], fact["from_org"], fact["to_org"]) == (None, "OpenAI", "Vantor")
    assert moves["old_premises_fr"] == []


def test_departure_toward_a_company(moves: dict[str, list[dict[str, Any]]]) -> None:
    got = _by_person(moves["leave_toward_fr"])
    assert (got["Nora Vale"]["from_org"], got["Nora Vale"]["to_org"]) == (None, "Vantor")
    assert (got["Tomas Brun"]["from_org"], got["Tomas Brun"]["to_org"]) == ("Pellin", None)


def test_participle_after_auxiliary_tagged_as_noun(moves: dict[str, list[dict[str, Any]]]) -> None:
    (fact,) = moves["participle_read_as_noun_fr"]
    assert (fact["person"], fact["from_org"], fact["to_org"]) == (None, "Vantor", "Microsoft")


def test_cofounders_of_a_described_founder(moves: dict[str, list[dict[str, Any]]]) -> None:
    got = _by_person(moves["described_founder_fr"])
    assert {p: (f["from_org"], f["to_org"]) for p, f in got.items()} == {
        "Tomas Brun": ("Meta", "Vantor AI"),
        "Nora Vale": ("Meta", "Vantor AI"),
    }
    (fact,) = moves["described_founder_en"]
    assert (fact["person"], fact["to_org"], fact["role"]) == ("Tomas Brun", "Vantor AI", "founder")


def test_hiring_noun_with_agent_and_group(moves: dict[str, list[dict[str, Any]]]) -> None:
    (fact,) = moves["noun_agent_group_fr"]
    assert (fact["person"], fact["from_org"], fact["to_org"]) == (None, "Vantor", "Microsoft")


def test_participle_of_no_founding_verb_is_no_move(moves: dict[str, list[dict[str, Any]]]) -> None:
    assert moves["not_company_fr"] == []


def test_title_noun_before_the_name_is_no_group(moves: dict[str, list[dict[str, Any]]]) -> None:
    (fact,) = moves["title_noun_subject_fr"]
    assert (fact["person"], fact["from_org"], fact["to_org"]) == ("Tomas Brun", "Google", "Vantor")
    (group,) = moves["group_noun_subject_fr"]
    assert (group["person"], group["count"], group["to_org"]) == (None, 10, "Vantor")
