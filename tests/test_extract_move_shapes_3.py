"""Third round of move shapes: a co-founder named after "with"/"avec" and a description closed by a
comma ("avec le cofondateur de X, Z"); a group headed by a quantity ("beaucoup d'ingénieurs de X
rejoignent Y") inside a quote, not the speaker who introduces it; "headed up the team" leads it, where
"headed to Y" goes there.
Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases, find_fact

CASES: dict[str, tuple[str, str]] = {
    "described_cofounder_fr": (
        "fr",
        "Nora Vale dirige Vantor. Après son départ, elle a créé la start-up Nexalis avec le cofondateur "
        "de Kelt, Tom Brun.",
    ),
    "described_cofounder_en": (
        "en",
        "Nora Vale co-founded the startup Nexalis with the chief executive of Kelt, Tom Brun.",
    ),
    "quoted_group_fr": ("fr", "Tom Brun a été clair : « Beaucoup d'ingénieurs de Meta rejoignent OpenAI. »"),
    "headed_up_en": (
        "en",
        "Nora Vale and Tom Brun left OpenAI last month. The two headed up the company's safety team.",
    ),
    "headed_to_en": ("en", "Tom Brun headed to Vantor last month."),
    "not_described_en": ("en", "Nora Vale founded the startup Nexalis with support from investors, Tom Brun said."),
}


@pytest.fixture(scope="module")
def moves() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD, only="move")


@pytest.mark.parametrize(
    ("case", "role"), [("described_cofounder_fr", "fondateur"), ("described_cofounder_en", "founder")]
)
def test_described_cofounder(moves: dict[str, list[dict[str, Any]]], case: str, role: str) -> None:
    for person in ("Nora Vale", "Tom Brun"):
        fact = find_fact(moves[case], person=person, to_org="Nexalis")
        assert fact["role"] == role
        assert fact["status"] == "done"


def test_comma_without_title_is_no_cofounder(moves: dict[str, list[dict[str, Any]]]) -> None:
    assert not [m for m in moves["not_described_en"] if m["person"] == "Tom Brun"]


def test_quoted_group_is_not_the_speaker(moves: dict[str, list[dict[str, Any]]]) -> None:
    fact = find_fact(moves["quoted_group_fr"], person=None, to_org="OpenAI")
    assert fact["from_org"] == "Meta"
    assert not [m for m in moves["quoted_group_fr"] if m["person"] == "Tom Brun"]


def test_headed_up_is_no_join(moves: dict[str, list[dict[str, Any]]]) -> None:
    find_fact(moves["headed_up_en"], person="Tom Brun", from_org="OpenAI", to_org=None)
    assert not [m for m in moves["headed_up_en"] if m["to_org"] == "OpenAI"]


def test_headed_to_is_a_join(moves: dict[str, list[dict[str, Any]]]) -> None:
    fact = find_fact(moves["headed_to_en"], person="Tom Brun", to_org="Vantor")
    assert fact["status"] == "done"
