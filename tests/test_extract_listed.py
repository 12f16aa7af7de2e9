"""Money into a listed company (extract/listed.py): a round or an investment whose target the
knowledge base knows by a stock ticker is dropped; buying that company, or its money going into a
startup, stays."""

from __future__ import annotations

from mercato.extract.lexicon import load_lexicon
from mercato.extract.listed import without_money_into_listed
from mercato.model import Fact


def _inv(investor: str | None, target: str, kind: str) -> Fact:
    return Fact("investment", {"investor": investor, "target": target, "kind": kind, "status": "done"})


def test_no_round_or_stake_goes_into_a_listed_giant() -> None:
    lex = load_lexicon("en")
    into_giant = [_inv(None, "Microsoft", "funding"), _inv("Quillon Capital", "Meta", "investment")]
    kept = [_inv("AMD", "Nvidia", "acquisition"), _inv("Microsoft", "Quillon AI", "investment")]
    kept.append(_inv("Nora Ventures", "Quillon AI", "funding"))
    assert without_money_into_listed(into_giant + kept, lex) == kept


def test_a_name_with_a_dot_is_no_ticker() -> None:
    rounds = [_inv(None, "xAI", "funding")]  # known as "X.AI": no exchange code
    assert without_money_into_listed(rounds, load_lexicon("fr")) == rounds
