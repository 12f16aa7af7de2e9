"""The sources of the canonical facts of some blocks, read in one query per fact type per merge.

Linking a fact compares it with every source of the canonical facts of its block (``same_fact``).
Asking the store once per fact made a merge cost one round trip per fact, which a network database
(PostgreSQL) pays in full; a merge now reads every block it will need at once and keeps this index
up to date as it creates canonical facts, links sources and joins facts.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, bindparam, select

from mercato.consolidate.keys import same_fact
from mercato.store.schema import canonical_facts, fact_links, facts

CF, FL = canonical_facts.c, fact_links.c
_SOURCES_OF_BLOCKS = (
    select(CF.block, CF.id, facts.c.attrs)
    .select_from(canonical_facts.join(fact_links, FL.canonical_id == CF.id).join(facts, facts.c.id == FL.fact_id))
    .where(CF.type == bindparam("kind"), CF.block.in_(bindparam("blocks", expanding=True)))
    .order_by(CF.id, facts.c.id)
)


class BlockIndex:
    """(type, block) -> the (canonical id, source attributes) of its canonical facts, in id order."""

    def __init__(self, conn: Connection, wanted: Iterable[tuple[str, str]]) -> None:
        self._rows: dict[tuple[str, str], list[tuple[int, dict[str, Any]]]] = {key: [] for key in wanted}
        by_kind: dict[str, list[str]] = defaultdict(list)
        for kind, block in self._rows:
            by_kind[kind].append(block)
        for kind, blocks in sorted(by_kind.items()):
            for block, canonical_id, attrs in conn.execute(
                _SOURCES_OF_BLOCKS, {"kind": kind, "blocks": sorted(blocks)}
            ):
                self._rows[(kind, block)].append((canonical_id, dict(attrs or {})))

    def matching(self, kind: str, block: str, wanted: list[dict[str, Any]], exclude: int | None = None) -> set[int]:
        """The canonical facts of ``block`` one of whose sources states the same thing as one of ``wanted``."""
        if (kind, block) not in self._rows:
            raise KeyError(f"block {kind}/{block} was not read: list it when building the index")
        found: set[int] = set()
        tried: set[tuple[int, str]] = set()
        for canonical_id, attrs in self._rows[(kind, block)]:
            if canonical_id in found or canonical_id == exclude:
                continue
            seen = (canonical_id, json.dumps(attrs, sort_keys=True, default=str))
            if seen in tried:  # several sources saying the same
                continue
            tried.add(seen)
            if any(same_fact(kind, attrs, w) for w in wanted):
                found.add(canonical_id)
        return found

    def add(self, kind: str, block: str, canonical_id: int, attrs: dict[str, Any]) -> None:
        """A source just linked to ``canonical_id`` (kept in id order, as the store would list it)."""
        rows = self._rows.setdefault((kind, block), [])
        at = len(rows)
        while at and rows[at - 1][0] > canonical_id:
            at -= 1
        rows.insert(at, (canonical_id, attrs))

    def rename(self, gone: int, keep: int) -> None:
        """The sources of ``gone`` now belong to ``keep`` (``gone`` was joined into it)."""
        for key, rows in self._rows.items():
            if any(cid == gone for cid, _ in rows):
                moved = [(keep if cid == gone else cid, attrs) for cid, attrs in rows]
                self._rows[key] = sorted(moved, key=lambda r: r[0])
