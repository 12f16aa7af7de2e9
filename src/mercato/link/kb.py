"""The knowledge base (data/kb.yaml): canonical names of well-known organizations and people.

``find`` scans a text with two compiled regexes (case-insensitive aliases, exact-case short ones)
and keeps the longest match at each place; ``canonical`` maps any alias to the canonical name.
Names not in the KB are not an error: new names are the news, the extractor keeps them as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from mercato import knowledge

KB_PATH = knowledge.data_path("kb.yaml")


class Entry(BaseModel):
    """One organization or person and the other names the press gives it (see kb.yaml's header)."""

    model_config = ConfigDict(extra="forbid")
    name: str
    aliases: list[str] = []
    exact: list[str] = []
    products: list[str] = []
    roles: list[tuple[str, str]] = []


class KnowledgeFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    orgs: list[Entry] = []
    people: list[Entry] = []


_TRAILING = re.compile(r"[ ,]+(?:Corporation|Corp|Incorporated|Inc|Ltd|LLC|Group|Holdings)\b\.?")
_SUFFIX = re.compile(r"(?:'s|’s|,? (?:inc|corp|ltd|llc|sa|sas)\.?)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class KBMatch:
    start: int
    end: int
    canonical: str
    kind: str  # "org" | "person"
    text: str


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(_SUFFIX.sub("", text.strip()).split())


def _pattern(aliases: list[str], flags: int, squashed: bool = False) -> re.Pattern[str] | None:
    """One regex for all ``aliases``; ``squashed``: their words may also be written run together
    ("ScaleAI", "HuggingFace" for "Scale AI", "Hugging Face")."""
    if not aliases:
        return None
    gap = r"\s?" if squashed else r"\ "
    parts = [re.escape(a).replace("'", "['’]").replace(r"\ ", gap) for a in sorted(set(aliases), key=len, reverse=True)]
    return re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?![\w])", flags)


# texts whose KB names are kept: the engine checks up to a batch of chunks (256) before parsing them
FIND_MEMO = 512


class KnowledgeBase:
    """Aliases -> canonical names and kinds, products -> makers, roles -> people."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._canon: dict[str, tuple[str, str]] = {}
        self._squashed: dict[str, tuple[str, str]] = {}  # keys without spaces: "scaleai" -> Scale AI
        self._exact: dict[str, tuple[str, str]] = {}
        self._makers: dict[str, str] = {}
        self._roles: dict[tuple[str, str], str] = {}
        self._employers: dict[str, str] = {}
        self._aliases: dict[str, list[str]] = {}
        loose: list[str] = []
        for kind, entries in (("org", data.get("orgs", [])), ("person", data.get("people", []))):
            for e in entries:
                name = e["name"]
                self._aliases[name] = list(e.get("aliases", []))
                for alias in [name, *e.get("aliases", [])]:
                    self._canon[_key(alias)] = (name, kind)
                    self._squashed.setdefault(_key(alias).replace(" ", ""), (name, kind))
                    if alias not in e.get("exact", []):
                        loose.append(alias)
                for alias in e.get("exact", []):
                    self._exact[alias] = (name, kind)
                for product in e.get("products", []):
                    self._makers[_key(product)] = name
                for role, org in e.get("roles", []):
                    self._roles[(role.casefold(), _key(org))] = name
                    self._employers.setdefault(_key(name), org)
        # A loose alias that is also an exact one elsewhere (or the same) must not match loosely.
        loose = [a for a in loose if a not in self._exact]
        self._loose_re = _pattern(loose, re.IGNORECASE, squashed=True)
        self._exact_re = _pattern(list(self._exact), 0)
        self._found: dict[str, list[KBMatch]] = {}  # text -> its names, the last FIND_MEMO texts

    @classmethod
    def load(cls, path: Path | None = None) -> KnowledgeBase:
        return cls(knowledge.load(path or KB_PATH, KnowledgeFile).model_dump())

    def canonical(self, name: str | None) -> str | None:
        if not name:
            return None
        hit = self._hit(name)
        return hit[0] if hit else None

    def kind(self, name: str | None) -> str | None:
        if not name:
            return None
        hit = self._hit(name)
        return hit[1] if hit else None

    def _hit(self, name: str) -> tuple[str, str] | None:
        key = _key(name)
        return self._exact.get(name.strip()) or self._canon.get(key) or self._squashed.get(key.replace(" ", ""))

    def maker(self, product: str) -> str | None:
        return self._makers.get(_key(product))

    def role_holder(self, role: str, org: str) -> str | None:
        return self._roles.get((role.casefold(), _key(self.canonical(org) or org)))

    def employer(self, person: str) -> str | None:
        """The organization a known person leads or works for ("Mark Zuckerberg" -> "Meta")."""
        return self._employers.get(_key(self.canonical(person) or person))

    def aliases(self, name: str | None) -> list[str]:
        """The other names the knowledge base gives the entity ``name`` stands for (its tickers too)."""
        canonical = self.canonical(name)
        return list(self._aliases.get(canonical, [])) if canonical else []

    def is_industry_org(self, name: str) -> bool:
        return self.kind(name) == "org"

    def find(self, text: str) -> list[KBMatch]:
        """Every KB name in ``text``, longest first where matches overlap, in text order. The answers
        for the last texts are kept: the prefilter and then the entity finder read the same chunks."""
        hit = self._found.get(text)
        if hit is None:
            if len(self._found) >= FIND_MEMO:
                del self._found[next(iter(self._found))]
            hit = self._found[text] = self._find(text)
        return list(hit)

    def _find(self, text: str) -> list[KBMatch]:
        found: list[KBMatch] = []
        for regex, table in ((self._exact_re, "exact"), (self._loose_re, "loose")):
            if regex is None:
                continue
            for rm in regex.finditer(text):
                hit = self._exact.get(rm.group()) if table == "exact" else self._hit(rm.group())
                if hit:
                    end = rm.end()
                    if hit[1] == "org" and (tail := _TRAILING.match(text, end)):
                        end = tail.end()  # "Microsoft Corporation" is one mention, not two
                    found.append(KBMatch(rm.start(), end, hit[0], hit[1], text[rm.start() : end]))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[KBMatch] = []
        for m in found:
            if out and m.start < out[-1].end:
                continue
            out.append(m)
        return out


@lru_cache(maxsize=1)
def get_kb() -> KnowledgeBase:
    return KnowledgeBase.load()
