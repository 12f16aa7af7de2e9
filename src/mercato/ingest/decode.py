"""Bytes to text, for French and English news: UTF-8 first, then the declared charset, then a guess.

The order matters more than any detector: a general-purpose detector asked about a Latin-1 French
article picks a Central European code page as readily as Western ("lčve" for "lève"), and calls an
ASCII text with a few stray bytes Cyrillic. So:

1. UTF-8 when the bytes are UTF-8, or nearly (a few invalid bytes among valid text become U+FFFD);
2. the charset the source declared (HTTP header, ``<meta charset>``, XML declaration), if it decodes;
3. else a guess among the single-byte encodings French and English text is written in
   (Windows-1252, then Latin-1), which is reported as a guess.

Bytes with many control characters are binary, not text, whatever decodes them.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Encodings tried, in order, when the bytes are not UTF-8 and no usable charset is declared.
GUESSES = ("cp1252", "latin-1")
# At most this share of the bytes may be invalid UTF-8 for the text to be read as UTF-8 anyway ...
FEW_ERRORS = 0.001
# ... or the valid multi-byte characters must outnumber the invalid bytes this many times.
MOSTLY_UTF8 = 2
# More than this share of control characters in a sample: binary content, not text.
MAX_CONTROL = 0.01
SAMPLE = 65536

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class DecodeError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text, the encoding it was read with, and how that encoding was chosen."""

    text: str
    encoding: str
    how: str  # "utf-8", "utf-8 with replacement", "declared", "bom" or "guess"

    @property
    def note(self) -> str | None:
        """A line for the user when the encoding was not certain; None when it was."""
        if self.how == "guess":
            return f"read as {self.encoding} (a guess: not UTF-8 and no usable charset declared)"
        if self.how == "utf-8 with replacement":
            return "read as UTF-8; a few invalid bytes were replaced by U+FFFD"
        return None


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if any."""
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})", content_type or "", re.IGNORECASE)
    return match.group(1) if match else None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or an XML declaration names near the start of ``data``."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def decode(data: bytes, declared: str | None = None) -> str:
    """The text in ``data``; raises DecodeError for empty or binary content."""
    return decode_text(data, declared).text


def decode_text(data: bytes, declared: str | None = None) -> Decoded:
    """``data`` decoded by the rules of the module docstring; raises DecodeError for empty or binary."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace").lstrip("\ufeff")
            return _checked(Decoded(text, encoding, "bom"))
    if not data.strip():
        raise DecodeError("empty file")
    if b"\x00" in data[:8192]:
        raise DecodeError("binary content (NUL bytes), not text")
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8", "utf-8"))
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    errors = text.count("\ufffd")
    multibyte = len(text) - len(text.encode("ascii", errors="ignore")) - errors
    if errors <= FEW_ERRORS * len(data) or multibyte >= MOSTLY_UTF8 * errors:
        return _checked(Decoded(text, "utf-8", "utf-8 with replacement"))
    charset = _known(declared) or _known(declared_charset(data))
    if charset:
        try:
            return _checked(Decoded(data.decode(charset), charset, "declared"))
        except UnicodeDecodeError:
            pass
    for encoding in GUESSES:
        try:
            return _checked(Decoded(data.decode(encoding), encoding, "guess"))
        except UnicodeDecodeError:
            continue
    raise DecodeError("unknown encoding: not text")  # unreachable: Latin-1 decodes any byte


def _known(name: str | None) -> str | None:
    """The codec name Python knows ``name`` by; None for unknown names and for non-text codecs."""
    if not name:
        return None
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


def _checked(decoded: Decoded) -> Decoded:
    sample = decoded.text[:SAMPLE]
    if not sample.strip():
        raise DecodeError("empty file")
    if len(_CONTROL.findall(sample)) > MAX_CONTROL * len(sample):
        raise DecodeError("binary content (control characters), not text")
    return decoded
