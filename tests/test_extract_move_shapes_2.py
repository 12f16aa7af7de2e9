"""Second round of move shapes: the people a newcomer joins ("rejoint d'autres têtes de Y, notamment A et
B", "joins the likes of A and B"); a company's founders or leadership moving as an unnamed group ("la
direction de X est partie chez Y", "hired its founder"), also past a relative clause; a seat on a
company's board ("joined the board of Y", "un siège au conseil d'administration de Y, occupé par X");
"left X to set up Y" as a founding.
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
    "peers_fr": (
        "fr",
        "Quillon AI recrute Paul Dorn chez Vantor. Ce dernier rejoint d'autres têtes connues de DeepMind, "
        "notamment la directrice Nora Vale, l'ingénieur Tomas Brun et le chef de produit Lise Marchal.",
    ),
    "peers_en": (
        "en",
        "Tomas Brun joined Quillon AI from Google. Brun joins the likes of veteran Intel and Qualcomm "
        "engineer Nora Vale, as well as HP Enterprise alumnus Lise Marchal.",
    ),
    "peers_backers_en": (
        "en",
        "Tomas Brun joined Quillon AI from Google. Brun joins other investors such as Nora Vale in the round.",
    ),
    "peers_none_en": ("en", "Tomas Brun joined Quillon AI. He joins other researchers in Paris, who built a model."),
    "lead_relative_fr": (
        "fr",
        "Les fondateurs et la plupart des employés de la start-up Quillon AI, qui avait levé 2 milliards "
        "de dollars, sont partis en mai chez Vantor.",
    ),
    "lead_aside_fr": (
        "fr",
        "La direction de Quillon AI, pour sa part, après avoir levé 90 millions de dollars, est partie en "
        "avril chez Vantor.",
    ),
    "founder_fr": ("fr", "Le fondateur de Quillon AI est parti chez Vantor en juillet."),
    "its_founder_en": ("en", "Vantor, which recently backed Quillon AI and hired its founder, is opening a lab."),
    "founder_stays_en": ("en", "The founder of Quillon AI said the company would keep growing."),
    "set_up_en": ("en", "Nora Vale left Google to set up Quillon AI, a start-up based in Lyon."),
    "set_up_team_en": ("en", "Nora Vale, a former Google engineer, set up a new team in Paris last year."),
    "board_en": ("en", "Nora Vale joined the board of Quillon AI in March."),
    "board_its_en": (
        "en",
        "The deal gives Vantor a stake in Quillon AI, and its president Nora Vale will have a seat on its board.",
    ),
    "board_fr": (
        "fr",
        "Vantor détiendra une participation et un siège au conseil d'administration de Quillon AI, qui sera "
        "occupé par Nora Vale, présidente de Vantor.",
    ),
    "board_exit_en": ("en", "Nora Vale will also relinquish her seat on the board of Quillon AI."),
}


@pytest.fixture(scope="module")
def moves() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, LEAD, only="move")


def _by_person(facts: list[dict[str, Any]]) -> dict[str | None, dict[str, Any]]:
    return {f["person"]: f for f in facts}


def test_peers_listed_after_notamment_move_to_the_newcomers_destination(moves: dict[str, list[dict[str, Any]]]) -> None:
    got = _by_person(moves["peers_fr"])
    for name in ("Nora Vale", "Tomas Brun", "Lise Marchal"):
        assert got[name]["to_org"] == "Quillon AI"
        assert got[name]["from_org"] == "Google DeepMind"
        assert got[name]["status"] == "done"


def test_the_likes_of_gives_each_peer_their_own_origin(moves: dict[str, list[dict[str, Any]]]) -> None:
    got = _by_person(moves["peers_en"])
    assert got["Nora Vale"]["to_org"] == "Quillon AI"
    assert got["Nora Vale"]["from_org"] is None  # two organizations in her description
    assert got["Lise Marchal"]["to_org"] == "Quillon AI"
    assert got["Lise Marchal"]["from_org"] == "HP Enterprise"


def test_joining_other_backers_adds_no_move(moves: dict[str, list[dict[str, Any]]]) -> None:
    assert "Nora Vale" not in {f["person"] for f in moves["peers_backers_en"]}


def test_joining_other_people_without_names_adds_no_move(moves: dict[str, list[dict[str, Any]]]) -> None:
    assert {f["person"] for f in moves["peers_none_en"]} == {"Tomas Brun"}


@pytest.mark.parametrize("case", ["lead_relative_fr", "lead_aside_fr"])
def test_group_past_an_aside_moves_from_its_company(moves: dict[str, list[dict[str, Any]]], case: str) -> None:
    [fact] = moves[case]
    assert fact["person"] is None
    assert (fact["from_org"], fact["to_org"], fact["status"]) == ("Quillon AI", "Vantor", "done")


@pytest.mark.parametrize("case", ["founder_fr", "its_founder_en"])
def test_a_founder_is_a_group_of_one(moves: dict[str, list[dict[str, Any]]], case: str) -> None:
    [fact] = moves[case]
    assert fact["person"] is None and fact["count"] == 1
    assert (fact["from_org"], fact["to_org"]) == ("Quillon AI", "Vantor")


def test_a_founder_who_speaks_does_not_move(moves: dict[str, list[dict[str, Any]]]) -> None:
    assert moves["founder_stays_en"] == []


@pytest.mark.parametrize("case", ["board_en", "board_its_en", "board_fr"])
def test_a_board_seat_is_a_role_at_the_company(moves: dict[str, list[dict[str, Any]]], case: str) -> None:
    got = _by_person(moves[case])
    assert got["Nora Vale"]["to_org"] == "Quillon AI"
    assert "conseil" in got["Nora Vale"]["role"] or got["Nora Vale"]["role"] == "board member"


def test_giving_up_a_board_seat_is_no_move(moves: dict[str, list[dict[str, Any]]]) -> None:
    assert [f for f in moves["board_exit_en"] if f["to_org"] == "Quillon AI"] == []


def test_leaving_to_set_up_a_company_is_a_founding(moves: dict[str, list[dict[str, Any]]]) -> None:
    got = _by_person(moves["set_up_en"])
    assert (got["Nora Vale"]["from_org"], got["Nora Vale"]["to_org"]) == ("Google", "Quillon AI")
    assert got["Nora Vale"]["role"] == "founder"


def test_setting_up_a_team_is_no_founding(moves: dict[str, list[dict[str, Any]]]) -> None:
    assert [f for f in moves["set_up_team_en"] if f["role"] == "founder"] == []
