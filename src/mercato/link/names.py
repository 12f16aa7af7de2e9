"""Word lists about names (src/mercato/data/names.yaml), shared by extraction and merging.

Whether "Foundation Models" or "Thrive Capital" can be a person, and which words never name an
entity alone, is knowledge about names in both languages: it lives in data, read once here.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

NAMES_FILE = Path(__file__).resolve().parents[1] / "data" / "names.yaml"


@cache
def _data() -> dict[str, Any]:
    return yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8")) or {}


def org_words() -> frozenset[str]:
    """Lower-case words that make a name an organization's ("capital", "labs", "ventures")."""
    return frozenset(w.lower() for w in _data().get("org_words", []))


def generic_words() -> frozenset[str]:
    """Lower-case words that alone never name an entity ("ai", "ceo", "silicon valley")."""
    return frozenset(w.lower() for w in _data().get("generic", []))


def attribute_suffixes() -> list[str]:
    """Suffixes after a hyphen that turn a name into an attribute ("-owned", "-based")."""
    return [str(w) for w in _data().get("attribute_suffixes", [])]


def dotted_suffixes() -> list[str]:
    """Lower-case endings after a dot that keep a name one word ("Nod.ai", "Amazon.com")."""
    return [str(w).lower() for w in _data().get("dotted_suffixes", [])]


def person_titles() -> frozenset[str]:
    """Lower-case words of a title written before a person's name ("Chief Financial Officer")."""
    return frozenset(str(w).lower() for w in _data().get("person_titles", []))


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
