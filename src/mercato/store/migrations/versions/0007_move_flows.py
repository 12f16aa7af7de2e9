"""Flow speed: ``move_flows``, one narrow row per canonical move, which the talent-flow view reads.

Reading every move's attributes to aggregate flows grew with the store; the merge now
writes each move's organizations, person and head count here. This revision fills it for the moves
already merged.

Revision ID: 0007
Revises: 0006
"""

import unicodedata
from typing import Any

from alembic import op
from sqlalchemy import select

from mercato.link.kb import get_kb
from mercato.store import schema

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    schema.create_tables(bind, ("move_flows",))
    c = schema.canonical_facts.c
    moves = bind.execute(select(c.id, c.attrs, c.first_date, c.last_date).where(c.type == "move"))
    rows = [row for cid, attrs, first, last in moves if (row := _flow_row(cid, attrs or {}, first, last))]
    if rows:
        bind.execute(schema.move_flows.insert(), rows)


def downgrade() -> None:
    schema.drop_tables(op.get_bind(), ("move_flows",))


# --- Frozen copy of the name keys of consolidate/keys.py as they were at this revision: a later change
# to the live rules must not change what this migration writes. The knowledge base and the word list
# of names are data, read through the link stage.
_ORG_SUFFIXES = (" inc", " corp", " corporation", " ltd", " llc", " sa", " sas", " plc", " gmbh")


def _norm(text: Any) -> str:
    if text is None:
        return ""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def _org_key(name: Any) -> str:
    if not name:
        return ""
    try:
        canonical = get_kb().canonical(name)
    except Exception:  # a KB problem must not stop the migration
        canonical = None
    n = _norm(canonical or name)
    for suffix in _ORG_SUFFIXES:
        if n.endswith(suffix):
            n = n[: -len(suffix)]
    return n


def _flow_row(canonical_id: int, attrs: dict[str, Any], first: str | None, last: str | None) -> dict[str, Any] | None:
    """consolidate/merge.flow_row at this revision: None unless the move goes between two organizations."""
    src, dst = attrs.get("from_org"), attrs.get("to_org")
    if not src or not dst or _org_key(src) == _org_key(dst):
        return None
    person = attrs.get("person") or None
    try:
        people = 1 if person else int(attrs.get("count") or 1) or 1
    except (TypeError, ValueError):
        people = 1
    return {
        "canonical_id": canonical_id,
        "from_org": str(src),
        "to_org": str(dst),
        "person": person,
        "people": people,
        "first_date": first,
        "last_date": last,
    }
