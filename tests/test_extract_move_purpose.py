"""An infinitive of purpose after a departure names where people go, not what they leave ("are
leaving to join X", "a quitté ses fonctions pour rejoindre X"), and takes its tense from the verb it
completes. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import extract_cases

LEAD = {
    "en": "The AI talent war between OpenAI, Meta, Amazon and Google keeps heating up in Silicon Valley.",
    "fr": "La guerre des talents de l'IA entre OpenAI, Meta et Google s'intensifie dans la Silicon Valley.",
}

CASES: dict[str, tuple[str, str]] = {
    "leaving_to_join_en": ("en", "Two Vantor researchers, Nora Vale and Tomas Brun, are leaving to join Quillon AI."),
    "left_to_join_en": ("en", "Nora Vale left Vantor last year to join Quillon AI."),
    "post_left_to_join_fr": ("fr", "Nora Vale a quitté ses fonctions pour rejoindre la start-up Quillon AI."),
    "left_company_for_fr": ("fr", "Nora Vale a quitté Vantor pour rejoindre la start-up Quillon AI."),
}


@pytest.fixture(scope="module")
def moves() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, LEAD, only="move")


def _sides(facts: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {(f["person"], f["from_org"], f["to_org"], f["status"]) for f in facts}


def test_progressive_departure_to_join_is_coming_and_from_the_group_employer(
    moves: dict[str, list[dict[str, Any]]],
) -> None:
    assert _sides(moves["leaving_to_join_en"]) == {
        ("Nora Vale", "Vantor", "Quillon AI", "announced"),
        ("Tomas Brun", "Vantor", "Quillon AI", "announced"),
    }


def test_past_departure_to_join_is_done(moves: dict[str, list[dict[str, Any]]]) -> None:
    assert _sides(moves["left_to_join_en"]) == {("Nora Vale", "Vantor", "Quillon AI", "done")}
    assert _sides(moves["left_company_for_fr"]) == {("Nora Vale", "Vantor", "Quillon AI", "done")}


def test_destination_of_the_purpose_clause_is_not_the_post_left(moves: dict[str, list[dict[str, Any]]]) -> None:
    facts = moves["post_left_to_join_fr"]
    assert all(f["from_org"] != "Quillon AI" for f in facts)
    assert ("Nora Vale", "Quillon AI") in {(f["person"], f["to_org"]) for f in facts}
