"""The dashboard in a real headless Chromium, as an analyst uses it. Screenshots go to test-output/."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import pytest

from conftest import ROOT, SAMPLES
from web_helpers import serving

pytestmark = pytest.mark.e2e
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = ROOT / "test-output"
XSS = (
    'The leaked memo quoted <script>window.pwned = 1</script> and <img src=x onerror="window.pwned = 2"> '
    "while OpenAI has hired Jane Roe, a researcher from Google DeepMind, to lead a new lab."
)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    if not CHROMIUM:
        pytest.skip("chromium is not installed (scripts/setup.sh --browser installs it)")

    from mercato.pipeline import ingest

    tmp = tmp_path_factory.mktemp("e2e")
    hostile = tmp / "hostile.jsonl"
    hostile.write_text(
        json.dumps({"url": "https://evil.example/x", "title": "<b>Hostile</b> page", "text": XSS}) + "\n",
        encoding="utf-8",
    )
    db = str(tmp / "e2e.db")
    assert ingest([str(SAMPLES), str(hostile)], db).ok
    with serving(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server):  # the server must be up first
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_overview_to_the_evidence_in_the_article(server, page):
    page.goto(server + "/")
    assert page.locator(".headline strong").first.inner_text().isdigit()
    page.screenshot(path=SHOTS / "overview.png", full_page=True)
    link = page.locator(".facts .evidence-link").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state()
    anchor = href.split("#")[1]
    mark = page.locator(f"mark#{anchor}")
    assert mark.is_visible() and mark.inner_text().strip()
    assert page.evaluate(f"document.querySelector('mark#{anchor}').matches(':target')")
    page.screenshot(path=SHOTS / "article.png", full_page=True)


def test_flow_diagram_filters_by_period(server, page):
    page.goto(server + "/flows")
    page.wait_for_selector("#sankey svg path.link", state="attached")
    assert page.locator("#sankey path.link").count() >= 1
    page.screenshot(path=SHOTS / "flows.png", full_page=True)
    page.fill("input[name=since]", "2030-01-01")
    page.click("#flow-filter button")
    page.locator("#sankey svg").wait_for(state="detached")
    assert "since=2030-01-01" in page.url


def test_search_from_the_header(server, page):
    page.goto(server + "/")
    page.fill("header input[name=q]", "Scale")
    page.press("header input[name=q]", "Enter")
    page.wait_for_selector(".results a")
    assert "Scale" in page.locator(".results").first.inner_text()
    page.screenshot(path=SHOTS / "search.png", full_page=True)


def test_hostile_article_renders_inert(server, page):
    page.goto(server + "/search?q=leaked+memo")
    page.locator(".results a").first.click()
    page.wait_for_load_state()
    assert "<script>window.pwned = 1</script>" in page.locator(".text").inner_text()
    assert page.evaluate("window.pwned === undefined")
    assert page.locator(".text img, .text script").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]
    page.screenshot(path=SHOTS / "hostile.png", full_page=True)


def test_pages_in_french_and_on_a_phone(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    for path, name in (
        ("/disputes?lang=fr", "disputes-fr"),
        ("/stories?lang=fr", "stories-fr"),
        ("/org/Meta?lang=fr", "org-fr"),
        ("/story/1?lang=fr", "story-fr"),
    ):
        pg.goto(server + path)
        assert pg.locator("html").get_attribute("lang") == "fr"
        pg.screenshot(path=SHOTS / f"{name}.png", full_page=True)
    assert "Contestations" in pg.goto(server + "/disputes?lang=fr").text()
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 400  # no horizontal scrolling on a phone
    context.close()
