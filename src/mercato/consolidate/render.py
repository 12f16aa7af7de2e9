"""Facts in words: per-language templates (data/templates/*.yaml) and locale-correct money.

"14 milliards de dollars" / "$14 billion": the scale words and decimal separator are data.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANGS = ("en", "fr")
TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "data" / "templates"


@cache
def _templates(lang: str) -> dict[str, Any]:
    if lang not in LANGS:
        lang = "en"
    return yaml.safe_load((TEMPLATES_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))


def money(amount: float, lang: str = "en") -> str:
    """A dollar amount in words of ``lang``: 14e9 -> "$14 billion" / "14 milliards de dollars"."""
    t = _templates(lang)
    for scale in t["money"]:
        if abs(amount) >= float(scale["min"]):
            n = amount / float(scale["divisor"])
            text = f"{n:.1f}".rstrip("0").rstrip(".") if n < 100 else f"{n:,.0f}"
            if t["decimal_sep"] != ".":
                text = text.replace(",", " ").replace(".", t["decimal_sep"])
            return scale["format"].format(n=text)
    return str(amount)


def sentence(kind: str, attrs: dict[str, Any], lang: str = "en") -> str:
    """One short sentence stating a fact, from the first template whose fields are all known."""
    t = _templates(lang)["templates"]
    values = {k: v for k, v in attrs.items() if v not in (None, "")}
    if isinstance(values.get("amount_usd"), int | float):
        values["amount"] = money(float(values["amount_usd"]), lang)
    group = "acquisition" if kind == "investment" and attrs.get("kind") == "acquisition" else kind
    for template in t.get(group, []) + t.get(kind, []):
        try:
            return _elide(template.format(**values), _templates(lang).get("elide_before_vowel", []))
        except (KeyError, IndexError, ValueError):
            continue
    return kind


def _elide(text: str, words: list[str]) -> str:
    """French elision: "de OpenAI" -> "d'OpenAI"."""
    for word in words:
        text = re.sub(rf"\b{word} (?=[AEIOUYÉÈaeiouyéè])", word[:-1] + "'", text)
    return text
