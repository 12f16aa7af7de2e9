"""French move shapes of a second round: a company's name that also opens a product's name ("Veltrix K")
stays the company's; a new title at "la start-up" a subject's description names ("X, juriste de Y,
devient PDG de la start-up"), or after a company noun ("PDG de la start-up Y"); a cleft naming a list
("Ce sont A, B et C qui ont quitté X", "c'est le COO A et le CTO B qui prendront la relève"); "les deux
hommes" standing for the people listed before; "suivie par B" after a move: B made the same move;
a fronted "Fondée par A et B, la start-up Y": Y, not B, is the company; "son départ sur LinkedIn": a
platform, not the place left; "l'embauche par Microsoft de ...": the noun's agent hires, not the
clause's subject; "Paul et Marc Drim": two people named Drim.
Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import extract_cases

LEAD = {
    "en": "The AI talent war between OpenAI, Meta, Amazon and Google keeps heating up in Silicon Valley.",
    "fr": "La guerre des talents de l'IA entre OpenAI, Meta et Google s'intensifie dans la Silicon Valley.",
}

CASES: dict[str, tuple[str, str]] = {
    "product_named_after_company_fr": (
        "fr",
        "La licorne française Veltrix a lancé en mai dernier un assistant IA conçu pour les chercheurs médicaux. "
        "Intitulé Veltrix K, il vise une intelligence artificielle générale. Veltrix devrait aussi se séparer de "
        "son unité de diagnostic. Fondée en 2016 par Nora Vale et Paul Drim, Veltrix a réalisé un chiffre "
        "d'affaires de 8 millions d'euros.",
    ),
    "title_at_described_company_fr": (
        "fr",
        "Nora Vale, directrice juridique de Quillon AI, devient PDG par intérim de la start-up.",
    ),
    "title_after_company_noun_fr": (
        "fr",
        "Nora Vale, ancienne directrice de Pellin, devient PDG de la start-up Quillon AI.",
    ),
    "join_described_company_fr": (
        "fr",
        "La start-up Quillon AI grandit vite. Nora Vale, ancienne directrice de Pellin, a rejoint la start-up en mars.",
    ),
    "cleft_list_fr": ("fr", "Ce sont Nora Vale, Paul Drim et Marc Irwin qui ont décidé de quitter OpenAI."),
    "cleft_titled_pair_fr": (
        "fr",
        "Anthropic n'a pas nommé de CEO. Temporairement, c'est le COO Nora Vale et le CTO Paul Drim qui prendront "
        "la relève en tant que co-CEO par intérim.",
    ),
    "singular_relative_fr": ("fr", "Nora Vale et Paul Drim ont rencontré Marc Irwin, qui a quitté OpenAI en mars."),
    "two_men_fr": (
        "fr",
        "Nora Vale, ancienne ingénieure d'OpenAI, et Paul Drim, ancien chef de produit chez Alan, dirigent Vantor. "
        "Les deux hommes ont créé ensemble Pellin, une start-up d'IA.",
    ),
    "followed_by_fr": ("fr", "Nora Vale a quitté OpenAI en mai, suivie rapidement par Paul Drim et Marc Irwin."),
    "followed_by_no_person_fr": ("fr", "Nora Vale a quitté OpenAI en mai, suivie de près par la presse."),
    "fronted_described_company_fr": (
        "fr",
        "Fondée en 2017 par Nora Vale et Paul Drim, la jeune pousse lyonnaise Vantor Labs emploie dix salariés.",
    ),
    "departure_on_platform_fr": (
        "fr",
        "Après six ans chez OpenAI, Nora Vale a annoncé, mercredi, son départ sur LinkedIn.",
    ),
    "noun_agent_over_subject_fr": (
        "fr",
        "La CMA dispose d'informations concernant l'embauche par Microsoft de certains anciens employés de Vantor.",
    ),
    "shared_surname_fr": ("fr", "Vantor Labs a été fondée en 2017 par Paul et Marc Drim."),
    "two_full_names_fr": ("fr", "Vantor Labs a été fondée en 2017 par Nora Vale et Marc Drim."),
}


@pytest.fixture(scope="module")
def moves() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, LEAD, only="move")


def _by_person(facts: list[dict[str, Any]]) -> dict[Any, dict[str, Any]]:
    return {f["person"]: f for f in facts}


def test_company_named_like_its_product_is_no_person(moves: dict[str, list[dict[str, Any]]]) -> None:
    got = _by_person(moves["product_named_after_company_fr"])
    assert set(got) == {"Nora Vale", "Paul Drim"}
    assert {f["to_org"] for f in got.values()} == {"Veltrix"}


def test_new_title_at_the_company_of_the_subject(moves: dict[str, list[dict[str, Any]]]) -> None:
    (fact,) = moves["title_at_described_company_fr"]
    assert (fact["person"], fact["from_org"], fact["to_org"]) == ("Nora Vale", "Quillon AI", "Quillon AI")
    assert fact["role"].startswith("PDG")
    (fact,) = moves["title_after_company_noun_fr"]
    assert (fact["from_org"], fact["to_org"], fact["role"]) == ("Pellin", "Quillon AI", "PDG")


def test_joined_startup_is_not_the_subjects_former_employer(moves: dict[str, list[dict[str, Any]]]) -> None:
    assert all(f["to_org"] != "Pellin" for f in moves["join_described_company_fr"])


def test_cleft_list_all_move(moves: dict[str, list[dict[str, Any]]]) -> None:
    got = _by_person(moves["cleft_list_fr"])
    assert {p: (f["from_org"], f["to_org"]) for p, f in got.items()} == {
        "Nora Vale": ("OpenAI", None),
        "Paul Drim": ("OpenAI", None),
        "Marc Irwin": ("OpenAI", None),
    }
    got = _by_person(moves["cleft_titled_pair_fr"])
    assert set(got) == {"Nora Vale", "Paul Drim"}
    for f in got.values():
        assert (f["from_org"], f["to_org"], f["role"], f["status"]) == (
            "Anthropic",
            "Anthropic",
            "co-CEO par intérim",
            "announced",
        )


def test_singular_relative_is_said_of_the_last_name(moves: dict[str, list[dict[str, Any]]]) -> None:
    assert [f["person"] for f in moves["singular_relative_fr"]] == ["Marc Irwin"]


def test_plural_noun_subject_stands_for_the_list_before(moves: dict[str, list[dict[str, Any]]]) -> None:
    got = _by_person(moves["two_men_fr"])
    assert {p: (f["to_org"], f["role"]) for p, f in got.items()} == {
        "Nora Vale": ("Pellin", "fondateur"),
        "Paul Drim": ("Pellin", "fondateur"),
    }


def test_followed_by_makes_the_same_move(moves: dict[str, list[dict[str, Any]]]) -> None:
    got = _by_person(moves["followed_by_fr"])
    assert {p: (f["from_org"], f["to_org"]) for p, f in got.items()} == {
        "Nora Vale": ("OpenAI", None),
        "Paul Drim": ("OpenAI", None),
        "Marc Irwin": ("OpenAI", None),
    }
    assert [f["person"] for f in moves["followed_by_no_person_fr"]] == ["Nora Vale"]


def test_fronted_founding_with_a_described_company(moves: dict[str, list[dict[str, Any]]]) -> None:
    got = _by_person(moves["fronted_described_company_fr"])
    assert {p: (f["to_org"], f["role"]) for p, f in got.items()} == {
        "Nora Vale": ("Vantor Labs", "fondateur"),
        "Paul Drim": ("Vantor Labs", "fondateur"),
    }


def test_platform_of_an_announcement_is_not_the_place_left(moves: dict[str, list[dict[str, Any]]]) -> None:
    (fact,) = moves["departure_on_platform_fr"]
    assert (fact["person"], fact["from_org"], fact["to_org"]) == ("Nora Vale", "OpenAI", None)


def test_hiring_noun_agent_beats_the_clause_subject(moves: dict[str, list[dict[str, Any]]]) -> None:
    (fact,) = moves["noun_agent_over_subject_fr"]
    assert (fact["person"], fact["from_org"], fact["to_org"]) == (None, "Vantor", "Microsoft")


def test_first_name_shares_the_surname_after_it(moves: dict[str, list[dict[str, Any]]]) -> None:
    assert set(_by_person(moves["shared_surname_fr"])) == {"Paul Drim", "Marc Drim"}
    assert set(_by_person(moves["two_full_names_fr"])) == {"Nora Vale", "Marc Drim"}
