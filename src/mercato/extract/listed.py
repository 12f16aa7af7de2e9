"""Money into a listed company: a funding round or a stake "into Microsoft" is, in this press, a
reading gone wrong (the round of the startup named beside it, "the company" taken for the giant, a
deal read backwards). A company the knowledge base knows by a stock ticker ("MSFT.O") raises no
round; buying it outright (an acquisition) stays possible.
"""

from __future__ import annotations

from mercato.extract import deps
from mercato.extract.lexicon import Lexicon
from mercato.model import Fact

MONEY_IN = ("investment", "funding")


def without_money_into_listed(facts: list[Fact], lex: Lexicon) -> list[Fact]:
    """``facts`` less the investments and rounds whose target is a listed company."""
    exchanges = {c.upper() for c in lex.cues.get("ticker_exchanges", [])}
    if not exchanges or not any(f.type == "investment" for f in facts):
        return facts
    kb = deps.get_kb()
    return [
        f
        for f in facts
        if not (
            f.type == "investment" and f.attrs.get("kind") in MONEY_IN and _listed(kb, f.attrs.get("target"), exchanges)
        )
    ]


def _listed(kb, name: object, exchanges: set[str]) -> bool:
    """Does one of the company's names read as a ticker on an exchange ("NVDA.O")?"""
    for alias in kb.aliases(str(name or "")):
        symbol, _, exchange = alias.rpartition(".")
        if symbol.isalpha() and symbol.isupper() and exchange in exchanges:
            return True
    return False
