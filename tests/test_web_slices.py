"""Slices and downloads of the flows, of profile sections and of the overview's period, over the small
market of test_web_profiles (sentences of our own): the API, the pages and the downloads agree."""

from __future__ import annotations

import csv
import io
import re
import warnings

import pytest

from mercato.store.db import connect
from test_web_profiles import build

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from mercato.serve.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    path = str(tmp_path_factory.mktemp("slices") / "market.db")
    engine = connect(path)
    build(engine)
    engine.dispose()
    return TestClient(create_app(path))


def _pairs(links: list[dict]) -> list[tuple[str, str, int]]:
    return [(x["source"], x["target"], x["people"]) for x in links]


def test_flows_facets_count_the_moves_the_filters_keep(client):
    found = client.get("/api/flows/facets").json()
    assert [(v["value"], v["n"]) for v in found["org"]] == [("Contoso AI", 3), ("Northwind Labs", 2), ("Fabrikam", 1)]
    assert [(v["value"], v["n"], v["since"], v["until"]) for v in found["month"]] == [
        ("2025-05", 2, "2025-05-01", "2025-05-31"),
        ("2025-03", 1, "2025-03-01", "2025-03-31"),
    ]
    assert [(v["value"], v["n"]) for v in found["status"]] == [("done", 3)]
    narrowed = client.get("/api/flows/facets", params={"org": "Fabrikam"}).json()
    assert [(v["value"], v["n"]) for v in narrowed["org"]] == [("Contoso AI", 1), ("Fabrikam", 1)]
    assert [v["value"] for v in narrowed["month"]] == ["2025-03"]


def test_flows_filter_by_organization_status_and_period(client):
    assert _pairs(client.get("/api/flows", params={"org": "fabrikam"}).json()["links"]) == [
        ("Contoso AI", "Fabrikam", 1)
    ]
    in_may = client.get("/api/flows", params={"since": "2025-05-01", "until": "2025-05-31"}).json()
    assert _pairs(in_may["links"]) == [("Contoso AI", "Northwind Labs", 2)]
    assert client.get("/api/flows", params={"status": "rumour"}).json()["links"] == []
    assert len(client.get("/api/flows", params={"status": "done"}).json()["links"]) == 2
    assert client.get("/api/flows", params={"until": "2025-13-01"}).status_code == 400


def test_flow_downloads_are_the_filtered_links(client):
    params = {"org": "Northwind Labs", "status": "done"}
    rows = list(csv.DictReader(io.StringIO(client.get("/flows.csv", params=params).text)))
    assert [(r["source"], r["target"], r["people"], r["named"]) for r in rows] == [
        ("Contoso AI", "Northwind Labs", "2", "Maria Lopez; Omar Haddad")
    ]
    got = client.get("/flows.json", params=params)
    assert got.headers["content-disposition"] == 'attachment; filename="flows.json"'
    assert got.json() == client.get("/api/flows", params=params).json()["links"]
    assert len(client.get("/flows.json").json()) == 2
    assert client.get("/flows.csv", params={"since": "nope"}).status_code == 400
    assert client.get("/flows.xml").status_code == 404


def test_the_flows_page_shows_facets_and_links_the_downloads(client):
    html = client.get("/flows", params={"org": "Fabrikam"}).text
    assert 'class="facet facet-org"' in html and 'class="facet facet-status"' in html
    assert 'href="/flows.csv?org=Fabrikam"' in html and 'href="/flows.json?org=Fabrikam"' in html
    assert "/api/flows?org=Fabrikam&amp;limit=25" in html
    french = client.get("/flows", params={"lang": "fr"}).text
    assert re.search(r'href="/flows\?lang=fr&amp;status=done">effectué</a>', french)


def test_a_profile_section_downloads_with_the_profiles_period(client):
    got = client.get("/org/northwind-labs/arrivals.csv")
    assert got.headers["content-disposition"] == 'attachment; filename="northwind-labs-arrivals.csv"'
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert sorted(r["person"] for r in rows) == ["Maria Lopez", "Omar Haddad"] and {r["to_org"] for r in rows} == {
        "Northwind Labs"
    }
    late = client.get("/org/northwind-labs/arrivals.json", params={"since": "2025-05-15"}).json()
    assert [f["person"] for f in late] == ["Omar Haddad"]
    api = client.get("/api/organizations/northwind-labs", params={"since": "2025-05-15"}).json()
    assert [f["id"] for f in late] == [f["id"] for f in api["arrivals"]]  # the section the API gives
    rounds = client.get("/org/northwind-labs/rounds.json").json()
    assert [(f["investor"], f["amount_usd"]) for f in rounds] == [("Fabrikam Ventures", 200e6)]
    assert [f["name"] for f in client.get("/org/northwind-labs/units.json").json()] == ["robotics group"]
    assert client.get("/org/northwind-labs/departures.json").json() == []


def test_a_persons_history_offers_and_denials_download(client):
    history = client.get("/person/chen-wang/history.json").json()
    assert [f["type"] for f in history] == ["move", "offer"]
    assert client.get("/person/Chen Wang/history.json").json() == history  # a name leads to the key
    offers = list(csv.DictReader(io.StringIO(client.get("/person/chen-wang/offers.csv").text)))
    assert [(r["by_org"], r["target_person"]) for r in offers] == [("Northwind Labs", "Chen Wang")]
    assert client.get("/person/chen-wang/offers.json", params={"until": "2025-05-31"}).json() == []
    assert client.get("/person/chen-wang/denials.json").json() == []


def test_section_downloads_refuse_what_is_not_there(client):
    assert client.get("/person/nobody-here/history.json").status_code == 404
    assert client.get("/org/northwind-labs/salaries.csv").status_code == 404
    assert client.get("/org/northwind-labs/units.xml").status_code == 404
    assert client.get("/org/northwind-labs/units.csv", params={"since": "May"}).status_code == 400


def test_profile_pages_link_each_section_download_with_their_period(client):
    html = client.get("/org/northwind-labs", params={"since": "2025-05-01"}).text
    assert 'href="/org/northwind-labs/arrivals.csv?since=2025-05-01"' in html
    assert 'href="/org/northwind-labs/investments_made.json?since=2025-05-01"' in html
    assert "/org/northwind-labs/departures.csv" not in html  # no departures in the period: no section
    html = client.get("/person/chen-wang", params={"lang": "fr"}).text
    assert (
        'href="/person/chen-wang/history.csv?lang=fr"' in html
        and 'href="/person/chen-wang/offers.json?lang=fr"' in html
    )


@pytest.fixture(scope="module")
def disputed(tmp_path_factory) -> TestClient:
    """The market, and two articles in August that disagree on one offer's figure (a dispute)."""
    from market_helpers import add_doc, fact

    path = str(tmp_path_factory.mktemp("overview") / "market.db")
    engine = connect(path)
    build(engine)
    for n, amount in enumerate((10, 12)):
        text = f"Quillon AI offered Nora Vale ${amount} million."
        offer = fact("offer", text, by_org="Quillon AI", target_person="Nora Vale", amount_usd=amount * 1e6)
        add_doc(engine, text, [offer], date=f"2025-08-0{n + 1}", site=f"news{n}.example")
    engine.dispose()
    return TestClient(create_app(path))


HEADLINE = ("documents", "facts", "people", "money", "disputes")


def _api(client: TestClient, **period: str) -> tuple[object, ...]:
    got = client.get("/api/overview", params=period).json()
    return tuple(got[k] for k in HEADLINE)


def _page(client: TestClient, **period: str) -> tuple[str, ...]:
    html = client.get("/", params=period).text
    return tuple(re.search(rf'data-total="{k}">([^<]*)<', html).group(1) for k in HEADLINE)  # type: ignore[union-attr]


def test_the_overviews_headline_numbers_are_of_the_period(disputed):
    assert _api(disputed) == (9, 8, 3, 240e6, 1)
    assert _api(disputed, since="2025-05-01", until="2025-05-31") == (2, 2, 2, 0, 0)
    assert _api(disputed, since="2025-08-01") == (2, 1, 0, 0, 1)  # the disputed offer is of August
    assert _page(disputed, since="2025-05-01", until="2025-05-31") == ("2", "2", "2", "—", "0")
    assert _page(disputed, since="2025-06-01", until="2025-06-30") == ("2", "2", "0", "$40 million", "0")
    assert _page(disputed) == ("9", "8", "3", "$240 million", "1")
    assert disputed.get("/api/overview", params={"since": "June"}).status_code == 400


def _side_lists(client: TestClient, **period: str) -> tuple[list[tuple[str, int]], int]:
    """The overview's side lists: (organization, facts) of the most active ones, and how many disputes."""
    aside = client.get("/", params=period).text.split("<aside>")[1].split("</aside>")[0]
    orgs = re.findall(r'class="entity entity-org" href="[^"]+">([^<]+)</a> <span class="meta">(\d+)<', aside)
    return [(name, int(n)) for name, n in orgs], aside.count('class="dispute-mini"')


def test_the_overviews_side_lists_are_of_the_period(disputed):
    orgs, n_disputes = _side_lists(disputed)
    assert orgs[0] == ("Northwind Labs", 6) and ("Quillon AI", 1) in orgs and n_disputes == 1
    march = {"since": "2025-03-01", "until": "2025-03-31"}  # one move, from Contoso AI to Fabrikam
    assert _side_lists(disputed, **march) == ([("Contoso AI", 1), ("Fabrikam", 1)], 0)
    assert _side_lists(disputed, since="2025-08-01") == ([("Quillon AI", 1)], 1)  # the disputed offer
    assert _side_lists(disputed, since="2025-05-01", until="2025-05-31")[1] == 0
    listed = disputed.get("/api/overview", params=march).json()["active_orgs"]
    assert listed == [{"org": "Contoso AI", "facts": 1}, {"org": "Fabrikam", "facts": 1}]
