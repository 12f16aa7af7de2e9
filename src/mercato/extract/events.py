"""Events taken for organizations: "at the Acme Tech Week conference" names where someone spoke, not
an employer, an investor or a company funded. A fact with such a party is dropped."""

from __future__ import annotations

from mercato.extract.lexicon import Lexicon
from mercato.model import Fact

PARTIES = ("to_org", "from_org", "investor", "target", "by_org", "target_org", "org")


def without_event_orgs(facts: list[Fact], lex: Lexicon) -> list[Fact]:
    """``facts`` less those with a party whose name ends with a noun of events ("Week", "Summit")."""
    events = {w.casefold() for w in lex.cues.get("event_nouns", [])}
    if not events:
        return facts
    return [f for f in facts if not any(_event(f.attrs.get(k), events) for k in PARTIES)]


def _event(name: object, events: set[str]) -> bool:
    words = str(name or "").split()
    return len(words) >= 2 and words[-1].casefold() in events
