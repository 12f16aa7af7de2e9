"""Hostile and odd input, as a user meets it: one clear line per bad item, the rest goes in, bounded.

The corpus is generated (``hostile_corpus``): gzip bombs and broken WARC archives, JSON Lines
records of the wrong types, a named pipe and ``/dev/zero``, texts in Latin-1, UTF-16 and UTF-8
with a few bad bytes.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from hostile_corpus import ENGLISH, EXPECTED, FRENCH, FRENCH_SHORT, build

from mercato.ingest import IngestError, iter_documents
from mercato.ingest.decode import decode_text
from mercato.ingest.errors import MAX_REASON, MAX_SOURCE

SRC = Path(__file__).resolve().parents[2] / "src"
# A run of the CLI may use this much memory at its peak: cleaning a French text loads models (some
# 360 MB in all); a bomb read whole would take more than a gigabyte.
MAX_RSS_MB = 700
MAX_PEAK_MB = 100  # Python allocations while the whole corpus is read


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build(tmp_path_factory.mktemp("hostile"))


def test_every_hostile_file_gives_documents_or_short_lines_in_bounded_time_and_memory(corpus: dict[str, Path]):
    tracemalloc.start()
    started = time.monotonic()
    try:
        results = {name: list(iter_documents([str(path)])) for name, path in corpus.items()}
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    elapsed = time.monotonic() - started
    assert elapsed < 30, f"{elapsed:.1f} s"
    assert peak < MAX_PEAK_MB * 1e6, f"{peak / 1e6:.0f} MB"
    for name, expected in EXPECTED.items():
        if name not in corpus:
            continue
        items = results[name]
        errors = [i for i in items if isinstance(i, IngestError)]
        for e in errors:
            assert "\n" not in str(e) and len(e.reason) <= MAX_REASON and len(e.source) <= MAX_SOURCE
        if expected == "doc":
            assert not errors and items, (name, errors)
        else:
            assert errors and any(expected in e.reason for e in errors), (name, [e.reason for e in errors])
            assert len(errors) <= 2, (name, [e.reason for e in errors])  # an archive: one line, or two


def test_wrong_types_in_json_lines_are_one_line_each_and_the_good_record_goes_in(corpus: dict[str, Path]):
    items = list(iter_documents([str(corpus["wrong-types.jsonl"])]))
    docs = [i for i in items if not isinstance(i, IngestError)]
    errors = [i.reason for i in items if isinstance(i, IngestError)]
    assert [d.url for d in docs] == ["https://x.example/ok"] and docs[0].title == "Fine"
    assert errors == [
        "field 'url' must be a string or null, not a number",
        "field 'url' must be a string or null, not an array",
        "field 'title' must be a string or null, not an array",
        "field 'date' must be a string or null, not an object",
        "field 'site' must be a string or null, not an object",
        "field 'text' must be a string or null, not a number",
    ]


def test_latin1_french_comes_out_right_and_the_guess_is_reported(corpus: dict[str, Path]):
    [doc] = iter_documents([str(corpus["latin1-french.txt"])])
    assert doc.raw_text == FRENCH and "lève" in doc.raw_text
    assert doc.meta["encoding"] == "cp1252" and "guess" in doc.meta["encoding_note"]
    [short] = iter_documents([str(corpus["latin1-short.txt"])])
    assert short.raw_text == FRENCH_SHORT  # not "Elle lčve ... ŕ Paris"
    [page] = iter_documents([str(corpus["meta-charset.html"])])
    assert "lève trente millions" in page.raw_text and "encoding_note" not in page.meta  # declared, not guessed


@pytest.mark.parametrize(
    ("data", "text", "how"),
    [
        ("Il lève des fonds.".encode("latin-1"), "Il lève des fonds.", "guess"),
        ("La société lève 30 millions.".encode("latin-1"), "La société lève 30 millions.", "guess"),
        ("Il lève des fonds.".encode(), "Il lève des fonds.", "utf-8"),
        ("“Quoted” — smart.".encode("cp1252"), "“Quoted” — smart.", "guess"),
        ((ENGLISH * 30).encode() + b"\xe9", (ENGLISH * 30) + "\ufffd", "utf-8 with replacement"),
        (("Déjà vu, à côté. " * 9).encode() + b"\xff", ("Déjà vu, à côté. " * 9) + "\ufffd", "utf-8 with replacement"),
        ("\ufeffHello there.".encode("utf-16-le"), "Hello there.", "bom"),
    ],
)
def test_encodings_utf8_first_then_declared_then_a_western_guess(data: bytes, text: str, how: str):
    decoded = decode_text(data)
    assert (decoded.text, decoded.how) == (text, how)


def test_a_declared_charset_wins_over_the_guess():
    data = "Привет, мир".encode("cp1251")
    assert decode_text(data, "windows-1251").text == "Привет, мир"
    assert decode_text(data, "no-such-charset").how == "guess"


def _cli(args: list[str], cwd: Path, timeout: float = 120) -> tuple[subprocess.CompletedProcess, float]:
    """``mercato ARGS`` in a child process under a 3 GB address-space limit; its peak RSS in MB."""
    code = (
        "import resource, sys\n"
        "from mercato.cli import main\n"
        "sys.argv = ['mercato', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    status = exc.code\nelse:\n    status = 0\n"
        "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(status)\n"
    )

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}", "COLUMNS": "300"}
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
    )
    rss = [line.split()[1] for line in proc.stderr.splitlines() if line.startswith("MAXRSS")]
    return proc, int(rss[0]) / 1024 if rss else float("inf")


@pytest.mark.skipif(not os.path.exists("/dev/zero") or not hasattr(os, "mkfifo"), reason="needs /dev/zero and FIFOs")
def test_the_cli_refuses_special_files_and_survives_the_whole_corpus(corpus: dict[str, Path], tmp_path: Path):
    """A user ingests the hostile directory, a named pipe and /dev/zero: it ends, in bounded memory."""
    root = corpus["good.warc.gz"].parent
    db = tmp_path / "m.db"
    args = ["ingest", str(root), str(corpus["pipe.txt"]), "/dev/zero", "--no-extract", "--db", str(db)]
    started = time.monotonic()
    proc, rss = _cli(args, tmp_path)
    elapsed = time.monotonic() - started
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "Traceback" not in out
    assert "/dev/zero: refused: a character device; only regular files are read" in out
    assert "pipe.txt: refused: a named pipe" in out
    assert "few-bad-bytes.txt: read as UTF-8" in out and "latin1-french.txt: read as cp1252" in out
    assert elapsed < 90 and rss < MAX_RSS_MB, (elapsed, rss)
    for line in out.splitlines():
        assert len(line) < 1000, line[:200]
    listed, _ = _cli(["docs", "--json", "--db", str(db)], tmp_path)
    urls = {d["url"] for d in json.loads(listed.stdout)}
    assert {"https://lab.example/a", "https://x.example/ok"} <= urls


def test_no_sql_nor_article_text_in_the_reasons_given_for_wrong_types(corpus: dict[str, Path], tmp_path: Path):
    db = str(tmp_path / "m.db")
    proc, _ = _cli(["ingest", str(corpus["wrong-types.jsonl"]), "--no-extract", "--db", db], tmp_path)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in out
    assert "1 new" in out and "6 skipped" in out
    for words in ("INSERT", "SELECT", "sqlite3", "raised new money"):
        assert words not in out, words
