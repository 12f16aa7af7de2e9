"""Joining stated as membership, with no move verb.

A noun of newcomers or members as the subject of "include" ("Other additions include A and B", "the
founding team includes A", "les nouvelles recrues comptent A et B") gives one move per listed name to
the organization the subject names, else the one the text is about.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract.builders.common import listed, status, topic_org
from mercato.extract.builders.context import DocState, SentenceContext
from mercato.extract.frames import subject_tokens


def build(ctx: SentenceContext, tok: Token, state: DocState) -> list[dict[str, Any]]:
    """ "Other significant additions include A and B", "l'équipe fondatrice compte A et B"."""
    info, lex = ctx.info, ctx.lex
    subjects = [s for s in subject_tokens(tok) if s.i < tok.i]
    if not subjects:
        return []
    head = subjects[0]
    nouns = {t.lower_ for t in head.subtree} | {head.lemma_.lower()}
    if not nouns & {n.lower() for n in lex.cues.get("member_nouns", [])}:
        return []
    first = next((e for e in info.candidates("person") if e.kind == "person" and 0 < e.start - tok.i <= 8), None)
    if first is None:
        return []
    people = listed(info, first)
    org = next((e for e in info.candidates("org") if head.left_edge.i <= e.start and e.end <= tok.i), None)
    org = org or topic_org(state)
    if org is None:
        return []
    st = status(ctx, tok, [])
    out = []
    for p in people:
        aff = info.affiliation.get(id(p))
        origin = aff[0].name if aff is not None and aff[0].name != org.name else None
        out.append(
            {"person": p.name, "count": None, "from_org": origin, "to_org": org.name, "role": None, "status": st}
        )
    return out
