"""Units checked against the whole article (extract/unit_doc.py) and the hire a "lead" infinitive
is the purpose of, on sentences of our own: a unit described in common words is the one the article
names, a funded "Labs" is a company, "the new lab" of a founder is the company just started, and
"hired X to lead a new group" makes X its leader even when the parser hangs the infinitive on the
verb that reports the hire; a unit created in a sentence naming only a person belongs to that
person's employer; a research centre opened is a unit, a data centre is not; a subsidiary created
is a unit, a company described as one is not.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases, find_fact

CASES: dict[str, tuple[str, str]] = {
    "described_then_named": (
        "en",
        "Amazon created a new engineering organization in charge of its developer platform, its chief executive "
        "wrote on Monday.\nAmazon formed a new engineering group led by Nora Vale to build coding tools.\n"
        "The new Loom Platform and Tools group will merge several existing teams.",
    ),
    "two_named": (
        "en",
        "Amazon created a new engineering organization in charge of its developer platform.\n"
        "Amazon also formed the new Loom Platform group and the new Weft Devices group, led by Nora Vale.",
    ),
    "funded_labs": (
        "en",
        "Barely a year old, Brindle Labs' software has been integrated by several chip makers.\n"
        "Brindle Labs raised $31 million in a seed round led by Andreessen Horowitz.",
    ),
    "founder_new_lab": (
        "en",
        "Nora Vale, a former chief scientist of OpenAI, announced on Tuesday that she is launching a new "
        "venture called Kestrel Minds.\nVale said the new lab will focus only on building safe models.",
    ),
    "hired_to_lead": (
        "fr",
        "Le patron de Microsoft, Satya Nadella, a annoncé mardi qu'il avait embauché Nora Vale et le directeur "
        "de Zentor, Paul Orsini, pour diriger un nouveau groupe de recherche sur l'IA.",
    ),
    "person_only": (
        "fr",
        "Chez Satya Nadella, on promet de la place pour tous grâce à la création d'une division de recherche.",
    ),
    "centre": ("fr", "Amazon inaugure son nouveau centre de recherche en IA au cœur de Lyon."),
    "data_centre": ("fr", "Amazon inaugure son nouveau centre de données au cœur de Lyon."),
    "filiale": ("fr", "Amazon a annoncé la création d'une filiale dédiée à la robotique."),
    "subsidiary": ("en", "Amazon announced the creation of a new subsidiary dedicated to robotics."),
    "subsidiary_described": ("en", "Nova Capital, a subsidiary of Amazon, invested $20 million in Quillon AI."),
    "person_only_no_unit": ("fr", "Chez Satya Nadella, on promet de la place pour tous grâce à une division."),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD)


def _units(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if r["type"] == "unit"]


def test_a_unit_described_in_common_words_is_the_one_the_article_names(facts) -> None:
    units = _units(facts["described_then_named"])
    fact = find_fact(units, org="Amazon", leader="Nora Vale")
    assert "Loom" in fact["name"]
    assert len(units) == 1, units


def test_no_folding_when_two_units_are_named(facts) -> None:
    names = {u["name"] for u in _units(facts["two_named"])}
    assert not any("Loom" in n and "Weft" in n for n in names)
    assert any("engineering" in n for n in names), names


def test_a_funded_labs_is_a_company_not_a_unit(facts) -> None:
    rows = facts["funded_labs"]
    find_fact(rows, type="investment", target="Brindle Labs")
    assert not _units(rows)


def test_the_new_lab_of_a_founder_is_the_company_just_started(facts) -> None:
    rows = facts["founder_new_lab"]
    find_fact(rows, type="move", person="Nora Vale", to_org="Kestrel Minds")
    assert not _units(rows)


def test_the_hired_lead_the_group_their_hirer_creates(facts) -> None:
    fact = find_fact(_units(facts["hired_to_lead"]), org="Microsoft")
    assert fact["leader"] == "Nora Vale"


def test_a_unit_created_where_only_a_person_is_named_belongs_to_their_employer(facts) -> None:
    find_fact(_units(facts["person_only"]), org="Microsoft", name="division de recherche")
    assert not _units(facts["person_only_no_unit"])


def test_a_french_research_centre_opened_is_a_unit_a_data_centre_is_not(facts) -> None:
    fact = find_fact(_units(facts["centre"]), org="Amazon")
    assert "centre de recherche" in fact["name"]
    assert not _units(facts["data_centre"])


def test_a_subsidiary_created_is_a_unit(facts) -> None:
    assert "filiale" in find_fact(_units(facts["filiale"]), org="Amazon")["name"]
    assert "subsidiary" in find_fact(_units(facts["subsidiary"]), org="Amazon")["name"]


def test_a_company_described_as_a_subsidiary_is_no_unit(facts) -> None:
    rows = facts["subsidiary_described"]
    assert not _units(rows)
    find_fact(rows, type="investment", investor="Nova Capital", target="Quillon AI")
