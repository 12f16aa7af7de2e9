"""Reviews of disputes: an analyst's status (open, resolved for the claim or for the other side,
unresolvable) and note, kept under the dispute's permanent name so that they outlive a re-ingest."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from mercato.store.schema import dispute_reviews

STATUSES = ("open", "claim", "counter", "unresolvable")
MAX_NOTE = 4000


def get_reviews(conn: Connection, refs: list[str]) -> dict[str, dict[str, Any]]:
    """ref -> {status, note, updated_at} for the reviewed ones among ``refs``."""
    if not refs:
        return {}
    r = dispute_reviews.c
    rows = conn.execute(select(r.ref, r.status, r.note, r.updated_at).where(r.ref.in_(refs)))
    return {ref: {"status": status, "note": note, "updated_at": at} for ref, status, note, at in rows}


def set_review(conn: Connection, ref: str, status: str, note: str = "") -> dict[str, Any]:
    """Store (replace) the review of dispute ``ref``; ValueError on an unknown status or a long note."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    if len(note) > MAX_NOTE:
        raise ValueError(f"the note is longer than {MAX_NOTE} characters")
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    conn.execute(delete(dispute_reviews).where(dispute_reviews.c.ref == ref))
    conn.execute(insert(dispute_reviews).values(ref=ref, status=status, note=note, updated_at=at))
    return {"status": status, "note": note, "updated_at": at}
