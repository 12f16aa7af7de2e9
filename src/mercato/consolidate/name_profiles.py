"""A person's or an organization's facts found by name (the CLI's ``person`` and ``org``): timelines
and sections, and the people whose name is close to one that names nobody.

Unlike ``profiles`` (keyed on identity rows), these match names the way the fact filters do, then
keep the facts that name someone ``same_person`` or ``same_org`` takes for the name asked.
"""

from __future__ import annotations

import difflib
from typing import Any

from sqlalchemy import Connection, Text, select, type_coerce

from mercato.consolidate.filters import ORG_NAME_FIELDS, PERSON_NAME_FIELDS
from mercato.consolidate.keys import norm, person_key, same_org, same_person
from mercato.consolidate.queries import list_facts
from mercato.consolidate.rows import C, json_value


def _facts_naming(conn: Connection, name: str, person: bool) -> list[dict[str, Any]]:
    """The facts naming ``name``, in date order (undated last). The SQL filter of a person is by last
    name, so each fact must also name someone ``same_person`` takes for them ("Alexandr Wang" is not
    "Jeff Wang")."""
    items, _ = list_facts(conn, limit=10_000, person=name if person else None, org=None if person else name)
    if person:
        items = [f for f in items if any(same_person(name, f.get(k)) for k in PERSON_NAME_FIELDS)]
    return sorted(items, key=lambda f: (f.get("first_date") or f.get("last_date") or "9999", f["id"]))


def person_profile(conn: Connection, name: str) -> dict[str, Any]:
    """A person's timeline: every canonical fact that names them, oldest first; ``found`` is False
    (and ``close`` lists the people of the same last name or first letters) when none does."""
    timeline = _facts_naming(conn, name, person=True)
    full = next(
        (
            f.get(k)
            for f in timeline
            for k in PERSON_NAME_FIELDS
            if f.get(k) and same_person(name, f.get(k)) and len(str(f.get(k)).split()) > 1
        ),
        name,
    )
    return {
        "name": full,
        "found": bool(timeline),
        "close": [] if timeline else close_people(conn, name),
        "timeline": timeline,
        "moves": [f for f in timeline if f["type"] == "move"],
        "offers": [f for f in timeline if f["type"] == "offer"],
        "disputed": sum(1 for f in timeline if f["disputed"]),
    }


def close_people(conn: Connection, name: str, limit: int = 5) -> list[str]:
    """People of the store whose name is close to ``name``: same last name, or similar spelling."""

    key = person_key(name)
    known: dict[str, str] = {}
    query = select(type_coerce(C.attrs, Text)).where(C.type.in_(("move", "offer", "unit", "denial")))
    for (attrs,) in conn.execute(query.limit(20_000)):
        decoded = json_value(attrs) or {}
        for k in PERSON_NAME_FIELDS:
            value = decoded.get(k)
            if isinstance(value, str) and person_key(value) and len(value.split()) > 1:
                known.setdefault(norm(value), value)
    same_last = [v for n, v in known.items() if key and n.split()[-1] == key]
    similar = difflib.get_close_matches(norm(name), list(known), n=limit, cutoff=0.6)
    return list(dict.fromkeys([*same_last, *(known[n] for n in similar)]))[:limit]


def org_profile(conn: Connection, name: str) -> dict[str, Any]:
    """An organization's profile: arrivals, departures, offers made, investments, disputes."""
    items = _facts_naming(conn, name, person=False)
    moves = [f for f in items if f["type"] == "move"]
    return {
        "name": next((f.get(k) for f in items for k in ORG_NAME_FIELDS if same_org(name, f.get(k))), name),
        "found": bool(items),
        "arrivals": [f for f in moves if same_org(name, f.get("to_org")) and not same_org(name, f.get("from_org"))],
        "departures": [f for f in moves if same_org(name, f.get("from_org")) and not same_org(name, f.get("to_org"))],
        "internal": [f for f in moves if same_org(name, f.get("from_org")) and same_org(name, f.get("to_org"))],
        "offers_made": [f for f in items if f["type"] == "offer" and same_org(name, f.get("by_org"))],
        "offers_received": [f for f in items if f["type"] == "offer" and same_org(name, f.get("target_org"))],
        "investments_made": [f for f in items if f["type"] == "investment" and same_org(name, f.get("investor"))],
        "investments_received": [f for f in items if f["type"] == "investment" and same_org(name, f.get("target"))],
        "units": [f for f in items if f["type"] == "unit"],
        "denials": [f for f in items if f["type"] == "denial"],
        "disputed": [f for f in items if f["disputed"]],
    }
