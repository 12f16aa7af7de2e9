"""The interface's words, and dates, counts and plurals the way each language writes them, with Babel.

"June 12, 2025" / "12 juin 2025", "1 source" / "3 sources", "1 234" in French: the pages call these
through ``render`` (``day``, ``count``), so no template formats a date or a plural itself.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache
from pathlib import Path
from typing import Annotated

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from pydantic import Field, RootModel

from mercato import knowledge

I18N_DIR = Path(__file__).resolve().parent / "i18n"


class UiWords(RootModel[dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")], str]]):
    """serve/i18n/<lang>.yaml: the interface's words by key (every language has the same keys)."""


def load_ui_words(directory: Path = I18N_DIR) -> dict[str, dict[str, str]]:
    """Each language's interface words, from the ``<lang>.yaml`` files of ``directory``."""
    files = {path: knowledge.load(path, UiWords).root for path in sorted(directory.glob("[a-z][a-z].yaml"))}
    knowledge.same_keys(files)
    return {path.stem: words for path, words in files.items()}


@cache
def _ui_words() -> dict[str, dict[str, str]]:
    return load_ui_words()


def ui_words(lang: str) -> dict[str, str]:
    """The interface's words in ``lang`` (serve/i18n/<lang>.yaml)."""
    return _ui_words()[lang]


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


# A page writes dozens of dates and counts (each fact's sources, each dispute's sides), few of them
# distinct; Babel's formatting and plural rules cost most of a page of disputes when run for each.
_KEPT = 8192


@lru_cache(maxsize=_KEPT)
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


@lru_cache(maxsize=_KEPT)
def count(n: int, word: str, lang: str) -> str:
    """``n`` and ``word`` in the singular or plural form that ``lang`` gives that number."""
    forms = WORDS.get(lang, WORDS["en"]).get(word, (word, word + "s"))
    plural = _locale(lang).plural_form(abs(n))
    return f"{number(n, lang)} {forms[0] if plural == 'one' else forms[1]}"
