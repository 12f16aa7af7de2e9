"""The rules backend: one builder per fact type, applied to each trigger of a sentence.

``run`` builds the sentence's ``SentenceContext`` once, hands each trigger to the builder of its
frame's type (``BUILDERS``), adds the facts one trigger implies for another type (a hire with a
package is also an offer, a "lead" move may create a unit), then updates the ``DocState`` the next
sentence reads. Each builder reads the frame's slots and the cue words of the pattern data;
merging across sentences is merge.py's job. To add a fact type: a module with a ``build``
function, and an entry in ``BUILDERS``.

Every shape builder ``run`` calls runs on every sentence that reaches the rules, so one that can
find nothing without certain cue words says so, and returns at once elsewhere: decorate it with
``@needs("cue_list", ...)`` (context.py; the names of ``cues.*`` lists, or "group.name" for another
group), the lists any of whose words it needs. The test is a plain substring search of the
lowercased sentence, memoised per sentence, so it never skips a sentence holding such a word; it is
only right for words the builder looks for in the sentence's own text or tokens, not in lemmas or in
other sentences. A builder that corrects the candidates (a parameter named ``out``) gets them back
unchanged. ``SentenceContext.cue_spans`` applies the same test itself, and
``SentenceContext.amounts`` is only computed when a builder asks for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Token

from mercato.extract.builders import (
    absorbed,
    backed_by,
    backers,
    board_seat,
    claims,
    deal_amount,
    declined,
    denial,
    foregone,
    investment,
    latter_backers,
    licensing,
    move,
    new_title,
    new_unit,
    new_venture,
    offer,
    offer_groups,
    places,
    recruit_named,
    respective,
    retention,
    round_roster,
    similar_deals,
    tech_use,
    that_of,
    unit,
    unit_parent,
    with_backers,
)
from mercato.extract.builders.context import Candidate, DocState, RuleSet, SentenceContext
from mercato.extract.document import listed_people
from mercato.extract.lexicon import Frame
from mercato.extract.sentence import SentenceInfo

__all__ = ["BUILDERS", "Candidate", "DocState", "RuleSet", "SentenceContext", "run"]

Builder = Callable[[SentenceContext, Token, Frame, DocState], list[dict[str, Any]]]

BUILDERS: dict[str, Builder] = {
    "move": move.build,
    "offer": offer.build,
    "investment": investment.build,
    "unit": unit.build,
    "denial": denial.build,
}


def run(rules: RuleSet, info: SentenceInfo, offset: int, state: DocState) -> list[Candidate]:
    """The candidate facts of one sentence (``offset``: where its chunk starts in the document)."""
    ctx = SentenceContext.build(rules, info, offset)
    state.n_sent += 1
    out: list[Candidate] = []
    for tok, frame in ctx.found:
        if frame.type == "move" and claims.denied(ctx, tok):
            continue  # "denied rumours that she was leaving": no move
        try:
            attrs_list = BUILDERS[frame.type](ctx, tok, frame, state)
        except (IndexError, ValueError):  # a malformed parse must not cost the document
            continue
        out += [_candidate(ctx, frame.type, attrs, 0.7) for attrs in attrs_list]
        out += [_candidate(ctx, "offer", attrs, 0.6) for attrs in offer.hire_offers(ctx, frame, attrs_list)]
        if frame.name == "lead" or unit.appointed_to_unit(ctx, frame, attrs_list):
            # "X will run Acme's new robotics unit", "the team will be headed by X", "X was named head of
            # Acme's cloud group"
            out += [_candidate(ctx, "unit", attrs, 0.6) for attrs in unit.build(ctx, tok, frame, state, led=True)]
    if not ctx.found:
        out += investment.more_backers(ctx, state)
    out += new_unit.facts(ctx, out)  # "X at Acme's new Vision Research Lab"
    out += [_candidate(ctx, "move", attrs, 0.6) for attrs in new_title.build(ctx, state)]  # "X is the new CTO"
    out += [_candidate(ctx, "move", attrs, 0.6) for attrs in that_of.build(ctx)]  # "follows that of X"
    out += [_candidate(ctx, "move", attrs, 0.6) for attrs in board_seat.build(ctx)]  # "joined the board of X"
    out += [_candidate(ctx, "move", attrs, 0.6) for attrs in new_venture.build(ctx)]  # "her new venture, X"
    out += [_candidate(ctx, "move", attrs, 0.6) for attrs in recruit_named.build(ctx, state)]  # "One recruit, X,"
    listed = backers.listed(ctx, state, out) + backers.glued(ctx) + backers.joined(ctx, state, out)
    listed += backed_by.facts(ctx) + round_roster.facts(ctx, state)  # "Nova, soutenue par A", "On y retrouve A"
    listed += latter_backers.facts(ctx, state)  # "with other co-investors. These would include A and B"
    out += similar_deals.facts(ctx)  # "A did a similar deal for B, as did C for D"
    out += respective.facts(ctx)  # "A and B raised $40M and $7M respectively"
    out += tech_use.facts(ctx)  # "A signe un accord avec B pour utiliser sa technologie"
    out += absorbed.idioms(ctx) + licensing.acquihires(ctx) + with_backers.absolute(ctx, state)
    out = backers.without_co_backers(out, listed) + listed
    out = places.without_placed(ctx, places.without_places(ctx, unit_parent.fixed(ctx, state, out)))
    out = _without_reversed_rounds(out)
    out = offer_groups.without_unnamed_twins(ctx, retention.offers(ctx, state, declined.offers(ctx, state, out)))
    out = foregone.offers(ctx, state, out)  # "X was going to join Acme": Acme's offer, declined; no move
    deal_amount.fill(ctx, state, out)  # "The all-cash deal is worth $665M": the price of the deal just told
    _remember(ctx, out, state)
    claims.remember(ctx, state)
    return out


def _without_reversed_rounds(out: list[Candidate]) -> list[Candidate]:
    """ "X raised $80M from investors including A": A backs X's round, so "X invests in A", which a
    second trigger of the same sentence ("investors") can read, is the same money read backwards."""
    rounds = {c.attrs.get("target") for c in out if c.type == "investment" and c.attrs.get("kind") == "funding"}
    backed = {
        (c.attrs.get("investor"), c.attrs.get("target"))
        for c in out
        if c.type == "investment" and c.attrs.get("target") in rounds and c.attrs.get("investor")
    }
    kept = [
        c
        for c in out
        if not (
            c.type == "investment"
            and c.attrs.get("investor") in rounds
            and (c.attrs.get("target"), c.attrs.get("investor")) in backed
        )
    ]
    # the same two names read both ways by two triggers: the first trigger's reading stands
    seen: set[tuple[Any, Any]] = set()
    out = []
    for c in kept:
        pair = (c.attrs.get("investor"), c.attrs.get("target"))
        if c.type == "investment" and pair[0] and (pair[1], pair[0]) in seen:
            continue
        if c.type == "investment":
            seen.add(pair)
        out.append(c)
    return out


def _candidate(ctx: SentenceContext, type_: str, attrs: dict[str, Any], confidence: float) -> Candidate:
    return Candidate(type_, attrs, ctx.start, ctx.end, confidence, ctx.known(attrs))


def _remember(ctx: SentenceContext, out: list[Candidate], state: DocState) -> None:
    """What the next sentences may refer to: the last round, hirer, speaker, organization and person."""
    for c in out:
        if c.type == "investment" and c.attrs.get("kind") == "funding":
            state.funding = (c.attrs["target"], c.attrs["status"], state.n_sent)
        elif c.type == "investment" and state.funding is not None and c.attrs.get("target") == state.funding[0]:
            state.round_said = state.n_sent
        if c.type == "investment" and c.attrs.get("investor") and c.attrs.get("kind") == "investment":
            state.backed = (c.attrs["target"], c.attrs["status"], state.n_sent)
        if c.type == "move" and c.attrs.get("to_org"):
            state.hirer = c.attrs["to_org"]
            if c.attrs.get("person"):
                state.employers[c.attrs["person"]] = c.attrs["to_org"]
    if ctx.speaker is not None and ctx.speaker.kind in ("person", "any"):
        state.claimers.append(ctx.speaker.name)
    info = ctx.info
    orgs = [e for e in info.ents if e.kind == "org" and id(e) not in info.descriptor_ids]
    if orgs:
        state.last_org = orgs[0].name
    for e in orgs:
        state.org_counts[e.name] = state.org_counts.get(e.name, 0) + 1
    if listed := listed_people(info):  # what a later "they" / "ils" / "les deux" stands for
        state.people = (listed, state.n_sent)
    persons = [e for e in info.ents if e.kind == "person"]
    if persons:
        state.last_person = persons[0] if persons[0].start < 3 else persons[-1]
