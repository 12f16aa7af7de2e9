"""Downloads of exactly the list a page shows: ``/facts.csv`` and ``/facts.json`` take the query
parameters of ``/facts`` (and of ``/api/facts``) and stream every matching fact, CHUNK at a time, so
that a download of the whole store never sits in memory whole.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import Engine

from mercato.consolidate import queries
from mercato.consolidate.render import sentence
from mercato.model import FACT_FIELDS
from mercato.serve.pages import given

router = APIRouter(include_in_schema=False)
CHUNK = 500
FIELDS = list(dict.fromkeys(f for fields in FACT_FIELDS.values() for f in fields))
COLUMNS = ["id", "anchor", "type", "headline", *FIELDS, "first_date", "last_date", "n_sources", "n_sites", "disputed"]
COLUMNS += ["first_source_url", "first_source_site", "first_evidence"]


def _filters(request: Request) -> dict[str, Any]:
    p = request.query_params
    out = {k: given(p.get(k)) for k in ("type", "org", "person", "since", "until", "site")}
    out["lang"] = given(p.get("doc_lang"))
    out["sort"] = given(p.get("sort")) or "newest"
    return out


def _facts(engine: Engine, filters: dict[str, Any]) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        with engine.connect() as c:
            items, _ = queries.list_facts(c, **filters, limit=CHUNK, offset=offset, summary=True)
        yield from items
        if len(items) < CHUNK:
            return
        offset += CHUNK


def _row(f: dict[str, Any], lang: str) -> dict[str, Any]:
    first = (f.get("sources") or [{}])[0]
    out = {k: f.get(k) for k in COLUMNS if k in f}
    out["headline"] = sentence(f["type"], f, lang)
    out.update(
        first_source_url=first.get("url"), first_source_site=first.get("site"), first_evidence=first.get("evidence")
    )
    return out


def _checked(request: Request) -> dict[str, Any]:
    """The filters, checked before the response starts (a bad one is a 400, not a broken download)."""
    filters = _filters(request)
    with request.app.state.engine.connect() as c:
        queries.list_facts(c, **filters, limit=0)
    return filters


@router.get("/facts.csv")
def facts_csv(request: Request) -> StreamingResponse:
    filters, lang = _checked(request), request.query_params.get("lang", "en")

    def lines() -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for n, f in enumerate(_facts(request.app.state.engine, filters), 1):
            writer.writerow(_row(f, lang))
            if n % 100 == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    headers = {"Content-Disposition": 'attachment; filename="facts.csv"'}
    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/facts.json")
def facts_json(request: Request) -> StreamingResponse:
    filters = _checked(request)

    def parts() -> Iterator[str]:
        yield "["
        for n, f in enumerate(_facts(request.app.state.engine, filters)):
            yield ("," if n else "") + json.dumps(f, ensure_ascii=False, default=str)
        yield "]"

    headers = {"Content-Disposition": 'attachment; filename="facts.json"'}
    return StreamingResponse(parts(), media_type="application/json", headers=headers)
