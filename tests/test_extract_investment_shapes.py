"""Investment shapes, one per test, on sentences of our own: backer lists without an investment verb,
rounds whose leader comes a sentence later, passive and idiomatic acquisitions, stakes, amounts in
words, and figures that are no deal (per-share prices, market values).

Each case is a short article (a lead sentence about the AI industry so the document is in scope,
then the sentences under test); all documents go through one ``extract_documents`` call per module.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases, find_fact, investment_pairs

CASES: dict[str, tuple[str, str]] = {
    "led_by_described": ("en", "Nova Robotics raised $50 million in a round led by existing investor Orbis Capital."),
    "other_backers_next_sentence": (
        "en",
        "Nova Robotics raised $40 million last year. Other backers included Zeta co-founder Jane Harlow, "
        "the investor Bob Brennan, Orbis Capital and Kappa Ventures.",
    ),
    "round_led_next_sentence": (
        "en",
        "Nova Robotics raised $40 million last year. The round was led by Orbis Capital (which manages "
        "$2 billion) and Kappa Ventures.",
    ),
    "owners_investors_including": (
        "en",
        "Many of Nova Robotics's current investors, including Orbis Capital and Kappa Ventures, are pleased.",
    ),
    "parmi_les_investisseurs": (
        "fr",
        "Nova Robotique a levé 50 millions d'euros. Parmi les autres investisseurs figurent l'ancien patron "
        "de Google Eric Schmidt, le milliardaire Xavier Niel et Bpifrance.",
    ),
    "clause_is_not_the_raiser": (
        "fr",
        "Une start-up fondée il y a un mois par des anciens chercheurs de Meta et Google a levé 80 millions "
        "d'euros lors d'un tour de table.",
    ),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD, only="investment")


def test_a_round_led_by_a_described_backer_is_its_investment(facts) -> None:
    rows = facts["led_by_described"]
    find_fact(rows, investor=None, target="Nova Robotics", kind="funding", amount_usd=50_000_000)
    find_fact(rows, investor="Orbis Capital", target="Nova Robotics", kind="investment", amount_usd=None)
    assert ("Nova Robotics", "Orbis Capital") not in investment_pairs(rows)


def test_other_backers_listed_a_sentence_later_back_the_round(facts) -> None:
    rows = facts["other_backers_next_sentence"]
    for name in ("Jane Harlow", "Bob Brennan", "Orbis Capital", "Kappa Ventures"):
        find_fact(rows, investor=name, target="Nova Robotics", kind="investment", status="done")
    assert not any(r.get("investor") == "Zeta" for r in rows)  # a description of a backer, not one


def test_the_leader_named_a_sentence_later_backs_the_round_past_a_parenthesis(facts) -> None:
    rows = facts["round_led_next_sentence"]
    find_fact(rows, investor="Orbis Capital", target="Nova Robotics", kind="investment")
    find_fact(rows, investor="Kappa Ventures", target="Nova Robotics", kind="investment")


def test_investors_of_a_named_company_back_it(facts) -> None:
    rows = facts["owners_investors_including"]
    assert {("Orbis Capital", "Nova Robotics"), ("Kappa Ventures", "Nova Robotics")} <= investment_pairs(rows)
    assert ("Orbis Capital", "Kappa Ventures") not in investment_pairs(rows)


def test_parmi_les_investisseurs_figurent_names_people_and_funds(facts) -> None:
    rows = facts["parmi_les_investisseurs"]
    for name in ("Eric Schmidt", "Xavier Niel", "Bpifrance"):
        find_fact(rows, investor=name, target="Nova Robotique", kind="investment")
    assert not any(r.get("investor") == "Google" for r in rows)


def test_an_organization_inside_a_describing_clause_does_not_raise(facts) -> None:
    rows = facts["clause_is_not_the_raiser"]
    assert not any(r.get("target") in ("Meta", "Google") for r in rows), rows


MORE: dict[str, tuple[str, str]] = {
    "glued_backer": ("en", "Meanwhile, Orbis-backed Nova Robotics keeps hiring engineers."),
    "backed_by_list": (
        "en",
        "Nova Robotics, backed by Orbis Capital, the fund Kappa Ventures and Jane Harlow, is hiring.",
    ),
    "soutenue_par": ("fr", "Nova Robotique soutenue par Orbis Capital veut recruter cent ingénieurs."),
    "received_from_each": (
        "fr",
        "Nova Robotique a reçu 3 milliards de dollars d'Orbis Capital, 8 milliards de la part de Kappa Ventures.",
    ),
    "obtained_in_words": (
        "fr",
        "Nova Robotique a récemment obtenu quatre milliards de dollars d'Orbis Capital, ce qui porte son "
        "investissement total à 13 milliards.",
    ),
    "led_a_round_for": ("fr", "Orbis Capital a mené un tour de table de 50 millions d'euros pour Nova Robotique."),
}


@pytest.fixture(scope="module")
def more() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(MORE, INDUSTRY_LEAD, only="investment")


def test_a_name_glued_to_backed_invests_in_the_next_name(more) -> None:
    find_fact(more["glued_backer"], investor="Orbis", target="Nova Robotics", kind="investment", status="done")


def test_every_name_after_backed_by_backs_the_company(more) -> None:
    rows = more["backed_by_list"]
    for name in ("Orbis Capital", "Kappa Ventures", "Jane Harlow"):
        find_fact(rows, investor=name, target="Nova Robotics", kind="investment")


def test_soutenue_par_is_an_investment(more) -> None:
    find_fact(more["soutenue_par"], investor="Orbis Capital", target="Nova Robotique", kind="investment")


def test_money_received_from_each_backer_is_its_investment(more) -> None:
    rows = more["received_from_each"]
    find_fact(rows, investor="Orbis Capital", target="Nova Robotique", amount_usd=3_000_000_000, kind="investment")
    find_fact(rows, investor="Kappa Ventures", target="Nova Robotique", amount_usd=8_000_000_000, kind="investment")
    assert not any(r["kind"] == "funding" for r in rows)


def test_an_amount_in_words_and_no_reversed_reading(more) -> None:
    rows = more["obtained_in_words"]
    find_fact(rows, investor="Orbis Capital", target="Nova Robotique", amount_usd=4_000_000_000)
    assert ("Nova Robotique", "Orbis Capital") not in investment_pairs(rows)


def test_who_leads_a_round_for_another_invests_in_it(more) -> None:
    rows = more["led_a_round_for"]
    find_fact(rows, investor="Orbis Capital", target="Nova Robotique", kind="investment")
    assert not any(r.get("target") == "Orbis Capital" for r in rows)


ROUNDS: dict[str, tuple[str, str]] = {
    "series_name_and_total": (
        "en",
        "Nova Robotics said it had raised $60 million in a round led by Orbis Capital. The Series-B round "
        "included investments from firms such as Kappa Ventures and Lambda Partners, bringing the startup's "
        "total funding to more than $100 million.",
    ),
    "investors_of_the_subject": (
        "en",
        "Nova Robotics builds warehouse robots. Nova Robotics sells them in Europe. Previous investors "
        "include Orbis Capital and Kappa Ventures.",
    ),
}


@pytest.fixture(scope="module")
def rounds() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(ROUNDS, INDUSTRY_LEAD, only="investment")


def test_a_rounds_name_is_nobody_and_a_total_is_no_round(rounds) -> None:
    rows = rounds["series_name_and_total"]
    find_fact(rows, investor="Kappa Ventures", target="Nova Robotics")
    find_fact(rows, investor="Lambda Partners", target="Nova Robotics")
    assert not any("Series" in (r.get("investor") or "") + (r.get("target") or "") for r in rows), rows
    assert [r["amount_usd"] for r in rows if r["kind"] == "funding"] == [60_000_000]


def test_investors_with_no_round_back_the_company_the_article_is_about(rounds) -> None:
    rows = rounds["investors_of_the_subject"]
    find_fact(rows, investor="Orbis Capital", target="Nova Robotics", kind="investment")
    find_fact(rows, investor="Kappa Ventures", target="Nova Robotics", kind="investment")


DEALS: dict[str, tuple[str, str]] = {
    "which_put_in": (
        "en",
        "Nova Robotics raised $2 billion. Orbis Capital, which put in around $500 million, and Kappa Ventures, "
        "which invested about $100 million, joined.",
    ),
    "a_injecte": (
        "fr",
        "Nova Robotique a levé 2 milliards de dollars. Le fonds Orbis Capital a injecté 450 millions de dollars.",
    ),
    "into_the_fold": ("en", "Orbis Systems also brought Zeta Labs and Kappa.ai into the fold last year."),
    "folded_into": ("en", "Months after the platform Quux Social was folded into Orbis Systems, it grew."),
    "sold_to": ("en", "Zeta Labs sold Quux Social to Orbis Systems for $2 billion in 2015."),
    "vendue_a": ("fr", "Zeta Labs a été vendue à Orbis Systems pour 200 millions de dollars."),
    "giron": ("fr", "Zeta Labs est passée dans le giron d'Orbis Systems en 2015."),
    "sells_goods": ("en", "Orbis Systems sells chips to Zeta Labs."),
}


@pytest.fixture(scope="module")
def deals() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(DEALS, INDUSTRY_LEAD, only="investment")


def test_a_backer_in_a_relative_clause_puts_its_share_into_the_round(deals) -> None:
    rows = deals["which_put_in"]
    find_fact(rows, investor="Orbis Capital", target="Nova Robotics", amount_usd=500_000_000)
    find_fact(rows, investor="Kappa Ventures", target="Nova Robotics", amount_usd=100_000_000)
    assert ("Orbis Capital", "Kappa Ventures") not in investment_pairs(rows)


def test_a_backer_injecting_money_with_no_target_backs_the_round(deals) -> None:
    find_fact(deals["a_injecte"], investor="Orbis Capital", target="Nova Robotique", amount_usd=450_000_000)


def test_brought_into_the_fold_acquires_each_object(deals) -> None:
    rows = deals["into_the_fold"]
    for name in ("Zeta Labs", "Kappa.ai"):
        find_fact(rows, investor="Orbis Systems", target=name, kind="acquisition")


def test_folded_into_is_an_acquisition(deals) -> None:
    find_fact(deals["folded_into"], investor="Orbis Systems", target="Quux Social", kind="acquisition")


def test_sold_to_and_vendue_a_are_acquisitions_by_the_buyer(deals) -> None:
    find_fact(deals["sold_to"], investor="Orbis Systems", target="Quux Social", kind="acquisition", amount_usd=2e9)
    find_fact(deals["vendue_a"], investor="Orbis Systems", target="Zeta Labs", kind="acquisition", amount_usd=2e8)


def test_dans_le_giron_de_is_an_acquisition(deals) -> None:
    find_fact(deals["giron"], investor="Orbis Systems", target="Zeta Labs", kind="acquisition")


def test_selling_goods_to_a_company_is_no_deal(deals) -> None:
    assert deals["sells_goods"] == []


LISTS: dict[str, tuple[str, str]] = {
    "y_ont_participe": (
        "fr",
        "Nova Robotique lève 6 milliards de dollars. La société a annoncé cette semaine qu'Orbis Capital, "
        "Kappa Ventures, Lambda Partners et d'autres y ont participé. Sigma Holdings a investi environ "
        "400 millions de dollars dans ce tour de financement.",
    ),
    "actionnaires_described": (
        "fr",
        "Nova Robotique a levé 100 millions d'euros. Parmi les actionnaires de l'entreprise, Jean Morel, "
        "président d'Orbis Capital, Claire Dumas, la dirigeante de Kappa Group, ou encore Paul Girard.",
    ),
    "on_retrouve_place": (
        "fr",
        "Nova Robotique a levé 100 millions d'euros. On retrouve Sigma Fund, un investisseur basé à Singapour, "
        "et le fonds Kappa Ventures.",
    ),
}


@pytest.fixture(scope="module")
def lists() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(LISTS, INDUSTRY_LEAD, only="investment")


def test_names_that_took_part_in_the_round_back_it(lists) -> None:
    rows = lists["y_ont_participe"]
    for name in ("Orbis Capital", "Kappa Ventures", "Lambda Partners"):
        find_fact(rows, investor=name, target="Nova Robotique", kind="investment")
    find_fact(rows, investor="Sigma Holdings", target="Nova Robotique", amount_usd=400_000_000)
    assert [r["target"] for r in rows if r["kind"] == "funding"] == ["Nova Robotique"]


def test_a_list_of_described_people_skips_their_employers(lists) -> None:
    rows = lists["actionnaires_described"]
    for name in ("Jean Morel", "Claire Dumas", "Paul Girard"):
        find_fact(rows, investor=name, target="Nova Robotique")
    assert not {"Orbis Capital", "Kappa Group"} & {r.get("investor") for r in rows}


def test_a_place_describing_a_backer_is_no_backer(lists) -> None:
    rows = lists["on_retrouve_place"]
    find_fact(rows, investor="Sigma Fund", target="Nova Robotique")
    find_fact(rows, investor="Kappa Ventures", target="Nova Robotique")
    assert not any(r.get("investor") == "Singapour" for r in rows)


LEADS: dict[str, tuple[str, str]] = {
    "which_led_its_round": ("en", "Orbis Partners, which led Nova Robotics's September funding round, is pleased."),
    "group_agreed_to_acquire": (
        "en",
        "Earlier this month, an investor group including Sigma Capital, Orbis Partners and Kappa Ventures "
        "agreed to acquire Zeta Centers for $40 billion.",
    ),
    "coordinated_investors": ("en", "Orbis Partners and Kappa Ventures invested $20 million in Nova Robotics."),
}


@pytest.fixture(scope="module")
def leads() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(LEADS, INDUSTRY_LEAD, only="investment")


def test_who_led_a_companys_round_backs_the_company(leads) -> None:
    find_fact(leads["which_led_its_round"], investor="Orbis Partners", target="Nova Robotics", kind="investment")


def test_each_member_of_an_investor_group_acquires_and_none_backs_another(leads) -> None:
    rows = leads["group_agreed_to_acquire"]
    for name in ("Sigma Capital", "Orbis Partners", "Kappa Ventures"):
        find_fact(rows, investor=name, target="Zeta Centers", kind="acquisition", amount_usd=40e9)
    assert {r["target"] for r in rows} == {"Zeta Centers"}


def test_coordinated_investors_each_invest(leads) -> None:
    # one amount for both is their joint total (the contract: a backer's amount only when its share is told)
    rows = leads["coordinated_investors"]
    find_fact(rows, investor="Orbis Partners", target="Nova Robotics", amount_usd=None)
    find_fact(rows, investor="Kappa Ventures", target="Nova Robotics", amount_usd=None)
    find_fact(rows, investor=None, target="Nova Robotics", kind="funding", amount_usd=20e6)


HOLDINGS: dict[str, tuple[str, str]] = {
    "other_investments_are": (
        "en",
        "Among Orbis Capital's other investments are Zeta Labs, a longevity startup, and Kappa Labs.",
    ),
    "invested_in_companies_such_as": (
        "fr",
        "Orbis Capital, qui a investi dans des entreprises telles que Zeta Labs et Kappa Labs, recrute.",
    ),
}


@pytest.fixture(scope="module")
def holdings() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(HOLDINGS, INDUSTRY_LEAD, only="investment")


@pytest.mark.parametrize("case", ["other_investments_are", "invested_in_companies_such_as"])
def test_the_companies_an_investor_holds_are_its_investments(holdings, case: str) -> None:
    rows = holdings[case]
    assert {("Orbis Capital", "Zeta Labs"), ("Orbis Capital", "Kappa Labs")} <= investment_pairs(rows), rows
    assert not any(r.get("target") == "Orbis Capital" for r in rows)


MONEY: dict[str, tuple[str, str]] = {
    "pouring_billions": ("en", "Orbis Systems is pouring billions into Nova Robotics."),
    "signed_a_check": ("en", "Nova Robotics raised $2 billion. Orbis Capital signed a $50 million check."),
    "cheque_by_a_person": (
        "fr",
        "Nova Robotique a levé 2 milliards de dollars. Le milliardaire Jean Morel a quant à lui signé un chèque "
        "de 580 millions de dollars en avril 2021.",
    ),
}


@pytest.fixture(scope="module")
def money() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(MONEY, INDUSTRY_LEAD, only="investment")


def test_pouring_unnamed_billions_into_a_company_is_an_investment(money) -> None:
    find_fact(money["pouring_billions"], investor="Orbis Systems", target="Nova Robotics", amount_usd=None)


def test_a_check_signed_is_a_share_of_the_round(money) -> None:
    find_fact(money["signed_a_check"], investor="Orbis Capital", target="Nova Robotics", amount_usd=50e6)
    find_fact(money["cheque_by_a_person"], investor="Jean Morel", target="Nova Robotique", amount_usd=580e6)
