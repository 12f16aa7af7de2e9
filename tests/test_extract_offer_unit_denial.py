"""Offer, unit and denial facts: one general shape per test, on sentences of our own.

Each case is a short article (a lead sentence about the AI industry so the document is in scope,
then the sentence under test) and the facts a reader would take from it, per the evaluation
contract: a recruiting approach or drive is an offer even with no figure, pay to keep one's own
staff targets the offerer itself, and money that buys a company is no offer.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import extract_cases, find_fact

LEAD = {
    "en": "Artificial intelligence labs keep competing for researchers in Silicon Valley.",
    "fr": "Les laboratoires d'intelligence artificielle se disputent les chercheurs dans la Silicon Valley.",
}

CASES: dict[str, tuple[str, str]] = {
    # offers
    "attempt_en": ("en", "Anthropic tried to recruit Lena Park, a researcher at Google, without success."),
    "attempt_fr": ("fr", "Anthropic a tenté de débaucher Hugo Bernard, chercheur chez Google, en vain."),
    "attempt_pronoun": ("en", "Ravi Kumar said Meta had tried to poach him last spring."),
    "reach_out": ("en", "Meta reached out to dozens of OpenAI engineers over the summer."),
    "retention_en": ("en", "Google is offering retention bonuses to keep its top AI researchers from leaving."),
    "retention_fr": ("fr", "Meta propose des packages pour fidéliser ses chercheurs en IA."),
    "pay_rise_fr": ("fr", "Anthropic va augmenter les salaires de ses ingénieurs cette année."),
    "drive_en": ("en", "Nvidia and Amazon launched a major recruitment campaign for AI engineers."),
    "drive_fr": ("fr", "Une vaste campagne menée par Alibaba et Tencent pour recruter les meilleurs ingénieurs."),
    "means_with": ("en", "Meta has been luring OpenAI researchers with pay packages of up to $50 million."),
    "several_offerers": ("fr", "Mistral et Anthropic offrent des salaires record pour attirer les chercheurs."),
    "market_not_own": ("en", "Labs such as Anthropic are trying to attract and retain talent across Europe."),
    "pay_for_company": ("en", "Microsoft agreed to pay Inflection AI $650 million to license its models."),
    "acquisition_offer": ("en", "A $3 billion offer from OpenAI for the coding startup Windsurf fell through."),
    "product_offer": ("en", "Anthropic offers coding tools to developers through its cloud partners."),
    "stock_to_staff": (
        "en",
        "To discourage staff from joining rivals, Anthropic gave a few senior researchers restricted stock.",
    ),
    "comp_rise": ("en", "Nvidia is increasing comp for its AI engineering team this year."),
    "wages_of_group": ("en", "He bumps wages every year to keep Nvidia workers happy."),
    "pay_rise_noun_fr": ("fr", "La rémunération des ingénieurs de Tesla va augmenter cette année."),
    # units
    "quoted_unit": ("en", "Lena Park has joined Anthropic to lead a new “frontier” team."),
    "existing_unit_led": ("en", "Omar Haddad, formerly of Arm, will lead Intel's data center group."),
    "unit_not_leaders_origin": (
        "en",
        "Intel named new leaders. Lena Park, who joined from Cadence Design Systems in June, will head a new "
        "Central Engineering Group.",
    ),
    "unit_named_after": (
        "fr",
        "Paul Martin rejoint Microsoft pour former une nouvelle organisation appelée Microsoft AI.",
    ),
    "unit_newly_created": (
        "fr",
        "Microsoft a nommé Paul Martin à la tête de son unité d'IA grand public, nouvellement créée.",
    ),
    "unit_creation_noun": ("fr", "Anthropic annonce l'établissement d'un laboratoire de recherche à Zurich."),
    "unit_hired_to_lead": (
        "fr",
        "Microsoft a embauché Paul Martin et Julie Roux pour diriger un nouveau groupe de recherche sur l'IA.",
    ),
    "unit_name_stops_at_leader": ("en", "Microsoft forms new AI group under former Meta engineer Lena Park."),
    "appointed_head_of_unit": (
        "en",
        "Paul Smith has been appointed senior vice president and general manager of Intel's client computing group.",
    ),
    "took_charge": ("en", "After leaving the Siri team, Lena Park took charge of Apple's Search and Knowledge group."),
    "past_title_in_unit": (
        "en",
        "Arm has hired Amazon's director of engineering in its cloud division to work on its own chips.",
    ),
    "possessor_of_another_noun": ("en", "Inspired by OpenAI's ChatGPT, ByteDance set up a new Seed department."),
    "unit_name_with_and": (
        "en",
        "Microsoft is reorganizing its AI work. The new Nova Platform and Tools group will combine several AI "
        "teams and build out GitHub Copilot.",
    ),
    "executive_team": ("en", "OpenAI announced two new appointments to its executive team on Monday."),
    "lab_is_the_company": ("en", "Nova Labs launched last year with a seed round led by Sequoia Capital."),
    # denials
    "reject_deal": ("en", "Shareholders of Nova Robotics rejected the proposed merger with Nvidia on Friday."),
    "reject_job": ("en", "Many engineers at Baidu now reject jobs at Google to stay in China."),
    "dismiss_efforts": ("en", "Sam Altman dismissed Meta's recruiting efforts during a podcast."),
    "dismiss_reports": ("en", "Nvidia dismissed reports that it would buy Groq for $20 billion."),
    "contest_fr": ("fr", "OpenAI conteste les allégations de xAI sur le débauchage de ses employés."),
    "balayer_offer": ("fr", "Anthropic a balayé l'offre de Meta."),
    "no_knowledge": ("en", "Perplexity said it had no knowledge of any talks with Apple about an acquisition."),
    "nuts_pronoun": ("en", "Jensen Huang spoke on Monday. He said the rumor about his stock options is nuts."),
    "rien_selon": ("fr", "Or, il n'en est rien selon Paul Martin, ancien dirigeant de Mistral AI."),
    "addressee": ("en", 'Sam Altman spoke at length. "That is simply not true," he told the host Lena Park.'),
    "title_not_org": ("en", "Anthropic CEO denies any plan to sell the company to Google."),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, LEAD)


def _of(rows: list[dict[str, Any]], type_: str) -> list[dict[str, Any]]:
    return [r for r in rows if r["type"] == type_]


@pytest.mark.parametrize(("case", "person"), [("attempt_en", "Lena Park"), ("attempt_fr", "Hugo Bernard")])
def test_a_failed_recruiting_attempt_is_a_declined_offer(facts, case: str, person: str) -> None:
    offer = find_fact(_of(facts[case], "offer"), by_org="Anthropic", target_person=person)
    assert offer["target_org"] == "Google"
    assert offer["outcome"] == "declined"
    assert offer["amount_usd"] is None


def test_an_attempt_on_him_targets_the_person_named_before(facts) -> None:
    find_fact(_of(facts["attempt_pronoun"], "offer"), by_org="Meta", target_person="Ravi Kumar")


def test_reaching_out_to_a_rivals_staff_is_an_offer_to_that_rival(facts) -> None:
    find_fact(_of(facts["reach_out"], "offer"), by_org="Meta", target_org="OpenAI", target_person=None)


@pytest.mark.parametrize(("case", "org"), [("retention_en", "Google"), ("retention_fr", "Meta")])
def test_pay_to_keep_ones_staff_targets_the_offerer(facts, case: str, org: str) -> None:
    offers = _of(facts[case], "offer")
    assert [(o["by_org"], o["target_org"]) for o in offers] == [(org, org)]


def test_raising_ones_own_pay_is_an_offer_to_ones_staff(facts) -> None:
    find_fact(_of(facts["pay_rise_fr"], "offer"), by_org="Anthropic", target_org="Anthropic")


@pytest.mark.parametrize(
    ("case", "org"),
    [
        ("stock_to_staff", "Anthropic"),
        ("comp_rise", "Nvidia"),
        ("wages_of_group", "Nvidia"),
        ("pay_rise_noun_fr", "Tesla"),
    ],
)
def test_pay_given_or_raised_for_staff_already_there_targets_their_employer(facts, case: str, org: str) -> None:
    offers = _of(facts[case], "offer")
    assert [(o["by_org"], o["target_org"]) for o in offers] == [(org, org)]


@pytest.mark.parametrize(("case", "orgs"), [("drive_en", {"Nvidia", "Amazon"}), ("drive_fr", {"Alibaba", "Tencent"})])
def test_a_recruiting_drive_is_an_offer_by_each_organization_running_it(facts, case: str, orgs: set[str]) -> None:
    offers = _of(facts[case], "offer")
    assert {o["by_org"] for o in offers} == orgs
    assert all(o["target_org"] is None and o["target_person"] is None for o in offers)


def test_pay_offered_as_the_means_of_luring_is_the_lurers_offer(facts) -> None:
    offer = find_fact(_of(facts["means_with"], "offer"), by_org="Meta", target_org="OpenAI")
    assert offer["amount_usd"] == 50_000_000
    assert offer["component"] == "package"


def test_coordinated_organizations_each_make_the_offer(facts) -> None:
    assert {o["by_org"] for o in _of(facts["several_offerers"], "offer")} == {"Mistral AI", "Anthropic"}


def test_attracting_and_retaining_talent_in_general_is_no_offer_to_ones_staff(facts) -> None:
    assert _of(facts["market_not_own"], "offer") == []


@pytest.mark.parametrize("case", ["pay_for_company", "acquisition_offer", "product_offer"])
def test_money_for_a_company_or_a_product_offered_is_no_pay_offer(facts, case: str) -> None:
    assert _of(facts[case], "offer") == []


def _units(rows: list[dict[str, Any]]) -> list[tuple[Any, Any, Any]]:
    return [(r["org"], r["name"], r["leader"]) for r in _of(rows, "unit")]


def test_a_quoted_word_before_the_noun_names_the_unit(facts) -> None:
    assert _units(facts["quoted_unit"]) == [("Anthropic", "new “frontier” team", "Lena Park")]


def test_an_existing_unit_given_a_leader_is_a_unit_fact_of_its_possessor(facts) -> None:
    assert _units(facts["existing_unit_led"]) == [("Intel", "data center group", "Omar Haddad")]


def test_a_unit_belongs_to_the_organization_of_the_text_not_where_its_leader_came_from(facts) -> None:
    assert _units(facts["unit_not_leaders_origin"]) == [("Intel", "Central Engineering Group", "Lena Park")]


def test_a_unit_named_after_its_noun_by_a_naming_word(facts) -> None:
    assert [(o, n) for o, n, _ in _units(facts["unit_named_after"])] == [("Microsoft", "Microsoft AI")]


def test_newly_created_after_the_name_and_the_person_put_at_its_head(facts) -> None:
    assert _units(facts["unit_newly_created"]) == [("Microsoft", "unité d'IA grand public", "Paul Martin")]


def test_a_creation_noun_governing_the_unit_makes_it_new(facts) -> None:
    units = _units(facts["unit_creation_noun"])
    assert [o for o, _, _ in units] == ["Anthropic"]
    assert units[0][1].startswith("laboratoire de recherche")


def test_people_hired_to_lead_a_new_group_lead_it_for_the_hirer(facts) -> None:
    units = _units(facts["unit_hired_to_lead"])
    assert [(o, leader) for o, _, leader in units] == [("Microsoft", "Paul Martin")]


@pytest.mark.parametrize("case", ["executive_team", "lab_is_the_company"])
def test_an_executive_team_or_a_startup_called_a_lab_is_no_unit(facts, case: str) -> None:
    assert _of(facts[case], "unit") == []


def _speakers(rows: list[dict[str, Any]]) -> list[str]:
    return [r["speaker"] for r in _of(rows, "denial")]


@pytest.mark.parametrize("case", ["reject_deal", "reject_job", "dismiss_efforts", "balayer_offer"])
def test_rejecting_a_deal_a_job_or_an_effort_denies_no_claim(facts, case: str) -> None:
    assert _of(facts[case], "denial") == []


@pytest.mark.parametrize(("case", "speaker"), [("dismiss_reports", "Nvidia"), ("contest_fr", "OpenAI")])
def test_rejecting_reports_or_allegations_is_a_denial(facts, case: str, speaker: str) -> None:
    assert _speakers(facts[case]) == [speaker]


@pytest.mark.parametrize(
    ("case", "speaker"),
    [("no_knowledge", "Perplexity"), ("nuts_pronoun", "Jensen Huang"), ("rien_selon", "Paul Martin")],
)
def test_denial_phrases_without_a_denial_verb(facts, case: str, speaker: str) -> None:
    assert _speakers(facts[case]) == [speaker]


def test_whom_the_words_were_said_to_is_not_who_denies(facts) -> None:
    assert _speakers(facts["addressee"]) == ["Sam Altman"]


def test_an_organizations_unnamed_chief_denying_is_not_the_organization(facts) -> None:
    assert "Anthropic" not in _speakers(facts["title_not_org"])


def test_a_units_name_stops_where_its_leader_is_named(facts) -> None:
    assert [n for _, n, _ in _units(facts["unit_name_stops_at_leader"])] == ["new AI group"]


def test_an_appointment_as_head_of_a_named_unit_gives_it_a_leader(facts) -> None:
    assert _units(facts["appointed_head_of_unit"]) == [("Intel", "client computing group", "Paul Smith")]


def test_taking_charge_of_a_possessed_unit_gives_it_a_leader(facts) -> None:
    units = _units(facts["took_charge"])
    assert [(o, leader) for o, _, leader in units] == [("Apple", "Lena Park")]


def test_a_title_held_in_a_unit_before_a_hire_is_no_unit_fact(facts) -> None:
    assert _of(facts["past_title_in_unit"], "unit") == []


def test_a_possessive_of_another_noun_is_not_the_units_parent(facts) -> None:
    assert [o for o, _, _ in _units(facts["possessor_of_another_noun"])] == ["ByteDance"]


def test_a_capitalized_name_with_and_is_one_unit_of_the_texts_organization(facts) -> None:
    assert [(o, n) for o, n, _ in _units(facts["unit_name_with_and"])] == [
        ("Microsoft", "new Nova Platform and Tools group")
    ]
