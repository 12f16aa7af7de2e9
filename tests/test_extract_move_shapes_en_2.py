"""English move shapes read from the whole article: layoffs whose organization the sentence leaves
unsaid, founders and departures described around the trigger.

One short article per shape (a lead sentence, then the sentences under test, all written for these
tests), extracted in one batch as the pipeline does.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import extract_cases

# a lead about one company, which the article is then about
SUBJECT_LEAD = {"en": "Quillon AI reshapes its chip business as Quillon AI shares slide in Silicon Valley."}
INDUSTRY_LEAD = {"en": "The AI talent war between OpenAI, Meta, Amazon and Google keeps heating up in Silicon Valley."}

SUBJECT_CASES: dict[str, tuple[str, str]] = {
    "layoffs_unowned_en": ("en", "The reshuffle at Quillon AI comes on the heels of mass layoffs."),
    "cutting_by_boss_en": (
        "en",
        "Nora Vale became the chief executive of Quillon AI in March. "
        "Since then she has been cutting the workforce by thousands.",
    ),
}
INDUSTRY_CASES: dict[str, tuple[str, str]] = {
    "layoffs_no_subject_en": ("en", "Analysts at Brightwave worry that mass layoffs will spread across the industry."),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(SUBJECT_CASES, SUBJECT_LEAD, only="move") | extract_cases(
        INDUSTRY_CASES, INDUSTRY_LEAD, only="move"
    )


def _move(rows: list[dict[str, Any]], person: str | None, **want: Any) -> dict[str, Any]:
    """The move of ``person`` (compared on the last name), checked on the fields of ``want``."""
    got = [
        r
        for r in rows
        if (r["person"] is None if person is None else (r["person"] or "").split()[-1:] == person.split()[-1:])
    ]
    assert got, rows
    for key, value in want.items():
        assert got[0][key] == value, (key, got[0])
    return got[0]


@pytest.mark.parametrize("case", ["layoffs_unowned_en", "cutting_by_boss_en"])
def test_layoffs_with_no_organization_named_are_the_article_s(facts, case: str) -> None:
    """ "comes on the heels of mass layoffs", "she has been cutting the workforce": a group leaves the
    company the article is about (or the one the text gives whoever lays off)."""
    _move(facts[case], None, from_org="Quillon AI", to_org=None, count=None)


def test_layoffs_in_an_article_about_no_one_company_are_no_move(facts) -> None:
    assert not facts["layoffs_no_subject_en"], facts["layoffs_no_subject_en"]
