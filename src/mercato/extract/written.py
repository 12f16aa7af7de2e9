"""The amount of a fact as its article wrote it ("100 millions d'euros"), beside its US dollars.

Builders convert every amount to dollars (``amount_usd``, the evaluation contract); readers want
the figure the article gave too. After extraction, each fact with an amount looks for it again in
its evidence sentences: the amount there that converts to the same dollars is the one it was
read from, and its value and currency become the fact's ``written`` amount. Nothing here changes
the contract: ``Fact.to_contract`` does not print it.
"""

from __future__ import annotations

from mercato.extract.amounts import parse_amounts
from mercato.model import Extraction

_SAME_DOLLARS = 1.0  # converted amounts are whole dollars


def add_written_amounts(ext: Extraction) -> None:
    """Set ``written`` on the facts of ``ext`` whose dollars come from an amount of their evidence."""
    lang = ext.doc.lang if ext.doc is not None else None
    for fact in ext.facts:
        usd = fact.attrs.get("amount_usd")
        if not isinstance(usd, int | float) or isinstance(usd, bool) or fact.written is not None:
            continue
        for ev in fact.evidence:
            found = [a for a in parse_amounts(ev.sentence or "", lang) if abs(a.value_usd - usd) <= _SAME_DOLLARS]
            if found:
                fact.written = (float(found[0].value), found[0].currency)
                break
