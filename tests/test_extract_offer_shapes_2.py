"""More offer shapes, on sentences of our own: a move that was to happen and did not ("X was going to
join Acme") is Acme's offer, declined, and no move; told as reported speech of a plan, it stays a move.
A rival luring people away courts the staff of the article's subject; a rival merely recruiting does not.

Each case is a short article (a lead sentence about the AI industry so the document is in scope,
then the sentences under test); all documents go through one ``extract_documents`` call.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases, find_fact

CASES: dict[str, tuple[str, str]] = {
    "going_to_join_en": (
        "en",
        "Zentor engineer Nora Vale left the company last week to join Quillon AI. “Nora was going to join "
        "Orbis, so it was either us or them,” Karl Brun said.",
    ),
    "going_to_join_fr": (
        "fr",
        "Nora Vale, ingénieure chez Zentor, a rejoint Quillon. « Nora allait rejoindre Orbis, donc c'était "
        "soit nous, soit eux », a dit Karl Brun.",
    ),
    "said_going_to_join_en": ("en", "Zentor said that Nora Vale was going to join Orbis in March."),
    "annonce_allait_rejoindre_fr": ("fr", "Zentor a annoncé que Nora Vale allait rejoindre Orbis en mars."),
    "rival_lures_away": (
        "en",
        "Quillon AI gave special bonuses to its engineers. Quillon AI wants to keep its staff. Quillon AI is "
        "under pressure as rival labs, chiefly Zentor, offer large pay packages to lure away its best engineers.",
    ),
    "rival_recruits": (
        "en",
        "Quillon AI raised salaries for its engineers. Quillon AI keeps growing. Quillon AI is under pressure "
        "as rival labs, chiefly Zentor, launch recruitment drives to build their own AI teams.",
    ),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD)


@pytest.mark.parametrize("case", ["going_to_join_en", "going_to_join_fr"])
def test_a_move_that_was_to_happen_is_a_declined_offer(facts, case) -> None:
    rows = facts[case]
    find_fact(rows, type="offer", by_org="Orbis", target_person="Nora Vale", outcome="declined")
    find_fact(rows, type="move", person="Nora Vale", to_org="Quillon" + (" AI" if case.endswith("en") else ""))
    assert not any(r["type"] == "move" and r.get("to_org") == "Orbis" for r in rows), rows


@pytest.mark.parametrize("case", ["said_going_to_join_en", "annonce_allait_rejoindre_fr"])
def test_a_plan_reported_in_speech_stays_a_move(facts, case) -> None:
    rows = facts[case]
    find_fact(rows, type="move", person="Nora Vale", to_org="Orbis")
    assert not any(r["type"] == "offer" for r in rows), rows


def test_a_rival_luring_people_away_courts_the_subject_s_staff(facts) -> None:
    find_fact(facts["rival_lures_away"], type="offer", by_org="Zentor", target_org="Quillon AI")


def test_a_rival_recruiting_for_itself_targets_no_one_in_particular(facts) -> None:
    rows = [r for r in facts["rival_recruits"] if r["type"] == "offer" and r.get("by_org") == "Zentor"]
    assert rows and all(r.get("target_org") is None for r in rows), rows
