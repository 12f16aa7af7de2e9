"""Every JSON endpoint answers what its typed response model says, the OpenAPI schema shows those
types (not ``object``), and every GET route, page or API, answers HEAD as it answers GET."""

from __future__ import annotations

import re
import warnings
from typing import Any

import pytest
from pydantic import TypeAdapter

from conftest import SAMPLES
from mercato.model import FACT_FIELDS

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.routing import APIRoute  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from mercato.pipeline import ingest  # noqa: E402
from mercato.serve import api, downloads, feeds, pages, profiles  # noqa: E402
from mercato.serve.app import create_app  # noqa: E402

ROUTERS = [api.router, profiles.api_router, profiles.router, downloads.router, feeds.router, pages.router]
GET_ROUTES = [r for router in ROUTERS for r in router.routes if isinstance(r, APIRoute) and "GET" in r.methods]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = str(tmp_path_factory.mktemp("models") / "web.db")
    assert ingest([str(SAMPLES)], path).ok
    return TestClient(create_app(path, token="s3cret"))


@pytest.fixture(scope="module")
def params(client: TestClient) -> dict[str, Any]:
    """A value for every path parameter of the routes, taken from the store."""
    fact = client.get("/api/facts", params={"type": "offer", "limit": 1}).json()["items"][0]
    dispute = client.get("/api/disputes", params={"limit": 1}).json()["items"][0]
    person = client.get("/api/people", params={"limit": 1}).json()["items"][0]
    story = client.get("/api/stories", params={"limit": 1}).json()["items"][0]
    return {
        "doc_id": client.get("/api/documents", params={"limit": 1}).json()["items"][0]["id"],
        "story_id": story["id"],
        "fact": fact["anchor"],
        "dispute": dispute["ref"],
        "org": "meta",
        "person": person["key"],
        "ext": "csv",
        "kind": "move",
        "section": "timeline",
    }


def _path(route: APIRoute, values: dict[str, Any]) -> str:
    """A URL of ``route`` with real values (``ref``: a fact's or a dispute's; ``name``: a person's or an
    organization's, as the route says), and the query every route that needs one can take."""

    def value(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "ref":
            name = "dispute" if "dispute" in route.path else "fact"
        elif name == "name":
            name = "person" if "person" in route.path or "people" in route.path else "org"
        assert name in values, f"{route.path}: give this test a value for {{{name}}}"
        return str(values[name])

    return re.sub(r"\{(\w+)\}", value, route.path) + "?q=meta"


def test_every_api_answer_is_what_its_model_says(client: TestClient, params: dict[str, Any]) -> None:
    checked = 0
    for route in GET_ROUTES:
        if not route.path.startswith("/api/"):
            continue
        assert route.response_model is not None, f"{route.path} declares no response model"
        resp = client.get(_path(route, params))
        assert resp.status_code == 200, (route.path, resp.text[:300])
        TypeAdapter(route.response_model).validate_python(resp.json())  # its models forbid undeclared keys
        checked += 1
    assert checked >= 19
    # the long forms too: a whole fact, a dispute with its review, a person nobody has
    for path, model in [
        (f"/api/facts/{params['fact']}", "Fact"),
        (f"/api/disputes/{params['dispute']}", "Dispute"),
        ("/api/people/nobody-by-this-name", "Profile"),
        ("/api/organizations/nothing-by-this-name", "Profile"),
    ]:
        route = next(r for r in GET_ROUTES if r.response_model is not None and r.response_model.__name__ == model)
        TypeAdapter(route.response_model).validate_python(client.get(path).json())


def test_the_openapi_schema_types_every_answer(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path, methods in schema["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, op in methods.items():
            ok = op["responses"]["200"]["content"]["application/json"]["schema"]
            assert ok.get("$ref") or ok.get("items") or ok.get("additionalProperties"), (method, path, ok)
            assert "400" in op["responses"] and "404" in op["responses"], (method, path)
            assert "422" not in op["responses"], (method, path)  # a bad parameter is a 400 here
    fact = schema["components"]["schemas"]["Fact"]["properties"]
    assert {f for fields in FACT_FIELDS.values() for f in fields} <= set(fact)  # the registry's fields
    assert {"amount_written", "currency", "sources", "n_sources"} <= set(fact)


def test_every_get_route_answers_head_as_get(client: TestClient, params: dict[str, Any]) -> None:
    for route in GET_ROUTES + [None]:
        path = _path(route, params) if route is not None else "/static/style.css"
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200, (path, head.status_code, got.status_code)
        assert head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"], path
        assert head.headers.get("content-security-policy"), path
    assert client.head("/api/facts/9999").status_code == 404
    assert client.head("/no-such-page").status_code == 404
