"""The cleaner over every dev article: a lost sentence costs extraction recall, so none may be lost.

A "sentence" here is a line of the original that reads like prose by a definition independent of
the cleaner's own rules (many words and a sentence end, or very long); the last line of a file
(they are cut at ~2000 characters) may be a cut sentence and must be kept when it follows prose.
The page furniture checks use the shapes of lines, not their strings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mercato.clean import clean_text

_WORD = re.compile(r"[^\W\d_]+")


def _prose(line: str) -> bool:
    words = _WORD.findall(line)
    return len(words) >= 25 or (len(words) >= 15 and line.rstrip()[-1:] in '.!?»"”')


def _articles(dev_articles: Path) -> list[Path]:
    return sorted(dev_articles.glob("*.txt"))


def test_no_article_sentence_is_lost(dev_articles: Path):
    for path in _articles(dev_articles):
        raw = path.read_text(encoding="utf-8")
        text, offsets = clean_text(raw)
        lines = [line.strip() for line in raw.splitlines() if line.strip()]
        body_end = max(i for i, line in enumerate(lines) if _prose(line))
        for line in lines[: body_end + 1]:
            if _prose(line):
                assert line in text, f"{path.name}: lost {line[:80]!r}"
        # every kept line maps back, through the offsets, onto the same characters of the original
        for line in text.split("\n\n"):
            start = text.index(line)
            assert raw[offsets.to_raw(start) : offsets.to_raw(start + len(line))] == line


def test_a_cut_last_line_is_kept(dev_articles: Path):
    checked = 0
    for path in _articles(dev_articles):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if len(lines) > 1 and _prose(lines[-2]) and len(_WORD.findall(lines[-1])) >= 8:
            checked += 1
            assert lines[-1] in clean_text("\n".join(lines))[0], path.name
    assert checked, "expected dev articles that end on a cut sentence"


def test_stray_file_name_lines_are_dropped(dev_articles: Path):
    media = re.compile(r"^\S+\.(png|jpe?g|gif|webp)$", re.IGNORECASE)
    found = 0
    for path in _articles(dev_articles):
        raw = path.read_text(encoding="utf-8")
        names = [line.strip() for line in raw.splitlines() if media.match(line.strip())]
        found += len(names)
        text = clean_text(raw)[0]
        assert not any(media.match(line) for line in text.split("\n\n")), path.name
    if not found:
        pytest.skip("no dev article has a stray file-name line")


def test_trailing_headlines_after_the_body_are_dropped(dev_articles: Path):
    """After the last prose line, a run of short lines (headlines, site names, dashes) is page tail."""
    checked = 0
    for path in _articles(dev_articles):
        raw = path.read_text(encoding="utf-8")
        lines = [line.strip() for line in raw.splitlines() if line.strip()]
        body_end = max(i for i, line in enumerate(lines) if _prose(line))
        tail = lines[body_end + 1 :]
        if len(tail) < 6:  # not a headline list: a short remainder may be the article's own end
            continue
        checked += 1
        text = clean_text(raw)[0]
        assert text.rstrip().endswith(lines[body_end]), path.name
        kept = set(text.split("\n\n"))
        assert not [line for line in tail if line in kept], path.name
    assert checked, "expected at least one dev article with a trailing list of headlines"
