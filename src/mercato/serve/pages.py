"""Server-rendered pages: the same library calls as the API, rendered with Jinja2 (autoescaped).

Like the API handlers, each page is a plain function run in FastAPI's thread pool that opens its
own connection, and renders there (a ``TemplateResponse`` renders when it is built): one hop to a
worker thread per request.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from mercato.consolidate import flows as talent
from mercato.consolidate import keypoints, queries, stories
from mercato.consolidate import profiles as fact_profiles
from mercato.consolidate.dispute_list import DISPUTE_KINDS, list_disputes
from mercato.consolidate.facets import WITHIN, facts_within, kept_ids
from mercato.consolidate.facets import facets as count_facets
from mercato.consolidate.identity import slug
from mercato.consolidate.periods import active_orgs, headline, market_months, months
from mercato.consolidate.render import money, sentence
from mercato.consolidate.watch import facts_matching
from mercato.link.names import norm
from mercato.model import FACT_TYPE_SPECS, fact_types
from mercato.serve import l10n
from mercato.serve.api import Id, Offset, connection, given, search_cached
from mercato.serve.linking import dispute_ref, linked, month_chart, profile_path
from mercato.store import documents as store_docs
from mercato.store.facts import evidence_spans, list_doc_facts
from mercato.store.reviews import get_reviews

router = APIRouter(include_in_schema=False)
HERE = Path(__file__).resolve().parent
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


def strings(lang: str) -> dict[str, str]:
    """The interface's words in ``lang``: data/ui/words/<lang>.yaml, and each fact type's label
    (``type_<name>``) from the registry of fact types."""
    labels = {f"type_{name}": spec.labels.get(lang, name) for name, spec in FACT_TYPE_SPECS.items()}
    return {**l10n.ui_words(lang), **labels}


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
        linked=lambda f: linked(f, lang, link),
        profile_link=lambda kind, name: link(profile_path(kind, slug(kind, name))),
        dispute_ref=dispute_ref,
        money=lambda v: money(v, lang),
        day=lambda v: l10n.day(v, lang),
        title_of=doc_title,
        count=lambda n, word: l10n.count(n, word, lang),
        token_enabled=bool(request.app.state.token),
        fact_types=fact_types(),
    )
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def render_link(lang: str, path: str) -> str:
    return path if lang == "en" else f"{path}?lang={lang}"


def not_found(request: Request, detail: str | None = None, close: list[tuple[str, str]] | None = None) -> HTMLResponse:
    """The 404 page; ``close``: (label, link) of what the visitor may have meant."""
    return render(request, "error.html", status=404, message="404", detail=detail, close=close or [])


def bad_request(request: Request, detail: str) -> HTMLResponse:
    """A bad filter on a page is a page saying what is accepted, not raw JSON."""
    return render(request, "error.html", status=400, message="400", detail=detail, close=[])


@router.get("/types.css")
def types_css() -> Response:
    """Each fact type's colour, from the registry of fact types: ``--TYPE`` and ``.fact-TYPE``."""
    lines = [
        f".fact-{name} {{ --type: {spec.colour}; border-left-color: {spec.colour}; }}"
        for name, spec in FACT_TYPE_SPECS.items()
    ]
    root = " ".join(f"--{name}: {spec.colour};" for name, spec in FACT_TYPE_SPECS.items())
    return Response(f":root {{ {root} }}\n" + "\n".join(lines) + "\n", media_type="text/css")


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, since: str | None = None, until: str | None = None) -> HTMLResponse:
    """The headline numbers, the charts per month, the latest facts, the disputes and the most active
    organizations, all of the period when one is given."""
    since, until = given(since), given(until)
    with connection(request) as c:
        numbers = headline(c, since, until)  # first: it gives the count of the latest facts' list
        latest, _ = queries.list_facts(c, since=since, until=until, limit=10)
        open_disputes, n_disputes = list_disputes(c, limit=5, since=since, until=until)
        orgs = active_orgs(c, since, until)
        per_month = months(c, since, until)
        market = market_months(c, since, until)
    lang, t = ui_lang(request), strings(ui_lang(request))
    chart = month_chart(per_month, t["facts_per_month"], lang)
    people_chart = month_chart(market["people"], t["people_per_month"], lang, lambda v: f"{v:g}")
    money_chart = month_chart(market["money"], t["money_per_month"], lang, lambda v: money(v, lang) if v else "0")
    return render(
        request,
        "overview.html",
        active_orgs=orgs,
        numbers=numbers,
        latest=latest,
        disputes=open_disputes,
        n_disputes=n_disputes,
        chart=chart,
        people_chart=people_chart,
        money_chart=money_chart,
        filters={"since": since, "until": until},
    )


@router.get("/facts", response_class=HTMLResponse)
def facts(
    request: Request,
    type: str | None = None,
    org: str | None = None,
    person: str | None = None,
    since: str | None = None,
    until: str | None = None,
    doc_lang: str | None = None,
    site: str | None = None,
    sort: str = "newest",
    offset: Offset = 0,
) -> HTMLResponse:
    """Form fields left empty are no filter; a bad value is a 400 page saying what is accepted. Facets
    count the filtered facts per value; the downloads give exactly this list (``serve.downloads``)."""
    type, org, person, since, until, doc_lang, site = map(given, (type, org, person, since, until, doc_lang, site))
    filters: dict[str, Any] = {"type": type, "org": org, "person": person, "since": since, "until": until}
    with connection(request) as c:
        found = count_facets(c, **filters, lang=doc_lang, site=site)
        ids = kept_ids(c, **filters, lang=doc_lang, site=site)  # read by the facets already (cached)
        if ids is not None and len(ids) <= WITHIN:  # a name filter: the page from those ids, not a second scan
            items, total = facts_within(c, ids, sort, PAGE_SIZE, offset), len(ids)
        else:
            items, total = queries.list_facts(
                c, **filters, lang=doc_lang, site=site, sort=sort, limit=PAGE_SIZE, offset=offset
            )
    filters |= {"doc_lang": doc_lang, "site": site}
    query = urlencode({k: v for k, v in {**filters, "sort": sort if sort != "newest" else None}.items() if v})
    return render(
        request,
        "facts.html",
        items=items,
        total=total,
        offset=offset,
        size=PAGE_SIZE,
        filters=filters,
        facets=found,
        sort=sort,
        download=query,
    )


@router.get("/documents", response_class=HTMLResponse)
def documents(
    request: Request, doc_lang: str | None = None, site: str | None = None, offset: Offset = 0
) -> HTMLResponse:
    """Articles, with facets (language, site, month) and downloads of the filtered list."""
    doc_lang, site = given(doc_lang), given(site)
    with connection(request) as c:
        items, total = store_docs.list_documents(c, limit=PAGE_SIZE, offset=offset, lang=doc_lang, site=site)
        found = store_docs.document_facets(c, doc_lang, site)
    filters = {"doc_lang": doc_lang, "site": site}
    return render(
        request,
        "documents.html",
        items=items,
        total=total,
        offset=offset,
        size=PAGE_SIZE,
        filters=filters,
        facets=found,
        download=urlencode({k: v for k, v in filters.items() if v}),
    )


def highlight(text: str, spans: list[tuple[int, int, int]]) -> list[tuple[str, list[int]]]:
    """The text cut into (piece, evidence ids): [] outside evidence. A span that overlaps an earlier
    one (two facts stated by one sentence) adds its id to that piece, so that every id has an anchor."""
    pieces: list[tuple[str, list[int]]] = []
    pos = 0
    for start, end, ev_id in sorted(spans):
        if end <= start or end > len(text):
            continue
        if start < pos:
            if pieces and pieces[-1][1]:
                pieces[-1][1].append(ev_id)
            continue
        pieces.append((text[pos:start], []))
        pieces.append((text[start:end], [ev_id]))
        pos = end
    pieces.append((text[pos:], []))
    return [p for p in pieces if p[0]]


def doc_title(doc: Any) -> str:
    """What names an article on a page: its title, else its first line, else its file's name; never a path."""
    title = getattr(doc, "title", None) if not isinstance(doc, dict) else doc.get("title")
    if title:
        return str(title)
    body = (doc.get("text") if isinstance(doc, dict) else getattr(doc, "text", None)) or ""
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    if first:
        return first if len(first) <= 90 else first[:88].rsplit(" ", 1)[0] + " …"
    source = (doc.get("source") if isinstance(doc, dict) else getattr(doc, "source", None)) or ""
    return source.rstrip("/").rsplit("/", 1)[-1] or source


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: Id) -> HTMLResponse:
    lang = ui_lang(request)
    with connection(request) as c:
        doc = store_docs.get_document(c, doc_id)
        if doc is None:
            return not_found(request)
        anchors = evidence_spans(c, doc_id)  # evidence id -> (fact id, start, end)
        doc_facts = list_doc_facts(c, doc_id)
        points = keypoints.keypoints_for_doc(c, doc_id, lang)
    by_fact: dict[int, list[int]] = {}
    for ev_id, (fact_id, _s, _e) in sorted(anchors.items()):
        by_fact.setdefault(fact_id, []).append(ev_id)
    rows = []
    legend: dict[int, list[str]] = {}  # evidence id -> what its highlight supports
    for n, f in enumerate(doc_facts, 1):
        text = sentence(f.type, f.attrs, lang)
        ev_ids = by_fact.get(f.id, []) if f.id is not None else []  # stored facts all have an id
        rows.append((n, f, text, ev_ids))
        for ev_id in ev_ids:
            legend.setdefault(ev_id, []).append(f"{n}. {strings(lang).get('type_' + f.type, f.type)}: {text}")
    spans = [(start, end, ev_id) for ev_id, (_f, start, end) in anchors.items()]
    pieces = [
        (piece, ids, " · ".join(x for i in ids for x in legend.get(i, []))) for piece, ids in highlight(doc.text, spans)
    ]
    return render(request, "document.html", doc=doc, title=doc_title(doc), pieces=pieces, facts=rows, keypoints=points)


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
    lang = ui_lang(request)
    chart = month_chart(fact_profiles.months(found["facts"]), strings(lang)["facts_per_month"], lang)
    return render(request, "story.html", story=found, keypoints=points, chart=chart)


@router.get("/disputes", response_class=HTMLResponse)
def disputes(request: Request, kind: str | None = None, org: str | None = None, offset: Offset = 0) -> HTMLResponse:
    """Disputes, DISPUTES_PAGE_SIZE at a time with a pager (it showed the first 200 and no more, which
    made it the slowest page by far: every dispute shows its claim and each counter in full)."""
    kind, org = given(kind), given(org)
    with connection(request) as c:
        items, total = list_disputes(c, kind=kind, org=org, limit=DISPUTES_PAGE_SIZE, offset=offset)
        reviews = get_reviews(c, [dispute_ref(d) for d in items])
        by_kind = [(k, list_disputes(c, kind=k, org=org, limit=0)[1]) for k in DISPUTE_KINDS]
    return render(
        request,
        "disputes.html",
        reviews=reviews,
        by_kind=[(k, n) for k, n in by_kind if n],
        items=items,
        total=total,
        offset=offset,
        size=DISPUTES_PAGE_SIZE,
        filters={"kind": kind, "org": org},
    )


@router.get("/flows", response_class=HTMLResponse)
def flows(
    request: Request,
    since: str | None = None,
    until: str | None = None,
    org: str | None = None,
    status: str | None = None,
) -> HTMLResponse:
    """The flows, with facets (organization, month, status) and downloads of exactly the filtered links."""
    since, until, org, status = map(given, (since, until, org, status))
    filters = {"since": since, "until": until, "org": org, "status": status}
    with connection(request) as c:
        data = talent.flows(c, since, until, talent.FLOW_LINKS, org, status)
        found = talent.flow_facets(c, since, until, org, status)
    query = urlencode({k: v for k, v in filters.items() if v})
    # The diagram draws the largest links only: a Sankey of a hundred pairs is no longer readable.
    api = "/api/flows?" + (query + "&" if query else "") + "limit=25"
    return render(request, "flows.html", data=data, api=api, filters=filters, facets=found, download=query)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "", type: str | None = None) -> HTMLResponse:
    """Articles and evidence matching ``q``, and the facts they support (by type, a facet; the newest
    first; downloadable and followable as a feed)."""
    found: list[dict[str, Any]] = []
    if q.strip():
        with connection(request) as c:
            results = search_cached(c, q[:200])
            found = facts_matching(c, q[:200])
    else:
        results = {"documents": [], "evidence": []}
    by_type: dict[str, int] = {}
    for f in found:
        by_type[f["type"]] = by_type.get(f["type"], 0) + 1
    type = given(type)
    shown = [f for f in found if not type or f["type"] == type]
    shown.sort(key=lambda f: (f.get("last_date") or "", f["id"]), reverse=True)
    words = [norm(w) for w in re.findall(r"\w+", q)]
    docs = [{**d, "pieces": _snippet_marks(d.get("snippet") or "")} for d in results["documents"]]
    seen: set[str] = set()
    evidence = []
    for e in results["evidence"]:  # one line per sentence: a sentence stating two facts came twice
        if e["snippet"] not in seen:
            seen.add(e["snippet"])
            evidence.append({**e, "pieces": _word_marks(e["snippet"], words)})
    return render(
        request,
        "search.html",
        q=q,
        results={"documents": docs, "evidence": evidence},
        facts=shown[:PAGE_SIZE],
        n_facts=len(shown),
        by_type=sorted(by_type.items(), key=lambda kv: -kv[1]),
        type=type,
        download=urlencode({k: v for k, v in {"q": q[:200], "type": type}.items() if v}),
    )


def _snippet_marks(snippet: str) -> list[tuple[str, bool]]:
    """An FTS5 snippet (matches between [ and ]) as (text, is a match) pieces, rendered as <mark>."""
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for m in re.finditer(r"\[([^\[\]]+)\]", snippet):
        pieces += [(snippet[pos : m.start()], False), (m.group(1), True)]
        pos = m.end()
    return [p for p in [*pieces, (snippet[pos:], False)] if p[0]]


def _word_marks(text: str, words: list[str]) -> list[tuple[str, bool]]:
    """``text`` with the words that start with one of ``words`` (accents and case aside) marked."""
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for m in re.finditer(r"\w+", text):
        if any(w and norm(m.group()).startswith(w) for w in words):
            pieces += [(text[pos : m.start()], False), (m.group(), True)]
            pos = m.end()
    return [p for p in [*pieces, (text[pos:], False)] if p[0]]


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
