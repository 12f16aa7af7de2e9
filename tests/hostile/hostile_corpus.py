"""The hostile corpus, generated: bombs, broken archives, wrong types, special files, odd encodings.

Nothing here is copied from real articles; every sentence is written for the tests. ``build``
writes the files under a directory and returns them by name; ``EXPECTED`` says what each one
must give (a document, or a skipped line whose reason contains the given words).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import struct
import zlib
from pathlib import Path

PAGE = (
    "<html><head><title>Lab hires a chief scientist</title></head><body><article>"
    "<h1>Lab hires a chief scientist</h1><p>The robotics lab said on Monday that it had hired a chief "
    "scientist from a larger rival to lead its work on planning models.</p><p>The lab has been hiring "
    "quickly since it raised money from investors in Europe and in the United States last spring.</p>"
    "</article></body></html>"
)
FRENCH = (
    "La jeune pousse lève trente millions d'euros auprès de fonds européens. Elle prévoit "
    "d'embaucher des chercheurs à Paris et à Montréal d'ici la fin de l'année prochaine."
)
FRENCH_SHORT = "Elle lève trente millions et recrute à Paris."  # a general detector reads it as cp1250
ENGLISH = (
    "The startup raised new money from its investors this week. It plans to hire more researchers "
    "for its lab in London before the end of next year, its founder said in a statement. "
)
# Other texts, each unlike the rest (near-duplicates would be stored as such, not as new documents).
OTHERS = (
    "A chip designer opened an office in Lisbon and moved twelve engineers there from its Berlin site. "
    "The move follows a long search for a city with lower rents and a good university nearby.",
    "Two former executives of a cloud company started a firm that builds tools for training models. "
    "They told reporters that their first customers were hospitals and insurers in Canada.",
    "The research group published a paper on compressing language models and then lost its leader, "
    "who left for a hedge fund that has been recruiting mathematicians all through the winter.",
)


def warc_bytes(pages: list[tuple[str, str]], *, gz: bool = True) -> bytes:
    """A WARC archive of HTML response records ``(url, html)``, each gzip member a record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
        writer.write_record(record)
    return out.getvalue()


def gzip_bomb(prefix: bytes, gigabytes: float) -> bytes:
    """A gzip member holding ``prefix`` then ``gigabytes`` of zeros, in about a megabyte per gigabyte.

    Blocks of zeros after a full flush compress to identical bytes, so one is made and repeated.
    The trailer's CRC is wrong on purpose: the reader must stop at its cap long before it.
    """
    block = b"\0" * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    head = comp.compress(prefix) + comp.flush(zlib.Z_FULL_FLUSH)
    first = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    n = int(gigabytes * 1024)
    body = head + first + again * (n - 1) + comp.flush()
    size = (len(prefix) + n * len(block)) & 0xFFFFFFFF
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + body + struct.pack("<II", 0, size)


def warc_bomb_prefix(length: int) -> bytes:
    """The start of a WARC response record that announces ``length`` bytes of HTML."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/\r\n"
        b"WARC-Date: 2025-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        + f"Content-Length: {length + len(http)}\r\n\r\n".encode()
        + http
    )


def build(root: Path) -> dict[str, Path]:
    """Write the corpus under ``root``; its files by name."""
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    good = warc_bytes([("https://lab.example/a", PAGE)])
    files["good.warc.gz"] = good
    files["truncated.warc.gz"] = good[: len(good) // 2]
    corrupt = bytearray(good)
    for i in range(40, min(len(corrupt), 400), 7):
        corrupt[i] ^= 0x5A
    files["corrupt.warc.gz"] = bytes(corrupt)
    files["not-gzip.warc.gz"] = b"\x1f\x8b" + os.urandom(2000)
    files["zeros-bomb.warc.gz"] = gzip_bomb(b"", 1.0)
    files["record-bomb.warc.gz"] = gzip_bomb(warc_bomb_prefix(1 << 30), 1.0)
    files["line-bomb.warc.gz"] = gzip_bomb(b"WARC/1.0\r\nWARC-Type: " + b"A" * 100, 0.2).replace(b"", b"", 0)
    files["small-bomb.warc.gz"] = gzip.compress(b"\0" * (16 << 20), 9)
    files["wrong-types.jsonl"] = "\n".join(
        json.dumps(r)
        for r in [
            {"url": 12345, "text": ENGLISH},
            {"url": ["https://x.example/a"], "text": ENGLISH},
            {"url": "https://x.example/b", "title": ["a", "list"], "text": ENGLISH + " title"},
            {"url": "https://x.example/c", "date": {"y": 2025}, "text": ENGLISH + " date"},
            {"url": "https://x.example/d", "site": {"name": "X"}, "text": ENGLISH + " site"},
            {"url": "https://x.example/e", "text": 42},
            {"url": "https://x.example/ok", "title": "Fine", "text": ENGLISH + " The only good record."},
        ]
    ).encode()
    files["deep.jsonl"] = b"[" * 100_000 + b"\n" + json.dumps({"text": OTHERS[0]}).encode()
    files["latin1-french.txt"] = FRENCH.encode("latin-1")
    files["latin1-short.txt"] = FRENCH_SHORT.encode("latin-1")
    files["few-bad-bytes.txt"] = (OTHERS[1] * 20).encode() + b"\xff\xfe\x81" + (OTHERS[1] * 20).encode()
    files["utf16.txt"] = ("\ufeff" + OTHERS[2]).encode("utf-16-le")
    files["meta-charset.html"] = (
        '<html><head><meta charset="iso-8859-1"><title>Financement</title></head><body><article>'
        f"<h1>Financement</h1><p>{FRENCH}</p><p>{FRENCH}</p></article></body></html>"
    ).encode("latin-1")
    files["binary.txt"] = bytes(range(1, 256)) * 40
    for name, data in files.items():
        (root / name).write_bytes(data)
    paths = {name: root / name for name in files}
    fifo = root / "pipe.txt"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        paths["pipe.txt"] = fifo
    return paths


# name -> "doc" (one document, at least) or the words a skipped line must contain
EXPECTED: dict[str, str] = {
    "good.warc.gz": "doc",
    "truncated.warc.gz": "broken WARC",
    "corrupt.warc.gz": "broken WARC",
    "not-gzip.warc.gz": "broken WARC",
    "zeros-bomb.warc.gz": "not a WARC",
    "record-bomb.warc.gz": "over the",
    "line-bomb.warc.gz": "WARC archive refused",
    "small-bomb.warc.gz": "not a WARC",
    "deep.jsonl": "nested too deeply",
    "latin1-french.txt": "doc",
    "latin1-short.txt": "doc",
    "few-bad-bytes.txt": "doc",
    "utf16.txt": "doc",
    "meta-charset.html": "doc",
    "binary.txt": "binary",
    "pipe.txt": "named pipe",
}
