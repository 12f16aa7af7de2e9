"""Backers named in an absolute clause: "X attracted new funding, with A and B investing".

"with" opens a list of names that a verb of joining a round (``cues.join_round``: "investing",
"participating") closes; each name backs the organization the sentence's clause is about (its
subject), else the round the article told of last.
"""

from __future__ import annotations

from spacy.tokens import Doc

from mercato.extract.builders.backers import backer, roster
from mercato.extract.builders.context import Candidate, DocState, SentenceContext, needs
from mercato.extract.frames import agent_side

WITH = ("with", "avec")


@needs("join_round")
def absolute(ctx: SentenceContext, state: DocState) -> list[Candidate]:
    """The backers an absolute "with A and B investing" clause names, as investment candidates."""
    info = ctx.info
    doc = info.sent.doc
    out: list[Candidate] = []
    for t in info.sent:
        if t.lower_ not in WITH:
            continue
        names = roster(info, t.i + 1, None, 2)
        if not names:
            continue
        shut = _parens(doc, names[-1].end)
        after = [w for w in doc[names[-1].end : min(names[-1].end + 8, info.sent.end)] if w.i not in shut]
        # the closing verb right after the list (the tagger may read "investing" as a noun)
        if not after or not ctx.cues("cues", "join_round", after[0].text.lower()):
            continue
        main = t.head if t.head.pos_ in ("VERB", "AUX") else None
        subject = [e for e in agent_side(info, main, "target", None) if e.end <= t.i] if main is not None else []
        target = subject[0].name if subject else (state.funding[0] if state.funding else None)
        if target is None:
            continue
        st = state.funding[1] if state.funding and state.funding[0] == target else "done"
        out += [
            Candidate("investment", backer(e.name, target, st), ctx.start, ctx.end, 0.6)
            for e in names
            if e.name != target
        ]
    return out


def _parens(doc: Doc, start: int) -> set[int]:
    """Token indices inside a parenthesis opened at ``start`` ("B (formerly C) investing")."""
    out: set[int] = set()
    if start < len(doc) and doc[start].text == "(":
        for t in doc[start:]:
            out.add(t.i)
            if t.text == ")":
                break
    return out
