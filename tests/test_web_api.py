"""The JSON API: every endpoint's shape, 400 on bad parameters, the token rule, the security headers."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from conftest import SAMPLES

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from mercato.pipeline import ingest  # noqa: E402
from mercato.serve.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("web") / "web.db")
    report = ingest([str(SAMPLES)], path)
    assert report.ok and report.facts > 0
    return path


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(db))


PAGED = [
    "/api/documents",
    "/api/facts",
    "/api/entities",
    "/api/people",
    "/api/organizations",
    "/api/stories",
    "/api/disputes",
]


@pytest.mark.parametrize("path", PAGED)
def test_lists_are_paginated(client: TestClient, path: str):
    body = client.get(path, params={"limit": 2}).json()
    assert set(body) == {"items", "total", "limit", "offset"}
    assert body["limit"] == 2 and len(body["items"]) <= 2 and body["total"] >= len(body["items"])


def test_facts_have_the_contract_fields_and_sources(client: TestClient):
    items = client.get("/api/facts", params={"type": "investment", "limit": 100}).json()["items"]
    assert items
    for f in items:
        assert {"investor", "target", "amount_usd", "stake_pct", "kind", "status", "sources", "disputed"} <= set(f)
        assert all({"doc_id", "site", "evidence", "evidence_id"} <= set(s) for s in f["sources"])
    one = client.get(f"/api/facts/{items[0]['id']}").json()
    assert one["id"] == items[0]["id"] and "disputes" in one


def test_documents_search_flows_keypoints(client: TestClient):
    doc = client.get("/api/documents/1").json()
    assert doc["text"] and isinstance(doc["facts"], list)
    hits = client.get("/api/search", params={"q": "scale"}).json()
    assert hits["documents"] and "[" in hits["documents"][0]["snippet"]
    assert set(client.get("/api/flows").json()) == {"links", "net", "total_links"}
    assert len(client.get("/api/flows", params={"limit": 1}).json()["links"]) == 1
    points = client.get("/api/keypoints/documents/1", params={"lang": "fr"}).json()
    assert points["lang"] == "fr" and 1 <= len(points["points"]) <= 5
    assert "items" in client.get("/api/stories").json()
    assert client.get("/api/overview").json()["documents"] >= 8
    assert client.get("/api/organizations/Meta").json()["name"] == "Meta"
    assert "timeline" in client.get("/api/people/Wang").json()


@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/facts", {"since": "last week"}),
        ("/api/facts", {"type": "gossip"}),
        ("/api/facts", {"limit": -1}),
        ("/api/facts", {"offset": "x"}),
        ("/api/documents", {"lang": "de"}),
        ("/api/search", {}),
        ("/api/disputes", {"kind": "rumour"}),
        ("/api/flows", {"until": "2025-13"}),
        ("/api/flows", {"limit": 0}),
    ],
)
def test_bad_parameters_are_400_with_a_message(client: TestClient, path: str, params: dict):
    resp = client.get(path, params=params)
    assert resp.status_code == 400
    assert resp.json()["error"].startswith("bad parameter")


def test_unknown_ids_are_404(client: TestClient):
    for path in ("/api/documents/9999", "/api/facts/9999", "/api/stories/9999", "/api/keypoints/documents/9999"):
        resp = client.get(path)
        assert resp.status_code == 404 and "error" in resp.json()


def test_security_headers_and_local_docs(client: TestClient):
    resp = client.get("/")
    csp = resp.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    docs = client.get("/docs").text
    assert "/api/facts" in docs and "cdn" not in docs.lower()
    assert client.get("/openapi.json").json()["paths"]


def test_ingest_is_absent_without_a_token_and_guarded_with_one(db: str, tmp_path: Path):
    closed = TestClient(create_app(db))
    assert closed.post("/api/ingest", data={"urls": "https://example.com"}).status_code == 404
    assert closed.get("/ingest").status_code == 404
    guarded = TestClient(create_app(str(tmp_path / "fresh.db"), token="s3cret"))
    assert guarded.get("/ingest").status_code == 200
    files = {"files": ("note.txt", b"OpenAI has hired Jane Roe, a researcher from Google DeepMind, to lead a new lab.")}
    assert guarded.post("/api/ingest", files=files).status_code == 401
    assert guarded.post("/api/ingest", files=files, headers={"Authorization": "Bearer nope"}).status_code == 401
    ok = guarded.post("/api/ingest", files=files, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and len(ok.json()["new"]) == 1
    form = guarded.post("/api/ingest", data={"token": "s3cret"}, files=files)
    assert form.status_code == 200 and form.json()["duplicates"] == 1
