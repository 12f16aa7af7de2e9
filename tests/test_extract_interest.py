"""Interest is no deal (builders/interest.py), on sentences of our own: "have shown interest in
acquiring X" and "s'intéresse au rachat de X" make no investment; a plain acquisition does."""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases, find_fact

CASES: dict[str, tuple[str, str]] = {
    "interest_en": ("en", "Amazon and Nvidia have shown interest in acquiring Quillon AI, a young search startup."),
    "interest_fr": ("fr", "Amazon s'intéresse au rachat de Quillon AI, une jeune pousse de la recherche en ligne."),
    "bought_en": ("en", "Amazon acquired Quillon AI, a young search startup, for $300 million."),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD, only="investment")


def test_interest_in_a_deal_is_no_deal(facts) -> None:
    assert not facts["interest_en"]
    assert not facts["interest_fr"]


def test_a_deal_made_stays(facts) -> None:
    find_fact(facts["bought_en"], investor="Amazon", target="Quillon AI", kind="acquisition")
