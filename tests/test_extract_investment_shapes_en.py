"""English investment shapes, one per test, on sentences of our own: licensing deals read in the
direction the money goes (the payer of licensing fees, the name after "license ... to", a deal to
bring in a company's founders).

Each case is a short article (a lead sentence about the AI industry so the document is in scope,
then the sentences under test); all documents go through one ``extract_documents`` call.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases, find_fact, investment_pairs

CASES: dict[str, tuple[str, str]] = {
    "pays_licensing_fees": ("en", "Zentor agreed to pay Quillon AI $300 million in licensing fees for its models."),
    "licenses_to": ("en", "The startup Quillon AI said it will license its models to Zentor for more funding."),
    "licenses_object": ("en", "Zentor licensed the models of Quillon AI last year."),
    "deal_to_bring_in_founders": ("en", "Zentor made a similar deal to bring in the founders of Quillon AI."),
    "agreement_to_bring_in_ceo": (
        "en",
        "In May, Zentor announced an agreement to bring in Varun Pelt, co-founder and chief executive of "
        "Quillon, and other engineers in a $2.4B deal.",
    ),
    "hired_no_deal": ("en", "Zentor hired Varun Pelt, the former chief executive of Quillon, last month."),
    "raise_funds_from": ("en", "Quillon AI is in talks to raise funds from US firm Orbis Capital and Kappa Ventures."),
    "raised_eyebrows": ("en", "Quillon AI raised eyebrows among analysts from Orbis Capital."),
    "place_before_description": (
        "en",
        "Zentor has agreed to invest $1.5 billion in Abu Dhabi artificial intelligence group Quillon.",
    ),
    "place_only": ("en", "Zentor invested $400 million in one of China's leading AI companies."),
    "state_capital": ("en", "Quillon AI's first deals were funded by new capital from Abu Dhabi's government."),
    "object_with_relative": (
        "en",
        "A few months ago, Zentor acquired Israeli AI company Quillon AI, which has joined its design center.",
    ),
    "fronted_participle": (
        "en",
        "Founded in 2015 and acquired by Zentor in 2019, London-based Quillon made its name with chess engines.",
    ),
    "relative_subject": ("en", "Orbis Capital, which put in $500 million, now owns a stake in Quillon AI."),
    "heading_round_then_participation": (
        "en",
        "Orbis Capital is heading Quillon's Series D round, the startup said on Monday. The funding also "
        "includes participation from major investors such as Kappa Ventures, Delta Partners, and Swedish "
        "defense company Veltra.",
    ),
    "with_investing": (
        "en",
        "Quillon AI has drawn funding at a valuation above $2 billion, with Orbis Capital and Kappa Ventures "
        "(formerly Delta) investing.",
    ),
    "with_partnership": ("en", "Quillon AI signed a partnership with Orbis Capital and Kappa Ventures last week."),
    "investors_like_other_clause": (
        "en",
        "Quillon AI will receive around $25 million, while investors like Orbis Capital will roughly recoup "
        "their money.",
    ),
    "led_round_for_described": (
        "en",
        "Orbis Capital has reportedly led a funding round of over $600 million for AI startup Quillon AI.",
    ),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD, only="investment")


def test_the_payer_of_licensing_fees_is_the_investor(facts) -> None:
    rows = facts["pays_licensing_fees"]
    find_fact(rows, investor="Zentor", target="Quillon AI", kind="licensing", amount_usd=300_000_000)
    assert ("Quillon AI", "Zentor") not in investment_pairs(rows)


def test_the_name_after_license_to_takes_the_licence(facts) -> None:
    rows = facts["licenses_to"]
    find_fact(rows, investor="Zentor", target="Quillon AI", kind="licensing")
    assert ("Quillon AI", "Zentor") not in investment_pairs(rows)


def test_the_subject_licensing_a_company_s_models_is_the_investor(facts) -> None:
    find_fact(facts["licenses_object"], investor="Zentor", target="Quillon AI", kind="licensing")


def test_a_deal_to_bring_in_founders_is_licensing(facts) -> None:
    find_fact(facts["deal_to_bring_in_founders"], investor="Zentor", target="Quillon AI", kind="licensing")


def test_an_agreement_to_bring_in_a_ceo_targets_the_company_not_the_person(facts) -> None:
    rows = facts["agreement_to_bring_in_ceo"]
    find_fact(rows, investor="Zentor", target="Quillon", kind="licensing", amount_usd=2_400_000_000)
    assert not any(r.get("target") == "Varun Pelt" for r in rows)


def test_a_plain_hire_is_no_licensing_deal(facts) -> None:
    assert not facts["hired_no_deal"], facts["hired_no_deal"]


def test_a_round_led_for_a_described_startup_is_its_round_and_the_leader_backs_it(facts) -> None:
    rows = facts["led_round_for_described"]
    find_fact(rows, investor=None, target="Quillon AI", kind="funding", amount_usd=600_000_000, status="reported")
    find_fact(rows, investor="Orbis Capital", target="Quillon AI", kind="investment", amount_usd=None)


def test_raising_funds_of_no_stated_size_from_named_backers(facts) -> None:
    rows = facts["raise_funds_from"]
    for name in ("Orbis Capital", "Kappa Ventures"):
        find_fact(rows, investor=name, target="Quillon AI", kind="investment", status="reported")
    assert not any(r.get("kind") == "funding" for r in rows)


def test_raising_something_else_than_money_names_no_backer(facts) -> None:
    assert not facts["raised_eyebrows"], facts["raised_eyebrows"]


def test_a_place_before_a_company_s_description_is_not_the_target(facts) -> None:
    rows = facts["place_before_description"]
    find_fact(rows, investor="Zentor", target="Quillon", amount_usd=1_500_000_000)
    assert not any(r.get("target") == "Abu Dhabi" for r in rows)


def test_a_place_alone_is_never_a_target(facts) -> None:
    assert not any(r.get("target") == "China" for r in facts["place_only"]), facts["place_only"]


def test_a_place_may_still_invest_through_its_government(facts) -> None:
    assert not any(r.get("target") == "Abu Dhabi" for r in facts["state_capital"])


def test_an_object_described_by_a_relative_clause_is_still_the_target(facts) -> None:
    find_fact(facts["object_with_relative"], investor="Zentor", target="Quillon AI", kind="acquisition")


def test_a_fronted_passive_participle_targets_the_clause_subject(facts) -> None:
    find_fact(facts["fronted_participle"], investor="Zentor", target="Quillon", kind="acquisition")


def test_a_name_heading_its_own_relative_clause_is_the_investor(facts) -> None:
    rows = facts["relative_subject"]
    find_fact(rows, investor="Orbis Capital", target="Quillon AI")
    assert not any(r.get("target") == "Orbis Capital" for r in rows)


def test_backers_of_a_round_led_a_sentence_before_join_it(facts) -> None:
    rows = facts["heading_round_then_participation"]
    for name in ("Orbis Capital", "Kappa Ventures", "Delta Partners", "Veltra"):
        find_fact(rows, investor=name, target="Quillon", kind="investment")


def test_names_in_a_with_clause_closed_by_investing_back_the_subject(facts) -> None:
    rows = facts["with_investing"]
    for name in ("Orbis Capital", "Kappa Ventures"):
        find_fact(rows, investor=name, target="Quillon AI", kind="investment", amount_usd=None)


def test_a_partnership_with_named_firms_is_no_investment(facts) -> None:
    assert not facts["with_partnership"], facts["with_partnership"]


def test_names_listed_after_investors_like_are_never_a_target(facts) -> None:
    rows = facts["investors_like_other_clause"]
    assert not any(r.get("target") == "Orbis Capital" for r in rows), rows
