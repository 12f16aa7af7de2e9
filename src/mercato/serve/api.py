"""The JSON API: thin handlers over the library functions the CLI uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Header, HTTPException, Query, Request, UploadFile
from sqlalchemy import Connection

from mercato.consolidate import keypoints, queries, stories
from mercato.store import documents as store_docs
from mercato.store.entities import list_entities
from mercato.store.facts import list_doc_facts
from mercato.store.search import search as fts

router = APIRouter(prefix="/api", tags=["api"])
Limit = Annotated[int, Query(ge=0, le=1000)]
Offset = Annotated[int, Query(ge=0)]
Lang = Annotated[str | None, Query(pattern="^(en|fr)$")]
Date = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")]
FactType = Annotated[str | None, Query(pattern="^(move|offer|investment|unit|denial)$")]


def conn(request: Request) -> Iterator[Connection]:
    with request.app.state.engine.connect() as c:
        yield c


Conn = Annotated[Connection, Depends(conn)]


def page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def _found(value: Any, what: str) -> Any:
    if value is None:
        raise HTTPException(404, f"no such {what}")
    return value


@router.get("/documents")
def documents(c: Conn, limit: Limit = 50, offset: Offset = 0, lang: Lang = None) -> dict[str, Any]:
    items, total = store_docs.list_documents(c, limit=limit, offset=offset, lang=lang)
    return page(items, total, limit, offset)


@router.get("/documents/{doc_id}")
def document(c: Conn, doc_id: int) -> dict[str, Any]:
    doc = _found(store_docs.get_document(c, doc_id), "document")
    facts = [f.to_dict() for f in list_doc_facts(c, doc_id)]
    meta = {k: getattr(doc, k) for k in ("id", "source", "url", "title", "date", "author", "site", "lang", "text")}
    return {**meta, "duplicate_of": doc.meta.get("duplicate_of"), "facts": facts}


@router.get("/facts")
def facts(c: Conn, type: FactType = None, org: str | None = None, person: str | None = None, since: Date = None,
          until: Date = None, disputed: bool | None = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    items, total = queries.list_facts(c, type=type, org=org, person=person, since=since, until=until,
                                      disputed=disputed, limit=limit, offset=offset)
    return page(items, total, limit, offset)


@router.get("/facts/{fact_id}")
def fact(c: Conn, fact_id: int) -> dict[str, Any]:
    return _found(queries.get_fact(c, fact_id), "fact")


@router.get("/entities")
def entities(c: Conn, kind: Annotated[str | None, Query(pattern="^(person|org)$")] = None, limit: Limit = 100,
             offset: Offset = 0) -> dict[str, Any]:
    items, total = list_entities(c, kind=kind, limit=limit, offset=offset)
    return page(items, total, limit, offset)


@router.get("/people")
def people(c: Conn, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return entities(c, "person", limit, offset)


@router.get("/people/{name}")
def person(c: Conn, name: str) -> dict[str, Any]:
    return queries.person_profile(c, name)


@router.get("/organizations")
def organizations(c: Conn, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return entities(c, "org", limit, offset)


@router.get("/organizations/{name}")
def organization(c: Conn, name: str) -> dict[str, Any]:
    return queries.org_profile(c, name)


@router.get("/stories")
def story_list(c: Conn, lang: Lang = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    items, total = stories.list_stories(c, lang=lang or "en", limit=limit, offset=offset)
    return page(items, total, limit, offset)


@router.get("/stories/{story_id}")
def story(c: Conn, story_id: int, lang: Lang = None) -> dict[str, Any]:
    return _found(stories.get_story(c, story_id, lang or "en"), "story")


@router.get("/disputes")
def disputes(c: Conn, kind: Annotated[str | None, Query(pattern="^(denial|figures|outcome|status)$")] = None,
             org: str | None = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    items, total = queries.list_disputes(c, kind=kind, org=org, limit=limit, offset=offset)
    return page(items, total, limit, offset)


@router.get("/flows")
def flows(c: Conn, since: Date = None, until: Date = None) -> dict[str, Any]:
    return queries.flows(c, since, until)


@router.get("/search")
def search(c: Conn, q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20) -> dict[str, Any]:
    return fts(c, q, limit)


@router.get("/keypoints/documents/{doc_id}")
def doc_keypoints(c: Conn, doc_id: int, lang: Lang = None) -> dict[str, Any]:
    return _found(keypoints.keypoints_for_doc(c, doc_id, lang), "document")


@router.get("/keypoints/stories/{story_id}")
def story_keypoints(c: Conn, story_id: int, lang: Lang = None) -> dict[str, Any]:
    return _found(keypoints.keypoints_for_story(c, story_id, lang), "story")


@router.get("/overview")
def overview(c: Conn) -> dict[str, Any]:
    return queries.overview_stats(c)


@router.post("/ingest")
def ingest(request: Request, urls: Annotated[str, Form()] = "", token: Annotated[str | None, Form()] = None,
           files: Annotated[list[UploadFile] | None, File()] = None,
           authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    """Ingest URLs (one per line) and uploaded files. Exists only when the server has a token."""
    import tempfile
    from pathlib import Path

    from mercato.pipeline import ingest as run
    from mercato.serve.app import check_token

    if not request.app.state.token:
        raise HTTPException(404, "ingestion is disabled: start the server with --token or MERCATO_TOKEN")
    bearer = authorization.removeprefix("Bearer ").strip() if authorization else None
    refused = check_token(request.app, bearer or token)
    if refused:
        raise HTTPException(401, refused)
    inputs = [u.strip() for u in urls.splitlines() if u.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        for i, upload in enumerate(files or []):
            name = Path(upload.filename or f"upload-{i}.txt").name
            path = Path(tmp) / f"{i}-{name}"
            path.write_bytes(upload.file.read())
            inputs.append(str(path))
        if not inputs:
            raise HTTPException(400, "give URLs or files to ingest")
        report = run(inputs, engine=request.app.state.engine)
    return {"summary": report.summary(), "new": report.new, "updated": report.updated,
            "duplicates": len(report.duplicates), "near_duplicates": len(report.near_duplicates),
            "skipped": [{"source": e.source, "reason": e.reason} for e in report.skipped]}
