"""Keeping the article and dropping the page around it, for text pasted from anywhere.

The rules look at line features only, never at known strings:
- a *body line* reads like prose: it ends like a sentence and has a few words, or it is long;
- the page's tail (related headlines, site names, dashes after the article) is the first point
  after which lines are mostly not prose (at most TAIL_BODY_SHARE of them, and at least
  TAIL_MIN_LINES that are not): dropped, so a cut last sentence alone is kept;
- before it, short lines are kept (the headline, subheads) unless they are page furniture:
  a file name standing alone, lone punctuation, a short line carrying a boilerplate word
  (data/clean/boilerplate.yaml: share, follow, search, logo, caption...), a line repeated verbatim,
  or a run of very short lines (a menu).
Every kept line is copied whole, so the ``OffsetMap`` maps clean offsets back to the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from mercato import knowledge
from mercato.model import OffsetMap

_DATA = knowledge.data_path("clean")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"""[.!?…:;»"”’)\]]\s*$""")
_ONLY_PUNCT = re.compile(r"^[\W_]+$")
BODY_MIN_WORDS = 6  # a sentence-like line with at least this many words is prose
LONG_LINE_WORDS = 20  # a line this long is prose even without final punctuation (a cut sentence)
MENU_RUN = 4  # this many very short lines in a row are a menu
TAIL_BODY_SHARE = 0.2
TAIL_MIN_LINES = 3


@dataclass(frozen=True, slots=True)
class _Lexicon:
    boilerplate: frozenset[str]
    max_words: int
    media: re.Pattern[str]


class Boilerplate(BaseModel):
    """data/clean/boilerplate.yaml: words of page furniture on short lines, and media file names."""

    model_config = ConfigDict(extra="forbid")
    max_words: int
    words: list[str]
    media_extensions: list[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = knowledge.load(_DATA / "boilerplate.yaml", Boilerplate)
    ext = "|".join(map(re.escape, data.media_extensions))
    return _Lexicon(
        frozenset(w.casefold() for w in data.words),
        data.max_words,
        re.compile(rf"^\S+\.(?:{ext})$", re.IGNORECASE),
    )


@lru_cache(maxsize=4096)
def _words(line: str) -> tuple[str, ...]:
    """The words of a line; cached because every rule asks for them (batch ingests call this a lot)."""
    return tuple(_WORD.findall(line))


def is_body(line: str) -> bool:
    """Whether a line reads like article prose."""
    n = len(_words(line))
    return n >= LONG_LINE_WORDS or (n >= BODY_MIN_WORDS and bool(_SENTENCE_END.search(line)))


def is_furniture(line: str) -> bool:
    """Whether a short line is page furniture: a file name, punctuation, a prompt or a caption."""
    lex = _lexicon()
    text = line.strip()
    if not text or _ONLY_PUNCT.match(text) or lex.media.match(text):
        return True
    words = _words(text)
    if not words:
        return True
    if len(words) <= lex.max_words and not is_body(text):
        return any(w.casefold() in lex.boilerplate for w in words)
    return False


def clean_text(raw: str) -> tuple[str, OffsetMap]:
    """The article part of ``raw`` and the map from its offsets back to ``raw``."""
    lines: list[tuple[int, str]] = []  # (offset in raw, stripped line)
    pos = 0
    for piece in raw.splitlines(keepends=True):
        stripped = piece.strip()
        if stripped:
            lines.append((pos + piece.index(stripped[0]), stripped))
        pos += len(piece)
    lines = [(o, line) for o, line in lines if not is_furniture(line)]
    body = [is_body(line) for _, line in lines]
    end = tail_start(body) if any(body) else len(lines)
    kept = _drop_repeats(_drop_menus(lines[:end]))
    out: list[str] = []
    offsets = OffsetMap()
    cursor = 0
    for raw_start, line in kept:
        if out:
            out.append("\n\n")
            cursor += 2
        offsets.add(cursor, raw_start, len(line))
        out.append(line)
        cursor += len(line)
    return "".join(out), offsets


def tail_start(body: list[bool]) -> int:
    """Index of the first line of the page's tail (len(body) when there is none)."""
    n = len(body)
    for i in range(1, n):
        if not body[i - 1] or body[i]:
            continue  # a tail starts right after a prose line, on a line that is not prose
        suffix = body[i:]
        prose = sum(suffix)
        if len(suffix) - prose >= TAIL_MIN_LINES and prose <= TAIL_BODY_SHARE * len(suffix):
            return i
    return n


def _drop_repeats(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    seen: set[str] = set()
    out = []
    for o, line in lines:
        key = " ".join(line.casefold().split())
        if key in seen:
            continue
        seen.add(key)
        out.append((o, line))
    return out


def _drop_menus(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Drop runs of MENU_RUN or more lines of one to three words (navigation, tag lists)."""
    out: list[tuple[int, str]] = []
    run: list[tuple[int, str]] = []
    for item in lines:
        if len(_words(item[1])) <= 3 and not is_body(item[1]):
            run.append(item)
            continue
        if len(run) < MENU_RUN:
            out.extend(run)
        run = []
        out.append(item)
    if len(run) < MENU_RUN:
        out.extend(run)
    return out


TITLE_MIN_WORDS = 3  # a lone section label ("Tech", "Économie") often comes before the headline
TITLE_MAX_CHARS = 150


def guess_title(text: str) -> str | None:
    """The headline of a cleaned plain text: among its first lines, the first of a few words that is
    short and does not read like a body sentence; None when the text starts with its body."""
    for line in text.split("\n\n")[:3]:
        if len(line) > TITLE_MAX_CHARS or (is_body(line) and line.rstrip()[-1:] in ".…"):
            return None
        if len(_words(line)) >= TITLE_MIN_WORDS:
            return line
    return None


LEAD_TITLE_WORDS = 14


def lead_title(text: str) -> str | None:
    """A title for a text that starts with its body: its first line when short enough, else the first
    words of its first sentence and an ellipsis. Better than the file's path in every list."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not first:
        return None
    if len(first) <= TITLE_MAX_CHARS and len(first.split()) <= LEAD_TITLE_WORDS + 4:
        return first.rstrip(" .")
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    words = sentence.split()
    if len(words) <= LEAD_TITLE_WORDS + 4 and len(sentence) <= TITLE_MAX_CHARS:
        return sentence.rstrip(" .")
    return " ".join(words[:LEAD_TITLE_WORDS]).rstrip(" ,;:") + " …"
