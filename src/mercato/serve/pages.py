"""Server-rendered pages: the same library calls as the API, rendered with Jinja2 (autoescaped).

Like the API handlers, each page is a plain function run in FastAPI's thread pool that opens its
own connection, and renders there (a ``TemplateResponse`` renders when it is built): one hop to a
worker thread per request.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlencode, urlsplit

import yaml
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from mercato.consolidate import keypoints, queries, stories
from mercato.consolidate.render import money, sentence
from mercato.serve.api import Date, FactType, Id, Offset, connection, search_cached
from mercato.serve.app import HERE
from mercato.store import documents as store_docs
from mercato.store.facts import evidence_spans, list_doc_facts

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=HERE / "templates")
LINK_SCHEMES = ("http", "https")


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL, else None: a stored ``javascript:`` or ``data:`` URL must be
    shown as text, never made a link (the CSP would stop the script; it is not the only guard)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url if scheme in LINK_SCHEMES and not any(ord(c) < 32 for c in url) else None


templates.env.filters["web_url"] = web_url
PAGE_SIZE = 50
DISPUTES_PAGE_SIZE = 25  # two facts or more each: about as many facts as a page of PAGE_SIZE facts


@cache
def strings(lang: str) -> dict[str, str]:
    return yaml.safe_load((HERE / "i18n" / f"{lang}.yaml").read_text(encoding="utf-8"))


def ui_lang(request: Request) -> str:
    lang = request.query_params.get("lang", "en")
    return lang if lang in ("en", "fr") else "en"


def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    lang = ui_lang(request)
    params = dict(request.query_params)

    def url_with(**changes: Any) -> str:
        merged = {**params, **{k: v for k, v in changes.items()}}
        return f"{request.url.path}?{urlencode({k: v for k, v in merged.items() if v not in (None, '')})}"

    def link(path: str, **query: Any) -> str:
        if lang == "en" and not query:  # most links of a page (one per source of every fact)
            return path
        query = {**({"lang": lang} if lang != "en" else {}), **query}
        q = urlencode({k: v for k, v in query.items() if v not in (None, "")})
        return f"{path}?{q}" if q else path

    ctx.update(
        request=request,
        t=strings(lang),
        lang=lang,
        url_with=url_with,
        link=link,
        describe=lambda f: sentence(f["type"], f, lang),
        money=lambda v: money(v, lang),
        token_enabled=bool(request.app.state.token),
    )
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def not_found(request: Request) -> HTMLResponse:
    return render(request, "error.html", status=404, message="404")


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    with connection(request) as c:
        latest, _ = queries.list_facts(c, limit=10)
        open_disputes, n_disputes = queries.list_disputes(c, limit=5)
        stats = queries.overview_stats(c)
    return render(request, "overview.html", stats=stats, latest=latest, disputes=open_disputes, n_disputes=n_disputes)


@router.get("/facts", response_class=HTMLResponse)
def facts(
    request: Request,
    type: FactType = None,
    org: str | None = None,
    person: str | None = None,
    since: Date = None,
    until: Date = None,
    offset: Offset = 0,
) -> HTMLResponse:
    with connection(request) as c:
        items, total = queries.list_facts(
            c, type=type, org=org, person=person, since=since, until=until, limit=PAGE_SIZE, offset=offset
        )
    return render(
        request,
        "facts.html",
        items=items,
        total=total,
        offset=offset,
        size=PAGE_SIZE,
        filters={"type": type, "org": org, "person": person, "since": since, "until": until},
    )


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, offset: Offset = 0) -> HTMLResponse:
    with connection(request) as c:
        items, total = store_docs.list_documents(c, limit=PAGE_SIZE, offset=offset)
    return render(request, "documents.html", items=items, total=total, offset=offset, size=PAGE_SIZE)


def highlight(text: str, spans: list[tuple[int, int, int]]) -> list[tuple[str, int | None]]:
    """The text cut into (piece, evidence id or None); overlapping evidence keeps the first span."""
    pieces: list[tuple[str, int | None]] = []
    pos = 0
    for start, end, ev_id in sorted(spans):
        if start < pos or end <= start or end > len(text):
            continue
        pieces.append((text[pos:start], None))
        pieces.append((text[start:end], ev_id))
        pos = end
    pieces.append((text[pos:], None))
    return [p for p in pieces if p[0]]


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: Id) -> HTMLResponse:
    with connection(request) as c:
        doc = store_docs.get_document(c, doc_id)
        if doc is None:
            return not_found(request)
        anchors = evidence_spans(c, doc_id)  # evidence id -> (fact id, start, end)
        doc_facts = list_doc_facts(c, doc_id)
        points = keypoints.keypoints_for_doc(c, doc_id, ui_lang(request))
    by_fact: dict[int, list[int]] = {}
    for ev_id, (fact_id, _s, _e) in anchors.items():
        by_fact.setdefault(fact_id, []).append(ev_id)
    rows = [(f, sentence(f.type, f.attrs, ui_lang(request)), by_fact.get(f.id, [])) for f in doc_facts]
    spans = [(start, end, ev_id) for ev_id, (_f, start, end) in anchors.items()]
    return render(request, "document.html", doc=doc, pieces=highlight(doc.text, spans), facts=rows, keypoints=points)


@router.get("/org/{name}", response_class=HTMLResponse)
def organization(request: Request, name: str) -> HTMLResponse:
    with connection(request) as c:
        profile = queries.org_profile(c, name)
    return render(request, "org.html", profile=profile)


@router.get("/person/{name}", response_class=HTMLResponse)
def person(request: Request, name: str) -> HTMLResponse:
    with connection(request) as c:
        profile = queries.person_profile(c, name)
    return render(request, "person.html", profile=profile)


@router.get("/stories", response_class=HTMLResponse)
def story_list(request: Request, offset: Offset = 0) -> HTMLResponse:
    with connection(request) as c:
        items, total = stories.list_stories(c, lang=ui_lang(request), limit=PAGE_SIZE, offset=offset)
    return render(request, "stories.html", items=items, total=total, offset=offset, size=PAGE_SIZE)


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: Id) -> HTMLResponse:
    with connection(request) as c:
        found = stories.get_story(c, story_id, ui_lang(request))
        if found is None:
            return not_found(request)
        points = keypoints.keypoints_for_story(c, story_id, ui_lang(request))
    return render(request, "story.html", story=found, keypoints=points)


@router.get("/disputes", response_class=HTMLResponse)
def disputes(request: Request, kind: str | None = None, org: str | None = None, offset: Offset = 0) -> HTMLResponse:
    """Disputes, DISPUTES_PAGE_SIZE at a time with a pager (it showed the first 200 and no more, which
    made it the slowest page by far: every dispute shows its claim and each counter in full)."""
    with connection(request) as c:
        items, total = queries.list_disputes(c, kind=kind, org=org, limit=DISPUTES_PAGE_SIZE, offset=offset)
    return render(
        request,
        "disputes.html",
        items=items,
        total=total,
        offset=offset,
        size=DISPUTES_PAGE_SIZE,
        filters={"kind": kind, "org": org},
    )


@router.get("/flows", response_class=HTMLResponse)
def flows(request: Request, since: Date = None, until: Date = None) -> HTMLResponse:
    with connection(request) as c:
        data = queries.flows(c, since, until)
    # The diagram draws the largest links only: a Sankey of a hundred pairs is no longer readable.
    api = "/api/flows?" + urlencode({k: v for k, v in {"since": since, "until": until}.items() if v} | {"limit": 25})
    return render(request, "flows.html", data=data, api=api, filters={"since": since, "until": until})


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "") -> HTMLResponse:
    if q.strip():
        with connection(request) as c:
            results = search_cached(c, q[:200])
    else:
        results = {"documents": [], "evidence": []}
    return render(request, "search.html", q=q, results=results)


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request) -> HTMLResponse:
    if not request.app.state.token:
        return not_found(request)
    return render(request, "ingest.html")


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """A local API reference generated from the OpenAPI schema (no CDN-hosted Swagger UI)."""
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            params = [p["name"] for p in op.get("parameters", [])]
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "doc": op.get("description", ""),
                    "params": params,
                }
            )
    return render(request, "apidocs.html", endpoints=endpoints)
