"""JSON Lines records, checked before anything is stored: one bad record is one line, and is skipped.

A record is an object with ``text`` or ``html`` (strings) and optional ``url``, ``title``, ``date``,
``author`` and ``site`` (strings or null); other keys are ignored. Types are strict: a number is
not a URL, a list is not a title. The reason given names the field and the kind of value found,
never the value itself (it may be a whole article).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, StrictStr, ValidationError
from pydantic_core import ErrorDetails

from mercato.ingest.errors import IngestError

MAX_DEPTH_ERROR = "nested too deeply"
_JSON_KINDS = {
    "str": "a string",
    "int": "a number",
    "float": "a number",
    "bool": "true/false",
    "list": "an array",
    "dict": "an object",
    "NoneType": "null",
}


class Record(BaseModel):
    """The fields of a JSON Lines record that ingestion reads."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    text: StrictStr | None = None
    html: StrictStr | None = None
    url: StrictStr | None = None
    title: StrictStr | None = None
    date: StrictStr | None = None
    author: StrictStr | None = None
    site: StrictStr | None = None

    def blank_to_none(self) -> Record:
        """The record with empty strings as None (an empty title is no title)."""
        return self.model_copy(update={k: v or None for k, v in self.model_dump().items()})


def parse_record(line: str, where: str) -> Record:
    """The record on ``line``; raises IngestError with one short reason when it is not one."""
    try:
        data = json.loads(line)
    except RecursionError:
        raise IngestError(where, f"not a JSON object ({MAX_DEPTH_ERROR})") from None
    except ValueError as exc:
        raise IngestError(where, f"not a JSON object ({_json_error(exc)})") from None
    if not isinstance(data, dict):
        raise IngestError(where, f"not a JSON object (found {_kind(data)})")
    try:
        record = Record.model_validate(data).blank_to_none()
    except ValidationError as exc:
        raise IngestError(where, "; ".join(_field_error(e) for e in exc.errors()[:4])) from None
    if not record.text and not record.html:
        raise IngestError(where, 'record has neither "text" nor "html"')
    return record


def iter_records(text: str, source: str) -> Iterator[tuple[str, Record] | IngestError]:
    """``(where, record)`` for every non-blank line of a JSON Lines text, or an error for that line."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            yield where, parse_record(line, where)
        except IngestError as exc:
            yield exc


def _kind(value: object) -> str:
    return _JSON_KINDS.get(type(value).__name__, type(value).__name__)


def _field_error(error: ErrorDetails) -> str:
    field = ".".join(str(p) for p in error.get("loc", ())) or "record"
    return f"field {field!r} must be a string or null, not {_kind(error.get('input'))}"


def _json_error(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    return type(exc).__name__
