"""Atom feeds to follow an organization, a person, a fact type or a search in a feed reader.

An entry is a canonical fact: its id is a tag URI of the fact's anchor (the same after a re-ingest, so
a reader does not show it twice), ``updated`` its latest source's date (a fact that gains a newer
source comes back to the top), its link the fact's permalink. The newest FEED_SIZE facts only.
Written with the standard library's ElementTree: every text is escaped by the serializer.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from mercato import __version__
from mercato.consolidate import profiles, queries
from mercato.consolidate.render import sentence
from mercato.consolidate.watch import facts_matching
from mercato.model import FACT_TYPE_SPECS, fact_types
from mercato.serve.api import connection
from mercato.store.entities import entity_fact_ids, surname_keys

router = APIRouter(include_in_schema=False)
ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
EPOCH = "1970-01-01"


def _stamp(date: str | None) -> str:
    """An RFC 3339 timestamp of a stored date ("2025-06-12" or an ISO datetime)."""
    day = (date or EPOCH)[:10]
    return f"{day}T00:00:00Z"


def atom(title: str, self_url: str, site: str, items: list[dict[str, Any]], lang: str) -> bytes:
    """The Atom document of ``items`` (canonical facts with sources), newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"mercato · {title}"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"tag:mercato,2025:{self_url}"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=site + self_url)
    ET.SubElement(feed, f"{{{ATOM}}}generator", version=__version__).text = "mercato"
    items = sorted(items, key=lambda f: (f.get("last_date") or "", f["id"]), reverse=True)[:FEED_SIZE]
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(items[0].get("last_date") if items else None)
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "mercato"
    for f in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ref = f.get("anchor") or str(f["id"])
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"tag:mercato,2025:fact/{ref}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = sentence(f["type"], f, lang)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=f"{site}/fact/{ref}")
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(f.get("last_date"))
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _stamp(f.get("first_date"))
        ET.SubElement(entry, f"{{{ATOM}}}category", term=f["type"])
        lines = [f"{s.get('site') or ''}: {s.get('evidence') or ''}" for s in f.get("sources", [])[:5]]
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = "\n".join(lines)
    body: bytes = ET.tostring(feed, encoding="utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body


def _respond(request: Request, title: str, items: list[dict[str, Any]]) -> Response:
    lang = request.query_params.get("lang", "en")
    site = str(request.base_url).rstrip("/")
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return Response(
        atom(title, path, site, items, lang if lang in ("en", "fr") else "en"), media_type="application/atom+xml"
    )


def entity_facts(request: Request, kind: str, given: str) -> tuple[str, list[dict[str, Any]]]:
    with connection(request) as c:
        key, redirect = profiles.resolve(c, kind, given)
        key = redirect or key
        if key is None:
            raise HTTPException(404, f"no such {kind}")
        keys = surname_keys(c, key) if kind == "person" else [key]
        return key, profiles.facts_by_ids(c, entity_fact_ids(c, kind, keys))


@router.get("/feed/org/{name}")
def org_feed(request: Request, name: str) -> Response:
    key, items = entity_facts(request, "org", name)
    return _respond(request, key, items)


@router.get("/feed/person/{name}")
def person_feed(request: Request, name: str) -> Response:
    key, items = entity_facts(request, "person", name)
    return _respond(request, key, items)


@router.get("/feed/type/{kind}")
def type_feed(request: Request, kind: str) -> Response:
    if kind not in FACT_TYPE_SPECS:
        raise HTTPException(404, f"no fact type {kind!r}: use one of {', '.join(fact_types())}")
    with connection(request) as c:
        items, _ = queries.list_facts(c, type=kind, limit=FEED_SIZE, summary=True)
    return _respond(request, kind, items)


@router.get("/feed/search")
def search_feed(request: Request, q: str = Query(min_length=1, max_length=200)) -> Response:
    with connection(request) as c:
        items = facts_matching(c, q)
    return _respond(request, q, items)
