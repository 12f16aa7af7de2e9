"""Shapes of names the parser cuts or glues differently in French: a former employer glued to "ex-"
("X (ex-Google)"), a name the NER runs on into an amount ("dans Corvane pour 2 milliards"), and the
names apposed to a counted group ("Deux chercheurs d'A, X et Y, vont rejoindre B"). Sentences written
for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases

CASES: dict[str, tuple[str, str]] = {
    "ex_in_brackets_fr": ("fr", "Lena Ortiz (ex-Google) a rejoint Mistral AI."),
    "ex_between_commas_fr": ("fr", "Mistral AI a recruté Lena Ortiz, ex-Apple, comme directrice de la recherche."),
    "stake_amount_fr": ("fr", "Microsoft a pris une participation de 49 % dans Corvane pour 2 milliards d'euros."),
    "named_group_fr": ("fr", "Deux chercheurs d'OpenAI, Nora Vale et Tomas Brun, vont rejoindre Meta."),
    "unnamed_group_fr": ("fr", "Deux chercheurs d'OpenAI vont rejoindre Meta."),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD)


@pytest.mark.parametrize(("case", "origin"), [("ex_in_brackets_fr", "Google"), ("ex_between_commas_fr", "Apple")])
def test_ex_prefix_names_the_former_employer(facts: dict[str, list[dict[str, Any]]], case: str, origin: str) -> None:
    (move,) = [f for f in facts[case] if f["type"] == "move"]
    assert (move["person"], move["from_org"], move["to_org"]) == ("Lena Ortiz", origin, "Mistral AI")


def test_name_stops_before_the_amount(facts: dict[str, list[dict[str, Any]]]) -> None:
    (deal,) = [f for f in facts["stake_amount_fr"] if f["type"] == "investment"]
    assert (deal["investor"], deal["target"], deal["stake_pct"]) == ("Microsoft", "Corvane", 49.0)


def test_counted_group_fully_named_gives_each_person(facts: dict[str, list[dict[str, Any]]]) -> None:
    moves = [f for f in facts["named_group_fr"] if f["type"] == "move"]
    assert {(f["person"], f["to_org"], f["status"]) for f in moves} == {
        ("Nora Vale", "Meta", "announced"),
        ("Tomas Brun", "Meta", "announced"),
    }
    (group,) = [f for f in facts["unnamed_group_fr"] if f["type"] == "move"]
    assert (group["person"], group["count"], group["from_org"], group["to_org"]) == (None, 2, "OpenAI", "Meta")
