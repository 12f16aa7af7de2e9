"""Atom feeds per organization, person, fact type and search, read by feedparser as a feed reader
reads them; and ``mercato watch``."""

from __future__ import annotations

import warnings

import feedparser
import pytest

from mercato.store.db import connect
from test_web_profiles import build

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from mercato.serve.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("feeds") / "market.db")
    engine = connect(path)
    build(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(db))


def _read(client: TestClient, path: str) -> feedparser.FeedParserDict:
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(r.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_an_organization_feed_lists_its_facts_newest_first_with_permalinks(client):
    feed = _read(client, "/feed/org/northwind-labs")
    assert len(feed.entries) == 6
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    first = feed.entries[0]
    assert "robotics group" in first.title  # the newest: July
    assert "/fact/f" in first.link and first.id.startswith("tag:mercato,2025:fact/f")
    assert client.get(first.link.replace("http://testserver", "")).status_code == 200
    assert len({e.id for e in feed.entries}) == 6


def test_person_type_and_search_feeds(client):
    person = _read(client, "/feed/person/Maria Lopez")  # a name is taken as well as a key
    assert len(person.entries) == 2 and all("Lopez" in e.title for e in person.entries)
    moves = _read(client, "/feed/type/move")
    assert len(moves.entries) == 3 and {t.term for e in moves.entries for t in e.tags} == {"move"}
    found = _read(client, "/feed/search?q=Tailspin")
    assert [e.title for e in found.entries] == ["Northwind Labs invests $40 million in Tailspin Robotics"]
    french = _read(client, "/feed/type/investment?lang=fr")
    assert any("millions de dollars" in e.title for e in french.entries)
    assert client.get("/feed/type/gossip").status_code == 404
    assert client.get("/feed/org/nobody").status_code == 404


def test_profiles_link_their_feed(client):
    assert 'href="/feed/org/northwind-labs"' in client.get("/org/northwind-labs").text


def test_watch_an_organization_a_person_or_a_search_since_a_date(db):
    import json

    from typer.testing import CliRunner

    import mercato.cli

    mercato.cli._register()
    runner = CliRunner()

    def watch(*args: str) -> list[dict]:
        result = runner.invoke(mercato.cli.app, ["watch", *args, "--json", "--db", db])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    org = watch("Northwind Labs", "--since", "2025-06-01")
    assert [f["type"] for f in org] == ["unit", "offer", "investment"]  # newest first, June on
    assert org[0]["kind"] == "org" and org[0]["key"] == "northwind-labs" and org[0]["anchor"].startswith("f")
    person = watch("chen-wang")
    assert {f["type"] for f in person} == {"move", "offer"} and person[0]["kind"] == "person"
    found = watch("robotics", "--since", "2025-06-15")
    assert [f["type"] for f in found] == ["unit"] and found[0]["kind"] == "search"
    text = runner.invoke(mercato.cli.app, ["watch", "Northwind Labs", "--since", "2025-07-01", "--db", db]).output
    assert "1 new or changed" in text and "/fact/f" in text
    bad = runner.invoke(mercato.cli.app, ["watch", "Northwind Labs", "--since", "July", "--db", db])
    assert bad.exit_code == 2
