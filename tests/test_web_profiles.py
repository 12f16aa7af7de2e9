"""People and organizations by identity, their indexes and profiles, and permalinks that survive a
re-ingest: the API and the pages, over a small market built by hand (sentences of our own)."""

from __future__ import annotations

import re
import warnings

import pytest
from sqlalchemy import select

from market_helpers import add_doc, fact, remove_doc, replace_doc
from mercato.store.db import connect
from mercato.store.schema import fact_entities

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from mercato.serve.app import create_app  # noqa: E402

HIRE = "Maria Lopez left Contoso AI for Northwind Labs in May."
HIRE2 = "Omar Haddad also left Contoso AI for Northwind Labs."
OTHER = "Chen Wang joined Fabrikam from Contoso AI in March."
SURNAME = "Lopez now runs the robotics group at Northwind Labs."
ROUND = "Tailspin Robotics raised $40 million from Northwind Labs in June."
ROUND2 = "Northwind Labs itself raised $200 million from Fabrikam Ventures in April."
OFFER = "Northwind Labs offered Chen Wang $5 million to join."


def move(text: str, person: str, to_org: str):
    return fact("move", text, person=person, from_org="Contoso AI", to_org=to_org, status="done")


def money(text: str, investor: str, target: str, amount: float):
    return fact(
        "investment", text, investor=investor, target=target, amount_usd=amount, kind="investment", status="done"
    )


def build(engine, order: list[int] | None = None) -> list[int]:
    """The market, its documents added in ``order`` (indexes of DOCS)."""
    docs = [
        (HIRE, [move(HIRE, "Maria Lopez", "Northwind Labs")], "2025-05-10"),
        (HIRE2, [move(HIRE2, "Omar Haddad", "Northwind Labs")], "2025-05-20"),
        (OTHER, [move(OTHER, "Chen Wang", "Fabrikam")], "2025-03-15"),
        (SURNAME, [fact("unit", SURNAME, org="Northwind Labs", name="robotics group", leader="Lopez")], "2025-07-01"),
        (ROUND, [money(ROUND, "Northwind Labs", "Tailspin Robotics", 40e6)], "2025-06-03"),
        (ROUND2, [money(ROUND2, "Fabrikam Ventures", "Northwind Labs", 200e6)], "2025-04-02"),
        (
            OFFER,
            [fact("offer", OFFER, by_org="Northwind Labs", target_person="Chen Wang", amount_usd=5e6)],
            "2025-06-10",
        ),
    ]
    ids = []
    for i in order or range(len(docs)):
        text, facts, date = docs[i]
        ids.append(add_doc(engine, text, facts, date=date, site=f"site{i}.example"))
    return ids


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("profiles") / "market.db")
    engine = connect(path)
    build(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(db))


# --- A user's scenario: from a name on the facts list to its profile, then to a fact's permalink. ---


def test_an_analyst_goes_from_a_name_to_a_profile_and_a_permalink(client):
    facts_page = client.get("/facts").text
    href = re.search(r'<a class="entity entity-org" href="([^"]+)">Northwind Labs</a>', facts_page).group(1)
    assert href == "/org/northwind-labs"
    org = client.get(href).text
    assert "<h1>Northwind Labs</h1>" in org
    assert re.search(r'data-total="people_in">2<', org) and re.search(r'data-total="people_out">0<', org)
    assert "$200 million" in org and "$40 million" in org  # raised, invested
    person = re.search(r'href="(/person/[^"]+)">Maria Lopez</a>', org).group(1)
    assert person == "/person/maria-lopez"
    page = client.get(person).text
    head = page.split('class="profile-head"')[1].split("</p>")[0]
    assert "Northwind Labs" in head and "head of robotics group" in head  # latest employer and role
    permalink = re.search(r'class="permalink" href="(/fact/f[0-9a-f]{15})"', page).group(1)
    one = client.get(permalink).text
    assert "Maria Lopez" in one and HIRE in one  # every source's evidence sentence


def test_profiles_are_keyed_on_identity_not_on_a_surname(client):
    # "Lopez" alone is Maria Lopez (the only Lopez); Chen Wang's page has none of the others' facts.
    r = client.get("/person/lopez", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/person/maria-lopez"
    maria = client.get("/api/people/maria-lopez").json()
    assert {f["type"] for f in maria["timeline"]} == {"move", "unit"}  # the unit names her by surname
    wang = client.get("/api/people/chen-wang").json()
    assert wang["name"] == "Chen Wang" and wang["employer"] == "Fabrikam"
    assert len(wang["timeline"]) == 2 and all("Lopez" not in str(f) for f in wang["timeline"])
    assert client.get("/person/Chen%20Wang", follow_redirects=False).headers["location"] == "/person/chen-wang"
    assert client.get("/person/nobody-here").status_code == 404
    assert client.get("/org/no-such-org").status_code == 404


def test_org_profile_header_totals_through_the_api(client):
    body = client.get("/api/organizations/northwind-labs").json()
    assert body["totals"] == {
        "facts": 6,
        "people_in": 2,
        "people_out": 0,
        "net_flow": 2,
        "money_raised": 200e6,
        "invested": 40e6,
        "offers_made": 1,
        "disputes": 0,
    }
    contoso = client.get("/api/organizations/Contoso AI").json()["totals"]
    assert (contoso["people_in"], contoso["people_out"], contoso["net_flow"]) == (0, 3, -3)
    period = client.get("/api/organizations/northwind-labs", params={"since": "2025-06-01"}).json()
    assert period["totals"]["people_in"] == 0 and period["totals"]["invested"] == 40e6
    assert [m for m, _ in period["months"]] == ["2025-06", "2025-07"]


def test_indexes_count_and_sort_server_side(client):
    orgs = client.get("/api/organizations", params={"sort": "net", "order": "desc"}).json()
    assert orgs["items"][0]["key"] == "northwind-labs" and orgs["items"][0]["net"] == 2
    assert orgs["items"][-1]["key"] == "contoso-ai" and orgs["items"][-1]["departures"] == 3
    by_money = client.get("/api/organizations", params={"sort": "money_in", "limit": 1}).json()
    assert by_money["items"][0]["key"] == "northwind-labs" and by_money["items"][0]["money_in"] == 200e6
    names = [
        r["name"] for r in client.get("/api/organizations", params={"sort": "name", "order": "asc"}).json()["items"]
    ]
    assert names == sorted(names, key=str.lower)
    people = client.get("/api/people").json()
    keys = [r["key"] for r in people["items"]]
    assert "lopez" not in keys and people["items"][keys.index("maria-lopez")]["facts"] == 2  # the surname folded in
    assert client.get("/api/people", params={"q": "wang"}).json()["total"] == 1
    assert client.get("/api/people", params={"sort": "money_in"}).status_code == 400
    page = client.get("/orgs", params={"sort": "departures", "order": "desc"}).text
    rows = re.findall(r'<tr class="entity-row">\s*<td><a[^>]*>([^<]+)</a>', page)
    assert rows[0] == "Contoso AI"
    assert 'href="/orgs?sort=departures&amp;order=asc"' in page  # the header toggles the order
    assert "Personnes" in client.get("/people", params={"lang": "fr"}).text


def test_suggest_names_for_the_search_box(client):
    found = client.get("/api/suggest", params={"q": "north"}).json()
    assert found[0] == {"kind": "org", "key": "northwind-labs", "name": "Northwind Labs", "facts": 6}


def test_dispute_permalink(tmp_path):
    engine = connect(tmp_path / "d.db")
    claim = "Northwind Labs paid $90 million for Tailspin Robotics."
    other = "Northwind Labs paid $120 million for Tailspin Robotics, a filing shows."
    deal = {"investor": "Northwind Labs", "target": "Tailspin Robotics", "kind": "acquisition", "status": "done"}
    add_doc(engine, claim, [fact("investment", claim, amount_usd=90e6, **deal)], site="a.example")
    add_doc(engine, other, [fact("investment", other, amount_usd=120e6, **deal)], site="b.example")
    client = TestClient(create_app(engine=engine))
    board = client.get("/disputes").text
    ref = re.search(r'href="/dispute/(figures-f[0-9a-f]{15})"', board).group(1)
    page = client.get(f"/dispute/{ref}")
    assert page.status_code == 200 and "$90 million" in page.text and "$120 million" in page.text
    body = client.get(f"/api/disputes/{ref}").json()
    assert body["kind"] == "figures" and body["ref"] == ref
    fact_ref = client.get(f"/api/facts/{body['claim']['anchor']}").json()
    assert fact_ref["disputes"][0]["ref"] == ref
    assert client.get("/dispute/figures-f000000000000000").status_code == 404
    assert client.get("/api/disputes/nonsense").status_code == 404


# --- Permalinks survive a re-ingest. ---


def _anchors(engine) -> dict[str, str]:
    """Each fact's anchor by what it says."""
    client = TestClient(create_app(engine=engine))
    items = client.get("/api/facts", params={"limit": 100}).json()["items"]
    return {
        f"{f['type']} {f.get('person')} {f.get('target')} {f.get('leader')} {f.get('to_org')}": f["anchor"]
        for f in items
    }


def test_anchors_are_the_same_whatever_order_the_store_was_filled_in(tmp_path):
    first, second = connect(tmp_path / "a.db"), connect(tmp_path / "b.db")
    build(first)
    build(second, order=[6, 5, 4, 3, 2, 1, 0])
    a, b = _anchors(first), _anchors(second)
    assert a == b and len(set(a.values())) == len(a) == 7


def test_a_permalink_still_finds_its_fact_after_a_re_ingest(tmp_path):
    engine = connect(tmp_path / "r.db")
    ids = build(engine)
    client = TestClient(create_app(engine=engine))
    anchor = client.get("/api/people/maria-lopez").json()["timeline"][0]["anchor"]
    before = client.get(f"/api/facts/{anchor}").json()
    # The article is re-extracted (same text, same facts) and another one deleted and added again.
    replace_doc(engine, ids[0], [move(HIRE, "Maria Lopez", "Northwind Labs")])
    remove_doc(engine, ids[1])
    add_doc(engine, HIRE2, [move(HIRE2, "Omar Haddad", "Northwind Labs")], date="2025-05-20")
    after = client.get(f"/api/facts/{anchor}").json()
    assert after["anchor"] == anchor and after["person"] == before["person"] == "Maria Lopez"
    assert client.get(f"/fact/{anchor}").status_code == 200
    assert client.get("/api/organizations/northwind-labs").json()["totals"]["people_in"] == 2


def test_entity_rows_after_changes_equal_a_fresh_build(tmp_path):
    changed, fresh = connect(tmp_path / "c.db"), connect(tmp_path / "f.db")
    ids = build(changed)
    remove_doc(changed, ids[3])
    build(fresh)
    remove_doc(fresh, 4)

    def rows(engine):
        with engine.connect() as c:
            return sorted(tuple(r)[1:] for r in c.execute(select(fact_entities)))

    assert rows(changed) == rows(fresh) and not any(r[1] == "lopez" for r in rows(changed))


def test_the_overview_charts_facts_per_month_within_the_period(client):
    facts_chart = client.get("/").text.split('class="chart-box chart-facts"')[1].split("</figure>")[0]
    bars = re.findall(r'data-month="([\d-]+)" data-count="(\d+)"', facts_chart)
    assert bars == [("2025-03", "1"), ("2025-04", "1"), ("2025-05", "2"), ("2025-06", "2"), ("2025-07", "1")]
    page = client.get("/", params={"since": "2025-05-01", "until": "2025-06-30"}).text
    facts_chart = page.split('class="chart-box chart-facts"')[1].split("</figure>")[0]
    assert re.findall(r'data-month="([\d-]+)"', facts_chart) == ["2025-05", "2025-06"]
    assert "Chen Wang joined" not in page and "<script" not in page.split("<main>")[1]  # March is out; no inline script


def _disputed(engine) -> None:
    claim = "Northwind Labs paid $90 million for Tailspin Robotics."
    other = "Northwind Labs paid $120 million for Tailspin Robotics, a filing shows."
    deal = {"investor": "Northwind Labs", "target": "Tailspin Robotics", "kind": "acquisition", "status": "done"}
    add_doc(engine, claim, [fact("investment", claim, amount_usd=90e6, **deal)], site="a.example")
    add_doc(engine, other, [fact("investment", other, amount_usd=120e6, **deal)], site="b.example")


def test_a_dispute_review_is_token_guarded_stored_shown_and_exported(tmp_path):
    engine = connect(tmp_path / "r.db")
    _disputed(engine)
    editor = TestClient(create_app(engine=engine, token="s3cret"))
    ref = editor.get("/api/disputes").json()["items"][0]["ref"]
    assert editor.get(f"/dispute/{ref}").text.count('name="status"') == 1  # the form, with a token
    body = {"status": "counter", "note": "The filing is the primary source."}
    assert editor.post(f"/api/disputes/{ref}/review", data=body).status_code == 401
    bad = editor.post(f"/api/disputes/{ref}/review", data=body, headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401
    wrong = editor.post(
        f"/api/disputes/{ref}/review", data={"status": "maybe"}, headers={"Authorization": "Bearer s3cret"}
    )
    assert wrong.status_code == 400
    ok = editor.post(f"/api/disputes/{ref}/review", data=body, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["status"] == "counter"
    # The page's form, as a browser posts it: back to the dispute page, which shows the review.
    form = editor.post(
        f"/dispute/{ref}/review?lang=fr",
        data={"token": "s3cret", "status": "unresolvable", "note": "Both filings disagree."},
        follow_redirects=False,
    )
    assert form.status_code == 303 and form.headers["location"] == f"/dispute/{ref}?lang=fr"
    assert "impossible à trancher" in editor.get(form.headers["location"]).text
    reader = TestClient(create_app(engine=engine))  # read-only: shown, not editable
    page = reader.get(f"/dispute/{ref}").text
    assert "Both filings disagree." in page and 'name="status"' not in page
    assert reader.post(f"/dispute/{ref}/review", data={"token": "x", "status": "open"}).status_code == 404
    assert reader.get("/api/disputes").json()["items"][0]["review"]["status"] == "unresolvable"
    assert reader.get(f"/api/disputes/{ref}").json()["review"]["note"] == "Both filings disagree."
    assert "impossible à trancher" in reader.get("/disputes?lang=fr").text
    # The review is kept under the dispute's permanent name: it outlives a rebuild of the disputes.
    remove_doc(engine, 1)
    remove_doc(engine, 2)
    assert reader.get("/api/disputes").json()["total"] == 0
    _disputed(engine)
    assert reader.get(f"/api/disputes/{ref}").json()["review"]["status"] == "unresolvable"


def test_documents_and_disputes_download_the_filtered_list(tmp_path):
    import csv
    import io
    import json

    engine = connect(tmp_path / "dl.db")
    _disputed(engine)
    add_doc(engine, HIRE, [move(HIRE, "Maria Lopez", "Northwind Labs")], site="c.example", lang="fr")
    client = TestClient(create_app(engine=engine))
    page = client.get("/documents").text
    href = re.search(r'href="(/documents\?[^"]*doc_lang=fr[^"]*)"', page).group(1).replace("&amp;", "&")
    filtered = client.get(href).text
    assert filtered.count('<a href="/doc/') == 1
    csv_href = re.search(r'href="(/documents\.csv\?[^"]+)"', filtered).group(1).replace("&amp;", "&")
    rows = list(csv.DictReader(io.StringIO(client.get(csv_href).text)))
    assert [(r["lang"], r["site"]) for r in rows] == [("fr", "c.example")]
    assert len(json.loads(client.get("/documents.json").text)) == 3
    assert client.get("/documents.xml").status_code == 404
    facet = re.search(r'class="facet facet-kind".*?href="([^"]+)"', client.get("/disputes").text, re.S).group(1)
    assert facet.replace("&amp;", "&") == "/disputes?kind=figures"
    board = client.get("/disputes", params={"kind": "figures", "lang": "fr"}).text
    dl = re.search(r'href="(/disputes\.csv\?[^"]+)"', board).group(1).replace("&amp;", "&")
    rows = list(csv.DictReader(io.StringIO(client.get(dl).text)))
    assert len(rows) == 1 and rows[0]["kind"] == "figures" and rows[0]["status"] == "open"
    assert "Tailspin" in rows[0]["claim"] and rows[0]["ref"].startswith("figures-f")
    assert client.get("/disputes.json", params={"kind": "denial"}).json() == []
    assert client.get("/disputes.csv", params={"kind": "rumour"}).status_code == 400


def test_the_overview_charts_people_moving_and_money_invested_in_both_languages(client):
    page = client.get("/", params={"lang": "fr"}).text
    people = page.split('class="chart-box chart-people"')[1].split("</figure>")[0]
    assert re.findall(r'data-month="([\d-]+)" data-count="([\d.]+)"', people) == [
        ("2025-03", "1.0"),
        ("2025-04", "0.0"),
        ("2025-05", "2.0"),
    ]
    money = page.split('class="chart-box chart-money"')[1].split("</figure>")[0]
    assert "200 millions de dollars" in money and "avr. 2025" in money  # titles in French
    assert "Personnes qui changent" in page


def test_search_lists_the_facts_found_with_a_type_facet_a_download_and_a_feed(client):
    import csv
    import io

    page = client.get("/search", params={"q": "Northwind"}).text
    facts_part = page.split("<h2>Facts")[1]
    assert re.search(r'class="facet facet-type"', facts_part)
    move = re.search(r'href="(/search\?[^"]*type=move[^"]*)"', facts_part).group(1).replace("&amp;", "&")
    moves = client.get(move).text.split("<h2>Facts")[1]
    assert moves.count('<li class="fact fact-move') == 2 and "fact-investment" not in moves
    dl = re.search(r'href="(/search\.csv\?[^"]+)"', moves).group(1).replace("&amp;", "&")
    rows = list(csv.DictReader(io.StringIO(client.get(dl).text)))
    assert sorted(r["person"] for r in rows) == ["Maria Lopez", "Omar Haddad"]
    assert 'href="/feed/search?q=Northwind"' in page
    assert client.get("/search.csv").status_code == 400


def test_a_store_of_revision_0010_gets_its_anchors_and_entities(tmp_path):
    """Upgrading a store made before revision 0011: the same anchors and entity rows as a new store."""
    from sqlalchemy import text

    engine = connect(tmp_path / "old.db")
    build(engine)

    def state():
        with engine.connect() as c:
            anchors = sorted(r[0] for r in c.execute(text("SELECT anchor FROM facts")))
            return anchors, sorted(tuple(r)[1:] for r in c.execute(select(fact_entities)))

    before = state()
    assert before[0][0] and len(before[1]) > 10
    with engine.begin() as c:  # as revision 0010 left it
        c.execute(text("DROP TABLE fact_entities"))
        c.execute(text("DROP TABLE dispute_reviews"))
        c.execute(text("UPDATE facts SET anchor = NULL"))
        c.execute(text("UPDATE alembic_version SET version_num = '0010'"))
    engine.dispose()
    engine = connect(tmp_path / "old.db")
    client = TestClient(create_app(engine=engine))  # the server fills in what the merge knows
    assert state() == before
    assert client.get("/api/organizations/northwind-labs").json()["totals"]["people_in"] == 2


def test_facets_through_the_api_count_what_the_list_holds(client):
    found = client.get("/api/facets", params={"org": "Contoso AI"}).json()
    assert found["type"] == [{"value": "move", "label": "move", "n": 3}]
    assert {p["key"]: p["n"] for p in found["person"]} == {"maria-lopez": 1, "omar-haddad": 1, "chen-wang": 1}
    assert [m["value"] for m in found["month"]] == ["2025-05", "2025-03"]
    site = found["site"][0]["value"]
    listed = client.get("/api/facts", params={"org": "Contoso AI", "site": site}).json()
    assert listed["total"] == found["site"][0]["n"] == 1
    assert client.get("/api/facets", params={"type": "gossip"}).status_code == 400


@pytest.mark.parametrize("sort", ["newest", "oldest", "sources"])
@pytest.mark.parametrize("filters", [{"org": "Northwind Labs"}, {"person": "Wang"}, {"org": "Contoso", "type": "move"}])
def test_a_page_sorted_from_the_kept_ids_is_the_page_list_facts_gives(db, sort, filters):
    from mercato.consolidate.facets import facts_within, kept_ids
    from mercato.consolidate.queries import list_facts

    engine = connect(db)
    with engine.connect() as c:
        ids = kept_ids(c, **filters)
        for offset, limit in ((0, 50), (1, 2)):
            expected, total = list_facts(c, **filters, sort=sort, limit=limit, offset=offset)
            got = facts_within(c, ids, sort, limit, offset)
            assert [f["id"] for f in got] == [f["id"] for f in expected] and len(ids) == total
            assert got == expected
