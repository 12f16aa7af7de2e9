"""Offer and denial shapes beyond the offer frame's own reading, on sentences of our own.

Each case is a short article (a lead sentence about the AI industry, then the sentence under test)
and the facts a reader would take from it per the evaluation contract: an offer a person turned
down is a declined offer to that person, pay to keep someone targets the offerer itself, and a
denial names whose claim it disputes when the text does.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import extract_cases

LEAD = {
    "en": "Artificial intelligence labs keep competing for researchers in Silicon Valley.",
    "fr": "Les laboratoires d'intelligence artificielle se disputent les chercheurs dans la Silicon Valley.",
}

CASES: dict[str, tuple[str, str]] = {
    # declined offers
    "passed_on": ("en", "Nora Vale, an Anthropic researcher, passed on an offer from Meta."),
    "refused_proposal_fr": ("fr", "Nora Vale, chercheuse chez Anthropic, a refusé la proposition de Meta."),
    "declined_amount_fr": ("fr", "Hugo Brel a décliné une offre de 100 millions de dollars de Meta."),
    "declined_to_comment": ("en", "Nora Vale declined to comment on the offer from Meta."),
    "org_rejects_offer": ("en", "Anthropic rejected Meta's offer on Friday."),
    # approaches
    "persuade_them": ("en", "Mark Zuckerberg wrote to several Cohere researchers to try to persuade them."),
    "convaincre_les": (
        "fr",
        "Mark Zuckerberg a envoyé des e-mails à deux data scientists de Cohere pour tenter de les convaincre.",
    ),
    "overtures": ("en", "Meta made overtures to Nora Vale, who works at Cohere."),
    "yeux_doux_fr": ("fr", "Meta a fait les yeux doux à Hugo Brel, chercheur chez Cohere."),
    "match_pay_fr": (
        "fr",
        "Quand Paul Roy a dit que Meta embaucherait des ingénieurs de Cohere et s'alignerait sur leur salaire, "
        "des employés de Meta ont protesté.",
    ),
    "stake_price": ("en", "Meta offered $14 billion for a 49% stake in Cohere."),
    "stake_price_fr": (
        "fr",
        "Meta a proposé 14 milliards de dollars pour une participation de 49 % au capital de Cohere.",
    ),
    # each of a list
    "each_company": (
        "en",
        "The contest pits Cohere, Google, and Elon Musk's xAI, with each company offering large packages to engineers.",
    ),
    "chacune_fr": ("fr", "La bataille oppose Cohere, Google et xAI, chacune proposant des primes aux chercheurs."),
    "each_engineer": ("en", "Cohere offered each engineer a $1 million bonus."),
    "pronoun_offerer_fr": (
        "fr",
        "Meta a dépensé sans compter. Elle avait signé une offre de 200 millions de dollars pour attirer un dirigeant "
        "de Cohere.",
    ),
    "named_and_pay": ("en", "Cohere offered Nora Vale a $10 million bonus to keep her from leaving."),
    "named_and_staff": ("en", "Meta offered Nora Vale $5 million and approached several Cohere engineers."),
    # pay to keep one's staff
    "reworking_pay": ("en", "Cohere is reworking pay to keep its researchers."),
    "les_garder": ("fr", "Cohere verse des primes à ses chercheurs pour les garder."),
    "said_on_platform": ("fr", "Paul Roy a annoncé sur Slack une prime exceptionnelle pour les ingénieurs."),
    # pay to keep a named person
    "counteroffer": ("en", "Cohere made a counteroffer to keep Nora Vale."),
    "contre_offre_fr": ("fr", "Cohere a fait une contre-offre pour retenir Hugo Brel."),
    "keep_no_pay": ("en", "Cohere hopes to keep Nora Vale on its board."),
    # denials
    "claim_by_report": ("en", "Cohere dismissed a report by Bloomberg that it would sell itself to Oracle."),
    "claim_before_fr": (
        "fr",
        "Selon Bloomberg, Cohere serait à vendre. Un porte-parole de Cohere a démenti cette information.",
    ),
    "own_claim": ("en", "Bloomberg reported on the talks. Nora Vale denied that she had met Oracle executives."),
    "denied_leaving": ("en", "Nora Vale denied rumours that she was leaving Cohere for Oracle."),
    "denied_poaching_fr": ("fr", "Cohere a démenti avoir débauché des ingénieurs d'Oracle."),
    "nothing_to_do": ("en", "Hugo Brel said the departures had nothing to do with the restructuring at Cohere."),
    "rien_a_voir": ("fr", "Hugo Brel a assuré que ces départs n'avaient rien à voir avec la réorganisation de Cohere."),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, LEAD)


def _of(rows: list[dict[str, Any]], type_: str) -> list[dict[str, Any]]:
    return [r for r in rows if r["type"] == type_]


def _offers(rows: list[dict[str, Any]]) -> list[tuple[Any, Any, Any]]:
    return sorted(((o["by_org"], o["target_org"], o["target_person"]) for o in _of(rows, "offer")), key=str)


@pytest.mark.parametrize(
    ("case", "target_org", "person"),
    [
        ("passed_on", "Anthropic", "Nora Vale"),
        ("refused_proposal_fr", "Anthropic", "Nora Vale"),
        ("declined_amount_fr", None, "Hugo Brel"),
    ],
)
def test_an_offer_a_person_turned_down_is_a_declined_offer_to_that_person(
    facts, case: str, target_org: str | None, person: str
) -> None:
    assert _offers(facts[case]) == [("Meta", target_org, person)]
    assert _of(facts[case], "offer")[0]["outcome"] == "declined"


def test_the_amount_of_a_declined_offer_is_kept(facts) -> None:
    assert _of(facts["declined_amount_fr"], "offer")[0]["amount_usd"] == 100_000_000


@pytest.mark.parametrize("case", ["declined_to_comment", "org_rejects_offer"])
def test_declining_to_comment_or_an_organization_refusing_is_no_declined_offer(facts, case: str) -> None:
    assert all(o["outcome"] != "declined" for o in _of(facts[case], "offer"))


@pytest.mark.parametrize("case", ["persuade_them", "convaincre_les"])
def test_an_attempt_on_them_targets_the_group_named_before(facts, case: str) -> None:
    assert _offers(facts[case]) == [("Meta", "Cohere", None)]
    assert _of(facts[case], "offer")[0]["attributed_to"] is None  # the offerer's own chief makes no claim


@pytest.mark.parametrize(("case", "person"), [("overtures", "Nora Vale"), ("yeux_doux_fr", "Hugo Brel")])
def test_overtures_to_a_person_are_an_offer_to_that_person(facts, case: str, person: str) -> None:
    assert _offers(facts[case]) == [("Meta", "Cohere", person)] or _offers(facts[case]) == [("Meta", None, person)]


def test_matching_the_pay_of_people_named_before_is_an_offer_to_them(facts) -> None:
    assert _offers(facts["match_pay_fr"]) == [("Meta", "Cohere", None)]


@pytest.mark.parametrize("case", ["stake_price", "stake_price_fr"])
def test_a_price_for_a_stake_is_no_pay_offer(facts, case: str) -> None:
    assert _of(facts[case], "offer") == []


@pytest.mark.parametrize("case", ["reworking_pay", "les_garder"])
def test_pay_reworked_or_paid_to_keep_ones_staff_targets_the_offerer(facts, case: str) -> None:
    assert _offers(facts[case]) == [("Cohere", "Cohere", None)]


def test_the_platform_a_message_went_out_on_makes_no_offer(facts) -> None:
    assert all(o["by_org"] != "Slack" for o in _of(facts["said_on_platform"], "offer"))


@pytest.mark.parametrize("case", ["each_company", "chacune_fr"])
def test_each_of_a_list_makes_its_own_offer(facts, case: str) -> None:
    assert {o["by_org"] for o in _of(facts[case], "offer")} == {"Cohere", "Google", "xAI"}


def test_each_as_the_object_leaves_the_offerer_alone(facts) -> None:
    assert {o["by_org"] for o in _of(facts["each_engineer"], "offer")} == {"Cohere"}


def test_an_organization_pronoun_offers_for_the_organization_just_named(facts) -> None:
    assert _offers(facts["pronoun_offerer_fr"]) == [("Meta", "Cohere", None)]


def test_an_offer_to_a_named_person_is_not_also_an_offer_to_no_one(facts) -> None:
    assert [(b, p) for b, _, p in _offers(facts["named_and_pay"])] == [("Cohere", "Nora Vale")]


def test_an_offer_to_another_employers_staff_beside_a_named_one_stays(facts) -> None:
    assert ("Meta", "Cohere", None) in _offers(facts["named_and_staff"])


@pytest.mark.parametrize(("case", "person"), [("counteroffer", "Nora Vale"), ("contre_offre_fr", "Hugo Brel")])
def test_pay_to_keep_a_named_person_targets_that_person_and_the_offerer(facts, case: str, person: str) -> None:
    assert _offers(facts[case]) == [("Cohere", "Cohere", person)]


def test_keeping_someone_without_pay_is_no_offer(facts) -> None:
    assert _of(facts["keep_no_pay"], "offer") == []


def _denials(rows: list[dict[str, Any]]) -> list[tuple[Any, Any]]:
    return [(d["speaker"], d["claim_by"]) for d in _of(rows, "denial")]


@pytest.mark.parametrize(
    ("case", "want"),
    [
        ("claim_by_report", [("Cohere", "Bloomberg")]),
        ("claim_before_fr", [("Cohere", "Bloomberg")]),
        ("own_claim", [("Nora Vale", None)]),
    ],
)
def test_a_denial_names_the_source_of_the_claim_it_points_to(facts, case: str, want: list[tuple[Any, Any]]) -> None:
    assert _denials(facts[case]) == want


@pytest.mark.parametrize("case", ["denied_leaving", "denied_poaching_fr"])
def test_a_move_inside_a_denied_claim_is_no_move(facts, case: str) -> None:
    assert len(_of(facts[case], "denial")) == 1
    assert _of(facts[case], "move") == []


@pytest.mark.parametrize(("case", "speaker"), [("nothing_to_do", "Hugo Brel"), ("rien_a_voir", "Hugo Brel")])
def test_saying_two_things_are_unrelated_is_a_denial(facts, case: str, speaker: str) -> None:
    assert [s for s, _ in _denials(facts[case])] == [speaker]
