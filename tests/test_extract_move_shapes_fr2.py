"""French move shapes of a second round: a company's name that also opens a product's name ("Veltrix K")
stays the company's. Sentences written for these tests."""

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
