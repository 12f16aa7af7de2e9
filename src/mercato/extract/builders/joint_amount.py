"""Several backers named together with one amount ("A and B, who put $400M into Nova", "A et B ont
investi 50 M€ dans Nova"): the amount is what they put in together, a round's total, not each one's
share; each backer keeps its fact with no amount, and the total goes on a funding fact.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract.builders import backers
from mercato.extract.builders.context import SentenceContext


def split(ctx: SentenceContext, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``facts`` (one trigger's) with a shared amount moved from its backers to a funding fact."""
    if ctx.cues("cues", "each_share", ctx.low):
        return facts  # "A and B each invested $5M": the amount is each one's share
    groups: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
    for f in facts:
        if f.get("kind") == "investment" and f.get("investor") and f.get("amount_usd") and not f.get("stake_pct"):
            groups.setdefault((f["target"], f["amount_usd"]), []).append(f)
    out = list(facts)
    for (target, amount), fs in groups.items():
        if len({f["investor"] for f in fs}) < 2:
            continue
        for f in fs:
            f["amount_usd"] = None
        funded = any(f.get("kind") == "funding" and f.get("target") == target for f in facts)
        if not funded:
            out.append(backers.funding(target, amount, fs[0].get("status", "done")))
    return out


def relative_list(ctx: SentenceContext, tok: Token, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ "A and B, who put $400M into Nova": the relative pronoun stands for the whole list before it,
    not only its last name; one fact per name of the list (``split`` then moves the shared amount)."""
    info = ctx.info
    doc = info.sent.doc
    rel = next(
        (t for t in doc[max(info.sent.start, tok.i - 3) : tok.i] if t.lower_ in ctx.lex.cues.get("relative_who", [])),
        None,
    )
    if rel is None:
        return facts
    gap = 1 if doc[rel.i - 1].text == "," else 0
    last = next((e for e in info.ents if e.end == rel.i - gap and e.kind in ("org", "any", "person")), None)
    if last is None or not any(f.get("investor") == last.name for f in facts):
        return facts
    names = [last]
    while True:
        start = names[-1].start
        prev = next((e for e in info.ents if e.kind in ("org", "any") and 0 < start - e.end <= 1), None)
        if prev is None or doc[prev.end].lower_ not in _LIST_GLUE:
            break
        names.append(prev)
    model = next(f for f in facts if f.get("investor") == last.name)
    known = {f.get("investor") for f in facts}
    return facts + [dict(model, investor=e.name) for e in names[1:] if e.name not in known]


_LIST_GLUE = {",", "and", "et"}
