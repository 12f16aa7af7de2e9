"""Bytes to text: UTF-8 first (the fast path), then charset detection; binary refused."""

from __future__ import annotations

from charset_normalizer import from_bytes

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class DecodeError(ValueError):
    pass


def decode(data: bytes) -> str:
    """The text in ``data``; raises DecodeError for empty or binary content."""
    if not data.strip():
        raise DecodeError("empty file")
    if b"\x00" in data[:8192]:
        raise DecodeError("binary content (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("unknown encoding: not text, or an encoding that could not be detected")
    return str(best)
