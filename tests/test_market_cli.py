"""An analyst's session over a small market map, through the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import mercato.cli
from market_helpers import add_doc, fact
from mercato.store.db import connect

mercato.cli._register()
runner = CliRunner()

EN = (
    "Meta agreed to invest $14.3 billion in Scale AI, taking a 49% stake. "
    "Scale AI chief executive Alexandr Wang will join Meta to lead a new superintelligence lab. "
    "Analysts see the deal as a bet on data labelling for frontier models."
)
FR = (
    "Meta investit 14 milliards de dollars dans Scale AI. "
    "Alexandr Wang, patron de Scale AI, rejoint Meta pour diriger un nouveau laboratoire. "
    "Les analystes y voient un pari sur l'annotation de données."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("market") / "m.db")
    engine = connect(path)
    inv = dict(investor="Meta", target="Scale AI", kind="investment", status="done")
    add_doc(
        engine,
        EN,
        [
            fact("investment", EN.split(". ")[0], amount_usd=14.3e9, stake_pct=49, **inv),
            fact(
                "move",
                EN.split(". ")[1],
                person="Alexandr Wang",
                from_org="Scale AI",
                to_org="Meta",
                status="announced",
                role="head of the superintelligence lab",
            ),
        ],
        site="news.example.com",
        date="2025-06-13",
        lang="en",
    )
    add_doc(
        engine,
        FR,
        [
            fact("investment", FR.split(". ")[0], amount_usd=14e9, **inv),
            fact(
                "move",
                FR.split(". ")[1],
                person="Alexandr Wang",
                from_org="Scale AI",
                to_org="Meta",
                status="done",
            ),
        ],
        site="journal.example.fr",
        date="2025-06-14",
        lang="fr",
    )
    add_doc(
        engine,
        "Sam Altman said Meta offered his staff $100 million bonuses. Meta called it false.",
        [
            fact(
                "offer",
                "Sam Altman said Meta offered his staff $100 million bonuses.",
                by_org="Meta",
                target_org="OpenAI",
                amount_usd=1e8,
                outcome="declined",
                attributed_to="Sam Altman",
            ),
            fact(
                "denial",
                "Meta called it false.",
                speaker="Meta",
                claim_by="Sam Altman",
                topic="$100M bonuses",
            ),
        ],
        site="tech.example.com",
        date="2025-06-20",
    )
    add_doc(
        engine,
        "A football club signed a striker for 50 million euros after a long saga.",
        [],
        site="sport.example.com",
        date="2025-06-21",
    )
    engine.dispose()
    return path


def run(*args: str) -> str:
    result = runner.invoke(mercato.cli.app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_facts_json_is_merged_sourced_and_scorable(db):
    items = json.loads(run("facts", "--json", "--db", db))
    inv = [f for f in items if f["type"] == "investment"]
    assert len(inv) == 1
    assert {s["site"] for s in inv[0]["sources"]} == {"news.example.com", "journal.example.fr"}
    assert inv[0]["evidence"] and all(s["evidence"] for s in inv[0]["sources"])
    assert {f["type"] for f in items} == {"investment", "move", "offer", "denial"}
    offer = next(f for f in items if f["type"] == "offer")
    assert offer["disputed"] is True


def test_filters_and_table_output(db):
    assert "2 of 2 facts" in run("facts", "--org", "scale ai", "--db", db)
    only = json.loads(run("facts", "--json", "--person", "WANG", "--db", db))
    assert [f["type"] for f in only] == ["move"]
    assert json.loads(run("facts", "--json", "--type", "offer", "--until", "2025-06-01", "--db", db)) == []
    everything = json.loads(run("facts", "--json", "--db", db))
    assert json.loads(run("facts", "--json", "--limit", "0", "--db", db)) == everything  # 0: no limit
    assert len(json.loads(run("facts", "--json", "--limit", "1", "--db", db))) == 1
    docs = json.loads(run("docs", "--json", "--db", db))
    assert docs and json.loads(run("docs", "--json", "--limit", "0", "--db", db)) == docs
    bad = runner.invoke(mercato.cli.app, ["facts", "--type", "rumour", "--db", db])
    assert bad.exit_code == 2 and "unknown fact type" in bad.output


def test_disputes_show_the_claim_beside_its_denial(db):
    rows = json.loads(run("disputes", "--json", "--db", db))
    assert len(rows) == 1
    assert rows[0]["claim"]["attributed_to"] == "Sam Altman" and rows[0]["counter"]["speaker"] == "Meta"
    assert "denial" in run("disputes", "--db", db)


def test_stories_group_both_languages(db):
    rows = json.loads(run("stories", "--json", "--db", db))
    main = rows[0]
    assert main["langs"] == ["en", "fr"] and len(main["documents"]) == 2
    assert main["title"] == "Meta invests $14.3 billion in Scale AI"
    story = json.loads(run("story", str(main["id"]), "--lang", "fr", "--json", "--db", db))
    assert story["title"] == "Meta investit 14,3 milliards de dollars dans Scale AI"


def test_keypoints_in_the_documents_language_and_on_request(db):
    fr = json.loads(run("keypoints", "2", "--json", "--db", db))
    assert fr["lang"] == "fr"
    texts = [p["text"] for p in fr["points"]]
    assert "Meta investit 14 milliards de dollars dans Scale AI" in texts
    assert 3 <= len(texts) <= 5
    doc_text = FR
    for p in fr["points"]:
        assert doc_text[p["start"] : p["end"]] == p["evidence"]
    en = json.loads(run("keypoints", "2", "--lang", "en", "--json", "--db", db))
    assert "Meta invests $14 billion in Scale AI" in [p["text"] for p in en["points"]]
    story = json.loads(run("keypoints", "--story", "1", "--json", "--db", db))
    assert story["points"][0]["n_sources"] == 2


def test_flows_profiles(db):
    flows = json.loads(run("flows", "--json", "--db", db))
    assert flows["links"][0]["source"] == "Scale AI" and flows["links"][0]["named"] == ["Alexandr Wang"]
    assert json.loads(run("flows", "--since", "2026-01-01", "--json", "--db", db))["links"] == []
    profile = json.loads(run("org", "meta", "--json", "--db", db))
    assert len(profile["arrivals"]) == 1 and len(profile["investments_made"]) == 1
    assert len(profile["offers_made"]) == 1 and profile["disputed"]
    person = json.loads(run("person", "wang", "--json", "--db", db))
    assert person["name"] == "Alexandr Wang" and len(person["moves"]) == 1


def test_export_every_format(db, tmp_path: Path):
    for fmt in ("jsonl", "csv", "parquet", "graphml"):
        out = tmp_path / f"facts.{fmt}"
        run("export", "--format", fmt, "-o", str(out), "--db", db)
        assert out.stat().st_size > 0
    assert len((tmp_path / "facts.jsonl").read_text().splitlines()) == 4
    rows = list(csv.DictReader((tmp_path / "facts.csv").read_text(encoding="utf-8").splitlines()))
    assert {r["type"] for r in rows} == {"investment", "move", "offer", "denial"}
    assert pq.read_table(tmp_path / "facts.parquet").num_rows == 4
    graph = nx.read_graphml(tmp_path / "facts.graphml")
    assert graph.has_edge("Meta", "Scale AI")
