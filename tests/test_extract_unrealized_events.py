"""Moves that did not happen and events taken for organizations, on sentences of our own: a plan
told in the past ("was going to join", "devait rejoindre") is no move, while the move that did happen
beside it stays; an event ("Acme Tech Week") is no party of a fact, a company whose name only holds
such a word is.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases, find_fact
from mercato.extract.events import without_event_orgs
from mercato.extract.lexicon import load_lexicon
from mercato.model import Fact

CASES: dict[str, tuple[str, str]] = {
    "going_to_en": (
        "en",
        "Nora Vale left Tesla last month to join xAI.\n"
        "\u201cNora was going to join OpenAI, so it was either us or them,\u201d the xAI founder said.",
    ),
    "devait_fr": (
        "fr",
        "Nora Vale, qui devait rejoindre Google l'an prochain, est finalement devenue directrice scientifique "
        "de Mistral AI.",
    ),
    "plain_join_en": ("en", "Nora Vale is going to join OpenAI as head of research next month."),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD, only="move")


def test_a_plan_told_in_the_past_is_no_move(facts) -> None:
    rows = facts["going_to_en"]
    find_fact(rows, person="Nora Vale", to_org="xAI")
    assert not any(r.get("to_org") == "OpenAI" for r in rows), rows


def test_a_french_plan_that_did_not_come_about_is_no_move(facts) -> None:
    rows = facts["devait_fr"]
    assert not any(r.get("to_org") == "Google" for r in rows), rows


def test_a_move_said_to_come_stays(facts) -> None:
    find_fact(facts["plain_join_en"], person="Nora Vale", to_org="OpenAI")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_event_is_no_party_of_a_fact(lang: str) -> None:
    to_event = Fact("move", {"person": None, "from_org": None, "to_org": "Lisbon Tech Week"})
    to_company = Fact("move", {"person": None, "from_org": None, "to_org": "Quillon Summit Labs"})
    funded = Fact("investment", {"investor": "Acme Capital", "target": "Northwind AI Summit"})
    kept = without_event_orgs([to_event, to_company, funded], load_lexicon(lang))
    assert kept == [to_company]
