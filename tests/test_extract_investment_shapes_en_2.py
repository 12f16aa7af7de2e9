"""More English investment shapes, on sentences of our own: which amount of a sentence is the deal's
(a valuation reached "to" a figure is none); a backer investing with no destination said, right after
a round, backs that round ("Nova's longtime backer Acme invested": Acme, not Nova); names cited as
examples in the raiser's description ("courted by players like A and B") never raise; a deal's price
told in the next sentence ("The all-cash deal is worth $665 million") is the deal's amount; a backer
joining "a $125 million Series B round" has no amount of its own (the figure is the round's); rounds
told together "respectively" give each raiser its own amount.

Each case is a short article (a lead sentence about the AI industry so the document is in scope,
then the sentences under test); all documents go through one ``extract_documents`` call.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases, find_fact

CASES: dict[str, tuple[str, str]] = {
    "valuation_to": (
        "en",
        "Quillon AI closed a $2 billion funding round in May, taking its valuation to $40 billion.",
    ),
    "backer_invested_no_destination": (
        "en",
        "Quillon AI has raised $2 billion in new funding. The round was led by Orbis Capital, which put in "
        "$500 million. Quillon’s longtime backer Zentor invested a little less than that.",
    ),
    "invested_elsewhere_after_round": (
        "en",
        "Quillon AI has raised $2 billion in new funding. Zentor invested heavily in its own chips last year.",
    ),
    "raiser_described_with_examples": (
        "en",
        "Quillon Labs, a German A.I. startup drawing interest from Valley giants like Zentor, Meta and Adobe, "
        "is on track to raise between $200 million and $300 million in a round that could value it at $4 billion.",
    ),
    "examples_as_backers": (
        "en",
        "Quillon Labs raised $40 million from investors such as Orbis Capital and Kappa Ventures.",
    ),
    "price_next_sentence": (
        "en",
        "Zentor disclosed on Monday that it will acquire Quillon AI, a Finnish startup. The all-cash deal is "
        "worth about $640 million and is expected to close next year.",
    ),
    "price_before_noun_next_sentence": (
        "en",
        "Zentor is acquiring Quillon AI, an open-source startup. The $1.2 billion acquisition signals strong "
        "interest in the market.",
    ),
    "other_money_next_sentence": (
        "en",
        "Zentor is acquiring Quillon AI, an open-source startup. The acquisition comes after Quillon raised "
        "$50 million in 2023.",
    ),
    "joined_round_total": (
        "en",
        "Zentor previously invested in Quillon as part of a $125 million Series B round that was led by Orbis.",
    ),
    "own_share_before_round": ("en", "Zentor invested $300 million in Quillon's Series C round."),
    "respectively": (
        "en",
        "Quillon raised $90 million last month, while peers Zentor and Orbis Labs raised $30 million and "
        "$8 million respectively.",
    ),
    "not_respectively": ("en", "Zentor and Orbis Labs raised $30 million and then $8 million in new funding."),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD, only="investment")


def test_a_valuation_taken_to_a_figure_is_not_the_round(facts) -> None:
    rows = facts["valuation_to"]
    find_fact(rows, investor=None, target="Quillon AI", kind="funding", amount_usd=2_000_000_000)
    assert not any(r.get("amount_usd") == 40_000_000_000 for r in rows), rows


def test_a_backer_investing_after_a_round_backs_that_round(facts) -> None:
    rows = facts["backer_invested_no_destination"]
    find_fact(rows, investor="Zentor", target="Quillon AI", kind="investment")
    assert not any(r.get("investor") == "Quillon AI" for r in rows), rows


def test_investing_in_something_else_after_a_round_backs_no_round(facts) -> None:
    rows = facts["invested_elsewhere_after_round"]
    assert not any(r.get("investor") == "Zentor" for r in rows), rows


def test_names_cited_as_examples_in_the_raiser_s_description_do_not_raise(facts) -> None:
    rows = facts["raiser_described_with_examples"]
    find_fact(rows, investor=None, target="Quillon Labs", kind="funding", amount_usd=300_000_000)
    assert not any(r.get("kind") == "funding" and r.get("target") != "Quillon Labs" for r in rows), rows


def test_names_cited_as_examples_after_the_round_still_back_it(facts) -> None:
    rows = facts["examples_as_backers"]
    find_fact(rows, investor=None, target="Quillon Labs", kind="funding", amount_usd=40_000_000)
    for name in ("Orbis Capital", "Kappa Ventures"):
        find_fact(rows, investor=name, target="Quillon Labs", kind="investment")


def test_a_deal_s_price_told_in_the_next_sentence_is_its_amount(facts) -> None:
    find_fact(facts["price_next_sentence"], investor="Zentor", target="Quillon AI", amount_usd=640_000_000)
    find_fact(facts["price_before_noun_next_sentence"], investor="Zentor", amount_usd=1_200_000_000)


def test_other_money_after_a_deal_is_not_its_price(facts) -> None:
    find_fact(facts["other_money_next_sentence"], investor="Zentor", target="Quillon AI", amount_usd=None)


def test_a_backer_joining_a_sized_round_has_no_share_of_its_own(facts) -> None:
    rows = facts["joined_round_total"]
    find_fact(rows, investor="Zentor", target="Quillon", kind="investment", amount_usd=None)
    find_fact(rows, investor=None, target="Quillon", kind="funding", amount_usd=125_000_000)


def test_a_backer_s_own_figure_before_the_round_is_its_share(facts) -> None:
    find_fact(facts["own_share_before_round"], investor="Zentor", target="Quillon", amount_usd=300_000_000)


def test_rounds_told_respectively_give_each_raiser_its_amount(facts) -> None:
    rows = facts["respectively"]
    find_fact(rows, investor=None, target="Quillon", kind="funding", amount_usd=90_000_000)
    find_fact(rows, investor=None, target="Zentor", kind="funding", amount_usd=30_000_000)
    find_fact(rows, investor=None, target="Orbis Labs", kind="funding", amount_usd=8_000_000)


def test_without_respectively_the_second_raiser_gets_no_amount_by_rank(facts) -> None:
    rows = facts["not_respectively"]
    assert not any(r.get("target") == "Orbis Labs" and r.get("amount_usd") == 8_000_000 for r in rows), rows
