"""Full-text search over documents and evidence (SQLite FTS5; a LIKE scan elsewhere)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, text

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _fts_query(q: str) -> str:
    """User words as an FTS5 query: every word must appear, each as a prefix ("scal" finds Scale)."""
    return " ".join(f'"{t}"*' for t in _TOKEN.findall(q))


def search(conn: Connection, q: str, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
    """Documents and evidence sentences matching ``q``, best first."""
    query = _fts_query(q)
    if not query:
        return {"documents": [], "evidence": []}
    if conn.dialect.name != "sqlite":
        like = f"%{q}%"
        docs = conn.execute(text("SELECT id, title, site, date, substr(text, 1, 200) AS snippet FROM documents "
                                 "WHERE text LIKE :q OR title LIKE :q LIMIT :n"), {"q": like, "n": limit})
        evs = conn.execute(text("SELECT id, doc_id, fact_id, sentence AS snippet FROM evidence "
                                "WHERE sentence LIKE :q LIMIT :n"), {"q": like, "n": limit})
        return {"documents": [dict(r._mapping) for r in docs], "evidence": [dict(r._mapping) for r in evs]}
    docs = conn.execute(text(
        "SELECT d.id, d.title, d.site, d.date, d.lang, snippet(documents_fts, 1, '[', ']', ' … ', 16) AS snippet "
        "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
        "WHERE documents_fts MATCH :q ORDER BY rank LIMIT :n"), {"q": query, "n": limit})
    evs = conn.execute(text(
        "SELECT e.id, e.doc_id, e.fact_id, e.sentence AS snippet FROM evidence_fts "
        "JOIN evidence e ON e.id = evidence_fts.rowid WHERE evidence_fts MATCH :q ORDER BY rank LIMIT :n"),
        {"q": query, "n": limit})
    return {"documents": [dict(r._mapping) for r in docs], "evidence": [dict(r._mapping) for r in evs]}
