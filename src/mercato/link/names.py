"""Word lists about names (src/mercato/data/names.yaml), shared by extraction and merging.

Whether "Foundation Models" or "Thrive Capital" can be a person, and which words never name an
entity alone, is knowledge about names in both languages: it lives in data, read once here and
validated by ``NamesFile`` (a misspelt key stops the program with the file and line).
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from mercato import knowledge

NAMES_FILE = knowledge.data_path("names.yaml")


class NamesFile(BaseModel):
    """The lists of names.yaml; each is described in the file's comments."""

    model_config = ConfigDict(extra="forbid")
    org_words: list[str] = []
    generic: list[str] = []
    attribute_suffixes: list[str] = []
    dotted_suffixes: list[str] = []
    person_titles: list[str] = []
    headline_small_words: list[str] = []
    calendar: list[str] = []
    product_words: list[str] = []
    product_nouns: list[str] = []
    places: list[str] = []
    fund_words: list[str] = []


@cache
def _data() -> NamesFile:
    return knowledge.load(NAMES_FILE, NamesFile)


def _lower(words: list[str]) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words)


def org_words() -> frozenset[str]:
    """Lower-case words that make a name an organization's ("capital", "labs", "ventures")."""
    return _lower(_data().org_words)


def generic_words() -> frozenset[str]:
    """Lower-case words that alone never name an entity ("ai", "ceo", "silicon valley")."""
    return _lower(_data().generic)


def attribute_suffixes() -> list[str]:
    """Suffixes after a hyphen that turn a name into an attribute ("-owned", "-based")."""
    return [str(w) for w in _data().attribute_suffixes]


def dotted_suffixes() -> list[str]:
    """Lower-case endings after a dot that keep a name one word ("Nod.ai", "Amazon.com")."""
    return [str(w).lower() for w in _data().dotted_suffixes]


def person_titles() -> frozenset[str]:
    """Lower-case words of a title written before a person's name ("Chief Financial Officer")."""
    return _lower(_data().person_titles)


def headline_small_words() -> frozenset[str]:
    """Lower-case words a Title Case headline leaves uncapitalised ("of", "and", "de")."""
    return _lower(_data().headline_small_words)


def calendar_words() -> frozenset[str]:
    """Lower-case names of days and months, which are never a person's or an organization's."""
    return _lower(_data().calendar)


def product_words() -> frozenset[str]:
    """Lower-case words (or two-word phrases) that make a name a chip's or a model's ("gpu", "chip")."""
    return _lower(_data().product_words)


def product_nouns() -> frozenset[str]:
    """Lower-case nouns written before a product's name ("chatbot", "modèle")."""
    return _lower(_data().product_nouns)


def places() -> frozenset[str]:
    """Lower-case names of countries, regions and large cities ("china", "londres")."""
    return _lower(_data().places)


def norm(text: Any) -> str:
    """Accent-, case- and punctuation-insensitive form of a name."""
    if text is None:
        return ""
    return _norm(str(text))


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def fund_words() -> frozenset[str]:
    """Lower-case words that, after a company's name, name its investment arm ("ventures")."""
    return _lower(_data().fund_words)
