"""A unit the text calls new and names, with no verb of creation: "Acme's new Vision Research Lab".

"Join X at Acme's new Vision Research Lab" says in passing that Acme has created the lab: the
possessor is the parent, the capitalized words between "new" and the unit noun its name. A common
description ("Acme's new research lab") is no name and stays with the builders that need a verb.
"""

from __future__ import annotations

from typing import Any

from mercato.extract.builders.context import Candidate, SentenceContext

POSSESSIVE = ("'s", "’s")


def facts(ctx: SentenceContext, out: list[Candidate]) -> list[Candidate]:
    """The named new units of the sentence that no other builder has read."""
    if any(c.type == "unit" for c in out):
        return []
    info, lex = ctx.info, ctx.lex
    doc = info.sent.doc
    made: list[Candidate] = []
    for t in info.sent:
        if t.lower_ not in lex.new_words or t.i < info.sent.start + 2 or doc[t.i - 1].lower_ not in POSSESSIVE:
            continue
        unit = next((u for u in doc[t.i + 1 : min(t.i + 7, info.sent.end)] if u.lower_ in lex.unit_nouns), None)
        if unit is None:
            continue
        words = doc[t.i + 1 : unit.i]
        if not words or not all(w.is_title or w.is_upper or w.lower_ in ("&", "and") for w in words):
            continue  # a proper name throughout ("Vision Research"), not a description ("Copilot app")
        owner = next((e for e in info.candidates("org") if e.end == t.i - 1 and e.kind == "org"), None)
        if owner is None:
            continue
        attrs: dict[str, Any] = {"org": owner.name, "name": doc[t.i + 1 : unit.i + 1].text, "leader": None}
        made.append(Candidate("unit", attrs, ctx.start, ctx.end, 0.6, ctx.known(attrs)))
    return made
