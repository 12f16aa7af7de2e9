"""Language identification: py3langid (offline, fast), with a guard for very short texts."""

from __future__ import annotations

from functools import lru_cache

MIN_CHARS = 20  # below this nobody can tell; say "und" (undetermined) rather than guess


@lru_cache(maxsize=1)
def _identifier():
    import py3langid

    return py3langid

def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` ("fr", "en", ...), or "und" when it is too short to tell."""
    sample = " ".join((text or "").split())[:5000]
    if len(sample) < MIN_CHARS:
        return "und"
    lang, _prob = _identifier().classify(sample)
    return str(lang)
