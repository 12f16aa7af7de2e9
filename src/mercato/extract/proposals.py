"""A permissive generator of facts the rules did not state, for the learned model to accept or reject.

The rules fill a frame's slots only through the parse shapes they know; many facts are stated in
other shapes ("investors include A, B and C", with the company named two sentences before; "X, who
spent years at Rival, is now at Acme"). Here every plausible pairing in a sentence that has a cue
of the fact's type becomes a proposal, described by what the parse says about the pairing (the
mention's dependency label and preposition, order and distance to the cue, markers, knowledge-base
status). Proposals the rules already cover are not made; the rest are scored in engine.py by the
model of ``data/models/fact_filter.json`` and kept above its threshold for their type.

Two kinds: an investor in a sentence about money going in (its target chosen at document level
from the rules' own investment facts, else the organization the article names most), and a person
moving to an organization in a sentence with a move trigger.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from mercato.extract.entities import Ent
from mercato.extract.frames import triggers
from mercato.extract.sentence import SentenceInfo
from mercato.model import Evidence, Fact

PROPOSED = ("investment", "move")
PROPOSAL_CONFIDENCE = 0.4  # below the rules' own facts: a pairing, not a parse the rules recognised
MAX_PER_SENTENCE = 12  # pairings beyond this in one sentence are lists the model has no signal for


@dataclass
class Proposal:
    """A candidate fact made by pairing mentions of one sentence; its key is still incomplete for
    investments (the target is chosen once the whole article is read)."""

    type: str
    attrs: dict[str, Any]
    sent_start: int
    sent_end: int
    feats: dict[str, float] = field(default_factory=dict)
    in_sentence: list[str] = field(default_factory=list)  # organizations named in the same sentence
    orgs_known: bool = False


def propose(info: SentenceInfo, offset: int) -> list[Proposal]:
    """The pairings of one sentence (mentions with a cue of an investment or of a move)."""
    ents = [e for e in info.ents if e.kind not in ("none", "media") and e.name]
    if len(ents) < 1:
        return []
    found = [(tok, f) for tok, f in triggers(info) if f.type in PROPOSED]
    if not found:
        return []
    start, end = offset + info.sent.start_char, offset + info.sent.end_char
    orgs = [e for e in ents if e.fits("org")]
    names = [e.name for e in orgs]
    known = any(e.known for e in orgs)
    out: list[Proposal] = []
    base = {
        "names": math.log1p(len(ents)),
        "sent_tokens": min(len(info.sent), 80) / 40,
        "amount": 1.0 if any(t.like_num for t in info.sent) else 0.0,
    }
    inv = [(tok, f) for tok, f in found if f.type == "investment"]
    if inv:
        for e in orgs:
            tok, frame = _nearest(inv, e)
            feats = {**base, **_pairing("inv", info, e, tok), f"inv:frame={frame.name}": 1.0}
            out.append(Proposal("investment", {"investor": e.name}, start, end, feats, names, known))
    moves = [(tok, f) for tok, f in found if f.type == "move"]
    persons = [e for e in ents if e.kind == "person" or e.kind == "any" and " " in e.name]
    for p in persons if moves else []:
        for o in orgs:
            if o is p or o.name == p.name:
                continue
            tok, frame = _nearest(moves, o)
            feats = {**base, **_pairing("org", info, o, tok), **_pairing("person", info, p, tok)}
            feats[f"move:frame={frame.name}"] = 1.0
            feats["person_before_org"] = 1.0 if p.start < o.start else 0.0
            feats["person_org_gap"] = math.log1p(abs(p.start - o.start))
            aff = info.affiliation.get(id(p))
            if aff is not None and aff[0] is o:
                feats["affiliated"] = 1.0
            if id(o) in info.descriptor_ids:
                feats["descriptor"] = 1.0
            attrs = {"person": p.name, "to_org": o.name, "status": "done"}
            out.append(Proposal("move", attrs, start, end, feats, names, known))
    return out[:MAX_PER_SENTENCE]


def _nearest(found: list[tuple[Token, Any]], e: Ent) -> tuple[Token, Any]:
    return min(found, key=lambda tf: abs(tf[0].i - e.start))


def _pairing(role: str, info: SentenceInfo, e: Ent, cue: Token) -> dict[str, float]:
    """How mention ``e`` stands to the cue token: its syntax, its side, its distance, its marker."""
    doc = info.sent.doc
    head = doc[e.end - 1] if e.end > e.start else doc[e.start]
    prev = doc[e.start - 1].lower_ if e.start > info.sent.start else "<s>"
    out = {
        f"{role}:dep={head.dep_}": 1.0,
        f"{role}:marker={info.marker.get(id(e), '')}": 1.0,
        f"{role}:kind={e.kind}": 1.0,
        f"{role}:before_cue": 1.0 if e.start < cue.i else 0.0,
        f"{role}:cue_gap": math.log1p(abs(e.start - cue.i)),
    }
    if head.head.pos_ == "ADP" or head.head.dep_ in ("prep", "case"):
        out[f"{role}:prep={head.head.lower_}"] = 1.0
    case = next((c.lower_ for c in head.children if c.dep_ == "case"), None)
    if case:
        out[f"{role}:prep={case}"] = 1.0
    if prev in (",", "and", "et", "&"):
        out[f"{role}:listed"] = 1.0
    if e.known:
        out[f"{role}:known"] = 1.0
    if head.head.i == cue.i or head.head.head.i == cue.i:
        out[f"{role}:cue_child"] = 1.0
    return out


def complete(
    props: list[Proposal], facts: list[Fact], org_counts: Counter[str], evidence: Callable[[int, int], Evidence]
) -> list[tuple[Fact, dict[str, float]]]:
    """Proposals as facts of the contract with their features, minus those whose party the rules
    already cover; ``evidence(start, end)`` is the evidence of the sentence at those offsets."""
    have_investor = {str(f.attrs.get("investor")).casefold() for f in facts if f.type == "investment"}
    have_person = {str(f.attrs.get("person")).casefold() for f in facts if f.type == "move" and f.attrs.get("person")}
    targets = Counter(str(f.attrs["target"]) for f in facts if f.type == "investment" and f.attrs.get("target"))
    investors = {str(f.attrs.get("investor")).casefold() for f in facts if f.type == "investment"}
    hirers = Counter(str(f.attrs.get("to_org")).casefold() for f in facts if f.type == "move" and f.attrs.get("to_org"))
    status = {str(f.attrs["target"]): f.attrs.get("status") or "done" for f in facts if f.type == "investment"}
    top_org = max(org_counts, key=lambda n: org_counts[n]) if org_counts else None
    out: list[tuple[Fact, dict[str, float]]] = []
    seen: set[tuple[str, ...]] = set()
    for p in props:
        feats = dict(p.feats)
        attrs = dict(p.attrs)
        if p.type == "investment":
            investor = attrs["investor"]
            if investor.casefold() in have_investor:
                continue
            target, source = _target(p, investor, targets, top_org)
            if target is None:
                continue
            attrs.update(target=target, kind="investment", status=status.get(target, "done"))
            feats[f"inv:target_from={source}"] = 1.0
            feats["inv:investor_is_target"] = 1.0 if investor in targets else 0.0
            feats["inv:rules_investments"] = math.log1p(sum(targets.values()))
            feats["inv:investor_named"] = math.log1p(org_counts.get(investor, 0))
            key = ("investment", investor.casefold(), target.casefold())
        else:
            if attrs["person"].casefold() in have_person:
                continue
            feats["move:org_named"] = math.log1p(org_counts.get(attrs["to_org"], 0))
            feats["move:org_is_investor"] = 1.0 if attrs["to_org"].casefold() in investors else 0.0
            feats["move:org_is_top"] = 1.0 if attrs["to_org"] == top_org else 0.0
            feats["move:rules_moves"] = math.log1p(sum(hirers.values()))
            feats["move:org_hires"] = math.log1p(hirers[attrs["to_org"].casefold()])
            key = ("move", attrs["person"].casefold(), attrs["to_org"].casefold())
        if key in seen:
            continue
        seen.add(key)
        feats[f"type={p.type}"] = 1.0
        ev = evidence(p.sent_start, p.sent_end)
        out.append((Fact(p.type, attrs, [ev], PROPOSAL_CONFIDENCE), feats))  # type: ignore[arg-type]
    return out


def _target(p: Proposal, investor: str, targets: Counter[str], top_org: str | None) -> tuple[str | None, str]:
    here = [n for n in p.in_sentence if n in targets and n != investor]
    if here:
        return here[0], "sentence"
    if targets:
        best = targets.most_common(1)[0][0]
        if best != investor:
            return best, "article"
    if top_org and top_org != investor:
        return top_org, "most_named"
    return None, ""
