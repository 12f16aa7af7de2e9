"""Key points: 3 to 5 short bullets for a document or a story, each linked to its evidence.

Bullets state the facts first (per-language templates, see ``render``); when a document has
fewer than three facts, its most central sentences complete them (centrality: cosine between a
sentence's words and the whole text's, which favours sentences about what the text is about).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from sqlalchemy import Connection, select

from mercato.consolidate.render import LANGS, sentence
from mercato.consolidate.stories import get_story, type_weight
from mercato.store.facts import list_doc_facts
from mercato.store.schema import documents

MAX_POINTS, MIN_POINTS = 5, 3
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_WORD = re.compile(r"\w{4,}")


def keypoints_for_doc(conn: Connection, doc_id: int, lang: str | None = None) -> dict[str, Any] | None:
    doc = conn.execute(select(documents).where(documents.c.id == doc_id)).first()
    if doc is None:
        return None
    lang = _lang(lang or doc.lang)
    facts = sorted(list_doc_facts(conn, doc_id), key=lambda f: -type_weight(f.type))
    points: list[dict[str, Any]] = []
    for f in facts:
        text = sentence(f.type, f.attrs, lang)
        ev = f.evidence[0] if f.evidence else None
        _add(
            points,
            {
                "text": text,
                "fact_id": f.id,
                "doc_id": doc_id,
                "start": ev.start if ev else None,
                "end": ev.end if ev else None,
                "evidence": ev.sentence if ev else None,
            },
        )
    if len(points) < MIN_POINTS:
        covered = [(p["start"], p["end"]) for p in points if p["start"] is not None]
        for start, end, text in central_sentences(doc.text):
            if len(points) >= MIN_POINTS:
                break
            if any(s <= start < e or start <= s < end for s, e in covered):
                continue
            _add(
                points,
                {
                    "text": text,
                    "fact_id": None,
                    "doc_id": doc_id,
                    "start": start,
                    "end": end,
                    "evidence": text,
                },
            )
    return {"doc_id": doc_id, "lang": lang, "title": doc.title, "points": points[:MAX_POINTS]}


def keypoints_for_story(conn: Connection, story_id: int, lang: str | None = None) -> dict[str, Any] | None:
    lang = _lang(lang)
    story = get_story(conn, story_id, lang)
    if story is None:
        return None
    points: list[dict[str, Any]] = []
    for f in story["facts"]:
        src = f["sources"][0] if f["sources"] else {}
        _add(
            points,
            {
                "text": sentence(f["type"], f, lang),
                "fact_id": f["id"],
                "doc_id": src.get("doc_id"),
                "start": src.get("start"),
                "end": src.get("end"),
                "evidence": src.get("evidence"),
                "n_sources": f["n_sources"],
            },
        )
    if len(points) < MIN_POINTS and story["documents"]:
        extra = keypoints_for_doc(conn, story["documents"][0]["id"], lang) or {"points": []}
        for p in extra["points"]:
            _add(points, p)
    return {"story_id": story["id"], "lang": lang, "title": story["title"], "points": points[:MAX_POINTS]}


def _add(points: list[dict[str, Any]], point: dict[str, Any]) -> None:
    if all(p["text"] != point["text"] for p in points):
        points.append(point)


def _lang(lang: str | None) -> str:
    return lang if lang in LANGS else "en"


def central_sentences(text: str) -> list[tuple[int, int, str]]:
    """Sentences of ``text`` with their offsets, most central first."""
    spans = []
    for m in _SENTENCE.finditer(text or ""):
        raw = m.group()
        t = raw.strip()
        if 40 <= len(t) <= 400:
            start = m.start() + len(raw) - len(raw.lstrip())
            spans.append((start, start + len(t), t))
    whole = Counter(w.casefold() for w in _WORD.findall(text or ""))
    norm_whole = math.sqrt(sum(v * v for v in whole.values())) or 1.0

    def score(t: str) -> float:
        words = Counter(w.casefold() for w in _WORD.findall(t))
        dot = sum(v * whole[w] for w, v in words.items())
        return dot / ((math.sqrt(sum(v * v for v in words.values())) or 1.0) * norm_whole)

    return sorted(spans, key=lambda x: -score(x[2]))
