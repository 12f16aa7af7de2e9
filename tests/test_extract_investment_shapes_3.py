"""Investment shapes of the third round, one per test, on sentences of our own: backers listed
under a pronoun that points back to co-investors the sentence before named only as a group
(builders/latter_backers.py); a backer list going on past the owner told right after one of its
names ("A du ministère des Armées, B"); deals told as copies of a licensing deal ("did a similar
deal for B", builders/similar_deals.py), and no such copy when the article tells of no licensing; a deal
with a company to use its technology (builders/tech_use.py), and a deal for anything else, which is
no licensing; and the pronoun with no co-investor group before it, which lists no backers.

Each case is a short article (a lead sentence about the AI industry so the document is in scope,
then the sentences under test); all documents go through one ``extract_documents`` call.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases, find_fact

CASES: dict[str, tuple[str, str]] = {
    "ces_derniers": (
        "fr",
        "Quillon AI a levé 80 millions de dollars auprès d'Orbis Capital. Orbis Capital compte partager une "
        "partie de sa mise avec d'autres co-investisseurs. D'après une source proche, ces derniers réuniraient "
        "Ardent Partners, Kappa Ventures et Brightwater Capital.",
    ),
    "these_would_include": (
        "en",
        "Quillon AI raised $80 million from Orbis Capital. Orbis Capital plans to share part of its stake with "
        "other co-investors. According to people familiar with the matter, these would include Ardent Partners, "
        "Kappa Ventures and Brightwater Capital.",
    ),
    "owner_without_comma": (
        "fr",
        "Quillon AI a levé 80 millions de dollars. Les investisseurs historiques Ardent Partners, le Fonds "
        "Horizon du ministère des Finances, Kappa Ventures et Brightwater Capital participent aussi à ce tour.",
    ),
    "similar_deal_for": (
        "en",
        "Orbis Capital licensed the models of Quillon AI and hired its founders. Kappa Systems did a similar "
        "deal for Tessel Labs.",
    ),
    "rapprochements_similaires": (
        "fr",
        "Orbis Capital a conclu un accord de licence avec Quillon AI et recruté ses fondateurs. Cet accord suit "
        "des rapprochements similaires entre Kappa Systems et Tessel Labs, et Brightwater Capital et Novalis Robotics.",
    ),
    "similar_no_licence": (
        "en",
        "Orbis Capital bought a stake in Quillon AI. Kappa Systems did a similar deal for Tessel Labs.",
    ),
    "accord_pour_utiliser": (
        "fr",
        "Orbis Capital signe aussi un accord non exclusif avec Quillon AI pour utiliser sa technologie.",
    ),
    "deal_to_use": ("en", "Orbis Capital also signed a deal with Quillon AI to use its technology."),
    "deal_to_sell": ("en", "Orbis Capital also signed a deal with Quillon AI to sell its chips in Europe."),
    "no_group_before": (
        "fr",
        "Quillon AI a levé 80 millions de dollars auprès d'Orbis Capital. La start-up vise de grands clients. "
        "Ces derniers réuniraient Ardent Partners, Kappa Ventures et Brightwater Capital.",
    ),
}

BACKERS = ("Ardent Partners", "Kappa Ventures", "Brightwater Capital")


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD, only="investment")


@pytest.mark.parametrize("case", ["ces_derniers", "these_would_include"])
def test_pronoun_after_co_investors_lists_backers(facts: dict[str, list[dict[str, Any]]], case: str) -> None:
    rows = facts[case]
    for investor in BACKERS:
        f = find_fact(rows, investor=investor, target="Quillon AI")
        assert f["kind"] == "investment" and f["amount_usd"] is None and f["status"] == "reported"


def test_pronoun_with_no_co_investors_before_lists_no_backers(facts: dict[str, list[dict[str, Any]]]) -> None:
    investors = {r.get("investor") for r in facts["no_group_before"]}
    assert not investors & set(BACKERS)


def test_owner_told_after_a_listed_name_keeps_the_list_going(facts: dict[str, list[dict[str, Any]]]) -> None:
    rows = facts["owner_without_comma"]
    for investor in ("Ardent Partners", "Kappa Ventures", "Brightwater Capital"):
        assert find_fact(rows, investor=investor, target="Quillon AI")["amount_usd"] is None
    assert not [r for r in rows if r.get("investor") and "Finances" in r["investor"]]


def test_similar_deal_for_copies_the_licensing_deal(facts: dict[str, list[dict[str, Any]]]) -> None:
    f = find_fact(facts["similar_deal_for"], investor="Kappa Systems", target="Tessel Labs")
    assert f["kind"] == "licensing" and f["amount_usd"] is None and f["status"] == "done"


def test_similar_deals_between_pairs_copy_the_licensing_deal(facts: dict[str, list[dict[str, Any]]]) -> None:
    rows = facts["rapprochements_similaires"]
    for investor, target in (("Kappa Systems", "Tessel Labs"), ("Brightwater Capital", "Novalis Robotics")):
        f = find_fact(rows, investor=investor, target=target)
        assert f["kind"] == "licensing" and f["amount_usd"] is None


def test_similar_deal_with_no_licensing_told_is_no_licensing(facts: dict[str, list[dict[str, Any]]]) -> None:
    assert not [r for r in facts["similar_no_licence"] if r["kind"] == "licensing"]


@pytest.mark.parametrize("case", ["accord_pour_utiliser", "deal_to_use"])
def test_deal_to_use_a_companys_technology_is_licensing(facts: dict[str, list[dict[str, Any]]], case: str) -> None:
    f = find_fact(facts[case], investor="Orbis Capital", target="Quillon AI")
    assert f["kind"] == "licensing" and f["amount_usd"] is None


def test_deal_for_anything_else_is_no_licensing(facts: dict[str, list[dict[str, Any]]]) -> None:
    assert not [r for r in facts["deal_to_sell"] if r["kind"] == "licensing"]
