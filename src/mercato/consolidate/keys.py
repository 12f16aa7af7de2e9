"""When do two facts state the same thing? Normalised names, merge blocks and the match rule.

The rule follows the evaluation contract (SCHEMA.md, "How score.py matches"): a person is known by
the last name, organizations match accent- and case-insensitively through the knowledge base's
aliases or when one name is a word-prefix of the other ("Scale" ~ "Scale AI").

Merging must not be O(n^2): every canonical fact sits in a *block* (its type plus one normalised
entity that any matching fact shares), and a new fact is only compared with its block.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from mercato.link import names
from mercato.link.kb import get_kb

_ORG_SUFFIXES = (" inc", " corp", " corporation", " ltd", " llc", " sa", " sas", " plc", " gmbh")
_STOP = frozenset(
    yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "name_stopwords.yaml").read_text("utf-8"))
)


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


@lru_cache(maxsize=65536)
def org_key(name: str | None) -> str:
    """The normalised canonical name of an organization ("Meta Platforms Inc." -> "meta")."""
    if not name:
        return ""
    canonical = _kb_canonical(name) or name
    n = norm(canonical)
    for suffix in _ORG_SUFFIXES:
        if n.endswith(suffix):
            n = n[: -len(suffix)]
    return n


def _kb_canonical(name: str) -> str | None:
    try:
        return get_kb().canonical(name)
    except Exception:  # a KB problem must not stop the merge
        return None


# Words that make a name an organization's ("Scale AI", "Thrive Capital"), never a person's.
ORG_WORDS = names.org_words()


@lru_cache(maxsize=65536)
def person_key(name: str | None) -> str:
    """The last word of a person's normalised name: how sources agree on who it is."""
    words = norm(name).split()
    if not words or words[-1] in ORG_WORDS or _kb_kind(name) == "org":
        return ""
    return words[-1]


def _kb_kind(name: str | None) -> str | None:
    return get_kb().kind(name) if name else None


def same_org(a: str | None, b: str | None) -> bool:
    ka, kb = org_key(a), org_key(b)
    if not ka or not kb:
        return False
    ta, tb = ka.split(), kb.split()
    return ta == tb[: len(ta)] or tb == ta[: len(tb)]


def same_person(a: str | None, b: str | None) -> bool:
    """Whether two names are one person's. Organizations are nobody: "Thrive Capital" is not "Tiger
    Capital", though both end with the same word and start with the same letter."""
    wa, wb = norm(a).split(), norm(b).split()
    if not wa or not wb or not person_key(a) or not person_key(b):
        return False
    if wa[-1] == wb[-1] or "".join(wa[-2:]) == wb[-1] or "".join(wb[-2:]) == wa[-1]:
        # First names, when both are given, must not contradict ("Mark Lee" vs "Tim Lee").
        return len(wa) == 1 or len(wb) == 1 or wa[0][0] == wb[0][0]
    return len(wa) > 1 and len(wb) > 1 and wa[-1] in wb and wb[-1] in wa


ROUND_RATIO = 1.5  # amounts further apart than this are two deals, not two reports of one


def different_rounds(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two investments in one company are two deals (two funding rounds): both amounts are
    known and far apart. Sources that disagree on one deal's figure stay within a few tens of percent;
    a company's successive rounds differ by multiples."""
    x, y = a.get("amount_usd"), b.get("amount_usd")
    if not isinstance(x, int | float) or not isinstance(y, int | float) or x <= 0 or y <= 0:
        return False
    return max(x, y) / min(x, y) > ROUND_RATIO


def content_words(text: Any) -> set[str]:
    return {w for w in norm(text).split() if w not in _STOP and len(w) > 2}


def block_of(kind: str, attrs: dict[str, Any]) -> str:
    """The merge block: normalised tokens that every fact matching this one shares.

    Matching organizations always share their first word (one is a word-prefix of the other) and
    matching people their last name, so a block is built from those of the fields ``same_fact``
    requires to match (a denial's speaker, when a person, by the last name).
    """
    if kind == "move":
        who = person_key(attrs.get("person")) or "group"
        where = _first(attrs.get("to_org")) if attrs.get("to_org") else "from " + _first(attrs.get("from_org"))
        return f"{who}:{where}"
    if kind == "offer":
        target = person_key(attrs.get("target_person")) or "org " + _first(attrs.get("target_org"))
        return f"{_first(attrs.get('by_org'))}:{target}"
    if kind == "investment":
        return f"{_first(attrs.get('target'))}:{_first(attrs.get('investor'))}"
    if kind == "unit":
        return _first(attrs.get("org"))
    if kind == "denial":  # who denies: a person by the last name, an organization by its first word
        return person_key(attrs.get("speaker")) or _first(attrs.get("speaker"))
    return ""


def _first(org: Any) -> str:
    words = org_key(org).split()
    return words[0] if words else ""


def same_fact(kind: str, a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two facts of ``kind`` state the same thing (symmetric)."""
    if kind == "move":
        if bool(norm(a.get("person"))) != bool(norm(b.get("person"))):
            return False
        if norm(a.get("person")) and not same_person(a.get("person"), b.get("person")):
            return False
        if a.get("to_org") or b.get("to_org"):
            return same_org(a.get("to_org"), b.get("to_org"))
        return same_org(a.get("from_org"), b.get("from_org"))
    if kind == "offer":
        if not same_org(a.get("by_org"), b.get("by_org")):
            return False
        pa, pb = a.get("target_person"), b.get("target_person")
        if norm(pa) or norm(pb):
            return same_person(pa, pb)
        ta, tb = a.get("target_org"), b.get("target_org")
        return same_org(ta, tb) if (ta and tb) else not (ta or tb)
    if kind == "investment":
        ia, ib = a.get("investor"), b.get("investor")
        if (ia or ib) and not (same_org(ia, ib) or same_person(ia, ib)):
            return False
        return same_org(a.get("target"), b.get("target")) and not different_rounds(a, b)
    if kind == "unit":
        return same_org(a.get("org"), b.get("org")) and bool(
            content_words(a.get("name")) & content_words(b.get("name"))
        )
    if kind == "denial":
        sa, sb = a.get("speaker"), b.get("speaker")
        return same_org(sa, sb) or (len(norm(sa).split()) > 1 and same_person(sa, sb))
    return False
