"""The publication date of an article read from its byline, for inputs that carry no date (files).

A date counts when it is the article's, not an event's: announced by a cue ("Publié le 3 septembre
2025", "Published June 12, 2025") in the first lines, or standing on a short line of its own there
("12/06/2025", "By Jane Roe | June 12, 2025"). Month names and cues are data (data/dates/).
Numeric dates are day first, except in English text when only month first is a valid date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache

from pydantic import BaseModel, ConfigDict

from mercato import knowledge

HEAD_LINES = 12  # the byline is among the first lines of an article
SHORT_LINE = 40  # characters around a date on a line of its own: a byline, not a sentence

DATA = knowledge.data_path("dates", "bylines.yaml")


class Bylines(BaseModel):
    model_config = ConfigDict(extra="forbid")
    months: dict[int, list[str]]  # month number -> its names and abbreviations
    cues: list[str]


@cache
def _data() -> tuple[dict[str, int], re.Pattern[str], str]:
    raw = knowledge.load(DATA, Bylines)
    months = {name: int(n) for n, names in raw.months.items() for name in names}
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    day = r"(?P<d>[0-3]?\d)(?:er|st|nd|rd|th)?"
    pattern = re.compile(
        rf"\b(?:{day}\.?\s+(?P<m1>{names})\.?,?\s+(?P<y1>(?:19|20)\d\d)"  # 3 septembre 2025, 12 June 2025
        rf"|(?P<m2>{names})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)"  # June 12, 2025
        r"|(?P<n1>[0-3]?\d)[/.](?P<n2>[01]?\d)[/.](?P<y3>(?:19|20)\d\d)"  # 12/06/2025
        r"|(?P<y4>(?:19|20)\d\d)-(?P<m4>[01]\d)-(?P<d4>[0-3]\d))\b"  # 2025-06-12
    )
    cues = "|".join(map(re.escape, raw.cues))
    return months, pattern, cues


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _date(m: re.Match[str], months: dict[str, int], lang: str | None) -> dt.date | None:
    g = m.groupdict()
    try:
        if g["m1"]:
            return dt.date(int(g["y1"]), months[g["m1"]], int(g["d"]))
        if g["m2"]:
            return dt.date(int(g["y2"]), months[g["m2"]], int(g["d2"]))
        if g["y4"]:
            return dt.date(int(g["y4"]), int(g["m4"]), int(g["d4"]))
        a, b, year = int(g["n1"]), int(g["n2"]), int(g["y3"])
    except ValueError:
        return None
    orders = [(b, a), (a, b)] if lang != "en" or a > 12 else [(a, b), (b, a)]
    for month, day in orders:
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def byline_date(text: str, lang: str | None = None) -> str | None:
    """The ISO date of the article's byline among its first lines, or None."""
    months, pattern, cues = _data()
    lines = [line.strip() for line in text.splitlines() if line.strip()][:HEAD_LINES]
    for line in lines:
        folded = _fold(line)
        for m in pattern.finditer(folded):
            date = _date(m, months, lang)
            if date is None:
                continue
            before = folded[: m.start()]
            cued = re.search(rf"\b(?:{cues})\s*:?\s*(?:\w+\s+)?$", before) is not None
            alone = len(folded) - (m.end() - m.start()) <= SHORT_LINE
            if cued and len(before) <= SHORT_LINE or alone:
                return date.isoformat()
    return None
