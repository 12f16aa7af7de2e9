"""Storing one document's extraction: facts, evidence, entities and mentions, idempotently."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, insert, select

from mercato.extract import extract_documents
from mercato.model import Document, Mention
from mercato.store import db
from mercato.store.facts import list_doc_facts, save_extraction
from mercato.store.schema import documents, entities, evidence, facts, mentions

TEXT = (
    "Anthropic poached Tomas Berg and Lena Ortiz from Google DeepMind, the AI startup said.\n"
    "Microsoft invested $2 billion in Mistral AI for a 10% stake.\n"
)


def _doc_row(conn, doc: Document) -> int:
    return conn.execute(
        insert(documents).values(
            source=doc.source,
            raw_text=doc.raw_text,
            text=doc.text,
            lang=doc.lang,
            content_hash=doc.content_hash,
            chars=len(doc.text),
            ingested_at="2025-01-01T00:00:00",
        )
    ).inserted_primary_key[0]


def test_extract_save_extraction_round_trip_and_no_duplicates(tmp_path: Path) -> None:
    engine = db.connect(tmp_path / "m.db")
    doc = Document(source="a.txt", raw_text=TEXT, text=TEXT, lang="en")
    (ext,) = extract_documents([doc])
    assert len(ext.facts) >= 3
    with engine.begin() as conn:
        doc_id = _doc_row(conn, doc)
        save_extraction(conn, doc_id, ext)
    with engine.begin() as conn:  # re-extracting the same document replaces, never duplicates
        save_extraction(conn, doc_id, ext)
    with engine.connect() as conn:
        stored = list_doc_facts(conn, doc_id)
        n_facts = conn.execute(select(func.count()).select_from(facts)).scalar_one()
        n_ev = conn.execute(select(func.count()).select_from(evidence)).scalar_one()
        n_mentions = conn.execute(select(func.count()).select_from(mentions)).scalar_one()
        names = {r.name for r in conn.execute(select(entities.c.name))}
        keys = [r.key for r in conn.execute(select(facts.c.key))]
    assert n_facts == len(ext.facts) == len(stored)
    assert len(set(keys)) == len(keys)
    assert n_ev == sum(len(f.evidence) for f in ext.facts)
    assert n_mentions == len(ext.mentions) > 0
    assert {"Tomas Berg", "Google DeepMind"} <= names
    by_person = {f.attrs.get("person"): f for f in stored if f.type == "move"}
    f = by_person["Lena Ortiz"]
    assert f.attrs["to_org"] == "Anthropic" and f.attrs["from_org"] == "Google DeepMind"
    ev = f.evidence[0]
    assert TEXT[ev.start : ev.end] == ev.sentence and ev.raw_start == ev.start


def test_extract_offsets_map_to_raw_text() -> None:
    raw = "<p>junk</p>\n" + TEXT
    doc = Document(source="b.html", raw_text=raw, text=TEXT, lang="en")
    doc.offsets.add(0, len("<p>junk</p>\n"), len(TEXT))
    (ext,) = extract_documents([doc])
    for f in ext.facts:
        for ev in f.evidence:
            assert raw[ev.raw_start : ev.raw_end] == ev.sentence


def test_extract_entity_known_comes_from_the_extraction_not_a_second_kb_lookup(tmp_path: Path) -> None:
    """An entity is stored as known exactly when extraction found it in the KB: the store does not ask
    the KB again (it sits below extraction and the link stage in the layers)."""
    engine = db.connect(tmp_path / "m.db")
    doc = Document(source="a.txt", raw_text=TEXT, text=TEXT, lang="en")
    (ext,) = extract_documents([doc])
    by_name = {m.entity: m.known for m in ext.mentions}
    assert by_name["Microsoft"] is True  # in data/kb.yaml
    assert by_name["Tomas Berg"] is False  # a name of our own, known to nobody
    ext.mentions.append(Mention("Zorblax Robotics", "org", 0, 3, "Ant", known=True))
    ext.mentions.append(Mention("OpenAI", "org", 0, 6, "OpenAI", known=False))
    with engine.begin() as conn:
        save_extraction(conn, _doc_row(conn, doc), ext)
    with engine.connect() as conn:
        known = {(r.name, r.kind): bool(r.known) for r in conn.execute(select(entities))}
    assert known[("Microsoft", "org")] and not known[("Tomas Berg", "person")]
    assert known[("Zorblax Robotics", "org")]  # said known by its mention, though no KB has it
    assert not known[("OpenAI", "org")]  # the KB knows the name, but no mention of it said so
