"""Profiles keyed on identity: an organization's or a person's facts, sections and header totals.

The facts of a profile are those whose ``fact_entities`` rows carry its key (see ``identity``): an
exact identity, not a LIKE on a surname. Sections and totals are computed from those facts in Python
(a profile has tens or hundreds of facts, read in two statements).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from mercato.consolidate.identity import slug
from mercato.consolidate.rows import FACTS_OF, fact_from, for_dialect, id_values
from mercato.consolidate.sources import attach_sources
from mercato.store import entities as store


def facts_by_ids(conn: Connection, ids: list[int]) -> list[dict[str, Any]]:
    """The canonical facts ``ids`` with their sources, oldest first (undated last)."""
    if not ids:
        return []
    rows = conn.execute(for_dialect(conn, FACTS_OF), {"ids": id_values(conn, ids)}).all()
    out = [fact_from(r) for r in rows]
    attach_sources(conn, out)
    return sorted(out, key=lambda f: (f.get("first_date") or f.get("last_date") or "9999", f["id"]))


def in_period(items: list[dict[str, Any]], since: str | None, until: str | None) -> list[dict[str, Any]]:
    """The facts dated within [since, until] (as ``list_facts`` filters: undated facts are outside any period)."""
    if not since and not until:
        return items
    return [
        f
        for f in items
        if (not since or (f.get("last_date") or "") >= since)
        and (not until or (f.get("first_date") or "~") <= until + "T99")
    ]


def resolve(conn: Connection, kind: str, given: str) -> tuple[str | None, str | None]:
    """(key, redirect): the key of the entity ``given`` names (a key or a name), and the key to send the
    visitor to when ``given`` is not it (a name, or a bare surname whose owner is known). (None, None)
    when the store has no such entity."""
    for candidate in dict.fromkeys((given, slug(kind, given))):
        if candidate and store.entity_names(conn, kind, candidate):
            if kind == "person" and "-" not in candidate:
                owner = store.owner_of_surname(conn, candidate)
                if owner:
                    return owner, owner
            return candidate, None if candidate == given else candidate
    bare = slug(kind, given)
    if kind == "person" and bare and "-" not in bare:  # a surname no fact gives alone: its one owner
        owner = store.owner_of_surname(conn, bare)
        if owner:
            return owner, owner
    return None, None


def _is(key: str, value: Any) -> bool:
    return isinstance(value, str) and slug("org", value) == key


def _sum(items: list[dict[str, Any]], field: str = "amount_usd") -> float:
    return float(sum(f.get(field) or 0 for f in items if isinstance(f.get(field), int | float)))


def _people(items: list[dict[str, Any]]) -> int:
    total = 0
    for f in items:
        try:
            total += 1 if f.get("person") else int(f.get("count") or 1) or 1
        except (TypeError, ValueError):
            total += 1
    return total


def org_profile(conn: Connection, key: str, since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """An organization's sections (arrivals, departures, funding rounds...) and header totals."""
    names = store.entity_names(conn, "org", key)
    every = facts_by_ids(conn, store.entity_fact_ids(conn, "org", [key]))
    items = in_period(every, since, until)
    moves = [f for f in items if f["type"] == "move"]
    invs = [f for f in items if f["type"] == "investment"]
    offers = [f for f in items if f["type"] == "offer"]
    out: dict[str, Any] = {
        "key": key,
        "kind": "org",
        "name": _display(names, "org"),
        "names": names,
        "found": bool(names),
        "arrivals": [f for f in moves if _is(key, f.get("to_org")) and not _is(key, f.get("from_org"))],
        "departures": [f for f in moves if _is(key, f.get("from_org")) and not _is(key, f.get("to_org"))],
        "internal": [f for f in moves if _is(key, f.get("from_org")) and _is(key, f.get("to_org"))],
        "offers_made": [f for f in offers if _is(key, f.get("by_org"))],
        "offers_received": [f for f in offers if _is(key, f.get("target_org"))],
        "investments_made": [f for f in invs if _is(key, f.get("investor"))],
        "investments_received": [f for f in invs if _is(key, f.get("target"))],
        "units": [f for f in items if f["type"] == "unit"],
        "denials": [f for f in items if f["type"] == "denial"],
        "disputed": [f for f in items if f["disputed"]],
        "timeline": items,
    }
    people_in, people_out = _people(out["arrivals"]), _people(out["departures"])
    out["totals"] = {
        "facts": len(items),
        "people_in": people_in,
        "people_out": people_out,
        "net_flow": people_in - people_out,
        "money_raised": _sum(out["investments_received"]),
        "invested": _sum(out["investments_made"]),
        "offers_made": len(out["offers_made"]),
        "disputes": len(out["disputed"]),
    }
    out["months"] = months(items)
    return out


def person_profile(conn: Connection, key: str, since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """A person's header (latest known employer and role), dated history, offers and denials."""
    keys = store.surname_keys(conn, key)
    names = store.entity_names(conn, "person", key)
    every = facts_by_ids(conn, store.entity_fact_ids(conn, "person", keys))
    items = in_period(every, since, until)
    moves = [f for f in every if f["type"] == "move" and f.get("to_org")]
    units = [f for f in every if f["type"] == "unit" and f.get("org")]
    latest = max(
        (*moves, *units), key=lambda f: (f.get("last_date") or "", f.get("first_date") or "", f["id"]), default=None
    )
    employer = role = None
    if latest is not None:
        employer = latest.get("to_org") if latest["type"] == "move" else latest.get("org")
        role = latest.get("role") if latest["type"] == "move" else latest.get("name")
    return {
        "key": key,
        "kind": "person",
        "name": _display(names, "person"),
        "names": names,
        "found": bool(names),
        "employer": employer,
        "employer_key": slug("org", employer) if employer else None,
        "role": role,
        "role_is_unit": bool(latest and latest["type"] == "unit"),  # the role is the unit they lead
        "since_date": (latest or {}).get("first_date"),
        "timeline": items,
        "moves": [f for f in items if f["type"] == "move"],
        "offers": [f for f in items if f["type"] == "offer"],
        "units": [f for f in items if f["type"] == "unit"],
        "denials": [f for f in items if f["type"] == "denial"],
        "disputed": sum(1 for f in items if f["disputed"]),
        "months": months(items),
    }


def _display(names: list[str], kind: str) -> str:
    """The name a profile shows: the most frequent; for a person the most frequent full name."""
    if kind == "person":
        full = [n for n in names if len(n.split()) > 1]
        return (full or names or [""])[0]
    return names[0] if names else ""


def months(items: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """Facts per month ("2025-06", n), from the first to the last month with a dated fact (empty months
    included, so that a chart's axis is time)."""
    counts: dict[str, int] = {}
    for f in items:
        day = f.get("first_date") or f.get("last_date")
        if day and len(day) >= 7:
            counts[day[:7]] = counts.get(day[:7], 0) + 1
    if not counts:
        return []
    return [(m, counts.get(m, 0)) for m in month_range(min(counts), max(counts))]


def month_range(first: str, last: str) -> list[str]:
    out: list[str] = []
    y, m = int(first[:4]), int(first[5:7])
    while f"{y:04d}-{m:02d}" <= last and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
