"""The one error type of ingestion: what could not be read, and why, in words a user can act on.

Both parts are cut to a line's length: a reason may quote a parser's message, and a hostile input
can make that message as long as the input (a header line of an archive, a URL of a megabyte).
"""

from __future__ import annotations

MAX_SOURCE = 300
MAX_REASON = 300


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, at most ``limit`` characters (an ellipsis marks a cut)."""
    line = " ".join(str(text)[: limit * 4].split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class IngestError(Exception):
    """An input that was skipped: ``source`` says which, ``reason`` says why."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = shorten(source, MAX_SOURCE)
        self.reason = shorten(reason, MAX_REASON)
        super().__init__(f"{self.source}: {self.reason}")
