"""WARC archives (plain or gzipped), read as a stream with caps: a bomb or a broken file is one line.

The archive is decompressed here, in bounded steps (``CappedInflater``), not by warcio: a few
kilobytes of gzip can stand for gigabytes, and warcio would inflate each block whole. Three caps:
the decompressed bytes of the whole archive (DECOMPRESSED_RATIO times the file cap), the size of
one record (the file cap: a page larger than that would not be fetched either), and the length of
a header line (MAX_LINE). Whatever goes
wrong ends the archive with one short reason; the records read before it are kept.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from mercato.ingest.errors import IngestError

DECOMPRESSED_RATIO = 10  # the decompressed archive may be this many times the file cap
STEP = 65536  # bytes of output per inflate step
MAX_LINE = 65536  # a longer header line is cut (and the record is then unreadable)
MAGIC = b"WARC/"


class ArchiveTooLarge(ValueError):
    pass


class TruncatedArchive(ValueError):
    """Not an EOFError: warcio takes that for the normal end of the archive."""


class CappedInflater(io.RawIOBase):
    """A readable stream of ``raw`` gunzipped (every member) or passed through, with a cap on the
    bytes it yields."""

    def __init__(self, raw: BinaryIO, *, max_out: int) -> None:
        self.raw, self.max_out = raw, max_out
        self.out = 0
        head = raw.read(2)
        self.gzipped = head == b"\x1f\x8b"
        self.pending = head  # input not yet given to the decompressor
        self.inflater = zlib.decompressobj(zlib.MAX_WBITS | 16) if self.gzipped else None
        self.eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._next(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _next(self, size: int) -> bytes:
        size = max(1, min(size, STEP))
        while not self.eof:
            data = self._inflate(size) if self.gzipped else self._passthrough(size)
            if data:
                self._count(data)
                return data
        return b""

    def _passthrough(self, size: int) -> bytes:
        data, self.pending = self.pending + self.raw.read(size), b""
        self.eof = not data
        return data

    def _inflate(self, size: int) -> bytes:
        inflater = self.inflater
        assert inflater is not None
        if inflater.unconsumed_tail:
            return inflater.decompress(inflater.unconsumed_tail, size)
        if inflater.eof:  # the end of one gzip member: another may follow
            rest = inflater.unused_data + self.pending + self.raw.read(STEP)
            self.pending = b""
            if not rest.strip(b"\x00"):
                self.eof = True
                return b""
            self.inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
            return self.inflater.decompress(rest, size)
        chunk, self.pending = self.pending + self.raw.read(STEP), b""
        if not chunk:
            self.eof = True
            inflater.flush()
            raise TruncatedArchive("the gzip stream ends in the middle (a truncated file?)")
        return inflater.decompress(chunk, size)

    def _count(self, data: bytes) -> None:
        self.out += len(data)
        if self.out > self.max_out:
            raise ArchiveTooLarge(f"decompresses to more than {self.max_out / 1e6:.3g} MB (a gzip bomb?)")


Record = tuple[str | None, str | None, bytes]  # target URL, WARC date, HTTP body


def warc_records(raw: BinaryIO, source: str, max_bytes: int) -> Iterator[Record | IngestError]:
    """``(url, WARC date, body)`` of every HTML response record of the archive, in order, or an
    IngestError for a record over the cap and, last, one for a broken archive."""
    from warcio.exceptions import ArchiveLoadFailed

    try:
        stream = io.BufferedReader(CappedInflater(raw, max_out=DECOMPRESSED_RATIO * max_bytes))
        if not stream.peek(len(MAGIC))[: len(MAGIC)].startswith(MAGIC):
            yield IngestError(source, "not a WARC archive (no WARC/ header at the start)")
            return
        for record in _archive_iterator(stream):
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            if "html" not in ctype.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            date = record.rec_headers.get_header("WARC-Date")
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                cap = f"{max_bytes / 1e6:.3g} MB"
                yield IngestError(url or source, f"WARC record over the {cap} cap (raise it with --max-mb)")
                continue
            yield url, date, body
    except ArchiveTooLarge as exc:
        yield IngestError(source, f"WARC archive refused: {exc}")
    except zlib.error as exc:
        yield IngestError(source, f"broken WARC archive (corrupt compressed data: {exc})")
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, LookupError, TypeError, AttributeError) as exc:
        yield IngestError(source, f"broken WARC archive ({type(exc).__name__}: {exc})")


def _archive_iterator(stream: BinaryIO) -> Iterator:
    """warcio's ArchiveIterator, with lines cut at MAX_LINE and without its warnings on stderr (they
    quote whole lines of the input).

    warcio reads a header line whole, by concatenating blocks: a line of megabytes without a newline
    costs time quadratic in its length. No header line is that long, and bodies are not read by line.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import DecompressingBufferedReader

    class ShortLines(DecompressingBufferedReader):
        def readline(self, length: int | None = None) -> bytes:
            return super().readline(MAX_LINE if not length or length > MAX_LINE else length)

    class QuietArchiveIterator(ArchiveIterator):
        INC_RECORD = ""

        def __init__(self, fileobj: BinaryIO) -> None:
            super().__init__(fileobj)
            self.reader = ShortLines(self.fh)

    return QuietArchiveIterator(stream)
