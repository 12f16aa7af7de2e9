"""A departure stated by "that of" after a noun of departure: "His exit follows that of Acme's legal head,
X", "departures from Acme, including that of its CTO X".

The pronoun stands for the departure named before it, so the people named after it leave too: from
the organization their description gives, else the one the departure noun is "from".
"""

from __future__ import annotations

from typing import Any

from mercato.extract.builders.common import listed, status
from mercato.extract.builders.context import SentenceContext

MAX_GAP = 8  # words a title may take between "that of" and the name ("that of Acme's former legal head")


def build(ctx: SentenceContext) -> list[dict[str, Any]]:
    """The departures "that of" / "celui de" stands for in the sentence."""
    info = ctx.info
    doc = info.sent.doc
    out: list[dict[str, Any]] = []
    for cue in ctx.cue_spans("that_of"):
        noun = next(
            (
                t
                for t in doc[info.sent.start : cue.start]
                if any(
                    f.name == "leave" for f in ctx.lex.by_noun.get(t.lemma_.lower(), ctx.lex.by_noun.get(t.lower_, []))
                )
            ),
            None,
        )
        first = next(
            (e for e in info.ents if e.kind == "person" and 0 <= e.start - cue.end <= MAX_GAP),
            None,
        )
        if noun is None or first is None:
            continue
        marked = next(
            (
                e
                for e in info.ents
                if e.kind == "org" and noun.i < e.start < cue.start and info.marker.get(id(e)) == "from_org"
            ),
            None,
        )
        # "that of Acme's legal head, X": the organization of the title before the name
        titled = next(
            (e for e in info.ents if e.fits("org") and e.kind != "person" and cue.end <= e.start < first.start), None
        )
        for p in listed(info, first):
            aff = info.affiliation.get(id(p))
            # the organization the departure is "from" first; a description after the name may be the new
            # employer ("X, now CEO of Y")
            before = aff[0] if aff is not None and aff[0].start < p.start else None
            origin = marked or titled or before
            if origin is None:
                continue
            out.append(
                {
                    "person": p.name,
                    "count": None,
                    "from_org": origin.name,
                    "to_org": None,
                    "role": None,
                    "status": status(ctx, noun, [p]),
                }
            )
    return out
