"""Who a fact names, by identity: the people and organizations of a canonical fact as stable keys.

A profile is keyed on identity, not on a surname: an organization by its normalised canonical name
(the knowledge base's, else the name's own, as ``org_key`` gives it: "Meta Platforms Inc." ->
``meta``), a person by their whole normalised name (the knowledge base's canonical name when it has
one). Keys are URL-safe slugs (words joined by "-"): the same name gives the same key in any store,
filled in any order, so a profile link survives a re-ingest.

Some fields name either kind (an investor may be a fund or a business angel, a denial's speaker a
company or its CEO): ``kind_of`` decides, from the knowledge base, then from the words of the name.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from mercato.consolidate.keys import ORG_WORDS, kb_canonical, kb_kind, norm, org_key, person_key
from mercato.store.schema import canonical_facts, fact_entities

ORG_FIELDS = ("from_org", "to_org", "by_org", "target_org", "target", "org")
PERSON_FIELDS = ("person", "target_person", "leader")
EITHER_FIELDS = ("investor", "speaker", "claim_by", "attributed_to")
# Fields whose kind defaults to a person when nothing else tells (denials are mostly said by people).
_PERSON_FIRST = ("speaker", "claim_by", "attributed_to")


def kind_of(field: str, name: str) -> str | None:
    """``person``, ``org`` or None (no name) for ``name`` in ``field``."""
    if not name or not norm(name):
        return None
    if field in ORG_FIELDS:
        return "org"
    if field in PERSON_FIELDS:
        return "person"
    known = kb_kind(name)
    if known in ("person", "org"):
        return known
    words = norm(name).split()
    if len(words) < 2 or words[-1] in ORG_WORDS or any(w in ORG_WORDS for w in words) or not person_key(name):
        return "org"
    return "person" if field in _PERSON_FIRST else "org"


def slug(kind: str, name: str) -> str:
    """The key of an entity: its normalised canonical name, words joined by "-" ("" for no name)."""
    if kind == "org":
        return org_key(name).replace(" ", "-")
    return norm(kb_canonical(name) or name).replace(" ", "-")


def named(kind: str, attrs: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(field, kind, key, name) of every person and organization a fact of type ``kind`` names."""
    out = []
    for field in (*ORG_FIELDS, *PERSON_FIELDS, *EITHER_FIELDS):
        value = attrs.get(field)
        if not isinstance(value, str) or not value.strip():
            continue
        ent = kind_of(field, value)
        key = slug(ent, value) if ent else ""
        if ent and key:
            out.append((field, ent, key, value))
    return out


def entity_rows(
    canonical_id: int, kind: str, attrs: dict[str, Any], first: str | None, last: str | None
) -> list[dict[str, Any]]:
    """The ``fact_entities`` rows of a canonical fact: one per (entity, field)."""
    amount = attrs.get("amount_usd")
    amount = float(amount) if isinstance(amount, int | float) and not isinstance(amount, bool) else None
    try:
        people = 1 if attrs.get("person") else int(attrs.get("count") or 1) or 1
    except (TypeError, ValueError):
        people = 1
    out, seen = [], set()
    for field, ent, key, name in named(kind, attrs):
        out.append(
            {
                "canonical_id": canonical_id,
                "kind": ent,
                "ekey": key,
                "name": name,
                "field": field,
                "main": int((ent, key) not in seen),  # a move inside one company names it twice: one fact
                "type": kind,
                "amount": amount,
                "people": people,
                "first_date": first,
                "last_date": last,
            }
        )
        seen.add((ent, key))
    return out


def backfill(conn: Connection) -> int:
    """Write the entity rows of a store upgraded from before ``fact_entities`` existed (none yet while
    there are merged facts); how many were written. A no-op on any store the merge has written to."""
    if conn.execute(select(fact_entities.c.canonical_id).limit(1)).first() is not None:
        return 0
    c = canonical_facts.c
    found = conn.execute(select(c.id, c.type, c.attrs, c.first_date, c.last_date))
    out = [r for cid, kind, attrs, first, last in found for r in entity_rows(cid, kind, attrs or {}, first, last)]
    if out:
        conn.execute(fact_entities.insert(), out)
    return len(out)
