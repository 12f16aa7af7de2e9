"""One fact per key per document, keeping the most specific attributes.

Sentences repeat a fact with more or less detail ("Meta hired Wang" / "Wang, Scale AI's CEO, joins
Meta as head of its new lab"); the merged fact takes every attribute some sentence stated, keeps
the evidence of each, and drops a bare departure that another sentence reports as a full move.
"""

from __future__ import annotations

from typing import Any

from mercato.model import FACT_FIELDS, FACT_KEYS, Fact

_STATUS_RANK = {"failed": 3, "done": 2, "announced": 1, "reported": 0}


def merge_facts(facts: list[Fact]) -> list[Fact]:
    facts = _complete_offers(facts)
    _complete_keys(facts)
    _shared_origin(facts)
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
    return _drop_vague_offers(_drop_subsumed(out))


def _drop_vague_offers(facts: list[Fact]) -> list[Fact]:
    """An offer with neither target nor figure ("Meta is offering huge packages to attract talent")
    stands only as its organization's one offer: beside a fuller offer of the same organization it
    is that offer said vaguely. One whose figure a targeted offer of the same organization states
    ("joined Meta with a $200M package" / "the $200M package") is that offer too."""
    offers = [f for f in facts if f.type == "offer"]
    targeted = {
        (str(f.attrs.get("by_org")).casefold(), f.attrs.get("amount_usd"))
        for f in offers
        if f.attrs.get("target_person") or f.attrs.get("target_org")
    }
    fuller = {
        str(f.attrs.get("by_org")).casefold()
        for f in offers
        if f.attrs.get("target_person") or f.attrs.get("target_org") or f.attrs.get("amount_usd")
    }
    keep = []
    for f in facts:
        if f.type == "offer" and not f.attrs.get("target_person") and not f.attrs.get("target_org"):
            by = str(f.attrs.get("by_org")).casefold()
            amount = f.attrs.get("amount_usd")
            if (not amount and by in fuller) or (amount and (by, amount) in targeted):
                continue
        keep.append(f)
    return keep


# key fields a repeat may leave unsaid; a missing destination (a departure) or investor (a funding
# round) is a different fact, never filled in
FILLABLE = {"move": ("from_org",), "offer": ("target_org",)}


def _complete_keys(facts: list[Fact]) -> None:
    """A fact missing a key field ("Wang joined Meta") is the same fact as the one sentence that
    states it fully ("Wang joined Meta from Scale AI"): take its value when exactly one agrees."""
    for f in facts:
        keys = FACT_KEYS[f.type]
        missing = [k for k in keys if f.attrs.get(k) in (None, "") and k in FILLABLE.get(f.type, ())]
        if (
            not missing
            or len(missing) == len(keys)
            or any(f.attrs.get(k) in (None, "") for k in keys if k not in missing)
        ):
            continue
        given = {k: _norm(f.attrs.get(k)) for k in keys if k not in missing}
        fuller = {
            tuple(_norm(g.attrs.get(k)) for k in keys): g
            for g in facts
            if g.type == f.type
            and g is not f
            and all(_norm(g.attrs.get(k)) == v for k, v in given.items())
            and any(g.attrs.get(k) not in (None, "") for k in missing)
            # a new title in-house ("X prendra la direction scientifique") says nothing of where X came from
            and not (g.type == "move" and _norm(g.attrs.get("from_org")) == _norm(g.attrs.get("to_org")))
        }
        if len(fuller) == 1:
            g = next(iter(fuller.values()))
            for k in missing:
                f.attrs[k] = g.attrs.get(k)


def _shared_origin(facts: list[Fact]) -> None:
    """People who join an organization beside a move there from one origin came from it too, when no move
    there names another: "X is moving from OpenAI to Meta, along with colleagues Y and Z"; "Meta hired
    three more OpenAI researchers ... the new recruits: A, B and C". A group's move, or a move stated in
    the same sentence, tells of a wave; a named person's move elsewhere in the text does not."""
    moves = [f for f in facts if f.type == "move" and f.attrs.get("to_org")]
    for f in moves:
        if f.attrs.get("from_org"):
            continue
        to = _norm(f.attrs["to_org"])
        told = [g for g in moves if g.attrs.get("from_org") and _norm(g.attrs["to_org"]) == to]
        if len({_norm(g.attrs["from_org"]) for g in told}) != 1:
            continue
        sentences = {e.sentence for e in f.evidence}
        wave = [g for g in told if not g.attrs.get("person") or sentences & {e.sentence for e in g.evidence}]
        if wave:
            f.attrs["from_org"] = wave[0].attrs["from_org"]


def _norm(v: Any) -> Any:
    return " ".join(v.casefold().split()) if isinstance(v, str) else v


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
            if g is f or not g.attrs.get("to_org") or _same(g.attrs["to_org"], f.attrs.get("from_org")):
                continue  # joining the place one later leaves is another move, not a fuller telling
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
