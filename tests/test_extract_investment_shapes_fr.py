"""Backing stated in passing (builders/backed_by.py), one shape per test, on sentences of our own:
a backed company in apposition, a relative clause of investment, a backer in apposition, a kind
of firm ("fonds d'investissement") that is no investment, backers listed after a round
(builders/round_roster.py), and a place that is no party to a deal (builders/places.py).

Each case is a short article (a lead sentence about the AI industry so the document is in scope,
then the sentence under test); all documents go through one ``extract_documents`` call.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases, find_fact

CASES: dict[str, tuple[str, str]] = {
    "soutenue_par": (
        "fr",
        "Nora Vale dirigera la recherche de Quillon AI, soutenue par Orbis Capital et Kappa Ventures, "
        "dès le mois prochain.",
    ),
    "backed_by_apposition": (
        "en",
        "Nora Vale will run research at Quillon AI, backed by Orbis Capital, starting next month.",
    ),
    "dans_laquelle": (
        "fr",
        "Après Quillon AI, dans laquelle Orbis Capital a investi l'an dernier, une autre pépite de l'IA "
        "attire les regards.",
    ),
    "investisseur_de": (
        "fr",
        "Le projet est piloté par Nora Vale, avec Tomas Brandt, investisseur de la première heure de Quillon AI.",
    ),
    "fonds_d_investissement": (
        "fr",
        "Les actionnaires de Quillon AI comptent Kappa Ventures, un fonds d'investissement de Lisbonne.",
    ),
    "dirigeant_et_investisseur": (
        "fr",
        "Tomas Brandt, dirigeant du fonds Orbis Capital et investisseur de Quillon AI, a commenté la nouvelle.",
    ),
    "on_y_retrouve": (
        "fr",
        "Quillon AI a levé 80 millions d'euros mardi. Le tour de table est mené par Orbis Capital. "
        "On y retrouve pêle-mêle Kappa Ventures, Tessel Partners et Brightwater Capital.",
    ),
    "on_retrouve_without_round": (
        "fr",
        "Quillon AI recrute des chercheurs à Paris. On y retrouve Kappa Ventures et Tessel Partners comme clients.",
    ),
    "place_is_no_party": (
        "fr",
        "Nora Vale a cofondé Quillon AI, basée à Lisbonne, qui a été rachetée par Orbis Capital "
        "pour 40 millions d'euros.",
    ),
    "financement_mene_par": (
        "fr",
        "L'annonce du financement de 90 millions de dollars de Quillon AI, mené par les fonds Orbis Capital "
        "et Kappa Ventures, a surpris le secteur.",
    ),
    "dirige_le_tour_de": (
        "fr",
        "Orbis Capital, l'un des premiers bailleurs de fonds d'entreprises telles que Tessel Labs et "
        "Brightwater Robotics, dirige le tour de Quillon AI.",
    ),
    "soutien_de": (
        "fr",
        "Quillon AI a obtenu en mars le soutien d'un grand nom du secteur : Orbis Capital.",
    ),
    "contribue_au_tour": (
        "fr",
        "Quillon AI a levé 80 millions d'euros mardi. Kappa Ventures a également contribué au tour de table.",
    ),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD, only="investment")


def test_backed_company_in_apposition(facts: dict[str, list[dict[str, Any]]]) -> None:
    rows = facts["soutenue_par"]
    for investor in ("Orbis Capital", "Kappa Ventures"):
        f = find_fact(rows, investor=investor, target="Quillon AI")
        assert f["kind"] == "investment" and f["status"] == "done" and f["amount_usd"] is None


def test_backed_company_in_apposition_english(facts: dict[str, list[dict[str, Any]]]) -> None:
    f = find_fact(facts["backed_by_apposition"], investor="Orbis Capital", target="Quillon AI")
    assert f["kind"] == "investment"


def test_relative_clause_of_investment(facts: dict[str, list[dict[str, Any]]]) -> None:
    f = find_fact(facts["dans_laquelle"], investor="Orbis Capital", target="Quillon AI")
    assert f["kind"] == "investment" and f["status"] == "done"


def test_backer_in_apposition(facts: dict[str, list[dict[str, Any]]]) -> None:
    f = find_fact(facts["investisseur_de"], investor="Tomas Brandt", target="Quillon AI")
    assert f["kind"] == "investment" and f["amount_usd"] is None


def test_kind_of_firm_is_no_investment(facts: dict[str, list[dict[str, Any]]]) -> None:
    # "un fonds d'investissement de Lisbonne" says what Kappa Ventures is, not that it invested in Lisbon
    assert not [r for r in facts["fonds_d_investissement"] if r["target"] != "Quillon AI"]


def test_backer_noun_after_a_title_is_not_the_person(facts: dict[str, list[dict[str, Any]]]) -> None:
    # the apposition names a fund between the person and the backer noun: whose money it is stays unclear
    assert not [r for r in facts["dirigeant_et_investisseur"] if r["investor"] == "Tomas Brandt"]


def test_list_after_a_round_names_its_backers(facts: dict[str, list[dict[str, Any]]]) -> None:
    rows = facts["on_y_retrouve"]
    for investor in ("Kappa Ventures", "Tessel Partners", "Brightwater Capital"):
        f = find_fact(rows, investor=investor, target="Quillon AI")
        assert f["kind"] == "investment" and f["amount_usd"] is None and f["status"] == "done"


def test_list_with_no_round_before_names_no_backer(facts: dict[str, list[dict[str, Any]]]) -> None:
    assert not facts["on_retrouve_without_round"]


def test_contributing_to_the_round(facts: dict[str, list[dict[str, Any]]]) -> None:
    f = find_fact(facts["contribue_au_tour"], investor="Kappa Ventures", target="Quillon AI")
    assert f["kind"] == "investment" and f["amount_usd"] is None


def test_place_is_no_party(facts: dict[str, list[dict[str, Any]]]) -> None:
    assert not [r for r in facts["place_is_no_party"] if "Lisbonne" in (r["target"], r["investor"])]


def test_round_noun_led_by_a_list(facts: dict[str, list[dict[str, Any]]]) -> None:
    rows = facts["financement_mene_par"]
    assert find_fact(rows, kind="funding", target="Quillon AI")["amount_usd"] == pytest.approx(90_000_000, rel=0.1)
    for investor in ("Orbis Capital", "Kappa Ventures"):
        assert find_fact(rows, investor=investor, target="Quillon AI")["amount_usd"] is None


def test_leader_described_by_its_holdings(facts: dict[str, list[dict[str, Any]]]) -> None:
    rows = facts["dirige_le_tour_de"]
    for target in ("Quillon AI", "Tessel Labs", "Brightwater Robotics"):
        assert find_fact(rows, investor="Orbis Capital", target=target)["kind"] == "investment"
    # the companies it backs are examples in its description: they back nothing here
    assert not [r for r in rows if r["investor"] in ("Tessel Labs", "Brightwater Robotics")]


def test_support_received(facts: dict[str, list[dict[str, Any]]]) -> None:
    f = find_fact(facts["soutien_de"], investor="Orbis Capital", target="Quillon AI")
    assert f["kind"] == "investment" and f["status"] == "done"
