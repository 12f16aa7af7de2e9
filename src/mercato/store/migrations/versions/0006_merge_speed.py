"""Merge speed: the parties each canonical fact names, as indexed lookup keys (``canonical_keys``).

Linking denials to claims used to LIKE-scan every canonical fact's ``names`` for each new fact: the
merge slowed down as the map grew. The keys are written by ``consolidate/merge.py`` with the fact;
this revision creates the table and fills it for the facts already merged. Denials, which all shared
one merge block, get their speaker's.

Revision ID: 0006
Revises: 0005
"""

import unicodedata
from typing import Any

from alembic import op
from sqlalchemy import select, update

from mercato.link import names
from mercato.link.kb import get_kb
from mercato.store import schema

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    schema.create_tables(bind, ("canonical_keys",))
    c = schema.canonical_facts.c
    facts = bind.execute(select(c.id, c.type, c.attrs)).all()
    rows = [
        {"key": key, "type": kind, "canonical_id": cid}
        for cid, kind, attrs in facts
        for key in _party_keys(kind, attrs or {})
    ]
    if rows:
        bind.execute(schema.canonical_keys.insert(), rows)
    # Denials had one block for all; each now has its speaker's (see keys.block_of): a person by the
    # last name, an organization by the first word of its key.
    for cid, kind, attrs in facts:
        if kind == "denial":
            speaker = (attrs or {}).get("speaker")
            block = _person_key(speaker) or next(iter(_org_key(speaker).split()), "")
            bind.execute(update(schema.canonical_facts).where(c.id == cid).values(block=block))


def downgrade() -> None:
    schema.drop_tables(op.get_bind(), ("canonical_keys",))


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


def _person_key(name: Any) -> str:
    words = _norm(name).split()
    if not words or words[-1] in names.org_words() or get_kb().kind(name) == "org":
        return ""
    return words[-1]


_PARTIES = ("by_org", "target_person", "person", "to_org", "investor", "target")
_CLAIM_TYPES = ("offer", "move", "investment")
_KEYED_FIELDS = {"denial": ("speaker", "claim_by"), **{t: ("attributed_to", *_PARTIES) for t in _CLAIM_TYPES}}


def _party_keys(kind: str, attrs: dict[str, Any]) -> set[str]:
    """consolidate/disputes.party_keys at this revision."""
    keys: set[str] = set()
    for field in _KEYED_FIELDS.get(kind, ()):
        name = attrs.get(field)
        if not name:
            continue
        if first := _org_key(name).split()[:1]:
            keys.add("o:" + first[0])
        if _person_key(name):
            words = _norm(name).split()
            keys.update("w:" + w for w in words)
            keys.add("w:" + "".join(words[-2:]))
    return keys
