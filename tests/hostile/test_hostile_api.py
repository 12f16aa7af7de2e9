"""The web server against hostile requests: local paths, huge numbers, tokens, stored script URLs."""

from __future__ import annotations

import asyncio
import json
import warnings
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from mercato.pipeline import ingest  # noqa: E402
from mercato.serve.app import create_app  # noqa: E402

TOKEN = "s3cret-token"
SCRIPT_URL = "javascript:alert(document.domain)"
TEXT = (
    "A small lab that trains speech models said on Tuesday that it had hired a former director of "
    "research from a much larger company, who will lead a new team in Toronto."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("api")
    records = root / "records.jsonl"
    records.write_text(json.dumps({"url": SCRIPT_URL, "title": "Script link", "text": TEXT}) + "\n", encoding="utf-8")
    path = str(root / "api.db")
    report = ingest([str(records)], path, extract=False)
    assert report.ok and len(report.new) == 1
    return path


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(db, TOKEN), raise_server_exceptions=False)


def test_a_stored_script_url_is_shown_as_text_not_as_a_link(client: TestClient):
    [doc] = client.get("/api/documents").json()["items"]
    html = client.get(f"/doc/{doc['id']}").text
    assert "Script link" in html and "javascript:alert(document.domain)" in html  # shown ...
    assert 'href="javascript' not in html.replace(" ", "").lower()  # ... never as a link
    assert "<a" not in html.split("Script link", 2)[-1].split("javascript:", 1)[0][-200:]


HUGE = ["99999999999999999999", str(2**63), str(-(2**63) - 1)]
ROUTES = [
    "/api/documents/{n}",
    "/api/facts/{n}",
    "/api/stories/{n}",
    "/api/keypoints/documents/{n}",
    "/api/keypoints/stories/{n}",
    "/api/documents?offset={n}",
    "/api/facts?offset={n}",
    "/api/entities?offset={n}",
    "/api/people?offset={n}",
    "/api/organizations?offset={n}",
    "/api/stories?offset={n}",
    "/api/disputes?offset={n}",
    "/doc/{n}",
    "/story/{n}",
    "/facts?offset={n}",
    "/documents?offset={n}",
    "/stories?offset={n}",
    "/disputes?offset={n}",
]


@pytest.mark.parametrize("route", ROUTES)
def test_huge_numbers_in_ids_and_offsets_are_refused_not_crashes(client: TestClient, route: str):
    for n in HUGE:
        status = client.get(route.format(n=n)).status_code
        assert 400 <= status < 500, (route, n, status)
    largest = client.get(route.format(n=2**63 - 1)).status_code
    assert largest in (200, 404), (route, largest)


def test_the_api_never_reads_local_paths(client: TestClient, db: str, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text(TEXT.replace("Toronto", "a private office"), encoding="utf-8")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = client.get("/api/documents").json()["total"]
    for given in (str(secret), str(tmp_path), f"file://{secret}", "~/secret.txt", "../../etc/hostname"):
        resp = client.post("/api/ingest", data={"urls": given}, headers=auth)
        assert resp.status_code == 400, (given, resp.text)
        assert "http(s) URLs" in resp.json()["error"]
    assert client.get("/api/documents").json()["total"] == before
    assert "private office" not in client.get("/api/search", params={"q": "private"}).text
    # an uploaded file still goes in
    note = "The chip maker opened an office in Lisbon and moved a dozen of its engineers there from Berlin."
    upload = {"files": ("note.txt", note.encode(), "text/plain")}
    resp = client.post("/api/ingest", files=upload, headers=auth)
    assert resp.status_code == 200 and len(resp.json()["new"]) == 1, resp.text


def _post_streamed(app, headers: dict[str, str], body: bytes, chunk: int = 65536) -> tuple[int, int]:
    """POST ``body`` to /api/ingest in chunks, straight through ASGI; (status, bytes the app read)."""
    read = 0
    chunks = [body[i : i + chunk] for i in range(0, len(body), chunk)] or [b""]
    status: list[int] = []

    async def receive() -> dict:
        nonlocal read
        if not chunks:
            await asyncio.sleep(3600)  # the client has nothing more to say: wait to be answered
        part = chunks.pop(0)
        read += len(part)
        return {"type": "http.request", "body": part, "more_body": bool(chunks)}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/ingest",
        "raw_path": b"/api/ingest",
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    asyncio.run(asyncio.wait_for(app(scope, receive, send), 30))
    return status[0], read


def _multipart(fields: list[tuple[str, bytes]], boundary: str = "b0undary") -> tuple[dict[str, str], bytes]:
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value + b"\r\n"
        for name, value in fields
    ]
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return {"Content-Type": f"multipart/form-data; boundary={boundary}", "Content-Length": str(len(body))}, body


BIG = b"x" * (8 << 20)


@pytest.mark.parametrize(
    "case",
    ["no token", "wrong bearer", "wrong form token first", "no token field first", "token disabled"],
)
def test_a_missing_or_wrong_token_is_refused_before_the_body_is_read(db: str, case: str):
    app = create_app(db, None if case == "token disabled" else TOKEN)
    fields = [("urls", BIG)]
    if case == "wrong form token first":
        fields.insert(0, ("token", b"guess"))
    headers, body = _multipart(fields)
    if case == "wrong bearer":
        headers["Authorization"] = "Bearer guess"
    status, read = _post_streamed(app, headers, body)
    assert status == (404 if case == "token disabled" else 401)
    assert read <= 128 * 1024, f"{read} bytes read before refusing"


def test_the_form_token_first_is_accepted(db: str, tmp_path: Path):
    app = create_app(db, TOKEN)
    headers, body = _multipart([("token", TOKEN.encode()), ("urls", b"not a url")])
    status, read = _post_streamed(app, headers, body)
    assert status == 400 and read == len(body)  # let in; then refused for its non-URL line
    client = TestClient(app)
    form = client.post("/api/ingest", data={"token": TOKEN, "urls": "ftp://x.example/a"})
    assert form.status_code == 400 and "http(s) URLs" in form.json()["error"]
    assert client.post("/api/ingest", data={"token": "nope", "urls": "https://x.example"}).status_code == 401
