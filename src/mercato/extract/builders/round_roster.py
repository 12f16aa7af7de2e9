"""The backers of a round listed a sentence or two after it, with no backer noun or verb of their
own: "Nova a levé 50 millions d'euros. On y retrouve pêle-mêle A, B et C".

The sentence holding the list only says that these names are found there; what "there" is comes
from the round the article just stated (``DocState.funding``), so the list is read only close after
it or after a sentence naming its backers (``DocState.round_said``). Backer lists that do carry a
backer noun ("Parmi les investisseurs figurent A et B") are backers.py's.
"""

from __future__ import annotations

from mercato.extract.builders import backers
from mercato.extract.builders.context import Candidate, DocState, SentenceContext

ROUND_DISTANCE = 2  # sentences after the round within which a list still names its backers
REACH = 10  # words between the opener and the first name ("on retrouve aussi les fonds américains A")


def facts(ctx: SentenceContext, state: DocState) -> list[Candidate]:
    """The backers a "we find there A, B and C" sentence lists for the article's last round."""
    if state.funding is None or state.n_sent - max(state.funding[2], state.round_said) > ROUND_DISTANCE:
        return []
    m = ctx.lex.cue("cues", "roster_openers").search(ctx.text)
    if m is None:
        return []
    info = ctx.info
    at = next((t.i for t in info.sent if t.idx >= info.sent.start_char + m.end()), None)
    if at is None:
        return []
    target, st, _ = state.funding
    out: list[Candidate] = []
    for e in backers.roster(info, at, None, REACH):
        if e.name != target and e.kind in ("org", "any", "person"):
            out.append(Candidate("investment", backers.backer(e.name, target, st), ctx.start, ctx.end, 0.6))
    return out
