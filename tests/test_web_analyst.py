"""An analyst's workflow in headless Chromium: click a name to its profile, slice the facts with a
facet and download exactly that list, see the chart of the period. The market is built by hand
(test_web_profiles.build, sentences of our own)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from test_web_profiles import build
from web_helpers import crawl, serving

pytestmark = pytest.mark.e2e
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    if not CHROMIUM:
        pytest.skip("chromium is not installed (scripts/setup.sh --browser installs it)")
    from mercato.store.db import connect

    db = str(tmp_path_factory.mktemp("analyst") / "market.db")
    engine = connect(db)
    build(engine)
    engine.dispose()
    with serving(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-quic"])
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    errors: list[str] = []
    p = context.new_page()
    p.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    p.errors = errors  # type: ignore[attr-defined]
    yield p
    context.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_click_a_name_to_its_profile_and_on_to_a_permalink(server, page, lang):
    page.goto(f"{server}/facts?lang={lang}")
    page.locator("ul.facts a.entity-person", has_text="Maria Lopez").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{server}/person/maria-lopez")
    assert page.locator("h1").inner_text() == "Maria Lopez"
    assert "Northwind Labs" in page.locator(".profile-head .employer").inner_text()
    page.locator(".profile-head a.entity-org").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Northwind Labs"
    assert page.locator("[data-total=people_in]").inner_text() == "2"
    assert page.locator("svg.chart rect.bar").count() >= 3  # April to July
    page.locator("#arrivals a.permalink").first.click()
    page.wait_for_load_state()
    assert "/fact/f" in page.url and page.locator(".fact-sources blockquote").count() == 1
    assert not page.errors  # type: ignore[attr-defined] - nothing refused by the CSP


def test_the_chart_follows_the_period(server, page):
    page.goto(f"{server}/org/northwind-labs")
    page.fill("form.period input[name=since]", "2025-06-01")
    page.click("form.period button")
    page.wait_for_load_state()
    months = page.locator("svg.chart rect.bar").evaluate_all("els => els.map(e => e.dataset.month)")
    assert months == ["2025-06", "2025-07"]
    assert page.locator("[data-total=people_in]").inner_text() == "0"


def test_a_profile_section_downloads_in_the_period_of_the_page(server, page):
    page.goto(f"{server}/org/northwind-labs")
    page.fill("form.period input[name=since]", "2025-05-15")
    page.click("form.period button")
    page.wait_for_load_state()
    with page.expect_download() as got:
        page.locator("#arrivals a.download", has_text="CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(got.value.path()).read_text(encoding="utf-8"))))
    assert [r["person"] for r in rows] == ["Omar Haddad"]
    page.goto(f"{server}/person/chen-wang")
    href = page.locator("#download-offers a.download", has_text="JSON").get_attribute("href")
    assert [f["by_org"] for f in httpx.get(server + href).json()] == ["Northwind Labs"]


def test_the_overviews_headline_follows_the_period(server, page):
    page.goto(f"{server}/")
    assert page.locator("[data-total=people]").inner_text() == "3"
    page.fill("form.period input[name=since]", "2025-06-01")
    page.click("form.period button")
    page.wait_for_load_state()
    assert page.locator("[data-total=people]").inner_text() == "0"
    assert page.locator("[data-total=money]").inner_text() == "$40 million"
    assert page.locator("[data-total=facts]").inner_text() == "3"


def test_indexes_sort_by_a_column_header(server, page):
    page.goto(f"{server}/orgs")
    page.locator("th a.sort", has_text="Departures").click()
    page.wait_for_load_state()
    assert page.locator("tr.entity-row td a").first.inner_text() == "Contoso AI"
    page.locator("th a.sort", has_text="Departures").click()  # again: ascending
    page.wait_for_load_state()
    assert "order=asc" in page.url
    page.goto(f"{server}/people")
    page.locator("tr.entity-row a", has_text="Chen Wang").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Chen Wang"


def test_a_facet_filters_the_list_and_the_download_is_that_list(server, page):
    page.goto(f"{server}/facts")
    page.locator(".facet-type a", has_text="move").click()
    page.wait_for_load_state()
    assert "type=move" in page.url
    shown = page.locator("ul.facts li.fact").count()
    assert shown == 3 and page.locator("ul.facts li.fact-move").count() == 3
    page.locator(".facet-month a", has_text="2025-05").click()
    page.wait_for_load_state()
    assert page.locator("ul.facts li.fact").count() == 2
    with page.expect_download() as got:
        page.locator("a.download", has_text="CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(got.value.path()).read_text(encoding="utf-8"))))
    assert sorted(r["person"] for r in rows) == ["Maria Lopez", "Omar Haddad"] and {r["type"] for r in rows} == {"move"}
    href = page.locator("a.download", has_text="JSON").get_attribute("href")
    items = json.loads(httpx.get(server + href).text)
    assert sorted(f["person"] for f in items) == ["Maria Lopez", "Omar Haddad"]
    api = httpx.get(f"{server}/api/facts", params=dict(httpx.URL(server + href).params)).json()
    assert [f["id"] for f in api["items"]] == [f["id"] for f in items]  # the same parameters, the same list


def test_a_flow_facet_filters_the_flows_and_the_download_is_those_links(server, page):
    page.goto(f"{server}/flows")
    assert page.locator("tr.flow-row").count() == 2
    page.locator(".facet-month a", has_text="2025-05").click()
    page.wait_for_load_state()
    assert "since=2025-05-01" in page.url and page.locator("tr.flow-row").count() == 1
    page.locator(".facet-status a", has_text="done").click()
    page.wait_for_load_state()
    assert "status=done" in page.url and page.locator(".facet-status a.on").count() == 1
    with page.expect_download() as got:
        page.locator("a.download", has_text="CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(got.value.path()).read_text(encoding="utf-8"))))
    assert [(r["source"], r["target"], r["people"]) for r in rows] == [("Contoso AI", "Northwind Labs", "2")]
    href = page.locator("a.download", has_text="JSON").get_attribute("href")
    api = httpx.get(f"{server}/api/flows", params=dict(httpx.URL(server + href).params)).json()
    assert json.loads(httpx.get(server + href).text) == api["links"]
    assert page.locator("#sankey svg").count() == 1 and not page.errors  # type: ignore[attr-defined]


def test_every_link_of_the_market_answers(server):
    """The link crawl over the new pages: indexes, profiles, permalinks, facets, downloads."""
    # A name given by the surname alone links to that surname, which redirects to the one person of it.
    seen, broken = crawl(server, ["/", "/people", "/orgs", "/facts?lang=fr", "/flows"], 400, follow_redirects=True)
    kinds = {p.split("/")[1].split("?")[0] for p in seen}
    assert {"person", "org", "fact", "people", "orgs", "facts.csv"} <= kinds
    assert httpx.get(f"{server}/person/lopez", follow_redirects=True).url.path == "/person/maria-lopez"
    assert not broken, broken


def test_the_search_box_suggests_names_that_link_to_profiles(server, page):
    page.goto(f"{server}/?lang=fr")
    page.fill("form.search input[name=q]", "northw")
    page.wait_for_selector(".suggest a.entity-org")
    page.locator(".suggest a", has_text="Northwind Labs").click()
    page.wait_for_load_state()
    assert page.url.endswith("/org/northwind-labs?lang=fr")
    assert page.locator("h1").inner_text() == "Northwind Labs"
    assert not page.errors  # type: ignore[attr-defined]
