"""The JSON API: thin handlers over the library functions the CLI uses.

Each handler is a plain function that FastAPI runs in its thread pool, opens its connection itself
and returns the JSON already encoded (``json_response``), so a request costs one hop to a worker
thread. A ``Depends`` generator for the connection cost two more hops (open and close each run in the
pool), and returning a dict one more (FastAPI validates it against the response model in the pool
before encoding it). ``response_model`` still documents every endpoint in the OpenAPI schema, with
the typed models of ``serve.models`` (which the tests hold every answer to).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Header, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import AfterValidator
from pydantic_core import to_json, to_jsonable_python
from sqlalchemy import Connection

from mercato.consolidate import flows as talent
from mercato.consolidate import keypoints, queries, stories
from mercato.consolidate.dispute_list import list_disputes
from mercato.consolidate.overview import overview_stats
from mercato.consolidate.periods import active_orgs, headline
from mercato.ingest.decode import DEFAULT_MAX_BYTES
from mercato.ingest.errors import shorten
from mercato.ingest.sources import is_url
from mercato.model import FACT_TYPE_SPECS, fact_types
from mercato.serve.guard import check_token
from mercato.serve.linking import dispute_ref
from mercato.serve.models import (
    Dispute,
    DocumentDetail,
    DocumentKeyPoints,
    DocumentRow,
    Entity,
    Error,
    Facet,
    Fact,
    Flows,
    IngestResult,
    Overview,
    Page,
    SearchResults,
    Story,
    StoryKeyPoints,
)
from mercato.store import documents as store_docs
from mercato.store.cache import cached
from mercato.store.entities import list_entities
from mercato.store.facts import list_doc_facts
from mercato.store.reviews import get_reviews
from mercato.store.search import search as fts

router = APIRouter(prefix="/api", tags=["api"])
# Every integer a request carries is bounded: a number past what the database stores (a signed 64-bit
# integer) made it raise, and the server answer 500.
MAX_INT = 2**63 - 1
Limit = Annotated[int, Query(ge=0, le=1000)]
Offset = Annotated[int, Query(ge=0, le=MAX_INT)]
Id = Annotated[int, Path(ge=0, le=MAX_INT)]
Lang = Annotated[str | None, Query(pattern="^(en|fr)$")]
Date = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")]


def _registered_type(value: str | None) -> str | None:
    """A fact type of the registry (``model.FACT_TYPE_SPECS``), read when the request comes."""
    if value is not None and value not in FACT_TYPE_SPECS:
        raise ValueError(f"unknown fact type; use one of {', '.join(fact_types())}")
    return value


FactType = Annotated[str | None, Query(description="a fact type: move, offer, ..."), AfterValidator(_registered_type)]


# Declared as served: a bad parameter is a 400 (``app.bad_request``), an unknown id a 404, both {"error"}.
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Error, "description": "a bad parameter, and why"},
    404: {"model": Error, "description": "nothing by that id or name"},
}


@contextmanager
def connection(request: Request) -> Iterator[Connection]:
    """A pooled connection to the store for the length of one request."""
    with request.app.state.engine.connect() as c:
        yield c


def json_response(data: Any, *, row_keys: bool = False) -> Response:
    """``data`` encoded as FastAPI would (pydantic-core: compact, UTF-8, NaN as null), minus its validation.

    ``row_keys``: ``data`` holds dicts made from SQLAlchemy rows of a table, whose keys are a subclass of
    str that pydantic-core encodes through its slow path, many times slower; the standard library's C
    encoder writes the same bytes quickly.
    """
    if row_keys:
        try:
            body = json.dumps(
                data, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=to_jsonable_python
            ).encode()
        except ValueError:  # NaN or infinity, which pydantic-core writes as null
            body = to_json(data)
    else:
        body = to_json(data)
    return Response(body, media_type="application/json")


def given(value: str | None) -> str | None:
    """A form field as a filter: an empty or blank field (a form sends every field) is no filter."""
    return value.strip() or None if value is not None else None


def page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def _found(value: Any, what: str) -> Any:
    if value is None:
        raise HTTPException(404, f"no such {what}")
    return value


@router.get("/documents", response_model=Page[DocumentRow], responses=ERRORS)
def documents(request: Request, limit: Limit = 50, offset: Offset = 0, lang: Lang = None) -> Response:
    with connection(request) as c:
        items, total = store_docs.list_documents(c, limit=limit, offset=offset, lang=lang)
    return json_response(page(items, total, limit, offset), row_keys=True)


@router.get("/documents/{doc_id}", response_model=DocumentDetail, responses=ERRORS)
def document(request: Request, doc_id: Id) -> Response:
    with connection(request) as c:
        doc = _found(store_docs.get_document(c, doc_id), "document")
        facts = [f.to_dict() for f in list_doc_facts(c, doc_id)]
    meta = {k: getattr(doc, k) for k in ("id", "source", "url", "title", "date", "author", "site", "lang", "text")}
    return json_response({**meta, "duplicate_of": doc.meta.get("duplicate_of"), "facts": facts})


@router.get("/facts", response_model=Page[Fact], responses=ERRORS)
def facts(
    request: Request,
    type: FactType = None,
    org: str | None = None,
    person: str | None = None,
    since: Date = None,
    until: Date = None,
    disputed: bool | None = None,
    doc_lang: Lang = None,
    site: str | None = None,
    sort: Annotated[str, Query(pattern="^(newest|oldest|sources)$")] = "newest",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Canonical facts, newest first (or ``sort``), each as a summary: the counts of its sources and sites
    and its first sources. ``doc_lang``, ``site``: facts with a source in that language, from that site.
    ``/api/facts/{anchor}`` gives every source and what each one says (``values``); ``/facts.csv`` and
    ``/facts.json`` take the same parameters and stream the whole list."""
    with connection(request) as c:
        items, total = queries.list_facts(
            c,
            type=type,
            org=org,
            person=person,
            since=since,
            until=until,
            disputed=disputed,
            limit=limit,
            offset=offset,
            summary=True,
            lang=doc_lang,
            site=site,
            sort=sort,
        )
    return json_response(page(items, total, limit, offset))


def _entities(request: Request, kind: str | None, limit: int, offset: int) -> Response:
    with connection(request) as c:
        items, total = list_entities(c, kind=kind, limit=limit, offset=offset)
    return json_response(page(items, total, limit, offset), row_keys=True)


@router.get("/entities", response_model=Page[Entity], responses=ERRORS)
def entities(
    request: Request,
    kind: Annotated[str | None, Query(pattern="^(person|org)$")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    return _entities(request, kind, limit, offset)


@router.get("/stories", response_model=Page[Story], responses=ERRORS)
def story_list(request: Request, lang: Lang = None, limit: Limit = 50, offset: Offset = 0) -> Response:
    with connection(request) as c:
        items, total = stories.list_stories(c, lang=lang or "en", limit=limit, offset=offset)
    return json_response(page(items, total, limit, offset), row_keys=True)


@router.get("/stories/{story_id}", response_model=Story, responses=ERRORS)
def story(request: Request, story_id: Id, lang: Lang = None) -> Response:
    with connection(request) as c:
        return json_response(_found(stories.get_story(c, story_id, lang or "en"), "story"), row_keys=True)


@router.get("/disputes", response_model=Page[Dispute], responses=ERRORS)
def disputes(
    request: Request,
    kind: Annotated[str | None, Query(pattern="^(denial|figures|outcome|status)$")] = None,
    org: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    with connection(request) as c:
        items, total = list_disputes(c, kind=kind, org=org, limit=limit, offset=offset)
        refs = [dispute_ref(d) for d in items]
        reviews = get_reviews(c, refs)
    items = [{**d, "ref": ref, "review": reviews.get(ref)} for d, ref in zip(items, refs, strict=True)]
    return json_response(page(items, total, limit, offset))


@router.get("/flows", response_model=Flows, responses=ERRORS)
def flows(
    request: Request,
    since: Date = None,
    until: Date = None,
    org: str | None = None,
    status: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = talent.FLOW_LINKS,
) -> Response:
    """The ``limit`` largest links between organizations, ``total_links``, and every net flow; ``org``:
    the moves into or out of that organization, ``status``: the moves of that status. ``/flows.csv``
    and ``/flows.json`` take the same filters and give every link."""
    with connection(request) as c:
        return json_response(talent.flows(c, given(since), given(until), limit, given(org), given(status)))


@router.get("/flows/facets", response_model=dict[str, list[Facet]], responses=ERRORS)
def flow_facets(
    request: Request, since: Date = None, until: Date = None, org: str | None = None, status: str | None = None
) -> Response:
    """Counts of the moves ``/api/flows`` reads with the same filters, per organization, month and status."""
    with connection(request) as c:
        return json_response(talent.flow_facets(c, given(since), given(until), given(org), given(status)))


def search_cached(c: Connection, q: str, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
    """``store.search.search``, remembered until the store changes.

    A word found in most documents still costs FTS5 a merge of the doclists of every word the prefix
    stands for, in proportion to the store, and dashboards repeat their searches.
    """
    return cached(c, "search", (q, limit), lambda: fts(c, q, limit))


@router.get("/search", response_model=SearchResults, responses=ERRORS)
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20) -> Response:
    with connection(request) as c:
        return json_response(search_cached(c, q, limit))


@router.get("/keypoints/documents/{doc_id}", response_model=DocumentKeyPoints, responses=ERRORS)
def doc_keypoints(request: Request, doc_id: Id, lang: Lang = None) -> Response:
    with connection(request) as c:
        return json_response(_found(keypoints.keypoints_for_doc(c, doc_id, lang), "document"))


@router.get("/keypoints/stories/{story_id}", response_model=StoryKeyPoints, responses=ERRORS)
def story_keypoints(request: Request, story_id: Id, lang: Lang = None) -> Response:
    with connection(request) as c:
        return json_response(_found(keypoints.keypoints_for_story(c, story_id, lang), "story"))


@router.get("/overview", response_model=Overview, responses=ERRORS)
def overview(request: Request, since: Date = None, until: Date = None) -> Response:
    """The headline numbers (articles, facts, people moving, money invested, disputes) and the most
    active organizations of the period when one is given, as the overview page shows them; the counts
    per type and the largest offers and investments are of the whole store."""
    with connection(request) as c:
        stats = {**overview_stats(c), **headline(c, since, until)}
        stats["active_orgs"] = [{"org": o["org"], "facts": o["facts"]} for o in active_orgs(c, since, until)]
        return json_response(stats)


@router.post("/ingest", response_model=IngestResult, responses=ERRORS)
def ingest(
    request: Request,
    urls: Annotated[str, Form()] = "",
    token: Annotated[str | None, Form()] = None,
    files: Annotated[list[UploadFile] | None, File()] = None,
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Ingest http(s) URLs (one per line) and uploaded files. Exists only when the server has a token.

    The token is checked before the request's body is read (``serve.guard``), and again here. Local
    paths are refused: reading the server's own files is for the CLI, on the user's own machine.
    """
    # the pipeline brings the near-duplicate index (datasketch, scipy): loaded by the first upload,
    # not by every server start
    from mercato.pipeline import ingest as run

    if not request.app.state.token:
        raise HTTPException(404, "ingestion is disabled: start the server with --token or MERCATO_TOKEN")
    bearer = authorization.removeprefix("Bearer ").strip() if authorization else None
    refused = check_token(request.app, bearer or token)
    if refused:
        raise HTTPException(401, refused)
    inputs = [u.strip() for u in urls.splitlines() if u.strip()]
    not_urls = [u for u in inputs if not is_url(u)]
    if not_urls:
        raise HTTPException(
            400,
            f"only http(s) URLs can be ingested here ({len(not_urls)} line(s) are not, "
            f"the first: {shorten(not_urls[0], 80)!r}); local paths are read by the CLI only",
        )
    with tempfile.TemporaryDirectory() as tmp:
        for i, upload in enumerate(files or []):
            name = FilePath(upload.filename or f"upload-{i}.txt").name
            path = FilePath(tmp) / f"{i}-{name}"
            with path.open("wb") as out:  # one more byte than the cap at most: the reader then refuses it
                out.write(upload.file.read(DEFAULT_MAX_BYTES + 1))
            inputs.append(str(path))
        if not inputs:
            raise HTTPException(400, "give URLs or files to ingest")
        report = run(inputs, engine=request.app.state.engine)
    return {
        "summary": report.summary(),
        "new": report.new,
        "updated": report.updated,
        "duplicates": len(report.duplicates),
        "near_duplicates": len(report.near_duplicates),
        "skipped": [{"source": e.source, "reason": e.reason} for e in report.skipped],
    }
