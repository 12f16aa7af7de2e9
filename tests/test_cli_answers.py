"""A new user's mistakes at the command line: each gets one line that says what to do, never a
traceback, never a silent wrong answer."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import mercato.cli
from market_helpers import add_doc, fact
from mercato.store.db import connect

mercato.cli._register()
runner = CliRunner()

TEXT = (
    "Northwind Labs hired Maria Lopez from Contoso AI as head of research. "
    "Fabrikam invested $40 million in Northwind Labs last week."
)


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(mercato.cli.app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("answers") / "m.db")
    engine = connect(path)
    add_doc(
        engine,
        TEXT,
        [
            fact("move", TEXT.split(". ")[0], person="Maria Lopez", from_org="Contoso AI", to_org="Northwind Labs"),
            fact(
                "investment",
                TEXT.split(". ")[1],
                investor="Fabrikam",
                target="Northwind Labs",
                amount_usd=40e6,
                kind="investment",
                status="done",
            ),
        ],
        date="2025-06-20",
    )
    engine.dispose()
    return path


@pytest.mark.parametrize(
    "command", [["facts"], ["disputes"], ["stories"], ["flows"], ["docs"], ["person", "Maria Lopez"], ["serve"]]
)
def test_a_mistyped_store_is_not_created_but_named(tmp_path, command):
    missing = tmp_path / "mercatoo.db"
    code, out = run(*command, "--db", str(missing))
    assert code == 1
    assert f"no store at {missing}" in out and "mercato ingest" in out
    assert not missing.exists()


def test_bad_stores_get_one_line(tmp_path):
    code, out = run("ingest", str(tmp_path), "--db", str(tmp_path / "no" / "such" / "dir" / "m.db"))
    assert code == 1 and "no directory" in out and "Traceback" not in out
    assert len(out.strip().splitlines()) == 1

    junk = tmp_path / "notes.db"
    junk.write_text("these are my notes, not a database\n" * 200)
    code, out = run("facts", "--db", str(junk))
    assert code == 1 and "not an SQLite database" in out and len(out.strip().splitlines()) == 1

    code, out = run("facts", "--db", "postgresql+nosuchdriver://user:secret@localhost/m")
    assert code == 1 and "driver" in out and "secret" not in out
    assert len(out.strip().splitlines()) == 1


def test_a_wrong_dispute_kind_lists_the_kinds(db):
    code, out = run("disputes", "--kind", "denials", "--db", db)
    assert code == 2
    assert "denial, figures, outcome, status" in out


def test_an_unknown_language_is_refused(db):
    code, out = run("stories", "--lang", "de", "--db", db)
    assert code == 2 and "'de'" in out and "en, fr" in out


def test_export_to_standard_output(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(mercato.cli.app, ["export", "-o", "-", "--db", db])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {f["type"] for f in lines} == {"move", "investment"}
    assert not Path(tmp_path / "-").exists()


def test_export_into_a_missing_directory(db, tmp_path):
    code, out = run("export", "-o", str(tmp_path / "nope" / "facts.csv"), "--format", "csv", "--db", db)
    assert code == 1 and "no directory" in out and "Traceback" not in out


def test_the_store_is_unchanged_by_a_read_command(db):
    with sqlite3.connect(db) as c:
        before = c.execute("SELECT count(*) FROM canonical_facts").fetchone()[0]
    code, _ = run("facts", "--db", db)
    assert code == 0 and before == 2


def test_facts_print_headlines_not_raw_fields(db, monkeypatch):
    from mercato.cli import market

    monkeypatch.setattr(market.console, "width", 200)
    code, out = run("facts", "--db", db)
    flat = " ".join(out.split())
    assert code == 0
    assert "Fabrikam invests" in flat and "Maria Lopez moves" in flat
    assert "from_org=" not in flat and "investor=" not in flat


def test_one_fact_with_every_source_its_evidence_and_offsets(db):
    code, out = run("facts", "--json", "--db", db)
    move = next(f for f in json.loads(out) if f["type"] == "move")
    code, out = run("fact", str(move["id"]), "--db", db)
    assert code == 0
    assert "Maria Lopez moves from Contoso AI to Northwind Labs" in out
    assert TEXT.split(". ")[0] in " ".join(out.split())
    assert f"@0-{len(TEXT.split('. ')[0])}" in out
    code, out = run("fact", "9999", "--db", db)
    assert code == 1 and "no fact 9999" in out


def test_an_unknown_person_is_an_error_with_close_names(db):
    code, out = run("person", "Pedro Lopez", "--db", db)
    assert code == 1 and "no such person" in out and "Maria Lopez" in out
    code, out = run("person", "Maria Lopez", "--db", db)
    assert code == 0 and "Maria Lopez" in out


def test_ingest_takes_a_date_and_reads_bylines(tmp_path):
    store = str(tmp_path / "s.db")
    (tmp_path / "a.txt").write_text(
        "Northwind Labs hires a chief scientist\nPublié le 3 septembre 2025\n"
        "Northwind Labs a recruté Maria Lopez, chercheuse chez Contoso AI, comme directrice scientifique.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Fabrikam opens a research lab\nFabrikam has opened a research lab in Lyon, the company said.\n",
        encoding="utf-8",
    )
    code, out = run("ingest", str(tmp_path / "a.txt"), "--db", store)
    assert code == 0, out
    code, out = run("ingest", str(tmp_path / "b.txt"), "--date", "2025-06-12", "--db", store)
    assert code == 0, out
    code, out = run("docs", "--json", "--db", store)
    docs = {d["title"]: d for d in json.loads(out)}
    assert docs["Northwind Labs hires a chief scientist"]["date"] == "2025-09-03"
    assert docs["Fabrikam opens a research lab"]["date"] == "2025-06-12"
    code, out = run("ingest", str(tmp_path / "b.txt"), "--date", "June 12", "--db", store)
    assert code == 2 and "YYYY-MM-DD" in out


def test_ingest_says_how_far_it_is_when_not_on_a_terminal(tmp_path, monkeypatch):
    from mercato.cli import ingest as ingest_cli

    monkeypatch.setattr(ingest_cli, "PLAIN_EVERY", 0.0)
    articles = tmp_path / "in"
    articles.mkdir()
    for i in range(3):
        (articles / f"a{i}.txt").write_text(f"Headline {i} here\nFabrikam opened lab number {i} in Lyon.\n")
    code, out = run("ingest", str(articles), "--no-extract", "--db", str(tmp_path / "s.db"))
    assert code == 0
    assert "ingest: 3 of ~3 items stored" in out
    assert ingest_cli.count_inputs([str(articles), "https://example.org/feed"]) is None
