"""Unit shapes, one per test, on sentences of our own: a parent stated as a possessor stands over
the leader's move, a leader's name or a piece of a coordinated name is no parent, a place is no
parent, a quoted word before the unit noun, and a unit "to be headed by" someone.

Each case is a short article (a lead sentence about the AI industry so the document is in scope,
then the sentences under test); all documents go through one ``extract_documents`` call.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases, find_fact

CASES: dict[str, tuple[str, str]] = {
    "possessor_stands": (
        "en",
        "After moving off the Nova team, Dara Pelt took charge of Amazon's Search, Maps and Knowledge group, "
        "which builds tools.",
    ),
    "leader_not_parent": (
        "en",
        '"Lip-Ka will lead the Vision and Advanced Robotics Groups, working closely with the team," '
        "Zentor said in a statement.",
    ),
    "quoted_word": ("en", 'Zentor is creating a new "frontier" team, which is to be headed by Dara Pelt.'),
    "to_be_headed_by": ("en", "Zentor has formed a new research division, to be headed by Dara Pelt."),
    "place_not_parent": ("fr", "Zentor a créé une équipe solide à Zurich."),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD, only="unit")


def test_a_possessor_parent_stands_over_the_leader_s_earlier_team(facts) -> None:
    rows = facts["possessor_stands"]
    find_fact(rows, org="Amazon", name="Search, Maps and Knowledge group", leader="Dara Pelt")
    assert not any(r.get("org") == "Nova" for r in rows)


def test_the_subject_of_lead_is_the_leader_and_the_speaker_the_parent(facts) -> None:
    rows = facts["leader_not_parent"]
    fact = find_fact(rows, org="Zentor", leader="Lip-Ka")
    assert "Robotics" in fact["name"]
    assert not any(r.get("org") in ("Lip-Ka", "Vision") for r in rows)


def test_a_quoted_word_before_the_unit_noun_names_it(facts) -> None:
    fact = find_fact(facts["quoted_word"], org="Zentor", leader="Dara Pelt")
    assert "frontier" in fact["name"]


def test_a_unit_to_be_headed_by_someone(facts) -> None:
    find_fact(facts["to_be_headed_by"], org="Zentor", name="new research division", leader="Dara Pelt")


def test_a_city_is_never_a_unit_s_parent(facts) -> None:
    assert not any(r.get("org") == "Zurich" for r in facts["place_not_parent"]), facts["place_not_parent"]
