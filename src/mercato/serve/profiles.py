"""People and organizations (indexes and profiles), fact and dispute permalinks: pages and API.

Profiles are keyed on identity (``consolidate.identity``): ``/org/meta``, ``/person/alexandr-wang``. A
name is accepted too (``/person/Alexandr Wang``, as older links have it) and redirected to its key; a
name no fact gives is a 404 listing the close ones. A fact's permalink is ``/fact/{anchor}``: each
source of a fact has an anchor, a hash of its article's content and the fact's key
(``store.facts.fact_anchor``), the fact shows the least of them, and any of them finds it, so a link
survives a re-ingest, a new source and a merge; a dispute's is ``/dispute/{kind}-{anchor of its
claim}``. Numeric ids are taken too (the order articles arrived in), but are not the names to share.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import quote, unquote

from fastapi import APIRouter, Form, Header, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection, select

from mercato.consolidate import profiles, queries
from mercato.consolidate.dispute_list import list_disputes
from mercato.consolidate.facets import facets
from mercato.consolidate.filters import parse_date
from mercato.consolidate.name_profiles import close_people, org_profile, person_profile
from mercato.consolidate.sources import fact_by_anchor
from mercato.serve.api import (
    ERRORS,
    MAX_INT,
    Date,
    FactType,
    Lang,
    Limit,
    Offset,
    connection,
    given,
    json_response,
    page,
)
from mercato.serve.guard import check_token
from mercato.serve.linking import dispute_ref, month_chart
from mercato.serve.models import Dispute, Facet, Fact, OrgRow, Page, PersonRow, Profile, Review, Suggestion
from mercato.serve.pages import not_found, render, render_link, strings, ui_lang
from mercato.store.entities import INDEX_COLUMNS, entity_index
from mercato.store.reviews import STATUSES, get_reviews, set_review
from mercato.store.schema import disputes as disputes_table

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])
INDEX_PAGE = 50
SECTION = 10  # facts shown per section of an organization's page, the newest (the API gives them all)
Sort = Annotated[str, Query(pattern="^[a-z_]+$", max_length=20)]
Order = Annotated[str, Query(pattern="^(asc|desc)$")]
ANCHOR = re.compile(r"^f[0-9a-f]{15}$")
DISPUTE_REF = re.compile(r"^(denial|figures|outcome|status)-(f[0-9a-f]{15})$")


# --- Indexes ------------------------------------------------------------------------------------


def _index(request: Request, kind: str, sort: str, order: str, q: str | None, offset: int, limit: int) -> Any:
    with connection(request) as c:
        return entity_index(c, kind, sort=sort, desc=order == "desc", q=given(q), limit=limit, offset=offset)


def _index_page(request: Request, kind: str, sort: str, order: str, q: str | None, offset: int) -> HTMLResponse:
    items, total = _index(request, kind, sort, order, q, offset, INDEX_PAGE)
    return render(
        request,
        "entities.html",
        kind=kind,
        items=items,
        total=total,
        offset=offset,
        size=INDEX_PAGE,
        columns=INDEX_COLUMNS[kind],
        sort=sort,
        order=order,
        q=given(q) or "",
    )


@router.get("/people", response_class=HTMLResponse)
def people_page(
    request: Request, sort: Sort = "facts", order: Order = "desc", q: str | None = None, offset: Offset = 0
) -> HTMLResponse:
    return _index_page(request, "person", sort, order, q, offset)


@router.get("/orgs", response_class=HTMLResponse)
def orgs_page(
    request: Request, sort: Sort = "facts", order: Order = "desc", q: str | None = None, offset: Offset = 0
) -> HTMLResponse:
    return _index_page(request, "org", sort, order, q, offset)


@api_router.get("/people", response_model=Page[PersonRow], responses=ERRORS)
def people_api(
    request: Request,
    sort: Sort = "facts",
    order: Order = "desc",
    q: str | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    """People the facts name, with their counts (facts, moves, offers, units led, denials), sortable."""
    items, total = _index(request, "person", sort, order, q, offset, limit)
    return json_response(page(items, total, limit, offset))


@api_router.get("/organizations", response_model=Page[OrgRow], responses=ERRORS)
def organizations_api(
    request: Request,
    sort: Sort = "facts",
    order: Order = "desc",
    q: str | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    """Organizations the facts name, with their counts (facts, arrivals, departures, net flow, money in
    and out, offers made), sortable by any of them."""
    items, total = _index(request, "org", sort, order, q, offset, limit)
    return json_response(page(items, total, limit, offset))


@api_router.get("/suggest", response_model=list[Suggestion], responses=ERRORS)
def suggest(request: Request, q: Annotated[str, Query(min_length=1, max_length=100)], limit: Limit = 8) -> Response:
    """Names for the search box: people and organizations whose name contains ``q``, the most cited first."""
    with connection(request) as c:
        orgs, _ = entity_index(c, "org", q=q, limit=limit)
        people, _ = entity_index(c, "person", q=q, limit=limit)
    both = [{"kind": "org", **o} for o in orgs] + [{"kind": "person", **p} for p in people]
    both.sort(key=lambda r: -r["facts"])
    return json_response(
        [{"kind": r["kind"], "key": r["key"], "name": r["name"], "facts": r["facts"]} for r in both[:limit]]
    )


@api_router.get("/facets", response_model=dict[str, list[Facet]], responses=ERRORS)
def facets_api(
    request: Request,
    type: FactType = None,
    org: str | None = None,
    person: str | None = None,
    since: Date = None,
    until: Date = None,
    doc_lang: Lang = None,
    site: str | None = None,
) -> Response:
    """Counts of the facts ``/api/facts`` lists with the same filters, per type, organization, person,
    month, language and site (the most frequent values of each)."""
    with connection(request) as c:
        found = facets(c, type=type, org=org, person=person, since=since, until=until, lang=doc_lang, site=site)
    return json_response(found)


# --- Profiles -----------------------------------------------------------------------------------


def _profile(request: Request, kind: str, given_name: str, since: str | None, until: str | None) -> Any:
    """(profile, redirect path): the profile of the entity ``given_name`` names; the path of its page
    when it is named by other than its key (or is of the other kind); (None, None) when nobody is."""
    with connection(request) as c:
        key, redirect = profiles.resolve(c, kind, given_name)
        if key is None:  # an investor or a speaker the other kind takes: the page of what it is
            other = "person" if kind == "org" else "org"
            key, _ = profiles.resolve(c, other, given_name)
            return None, (f"/{other}/{quote(key)}" if key else None)
        if redirect:
            return None, f"/{kind}/{quote(redirect)}"
        build = profiles.org_profile if kind == "org" else profiles.person_profile
        return build(c, key, since, until), None


def _profile_page(request: Request, kind: str, name: str, since: str | None, until: str | None) -> Response:
    since, until = given(since), given(until)
    if since:
        parse_date(since)
    if until:
        parse_date(until)
    profile, redirect = _profile(request, kind, name, since, until)
    lang = ui_lang(request)
    if redirect:
        query = request.url.query
        return RedirectResponse(redirect + (f"?{query}" if query else ""), status_code=307)
    if profile is None:
        if kind == "org":
            return not_found(request, strings(lang)["no_such_org"] % name)
        with connection(request) as c:
            close = close_people(c, name)
        links = [(p, render_link(lang, f"/person/{quote(p)}")) for p in close]
        return not_found(request, strings(lang)["no_such_person"] % name, links)
    t = strings(lang)
    chart = month_chart(profile["months"], t["facts_per_month"], lang)
    return render(
        request,
        "org.html" if kind == "org" else "person.html",
        profile=profile,
        section=SECTION,
        chart=chart,
        filters={"since": since, "until": until},
    )


@router.get("/org/{name}", response_class=HTMLResponse)
def org_page(request: Request, name: str, since: str | None = None, until: str | None = None) -> Response:
    return _profile_page(request, "org", name, since, until)


@router.get("/person/{name}", response_class=HTMLResponse)
def person_page(request: Request, name: str, since: str | None = None, until: str | None = None) -> Response:
    return _profile_page(request, "person", name, since, until)


def profile_of(request: Request, kind: str, name: str, since: str | None, until: str | None) -> Any:
    """The profile ``name`` leads to (its key, another name of it, or the entity of the other kind it
    is), or None; what the API and the downloads of a profile's sections answer with."""
    profile, redirect = _profile(request, kind, name, since, until)
    if redirect:
        _, other, key = redirect.split("/", 2)
        profile, _ = _profile(request, other, unquote(key), since, until)
    return profile


def _profile_api(request: Request, kind: str, name: str, since: str | None, until: str | None) -> Response:
    profile = profile_of(request, kind, name, since, until)
    if profile is None:
        with connection(request) as c:  # the older answer: found false, and the close names
            old = person_profile(c, name) if kind == "person" else org_profile(c, name)
        return json_response(old)
    return json_response(profile)


@api_router.get("/organizations/{name}", response_model=Profile, responses=ERRORS)
def organization_api(request: Request, name: str, since: Date = None, until: Date = None) -> Response:
    """An organization by key or name: header totals, arrivals, departures, rounds, units, facts per month."""
    return _profile_api(request, "org", name, since, until)


@api_router.get("/people/{name}", response_model=Profile, responses=ERRORS)
def person_api(request: Request, name: str, since: Date = None, until: Date = None) -> Response:
    """A person by key or name: latest known employer and role, dated history, offers, denials."""
    return _profile_api(request, "person", name, since, until)


# --- Permalinks ---------------------------------------------------------------------------------


def fact_id_of(c: Connection, ref: str) -> int | None:
    """The canonical fact ``ref`` names: an anchor (``f`` and 15 hex digits) or an id."""
    if ANCHOR.match(ref):
        return fact_by_anchor(c, ref)
    if ref.isdigit() and int(ref) <= MAX_INT:
        return int(ref)
    return None


def get_fact(c: Connection, ref: str) -> dict[str, Any] | None:
    fact_id = fact_id_of(c, ref)
    return queries.get_fact(c, fact_id) if fact_id is not None else None


def get_dispute(c: Connection, ref: str) -> dict[str, Any] | None:
    """The dispute ``ref`` names: ``{kind}-{claim anchor}`` or a dispute id."""
    m = DISPUTE_REF.match(ref)
    if m:
        kind, claim = m.group(1), fact_by_anchor(c, m.group(2))
    elif ref.isdigit() and int(ref) <= MAX_INT:
        d = disputes_table.c
        row = c.execute(select(d.kind, d.claim_id).where(d.id == int(ref))).first()
        kind, claim = (row[0], row[1]) if row else (None, None)
    else:
        return None
    if claim is None or kind is None:
        return None
    found, _ = list_disputes(c, kind=kind, fact_id=claim, limit=100)
    return next((g for g in found if g["claim"] and g["claim"]["id"] == claim), None)


@router.get("/fact/{ref}", response_class=HTMLResponse)
def fact_page(request: Request, ref: str) -> HTMLResponse:
    with connection(request) as c:
        fact = get_fact(c, ref)
    if fact is None:
        return not_found(request)
    return render(request, "fact.html", fact=fact)


@router.get("/dispute/{ref}", response_class=HTMLResponse)
def dispute_page(request: Request, ref: str) -> HTMLResponse:
    with connection(request) as c:
        dispute = get_dispute(c, ref)
        if dispute is None:
            return not_found(request)
        name = dispute_ref(dispute)
        review = get_reviews(c, [name]).get(name)
    return render(request, "dispute.html", d=dispute, ref=name, review=review, statuses=STATUSES)


def _review(request: Request, ref: str, token: str | None, status: str, note: str) -> tuple[int, Any]:
    """(HTTP status, the stored review or the reason it was refused)."""
    refused = check_token(request.app, token)
    if refused:
        return (404 if not request.app.state.token else 401), refused
    with request.app.state.engine.begin() as c:
        dispute = get_dispute(c, ref)
        if dispute is None:
            return 404, "no such dispute"
        try:
            return 200, {"ref": dispute_ref(dispute), **set_review(c, dispute_ref(dispute), status, note.strip())}
        except ValueError as exc:
            return 400, str(exc)


@router.post("/dispute/{ref}/review")
def review_form(
    request: Request,
    ref: str,
    token: Annotated[str, Form()] = "",
    status: Annotated[str, Form()] = "open",
    note: Annotated[str, Form()] = "",
) -> Response:
    """The review form of a dispute page (a server started with --token): back to the page when stored."""
    code, out = _review(request, ref, token, status, note)
    if code != 200:
        return render(request, "error.html", status=code, message=str(code), detail=out, close=[])
    query = f"?lang={ui_lang(request)}" if ui_lang(request) != "en" else ""
    return RedirectResponse(f"/dispute/{quote(out['ref'])}{query}", status_code=303)


@api_router.post("/disputes/{ref}/review", response_model=Review, responses=ERRORS)
def review_api(
    request: Request,
    ref: str,
    status: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
    token: Annotated[str | None, Form()] = None,
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    """Set a dispute's review: ``status`` (open, claim: the claim stands, counter: the other side does,
    unresolvable) and a ``note``. Needs the server's token (``Authorization: Bearer``)."""
    bearer = authorization.removeprefix("Bearer ").strip() if authorization else None
    code, out = _review(request, ref, bearer or token, status, note)
    if code != 200:
        raise HTTPException(code, out)
    return json_response(out)


@api_router.get("/facts/{ref}", response_model=Fact, responses=ERRORS)
def fact_api(request: Request, ref: str) -> Response:
    """One canonical fact by anchor (its permalink) or id: every source, its evidence, its disputes."""
    with connection(request) as c:
        fact = get_fact(c, ref)
    if fact is None:
        raise HTTPException(404, "no such fact")
    for d in fact.get("disputes", []):
        d["ref"] = dispute_ref(d)
    return json_response(fact)


@api_router.get("/disputes/{ref}", response_model=Dispute, responses=ERRORS)
def dispute_api(request: Request, ref: str) -> Response:
    """One dispute by its permalink name (``{kind}-{claim anchor}``) or id, its claim and counters in full."""
    with connection(request) as c:
        dispute = get_dispute(c, ref)
        if dispute is None:
            raise HTTPException(404, "no such dispute")
        name = dispute_ref(dispute)
        review = get_reviews(c, [name]).get(name)
    return json_response({**dispute, "ref": name, "review": review})
