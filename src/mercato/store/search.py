"""Full-text search over documents and evidence (SQLite FTS5, PostgreSQL's own full-text search;
a LIKE scan on other databases).

Why the queries look the way they do (measured on 20,000 documents and 100,000 evidence rows):

- FTS5's ``bm25()`` needs, for every phrase, the number of rows containing it, and counts them by
  reading the phrase's whole doclist. ``ORDER BY rank`` therefore costs time in proportion to every
  match, not to the page asked for: a word found in every document took seconds to rank. Ranking also
  tells little for such a word (its IDF is nearly zero, so bm25 only sorts by term frequency and
  length). So a query with more than ``RANK_LIMIT`` matches lists the newest matches first, in rowid
  order, which FTS5 walks lazily and stops after ``limit`` rows; rarer queries are ranked by bm25,
  whose cost is then bounded by ``RANK_LIMIT``.
- PostgreSQL (revision 0009) follows the same plan with its ``tsvector`` columns: ``ts_rank`` when
  few rows match, newest first otherwise; ``ts_headline`` only for the rows returned.
- ``snippet()`` tokenizes the whole text of each row it is evaluated on, so it is only computed for the
  rows returned, never for the rows merely considered.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import Connection, text

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _fold_table() -> tuple[str, str]:
    """Latin letters with diacritics and the plain letter each folds to, as two strings of equal length."""
    src, dst = [], []
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch)[0].lower()
        if base != ch.lower() and base.isascii() and base.isalpha():
            src.append(ch)
            dst.append(base)
    return "".join(src), "".join(dst)


FOLD = _fold_table()  # used by revision 0009's mercato_fold: change it only with a new revision
_FOLD_MAP = str.maketrans(*FOLD)
RANK_LIMIT = 1000  # above this many matches, newest first instead of bm25 (see the module docstring)

# {table} is one of the two FTS tables, {order} one of two orders: constants, never user input.
_NEWEST = "SELECT rowid FROM {table} WHERE {table} MATCH :q ORDER BY rowid DESC LIMIT :k"
_DOCS = (
    "SELECT d.id, d.title, d.site, d.date, d.lang, snippet(documents_fts, 1, '[', ']', ' … ', 16) AS snippet "
    "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
    "WHERE documents_fts MATCH :q AND documents_fts.rowid >= :lo ORDER BY {order} LIMIT :n"
)
_EVIDENCE = (
    "SELECT e.id, e.doc_id, e.fact_id, e.sentence AS snippet FROM evidence_fts "
    "JOIN evidence e ON e.id = evidence_fts.rowid WHERE evidence_fts MATCH :q ORDER BY {order} LIMIT :n"
)
_EVIDENCE_BY_ID = "SELECT id, doc_id, fact_id, sentence AS snippet FROM evidence WHERE id IN ({ids}) ORDER BY id DESC"


_PHRASE = re.compile(r'"([^"]*)"?')


def _fts_query(q: str) -> str:
    """User words as an FTS5 query: every word must appear, each as a prefix ("scal" finds Scale); words
    in double quotes as that phrase ("chief scientist")."""
    parts: list[str] = []
    pos = 0
    for m in _PHRASE.finditer(q):
        parts += [f'"{t}"*' for t in _TOKEN.findall(q[pos : m.start()])]
        words = _TOKEN.findall(m.group(1))
        if words:
            parts.append('"' + " ".join(words) + '"')
        pos = m.end()
    parts += [f'"{t}"*' for t in _TOKEN.findall(q[pos:])]
    return " ".join(parts)


def _newest(conn: Connection, table: str, query: str) -> list[int]:
    """Rowids of the newest matches, up to RANK_LIMIT + 1: more than RANK_LIMIT means a very common query.

    FTS5 walks a doclist in rowid order and stops at the LIMIT, so this costs little even when every
    row matches (a prefix query still merges the doclists of the words it expands to, once).
    """
    return list(conn.execute(text(_NEWEST.format(table=table)), {"q": query, "k": RANK_LIMIT + 1}).scalars())


def search(conn: Connection, q: str, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
    """Documents and evidence sentences matching ``q``: best first, or newest first for very common words."""
    query = _fts_query(q)
    if not query or limit <= 0:
        return {"documents": [], "evidence": []}
    if conn.dialect.name == "postgresql":
        return _search_postgresql(conn, q, limit)
    if conn.dialect.name != "sqlite":
        like = f"%{q}%"
        docs = conn.execute(
            text(
                "SELECT id, title, site, date, substr(text, 1, 200) AS snippet FROM documents "
                "WHERE text LIKE :q OR title LIKE :q LIMIT :n"
            ),
            {"q": like, "n": limit},
        )
        evs = conn.execute(
            text("SELECT id, doc_id, fact_id, sentence AS snippet FROM evidence WHERE sentence LIKE :q LIMIT :n"),
            {"q": like, "n": limit},
        )
        return {"documents": [dict(r._mapping) for r in docs], "evidence": [dict(r._mapping) for r in evs]}
    newest = _newest(conn, "documents_fts", query)
    if len(newest) <= RANK_LIMIT:
        docs = conn.execute(text(_DOCS.format(order="rank")), {"q": query, "lo": 0, "n": limit})
    else:  # the newest `limit` matches, which are those from the limit-th newest rowid on
        lo = newest[limit - 1] if limit <= len(newest) else 0
        sql = _DOCS.format(order="documents_fts.rowid DESC")
        docs = conn.execute(text(sql), {"q": query, "lo": lo, "n": limit})
    newest = _newest(conn, "evidence_fts", query)
    if len(newest) <= RANK_LIMIT:
        evs = conn.execute(text(_EVIDENCE.format(order="rank")), {"q": query, "n": limit})
    elif limit <= len(newest):  # no snippet to compute: read the rows by id, without a second FTS pass
        evs = conn.execute(text(_EVIDENCE_BY_ID.format(ids=",".join(str(int(i)) for i in newest[:limit]))))
    else:
        evs = conn.execute(text(_EVIDENCE.format(order="evidence_fts.rowid DESC")), {"q": query, "n": limit})
    return {"documents": [dict(r._mapping) for r in docs], "evidence": [dict(r._mapping) for r in evs]}


# PostgreSQL (revision 0009): {table} and {order} are constants, never user input.
_PG_NEWEST = "SELECT id FROM {table} WHERE search @@ to_tsquery('simple', :q) ORDER BY id DESC LIMIT :k"
_PG_DOCS = (
    "SELECT d.id, d.title, d.site, d.date, d.lang, ts_headline('simple', d.text, to_tsquery('simple', :q), "
    "'StartSel=[, StopSel=], MaxFragments=1, MaxWords=16, MinWords=8, FragmentDelimiter=\" … \"') AS snippet "
    "FROM (SELECT id FROM documents WHERE search @@ to_tsquery('simple', :q) AND id >= :lo "
    "ORDER BY {order} LIMIT :n) AS hit JOIN documents d ON d.id = hit.id ORDER BY {outer}"
)
_PG_EVIDENCE = (
    "SELECT id, doc_id, fact_id, sentence AS snippet FROM evidence WHERE search @@ to_tsquery('simple', :q) "
    "ORDER BY {order} LIMIT :n"
)
_PG_RANK = "ts_rank(search, to_tsquery('simple', :q)) DESC, id DESC"


def _pg_query(q: str) -> str:
    """User words as a tsquery: every word, accents folded as revision 0009 folds the text, as a prefix."""
    words = _TOKEN.findall(q.lower().translate(_FOLD_MAP))
    return " & ".join(f"'{w}':*" for w in words)


def _search_postgresql(conn: Connection, q: str, limit: int) -> dict[str, list[dict[str, Any]]]:
    """``search`` on PostgreSQL: the plan of the module docstring on the ``search`` columns."""
    query = _pg_query(q)
    if not query:
        return {"documents": [], "evidence": []}
    newest = list(conn.execute(text(_PG_NEWEST.format(table="documents")), {"q": query, "k": RANK_LIMIT + 1}).scalars())
    if len(newest) <= RANK_LIMIT:
        sql = _PG_DOCS.format(order=_PG_RANK, outer="ts_rank(d.search, to_tsquery('simple', :q)) DESC, d.id DESC")
        docs = conn.execute(text(sql), {"q": query, "lo": 0, "n": limit})
    else:
        lo = newest[limit - 1] if limit <= len(newest) else 0
        sql = _PG_DOCS.format(order="id DESC", outer="d.id DESC")
        docs = conn.execute(text(sql), {"q": query, "lo": lo, "n": limit})
    newest = list(conn.execute(text(_PG_NEWEST.format(table="evidence")), {"q": query, "k": RANK_LIMIT + 1}).scalars())
    order = _PG_RANK if len(newest) <= RANK_LIMIT else "id DESC"
    evs = conn.execute(text(_PG_EVIDENCE.format(order=order)), {"q": query, "n": limit})
    return {"documents": [dict(r._mapping) for r in docs], "evidence": [dict(r._mapping) for r in evs]}
