"""The tables, in SQLAlchemy Core: SQLite by default, PostgreSQL when a team needs it.

Changing a table means adding an Alembic revision under ``store/migrations/versions``;
``store.db.connect`` upgrades every database it opens to the latest revision.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    CursorResult,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),  # path or URL as given
    Column("url", Text),
    Column("title", Text),
    Column("date", String(32)),  # ISO 8601
    Column("author", Text),
    Column("site", Text),
    Column("lang", String(8)),
    Column("raw_text", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("offsets", JSON),  # OffsetMap.to_list()
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("minhash", JSON),  # MinHash signature, for near-duplicate look-ups
    Column("duplicate_of", Integer, ForeignKey("documents.id", ondelete="SET NULL")),
    Column("chars", Integer, nullable=False),
    Column("meta", JSON),
    Column("ingested_at", String(32), nullable=False),
    # EXTRACT_DONE, or EXTRACT_AWAITING until its facts are stored (revision 0009), or EXTRACT_FAILED
    # (retried by ``mercato ingest --resume`` only; also documents of older stores that have no facts)
    Column("extract_state", Integer, nullable=False, server_default="0"),
)
EXTRACT_DONE, EXTRACT_AWAITING, EXTRACT_FAILED = 0, 1, 2
Index("ix_documents_url", documents.c.url)
Index("ix_documents_extract_state", documents.c.extract_state)
Index("ix_documents_date", documents.c.date)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(8), nullable=False),  # person | org
    Column("known", Integer, nullable=False, default=0),  # in the knowledge base
    UniqueConstraint("name", "kind", name="uq_entities_name_kind"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)
Index("ix_mentions_doc", mentions.c.doc_id)
Index("ix_mentions_entity", mentions.c.entity_id)

# Facts as one document states them; consolidation merges them across documents.
facts = Table(
    "facts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(16), nullable=False),
    Column("attrs", JSON, nullable=False),
    Column("key", Text, nullable=False),  # JSON of Fact.key(): one row per key per document
    Column("confidence", Float, nullable=False, default=1.0),
    # A hash of the document's content and the fact's key (revision 0011): the same for the same fact
    # of the same article whatever order the store was filled in, so a permalink survives a re-ingest.
    Column("anchor", String(16)),
    # The amount as the article wrote it (revision 0012): {"amount", "currency", "usd"}, or NULL.
    Column("written", JSON),
    UniqueConstraint("doc_id", "key", name="uq_facts_doc_key"),
)
Index("ix_facts_type", facts.c.type)
Index("ix_facts_anchor", facts.c.anchor)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("fact_id", Integer, ForeignKey("facts.id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("sentence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("raw_start", Integer),
    Column("raw_end", Integer),
    Column("confidence", Float, nullable=False, default=1.0),
)
Index("ix_evidence_fact", evidence.c.fact_id)
Index("ix_evidence_doc", evidence.c.doc_id)

# --- The market map (consolidate stage): facts merged across documents. -----------------------

canonical_facts = Table(
    "canonical_facts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("type", String(16), nullable=False),
    Column("block", Text, nullable=False),  # normalised primary entity: where merge candidates live
    Column("attrs", JSON, nullable=False),  # the voted value of each contract field
    Column("values", JSON, nullable=False),  # field -> [{value, doc_ids, sites}] as sources give them
    Column("first_date", String(32)),
    Column("last_date", String(32)),
    Column("n_sources", Integer, nullable=False, default=0),
    Column("n_sites", Integer, nullable=False, default=0),
    Column("disputed", Integer, nullable=False, default=0),
    Column("names", Text, nullable=False, default=""),  # "|"-joined normalised names, for filters
)
Index("ix_canonical_type_block", canonical_facts.c.type, canonical_facts.c.block)
Index("ix_canonical_first_date", canonical_facts.c.first_date)
Index("ix_canonical_last_date", canonical_facts.c.last_date, canonical_facts.c.n_sources, canonical_facts.c.id)
Index("ix_canonical_type_last_date", canonical_facts.c.type, canonical_facts.c.last_date)

fact_links = Table(
    "fact_links",
    metadata,
    Column("fact_id", Integer, ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True),
    Column("canonical_id", Integer, ForeignKey("canonical_facts.id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
)
Index("ix_fact_links_canonical", fact_links.c.canonical_id)
Index("ix_fact_links_doc", fact_links.c.doc_id)

# The parties each canonical fact names, as lookup keys ("o:meta", "w:altman"), written by the merge:
# how a denial finds the claims it may deny (and a claim its denials) without reading every fact.
canonical_keys = Table(
    "canonical_keys",
    metadata,
    Column("key", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("canonical_id", Integer, ForeignKey("canonical_facts.id", ondelete="CASCADE"), nullable=False),
)
Index("ix_canonical_keys_key", canonical_keys.c.key, canonical_keys.c.type)
Index("ix_canonical_keys_canonical", canonical_keys.c.canonical_id)

# One row per canonical move between two organizations, written by the merge with the move: what the
# talent-flow view aggregates, without decoding every move's attributes.
move_flows = Table(
    "move_flows",
    metadata,
    Column("canonical_id", Integer, ForeignKey("canonical_facts.id", ondelete="CASCADE"), primary_key=True),
    Column("from_org", Text, nullable=False),
    Column("to_org", Text, nullable=False),
    Column("person", Text),
    Column("people", Integer, nullable=False),
    Column("first_date", String(32)),
    Column("last_date", String(32)),
    Column("status", String(32)),  # the canonical move's voted status (revision 0013), a filter and a facet
)
# Covering indexes (revision 0008): the flow view groups by pair and sums inflows and outflows in
# SQLite, reading these in order instead of sorting every move.
Index("ix_move_flows_pair", *(move_flows.c[k] for k in ("from_org", "to_org", "people", "first_date", "last_date")))
Index("ix_move_flows_to", *(move_flows.c[k] for k in ("to_org", "people", "first_date", "last_date")))

# One row per person or organization a canonical fact names (revision 0011), written by the merge with
# the fact: what the people and organization indexes aggregate and what a profile's facts are read from,
# by identity (``ekey``: the knowledge base's canonical name normalised, else the name's) not by LIKE.
fact_entities = Table(
    "fact_entities",
    metadata,
    Column("canonical_id", Integer, ForeignKey("canonical_facts.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(8), nullable=False),  # person | org
    Column("ekey", Text, nullable=False),
    Column("name", Text, nullable=False),  # as the fact gives it
    Column("field", String(16), nullable=False),  # the contract field that names it
    Column("main", Integer, nullable=False, default=1),  # 1 on the first row of an entity in a fact
    Column("type", String(16), nullable=False),
    Column("amount", Float),  # amount_usd of the fact, when it has one
    Column("people", Integer, nullable=False, default=1),  # a move's head count
    Column("first_date", String(32)),
    Column("last_date", String(32)),
)
# Covering: the indexes group by entity, type and field reading this index alone (reading the table's rows
# for them cost ten times as much at 100,000 facts), and a profile finds its facts here.
Index(
    "ix_fact_entities_key",
    *(fact_entities.c[k] for k in ("kind", "ekey", "type", "field", "main", "people", "amount", "last_date")),
    fact_entities.c.first_date,
    fact_entities.c.canonical_id,
    fact_entities.c.name,
)
Index("ix_fact_entities_canonical", fact_entities.c.canonical_id)

disputes = Table(
    "disputes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),  # denial | figures | outcome | status
    Column("claim_id", Integer, ForeignKey("canonical_facts.id", ondelete="CASCADE"), nullable=False),
    Column("counter_id", Integer, ForeignKey("canonical_facts.id", ondelete="CASCADE")),  # the denial
    Column("summary", Text, nullable=False),
    Column("sides", JSON, nullable=False),  # [{label, value, sources: [doc ids]}]
    UniqueConstraint("kind", "claim_id", "counter_id", name="uq_disputes"),
)
Index("ix_disputes_claim", disputes.c.claim_id)
Index("ix_disputes_counter", disputes.c.counter_id)


# An analyst's review of a dispute (revision 0011), kept under the dispute's permanent name (``{kind}-{anchor
# of its claim}``, see ``serve.profiles``): a re-ingest that rebuilds the disputes keeps their reviews.
dispute_reviews = Table(
    "dispute_reviews",
    metadata,
    Column("ref", String(40), primary_key=True),
    Column("status", String(16), nullable=False),  # open | claim | counter | unresolvable
    Column("note", Text, nullable=False, default=""),
    Column("updated_at", String(32), nullable=False),
)


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the one row an INSERT added."""
    key = result.inserted_primary_key
    if key is None:  # only for a statement that was not a single-row INSERT: a bug of the caller
        raise ValueError("not a single-row INSERT: no primary key")
    return int(key[0])


def create_tables(bind: Connection | Engine, names: tuple[str, ...]) -> None:
    """Create the named tables (with their indexes) as declared here: what a new-table revision does."""
    for name in names:
        metadata.tables[name].create(bind, checkfirst=True)


def drop_tables(bind: Connection | Engine, names: tuple[str, ...]) -> None:
    for name in reversed(names):
        metadata.tables[name].drop(bind, checkfirst=True)
