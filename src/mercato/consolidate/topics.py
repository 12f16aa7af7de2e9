"""Whether a denial's topic is about a given claim: its kind, its amount, the people it names.

A denial is paired with the claims of its speaker or of the claim's author (``disputes.denies``);
that alone attaches "we never offered $50M to A" to every offer the speaker made. The topic says
more: words of a kind ("offer", "stake", "départ"), an amount, a name. Each one the topic states
must agree with the claim; what the topic does not state does not count against it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from mercato import knowledge
from mercato.consolidate.keys import norm
from mercato.extract.amounts import parse_amounts

TOPICS_FILE = knowledge.data_path("consolidate", "denial_topics.yaml")
KINDS = ("offer", "move", "investment")
# Amounts closer than this ratio are one figure told twice ("$100M" and "100 millions de dollars").
AMOUNT_RATIO = 1.5
# The fields of a claim that name its parties.
PARTY_FIELDS = ("by_org", "target_person", "target_org", "person", "from_org", "to_org", "investor", "target")
_NAME = re.compile(r"\b[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*")


class DenialTopics(BaseModel):
    """data/consolidate/denial_topics.yaml: per claim kind, the word starts that name it."""

    model_config = ConfigDict(extra="forbid")
    offer: list[str]
    move: list[str]
    investment: list[str]


@lru_cache(maxsize=1)
def kind_words() -> dict[str, re.Pattern[str]]:
    """Per claim kind, one pattern of the word starts that name it (``denial_topics.yaml``)."""
    raw = knowledge.load(TOPICS_FILE, DenialTopics).model_dump()
    return {
        kind: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s.lower()) for s in stems if s) + ")", re.I)
        for kind, stems in raw.items()
    }


def topic_fits(denial: dict[str, Any], kind: str, claim: dict[str, Any]) -> bool:
    """Whether what the denial's topic states (kind words, an amount, names) agrees with the claim."""
    topic = str(denial.get("topic") or "").strip()
    if not topic:
        return True
    return _kind_fits(topic, kind) and _amount_fits(topic, kind, claim) and _names_fit(topic, denial, claim)


def _kind_fits(topic: str, kind: str) -> bool:
    said = [k for k, pattern in kind_words().items() if pattern.search(topic)]
    return not said or kind in said


def _amount_fits(topic: str, kind: str, claim: dict[str, Any]) -> bool:
    amounts = {a.value_usd for lang in ("en", "fr") for a in parse_amounts(topic, lang) if a.value_usd}
    if not amounts:
        return True
    if kind == "move":
        return False  # a denial about money ("$100M bonuses") disputes offers and deals, not the move
    stated = claim.get("amount_usd")
    if not stated:
        return True
    return any(max(a, stated) / min(a, stated) <= AMOUNT_RATIO for a in amounts)


def _names_fit(topic: str, denial: dict[str, Any], claim: dict[str, Any]) -> bool:
    """A topic naming a person or company who is no party of the claim is about another claim.

    Names are runs of capitalised words past the topic's first word; the denial's own speaker and
    the claim's author don't count (they say who denies and who claimed, not what)."""
    words = topic.split()
    if sum(w[:1].isupper() for w in words) * 2 > len(words):
        return True  # a headline in title case: capitals are not names
    own = {norm(denial.get("speaker")), norm(denial.get("claim_by")), norm(claim.get("attributed_to"))}
    parties = [norm(str(claim.get(f))) for f in PARTY_FIELDS if claim.get(f)]
    named = [norm(m.group(0)) for m in _NAME.finditer(topic) if m.start() > 0]
    named = [n for n in named if n and not any(_overlap(n, o) for o in own if o)]
    if not named:
        return True
    return any(_overlap(n, p) for n in named for p in parties)


def _overlap(a: str, b: str) -> bool:
    """Two normalised names share a word of more than two letters ("ruiz" in "ana ruiz")."""
    return bool({w for w in a.split() if len(w) > 2} & {w for w in b.split() if len(w) > 2})
