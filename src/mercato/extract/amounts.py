"""Money, counts and percentages in French and English text, converted to US dollars.

"14 milliards de dollars", "$14.3 billion", "100 M$", "1,7 milliard d'euros", "€2bn", "300 millions €",
"up to $100M", "seven to nine figures", "$300 million over four years". Scale words, number words,
currency names and the decimal separator are per-language data (data/numbers/*.yaml); exchange
rates are dated data (data/rates.yaml). A bare "100 millions" takes the currency of the other
amounts of the same text, and is dropped when there is none.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date as Date
from functools import lru_cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PositiveFloat, RootModel

from mercato import knowledge

NUMBERS_DIR = knowledge.data_path("numbers")
RATES_FILE = knowledge.data_path("rates.yaml")
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
_QUALIFIERS = {
    "up_to": r"up to|as high as|as much as|jusqu['’]à|jusqu['’]a",
    "over": r"more than|over|upwards of|in excess of|plus de|dépassant|depassant|au-delà de|supérieure? à",
    "at_least": r"at least|au moins|au minimum",
    "about": r"about|around|roughly|nearly|almost|some|environ|près de|quelque|autour de",
}
_NUM = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"


@dataclass(slots=True)
class Amount:
    """One money amount found in a text, with its span."""

    value_usd: float
    value: float
    currency: str
    start: int
    end: int
    text: str
    qualifier: str | None = None  # up_to | over | at_least | about | range
    period: str | None = None  # year | total
    years: int | None = None


class NumbersFile(BaseModel):
    """data/numbers/<lang>.yaml: the words a language writes amounts with."""

    model_config = ConfigDict(extra="forbid")
    scales: dict[str, float]  # "billion" -> 1e9
    words: dict[str, int]  # "twelve" -> 12
    currencies: dict[str, Currency]  # "euros" -> EUR
    decimal: str
    figures: str  # "nine figures": a number with that many digits
    half: list[str] = []  # "and a half" after the scale
    between: list[str] = []  # "between" before the first of two amounts joined by ``joins``: one range
    joins: list[str] = []  # "and" between the two amounts of a range


class RatesFile(RootModel[dict[Date, dict[Currency, PositiveFloat]]]):
    """data/rates.yaml: by date, the US dollars one unit of each currency was worth."""


@lru_cache(maxsize=4)
def _lexicon(lang: str) -> NumbersFile:
    name = lang if lang in ("fr", "en") else "en"
    return knowledge.load(NUMBERS_DIR / f"{name}.yaml", NumbersFile)


@lru_cache(maxsize=1)
def _rates() -> tuple[list[str], list[dict[str, float]]]:
    table = knowledge.load(RATES_FILE, RatesFile).root
    days = sorted(table)
    return [d.isoformat() for d in days], [table[d] for d in days]


def to_usd(value: float, currency: str, date: str | None = None) -> float:
    """``value`` in ``currency`` as US dollars, at the rate nearest to ``date`` (else the latest)."""
    if currency == "USD":
        return value
    dates, rates = _rates()
    i = len(dates) - 1
    if date:
        j = bisect_left(dates, date[:10])
        candidates = [k for k in (j - 1, j) if 0 <= k < len(dates)]
        i = min(candidates, key=lambda k: abs(_days(dates[k]) - _days(date[:10])))
    rate = rates[i].get(currency)
    if rate is None:
        raise ValueError(f"no exchange rate for {currency}: add it to data/rates.yaml")
    return value * rate


def _days(iso: str) -> int:
    y, m, d = (int(x) for x in (iso + "-01-01")[:10].split("-"))
    return y * 372 + m * 31 + d


def _symbol(currency: str) -> bool:
    """Is ``currency`` a sign written before or after the number ("$", "US$", "S$") rather than a word?"""
    return any(not (c.isalpha() or c.isspace()) for c in currency)


@lru_cache(maxsize=4)
def _regexes(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = _lexicon(lang)
    scales = "|".join(sorted(map(re.escape, lex.scales), key=len, reverse=True))
    words = [c for c in lex.currencies if not _symbol(c)]
    symbols = "|".join(sorted((re.escape(c) for c in lex.currencies if _symbol(c)), key=len, reverse=True))
    cur_words = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    qual = "|".join(f"(?P<q_{k}>{v})" for k, v in _QUALIFIERS.items())
    money = re.compile(
        rf"(?:(?:{qual})\s+)?(?P<pre>{symbols})?\s?(?P<num>{_NUM})"
        rf"(?:\s?(?:-|–|to|à|et|and)\s?(?P<pre2>{symbols})?(?P<num2>{_NUM}))?"
        rf"(?:\s?(?P<scale>{scales})\b\.?)?"
        rf"(?:\s?(?P<sym>{symbols})|\s+(?:de\s+|d['’]|of\s+)?(?P<cur>{cur_words})\b)?",
        re.IGNORECASE,
    )
    number_words = "|".join(sorted(map(re.escape, lex.words), key=len, reverse=True))
    figures = re.compile(
        rf"(?:(?P<low>{number_words}|\d+)\s+(?:to|à|-)\s+)?(?P<n>{number_words}|\d+)[- ]{lex.figures}\b",
        re.IGNORECASE,
    )
    period = re.compile(
        rf"\s*,?\s*(?:[^\W\d_]+\s+){{0,2}}?(?:over|sur|across)\s+(?P<n>{number_words}|\d+)\s+(?:years|ans|années)"
        r"|\s*(?:a|per|par|each|chaque)\s+(?:year|an|année)|\s*(?:annually|annuels?)",
        re.IGNORECASE,
    )
    return money, figures, period


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4)
def _gates(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Parts every match of the worded and of the figures regex holds, searched first: these long
    regexes try each position of a text, and most sentences have no amount (a figure amount needs a
    digit)."""
    lex = _lexicon(lang)
    scales = "|".join(sorted((re.escape(k) for k in lex.scales if len(k) > 3), key=len, reverse=True))
    return re.compile(rf"(?:{scales})\b", re.IGNORECASE), re.compile(rf"[- ]{lex.figures}\b", re.IGNORECASE)


@lru_cache(maxsize=4)
def _worded(lang: str) -> re.Pattern[str]:
    """Amounts spelled with a number word: "two billion dollars", "quatre milliards d'USD", "un
    milliard et demi de dollars" (a scale word is needed: "two dollars" is no deal)."""
    lex = _lexicon(lang)
    scales = "|".join(sorted((re.escape(k) for k in lex.scales if len(k) > 3), key=len, reverse=True))
    words = "|".join(sorted(map(re.escape, lex.words), key=len, reverse=True))
    symbols = "|".join(sorted((re.escape(c) for c in lex.currencies if _symbol(c)), key=len, reverse=True))
    cur_words = "|".join(sorted((re.escape(c) for c in lex.currencies if not _symbol(c)), key=len, reverse=True))
    half = "|".join(re.escape(h) for h in lex.half)
    qual = "|".join(f"(?P<q_{k}>{v})" for k, v in _QUALIFIERS.items())
    return re.compile(
        rf"(?:(?:{qual})\s+)?(?P<pre>{symbols})?(?<![\w-])(?P<w>(?:{words})(?:(?:\s+(?:and|et)\s+|[\s-]+)(?:{words}))*)"
        rf"\s+(?P<scale>{scales})\b"
        rf"(?P<half>\s+(?:{half})\b)?"
        rf"(?:\s?(?P<sym>{symbols})|\s+(?:de\s+|d['’]|of\s+)?(?P<cur>{cur_words})\b)?",
        re.IGNORECASE,
    )


def _worded_amounts(text: str, lang: str, taken: list[Amount]) -> list[Amount]:
    """The amounts of ``text`` spelled with number words, where no figure was read."""
    lex = _lexicon(lang)
    out = []
    for m in _worded(lang).finditer(text):
        if any(a.start < m.end() and m.start() < a.end for a in taken):
            continue
        value = _spelled(m.group("w"), lex.words) * float(lex.scales[m.group("scale").casefold()])
        if m.group("half"):
            value *= 1.5
        cur_text = (m.group("pre") or m.group("sym") or m.group("cur") or "").casefold()
        qualifier = next((k[2:] for k, v in m.groupdict().items() if k.startswith("q_") and v), None)
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        text_ = text[start : m.end()]
        out.append(Amount(0.0, value, lex.currencies.get(cur_text, ""), start, m.end(), text_, qualifier))
    return out


def _spelled(words: str, values: Mapping[str, float]) -> float:
    """The value of number words in a row: "two hundred" is 200, "trois cent cinquante" 350,
    "twenty-five" 25 (a hundred multiplies what comes before it, other words add up)."""
    total = 0.0
    # a hyphenated word the lexicon knows whole ("quatre-vingts") is one number, else its parts are
    parts = [p for w in words.casefold().split() for p in ([w] if w in values else w.split("-"))]
    for w in parts:
        if w in ("and", "et") or w not in values:
            continue
        v = float(values[w])
        total = max(total, 1.0) * v if v == 100 else total + v
    return total


def _number(text: str, lang: str) -> float:
    t = text.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?", t):
        t = t.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", t):
        return float(t.replace(",", ""))
    return float(t.replace(",", "."))


def _word_number(word: str, lang: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _lexicon(lang).words.get(word.casefold())


def parse_amounts(text: str, lang: str | None = "en", date: str | None = None) -> list[Amount]:
    """Every money amount in ``text``, in order, in US dollars."""
    lang = lang if lang in ("fr", "en") else "en"
    lex = _lexicon(lang)
    money, figures, period = _regexes(lang)
    found: list[Amount] = []
    bare: list[Amount] = []
    worded, figured = _gates(lang)
    for m in money.finditer(text) if _DIGIT.search(text) else ():
        cur_text = (m.group("pre") or m.group("pre2") or m.group("sym") or m.group("cur") or "").casefold()
        scale = (m.group("scale") or "").casefold().rstrip(".")
        if not cur_text and not scale:
            continue
        if scale in ("m", "b", "k") and not cur_text:
            continue  # "3 m" is three metres more often than three million
        value = max(_number(m.group("num"), lang), _number(m.group("num2"), lang) if m.group("num2") else 0)
        value *= float(lex.scales.get(scale, 1.0))
        qualifier = next((k[2:] for k, v in m.groupdict().items() if k.startswith("q_") and v), None)
        if m.group("num2"):
            qualifier = "range"
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        amount = Amount(0.0, value, lex.currencies.get(cur_text, ""), start, m.end(), text[start : m.end()], qualifier)
        _period(amount, text, period, lang)
        (found if amount.currency else bare).append(amount)
    for amount in _worded_amounts(text, lang, found + bare) if worded.search(text) else ():
        (found if amount.currency else bare).append(amount)
    for m in figures.finditer(text) if figured.search(text) else ():
        n = _word_number(m.group("n"), lang)
        if n and n < 16:
            value = float(10 ** (n - 1))
            found.append(
                Amount(value, value, "USD", m.start(), m.end(), m.group(0), "range" if m.group("low") else None)
            )
    currency = found[0].currency if found else None
    if currency:
        for amount in bare:
            amount.currency = currency
            found.append(amount)
    for amount in found:
        if not amount.value_usd:
            # whole dollars: a converted figure is no more precise than that (and prints cleanly)
            amount.value_usd = float(round(to_usd(amount.value, amount.currency, date)))
    return _ranges(_conversions(sorted(found, key=lambda a: a.start), text), text, lex)


def _conversions(found: list[Amount], text: str) -> list[Amount]:
    """Drop an amount written in parentheses right after another: the same sum in another currency
    ("$650 million (S$873 million)"); when the parenthesis gives dollars, its figure is the dollar one."""
    out: list[Amount] = []
    for a in found:
        prev = out[-1] if out else None
        if prev is not None and re.fullmatch(r"\s*\(\s*", text[prev.end : a.start]):
            if a.currency == "USD" and prev.currency != "USD":
                prev.value_usd = a.value_usd
            continue
        out.append(a)
    return out


def _ranges(found: list[Amount], text: str, lex: NumbersFile) -> list[Amount]:
    """Join "between $50 million and $75 million" into one amount, the largest (a range's ceiling)."""
    if not lex.between or len(found) < 2:
        return found
    between = re.compile(r"\b(?:" + "|".join(map(re.escape, lex.between)) + r")\s*$", re.IGNORECASE)
    joins = re.compile(r"\s*(?:" + "|".join(map(re.escape, lex.joins)) + r")\s*", re.IGNORECASE)
    out: list[Amount] = []
    for a in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.qualifier is None
            and joins.fullmatch(text, prev.end, a.start)
            and between.search(text, max(0, prev.start - 20), prev.start)
        ):
            prev.value_usd, prev.value = max(prev.value_usd, a.value_usd), max(prev.value, a.value)
            prev.end, prev.text, prev.qualifier = a.end, text[prev.start : a.end], "range"
            continue
        out.append(a)
    return out


def _period(amount: Amount, text: str, period: re.Pattern[str], lang: str) -> None:
    m = period.match(text, amount.end)
    if m is None:
        return
    if m.group("n"):
        amount.period, amount.years = "total", _word_number(m.group("n"), lang)
    else:
        amount.period = "year"


def parse_count(text: str, lang: str | None = "en") -> int | None:
    """A group size ("au moins 10" -> 10, "four researchers" -> 4, "a dozen" -> 12), or None."""
    words = _lexicon(lang if lang in ("fr", "en") else "en").words
    # "2,000 employees", "10 000 salariés": digits grouped by thousands are one number
    for token in re.findall(r"\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?!\d)|\d+|[^\W\d_]+", text):
        if token[0].isdigit():
            return int(re.sub(r"\D", "", token))
        value = words.get(token.casefold())
        if value and token.casefold() not in ("a", "un", "une"):
            return int(value)
    return None


def parse_percent(text: str) -> float | None:
    """The first percentage of ``text`` (49 for "49%", "49 %", "49 percent", "49 pour cent")."""
    m = re.search(r"(\d+(?:[.,]\d+)?)\s?(?:%|per ?cent\b|pour ?cent\b)", text, re.IGNORECASE)
    return float(m.group(1).replace(",", ".")) if m else None
