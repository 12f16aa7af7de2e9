"""The schema of ``data/patterns/<lang>.yaml``: every key the extraction rules read, and nothing else.

A key the rules do not read is an error (it would be knowledge nobody applies); a phrase must be a
regular expression that compiles; a frame's slots and types are the ones the builders know.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from mercato.model import FactType

Slot = Literal["person", "to_org", "from_org", "investor", "target", "by_org", "speaker", "org", "none"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FrameSpec(_Strict):
    """A trigger and its argument structure (see the comment at the top of patterns/en.yaml)."""

    name: str
    type: FactType
    agent: Slot
    patient: Slot
    verbs: list[str] = []
    nouns: list[str] = []
    phrases: list[str] = []
    kind: Literal["investment", "funding", "acquisition", "licensing"] | None = None
    role: str | None = None
    unit_role: str | None = None
    weak: bool = False
    needs_patient: bool = False
    needs_amount: bool = False
    needs_origin: bool = False

    @field_validator("phrases")
    @classmethod
    def _compiles(cls, phrases: list[str]) -> list[str]:
        for p in phrases:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"phrase {p!r} is not a regular expression: {exc}") from exc
        return phrases


class MediaFile(_Strict):
    """patterns/media.yaml: news organizations, which report facts rather than take part in them."""

    media: list[str]


class PatternsFile(_Strict):
    """One language's patterns: frames, then the named word lists the rules ask for."""

    frames: list[FrameSpec]
    cues: dict[str, list[str]] = {}
    markers: dict[str, list[str]] = {}
    status: dict[str, list[str]] = {}
    outcome: dict[str, list[str]] = {}
    component: dict[str, list[str]] = {}
    intent_verbs: list[str] = []
    group_nouns: list[str] = []
    titles: list[str] = []
    title_noise: list[str] = []
    unit_nouns: list[str] = []
    new_words: list[str] = []
    leader_markers: list[str] = []
    speech_verbs: list[str] = []
    speech_markers: list[str] = []
    spokesperson: list[str] = []
    org_nouns: list[str] = []
    staff_nouns: list[str] = []
    org_anaphora: list[str] = []
    person_pronouns: list[str] = []
    industry_terms: list[str] = []
    etre_verbs: list[str] = []
    lemma_fallback: list[tuple[str, str]] = []
