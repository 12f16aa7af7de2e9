"""Disputes: where sources disagree, surfaced with both sides and their sources.

Kinds:
- ``denial``: a denial fact linked to the claim it denies (the claim's author is the denial's
  ``claim_by``, or the denial's speaker is the party the claim is about);
- ``figures``: sources give amounts for one fact that differ by more than 10%;
- ``outcome``: sources say an offer was accepted and declined;
- ``status``: some sources report a move as done, others as only rumoured or announced.
Recomputed only for the canonical facts an update touched; denials are paired with claims through
the parties' keys in ``canonical_keys``, so the cost of a merge does not grow with the map.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BindParameter, Connection, and_, bindparam, case, delete, insert, or_, select, update

from mercato.consolidate.keys import norm, org_key, person_key, same_org, same_person
from mercato.consolidate.topics import topic_fits
from mercato.store.schema import canonical_facts, canonical_keys, disputes

TOLERANCE = 0.10
CLAIM_TYPES = ("offer", "move", "investment")


D, CF = disputes.c, canonical_facts.c
# expanding: each stands for a list of ids
_IDS: BindParameter[int] = bindparam("ids", expanding=True)
_WITHIN: BindParameter[int] = bindparam("within", expanding=True)
_PAIRS: BindParameter[int] = bindparam("pairs", expanding=True)
# Statements built once: building them cost more than running them.
_STALE = or_(
    and_(D.kind != "denial", D.claim_id.in_(_WITHIN)),
    and_(D.kind == "denial", or_(D.claim_id.in_(_PAIRS), D.counter_id.in_(_PAIRS))),
)
_DROP_STALE = delete(disputes).where(_STALE).returning(D.claim_id, D.counter_id)
_FACTS = select(canonical_facts).where(CF.id.in_(_IDS))
_PARTIES_OF = select(D.claim_id, D.counter_id).where(or_(D.claim_id.in_(_IDS), D.counter_id.in_(_IDS)))
_SET_DISPUTED = (
    update(canonical_facts)
    .where(CF.id.in_(_IDS))
    .values(disputed=case((CF.id.in_(bindparam("involved", expanding=True)), 1), else_=0))
)


def refresh(conn: Connection, values_changed: set[int], attrs_changed: set[int]) -> None:
    """Recompute the disputes the last merge may have changed.

    ``values_changed``: canonical facts whose sources changed: their disagreements among sources
    (figures, outcome, status) are recomputed. ``attrs_changed``: facts created, deleted or whose
    voted attributes changed: which denials they are paired with is looked up again (through
    ``canonical_keys``). A fact that only gained a source keeps its pairs: they depend on the voted
    attributes alone, and the documents on each side are read with the facts (``dispute_list``).
    """
    params = {"within": sorted(values_changed), "pairs": sorted(attrs_changed)}
    old = conn.execute(_DROP_STALE, params).all()
    affected = values_changed | attrs_changed | {i for r in old for i in r if i}
    rows = conn.execute(_FACTS, {"ids": sorted(values_changed | attrs_changed)}).all()
    new = [dispute for row in rows if row.id in values_changed for dispute in _within(row)]
    new += _denials(conn, [row for row in rows if row.id in attrs_changed])
    found: dict[tuple[str, int, int | None], dict[str, Any]] = {}
    for dispute in new:
        found.setdefault((dispute["kind"], dispute["claim_id"], dispute["counter_id"]), dispute)
        affected.update(i for i in (dispute["claim_id"], dispute["counter_id"]) if i)
    if found:
        conn.execute(insert(disputes), list(found.values()))
    _flag(conn, affected)


def _flag(conn: Connection, ids: set[int]) -> None:
    """Set ``disputed`` on the facts ``ids`` from the disputes that name them."""
    if not ids:
        return
    ids_list = sorted(ids)
    involved = {i for r in conn.execute(_PARTIES_OF, {"ids": ids_list}) for i in r if i in ids}
    conn.execute(_SET_DISPUTED, {"ids": ids_list, "involved": sorted(involved)})


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
            out.append(_dispute("outcome", row.id, None, "accepted according to some, declined to others", sides))
    if row.type == "move":
        statuses = {g["value"]: g for g in values.get("status", [])}
        if "done" in statuses and "reported" in statuses:
            sides = [statuses["done"], statuses["reported"]]
            out.append(_dispute("status", row.id, None, "done according to some, only rumoured to others", sides))
    return out


def _denials(conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    """Denial disputes between each of ``rows`` and the claims it denies, or the denials of it.

    The candidates of every row come from one look-up in ``canonical_keys``; ``denies`` decides.
    """
    wanted: list[tuple[Any, tuple[str, ...], set[str]]] = []
    for row in rows:
        a = row.attrs or {}
        if row.type == "denial":
            wanted.append((row, CLAIM_TYPES, lookup_keys([a.get("speaker"), a.get("claim_by")])))
        elif row.type in CLAIM_TYPES:
            wanted.append((row, ("denial",), lookup_keys([a.get(f) for f in ("attributed_to", *_PARTIES)])))
    k = canonical_keys.c
    keyed: dict[tuple[tuple[str, ...], str], set[int]] = {}  # (types, key) -> canonical ids
    for types in {types for _, types, _ in wanted}:
        looked_up = sorted({key for _, t, ks in wanted if t == types for key in ks})
        for key, cid in conn.execute(select(k.key, k.canonical_id).where(k.key.in_(looked_up), k.type.in_(types))):
            keyed.setdefault((types, key), set()).add(cid)
    ids = sorted(set().union(*keyed.values())) if keyed else []
    facts = {r.id: r for r in conn.execute(select(CF.id, CF.type, CF.attrs).where(CF.id.in_(ids)))}
    out = []
    for row, types, keys in wanted:
        others = [facts[i] for i in sorted(set().union(*(keyed.get((types, key), ()) for key in keys)))]
        if row.type == "denial":
            pairs = [(claim, row) for claim in others if denies(row.attrs or {}, claim.type, claim.attrs or {})]
        else:
            pairs = [(row, d) for d in others if denies(d.attrs or {}, row.type, row.attrs or {})]
        for claim, denial in pairs:
            d = denial.attrs or {}
            summary = f"{d.get('speaker')} disputes: {d.get('topic') or 'the claim'}"
            sides = [{"label": "claim", "value": _describe(claim)}, {"label": "denial", "value": d.get("topic")}]
            out.append(_dispute("denial", claim.id, denial.id, summary, sides))
    return out


_PARTIES = ("by_org", "target_person", "person", "to_org", "investor", "target")
# The fields ``denies`` compares: those of a denial, and those of a claim.
_KEYED_FIELDS = {"denial": ("speaker", "claim_by"), **{t: ("attributed_to", *_PARTIES) for t in CLAIM_TYPES}}


def party_keys(kind: str, attrs: dict[str, Any]) -> set[str]:
    """The lookup keys of the parties a fact names (``canonical_keys``): every name ``denies`` may match.

    Two organizations that ``same_org`` matches share the first word of their key ("o:scale"); two
    people that ``same_person`` matches share a word, or one's last word is the other's last two
    words glued ("w:niro", "w:deniro"). So a fact is keyed by the first word of each party's key and,
    for people, by each word of the name and its last two words glued; a look-up (``lookup_keys``)
    uses the first word, and a person's last word and last two words glued.
    """
    keys: set[str] = set()
    for field in _KEYED_FIELDS.get(kind, ()):
        name = attrs.get(field)
        if not name:
            continue
        if first := org_key(name).split()[:1]:
            keys.add("o:" + first[0])
        if person_key(name):
            words = norm(name).split()
            keys.update("w:" + w for w in words)
            keys.add("w:" + "".join(words[-2:]))
    return keys


def lookup_keys(names: list[Any]) -> set[str]:
    """The keys under which the facts naming any of ``names`` are found (see ``party_keys``)."""
    keys: set[str] = set()
    for name in names:
        if not name:
            continue
        if first := org_key(name).split()[:1]:
            keys.add("o:" + first[0])
        if last := person_key(name):
            keys.add("w:" + last)
            keys.add("w:" + "".join(norm(name).split()[-2:]))
    return keys


def denies(denial: dict[str, Any], kind: str, claim: dict[str, Any]) -> bool:
    """Whether a denial is about this claim: by the claim's author, or by a party it names."""
    claim_by, speaker = denial.get("claim_by"), denial.get("speaker")
    author = claim.get("attributed_to")
    if claim_by and author and (same_person(claim_by, author) or same_org(claim_by, author)):
        return topic_fits(denial, kind, claim)
    parties = [claim.get(f) for f in _PARTIES]
    if speaker and any(p and (same_org(speaker, p) or same_person(speaker, p)) for p in parties):
        # A party denies: only claims that are reported, not stated as plain fact, are in question.
        return bool(author or claim.get("status") == "reported") and topic_fits(denial, kind, claim)
    return False


def _describe(claim: Any) -> str:
    a = claim.attrs or {}
    parts = [str(a.get(f)) for f in ("by_org", "investor", "person", "target_org", "target", "to_org") if a.get(f)]
    if a.get("amount_usd"):
        parts.append(f"${a['amount_usd']:,.0f}")
    return f"{claim.type}: " + " -> ".join(parts)


def _dispute(kind: str, claim_id: int, counter_id: int | None, summary: str, sides: list[Any]) -> dict[str, Any]:
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
