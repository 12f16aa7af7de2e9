"""Denial shapes, on sentences of our own: whose claim a denial disputes when the article credited it to
one news medium paragraphs before ("Selon l'agence Reuters, ..." then "Cette information a été
démentie"), and a source named after a word saying what it is ("selon l'agence X").

Each case is a short article (a lead sentence about the AI industry so the document is in scope,
then the sentences under test); all documents go through one ``extract_documents`` call.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases, find_fact

CASES: dict[str, tuple[str, str]] = {
    "sole_medium_far_back": (
        "fr",
        "Selon l'agence Reuters, la start-up Quillon AI n'a pas réussi à lever de nouveaux fonds. Quillon AI "
        "compte deux cents salariés. Quillon AI vend des logiciels. Quillon AI a ouvert un bureau à Lyon. "
        "Quillon AI recrute des ingénieurs. Cette information a été démentie par un porte-parole de Quillon AI, "
        "qui explique que la start-up n'a pas cherché à lever des fonds.",
    ),
    "two_media_far_back": (
        "fr",
        "Selon l'agence Reuters, la start-up Quillon AI n'a pas réussi à lever de nouveaux fonds. D'après "
        "Bloomberg, Quillon AI a réduit ses coûts. Quillon AI compte deux cents salariés. Quillon AI vend des "
        "logiciels. Quillon AI a ouvert un bureau à Lyon. Cette information a été démentie par un porte-parole "
        "de Quillon AI, qui explique que la start-up n'a pas cherché à lever des fonds.",
    ),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD, only="denial")


def test_a_denial_pointing_back_disputes_the_article_s_one_medium(facts) -> None:
    find_fact(facts["sole_medium_far_back"], speaker="Quillon AI", claim_by="Reuters")


def test_with_two_media_far_back_the_claim_is_no_one_s_in_particular(facts) -> None:
    rows = facts["two_media_far_back"]
    find_fact(rows, speaker="Quillon AI")
    assert all(r.get("claim_by") is None for r in rows), rows
