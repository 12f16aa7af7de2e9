"""Which reader for which input: paths (files, directories), URLs, feeds, JSON Lines, WARC.

Everything is a generator of ``Document | IngestError`` so that a batch streams, and a bad item
is reported where it stands without stopping the others.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlparse

from mercato.ingest.decode import DEFAULT_MAX_BYTES, DecodeError, decode
from mercato.ingest.errors import IngestError
from mercato.ingest.fetch import fetch
from mercato.ingest.html import html_document
from mercato.model import Document

Item = Document | IngestError
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
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
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                source, f"file is {size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB cap (raise it with --max-mb)"
            )
        data = path.read_bytes()
    except IngestError as exc:
        yield exc
        return
    except OSError as exc:
        yield IngestError(source, f"cannot read ({exc.strerror or exc})")
        return
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        yield from _from_warc(data, source)
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from _from_jsonl(data, source)
    elif path.suffix.lower() in FEED_SUFFIXES:
        yield from _from_feed(data, source, allow_private, max_bytes)
    else:
        yield from _from_bytes(data, source, html=path.suffix.lower() in HTML_SUFFIXES)


def _from_bytes(data: bytes, source: str, *, html: bool, url: str | None = None) -> Iterator[Item]:
    try:
        text = decode(data)
    except DecodeError as exc:
        yield IngestError(source, str(exc))
        return
    try:
        yield html_document(text, source, url) if html else text_document(text, source, url)
    except IngestError as exc:
        yield exc


def text_document(text: str, source: str, url: str | None = None, **meta: str | None) -> Document:
    """A plain-text article. Without a given title, the cleaner picks its headline (``guess_title``)
    once page furniture is gone: a pasted page often starts with a search box or a section label."""
    if not text.strip():
        raise IngestError(source, "empty text")
    title = meta.pop("title", None)
    doc = Document(source=source, raw_text=text, url=url, title=title, **meta)
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
        yield from _from_bytes(data, url, html="html" in content_type or data.lstrip()[:1] == b"<", url=url)


def _from_jsonl(data: bytes, source: str) -> Iterator[Item]:
    try:
        text = decode(data)
    except DecodeError as exc:
        yield IngestError(source, str(exc))
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            yield IngestError(where, f"not a JSON object ({exc})")
            continue
        url, title, date = rec.get("url"), rec.get("title"), rec.get("date")
        try:
            if rec.get("html"):
                doc = html_document(str(rec["html"]), url or where, url)
                doc.title, doc.date = title or doc.title, date or doc.date
            elif rec.get("text"):
                doc = text_document(str(rec["text"]), url or where, url, title=title, date=date)
            else:
                raise IngestError(where, 'record has neither "text" nor "html"')
        except IngestError as exc:
            yield exc
            continue
        doc.site = rec.get("site") or doc.site or (urlparse(url).netloc if url else None)
        yield doc


def _from_warc(data: bytes, source: str) -> Iterator[Item]:
    import io

    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    try:
        stream = io.BytesIO(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            if "html" not in ctype:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read()
            for item in _from_bytes(body, url or source, html=True, url=url):
                if isinstance(item, Document) and not item.date:
                    item.date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
                found += 1
                yield item
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield IngestError(source, f"broken WARC archive ({exc})")
        return
    if not found:
        yield IngestError(source, "no HTML response records in the WARC archive")


def _from_feed(data: bytes, source: str, allow_private: bool, max_bytes: int) -> Iterator[Item]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = "not an RSS/Atom feed" + (f" ({feed.bozo_exception})" if feed.get("bozo") else " (no entries)")
        yield IngestError(source, reason)
        return
    for entry in feed.entries:
        link = entry.get("link")
        if not link:
            yield IngestError(source, f"feed entry {entry.get('title')!r} has no link")
            continue
        date = time.strftime("%Y-%m-%d", entry.published_parsed) if entry.get("published_parsed") else None
        for item in _from_url(link, allow_private, max_bytes):
            if isinstance(item, Document):
                item.date = item.date or date
                item.title = item.title or entry.get("title")
            yield item
