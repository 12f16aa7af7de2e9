"""English move shapes: triggers that move no one (rounds, companies), new titles, rivals, companions.

One short article per shape (a lead sentence about the AI industry keeps it in scope, then the
sentences under test, all written for these tests), extracted in one batch as the pipeline does.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import extract_cases
from extract_helpers import person_move as _move

LEAD = {
    "en": "The AI talent war between OpenAI, Meta, Amazon and Google keeps heating up in Silicon Valley.",
    "fr": "La guerre des talents de l'IA entre OpenAI, Meta et Google s'intensifie dans la Silicon Valley.",
}

CASES: dict[str, tuple[str, str]] = {
    "round_joined_en": ("en", "Quillon Capital, a fund of the Nadir Group, joined Brightwave's latest funding round."),
    "round_led_en": ("en", "Nora Vale's family office, Quillon Capital, is heading Brightwave's Series C round."),
    "company_joins_en": (
        "en",
        'Brightwave is building its own AI chip, code-named "Zephyr," to rival Quillon\'s K9 Accelerator '
        "and join Google and Amazon in the hardware race.",
    ),
    "person_joins_en": ("en", "Nora Vale left Quillon and joined Brightwave in May."),
    "new_title_copula_en": (
        "en",
        "Former Quillon executive Nora Vale is the new chief technology officer at Brightwave.",
    ),
    "new_title_possessive_en": ("en", "Brightwave's new interim CEO, Tom Reyes, said the company would keep growing."),
    "new_title_apposition_en": ("en", "Nora Vale, the new head of Brightwave, spoke at the conference."),
    "new_title_no_person_en": ("en", "Brightwave's new chief executive said the company would keep growing."),
    "rival_compound_en": ("en", "Nora Vale has joined Quillon rival Brightwave to lead a new safety team."),
    "rival_apposition_fr": ("fr", "Paul Martin a rejoint Brightwave, concurrent de Quillon, en mars."),
    "share_of_staff_en": ("en", "Roughly a quarter of Quillon's staff moved to Brightwave as well."),
    "alongside_role_en": ("en", "Nora Vale will lead Brightwave as the new CEO alongside co-founder Tom Reyes."),
    "companions_after_team_en": (
        "en",
        "Nexa Robotics' founding team, Lena Ward and Hugo Petit, along with some members of its research team, "
        "will join Anthropic.",
    ),
    "founded_relative_en": ("en", "Lena Ward left Orbit Labs, which she co-founded in 2015, last year."),
    "founded_relative_fr": ("fr", "Paul Martin a quitté Nexa Robotique, qu'il a cofondée en 2019."),
    "owner_of_destination_en": (
        "en",
        "Orbit Labs said Lena Ward was leaving Google to join Tom Reyes's robotics startup Vela AI.",
    ),
    "title_name_en": ("en", "Orbit Labs reshuffled its leaders. Lena Ward becomes the new Chief Technologist."),
    "departure_of_titled_en": ("en", "The departure of Orbit Labs CTO Lena Ward in 2023 surprised investors."),
    "product_before_founding_en": (
        "en",
        "Tom Reyes helped build Orbit Labs' Zephyr Engine before founding Vela AI in 2019.",
    ),
    "and_other_en": ("en", "Nvidia agreed to hire Quillon CEO Lena Ward and other employees at the hardware startup."),
    "that_of_en": ("en", "Her departure follows that of Orbit Labs' legal head, Lena Ward, earlier this month."),
    "that_of_fr": ("fr", "Son départ suit celui du directeur juridique de Nexa Robotique, Paul Martin."),
    "that_of_no_departure_en": ("en", "Her salary is twice that of Orbit Labs' legal head, Lena Ward."),
    "former_not_destination_en": (
        "en",
        "Former Meta executive Lena Ward joins as chief product officer and ex-Vela exec Tom Reyes is the "
        "company's first-ever finance chief.",
    ),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, LEAD, only="move")


def test_a_funding_round_joined_or_led_is_no_move(facts) -> None:
    """ "X joined the latest funding round", "X is heading its Series C round": an investor in a round."""
    assert not facts["round_joined_en"], facts["round_joined_en"]
    assert not facts["round_led_en"], facts["round_led_en"]


def test_a_company_joining_others_in_a_market_is_no_move(facts) -> None:
    """A company is the subject of "join", and "code-named" is a modifier: no person moves."""
    assert not facts["company_joins_en"], facts["company_joins_en"]
    _move(facts["person_joins_en"], "Nora Vale", to_org="Brightwave", from_org="Quillon")


def test_the_new_title_after_a_copula_is_an_arrival(facts) -> None:
    _move(
        facts["new_title_copula_en"],
        "Nora Vale",
        to_org="Brightwave",
        from_org="Quillon",
        role="chief technology officer",
        status="done",
    )


def test_the_new_title_of_an_organization_names_its_holder(facts) -> None:
    """ "Acme's new CEO, X", "X, the new head of Acme": the person named beside the new title."""
    _move(facts["new_title_possessive_en"], "Tom Reyes", to_org="Brightwave", role="interim CEO")
    _move(facts["new_title_apposition_en"], "Nora Vale", to_org="Brightwave", role="head")


def test_a_new_title_with_no_one_named_is_no_move(facts) -> None:
    assert not facts["new_title_no_person_en"], facts["new_title_no_person_en"]


@pytest.mark.parametrize("case", ["rival_compound_en", "rival_apposition_fr"])
def test_a_rival_named_to_describe_the_destination_is_no_party(facts, case: str) -> None:
    """ "joined Quillon rival Brightwave", "a rejoint Brightwave, concurrent de Quillon": to Brightwave,
    and not from Quillon."""
    got = _move(facts[case], facts[case][0]["person"], to_org="Brightwave")
    assert got["from_org"] is None, got


def test_a_share_of_a_company_s_staff_moves_as_a_group(facts) -> None:
    _move(facts["share_of_staff_en"], None, from_org="Quillon", to_org="Brightwave", count=None)


def test_a_companion_named_after_the_title_is_not_part_of_it(facts) -> None:
    got = _move(facts["alongside_role_en"], "Nora Vale", to_org="Brightwave")
    assert got["role"] and "alongside" not in got["role"], got


def test_the_team_named_before_its_companions_is_the_one_that_moves(facts) -> None:
    """ "Acme's founding team, A and B, along with members of its research group, will join Y": A and B
    move from Acme (the companions are not the group the names belong to), and the companions with them."""
    rows = facts["companions_after_team_en"]
    for person in ("Lena Ward", "Hugo Petit"):
        _move(rows, person, from_org="Nexa Robotics", to_org="Anthropic", status="announced")
    _move(rows, None, from_org="Nexa Robotics", to_org="Anthropic")


@pytest.mark.parametrize(
    ("case", "person", "org"),
    [("founded_relative_en", "Lena Ward", "Orbit Labs"), ("founded_relative_fr", "Paul Martin", "Nexa Robotique")],
)
def test_a_company_a_relative_clause_says_someone_founded(facts, case: str, person: str, org: str) -> None:
    """ "Y, which she co-founded", "Y, qu'il a cofondée": a move to Y as founder."""
    rows = [r for r in facts[case] if r["to_org"] == org]
    assert rows and rows[0]["person"] == person and rows[0]["role"] in ("founder", "fondateur"), facts[case]


def test_the_owner_of_a_destination_neither_moves_nor_is_the_destination(facts) -> None:
    """ "to join Tom Reyes's startup Vela AI": Lena Ward joins Vela AI; Tom Reyes makes no move."""
    rows = facts["owner_of_destination_en"]
    _move(rows, "Lena Ward", to_org="Vela AI", from_org="Google")
    assert all(r["person"] != "Tom Reyes" for r in rows), rows


def test_a_name_after_a_title_word_is_part_of_the_title(facts) -> None:
    """ "becomes the new Chief Technologist": a new role at the company of the text, not at "Technologist"."""
    _move(facts["title_name_en"], "Lena Ward", to_org="Orbit Labs")


def test_the_departure_of_a_person_named_with_employer_and_title(facts) -> None:
    """ "the departure of Acme CTO X": X leaves Acme."""
    _move(facts["departure_of_titled_en"], "Lena Ward", from_org="Orbit Labs", to_org=None)


def test_a_product_an_organization_owns_is_no_founder(facts) -> None:
    """ "helped build Acme's Zephyr Engine before founding Y": the product founds nothing."""
    assert all("Zephyr" not in (r["person"] or "") for r in facts["product_before_founding_en"])


def test_other_employees_hired_with_a_named_person_move_as_a_group(facts) -> None:
    """ "to hire Acme CEO X and other employees": X, and a group from Acme."""
    _move(facts["and_other_en"], "Lena Ward", from_org="Quillon", to_org="Nvidia")
    _move(facts["and_other_en"], None, from_org="Quillon", to_org="Nvidia")


@pytest.mark.parametrize(
    ("case", "person", "org"),
    [("that_of_en", "Lena Ward", "Orbit Labs"), ("that_of_fr", "Paul Martin", "Nexa Robotique")],
)
def test_that_of_after_a_departure_is_one_more_departure(facts, case: str, person: str, org: str) -> None:
    """ "her departure follows that of Acme's legal head, X": X left Acme."""
    _move(facts[case], person, from_org=org, to_org=None)


def test_that_of_with_no_departure_before_is_no_move(facts) -> None:
    assert not facts["that_of_no_departure_en"], facts["that_of_no_departure_en"]


def test_an_organization_after_a_word_of_the_past_is_no_destination(facts) -> None:
    """ "joins as CPO and ex-Vela exec X ...": Vela is where X was, not where anyone goes."""
    assert all(r["to_org"] != "Vela" for r in facts["former_not_destination_en"]), facts["former_not_destination_en"]
