"""A unit's parent that is no organization of its own: its leader, or the first words of its name.

Two readings of "Dana will lead the Cloud and Edge Groups, Acme said" go wrong: the subject of the
lead verb, a first name the entity finder could not type, is taken for the parent; or the words
before "and" in the unit's name ("Cloud") are. The subject is the leader, the whole coordinated
phrase is the name, and the parent is the organization speaking, else the one the text is about.
"""

from __future__ import annotations

from spacy.tokens import Doc

from mercato.extract.builders.context import Candidate, DocState, SentenceContext
from mercato.extract.entities import Ent


def fixed(ctx: SentenceContext, state: DocState, out: list[Candidate]) -> list[Candidate]:
    """``out`` with each unit whose parent is its leader or a piece of its name given the right parent."""
    info = ctx.info
    doc = info.sent.doc
    kept: list[Candidate] = []
    for c in out:
        e = next((x for x in info.ents if x.name == c.attrs.get("org")), None) if c.type == "unit" else None
        if e is None or e.known:
            kept.append(c)
            continue
        name = str(c.attrs.get("name") or "")
        piece = _joined(doc, e, name)
        leads = e.kind == "any" and not c.attrs.get("leader") and _subject(doc, e)
        if piece is None and not leads:
            kept.append(c)
            continue
        parent = _speaker(ctx, e) or state.last_org
        if parent is None or parent == e.name:
            continue
        attrs = dict(c.attrs, org=parent)
        if piece is not None:
            attrs["name"] = piece
        if leads:
            attrs["leader"] = e.name
        elif not attrs.get("leader"):
            # "Dana Ro will lead the Cloud and Edge Groups": the subject before the unit leads it
            subject = [x for x in info.ents if x.kind in ("any", "person") and x.end <= e.start and _subject(doc, x)]
            attrs["leader"] = subject[0].name if subject else None
        kept.append(Candidate(c.type, attrs, c.sent_start, c.sent_end, c.confidence, c.orgs_known))
    return kept


def _joined(doc: Doc, e: Ent, name: str) -> str | None:
    """ "Cloud and Edge Groups": the name coordinated with the unit's, as one name; None if not so."""
    nxt = doc[e.end : e.end + 1]
    if not len(nxt) or nxt[0].lower_ not in ("and", "et", "&") or not name:
        return None
    rest = doc[e.end + 1 : e.end + 1 + len(name.split())].text
    return f"{e.text} {nxt[0].text} {name}" if rest.startswith(name.split()[0]) else None


def _subject(doc: Doc, e: Ent) -> bool:
    """Is ``e`` the subject of its clause ("Dana will lead ...")?"""
    return any(t.dep_.startswith("nsubj") for t in doc[e.start : e.end])


def _speaker(ctx: SentenceContext, e: Ent) -> str | None:
    """The organization the sentence quotes ("..., Acme said"), when it is not ``e``."""
    sp = ctx.speaker
    if sp is None or sp is e or sp.kind not in ("org", "any") or sp.name == e.name:
        return None
    return sp.name
