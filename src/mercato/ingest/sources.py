"""Which reader for which input: paths (files, directories), URLs, feeds, JSON Lines, WARC.

Everything is a generator of ``Document | IngestError`` so that a batch streams, and a bad item
is reported where it stands without stopping the others.
"""

from __future__ import annotations

import io
import os
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlparse

from mercato.ingest.decode import DEFAULT_MAX_BYTES, Decoded, DecodeError, charset_of, decode_text
from mercato.ingest.errors import IngestError
from mercato.ingest.fetch import fetch
from mercato.ingest.html import html_document
from mercato.ingest.records import iter_records
from mercato.ingest.warc import warc_records
from mercato.model import Document

Item = Document | IngestError
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
_KINDS = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}
KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | {".warc", ".gz"}


def is_url(text: str) -> bool:
    return urlparse(text).scheme in ("http", "https")


def iter_documents(
    inputs: Iterable[str], *, allow_private: bool = False, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Item]:
    """Every article in ``inputs`` (paths or URLs, in any mix), or an error per bad input."""
    for item in inputs:
        if is_url(item):
            yield from _from_url(item, allow_private, max_bytes)
        else:
            yield from _from_path(Path(item), allow_private, max_bytes)


def _from_path(path: Path, allow_private: bool, max_bytes: int) -> Iterator[Item]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
            if child.suffix.lower() in KNOWN:
                yield from _from_file(child, allow_private, max_bytes)
        return
    yield from _from_file(path, allow_private, max_bytes)


def _from_file(path: Path, allow_private: bool, max_bytes: int) -> Iterator[Item]:
    source = str(path)
    try:
        data = read_regular_file(path, max_bytes)
    except IngestError as exc:
        yield exc
        return
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        yield from _from_warc(data, source, max_bytes)
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from _from_jsonl(data, source)
    elif path.suffix.lower() in FEED_SUFFIXES:
        yield from _from_feed(data, source, allow_private, max_bytes)
    else:
        yield from _from_bytes(data, source, html=path.suffix.lower() in HTML_SUFFIXES)


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``, at most ``max_bytes``; raises IngestError for anything but a regular file.

    The file is opened without blocking (a named pipe would wait for a writer) and checked on its
    open descriptor, so a swap between a check and the open changes nothing; the cap counts the
    bytes read, not what ``stat`` says (``/dev/zero`` and ``/proc`` files report a size of 0).
    """
    source = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise IngestError(source, f"cannot read ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
            raise IngestError(source, f"refused: {kind}; only regular files are read")
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise IngestError(source, f"file over the {max_bytes / 1e6:g} MB cap (raise it with --max-mb)")
        return b"".join(chunks)
    except OSError as exc:
        raise IngestError(source, f"cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def _from_bytes(
    data: bytes, source: str, *, html: bool, url: str | None = None, charset: str | None = None
) -> Iterator[Item]:
    try:
        decoded = decode_text(data, charset)
    except DecodeError as exc:
        yield IngestError(source, str(exc))
        return
    try:
        doc = html_document(decoded.text, source, url) if html else text_document(decoded.text, source, url)
    except IngestError as exc:
        yield exc
        return
    _note_encoding(doc, decoded)
    yield doc


def _note_encoding(doc: Document, decoded: Decoded) -> None:
    """Keep, with the document, how its bytes were read when that was not certain."""
    if decoded.note:
        doc.meta["encoding"] = decoded.encoding
        doc.meta["encoding_note"] = decoded.note


def text_document(
    text: str, source: str, url: str | None = None, *, title: str | None = None, date: str | None = None
) -> Document:
    """A plain-text article. Without a given title, the cleaner picks its headline (``guess_title``)
    once page furniture is gone: a pasted page often starts with a search box or a section label."""
    if not text.strip():
        raise IngestError(source, "empty text")
    doc = Document(source=source, raw_text=text, url=url, title=title, date=date)
    if not title:
        doc.meta["title_from_text"] = True
    return doc


def _looks_like_feed(data: bytes, content_type: str) -> bool:
    head = data[:2048].lstrip().lower()
    return any(t in content_type for t in ("rss", "atom")) or (
        head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)
    )


def _from_url(url: str, allow_private: bool, max_bytes: int) -> Iterator[Item]:
    try:
        data, content_type = fetch(url, allow_private=allow_private, max_bytes=max_bytes)
    except IngestError as exc:
        yield exc
        return
    if _looks_like_feed(data, content_type) or "xml" in content_type and "html" not in content_type:
        yield from _from_feed(data, url, allow_private, max_bytes)
    else:
        html = "html" in content_type or data.lstrip()[:1] == b"<"
        yield from _from_bytes(data, url, html=html, url=url, charset=charset_of(content_type))


def _from_jsonl(data: bytes, source: str) -> Iterator[Item]:
    try:
        decoded = decode_text(data)
    except DecodeError as exc:
        yield IngestError(source, str(exc))
        return
    for found in iter_records(decoded.text, source):
        if isinstance(found, IngestError):
            yield found
            continue
        where, rec = found
        try:
            if rec.html:
                doc = html_document(rec.html, rec.url or where, rec.url)
                doc.title, doc.date = rec.title or doc.title, rec.date or doc.date
            else:
                doc = text_document(rec.text or "", rec.url or where, rec.url, title=rec.title, date=rec.date)
        except IngestError as exc:
            yield exc
            continue
        doc.author = rec.author or doc.author
        doc.site = rec.site or doc.site or (urlparse(rec.url).netloc if rec.url else None)
        _note_encoding(doc, decoded)
        yield doc


def _from_warc(data: bytes, source: str, max_bytes: int) -> Iterator[Item]:
    found = 0
    for record in warc_records(io.BytesIO(data), source, max_bytes):
        if isinstance(record, IngestError):
            found += 1
            yield record
            continue
        url, date, body = record
        for item in _from_bytes(body, url or source, html=True, url=url):
            if isinstance(item, Document) and not item.date:
                item.date = (date or "")[:10] or None
            found += 1
            yield item
    if not found:
        yield IngestError(source, "no HTML response records in the WARC archive")


def feed_entries(data: bytes, source: str) -> list[tuple[str, str | None, str | None] | IngestError]:
    """``(link, title, date)`` of every entry of an RSS/Atom feed, or an error per entry without a
    link, or one error when ``data`` is no feed."""
    import feedparser

    try:
        feed = feedparser.parse(data)
    except Exception as exc:  # feedparser catches most, not all, of a broken XML's errors
        return [IngestError(source, f"not an RSS/Atom feed ({type(exc).__name__})")]
    if not feed.entries:
        reason = "not an RSS/Atom feed" + (f" ({feed.get('bozo_exception')})" if feed.get("bozo") else " (no entries)")
        return [IngestError(source, reason)]
    found: list[tuple[str, str | None, str | None] | IngestError] = []
    for entry in feed.entries:
        link, title = entry.get("link"), entry.get("title")
        title = title if isinstance(title, str) else None
        if not link or not isinstance(link, str):
            found.append(IngestError(source, f"feed entry {title!r} has no link"))
            continue
        found.append((link, title, _entry_date(entry.get("published_parsed"))))
    return found


def _entry_date(parsed: object) -> str | None:
    try:
        return time.strftime("%Y-%m-%d", parsed) if parsed else None  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def _from_feed(data: bytes, source: str, allow_private: bool, max_bytes: int) -> Iterator[Item]:
    for entry in feed_entries(data, source):
        if isinstance(entry, IngestError):
            yield entry
            continue
        link, title, date = entry
        for item in _from_url(link, allow_private, max_bytes):
            if isinstance(item, Document):
                item.date = item.date or date
                item.title = item.title or title
            yield item
