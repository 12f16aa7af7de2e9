"""One fact per key per document, keeping the most specific attributes.

Sentences repeat a fact with more or less detail ("Meta hired Wang" / "Wang, Scale AI's CEO, joins
Meta as head of its new lab"); the merged fact takes every attribute some sentence stated, keeps
the evidence of each, and drops a bare departure that another sentence reports as a full move.
"""

from __future__ import annotations

from typing import Any

from mercato.model import FACT_FIELDS, Fact

_STATUS_RANK = {"failed": 3, "done": 2, "announced": 1, "reported": 0}


def merge_facts(facts: list[Fact]) -> list[Fact]:
    facts = _complete_offers(facts)
    by_key: dict[tuple[Any, ...], Fact] = {}
    for f in facts:
        k = f.key()
        if k not in by_key:
            by_key[k] = Fact(f.type, dict(f.attrs), list(f.evidence), f.confidence)
            continue
        kept = by_key[k]
        for name in FACT_FIELDS[f.type]:
            new, old = f.attrs.get(name), kept.attrs.get(name)
            if (
                old in (None, "", "unknown")
                and new not in (None, "")
                or name == "amount_usd"
                and new
                and old
                and new > old
                or name == "role"
                and new
                and old
                and len(str(new)) > len(str(old))
                and len(str(new)) < 80
                or name == "status"
                and new
                and old
                and _STATUS_RANK.get(new, 0) > _STATUS_RANK.get(old, 0)
            ):
                kept.attrs[name] = new
        kept.evidence.extend(e for e in f.evidence if e not in kept.evidence)
        kept.confidence = min(1.0, max(kept.confidence, f.confidence) + 0.1)
    out = list(by_key.values())
    return _drop_subsumed(out)


def _complete_offers(facts: list[Fact]) -> list[Fact]:
    """An offer stated once without its target is the same offer as the one whose target is stated."""
    targeted: dict[str, set[str]] = {}
    for f in facts:
        if f.type == "offer" and f.attrs.get("target_org") and not f.attrs.get("target_person"):
            targeted.setdefault(str(f.attrs.get("by_org")).casefold(), set()).add(f.attrs["target_org"])
    for f in facts:
        if f.type != "offer" or f.attrs.get("target_org") or f.attrs.get("target_person"):
            continue
        orgs = targeted.get(str(f.attrs.get("by_org")).casefold(), set())
        if len(orgs) == 1:
            f.attrs["target_org"] = next(iter(orgs))
    return facts


def _drop_subsumed(facts: list[Fact]) -> list[Fact]:
    """Remove a move with no destination when the same person's move with one shares its origin."""
    moves = [f for f in facts if f.type == "move" and f.attrs.get("person")]
    drop: set[int] = set()
    for f in moves:
        if f.attrs.get("to_org"):
            continue
        for g in moves:
            if g is f or not g.attrs.get("to_org"):
                continue
            if _same(f.attrs["person"], g.attrs["person"]) and (
                g.attrs.get("from_org") is None or _same(g.attrs.get("from_org"), f.attrs.get("from_org"))
            ):
                if g.attrs.get("from_org") is None:
                    g.attrs["from_org"] = f.attrs.get("from_org")
                drop.add(id(f))
                break
    # a group move whose origin and destination match a named person's move adds nothing
    return [f for f in facts if id(f) not in drop]


def _same(a: Any, b: Any) -> bool:
    return isinstance(a, str) and isinstance(b, str) and a.casefold() == b.casefold()
