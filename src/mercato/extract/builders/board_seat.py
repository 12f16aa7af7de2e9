"""A seat on a company's board: "X joined the board of Y", "X will have a seat on its board", "X entre au
conseil d'administration de Y", "un siège au conseil d'administration de Y, qui sera occupé par X".

A board is no employer the move builder can read as a destination (the verb's object is the board, or
there is no move verb at all: "a seat"), yet the contract counts the seat as a new role at the company.
The company is named after the board ("of Y", "de Y"), before it ("Y's board", "the Y board"), or by a
possessive ("its board": the organization named last before it). The member is the person the seat is
held by ("occupé par X"), else the last person named before the entry words. Leaving a seat is no move,
nor a seat at the company the member's own title names.
"""

from __future__ import annotations

from typing import Any

from mercato.extract.builders.common import status
from mercato.extract.builders.context import SentenceContext, needs
from mercato.extract.entities import Ent
from mercato.extract.sentence import POSSESSIVES

ENTRY_REACH = 6  # words between the entry words and the board ("joined Quillon's board", "a seat on its board")
ORG_REACH = 4  # words between the board and its company ("board of directors of Y")
HOLDER_REACH = 8  # words between the board's company and "held by X"


@needs("boards")
def build(ctx: SentenceContext) -> list[dict[str, Any]]:
    """The board seats a sentence gives people."""
    info = ctx.info
    doc = info.sent.doc
    boards = ctx.lex.cue("cues", "boards")
    entry = ctx.lex.cue("cues", "board_entry")
    exits = ctx.lex.cue("cues", "board_exit")
    out: list[dict[str, Any]] = []
    for m in boards.finditer(ctx.text):
        span = doc.char_span(info.sent.start_char + m.start(), info.sent.start_char + m.end(), alignment_mode="expand")
        if span is None:
            continue
        before = doc[max(info.sent.start, span.start - ENTRY_REACH) : span.start]
        cue = entry.search(before.text)
        if cue is None or exits.search(doc[info.sent.start : span.start].text):
            continue
        cue_tok = next((t for t in before if t.idx - before.start_char >= cue.start()), span[0])
        org = _company(ctx, span.start, span.end)
        person = _holder(ctx, span.end, cue_tok.i)
        if org is None or person is None or not org.name:
            continue
        own = info.affiliation.get(id(person))
        if own is not None and own[0].name == org.name:
            continue  # "a seat on the board of the company, held by X, Y's president": read back to Y
        role = next(iter(ctx.lex.cues.get("board_role", [])), None)
        st = status(ctx, cue_tok, [])
        out.append(
            {"person": person.name, "count": None, "from_org": None, "to_org": org.name, "role": role, "status": st}
        )
    return out


def _company(ctx: SentenceContext, start: int, end: int) -> Ent | None:
    """The company whose board it is."""
    info = ctx.info
    doc = info.sent.doc
    orgs = [e for e in info.ents if e.fits("org") and e.name and e.kind != "person"]
    after = [e for e in orgs if 0 <= e.start - end <= ORG_REACH and doc[end].lower_ in ctx.lex.cues.get("board_of", [])]
    if after:
        return after[0]
    glued = [e for e in orgs if 0 <= start - e.end <= 2 and e.start < start]
    if glued and not any(t.lower_ in POSSESSIVES for t in doc[glued[-1].end : start]):
        return glued[-1]  # "Y's board", "the Y board"
    if start > info.sent.start and doc[start - 1].lower_ in POSSESSIVES:
        earlier = [e for e in orgs if e.end <= start - 1]
        return earlier[-1] if earlier else None  # "a seat on its board": the company named last
    return None


def _holder(ctx: SentenceContext, end: int, cue: int) -> Ent | None:
    """Who takes the seat: named after "par" / "by" past the board, else the last person before the entry
    words."""
    info = ctx.info
    doc = info.sent.doc
    people = [e for e in info.candidates("person") if e.kind == "person" and e.name]
    agents = {w.lower() for w in ctx.lex.markers.get("agent", [])}
    for p in people:
        if end <= p.start <= end + HOLDER_REACH and any(t.lower_ in agents for t in doc[end : p.start]):
            return p
    earlier = [p for p in people if p.end <= cue]
    return earlier[-1] if earlier else None
