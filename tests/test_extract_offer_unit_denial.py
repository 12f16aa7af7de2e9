"""Offer, unit and denial facts: one general shape per test, on sentences of our own.

Each case is a short article (a lead sentence about the AI industry so the document is in scope,
then the sentence under test) and the facts a reader would take from it, per the evaluation
contract: a recruiting approach or drive is an offer even with no figure, pay to keep one's own
staff targets the offerer itself, and money that buys a company is no offer.
"""

from __future__ import annotations

from typing import Any

import pytest

from mercato.extract import extract_documents
from mercato.model import Document

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
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    docs = {
        name: Document(source=name, raw_text="", text=f"{LEAD[lang]}\n{text}", lang=lang)
        for name, (lang, text) in CASES.items()
    }
    for d in docs.values():
        d.raw_text = d.text
    out = extract_documents(list(docs.values()))
    return {name: [f.to_contract() for f in ext.facts] for name, ext in zip(docs, out, strict=True)}


def _of(rows: list[dict[str, Any]], type_: str) -> list[dict[str, Any]]:
    return [r for r in rows if r["type"] == type_]


def _find(rows: list[dict[str, Any]], **want: Any) -> dict[str, Any]:
    hits = [r for r in rows if all(r.get(k) == v for k, v in want.items())]
    assert hits, f"no fact with {want} in {rows}"
    return hits[0]


@pytest.mark.parametrize(("case", "person"), [("attempt_en", "Lena Park"), ("attempt_fr", "Hugo Bernard")])
def test_a_failed_recruiting_attempt_is_a_declined_offer(facts, case: str, person: str) -> None:
    offer = _find(_of(facts[case], "offer"), by_org="Anthropic", target_person=person)
    assert offer["target_org"] == "Google"
    assert offer["outcome"] == "declined"
    assert offer["amount_usd"] is None


def test_an_attempt_on_him_targets_the_person_named_before(facts) -> None:
    _find(_of(facts["attempt_pronoun"], "offer"), by_org="Meta", target_person="Ravi Kumar")


def test_reaching_out_to_a_rivals_staff_is_an_offer_to_that_rival(facts) -> None:
    _find(_of(facts["reach_out"], "offer"), by_org="Meta", target_org="OpenAI", target_person=None)


@pytest.mark.parametrize(("case", "org"), [("retention_en", "Google"), ("retention_fr", "Meta")])
def test_pay_to_keep_ones_staff_targets_the_offerer(facts, case: str, org: str) -> None:
    offers = _of(facts[case], "offer")
    assert [(o["by_org"], o["target_org"]) for o in offers] == [(org, org)]


def test_raising_ones_own_pay_is_an_offer_to_ones_staff(facts) -> None:
    _find(_of(facts["pay_rise_fr"], "offer"), by_org="Anthropic", target_org="Anthropic")


@pytest.mark.parametrize(("case", "orgs"), [("drive_en", {"Nvidia", "Amazon"}), ("drive_fr", {"Alibaba", "Tencent"})])
def test_a_recruiting_drive_is_an_offer_by_each_organization_running_it(facts, case: str, orgs: set[str]) -> None:
    offers = _of(facts[case], "offer")
    assert {o["by_org"] for o in offers} == orgs
    assert all(o["target_org"] is None and o["target_person"] is None for o in offers)


def test_pay_offered_as_the_means_of_luring_is_the_lurers_offer(facts) -> None:
    offer = _find(_of(facts["means_with"], "offer"), by_org="Meta", target_org="OpenAI")
    assert offer["amount_usd"] == 50_000_000
    assert offer["component"] == "package"


def test_coordinated_organizations_each_make_the_offer(facts) -> None:
    assert {o["by_org"] for o in _of(facts["several_offerers"], "offer")} == {"Mistral AI", "Anthropic"}


def test_attracting_and_retaining_talent_in_general_is_no_offer_to_ones_staff(facts) -> None:
    assert _of(facts["market_not_own"], "offer") == []


@pytest.mark.parametrize("case", ["pay_for_company", "acquisition_offer", "product_offer"])
def test_money_for_a_company_or_a_product_offered_is_no_pay_offer(facts, case: str) -> None:
    assert _of(facts[case], "offer") == []
