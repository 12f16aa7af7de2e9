"""The domain vocabulary every stage shares.

Data flows ingest -> clean -> extract -> link -> consolidate -> store -> serve, and each
stage speaks in these types. They are plain dataclasses on purpose: cheap to build in hot
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
FACT_TYPES: tuple[FactType, ...] = ("move", "offer", "investment", "unit", "denial")

# The contract fields of each fact type (../shared/eval/SCHEMA.md), in display order.
FACT_FIELDS: dict[str, tuple[str, ...]] = {
    "move": ("person", "count", "from_org", "to_org", "role", "status"),
    "offer": ("by_org", "target_org", "target_person", "amount_usd", "component", "outcome", "attributed_to"),
    "investment": ("investor", "target", "amount_usd", "stake_pct", "kind", "status"),
    "unit": ("org", "name", "leader"),
    "denial": ("speaker", "claim_by", "topic"),
}

# The fields that identify a fact: two facts of one type with the same key are the same fact.
FACT_KEYS: dict[str, tuple[str, ...]] = {
    "move": ("person", "to_org", "from_org"),
    "offer": ("by_org", "target_person", "target_org"),
    "investment": ("investor", "target"),
    "unit": ("org", "name"),
    "denial": ("speaker",),
}


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
