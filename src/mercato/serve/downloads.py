"""Downloads of exactly the list a page shows: ``/facts.csv`` and ``/facts.json`` take the query
parameters of ``/facts`` (and of ``/api/facts``), ``/documents.*`` those of ``/documents``,
``/disputes.*`` those of ``/disputes``; each streams every matching row, CHUNK at a time, so that a
download of the whole store never sits in memory whole.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import Engine

from mercato.consolidate import queries
from mercato.consolidate.dispute_list import list_disputes
from mercato.consolidate.filters import parse_date
from mercato.consolidate.flows import flows
from mercato.consolidate.render import sentence
from mercato.consolidate.watch import facts_matching
from mercato.model import FACT_FIELDS
from mercato.serve.api import given
from mercato.serve.linking import dispute_ref
from mercato.serve.profiles import profile_of
from mercato.store.documents import list_documents
from mercato.store.reviews import get_reviews

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


def _stream(rows: Iterator[dict[str, Any]], columns: list[str], name: str, as_csv: bool) -> StreamingResponse:
    """``rows`` streamed as CSV (``columns``) or as one JSON list."""

    def csv_lines() -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, columns, extrasaction="ignore")
        writer.writeheader()
        for n, row in enumerate(rows, 1):
            writer.writerow(row)
            if n % 100 == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    def json_parts() -> Iterator[str]:
        yield "["
        for n, row in enumerate(rows):
            yield ("," if n else "") + json.dumps(row, ensure_ascii=False, default=str)
        yield "]"

    ext, media = ("csv", "text/csv; charset=utf-8") if as_csv else ("json", "application/json")
    headers = {"Content-Disposition": f'attachment; filename="{name}.{ext}"'}
    return StreamingResponse(csv_lines() if as_csv else json_parts(), media_type=media, headers=headers)


@router.get("/facts.csv")
def facts_csv(request: Request) -> StreamingResponse:
    filters, lang = _checked(request), request.query_params.get("lang", "en")
    rows = (_row(f, lang) for f in _facts(request.app.state.engine, filters))
    return _stream(rows, COLUMNS, "facts", True)


@router.get("/facts.json")
def facts_json(request: Request) -> StreamingResponse:
    return _stream(_facts(request.app.state.engine, _checked(request)), COLUMNS, "facts", False)


DOC_COLUMNS = ["id", "date", "lang", "site", "title", "url", "duplicate_of"]


def _documents(engine: Engine, lang: str | None, site: str | None) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        with engine.connect() as c:
            items, _ = list_documents(c, limit=CHUNK, offset=offset, lang=lang, site=site)
        yield from items
        if len(items) < CHUNK:
            return
        offset += CHUNK


@router.get("/documents.{ext}")
def documents_download(request: Request, ext: str) -> Response:
    """The articles of ``/documents`` with the same filters (``doc_lang``, ``site``), as CSV or JSON."""
    if ext not in ("csv", "json"):
        raise HTTPException(404, "use .csv or .json")
    p = request.query_params
    rows = _documents(request.app.state.engine, given(p.get("doc_lang")), given(p.get("site")))
    return _stream(rows, DOC_COLUMNS, "documents", ext == "csv")


DISPUTE_COLUMNS = ["ref", "id", "kind", "summary", "claim", "claim_anchor", "counters", "status", "note"]


def _disputes(engine: Engine, kind: str | None, org: str | None, lang: str) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        with engine.connect() as c:
            items, _ = list_disputes(c, kind=kind, org=org, limit=CHUNK, offset=offset)
            reviews = get_reviews(c, [dispute_ref(d) for d in items])
        for d in items:
            ref, claim = dispute_ref(d), d.get("claim") or {}
            review = reviews.get(ref) or {}
            yield {
                "ref": ref,
                "id": d["id"],
                "kind": d["kind"],
                "summary": d["summary"],
                "claim": sentence(claim["type"], claim, lang) if claim else None,
                "claim_anchor": claim.get("anchor"),
                "counters": " | ".join(sentence(x["type"], x, lang) for x in d.get("counters") or [] if x),
                "status": review.get("status", "open"),
                "note": review.get("note", ""),
                "sides": d["sides"],
            }
        if len(items) < CHUNK:
            return
        offset += CHUNK


@router.get("/disputes.{ext}")
def disputes_download(request: Request, ext: str) -> Response:
    """The disputes of ``/disputes`` with the same filters (``kind``, ``org``), with their reviews."""
    if ext not in ("csv", "json"):
        raise HTTPException(404, "use .csv or .json")
    p = request.query_params
    kind, org, lang = given(p.get("kind")), given(p.get("org")), p.get("lang", "en")
    with request.app.state.engine.connect() as c:  # a bad filter is a 400 before the download starts
        list_disputes(c, kind=kind, org=org, limit=0)
    return _stream(_disputes(request.app.state.engine, kind, org, lang), DISPUTE_COLUMNS, "disputes", ext == "csv")


@router.get("/search.{ext}")
def search_download(request: Request, ext: str) -> Response:
    """The facts of a search (``/search?q=``, with its ``type`` facet), as CSV or JSON."""
    if ext not in ("csv", "json"):
        raise HTTPException(404, "use .csv or .json")
    p = request.query_params
    q, kind, lang = (p.get("q") or "").strip()[:200], given(p.get("type")), p.get("lang", "en")
    if not q:
        raise HTTPException(400, "give the words to search: ?q=")
    with request.app.state.engine.connect() as c:
        found = [f for f in facts_matching(c, q) if not kind or f["type"] == kind]
    found.sort(key=lambda f: (f.get("last_date") or "", f["id"]), reverse=True)
    if ext == "csv":
        return _stream((_row(f, lang) for f in found), COLUMNS, "search", True)
    return _stream(iter(found), COLUMNS, "search", False)


FLOW_COLUMNS = ["source", "target", "people", "at_least", "named", "fact_ids"]


@router.get("/flows.{ext}")
def flows_download(request: Request, ext: str) -> Response:
    """Every link of ``/flows`` with the same filters (``since``, ``until``, ``org``, ``status``): the
    page and ``/api/flows`` show the largest links, the download all of them. In CSV, a link's named
    people and facts are one cell each, separated by ``;``."""
    if ext not in ("csv", "json"):
        raise HTTPException(404, "use .csv or .json")
    p = request.query_params
    since, until, org, status = (given(p.get(k)) for k in ("since", "until", "org", "status"))
    with request.app.state.engine.connect() as c:  # a bad filter is a 400 before the download starts
        links: list[dict[str, Any]] = flows(c, since, until, None, org, status)["links"]
    if ext == "json":
        return _stream(iter(links), FLOW_COLUMNS, "flows", False)
    rows = ({**x, "named": "; ".join(x["named"]), "fact_ids": "; ".join(map(str, x["fact_ids"]))} for x in links)
    return _stream(rows, FLOW_COLUMNS, "flows", True)


# The lists of a profile one can download, by the name its URL gives them: a profile's key, or the
# section's plain name ("history" for a person's timeline, "rounds" for an organization's funding).
ORG_SECTIONS = ["arrivals", "departures", "internal", "offers_made", "offers_received", "investments_made"]
ORG_SECTIONS += ["investments_received", "units", "denials", "timeline"]
PERSON_SECTIONS = ("timeline", "moves", "offers", "units", "denials")
SECTIONS = {
    "org": {k: k for k in ORG_SECTIONS} | {"rounds": "investments_received"},
    "person": {k: k for k in PERSON_SECTIONS} | {"history": "timeline"},
}


def _section(request: Request, kind: str, name: str, section: str, ext: str) -> Response:
    """One section of a profile with the profile's period (``since``, ``until``), as CSV or JSON."""
    if ext not in ("csv", "json") or section not in SECTIONS[kind]:
        raise HTTPException(404, f"use one of {', '.join(SECTIONS[kind])}, then .csv or .json")
    p = request.query_params
    since, until = given(p.get("since")), given(p.get("until"))
    for day in (since, until):
        if day:
            parse_date(day)  # a bad date is a 400 (QueryError), as on the profile's page
    profile = profile_of(request, kind, name, since, until)
    if profile is None:
        raise HTTPException(404, f"no such {'organization' if kind == 'org' else 'person'}")
    items: list[dict[str, Any]] = profile[SECTIONS[kind][section]]
    filename = f"{profile['key']}-{section}"
    if ext == "csv":
        lang = p.get("lang", "en")
        return _stream((_row(f, lang) for f in items), COLUMNS, filename, True)
    return _stream(iter(items), COLUMNS, filename, False)


@router.get("/org/{name}/{section}.{ext}")
def org_section(request: Request, name: str, section: str, ext: str) -> Response:
    """An organization's arrivals, departures, funding rounds, units... (``SECTIONS``) in its period."""
    return _section(request, "org", name, section, ext)


@router.get("/person/{name}/{section}.{ext}")
def person_section(request: Request, name: str, section: str, ext: str) -> Response:
    """A person's history, moves, offers, units led or denials in the profile's period."""
    return _section(request, "person", name, section, ext)
