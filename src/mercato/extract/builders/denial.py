"""Denial facts: someone disputing a claim (whose claim, and about what, when the sentence says)."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Token

from mercato.extract.builders import claims
from mercato.extract.builders.context import DocState, SentenceContext
from mercato.extract.entities import Ent
from mercato.extract.frames import agent_side
from mercato.extract.lexicon import Frame


def build(ctx: SentenceContext, tok: Token, frame: Frame, state: DocState) -> list[dict[str, Any]]:
    """The denial a denial trigger states: who denies, whose claim, and the topic."""
    info = ctx.info
    if not _disputes_a_claim(ctx, tok):
        return []
    speaker = _speaker(ctx, tok, state)
    if speaker is None or _title_follows(ctx, speaker):
        return []
    # a spokesperson speaks for the organization
    spk_org = None
    if re.search("|".join(re.escape(s) for s in ctx.lex.spokesperson), ctx.low):
        spk_org = next((e for e in info.candidates("org") if e.end <= tok.i), None)
    name = spk_org.name if spk_org is not None and speaker.kind != "person" else speaker.name
    claim_by = claims.claim_by(ctx, tok, name, state)
    return [{"speaker": name, "claim_by": claim_by, "topic": _topic(ctx, tok)}]


def _disputes_a_claim(ctx: SentenceContext, tok: Token) -> bool:
    """A verb that rejects things in general ("rejected the merger", "dismissed the rival's efforts",
    "rejeter une offre") denies only a claim: a claim noun ("claims", "reports", "les rumeurs") or a
    "that" clause after it. The verbs that only deny ("deny", "démentir") need neither."""
    if not ctx.cues("cues", "weak_denial", tok.lemma_.lower()) and not ctx.cues("cues", "weak_denial", tok.lower_):
        return True
    doc = ctx.info.sent.doc
    after = doc[tok.i + 1 : min(tok.i + 9, ctx.info.sent.end)]
    if len(after) and after[0].lower_ in ("that", "que", "qu'"):
        return True
    return ctx.cues("cues", "claim_nouns", after.text)


def _title_follows(ctx: SentenceContext, speaker: Ent) -> bool:
    """ "Acme CEO denies...": the unnamed chief speaks, not the organization."""
    doc = ctx.info.sent.doc
    if speaker.kind == "person" or not speaker.end or speaker.end >= ctx.info.sent.end:
        return False
    return doc[speaker.end].lower_ in ctx.lex.titles


def _speaker(ctx: SentenceContext, tok: Token, state: DocState) -> Ent | None:
    """Who denies: the reported speaker of a denial phrase, else the sentence's first actor, else the
    subject of the denial verb, else the reported speaker."""
    info = ctx.info
    is_phrase = not ctx.lex.verb_frames(tok.lemma_.lower(), tok.lower_)
    speaker = None
    if is_phrase and ctx.speaker is not None and not _addressee(ctx, ctx.speaker):
        speaker = ctx.speaker
    if is_phrase and speaker is None:
        # "X flatly denied it, stating that Y was being dishonest": the sentence's first actor speaks
        first = [
            e
            for e in info.ents
            if e.end <= tok.i and id(e) not in info.descriptor_ids and e.kind not in ("none", "media")
        ]
        speaker = first[0] if first else None
    if speaker is None:
        left = agent_side(info, tok, "speaker", state.last_person)
        speaker = left[0] if left else None
    if speaker is None and ctx.speaker is not None and not _addressee(ctx, ctx.speaker):
        speaker = ctx.speaker
    if speaker is None and state.last_person is not None and _pronoun_says(ctx):
        speaker = state.last_person  # "'That is nuts,' he said": the person just named
    return speaker


def _pronoun_says(ctx: SentenceContext) -> bool:
    """Is a person pronoun the subject of a speech verb of the sentence ("he said", "a-t-elle dit")?"""
    lex = ctx.lex
    return any(
        t.lemma_.lower() in lex.speech_verbs
        and any(c.dep_.startswith("nsubj") and c.lower_ in lex.person_pronouns for c in t.children)
        for t in ctx.info.sent
    )


def _addressee(ctx: SentenceContext, e: Ent) -> bool:
    """Is ``e`` whom the words were said to ("he told the organiser X", "a-t-il déclaré à X")?"""
    doc = ctx.info.sent.doc
    heads = [t for t in doc[e.start : e.end] if not e.start <= t.head.i < e.end]
    if any(t.dep_ in ("dobj", "obj", "iobj", "dative") for t in heads):
        return True
    return any(doc[e.start - k].lower_ in ("told", "to", "à") for k in (1, 2, 3) if e.start - k >= ctx.info.sent.start)


def _topic(ctx: SentenceContext, tok: Token) -> str | None:
    """What is denied: the words from the first amount, else those after the trigger."""
    if ctx.amounts:
        a = ctx.amounts[0]
        tail = ctx.text[a.start : a.start + 60].split()
        return " ".join(tail[:6])
    words = ctx.info.sent.doc[tok.i + 1 : min(tok.i + 9, ctx.info.sent.end)].text
    return words.strip(" ,.") or None
