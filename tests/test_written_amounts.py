"""Money as the article wrote it beside US dollars: "€100 million (≈ $116 million)".

Extraction keeps the figure and currency of a fact's amount (``Fact.written``) without changing the
evaluation contract; the store keeps it (``facts.written``, revision 0012); the map shows it beside
the voted dollars on pages, in the CLI, the API and the exports. Sentences of our own.
"""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from mercato.consolidate import queries
from mercato.consolidate.export import to_csv
from mercato.consolidate.render import sentence
from mercato.extract import extract_documents
from mercato.model import FACT_FIELDS, Document
from mercato.pipeline import ingest
from mercato.store import db

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from mercato.serve.app import create_app  # noqa: E402

FR = (
    "La course à l'IA entre OpenAI, Meta et Google s'intensifie dans la Silicon Valley.\n"
    "La start-up Quillon AI lève 100 millions d'euros auprès du fonds Orbis Capital."
)
EN = (
    "The AI race between OpenAI, Meta and Google keeps heating up in Silicon Valley.\n"
    "Nova Robotics raised $50 million in a round led by Orbis Capital."
)


def _extract(text: str, lang: str) -> list:
    doc = Document(source=f"t-{lang}.txt", raw_text=text, text=text, lang=lang)
    return extract_documents([doc])[0].facts


def test_a_fact_keeps_the_amount_and_currency_its_article_wrote() -> None:
    facts = [f for f in _extract(FR, "fr") if f.attrs.get("amount_usd")]
    assert facts
    for f in facts:
        assert f.written == (100_000_000.0, "EUR")
        assert f.attrs["amount_usd"] > 100_000_000  # converted: euros are worth more than dollars
        # the contract of `mercato extract --json` (SCHEMA.md) is unchanged: no extra field
        assert set(f.to_contract()) == {"type", "evidence", *FACT_FIELDS[f.type]}
    dollars = [f for f in _extract(EN, "en") if f.attrs.get("amount_usd")]
    assert dollars and all(f.written == (50_000_000.0, "USD") for f in dollars)


def test_a_headline_gives_the_written_amount_then_the_dollars() -> None:
    fact = {"investor": "Orbis Capital", "target": "Quillon AI", "kind": "investment", "status": "done"}
    fact |= {"amount_usd": 116_000_000.0, "amount_written": 100_000_000.0, "currency": "EUR"}
    assert "€100 million (≈ $116 million)" in sentence("investment", fact, "en")
    assert "100 M€ (≈ 116 millions de dollars)" in sentence("investment", fact, "fr")
    dollars = fact | {"amount_written": 100_000_000.0, "currency": "USD", "amount_usd": 100_000_000.0}
    assert "$100 million" in sentence("investment", dollars, "en") and "≈" not in sentence("investment", dollars)
    unknown = fact | {"amount_written": None, "currency": None}
    assert "$116 million" in sentence("investment", unknown, "en") and "€" not in sentence("investment", unknown)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("written")
    (root / "fr.txt").write_text(FR, encoding="utf-8")
    (root / "en.txt").write_text(EN, encoding="utf-8")
    path = str(root / "store.db")
    assert ingest([str(root / "fr.txt"), str(root / "en.txt")], path).ok
    return path


def test_the_map_serves_the_written_amount_beside_the_dollars(store: str, tmp_path: Path) -> None:
    with db.connect(store).connect() as conn:
        items, _ = queries.list_facts(conn, type="investment", limit=100)
    euros = [f for f in items if f["target"] == "Quillon AI" and f["amount_usd"]]
    assert euros and all((f["amount_written"], f["currency"]) == (100_000_000.0, "EUR") for f in euros)
    with TestClient(create_app(store)) as client:
        listed = client.get("/api/facts?type=investment&limit=100").json()["items"]
        one = next(f for f in listed if f["target"] == "Quillon AI" and f["amount_usd"])
        assert (one["amount_written"], one["currency"]) == (100_000_000.0, "EUR")
        assert client.get(f"/api/facts/{one['id']}").json()["currency"] == "EUR"
        page = client.get("/facts?type=investment").text
        assert "€100 million (≈ $" in page
        assert "100 M€ (≈ " in client.get("/facts?type=investment&lang=fr").text
    to_csv(items, tmp_path / "facts.csv")
    rows = list(csv.DictReader((tmp_path / "facts.csv").open(encoding="utf-8")))
    row = next(r for r in rows if r["target"] == "Quillon AI" and r["amount_usd"])
    assert (row["amount_written"], row["currency"]) == ("100000000.0", "EUR")


def test_an_older_store_gains_the_column(tmp_path: Path) -> None:
    engine = db.connect(tmp_path / "old.db", migrate=False)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db.__file__).with_name("migrations")))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0011")
        conn.exec_driver_sql("ALTER TABLE facts DROP COLUMN written")  # 0001 creates today's tables
    db.upgrade(engine)
    assert "written" in {c["name"] for c in inspect(engine).get_columns("facts")}
