"""Parties given elsewhere than where the fact is stated: pronouns, "the company", the article's subject.

Every text here is invented for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import extract_cases

LEAD = {
    "en": "Artificial intelligence startups hire AI researchers and machine learning engineers.",
    "fr": "Les start-up d'intelligence artificielle recrutent des chercheurs en IA.",
}

CASES: dict[str, tuple[str, str]] = {
    # "he" of a reported clause is the one who reports it, not a name inside his description
    "reported_pronoun_en": (
        "en",
        "Nora Vale, a co-founder of Tom Brand's artificial intelligence startup Quillon, said on Monday that "
        "he has left Quillon and plans to start a fund.",
    ),
    "reported_pronoun_fr": (
        "fr",
        "Paul Roux, ancien adjoint de Marc Dufour, a annoncé lundi qu'il quittait Quillon.",
    ),
    # an adverbial clause's pronoun is not the main subject's: "when he exits" is about the one replaced
    "adverbial_pronoun_en": (
        "en",
        "Quillon said Nora Vale will succeed Tom Brand when he exits Quillon in June.",
    ),
    # "the company" after a sentence that names a firm other than the subject: the paragraph's last firm
    "recent_org_en": (
        "en",
        "Vantor Systems dominates generative AI. Vantor Systems hired researchers. Vantor Systems invests.\n\n"
        "European funds invested $20 million in Lumio, a young AI company from Lyon. "
        "The company also hired Claire Dubois as chief technology officer.",
    ),
    "recent_org_fr": (
        "fr",
        "Vantor Systems domine l'IA générative. Vantor Systems a recruté des chercheurs. Vantor Systems investit.\n\n"
        "Des fonds européens ont investi 20 millions d'euros dans Lumio, une jeune pousse lyonnaise. "
        "L'entreprise a également recruté Claire Dubois au poste de directrice technique.",
    ),
    # the paragraph names the firm the article is about: "the company" stays with it
    "recent_org_kept_en": (
        "en",
        "Vantor Systems dominates generative AI. Vantor Systems hired researchers. Vantor Systems invests.\n\n"
        "Vantor Systems grew fast last year. Funds invested $20 million in Lumio. "
        "The company also hired Claire Dubois as chief technology officer.",
    ),
    # a participle opening the sentence describes "the startup": the firms inside it are not the startup
    "participle_en": (
        "en",
        "Quillon AI raises money. Quillon AI builds AI agents for offices.\n\n"
        "Founded by top researchers from Korvan and Deltaline, the startup was recently valued at $1 billion.",
    ),
    "participle_fr": (
        "fr",
        "Quillon AI lève des fonds. Quillon AI conçoit des agents d'IA.\n\n"
        "Fondée par d'anciens chercheurs de Korvan et de Deltaline, la start-up est valorisée à un milliard.",
    ),
    # "will lead the company": the firm the leader's own description names (a promotion)
    "lead_own_en": (
        "en",
        "Amazon hired the founders of Quillon AI. Amazon is a giant. Amazon builds robots.\n"
        "Nora Vale, formerly Quillon AI's operating chief, will now run the company as chief executive.",
    ),
    # "will join the company": never the firm of the joiner's own description
    "join_own_en": (
        "en",
        "Amazon hired the founders of Quillon AI. Amazon is a giant. Amazon builds robots.\n"
        "Nora Vale, formerly Quillon AI's operating chief, will now join the company as chief executive.",
    ),
    # a description ("the carmaker", "le constructeur automobile") points back like "the company"
    "description_en": (
        "en",
        "Korvan Group and Tesvo Group build electric cars. Korvan Group sells them in Europe. "
        "Tesvo Group sells them in Asia.\nEngineer Nora Vale has left the carmaker to join Quillon AI.",
    ),
    "description_fr": (
        "fr",
        "Korvan Group et Tesvo Group fabriquent des voitures électriques. Korvan Group les vend en Europe. "
        "Tesvo Group les vend en Asie.\n"
        "L'ingénieure Nora Vale a quitté le constructeur automobile pour rejoindre Quillon AI.",
    ),
}

OFFER_CASES: dict[str, tuple[str, str]] = {
    # "her team": the staff of the person the possessive stands for, at the employer the article gives her
    "possessive_team_en": (
        "en",
        "Quillon AI builds AI agents. Quillon AI chief executive Nora Vale spoke on Monday.\n"
        "Korvan offered her team $5 million each to join.",
    ),
    "possessive_team_fr": (
        "fr",
        "Quillon AI conçoit des agents d'IA. La directrice générale de Quillon AI, Nora Vale, a parlé lundi.\n"
        "Korvan a proposé 5 millions de dollars à ses équipes pour les débaucher.",
    ),
    # the possessor works for the offerer: keeping one's own people is read from the sentence, not here
    "possessive_own_en": (
        "en",
        "Korvan builds AI agents. Korvan chief executive Nora Vale spoke on Monday.\n"
        "Korvan offered her team $5 million each in retention bonuses.",
    ),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, LEAD, only="move")


@pytest.fixture(scope="module")
def offers() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(OFFER_CASES, LEAD, only="offer")


def _moves(facts: list[dict[str, Any]], person: str) -> list[dict[str, Any]]:
    return [f for f in facts if f["person"] == person]


@pytest.mark.parametrize("case,person,other", [("reported_pronoun_en", "Nora Vale", "Tom Brand")])
def test_reported_pronoun_is_the_reporter(
    facts: dict[str, list[dict[str, Any]]], case: str, person: str, other: str
) -> None:
    moves = _moves(facts[case], person)
    assert moves and moves[0]["from_org"] == "Quillon" and moves[0]["to_org"] is None
    assert not _moves(facts[case], other)


def test_reported_pronoun_fr(facts: dict[str, list[dict[str, Any]]]) -> None:
    moves = _moves(facts["reported_pronoun_fr"], "Paul Roux")
    assert moves and moves[0]["from_org"] == "Quillon"
    assert not _moves(facts["reported_pronoun_fr"], "Marc Dufour")


def test_adverbial_pronoun_is_not_the_subject(facts: dict[str, list[dict[str, Any]]]) -> None:
    assert not [
        f for f in _moves(facts["adverbial_pronoun_en"], "Nora Vale") if f["from_org"] == "Quillon" and not f["to_org"]
    ]


@pytest.mark.parametrize("case", ["recent_org_en", "recent_org_fr"])
def test_company_is_the_paragraphs_last_firm(facts: dict[str, list[dict[str, Any]]], case: str) -> None:
    moves = _moves(facts[case], "Claire Dubois")
    assert moves and moves[0]["to_org"] == "Lumio"


def test_company_stays_with_a_firm_the_paragraph_names(facts: dict[str, list[dict[str, Any]]]) -> None:
    moves = _moves(facts["recent_org_kept_en"], "Claire Dubois")
    assert moves and moves[0]["to_org"] == "Vantor Systems"


@pytest.mark.parametrize("case", ["participle_en", "participle_fr"])
def test_participle_firms_are_not_the_startup(facts: dict[str, list[dict[str, Any]]], case: str) -> None:
    assert facts[case] and all(f["to_org"] == "Quillon AI" for f in facts[case])


@pytest.mark.parametrize("case", ["possessive_team_en", "possessive_team_fr"])
def test_possessive_team_is_the_employers(offers: dict[str, list[dict[str, Any]]], case: str) -> None:
    assert [o for o in offers[case] if o["by_org"] == "Korvan" and o["target_org"] == "Quillon AI"]


def test_possessive_team_of_the_offerer(offers: dict[str, list[dict[str, Any]]]) -> None:
    assert not [o for o in offers["possessive_own_en"] if o["target_org"] not in (None, "Korvan")]


def test_lead_the_company_of_ones_description(facts: dict[str, list[dict[str, Any]]]) -> None:
    moves = _moves(facts["lead_own_en"], "Nora Vale")
    assert moves and moves[0]["to_org"] == "Quillon AI" and moves[0]["status"] == "announced"


def test_join_the_company_is_not_ones_description(facts: dict[str, list[dict[str, Any]]]) -> None:
    assert not [f for f in _moves(facts["join_own_en"], "Nora Vale") if f["to_org"] == "Quillon AI"]


@pytest.mark.parametrize("case", ["description_en", "description_fr"])
def test_description_points_back(facts: dict[str, list[dict[str, Any]]], case: str) -> None:
    assert [f for f in _moves(facts[case], "Nora Vale") if f["from_org"] == "Tesvo Group"]
