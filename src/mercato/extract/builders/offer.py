"""Offer facts: an organization offering pay to a person or to another organization's staff.

Also the offer a hire implies when the sentence states the package ("joined Meta with a package
worth $200M"), built from the move fact.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract.builders.common import Group, employer_of, group, name_of, possessor_org
from mercato.extract.builders.context import DocState, SentenceContext
from mercato.extract.entities import Ent
from mercato.extract.frames import agent_side, marked, patient_side
from mercato.extract.lexicon import Frame

COMPONENTS = ("signing_bonus", "package", "annual")  # the component cue lists, in order of precedence


def build(ctx: SentenceContext, tok: Token, frame: Frame, state: DocState) -> list[dict[str, Any]]:
    """The offers an offer trigger states: one per named target, else one to the group or organization."""
    info = ctx.info
    is_noun = tok.pos_ in ("NOUN", "PROPN")
    by_org = _offerer(ctx, tok, is_noun)
    if by_org is None:
        return []
    targets = _targets(ctx, tok, by_org, is_noun, state)
    grp = group(ctx, tok, +1)
    if grp is None and is_noun:
        grp = group(ctx, tok, -1)
    amount = max((float(a.value_usd) for a in ctx.amounts if a.value_usd), default=None)
    if not (amount or targets or grp or tok.lemma_.lower() in ("offer", "offrir", "proposer", "offre")):
        return []
    if is_noun and not (amount or grp or targets):
        return []
    target_org = _target_org(ctx, tok, by_org, grp, targets)
    outcome = "unknown"
    if ctx.cues("outcome", "declined", ctx.low):
        outcome = "declined"
    elif targets and ctx.cues("outcome", "accepted", ctx.low):
        outcome = "accepted"
    spk = ctx.speaker
    base = {
        "by_org": by_org.name,
        "target_org": name_of(target_org),
        "amount_usd": amount,
        "component": _component(ctx),
        "outcome": outcome,
        "attributed_to": spk.name if spk is not None and spk.name != by_org.name else None,
    }
    if targets:
        out = []
        for p in targets:
            aff = info.affiliation.get(id(p))
            t_org = base["target_org"] or (aff[0].name if aff and aff[0].name != by_org.name else None)
            out.append(dict(base, target_person=p.name, target_org=t_org))
        return out
    if amount is None and grp is None and (is_noun or not pays(ctx)):
        return []
    return [dict(base, target_person=None)]


def _offerer(ctx: SentenceContext, tok: Token, is_noun: bool) -> Ent | None:
    """Who offers: the subject, the organization marked after an offer noun, a known leader's company,
    or the possessor of the noun ("Meta's offer")."""
    info = ctx.info
    left = agent_side(info, tok, "by_org", None)
    by_org = left[0] if left else None
    if is_noun:
        after = [
            e
            for e in info.candidates("org")
            if 0 < e.start - tok.i <= 3 and info.marker.get(id(e)) in ("by_org", "from_org")
        ]
        if after:
            by_org = after[0]
    if by_org is None and not is_noun:
        # "Zuckerberg offered $100M": a known leader's offer is his company's
        boss = agent_side(info, tok, "person", None)
        by_org = employer_of(boss[0]) if boss else None
    possessor = possessor_org(info, tok) if is_noun else None
    if possessor is not None:
        by_org = possessor  # "Meta's offer"
    return by_org


def _target_org(ctx: SentenceContext, tok: Token, by_org: Ent, grp: Group | None, targets: list[Ent]) -> Ent | None:
    """The organization whose staff the offer targets: the group's, the reporting speaker's (with no
    named target), else one marked as origin or target after the trigger."""
    info = ctx.info
    target_org = grp[1] if grp else None
    spk_aff = info.affiliation.get(id(ctx.speaker)) if ctx.speaker is not None else None
    if target_org is None and spk_aff is not None and spk_aff[0].name != by_org.name and not targets:
        target_org = spk_aff[0]  # "OpenAI CEO Sam Altman said Meta offered...": his staff were targeted
    if target_org is None:
        target_org = next(
            (
                e
                for e in info.candidates("org")
                if e.name != by_org.name and info.marker.get(id(e)) in ("from_org", "target") and e.start > tok.i
            ),
            None,
        )
    return target_org


def _targets(ctx: SentenceContext, tok: Token, by_org: Ent, is_noun: bool, state: DocState) -> list[Ent]:
    """The people the offer was made to (not the offerer, not who reports it)."""
    info = ctx.info
    spoken = ctx.speaker.name if ctx.speaker is not None else None
    targets = [e for e in patient_side(info, tok, "person") if e.name not in (by_org.name, spoken)]
    if not targets:
        # "offered $250 million to X", "a proposé 250 millions de dollars à X": the recipient
        to = [e for e in marked(info, "to_org", tok.i, kind="person") if e.start - tok.i <= 14]
        targets = [e for e in info.group_from(to[0], "person", +1) if e.name != spoken] if to else []
    if is_noun and not targets and ctx.cues("outcome", "declined", ctx.low):
        # "Sutskever declined Meta's offer": who turned it down was its target
        refuser = [e for e in agent_side(info, tok.head, "person", state.last_person) if e.name != spoken]
        targets = refuser[:1] if tok.dep_ in ("dobj", "obj", "conj") else []
    return targets


def _component(ctx: SentenceContext) -> str | None:
    """Which part of the pay the sentence names (signing bonus, package, annual pay), if any."""
    return next((c for c in COMPONENTS if ctx.cues("component", c, ctx.low)), None)


def pays(ctx: SentenceContext) -> bool:
    """Does the sentence name pay (a bonus, a package...), not only an offer?"""
    return bool(ctx.rules.pay.search(ctx.low))


def hire_offers(ctx: SentenceContext, frame: Frame, moves: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ "X joined Meta with a package worth $200M": a hire with a stated package is also an offer."""
    if not (
        frame.type == "move"
        and frame.name in ("join", "hire")
        and ctx.amounts
        and pays(ctx)
        and not ctx.has_denial
        and not ctx.cues("cues", "negation", ctx.low)
    ):
        return []
    return [_hire_offer(ctx, m) for m in moves if m.get("person") and m.get("to_org")]


def _hire_offer(ctx: SentenceContext, move: dict[str, Any]) -> dict[str, Any]:
    return {
        "by_org": move["to_org"],
        "target_org": move.get("from_org"),
        "target_person": move["person"],
        "amount_usd": max(float(a.value_usd) for a in ctx.amounts if a.value_usd)
        if any(a.value_usd for a in ctx.amounts)
        else None,
        "component": _component(ctx),
        "outcome": "accepted" if move.get("status") == "done" else "unknown",
        "attributed_to": ctx.speaker.name if ctx.speaker is not None else None,
    }
