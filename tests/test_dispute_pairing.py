"""A denial disputes the claim its topic is about, not every claim of its speaker."""

from __future__ import annotations

import pytest

from market_helpers import add_doc, fact
from mercato.consolidate.dispute_list import list_disputes
from mercato.consolidate.topics import topic_fits
from mercato.store.db import connect


@pytest.fixture()
def engine(store_url: str):
    return connect(store_url)


def _offer(person: str, amount: float) -> dict:
    return fact(
        "offer",
        f"Vela Labs reportedly offered {person} {amount:,.0f} dollars.",
        by_org="Vela Labs",
        target_person=person,
        target_org="Orbit AI",
        amount_usd=amount,
        attributed_to="Kai Brandt",  # a claim someone made, which the company may deny
    )


def test_a_denial_naming_one_offer_disputes_that_offer_only(engine) -> None:
    add_doc(engine, "Vela Labs offered Ana Ruiz $50M.", [_offer("Ana Ruiz", 50e6)], site="a.com")
    add_doc(engine, "Vela Labs offered Ben Cole $20M.", [_offer("Ben Cole", 20e6)], site="b.com")
    add_doc(
        engine,
        "Vela Labs invests in Orbit AI.",
        [fact("investment", investor="Vela Labs", target="Orbit AI", amount_usd=1e9, attributed_to="Kai Brandt")],
        site="c.com",
    )
    add_doc(
        engine,
        "Vela Labs denies.",
        [fact("denial", speaker="Vela Labs", topic="that it offered Ana Ruiz $50 million")],
        site="d.com",
    )
    rows, total = list_disputes(engine.connect(), kind="denial")
    assert total == 1, rows
    claim = rows[0]["claim"]
    assert claim["type"] == "offer" and claim["target_person"] == "Ana Ruiz"


def test_a_denial_without_names_or_figures_still_disputes_its_speakers_reported_claims(engine) -> None:
    add_doc(engine, "Vela Labs offered Ana Ruiz $50M.", [_offer("Ana Ruiz", 50e6)], site="a.com")
    add_doc(
        engine,
        "Vela Labs denies.",
        [fact("denial", speaker="Vela Labs", topic="the reports about its hiring offers")],
        site="d.com",
    )
    rows, total = list_disputes(engine.connect(), kind="denial")
    assert total == 1 and rows[0]["claim"]["target_person"] == "Ana Ruiz"


@pytest.mark.parametrize(
    ("topic", "kind", "claim", "fits"),
    [
        ("a $100M signing bonus", "offer", {"amount_usd": 100e6}, True),
        ("une prime de 100 millions de dollars", "offer", {"amount_usd": 95e6}, True),
        ("a $100M signing bonus", "offer", {"amount_usd": 10e6}, False),  # another figure, another offer
        ("a $100M signing bonus", "move", {"person": "Ana Ruiz"}, False),  # money is no move
        ("reports of a stake in Orbit AI", "offer", {"target_person": "Ana Ruiz"}, False),  # a deal, not pay
        ("reports of a stake in Orbit AI", "investment", {"target": "Orbit AI"}, True),
        ("rumours that Ben Cole is leaving", "move", {"person": "Ana Ruiz"}, False),  # someone else
        ("le départ d'Ana Ruiz", "move", {"person": "Ana Ruiz"}, True),
        ("Claims Of A Huge Equity Stake", "investment", {"target": "Orbit AI"}, True),  # title case: no names
        ("", "move", {"person": "Ana Ruiz"}, True),
    ],
)
def test_what_a_topic_states_must_agree_with_the_claim(topic: str, kind: str, claim: dict, fits: bool) -> None:
    assert topic_fits({"speaker": "Vela Labs", "topic": topic}, kind, claim) is fits
