"""Backers named under a pronoun that points back to a group of co-investors the sentence before
named only as a group: "Acme will share the deal with other co-investors. These would include A, B
and C", "ces derniers réuniraient A, B et C".

The listing sentence names neither the money nor where it goes: the previous sentence says that
these are co-backers of a deal, and the company they back is the article's last round, else the
organization it names most (``backers.subject_org``). The pronoun alone is far too common to read a
list after it, hence the co-investor group required the sentence before.
"""

from __future__ import annotations

from mercato.extract.builders import backers
from mercato.extract.builders.common import status
from mercato.extract.builders.context import Candidate, DocState, SentenceContext, needs

VERB_REACH = 3  # words between the pronoun and its verb ("these would include", "ces derniers réuniraient")
NAME_REACH = 4  # words between the verb and the first name ("would include funds such as A")


@needs("backers_pointing_back")
def facts(ctx: SentenceContext, state: DocState) -> list[Candidate]:
    """One investment per backer a "these would include A, B and C" sentence lists."""
    info = ctx.info
    doc = info.sent.doc
    m = ctx.lex.cue("cues", "backers_pointing_back").search(ctx.text)
    if m is None or info.sent.start == 0:
        return []
    before = doc[info.sent.start - 1].sent
    if not ctx.lex.cue("cues", "co_backer_groups").search(before.text):
        return []
    at = info.token_from(info.sent.start_char + m.end())
    if at is None:
        return []
    verb = next((t for t in doc[at : min(at + VERB_REACH, info.sent.end)] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return []
    head = verb.head if verb.pos_ == "AUX" and verb.head.pos_ == "VERB" and verb.head.i > verb.i else verb
    names = [e for e in backers.roster(info, head.i + 1, None, NAME_REACH) if e.kind in ("org", "any", "person")]
    target = backers.subject_org(state, "")
    if len(names) < 2 or target is None or any(e.name == target.name for e in names):
        return []
    # "according to a source close to the deal, these would include": the hearsay may open the sentence
    st = "reported" if ctx.cues("status", "reported", ctx.low) else status(ctx, head, [])
    return [Candidate("investment", backers.backer(e.name, target.name, st), ctx.start, ctx.end, 0.6) for e in names]
