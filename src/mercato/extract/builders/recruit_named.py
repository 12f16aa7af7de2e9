"""A newcomer named after a noun of recruits opening the sentence: "One recruit, X, worked at Acme for
years. Another, Y, led its chip team." The article told of the hiring just before (the organization
people last moved to); each name is one more person hired there, from the place the text ties them to.
"""

from __future__ import annotations

from typing import Any

from mercato.extract.builders.context import DocState, SentenceContext
from mercato.extract.entities import Ent
from mercato.extract.tenure import tenure_origin

RECENT = 2  # sentences after a named recruit in which "Another, Y," still counts one more


def build(ctx: SentenceContext, state: DocState) -> list[dict[str, Any]]:
    """The move of the person a recruit opener names, to the organization the article hires for."""
    info = ctx.info
    sent = info.sent
    head = sent.doc[sent.start : min(sent.start + 5, sent.end)].text
    first = ctx.cues("cues", "recruit_openers", head)
    more = state.recruit_said >= 0 and state.n_sent - state.recruit_said <= RECENT
    if not first and not (more and ctx.cues("cues", "recruit_more", head)) or state.hirer is None:
        return []
    span = next(
        (s for s in ctx.cue_spans("recruit_openers" if first else "recruit_more") if s.start == sent.start), None
    )
    if span is None or span.end >= sent.end or sent.doc[span.end].text != ",":
        return []
    person = next((e for e in info.ents if e.start == span.end + 1 and e.kind == "person"), None)
    if person is None or person.end >= sent.end or sent.doc[person.end].text != ",":
        return []
    state.recruit_said = state.n_sent
    to_org = Ent(0, 0, 0, 0, state.hirer, state.hirer, "org")
    aff = info.affiliation.get(id(person))
    origin = aff[0] if aff is not None else tenure_origin(info, sent.doc[span.end - 1], [person], to_org)
    from_org = origin.name if origin is not None and origin.name != state.hirer else None
    return [
        {
            "person": person.name,
            "count": None,
            "from_org": from_org,
            "to_org": state.hirer,
            "role": None,
            "status": "done",
        }
    ]
