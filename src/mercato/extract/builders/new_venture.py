"""A person's new company, named beside the words that call it theirs: "she announced her new venture,
Quillon Labs", "his new startup, Vela AI, will ...", "sa nouvelle start-up, Nexa". The possessive ties
the company to the person (coref.py makes "her new venture" an anaphor owned by the person named
before it); the name apposed to it is the company they start, a founding move with no verb of founding.
"""

from __future__ import annotations

from typing import Any

from mercato.extract.builders.common import status
from mercato.extract.builders.context import SentenceContext
from mercato.extract.entities import Ent

NAME_REACH = 2  # tokens between "her new venture" and the company's name (a comma, "called")


def build(ctx: SentenceContext) -> list[dict[str, Any]]:
    """The founding moves a sentence states by calling a named company someone's new venture."""
    if not ctx.cues("cues", "new_venture", ctx.low):
        return []
    info = ctx.info
    doc = info.sent.doc
    role = next((f.role for f in ctx.lex.frames if f.name == "found" and f.role), None)
    out: list[dict[str, Any]] = []
    for e in info.ents:
        if not e.anaphor or e.owner is None or not ctx.cues("cues", "new_venture", e.text):
            continue
        owner = e.owner if e.owner.kind == "person" else _person_before(ctx, e)
        if owner is None:
            continue
        name = _apposed_name(ctx, e)
        if name is None:
            continue
        st = status(ctx, doc[e.start], [])
        aff = info.affiliation.get(id(owner))  # "Quillon's former CTO X announced her new venture": from Quillon
        origin = aff[0].name if aff is not None and aff[0].name != name.name else None
        out.append(
            {"person": owner.name, "count": None, "from_org": origin, "to_org": name.name, "role": role, "status": st}
        )
    return out


def _apposed_name(ctx: SentenceContext, e: Ent) -> Ent | None:
    """The organization's name right after the anaphor, past a comma or a word of naming ("called")."""
    info = ctx.info
    doc = info.sent.doc
    naming = set(ctx.lex.cues.get("venture_naming", []))
    for x in info.ents:
        if x.anaphor or x.kind not in ("org", "any") or not 0 <= x.start - e.end <= NAME_REACH:
            continue
        between = doc[e.end : x.start]
        if all(t.text in (",", ":", "—", "–") or t.lower_ in naming for t in between):
            return x
    return None


def _person_before(ctx: SentenceContext, e: Ent) -> Ent | None:
    """The last person named before ``e`` in the sentence (the owner coref found was a name of unsure
    kind in the person's title: "X, former head of Vela, unveiled her new venture")."""
    people = [p for p in ctx.info.ents if p.kind == "person" and p.end <= e.start]
    return people[-1] if people else None
