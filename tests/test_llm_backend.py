"""The LLM backend against a local OpenAI-compatible server: grounded facts only, clear errors."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import mercato.cli
from mercato.extract.llm import LLMError, align, extract_llm
from mercato.model import Document

TEXT = (
    "Meta has hired Jane Roe, a researcher at OpenAI, to lead its new reasoning lab.\n\n"
    "The company declined to comment on the “terms of the offer”."
)


def answer(facts: list[dict]) -> bytes:
    return json.dumps({"choices": [{"message": {"content": json.dumps({"facts": facts})}}]}).encode()


MOVE = {
    "type": "move",
    "person": "Jane Roe",
    "count": None,
    "from_org": "OpenAI",
    "to_org": "Meta Platforms",
    "role": "head of the reasoning lab",
    "status": "done",
    "evidence": "Meta has hired Jane Roe, a researcher at OpenAI, to lead its new reasoning lab.",
}
INVENTED = {
    "type": "investment",
    "investor": "Meta",
    "target": "OpenAI",
    "amount_usd": 1e9,
    "stake_pct": None,
    "kind": "investment",
    "status": "done",
    "evidence": "Meta bought a large stake in OpenAI yesterday.",
}
QUOTES = {
    "type": "denial",
    "speaker": "Meta",
    "claim_by": None,
    "topic": "offer terms",
    "evidence": 'The company declined to comment on the "terms of the offer".',
}


def test_facts_are_grounded_canonical_and_invented_ones_dropped(web_server):
    base, routes = web_server
    routes["/v1/chat/completions"] = (200, "application/json", answer([MOVE, INVENTED, QUOTES]))
    facts = extract_llm(Document(source="t", raw_text=TEXT, text=TEXT), url=base + "/v1", model="tiny")
    assert [f.type for f in facts] == ["move", "denial"]
    move = facts[0]
    assert move.attrs["to_org"] == "Meta"  # through the knowledge base
    ev = move.evidence[0]
    assert TEXT[ev.start : ev.end] == MOVE["evidence"] and ev.confidence == 1.0
    assert TEXT[facts[1].evidence[0].start : facts[1].evidence[0].end].startswith("The company declined")


def test_the_request_carries_the_schema(web_server, monkeypatch):
    import httpx

    sent = {}
    real_post = httpx.post

    def spy(url, json=None, **kw):  # httpx's own keyword
        sent.update(json)
        return real_post(url, json=json, **kw)

    base, routes = web_server
    routes["/chat/completions"] = (200, "application/json", answer([]))
    monkeypatch.setattr(httpx, "post", spy)
    monkeypatch.setenv("MERCATO_LLM_URL", base)
    monkeypatch.setenv("MERCATO_LLM_MODEL", "m1")
    assert extract_llm(Document(source="t", raw_text=TEXT, text=TEXT)) == []
    assert sent["model"] == "m1" and sent["response_format"]["type"] == "json_schema"
    kinds = [
        v["properties"]["type"]["const"]
        for v in sent["response_format"]["json_schema"]["schema"]["properties"]["facts"]["items"]["anyOf"]
    ]
    assert kinds == ["move", "offer", "investment", "unit", "denial"]


@pytest.mark.parametrize(
    "status, body, message",
    [
        (500, b"boom", "HTTP 500"),
        (200, b"not json", "not the expected JSON"),
        (200, json.dumps({"choices": [{"message": {"content": '{"oops": 1}'}}]}).encode(), "not the expected JSON"),
    ],
)
def test_server_errors_are_clear(web_server, status, body, message):
    base, routes = web_server
    routes["/chat/completions"] = (status, "application/json", body)
    with pytest.raises(LLMError, match=message):
        extract_llm(Document(source="t", raw_text=TEXT, text=TEXT), url=base)


def test_timeout_and_missing_configuration(monkeypatch):
    import socket

    monkeypatch.delenv("MERCATO_LLM_URL", raising=False)
    with pytest.raises(LLMError, match="MERCATO_LLM_URL"):
        extract_llm(Document(source="t", raw_text=TEXT, text=TEXT))
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        start = time.monotonic()
        with pytest.raises(LLMError, match="timed out"):
            extract_llm(
                Document(source="t", raw_text=TEXT, text=TEXT),
                url=f"http://127.0.0.1:{silent.getsockname()[1]}",
                timeout=0.5,
            )
        assert time.monotonic() - start < 5


def test_fuzzy_alignment():
    text = "Intro. Meta has hired Jane Roe from OpenAI to lead its lab. End."
    start, end, score = align("Meta hired Jane Roe from OpenAI to lead its lab.", text)
    assert text[start:end] == "Meta has hired Jane Roe from OpenAI to lead its lab." and score < 1
    assert align("Something else entirely was said here.", text) is None


def test_cli_backend_llm(web_server, monkeypatch, tmp_path: Path):
    base, routes = web_server
    routes["/chat/completions"] = (200, "application/json", answer([MOVE]))
    monkeypatch.setenv("MERCATO_LLM_URL", base)
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    mercato.cli._register()
    result = CliRunner().invoke(mercato.cli.app, ["extract", "--json", "--backend", "llm", str(article)])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output.strip().splitlines()[-1])
    assert row["facts"][0]["person"] == "Jane Roe" and row["facts"][0]["to_org"] == "Meta"
