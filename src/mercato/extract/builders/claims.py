"""What a denial disputes: whose claim it is, and which facts of the sentence are only that claim.

Whose claim: the name the claim noun hangs on in the sentence ("a report by Bloomberg", "les
informations de Vox", "Meta's claims"), else the source the article gave the claim just before
("Bloomberg reported that...", "Selon Vox, ...": the reports ``remember`` keeps), else the one news
medium the article reported a claim from.

A move stated inside the denied claim ("denied rumours that she was leaving Acme", "a démenti avoir
débauché des ingénieurs") is what the speaker says did not happen: no move fact.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from mercato.extract.builders.context import DocState, SentenceContext

CLAIM_MARKS = ("by", "from", "of", "de", "d'", "d’", "du", "par")
RECENT = 3  # sentences back a reported claim may still be what a denial disputes


def claim_by(ctx: SentenceContext, tok: Token, speaker: str, state: DocState) -> str | None:
    """Whose claim the denial at ``tok`` disputes (never the speaker), if the text says."""
    info = ctx.info
    doc = info.sent.doc
    for e in info.ents:
        if e.name == speaker or e.kind == "none" or not 0 < e.start - tok.i <= 8:
            continue
        poss = e.end < info.sent.end and doc[e.end].lower_ in ("'s", "’s")
        marked = doc[e.start - 1].lower_ in CLAIM_MARKS and ctx.cues("cues", "claim_nouns", doc[tok.i : e.start].text)
        if poss or marked or (e.kind == "person" and info.marker.get(id(e)) in ("agent", "from_org", "by_org")):
            return e.name
    if not _points_back(ctx, tok):
        return None
    return _recent_report(state, speaker) or _sole_medium(ctx, state, speaker)


def _points_back(ctx: SentenceContext, tok: Token) -> bool:
    """Does the denial dispute a claim stated before: "the report", "ces spéculations", "cette
    information", or nothing named at all ("il n'en est rien")? A claim with its own content ("the
    rumours that...", "les allégations selon lesquelles...") or a denied "that" clause may be anyone's."""
    info = ctx.info
    doc = info.sent.doc
    nouns = ctx.lex.cue("cues", "claim_nouns")
    pointing = ctx.lex.cue("cues", "claim_pointers")
    found = False
    for t in info.sent:
        if not (t.pos_ in ("NOUN", "PROPN") and nouns.fullmatch(t.lower_)):
            continue
        nxt = doc[t.i + 1 : min(t.i + 3, info.sent.end)].text.lower()
        if re.match(r"(?:that|que|qu'|qu’|selon lesquel|according to which)", nxt):
            return False
        found = found or any(pointing.fullmatch(d.lower_) for d in doc[max(info.sent.start, t.i - 2) : t.i])
    if found:
        return True
    # "denied it", "l'a démenti", or no object at all ("a démenti", "is false"): the claim said before
    objects = [c for c in tok.children if c.dep_ in ("obj", "dobj", "ccomp", "mark")]
    return all(c.pos_ == "PRON" and c.lower_ not in ("that", "que", "qu'", "qu’") for c in objects)


def _recent_report(state: DocState, speaker: str) -> str | None:
    """The source of the last claim reported in the sentences just before, not the speaker's own."""
    for name, n in reversed(state.reports):
        if state.n_sent - n > RECENT:
            break
        if n < state.n_sent and name != speaker:
            return name
    return None


def _sole_medium(ctx: SentenceContext, state: DocState, speaker: str) -> str | None:
    """The one news medium the article reported a claim from, further back ("Selon Bloomberg, ..."
    paragraphs before "Cette information a été démentie"): with one such source, the claim is its."""
    media_re = ctx.lex.media_re
    if media_re is None:
        return None
    media = {name for name, n in state.reports if n < state.n_sent and name != speaker and media_re.fullmatch(name)}
    return media.pop() if len(media) == 1 else None


def remember(ctx: SentenceContext, state: DocState) -> None:
    """Keep who the sentence reports ("according to X", "X reported that") for a later denial."""
    if ctx.speaker is not None and not ctx.has_denial:
        state.reports.append((ctx.speaker.name, state.n_sent))


def denied(ctx: SentenceContext, tok: Token) -> bool:
    """Is the trigger ``tok`` inside the claim a denial of the sentence disputes: governed by the denial
    verb after it ("a démenti avoir débauché"), or by a claim noun ("rumours that she was leaving")?"""
    if not ctx.has_denial:
        return False
    deniers = {t.i for t, f in ctx.found if f.type == "denial"}
    claim_nouns = ctx.lex.cue("cues", "claim_nouns")
    for anc in tok.ancestors:
        if anc.i in deniers and anc.i < tok.i:
            return True
        if anc.i < tok.i and anc.pos_ == "NOUN" and claim_nouns.fullmatch(anc.lower_):
            return True
    return False
