"""English move shapes read from the whole article: layoffs whose organization the sentence leaves
unsaid, founders and departures described around the trigger.

One short article per shape (a lead sentence, then the sentences under test, all written for these
tests), extracted in one batch as the pipeline does.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import extract_cases
from extract_helpers import person_move as _move

# a lead about one company, which the article is then about
SUBJECT_LEAD = {"fr": "", "en": "Quillon AI reshapes its chip business as Quillon AI shares slide in Silicon Valley."}
INDUSTRY_LEAD = {
    "en": "The AI talent war between OpenAI, Meta, Amazon and Google keeps heating up in Silicon Valley.",
    "fr": "La guerre des talents de l'IA entre OpenAI, Meta et Google s'intensifie dans la Silicon Valley.",
}

SUBJECT_CASES: dict[str, tuple[str, str]] = {
    "layoffs_unowned_en": ("en", "The reshuffle at Quillon AI comes on the heels of mass layoffs."),
    "cutting_by_boss_en": (
        "en",
        "Nora Vale became the chief executive of Quillon AI in March. "
        "Since then she has been cutting the workforce by thousands.",
    ),
}
INDUSTRY_CASES: dict[str, tuple[str, str]] = {
    "recruit_named_en": (
        "en",
        "Brightwave has hired more than two dozen engineers from Quillon this year. One recruit, Nora Vale, "
        "worked for Quillon for a decade. Another, Tom Reyes, ran its chip lab.",
    ),
    "another_no_recruit_en": ("en", "Brightwave sells chips to carmakers. Another, Tom Reyes, declined to comment."),
    "paid_to_hire_en": (
        "en",
        "Nvidia has shelled out over $700 million to hire Quillon CEO Nora Vale and other employees.",
    ),
    "will_pay_to_hire_en": ("en", "Nvidia will spend $700 million to hire Quillon engineers."),
    "list_with_relative_en": (
        "en",
        "Brightwave hired Tom Reyes, an engineer who built chips at Vela for years, and Lena Ward, a former "
        "Quillon researcher.",
    ),
    "clause_not_list_en": ("en", "Brightwave hired Tom Reyes, who then left Quillon, and Lena Ward said nothing."),
    "left_and_joined_en": (
        "en",
        "Quillon's chief technology officer, Nora Vale, has left the longtime chip manufacturer and joined "
        "Brightwave instead.",
    ),
    "new_venture_en": (
        "en",
        "Quillon's former chief scientist Nora Vale unveiled her new venture, Brightwave Lab, on Monday.",
    ),
    "new_venture_fr": ("fr", "Paul Martin, ancien directeur de Vela, a présenté sa nouvelle start-up, Nexa Robotique."),
    "own_company_en": ("en", "Nora Vale praised her company, Brightwave, at the conference."),
    "founders_former_staff_en": (
        "en",
        "Co-founded by former OpenAI executives and siblings Nora and Tom Vale, London-based Brightwave "
        "also won a $50 million grant from Google last year.",
    ),
    "joined_staff_plural_en": ("en", "In June, OpenAI engineers Lena Ward and Hugo Petit joined Brightwave."),
    "shared_surname_en": ("en", "Brightwave hired Nora and Tom Vale in June."),
    "no_shared_surname_en": ("en", "Brightwave hired Tom Vale from Google and Nora Reyes in June."),
    "layoffs_no_subject_en": ("en", "Analysts at Brightwave worry that mass layoffs will spread across the industry."),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(SUBJECT_CASES, SUBJECT_LEAD, only="move") | extract_cases(
        INDUSTRY_CASES, INDUSTRY_LEAD, only="move"
    )


@pytest.mark.parametrize("case", ["layoffs_unowned_en", "cutting_by_boss_en"])
def test_layoffs_with_no_organization_named_are_the_article_s(facts, case: str) -> None:
    """ "comes on the heels of mass layoffs", "she has been cutting the workforce": a group leaves the
    company the article is about (or the one the text gives whoever lays off)."""
    _move(facts[case], None, from_org="Quillon AI", to_org=None, count=None)


def test_layoffs_in_an_article_about_no_one_company_are_no_move(facts) -> None:
    assert not facts["layoffs_no_subject_en"], facts["layoffs_no_subject_en"]


def test_founders_described_as_former_staff_come_from_there(facts) -> None:
    """ "Co-founded by former X executives and siblings A and B, London-based Y ... from Z": A and B,
    two people of one surname, found Y coming from X (Z, in the main clause, is no origin)."""
    rows = facts["founders_former_staff_en"]
    got = {(r["person"], r["from_org"], r["to_org"], r["role"]) for r in rows}
    assert got == {(p, "OpenAI", "Brightwave", "founder") for p in ("Nora Vale", "Tom Vale")}, rows


def test_a_plural_staff_title_before_names_is_their_employer(facts) -> None:
    """ "X engineers A and B joined Y": both come from X."""
    for person in ("Lena Ward", "Hugo Petit"):
        _move(facts["joined_staff_plural_en"], person, to_org="Brightwave", from_org="OpenAI")


def test_a_given_name_before_and_a_full_name_shares_its_surname(facts) -> None:
    assert {r["person"] for r in facts["shared_surname_en"]} == {"Nora Vale", "Tom Vale"}, facts["shared_surname_en"]
    assert {r["person"] for r in facts["no_shared_surname_en"]} == {"Nora Reyes", "Tom Vale"}, facts[
        "no_shared_surname_en"
    ]


@pytest.mark.parametrize(
    ("case", "person", "org", "origin"),
    [
        ("new_venture_en", "Nora Vale", "Brightwave Lab", "Quillon"),
        ("new_venture_fr", "Paul Martin", "Nexa Robotique", "Vela"),
    ],
)
def test_a_company_called_someone_s_new_venture_is_founded_by_them(facts, case, person, org, origin) -> None:
    """ "her new venture, Y", "sa nouvelle start-up, Y": a founding move to Y, from the employer the
    person's title names."""
    got = _move(facts[case], person, to_org=org, from_org=origin)
    assert got["role"] in ("founder", "fondateur"), got


def test_a_company_called_someone_s_own_is_no_founding(facts) -> None:
    assert not facts["own_company_en"], facts["own_company_en"]


def test_the_object_of_a_coordinated_verb_is_not_the_place_left(facts) -> None:
    """ "has left the chipmaker and joined Y": one move to Y, from the employer the title names; Y is not
    a place left."""
    rows = facts["left_and_joined_en"]
    _move(rows, "Nora Vale", from_org="Quillon", to_org="Brightwave")
    assert all(r["from_org"] != "Brightwave" for r in rows), rows


def test_a_list_of_names_goes_on_past_a_descriptor_with_a_relative_clause(facts) -> None:
    """ "hired A, an engineer who built chips at X, and B, a former Y researcher": both are hired."""
    rows = facts["list_with_relative_en"]
    _move(rows, "Tom Reyes", to_org="Brightwave")
    _move(rows, "Lena Ward", to_org="Brightwave", from_org="Quillon")


def test_a_relative_clause_before_a_new_main_clause_ends_the_list(facts) -> None:
    """ "hired A, who then left X, and B said nothing": B is the subject of another clause, not hired."""
    assert all(r["person"] != "Lena Ward" for r in facts["clause_not_list_en"]), facts["clause_not_list_en"]


def test_money_spent_to_hire_people_is_a_hire_made(facts) -> None:
    """ "shelled out $700M to hire Acme's CEO X and other employees": X and a group moved from Acme."""
    _move(facts["paid_to_hire_en"], "Nora Vale", from_org="Quillon", to_org="Nvidia", status="done")
    _move(facts["paid_to_hire_en"], None, from_org="Quillon", to_org="Nvidia")


def test_money_to_be_spent_to_hire_is_no_move(facts) -> None:
    assert not facts["will_pay_to_hire_en"], facts["will_pay_to_hire_en"]


def test_recruits_named_after_the_hiring_join_the_hirer(facts) -> None:
    """ "X hired engineers from Y. One recruit, A, worked for Y. Another, B, ...": A and B joined X."""
    _move(facts["recruit_named_en"], "Nora Vale", to_org="Brightwave", from_org="Quillon", status="done")
    _move(facts["recruit_named_en"], "Tom Reyes", to_org="Brightwave")


def test_another_with_no_recruit_before_is_no_move(facts) -> None:
    assert not facts["another_no_recruit_en"], facts["another_no_recruit_en"]
