"""Investment shapes of the second round, one per test, on sentences of our own: a round told in a
fronted clause of time (builders/after_round.py), whose raiser is the main clause's subject;
one amount for backers named together, their joint total (builders/joint_amount.py), also
before a relative clause; a verb of putting money in used as a comparison ("puts it on par
with"), which is no investment.

Each case is a short article (a lead sentence about the AI industry so the document is in scope,
then the sentence under test); all documents go through one ``extract_documents`` call.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract_helpers import INDUSTRY_LEAD, extract_cases, find_fact

CASES: dict[str, tuple[str, str]] = {
    "apres_avoir_leve": (
        "fr",
        "Les dirigeants de Quillon AI, de leur côté, après avoir levé 60 millions de dollars, sont partis "
        "chez Orbis Capital au printemps.",
    ),
    "apres_une_levee": (
        "fr",
        "Après une levée de fonds de 25 millions de dollars, la fondatrice de Tessel Labs est partie chez Brightwater.",
    ),
    "after_raising": (
        "en",
        "After raising $45 million from Kappa Ventures, the founders of Quillon AI moved to Orbis Capital.",
    ),
    "after_named_raiser": (
        "en",
        "After Quillon AI raised $45 million, Orbis Capital started talks with its founders.",
    ),
    "relative_list": (
        "en",
        "Early backers such as Ardent Partners and Kappa Ventures, who put $90 million into Quillon AI, "
        "will get their money back.",
    ),
    "qui_ont_investi": (
        "fr",
        "Les premiers soutiens, Ardent Partners et Kappa Ventures, qui ont investi 40 millions d'euros dans "
        "Quillon AI, récupéreront leur mise.",
    ),
    "each_invested": ("en", "Ardent Partners and Kappa Ventures each invested $30 million in Quillon AI."),
    "puts_on_par": (
        "en",
        "Its latest valuation puts Quillon AI on par with older names such as Orbis Capital and Tessel Labs.",
    ),
}


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    return extract_cases(CASES, INDUSTRY_LEAD, only="investment")


def _parties(rows: list[dict[str, Any]]) -> set[str]:
    return {r[k] for r in rows for k in ("investor", "target") if r.get(k)}


def test_fronted_round_before_a_departure_is_the_subjects(facts: dict[str, list[dict[str, Any]]]) -> None:
    rows = facts["apres_avoir_leve"]
    f = find_fact(rows, kind="funding", target="Quillon AI")
    assert f["investor"] is None and f["amount_usd"] == pytest.approx(60_000_000, rel=0.1)
    assert "Orbis Capital" not in _parties(rows)  # where the people went raised nothing


def test_fronted_round_noun_is_the_company_of_the_subject(facts: dict[str, list[dict[str, Any]]]) -> None:
    rows = facts["apres_une_levee"]
    assert find_fact(rows, kind="funding", target="Tessel Labs")["amount_usd"] == pytest.approx(25_000_000, rel=0.1)
    assert "Brightwater" not in _parties(rows)


def test_fronted_round_in_english_keeps_its_backers(facts: dict[str, list[dict[str, Any]]]) -> None:
    rows = facts["after_raising"]
    assert find_fact(rows, kind="funding", target="Quillon AI")["amount_usd"] == pytest.approx(45_000_000, rel=0.1)
    assert find_fact(rows, investor="Kappa Ventures", target="Quillon AI")["amount_usd"] is None
    assert "Orbis Capital" not in _parties(rows)


def test_clause_naming_its_raiser_is_read_as_usual(facts: dict[str, list[dict[str, Any]]]) -> None:
    rows = facts["after_named_raiser"]
    assert find_fact(rows, kind="funding", target="Quillon AI")["amount_usd"] == pytest.approx(45_000_000, rel=0.1)
    assert not [r for r in rows if r["kind"] == "funding" and r["target"] == "Orbis Capital"]


def test_figurative_put_is_no_investment(facts: dict[str, list[dict[str, Any]]]) -> None:
    assert not facts["puts_on_par"]


@pytest.mark.parametrize("case,total", [("relative_list", 90_000_000), ("qui_ont_investi", 40_000_000)])
def test_list_before_a_relative_shares_one_total(facts: dict[str, list[dict[str, Any]]], case: str, total: int) -> None:
    rows = facts[case]
    assert find_fact(rows, kind="funding", target="Quillon AI")["amount_usd"] == pytest.approx(total, rel=0.2)
    for investor in ("Ardent Partners", "Kappa Ventures"):
        assert find_fact(rows, investor=investor, target="Quillon AI")["amount_usd"] is None


def test_each_ones_share_stays_on_each_backer(facts: dict[str, list[dict[str, Any]]]) -> None:
    rows = facts["each_invested"]
    for investor in ("Ardent Partners", "Kappa Ventures"):
        assert find_fact(rows, investor=investor, target="Quillon AI")["amount_usd"] == pytest.approx(30_000_000)
    assert not [r for r in rows if r["kind"] == "funding"]
