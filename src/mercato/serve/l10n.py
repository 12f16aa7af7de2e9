"""Dates, counts and plurals the way each language writes them, with Babel.

"June 12, 2025" / "12 juin 2025", "1 source" / "3 sources", "1 234" in French: the pages call these
through ``render`` (``day``, ``count``), so no template formats a date or a plural itself.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

# Singular and plural of the counted words of the pages; Babel says which one a number takes.
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "source": ("source", "sources"),
        "site": ("site", "sites"),
        "fact": ("fact", "facts"),
        "article": ("article", "articles"),
        "person": ("person", "people"),
        "dispute": ("dispute", "disputes"),
    },
    "fr": {
        "source": ("source", "sources"),
        "site": ("site", "sites"),
        "fact": ("fait", "faits"),
        "article": ("article", "articles"),
        "person": ("personne", "personnes"),
        "dispute": ("contestation", "contestations"),
    },
}


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang if lang in WORDS else "en")


def day(value: str | None, lang: str) -> str:
    """An ISO date (or datetime) written in ``lang``; what it was when it is not a date."""
    if not value:
        return ""
    try:
        date = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return format_date(date, format="long", locale=_locale(lang))


def number(n: float, lang: str) -> str:
    return format_decimal(n, locale=_locale(lang))


def count(n: int, word: str, lang: str) -> str:
    """``n`` and ``word`` in the singular or plural form that ``lang`` gives that number."""
    forms = WORDS.get(lang, WORDS["en"]).get(word, (word, word + "s"))
    plural = _locale(lang).plural_form(abs(n))
    return f"{number(n, lang)} {forms[0] if plural == 'one' else forms[1]}"
