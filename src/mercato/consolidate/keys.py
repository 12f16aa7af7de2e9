"""When do two facts state the same thing? Normalised names, merge blocks and the match rule.

The rule follows the evaluation contract (SCHEMA.md, "How score.py matches"): a person is known by
the last name, organizations match accent- and case-insensitively through the knowledge base's
aliases or when one name is a word-prefix of the other ("Scale" ~ "Scale AI").

Merging must not be O(n^2): every canonical fact sits in a *block* (its type plus one normalised
entity that any matching fact shares), and a new fact is only compared with its block.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from pydantic import RootModel

from mercato import knowledge
from mercato.link import names
from mercato.link.kb import get_kb
from mercato.link.names import norm as norm  # re-exported: the merge's name form
from mercato.model import FACT_TYPE_SPECS, BlockPart, Compare, Match

_ORG_SUFFIXES = (" inc", " corp", " corporation", " ltd", " llc", " sa", " sas", " plc", " gmbh")
_STOP = frozenset(knowledge.load("name_stopwords.yaml", RootModel[list[str]]).root)


@lru_cache(maxsize=65536)
def org_key(name: str | None) -> str:
    """The normalised canonical name of an organization ("Meta Platforms Inc." -> "meta")."""
    if not name:
        return ""
    canonical = kb_canonical(name) or name
    n = norm(canonical)
    for suffix in _ORG_SUFFIXES:
        if n.endswith(suffix):
            n = n[: -len(suffix)]
    return n


def kb_canonical(name: str) -> str | None:
    """The knowledge base's canonical name for ``name`` (None when it does not know it or cannot say)."""
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
    if not words or words[-1] in ORG_WORDS or kb_kind(name) == "org":
        return ""
    return words[-1]


def kb_kind(name: str | None) -> str | None:
    """ "org" or "person" when the knowledge base knows ``name``, else None."""
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
    requires to match, as the fact type's ``block`` parts say (``model.FactTypeSpec``): a move by its
    person (or "group") and its destination (or "from" its origin), a denial by its speaker.
    """
    spec = FACT_TYPE_SPECS.get(kind)
    if spec is None:
        return ""
    return ":".join(_block_part(part, attrs) for part in spec.block)


def _block_part(part: BlockPart, attrs: dict[str, Any]) -> str:
    for field, key, prefix in part.fields:
        value = person_key(attrs.get(field)) if key == "person" else _first(attrs.get(field))
        if value:
            return prefix + value
    return part.default


def _first(org: Any) -> str:
    words = org_key(org).split()
    return words[0] if words else ""


def same_fact(kind: str, a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two facts of ``kind`` state the same thing (symmetric): they agree on every role of the
    type's ``match`` (``model.FactTypeSpec``)."""
    spec = FACT_TYPE_SPECS.get(kind)
    return spec is not None and all(_agree(m, a, b) for m in spec.match)


def _agree(match: Match, a: dict[str, Any], b: dict[str, Any]) -> bool:
    for field, how in match.fields:
        x, y = a.get(field), b.get(field)
        if norm(x) or norm(y):
            return _COMPARE[how](x, y)
    return match.optional


def _same_party(a: Any, b: Any) -> bool:
    return same_org(a, b) or same_person(a, b)


def _same_full_party(a: Any, b: Any) -> bool:
    """An organization, or a person named in full: "Altman" alone may be anyone's speaker."""
    return same_org(a, b) or (len(norm(a).split()) > 1 and same_person(a, b))


def _shared_words(a: Any, b: Any) -> bool:
    return bool(content_words(a) & content_words(b))


def _one_deal(a: Any, b: Any) -> bool:
    return not different_rounds({"amount_usd": a}, {"amount_usd": b})


_COMPARE: dict[Compare, Callable[[Any, Any], bool]] = {
    "org": same_org,
    "person": same_person,
    "party": _same_party,
    "full_party": _same_full_party,
    "words": _shared_words,
    "amount": _one_deal,
}
