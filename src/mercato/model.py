"""The domain vocabulary every stage shares.

Data flows ingest -> clean -> extract -> store -> consolidate -> serve (docs/ARCHITECTURE.md), and
each stage speaks in these types. They are plain dataclasses on purpose: cheap to build in hot
loops, trivial to turn into JSON (``to_dict``) and into database rows.

Offsets: ``Evidence.start``/``end`` index into ``Document.text`` (the cleaned text); the
cleaner's ``OffsetMap`` turns them into offsets of ``Document.raw_text`` so that a sentence
can be shown in place in the original page.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

FactType = Literal["move", "offer", "investment", "unit", "denial"]


# How a fact's names are compared, when merging facts across documents (``consolidate/keys.py``):
# "org" (same organization), "person" (same person), "party" (either), "full_party" (an organization,
# or a person named in full), "words" (a content word in common), "amount" (two figures of one deal).
Compare = Literal["org", "person", "party", "full_party", "words", "amount"]


@dataclass(frozen=True, slots=True)
class Match:
    """One role two facts of a type must agree on to be one fact.

    The first of ``fields`` (each with how it is compared) that either fact fills decides; when
    neither fact fills any of them, they agree only if the role is ``optional``.
    """

    fields: tuple[tuple[str, Compare], ...]
    optional: bool = False


@dataclass(frozen=True, slots=True)
class BlockPart:
    """One part of a fact's merge block: the key of the first of ``fields`` that gives one ("person":
    the last name, "org": the first word of the organization's key), after its prefix; else ``default``.
    Every two facts that ``match`` must share their block: only facts of one block are compared."""

    fields: tuple[tuple[str, Literal["person", "org"], str], ...]  # (field, key, prefix)
    default: str = ""


@dataclass(frozen=True, slots=True)
class FactTypeSpec:
    """Everything the stages need to know about one type of fact, in one place.

    ``fields``: the contract fields, in display order; ``key``: the fields that identify a fact within
    one document; ``block`` and ``match``: when two facts of different documents are one (``consolidate``);
    ``edge``: the graph edge of an export, (source fields, first filled wins; target field);
    ``weight``: how much a fact of the type makes a story worth reading first; ``labels``: its name in
    each language of the interface; ``colour``: its colour on the pages.
    """

    name: str
    fields: tuple[str, ...]
    key: tuple[str, ...]
    block: tuple[BlockPart, ...]
    match: tuple[Match, ...]
    edge: tuple[tuple[str, ...], str]
    weight: int
    labels: dict[str, str]
    colour: str


# The registry of fact types. ``register_fact_type`` adds one; every stage reads these at call time.
FACT_TYPE_SPECS: dict[str, FactTypeSpec] = {}
# The contract fields of each fact type (../shared/eval/SCHEMA.md), in display order.
FACT_FIELDS: dict[str, tuple[str, ...]] = {}
# The fields that identify a fact: two facts of one type with the same key are the same fact.
FACT_KEYS: dict[str, tuple[str, ...]] = {}


def register_fact_type(spec: FactTypeSpec) -> None:
    """Make ``spec`` a fact type every stage knows (replacing one of the same name)."""
    FACT_TYPE_SPECS[spec.name] = spec
    FACT_FIELDS[spec.name] = spec.fields
    FACT_KEYS[spec.name] = spec.key


def unregister_fact_type(name: str) -> None:
    """Forget a fact type registered by ``register_fact_type`` (for tests)."""
    for table in (FACT_TYPE_SPECS, FACT_FIELDS, FACT_KEYS):
        table.pop(name, None)


def fact_types() -> tuple[str, ...]:
    """The names of the registered fact types, in registration order."""
    return tuple(FACT_TYPE_SPECS)


for _spec in (
    FactTypeSpec(
        name="move",
        fields=("person", "count", "from_org", "to_org", "role", "status"),
        key=("person", "to_org", "from_org"),
        block=(
            BlockPart((("person", "person", ""),), default="group"),
            BlockPart((("to_org", "org", ""), ("from_org", "org", "from ")), default="from "),
        ),
        match=(Match((("person", "person"),), optional=True), Match((("to_org", "org"), ("from_org", "org")))),
        edge=(("person", "from_org"), "to_org"),
        weight=2,
        labels={"en": "move", "fr": "mouvement"},
        colour="#2e7d32",
    ),
    FactTypeSpec(
        name="offer",
        fields=("by_org", "target_org", "target_person", "amount_usd", "component", "outcome", "attributed_to"),
        key=("by_org", "target_person", "target_org"),
        block=(
            BlockPart((("by_org", "org", ""),)),
            BlockPart((("target_person", "person", ""), ("target_org", "org", "org ")), default="org "),
        ),
        match=(
            Match((("by_org", "org"),)),
            Match((("target_person", "person"), ("target_org", "org")), optional=True),
        ),
        edge=(("by_org",), "target_org"),
        weight=4,
        labels={"en": "offer", "fr": "offre"},
        colour="#b26a00",
    ),
    FactTypeSpec(
        name="investment",
        fields=("investor", "target", "amount_usd", "stake_pct", "kind", "status"),
        key=("investor", "target"),
        block=(BlockPart((("target", "org", ""),)), BlockPart((("investor", "org", ""),))),
        match=(
            Match((("investor", "party"),), optional=True),
            Match((("target", "org"),)),
            Match((("amount_usd", "amount"),), optional=True),
        ),
        edge=(("investor",), "target"),
        weight=5,
        labels={"en": "investment", "fr": "investissement"},
        colour="#3451b2",
    ),
    FactTypeSpec(
        name="unit",
        fields=("org", "name", "leader"),
        key=("org", "name"),
        block=(BlockPart((("org", "org", ""),)),),
        match=(Match((("org", "org"),)), Match((("name", "words"),))),
        edge=(("org",), "name"),
        weight=3,
        labels={"en": "lab or unit", "fr": "laboratoire ou unité"},
        colour="#6941c6",
    ),
    FactTypeSpec(
        name="denial",
        fields=("speaker", "claim_by", "topic"),
        key=("speaker",),
        block=(BlockPart((("speaker", "person", ""), ("speaker", "org", ""))),),
        match=(Match((("speaker", "full_party"),)),),
        edge=(("speaker",), "claim_by"),
        weight=1,
        labels={"en": "denial", "fr": "démenti"},
        colour="#b42318",
    ),
):
    register_fact_type(_spec)

# The types mercato ships with (the evaluation contract's); ``fact_types()`` also has registered ones.
FACT_TYPES: tuple[FactType, ...] = ("move", "offer", "investment", "unit", "denial")


@dataclass(slots=True)
class OffsetMap:
    """Maps offsets in a cleaned text back to offsets in the text it was cleaned from.

    The cleaner keeps whole spans of the original; each kept span is a segment
    ``(clean_start, raw_start, length)``. Lookups are a binary search.
    """

    segments: list[tuple[int, int, int]] = field(default_factory=list)

    def add(self, clean_start: int, raw_start: int, length: int) -> None:
        self.segments.append((clean_start, raw_start, length))

    def to_raw(self, clean_offset: int) -> int:
        if not self.segments:
            return clean_offset
        starts = [s[0] for s in self.segments]
        i = max(0, bisect.bisect_right(starts, clean_offset) - 1)
        clean_start, raw_start, length = self.segments[i]
        return raw_start + min(max(clean_offset - clean_start, 0), length)

    def to_list(self) -> list[list[int]]:
        return [list(s) for s in self.segments]

    @classmethod
    def from_list(cls, data: list[list[int]] | None) -> OffsetMap:
        return cls([tuple(s) for s in (data or [])])  # type: ignore[misc]


@dataclass(slots=True)
class Document:
    """One article: where it came from, what it said, and what we kept of it."""

    source: str  # path or URL as given by the user
    raw_text: str  # text as received (HTML already turned to text for pages)
    text: str = ""  # cleaned article text: what extraction reads
    title: str | None = None
    url: str | None = None
    date: str | None = None  # ISO 8601 date of publication, when known
    author: str | None = None
    site: str | None = None
    lang: str | None = None
    html: str | None = None  # the page, when the input was HTML
    offsets: OffsetMap = field(default_factory=OffsetMap)
    meta: dict[str, Any] = field(default_factory=dict)
    id: int | None = None

    @property
    def content_hash(self) -> str:
        """Hash of the normalised clean text: the same article twice has the same hash."""
        norm = " ".join((self.text or self.raw_text).split()).casefold()
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Entity:
    """A person or organization, under its canonical name."""

    name: str
    kind: Literal["person", "org"]
    aliases: list[str] = field(default_factory=list)
    known: bool = False  # found in the knowledge base (as opposed to only by NER)
    id: int | None = None


@dataclass(slots=True)
class Mention:
    """Where an entity is named in a document's clean text."""

    entity: str  # canonical name
    kind: Literal["person", "org"]
    start: int
    end: int
    text: str
    known: bool = False  # the knowledge base knows the entity (extraction found it there)


@dataclass(slots=True)
class Evidence:
    """The span of a document that states a fact."""

    sentence: str
    start: int  # offsets into Document.text
    end: int
    confidence: float = 1.0
    raw_start: int | None = None  # offsets into Document.raw_text, through the OffsetMap
    raw_end: int | None = None
    doc_id: int | None = None


@dataclass(slots=True)
class Fact:
    """A fact of the contract: a type, its attributes, and the evidence that states it."""

    type: FactType
    attrs: dict[str, Any]
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 1.0
    id: int | None = None
    # The amount as the article wrote it, (value, ISO currency), beside ``attrs["amount_usd"]``: shown
    # to readers and stored, never part of the contract (``extract/written.py`` sets it).
    written: tuple[float, str] | None = None

    def key(self) -> tuple[Any, ...]:
        """The identity of the fact within one document (see FACT_KEYS)."""
        return (self.type,) + tuple(_norm_key(self.attrs.get(k)) for k in FACT_KEYS[self.type])

    def to_contract(self) -> dict[str, Any]:
        """The fact as ``mercato extract --json`` prints it (SCHEMA.md)."""
        out: dict[str, Any] = {"type": self.type}
        for name in FACT_FIELDS[self.type]:
            out[name] = self.attrs.get(name)
        out["evidence"] = self.evidence[0].sentence if self.evidence else None
        return out

    def to_dict(self) -> dict[str, Any]:
        out = self.to_contract()
        out["evidence"] = [asdict(e) for e in self.evidence]
        out["confidence"] = self.confidence
        return out


def _norm_key(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.casefold().split())
    return value


@dataclass(slots=True)
class Extraction:
    """What the extract stage returns for one document."""

    doc: Document
    facts: list[Fact] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relevant: bool = True
    signals: Any = None  # what the extractor measured on the whole document (extract.scorer.DocSignals)


class QueryError(ValueError):
    """A bad query parameter, with a message that says what is accepted."""
