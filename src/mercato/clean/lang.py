"""Language identification: py3langid (offline, fast), with a guard for very short texts."""

from __future__ import annotations

from functools import lru_cache

MIN_CHARS = 20  # below this nobody can tell; say "und" (undetermined) rather than guess
# py3langid walks the text byte by byte in Python: the cost is linear in length. The first few hundred
# characters (headline and lead) settle the language of a news article as well as the whole text.
SAMPLE_CHARS = 400


@lru_cache(maxsize=1)
def _identifier():
    import py3langid

    return py3langid


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` ("fr", "en", ...), or "und" when it is too short to tell."""
    sample = " ".join((text or "")[: 2 * SAMPLE_CHARS].split())[:SAMPLE_CHARS]
    if len(sample) < MIN_CHARS:
        return "und"
    lang, _prob = _identifier().classify(sample)
    return str(lang)
