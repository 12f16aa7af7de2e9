"""The interface's words, and dates, counts and plurals the way each language writes them, with Babel.

"June 12, 2025" / "12 juin 2025", "1 source" / "3 sources", "1 234" in French: the pages call these
through ``render`` (``day``, ``count``), so no template formats a date or a plural itself.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache
from pathlib import Path
from typing import Annotated, TypeVar

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from pydantic import Field, RootModel

from mercato import knowledge

UI_WORDS_DIR = knowledge.data_path("ui", "words")
PLURALS_DIR = knowledge.data_path("ui", "plurals")
Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class UiWords(RootModel[dict[Key, str]]):
    """data/ui/words/<lang>.yaml: the interface's words by key (every language has the same keys)."""


class CountedWords(RootModel[dict[Key, tuple[str, str]]]):
    """data/ui/plurals/<lang>.yaml: each word the pages count, singular then plural (every language has
    the same keys)."""


M = TypeVar("M", UiWords, CountedWords)


def _by_language(directory: Path, model: type[M]) -> dict[str, M]:
    """The ``<lang>.yaml`` files of ``directory``, each validated by ``model``, by language; a key one
    language has and another lacks is an error."""
    files = {path: knowledge.load(path, model) for path in sorted(directory.glob("[a-z][a-z].yaml"))}
    knowledge.same_keys({path: table.root for path, table in files.items()})
    return {path.stem: table for path, table in files.items()}


def load_ui_words(directory: Path = UI_WORDS_DIR) -> dict[str, dict[str, str]]:
    """Each language's interface words, from the ``<lang>.yaml`` files of ``directory``."""
    return {lang: table.root for lang, table in _by_language(directory, UiWords).items()}


def load_plurals(directory: Path = PLURALS_DIR) -> dict[str, dict[str, tuple[str, str]]]:
    """Each language's counted words (singular, plural), from the ``<lang>.yaml`` files of ``directory``."""
    return {lang: table.root for lang, table in _by_language(directory, CountedWords).items()}


@cache
def _ui_words() -> dict[str, dict[str, str]]:
    return load_ui_words()


def ui_words(lang: str) -> dict[str, str]:
    """The interface's words in ``lang`` (data/ui/words/<lang>.yaml)."""
    return _ui_words()[lang]


@cache
def _plurals() -> dict[str, dict[str, tuple[str, str]]]:
    return load_plurals()


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang if lang in _plurals() else "en")


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
    plurals = _plurals()
    forms = plurals.get(lang, plurals["en"]).get(word, (word, word + "s"))
    plural = _locale(lang).plural_form(abs(n))
    return f"{number(n, lang)} {forms[0] if plural == 'one' else forms[1]}"
