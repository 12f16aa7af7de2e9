"""An optional LLM backend: any OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp, a hosted API).

The prompt asks for the contract's facts under a JSON schema built from ``model.FACT_FIELDS``;
each returned fact must quote its evidence, which is aligned back to offsets in the document
(exactly, then ignoring spacing and quote styles, then fuzzily sentence by sentence). A fact whose
evidence cannot be found in the text is dropped: the backend cannot invent sources.
Configuration: ``MERCATO_LLM_URL`` (e.g. http://127.0.0.1:11434/v1), ``MERCATO_LLM_MODEL``, and
``MERCATO_LLM_API_KEY`` or ``OPENAI_API_KEY``.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from typing import Any

import httpx

from mercato.link.kb import get_kb
from mercato.model import FACT_FIELDS, Document, Evidence, Fact

FUZZY_MIN = 0.85
_NUMBER_FIELDS = {"count", "amount_usd", "stake_pct"}


class LLMError(RuntimeError):
    """The LLM backend is not configured, or its server failed: the message says which."""


def fact_schema() -> dict[str, Any]:
    """JSON schema of the answer: {"facts": [one of the five fact shapes, each with evidence]}."""
    variants = []
    for kind, fields in FACT_FIELDS.items():
        props: dict[str, Any] = {"type": {"const": kind}, "evidence": {"type": "string"}}
        for name in fields:
            props[name] = {"type": ["number", "null"]} if name in _NUMBER_FIELDS else {"type": ["string", "null"]}
        variants.append(
            {
                "type": "object",
                "properties": props,
                "required": ["type", "evidence", *fields],
                "additionalProperties": False,
            }
        )
    return {
        "type": "object",
        "properties": {"facts": {"type": "array", "items": {"anyOf": variants}}},
        "required": ["facts"],
        "additionalProperties": False,
    }


PROMPT = (
    "You extract facts about the AI/tech industry's market for people and capital from a news article. "
    "Types: move (a person or group changes employer or role), offer (an organization offers pay to people), "
    "investment (money or a deal from one organization into another; kind investment|acquisition|licensing|"
    "funding), unit (an organization creates or reorganizes a lab), denial (someone publicly disputes a claim). "
    "Amounts in US dollars as plain numbers. Status: done|announced|reported|failed; outcome: accepted|declined|"
    "unknown. Use the names the article uses. Copy as evidence the exact sentence of the article stating the "
    "fact. An article outside that industry has no facts. Answer with JSON only."
)


def extract_llm(
    doc: Document,
    *,
    url: str | None = None,
    model: str | None = None,
    api_key: str | None = None,
    timeout: float = 60.0,
) -> list[Fact]:
    """The facts of ``doc`` according to the LLM, each grounded in ``doc.text``."""
    url = url or os.environ.get("MERCATO_LLM_URL")
    if not url:
        raise LLMError("no LLM endpoint: set MERCATO_LLM_URL (e.g. http://127.0.0.1:11434/v1) or use --backend rules")
    model = model or os.environ.get("MERCATO_LLM_MODEL", "default")
    key = api_key or os.environ.get("MERCATO_LLM_API_KEY") or os.environ.get("OPENAI_API_KEY")
    text = doc.text or doc.raw_text
    body = {
        "model": model,
        "temperature": 0,
        "messages": [{"role": "system", "content": PROMPT}, {"role": "user", "content": text}],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "facts", "schema": fact_schema(), "strict": True},
        },
    }
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    try:
        resp = httpx.post(url.rstrip("/") + "/chat/completions", json=body, headers=headers, timeout=timeout)
    except httpx.TimeoutException:
        raise LLMError(f"the LLM server at {url} timed out after {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise LLMError(f"cannot reach the LLM server at {url} ({exc})") from None
    if resp.status_code >= 400:
        raise LLMError(f"the LLM server answered HTTP {resp.status_code}: {resp.text[:200]}")
    try:
        content = resp.json()["choices"][0]["message"]["content"]
        items = json.loads(content)["facts"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LLMError(f"the LLM server's answer is not the expected JSON ({exc})") from None
    return [f for item in items if isinstance(item, dict) and (f := _fact(item, doc)) is not None]


def _fact(item: dict[str, Any], doc: Document) -> Fact | None:
    kind = item.get("type")
    if kind not in FACT_FIELDS:
        return None
    span = align(str(item.get("evidence") or ""), doc.text or doc.raw_text)
    if span is None:
        return None
    start, end, score = span
    text = doc.text or doc.raw_text
    attrs = {name: _canonical(name, item.get(name)) for name in FACT_FIELDS[kind]}
    ev = Evidence(
        sentence=text[start:end],
        start=start,
        end=end,
        confidence=score,
        raw_start=doc.offsets.to_raw(start),
        raw_end=doc.offsets.to_raw(end),
    )
    return Fact(kind, attrs, [ev], confidence=score)


def _canonical(name: str, value: Any) -> Any:
    if not isinstance(value, str) or name in ("role", "topic", "status", "outcome", "kind", "component"):
        return value
    return get_kb().canonical(value) or value


def _loose(text: str) -> tuple[str, list[int]]:
    """``text`` with spacing and quotes normalised, and where each kept character came from."""
    out, where = [], []
    prev_space = False
    for i, ch in enumerate(text):
        ch = {"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'}.get(ch, ch)
        if ch.isspace():
            if prev_space:
                continue
            ch, prev_space = " ", True
        else:
            prev_space = False
        out.append(ch.casefold())
        where.append(i)
    return "".join(out), where


def align(evidence: str, text: str) -> tuple[int, int, float] | None:
    """Where ``evidence`` stands in ``text``: (start, end, confidence), or None when it is not there."""
    evidence = evidence.strip()
    if len(evidence) < 8:
        return None
    i = text.find(evidence)
    if i >= 0:
        return i, i + len(evidence), 1.0
    loose_text, where = _loose(text)
    loose_ev, _ = _loose(evidence)
    i = loose_text.find(loose_ev)
    if i >= 0:
        return where[i], where[i + len(loose_ev) - 1] + 1, 0.95
    best: tuple[float, int, int] = (0.0, 0, 0)
    for m in re.finditer(r"[^.!?\n]+[.!?]?", text):
        ratio = difflib.SequenceMatcher(None, m.group().strip().casefold(), evidence.casefold()).ratio()
        if ratio > best[0]:
            best = (ratio, m.start() + len(m.group()) - len(m.group().lstrip()), m.end())
    return (best[1], best[2], round(best[0], 2)) if best[0] >= FUZZY_MIN else None
