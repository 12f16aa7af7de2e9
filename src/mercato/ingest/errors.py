"""The one error type of ingestion: what could not be read, and why, in words a user can act on."""

from __future__ import annotations


class IngestError(Exception):
    """An input that was skipped: ``source`` says which, ``reason`` says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
