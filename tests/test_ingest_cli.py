"""Getting articles in, as a user does it: files, pages, feeds, archives, and bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import mercato.cli
from conftest import SAMPLES

mercato.cli._register()
runner = CliRunner()

PAGE = """<!doctype html><html><head><title>Ada Byte joins Mistral AI | Dispatch</title>
<meta property="og:site_name" content="Dispatch"><meta name="author" content="Sam Reporter">
<meta property="article:published_time" content="2025-05-02T10:00:00Z"></head><body>
<nav><a href="/">Home</a><a href="/tech">Tech</a></nav>
<article><h1>Ada Byte joins Mistral AI</h1>
<p>Ada Byte, a researcher who spent six years at Google DeepMind, has joined Mistral AI to lead its work on
reasoning models, the Paris company said on Friday.</p>
<p>Mistral AI has been hiring quickly since it raised new funds from investors in Europe and the United States.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(mercato.cli.app, list(args))
    assert result.exit_code == code, result.output
    return result.output


def docs(db: str) -> list[dict]:
    return json.loads(run("docs", "--json", "--db", db))


def test_sample_corpus_goes_in_once(tmp_path: Path):
    db = str(tmp_path / "m.db")
    out = run("ingest", str(SAMPLES), "--db", db)
    assert "0 skipped" in out and "1 near-duplicate" in out
    stored = docs(db)
    assert {d["lang"] for d in stored} == {"en", "fr"}
    assert sum(1 for d in stored if d["duplicate_of"]) == 1
    again = run("ingest", str(SAMPLES), "--db", db)
    assert "0 new" in again and len(docs(db)) == len(stored)
    page = next(d for d in stored if d["site"] == "The Circuit")
    shown = json.loads(run("docs", "show", str(page["id"]), "--json", "--db", db))
    assert shown["date"] == "2025-07-14" and shown["author"] == "Dana Whitfield"
    assert "Privacy" not in shown["text"] and "Tomas Berg" in shown["text"]


def test_the_two_founding_articles(tmp_path: Path, dev_articles: Path):
    db = str(tmp_path / "m.db")
    run(
        "ingest",
        str(dev_articles / "000_b9d94d461006a54c.txt"),
        str(dev_articles / "003_e206ca6f5d6b8322.txt"),
        "--db",
        db,
    )
    first, second = docs(db)
    text0 = json.loads(run("docs", "show", str(first["id"]), "--json", "--db", db))["text"]
    text3 = json.loads(run("docs", "show", str(second["id"]), "--json", "--db", db))["text"]
    assert "image.png" not in text0 and "Points clés" in text0
    raw3 = (dev_articles / "003_e206ca6f5d6b8322.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in raw3.split("\n") if len(p.strip().split()) > 30]
    assert text3.rstrip().endswith(paragraphs[-1])  # the article's last paragraph, and nothing after it
    tail = raw3[raw3.index(paragraphs[-1]) + len(paragraphs[-1]) :]
    for line in (t.strip() for t in tail.splitlines()):
        if len(line) > 3:  # the dashes between headlines are in the article's text too
            assert line not in text3


def test_html_page_served_locally(tmp_path: Path, web_server):
    base, routes = web_server
    routes["/ada.html"] = (200, "text/html; charset=utf-8", PAGE.encode())
    db = str(tmp_path / "m.db")
    refused = run("ingest", f"{base}/ada.html", "--db", db, code=1)
    assert "--allow-private" in refused
    run("ingest", f"{base}/ada.html", "--allow-private", "--db", db)
    (doc,) = docs(db)
    assert doc["site"] == "Dispatch" and doc["date"] == "2025-05-02" and "Ada Byte" in doc["title"]


def test_feed_entries_are_fetched(tmp_path: Path, web_server):
    base, routes = web_server
    routes["/ada.html"] = (200, "text/html", PAGE.encode())
    routes["/gone.html"] = (404, "text/html", b"gone")
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Dispatch</title>
    <item><title>Ada Byte joins Mistral AI</title><link>{base}/ada.html</link>
    <pubDate>Fri, 02 May 2025 10:00:00 GMT</pubDate></item>
    <item><title>Gone</title><link>{base}/gone.html</link></item></channel></rss>"""
    routes["/feed.xml"] = (200, "application/rss+xml", feed.encode())
    db = str(tmp_path / "m.db")
    out = run("ingest", f"{base}/feed.xml", "--allow-private", "--db", db, code=1)
    assert "gone.html: HTTP 404" in out
    assert [d["title"] for d in docs(db)] == ["Ada Byte joins Mistral AI"]


def test_warc_archive(tmp_path: Path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        record = writer.create_warc_record(
            "https://dispatch.example/ada", "response", payload=io.BytesIO(PAGE.encode()), http_headers=headers
        )
        writer.write_record(record)
    db = str(tmp_path / "m.db")
    run("ingest", str(path), "--db", db)
    (doc,) = docs(db)
    assert doc["url"] == "https://dispatch.example/ada"


def test_bad_batch_reports_each_item_and_keeps_the_good_ones(tmp_path: Path, web_server):
    base, routes = web_server
    db = str(tmp_path / "m.db")
    good = SAMPLES / "en-orbital-funding.txt"
    run("ingest", str(good), "--db", db)
    before = docs(db)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    cp1252 = "Le laboratoire a recruté une chercheuse réputée, spécialiste des modèles génératifs, à Paris."
    (tmp_path / "latin.txt").write_bytes(cp1252.encode("cp1252"))
    (tmp_path / "feed.xml").write_text("this is not xml at all", encoding="utf-8")
    (tmp_path / "records.jsonl").write_text(
        '{"url": "https://x.example/a", "text": "Short but fine text here."}\nnot json\n', encoding="utf-8"
    )
    result = runner.invoke(
        mercato.cli.app,
        [
            "ingest",
            str(tmp_path / "empty.txt"),
            str(tmp_path / "binary.txt"),
            str(tmp_path / "latin.txt"),
            f"{base}/missing.html",
            str(tmp_path / "feed.xml"),
            str(tmp_path / "records.jsonl"),
            str(tmp_path / "nowhere.txt"),
            "--allow-private",
            "--db",
            db,
        ],
    )
    assert result.exit_code == 1
    out = result.output
    for reason in (
        "empty file",
        "binary content",
        "HTTP 404",
        "not an RSS/Atom feed",
        "not a JSON object",
        "cannot read",
    ):
        assert reason in out, reason
    stored = docs(db)
    assert stored[: len(before)] == before
    latin = next(d for d in stored if d["source"].endswith("latin.txt"))
    text = json.loads(run("docs", "show", str(latin["id"]), "--json", "--db", db))["text"]
    assert text == cp1252
    assert any(d["url"] == "https://x.example/a" for d in stored)


def test_oversized_file_is_refused_with_a_hint(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 300_000, encoding="utf-8")
    out = run("ingest", str(big), "--max-mb", "1", "--db", str(tmp_path / "m.db"), code=1)
    assert "over the 1 MB cap" in out and "--max-mb" in out


def test_reingest_with_new_text_replaces_facts(tmp_path: Path):
    db = str(tmp_path / "m.db")
    rec = {
        "url": "https://x.example/story",
        "title": "t",
        "date": "2025-01-01",
        "text": "Meta has hired Jane Roe, a researcher at OpenAI, to lead its new reasoning lab.",
    }
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    run("ingest", str(path), "--db", db)
    rec["text"] = "Google has hired Jane Roe, a researcher at OpenAI, to lead its new reasoning lab."
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    assert "1 updated" in run("ingest", str(path), "--db", db)
    assert len(docs(db)) == 1
    facts = json.loads(run("facts", "--json", "--db", db))
    assert all("Meta" not in json.dumps(f) for f in facts)


@pytest.mark.parametrize("name", ["en-meta-offer.html", "fr-nova-recrute.txt"])
def test_rm_removes_a_document_and_its_facts(tmp_path: Path, name: str):
    db = str(tmp_path / "m.db")
    run("ingest", str(SAMPLES / name), "--db", db)
    (doc,) = docs(db)
    run("rm", str(doc["id"]), "--db", db)
    assert docs(db) == [] and json.loads(run("facts", "--json", "--db", db)) == []
    run("rm", str(doc["id"]), "--db", db, code=1)
