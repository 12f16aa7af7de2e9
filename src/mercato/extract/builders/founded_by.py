"""Founding stated by a participle that describes the company: "Acme, le laboratoire cofondé en 2023 par
A (ex-PDG de X), B et C", "la start-up, fondée par des anciens de X", "Acme, co-founded by A".

The participle has no auxiliary, so the move builder's reading of a clause (a subject that founds an
object) does not apply: the company is the name (or the company noun standing for it) the participle
follows, and the founders are the names after "par" / "by", which a date or an aside may separate from
the participle. Founders described as former staff of an organization ("ex-PDG de X", "anciens de X")
come from it.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from mercato.extract.builders.common import group, name_of
from mercato.extract.builders.context import SentenceContext
from mercato.extract.entities import Ent
from mercato.extract.lexicon import Frame

REACH = 10  # words between the company and its participle ("X, le laboratoire à but non lucratif cofondé")
AGENT_REACH = 6  # words between the participle and "par" ("cofondé, en 2023, par")
NAME_REACH = 5  # words between "par" and the first founder ("par la sommité mondiale A")


def build(ctx: SentenceContext, tok: Token, frame: Frame) -> list[dict[str, Any]]:
    """The founding moves a participle of founding states of the company it describes; none when the
    trigger is a finite verb or names no company before it."""
    info = ctx.info
    doc = info.sent.doc
    if tok.morph.get("VerbForm") != ["Part"] or any(c.dep_.startswith("aux") for c in tok.children):
        return []
    if tok.i > info.sent.start and doc[tok.i - 1].pos_ == "AUX":
        return []
    by = _agent_marker(ctx, tok)
    company = _company(ctx, tok)
    if by is None or company is None:
        return []
    role = frame.role
    founders = _founders(ctx, by)
    if founders:
        own = [_former_employer(ctx, p) for p in founders]
        if len(founders) > 1 and not any(own[:-1]):
            own = [own[-1]] * len(founders)  # "A et B, anciens de X": the aside after the list is everyone's
        return [_fact(p.name, None, o, company.name, role) for p, o in zip(founders, own, strict=True)]
    grp = group(ctx, doc[by], +1)
    if grp is None or grp[0] == 0:
        return []
    count, g_org, named = grp
    if named:
        return [_fact(p.name, None, name_of(g_org), company.name, role) for p in named]
    if g_org is not None and _several_origins(ctx, g_org):
        g_org = None  # "des anciens de X et de Y": from several organizations
    if g_org is not None and g_org.name == company.name:
        return []
    return [_fact(None, count, name_of(g_org), company.name, role)]


def _fact(person: str | None, count: int | None, f_org: str | None, to_org: str, role: str | None) -> dict[str, Any]:
    return {"person": person, "count": count, "from_org": f_org, "to_org": to_org, "role": role, "status": "done"}


def _agent_marker(ctx: SentenceContext, tok: Token) -> int | None:
    """Where "par" / "by" follows the participle, past a date or an aside set off by commas."""
    info = ctx.info
    doc = info.sent.doc
    words = {w.lower() for w in ctx.lex.cues.get("founded_by", [])}
    for t in doc[tok.i + 1 : min(tok.i + 1 + AGENT_REACH, info.sent.end)]:
        if t.lower_ in words:
            return t.i
        if t.pos_ in ("VERB", "AUX") or any(e.start <= t.i < e.end for e in info.ents):
            return None
    return None


def _company(ctx: SentenceContext, tok: Token) -> Ent | None:
    """The company the participle describes: the nearest organization before it, with no verb or
    person between ("Acme, co-founded", "X, la start-up française – lancée")."""
    info = ctx.info
    doc = info.sent.doc
    before = [
        e
        for e in info.ents
        if e.end <= tok.i and tok.i - e.end <= REACH and e.name and e.kind in ("org", "any", "person")
    ]
    if not before:
        return None
    e = before[-1]
    if e.kind == "person" or any(t.pos_ in ("VERB", "AUX") for t in doc[e.end : tok.i]):
        return None
    return e


def _founders(ctx: SentenceContext, by: int) -> list[Ent]:
    """The people named after "par": the first within a few words, then every name listed at the same
    level (asides in parentheses skipped) until a verb ends the phrase."""
    info = ctx.info
    doc = info.sent.doc
    people = [e for e in info.candidates("person") if e.kind == "person" and e.start > by]
    if not people or people[0].start - by > NAME_REACH:
        return []
    if any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in doc[by + 1 : people[0].start]):
        return []
    out = [people[0]]
    depth = 0
    for t in doc[people[0].end : info.sent.end]:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(depth - 1, 0)
        elif depth == 0 and (t.pos_ in ("VERB", "AUX") or t.text in (";", ":", ".")):
            break
        elif depth == 0 and (p := next((p for p in people if p.start == t.i), None)) is not None:
            out.append(p)
    return out


def _former_employer(ctx: SentenceContext, p: Ent) -> str | None:
    """The organization a founder's own description says they left ("A (ex-PDG de X)", "A, ancien de X"):
    the aside right after the name, up to its closing parenthesis or comma."""
    info = ctx.info
    doc = info.sent.doc
    if p.end >= info.sent.end or doc[p.end].text not in ("(", ","):
        return None
    close = ")" if doc[p.end].text == "(" else ","
    end = next((t.i for t in doc[p.end + 1 : info.sent.end] if t.text in (close, ";")), info.sent.end)
    aside = doc[p.end + 1 : end]
    if not any(w in ctx.rules.former for t in aside for w in t.lower_.replace("-", " ").split()):
        return None
    org = next((e for e in info.ents if e.kind == "org" and e.name and p.end < e.start and e.end <= end), None)
    return org.name if org is not None else None


def _several_origins(ctx: SentenceContext, org: Ent) -> bool:
    """Does another organization follow ``org`` in a coordination ("de X et de Y")?"""
    doc = ctx.info.sent.doc
    nxt = [e for e in ctx.info.candidates("org") if 0 < e.start - org.end <= 3]
    return bool(nxt) and any(t.lower_ in ("et", "and", "ou", "or") for t in doc[org.end : nxt[0].start])
