"""The JSON API's response models: what each endpoint answers, typed, in the OpenAPI schema.

Handlers encode their answers themselves (``api.json_response``: validating a page of facts against a
model cost more than reading it), so these models document and do not validate: the API tests check
every endpoint's answer against its model, which forbids any key it does not declare. A fact's fields
come from the registry (``model.FACT_TYPE_SPECS``): ``Fact`` names the fields every fact has, takes
the registry's as extra keys, and lists them in its schema when the schema is asked for.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, model_validator

from mercato.model import FACT_FIELDS

Scalar = str | int | float | bool | None
T = TypeVar("T")


class Out(BaseModel):
    """A response object: every key it may carry is declared."""

    model_config = ConfigDict(extra="forbid")


class Page(Out, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class Error(Out):
    error: str


class ValueGroup(Out):
    """One value the sources give a field, with the documents and sites that give it."""

    value: Scalar
    doc_ids: list[int]
    sites: list[str]
    last_date: str | None = None


class Source(Out):
    """A document stating a fact, and the sentence that states it."""

    doc_id: int
    file: str
    url: str | None
    site: str | None
    date: str | None
    title: str | None
    lang: str | None
    evidence: str | None
    evidence_id: int | None
    start: int | None
    end: int | None


class Review(Out):
    status: str
    note: str | None = None
    updated_at: str | None = None


def _registry_fields(schema: dict[str, Any]) -> None:
    """The fields of every registered fact type, added to ``Fact``'s schema when it is generated."""
    props = schema.setdefault("properties", {})
    for name in sorted({f for fields in FACT_FIELDS.values() for f in fields}):
        props.setdefault(name, {"anyOf": [{"type": t} for t in ("string", "number", "boolean", "null")]})


class Fact(BaseModel):
    """A canonical fact: its type's fields (the registry's), then what the map knows of it. Lists carry a
    summary (no ``values``, the first sources); ``/api/facts/{ref}`` carries everything."""

    model_config = ConfigDict(extra="allow", json_schema_extra=_registry_fields)

    id: int
    type: str
    disputed: bool
    first_date: str | None
    last_date: str | None
    n_sources: int
    n_sites: int
    values: dict[str, list[ValueGroup]] | None = None
    sources: list[Source] | None = None
    anchor: str | None = None
    amount_written: float | None = None  # the amount as the sources wrote it, in ``currency``
    currency: str | None = None
    disputes: list[Dispute] | None = None

    @model_validator(mode="after")
    def _only_registry_fields(self) -> Fact:
        known = FACT_FIELDS.get(self.type)
        if known is None:
            raise ValueError(f"unknown fact type {self.type!r}")
        extra = self.__pydantic_extra__ or {}
        unknown = sorted(set(extra) - set(known))
        if unknown:
            raise ValueError(f"{self.type} has no field {', '.join(unknown)}")
        if any(not isinstance(v, Scalar) for v in extra.values()):
            raise ValueError("a fact's fields are strings, numbers, booleans or null")
        return self


class Side(Out):
    label: str
    value: Scalar
    doc_ids: list[int]
    sites: list[str]


class Dispute(Out):
    id: int
    kind: str
    summary: str
    sides: list[Side]
    claim: Fact | None
    counter: Fact | None
    counters: list[Fact | None]
    ref: str | None = None
    review: Review | None = None


class DocumentRow(Out):
    id: int
    date: str | None
    lang: str | None
    site: str | None
    title: str | None
    chars: int
    source: str
    url: str | None
    duplicate_of: int | None


class DocEvidence(Out):
    sentence: str
    start: int
    end: int
    raw_start: int | None = None
    raw_end: int | None = None
    doc_id: int | None = None
    confidence: float | None = None


class DocFact(BaseModel):
    """A fact as one document states it: its type's fields, its evidence and confidence."""

    model_config = ConfigDict(extra="allow", json_schema_extra=_registry_fields)

    type: str
    evidence: list[DocEvidence]
    confidence: float


class DocumentDetail(Out):
    id: int
    source: str
    url: str | None
    title: str | None
    date: str | None
    author: str | None
    site: str | None
    lang: str | None
    text: str
    duplicate_of: int | None
    facts: list[DocFact]


class Entity(Out):
    id: int
    name: str
    kind: str
    known: bool
    mentions: int
    documents: int


class StoryDocument(Out):
    id: int
    title: str | None
    date: str | None
    site: str | None
    source: str
    url: str | None
    lang: str | None


class Story(Out):
    id: int
    title: str
    first_date: str | None
    last_date: str | None
    langs: list[str]
    documents: list[StoryDocument]
    facts: list[Fact]


class FlowLink(Out):
    source: str
    target: str
    people: int
    at_least: bool
    named: list[str]
    fact_ids: list[int]


class NetFlow(Out):
    org: str
    net: int


class Flows(Out):
    links: list[FlowLink]
    total_links: int
    net: list[NetFlow]


class DocumentHit(Out):
    id: int
    title: str | None
    date: str | None
    site: str | None
    lang: str | None
    snippet: str


class EvidenceHit(Out):
    id: int
    doc_id: int
    fact_id: int
    snippet: str


class SearchResults(Out):
    documents: list[DocumentHit]
    evidence: list[EvidenceHit]


class KeyPoint(Out):
    text: str
    fact_id: int
    doc_id: int
    evidence: str | None
    start: int | None
    end: int | None
    n_sources: int | None = None


class DocumentKeyPoints(Out):
    doc_id: int
    title: str | None
    lang: str
    points: list[KeyPoint]


class StoryKeyPoints(Out):
    story_id: int
    title: str | None
    lang: str
    points: list[KeyPoint]


class OrgCount(Out):
    org: str
    facts: int


class Overview(Out):
    documents: int
    facts: int  # canonical facts
    per_doc_facts: int  # facts as each document states them, before the merge
    disputes: int
    people: int  # people moving (the arrivals' head counts)
    money: float  # money invested, in US dollars
    by_type: dict[str, int]
    active_orgs: list[OrgCount]
    largest: dict[str, list[Fact]]


class PersonRow(Out):
    key: str
    name: str
    facts: int
    moves: int
    offers: int
    units: int
    denials: int
    last_date: str | None


class OrgRow(Out):
    key: str
    name: str
    facts: int
    arrivals: int
    departures: int
    net: int
    money_in: float
    money_out: float
    offers: int
    last_date: str | None


class Suggestion(Out):
    kind: str
    key: str
    name: str
    facts: int


class Facet(Out):
    value: str
    label: str
    n: int
    key: str | None = None
    since: str | None = None
    until: str | None = None


class OrgTotals(Out):
    facts: int
    people_in: int
    people_out: int
    net_flow: int
    money_raised: float
    invested: float
    offers_made: int
    disputes: int


class Profile(Out):
    """A person's or an organization's page as data; a name nobody has gives ``found`` false and the
    ``close`` names."""

    name: str
    found: bool
    key: str | None = None
    kind: str | None = None
    names: list[str] | None = None
    close: list[str] | None = None
    timeline: list[Fact] = []
    months: list[list[str | int]] | None = None
    # a person
    employer: str | None = None
    employer_key: str | None = None
    role: str | None = None
    role_is_unit: bool | None = None
    since_date: str | None = None
    moves: list[Fact] | None = None
    offers: list[Fact] | None = None
    disputed: int | list[Fact] | None = None  # a person: how many; an organization: which
    # an organization
    arrivals: list[Fact] | None = None
    departures: list[Fact] | None = None
    internal: list[Fact] | None = None
    offers_made: list[Fact] | None = None
    offers_received: list[Fact] | None = None
    investments_made: list[Fact] | None = None
    investments_received: list[Fact] | None = None
    units: list[Fact] | None = None
    denials: list[Fact] | None = None
    totals: OrgTotals | None = None


class Skipped(Out):
    source: str
    reason: str


class IngestResult(Out):
    summary: str
    new: list[int]
    updated: list[int]
    duplicates: int
    near_duplicates: int
    skipped: list[Skipped]


Fact.model_rebuild()
