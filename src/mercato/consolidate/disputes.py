"""Disputes: where sources disagree, surfaced with both sides and their sources.

Kinds:
- ``denial``: a denial fact linked to the claim it denies (the claim's author is the denial's
  ``claim_by``, or the denial's speaker is the party the claim is about);
- ``figures``: sources give amounts for one fact that differ by more than 10%;
- ``outcome``: sources say an offer was accepted and declined;
- ``status``: some sources report a move as done, others as only rumoured or announced.
Recomputed only for the canonical facts an update touched (and their counterparts).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, insert, or_, select, update

from mercato.consolidate.keys import org_key, person_key, same_org, same_person
from mercato.store.schema import canonical_facts, disputes

TOLERANCE = 0.10
CLAIM_TYPES = ("offer", "move", "investment")


def refresh(conn: Connection, ids: set[int]) -> None:
    """Recompute every dispute involving the canonical facts ``ids``."""
    old = conn.execute(
        select(disputes.c.claim_id, disputes.c.counter_id).where(
            or_(disputes.c.claim_id.in_(ids), disputes.c.counter_id.in_(ids))
        )
    ).all()
    affected = set(ids) | {r.claim_id for r in old} | {r.counter_id for r in old if r.counter_id}
    conn.execute(delete(disputes).where(or_(disputes.c.claim_id.in_(ids), disputes.c.counter_id.in_(ids))))
    rows = conn.execute(select(canonical_facts).where(canonical_facts.c.id.in_(ids))).all()
    for row in rows:
        for found in _within(row):
            _insert(conn, found)
        for found in _denials(conn, row):
            affected.add(found["claim_id"])
            affected.add(found["counter_id"])
            _insert(conn, found)
    _flag(conn, affected)


def _insert(conn: Connection, found: dict[str, Any]) -> None:
    exists = conn.execute(
        select(disputes.c.id).where(
            disputes.c.kind == found["kind"],
            disputes.c.claim_id == found["claim_id"],
            disputes.c.counter_id.is_(None)
            if found.get("counter_id") is None
            else disputes.c.counter_id == found["counter_id"],
        )
    ).first()
    if exists is None:
        conn.execute(insert(disputes).values(**found))


def _flag(conn: Connection, ids: set[int]) -> None:
    if not ids:
        return
    involved = {
        i
        for r in conn.execute(
            select(disputes.c.claim_id, disputes.c.counter_id).where(
                or_(disputes.c.claim_id.in_(ids), disputes.c.counter_id.in_(ids))
            )
        )
        for i in (r.claim_id, r.counter_id)
        if i in ids
    }
    conn.execute(update(canonical_facts).where(canonical_facts.c.id.in_(ids)).values(disputed=0))
    if involved:
        conn.execute(update(canonical_facts).where(canonical_facts.c.id.in_(involved)).values(disputed=1))


def _within(row: Any) -> list[dict[str, Any]]:
    """Disagreements among the sources of one canonical fact."""
    values = row.values or {}
    out = []
    amounts = [g for g in values.get("amount_usd", []) if isinstance(g["value"], int | float)]
    if len(amounts) > 1:
        top = amounts[0]["value"]
        far = [g for g in amounts[1:] if abs(g["value"] - top) > TOLERANCE * max(abs(g["value"]), abs(top))]
        if far:
            sides = [amounts[0], *far]
            out.append(_dispute("figures", row.id, None, "sources give different amounts", sides))
    if row.type == "offer":
        outcomes = {g["value"]: g for g in values.get("outcome", [])}
        if "accepted" in outcomes and "declined" in outcomes:
            sides = [outcomes["accepted"], outcomes["declined"]]
            out.append(
                _dispute("outcome", row.id, None, "accepted according to some, declined to others", sides)
            )
    if row.type == "move":
        statuses = {g["value"]: g for g in values.get("status", [])}
        if "done" in statuses and "reported" in statuses:
            sides = [statuses["done"], statuses["reported"]]
            out.append(
                _dispute("status", row.id, None, "done according to some, only rumoured to others", sides)
            )
    return out


def _denials(conn: Connection, row: Any) -> list[dict[str, Any]]:
    """Denial disputes between ``row`` and the claims it denies, or the denials of ``row``."""
    a = row.attrs or {}
    if row.type == "denial":
        names = [a.get("speaker"), a.get("claim_by")]
        others = _naming(conn, canonical_facts.c.type.in_(CLAIM_TYPES), names)
        pairs = [(claim, row) for claim in others if denies(a, claim.type, claim.attrs or {})]
    elif row.type in CLAIM_TYPES:
        names = [a.get(f) for f in ("attributed_to", *_PARTIES)]
        others = _naming(conn, canonical_facts.c.type == "denial", names)
        pairs = [(row, d) for d in others if denies(d.attrs or {}, row.type, a)]
    else:
        return []
    out = []
    for claim, denial in pairs:
        d = denial.attrs or {}
        summary = f"{d.get('speaker')} disputes: {d.get('topic') or 'the claim'}"
        sides = [
            {"label": "claim", "value": _describe(claim), "doc_ids": _docs(claim)},
            {"label": "denial", "value": d.get("topic"), "doc_ids": _docs(denial)},
        ]
        out.append(_dispute("denial", claim.id, denial.id, summary, sides))
    return out


_PARTIES = ("by_org", "target_person", "person", "to_org", "investor", "target")


def _naming(conn: Connection, type_cond: Any, names: list[Any]) -> list[Any]:
    """Canonical facts of a type that name any of ``names`` (an indexed prefilter, then the rule)."""
    likes = []
    for name in names:
        if not name:
            continue
        likes.append(canonical_facts.c.names.like(f"%|{org_key(name)}%"))
        if last := person_key(name):
            likes.append(canonical_facts.c.names.like(f"%{last}|%"))
    if not likes:
        return []
    return conn.execute(select(canonical_facts).where(type_cond, or_(*likes))).all()


def denies(denial: dict[str, Any], kind: str, claim: dict[str, Any]) -> bool:
    """Whether a denial is about this claim: by the claim's author, or by a party it names."""
    claim_by, speaker = denial.get("claim_by"), denial.get("speaker")
    author = claim.get("attributed_to")
    if claim_by and author and (same_person(claim_by, author) or same_org(claim_by, author)):
        return _topic_fits(denial, kind, claim)
    parties = [claim.get(f) for f in _PARTIES]
    if speaker and any(p and (same_org(speaker, p) or same_person(speaker, p)) for p in parties):
        # A party denies: only claims that are reported, not stated as plain fact, are in question.
        return bool(author or claim.get("status") == "reported") and _topic_fits(denial, kind, claim)
    return False


def _topic_fits(denial: dict[str, Any], kind: str, claim: dict[str, Any]) -> bool:
    """A denial about money ("$100M bonuses") disputes offers and deals, not the move itself."""
    topic = str(denial.get("topic") or "")
    about_money = any(c.isdigit() or c in "$€£" for c in topic)
    return not (kind == "move" and about_money)


def _describe(claim: Any) -> str:
    a = claim.attrs or {}
    parts = [
        str(a.get(f)) for f in ("by_org", "investor", "person", "target_org", "target", "to_org") if a.get(f)
    ]
    if a.get("amount_usd"):
        parts.append(f"${a['amount_usd']:,.0f}")
    return f"{claim.type}: " + " -> ".join(parts)


def _docs(row: Any) -> list[int]:
    ids: list[int] = []
    for groups in (row.values or {}).values():
        for g in groups:
            ids.extend(i for i in g["doc_ids"] if i not in ids)
    return sorted(ids)


def _dispute(kind: str, claim_id: int, counter_id: int | None, summary: str, sides: list) -> dict[str, Any]:
    clean = [
        {
            "label": s.get("label", "source"),
            "value": s.get("value"),
            "doc_ids": s.get("doc_ids", []),
            "sites": s.get("sites", []),
        }
        for s in sides
    ]
    return {"kind": kind, "claim_id": claim_id, "counter_id": counter_id, "summary": summary, "sides": clean}
