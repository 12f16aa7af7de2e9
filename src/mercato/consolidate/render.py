"""Facts in words: per-language templates (data/templates/*.yaml) and locale-correct money.

"14 milliards de dollars" / "$14 billion": the scale words and decimal separator are data.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from mercato import knowledge
from mercato.consolidate.keys import org_key
from mercato.consolidate.roles import translate_role
from mercato.model import FACT_TYPE_SPECS

LANGS = ("en", "fr")
TEMPLATES_DIR = knowledge.data_path("templates")


class Scale(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: float
    divisor: float
    format: str


class Templates(BaseModel):
    """data/templates/<lang>.yaml: money in words, then per group the templates of a headline."""

    model_config = ConfigDict(extra="forbid")
    money: list[Scale]
    decimal_sep: str
    elide_before_vowel: list[str] = []
    templates: dict[str, list[str]]
    written_money: list[Scale] = []  # an amount in its own currency, "{sym}" its sign
    written_and_dollars: str = "{written} (≈ {dollars})"
    currency_signs: dict[str, str] = {}


@cache
def _templates(lang: str) -> dict[str, Any]:
    if lang not in LANGS:
        lang = "en"
    return knowledge.load(TEMPLATES_DIR / f"{lang}.yaml", Templates).model_dump()


def money(amount: float, lang: str = "en") -> str:
    """A dollar amount in words of ``lang``: 14e9 -> "$14 billion" / "14 milliards de dollars"."""
    t = _templates(lang)
    return _scaled(amount, t["money"], t["decimal_sep"], "")


def written_money(amount: float, currency: str, usd: float, lang: str = "en") -> str:
    """An amount as the article wrote it, then its dollars: "€100 million (≈ $108 million)"; dollars
    alone when it was written in dollars or in a currency without a sign in the templates."""
    t = _templates(lang)
    dollars = money(usd, lang)
    sign = t["currency_signs"].get(currency)
    if currency == "USD" or not sign or not t["written_money"]:
        return dollars
    written = _scaled(amount, t["written_money"], t["decimal_sep"], sign)
    return str(t["written_and_dollars"]).format(written=written, dollars=dollars)


def _scaled(amount: float, scales: list[dict[str, Any]], decimal_sep: str, sign: str) -> str:
    for scale in scales:
        if abs(amount) >= float(scale["min"]):
            n = amount / float(scale["divisor"])
            text = f"{n:.1f}".rstrip("0").rstrip(".") if n < 100 else f"{n:,.0f}"
            if decimal_sep != ".":
                text = text.replace(",", " ").replace(".", decimal_sep)
            return str(scale["format"]).format(n=text, sym=sign)
    return str(amount)


def amount_words(attrs: dict[str, Any], lang: str = "en") -> str | None:
    """A fact's amount in words: as its sources wrote it beside the dollars when they used another
    currency (``amount_written``, ``currency``), else the dollars; None without an amount."""
    usd = attrs.get("amount_usd")
    if not isinstance(usd, int | float) or isinstance(usd, bool):
        return None
    amount, currency = attrs.get("amount_written"), attrs.get("currency")
    if isinstance(amount, int | float) and isinstance(currency, str):
        return written_money(float(amount), currency, float(usd), lang)
    return money(float(usd), lang)


def sentence(kind: str, attrs: dict[str, Any], lang: str = "en") -> str:
    """One short sentence stating a fact, from the first template whose fields are all known.

    The templates are looked up from the most specific group (``headline_groups``: a failed bid, a
    declined offer, a role change inside one company...) to the type's, so that a headline never says
    more than the fact: a failed bid does not read as an acquisition.
    """
    t = _templates(lang)["templates"]
    values = {k: v for k, v in attrs.items() if v not in (None, "")}
    if values.get("role"):
        values["role"] = translate_role(str(values["role"]), lang)
    if (amount := amount_words(attrs, lang)) is not None:
        values["amount"] = amount
    if kind == "denial":
        values.pop("topic", None)
        topic = denial_topic(attrs.get("topic"))
        if topic:
            values["topic"] = topic
    for group in headline_groups(kind, attrs):
        for template in t.get(group, []):
            try:
                return _elide(template.format(**values), _templates(lang).get("elide_before_vowel", []))
            except (KeyError, IndexError, ValueError):
                continue
    spec = FACT_TYPE_SPECS.get(kind)
    if spec is not None and kind not in t:  # a registered type without templates yet: its label and values
        shown = [str(values[k]) for k in spec.fields if k in values]
        label = spec.labels.get(lang, kind)
        return f"{label}: {', '.join(shown)}" if shown else label
    return kind


def headline_groups(kind: str, attrs: dict[str, Any]) -> list[str]:
    """The template groups for a fact, most specific first. A status or an outcome that changes what
    happened (failed, declined, announced, reported) has its own groups and no fallback to the groups of
    what did happen; a move whose two organizations are one is a role change."""
    if kind == "investment":
        base = str(attrs["kind"]) if attrs.get("kind") in ("acquisition", "licensing", "funding") else "investment"
        status = attrs.get("status")
        if status in ("failed", "announced", "reported"):
            return [f"{base}_{status}", f"investment_{status}"]
        return [base, "investment"]
    if kind == "move":
        src, dst = org_key(attrs.get("from_org")), org_key(attrs.get("to_org"))
        if src and src == dst:
            return ["move_internal"]
        if attrs.get("status") in ("announced", "reported"):
            return [f"move_{attrs['status']}"]
        return ["move"]
    if kind == "offer" and attrs.get("outcome") in ("accepted", "declined"):
        return [f"offer_{attrs['outcome']}"]
    return [kind]


_QUOTES = "\"'“”«»‘’"


def denial_topic(topic: Any) -> str | None:
    """What a denial is about, when the extracted topic reads as one: not a scrap of a sentence (an open
    quotation, a single word, a clause starting mid-sentence)."""
    if not isinstance(topic, str):
        return None
    text = topic.strip().strip(_QUOTES + " .,;:").strip()
    if len(text.split()) < 2 or not (text[0].isupper() or text[0].isdigit() or text[0] in "$€£"):
        return None
    if sum(text.count(q) for q in '“«"') != sum(text.count(q) for q in '”»"') or text.count('"') % 2:
        return None
    return text


def _elide(text: str, words: list[str]) -> str:
    """French elision: "de OpenAI" -> "d'OpenAI"."""
    for word in words:
        text = re.sub(rf"\b{word} (?=[AEIOUYÉÈaeiouyéè])", word[:-1] + "'", text)
    return text
