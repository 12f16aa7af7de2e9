"""One registry of fact types (model.FACT_TYPE_SPECS): a type registered in one place is merged,
stored, served by the API, shown on the pages and exported, with no other change."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from market_helpers import add_doc, fact
from mercato.consolidate import export, queries
from mercato.consolidate.keys import block_of, same_fact
from mercato.model import BlockPart, FactTypeSpec, Match, register_fact_type, unregister_fact_type
from mercato.store import db

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from mercato.serve.app import create_app  # noqa: E402

PATENT = FactTypeSpec(
    name="patent",
    fields=("org", "title", "filed"),
    key=("org", "title"),
    block=(BlockPart((("org", "org", ""),)),),
    match=(Match((("org", "org"),)), Match((("title", "words"),))),
    edge=(("org",), "title"),
    weight=9,
    labels={"en": "patent", "fr": "brevet"},
    colour="#0a7c86",
)


@pytest.fixture
def patent() -> Iterator[FactTypeSpec]:
    register_fact_type(PATENT)  # the one place a new type is declared
    yield PATENT
    unregister_fact_type("patent")


def test_a_registered_type_is_merged_stored_served_shown_and_exported(patent: FactTypeSpec, tmp_path: Path) -> None:
    engine = db.connect(tmp_path / "m.db")
    one = "Quillon Robotics filed a patent on gripping arms. It is the first."
    two = "Quillon Robotics Inc. patented soft gripping arms for warehouses."
    add_doc(engine, one, [fact("patent", one.split(". ")[0], org="Quillon Robotics", title="gripping arms")])
    add_doc(engine, two, [fact("patent", two, org="Quillon Robotics Inc.", title="soft gripping arms")], site="b.org")
    add_doc(engine, "Zentra Labs filed one.", [fact("patent", "Zentra Labs filed one.", org="Zentra Labs", title="x")])

    with engine.connect() as conn:  # the two reports of one patent are one canonical fact
        items, total = queries.list_facts(conn, type="patent")
    assert total == 2
    merged = next(f for f in items if f["org"].startswith("Quillon"))
    assert merged["n_sources"] == 2 and merged["title"] in ("gripping arms", "soft gripping arms")

    client = TestClient(create_app(engine=engine))
    api = client.get("/api/facts", params={"type": "patent"}).json()
    assert {f["type"] for f in api["items"]} == {"patent"} and api["total"] == 2
    assert client.get("/api/facts", params={"type": "rumour"}).status_code == 400
    page = client.get("/facts", params={"type": "patent", "lang": "fr"}).text
    assert '<option value="patent" selected>' in page
    assert "brevet" in page and "fact-patent" in page and "Quillon Robotics" in page
    css = client.get("/types.css")
    assert css.headers["content-type"].startswith("text/css")
    assert ".fact-patent { --type: #0a7c86; border-left-color: #0a7c86; }" in css.text
    assert ".fact-move {" in css.text  # the shipped types come from the same registry
    feed = client.get("/feed/type/patent")
    assert feed.status_code == 200 and "Quillon Robotics" in feed.text
    assert client.get("/feed/type/rumour").status_code == 404

    out = tmp_path / "map.graphml"
    export.to_graphml(items, out)
    assert "gripping arms" in out.read_text(encoding="utf-8")  # the edge org -> title
    assert {"org", "title", "filed"} <= set(export.columns())


def test_the_shipped_types_merge_by_their_registered_rules() -> None:
    """The registry's block and match give what the merge rule always said, on examples of our own."""
    move = {"person": "Ilse Varga", "from_org": "Zorblax", "to_org": "Meta Platforms Inc."}
    assert block_of("move", move) == "varga:meta"
    assert block_of("move", {"count": 4, "from_org": "Zorblax"}) == "group:from zorblax"
    assert same_fact("move", move, {"person": "I. Varga", "to_org": "Meta"})
    assert not same_fact("move", move, {"to_org": "Meta"})  # a named person is not an unnamed group
    assert block_of("offer", {"by_org": "Meta", "target_org": "Zorblax"}) == "meta:org zorblax"
    deal = {"investor": "Zentra Capital", "target": "Quillon", "amount_usd": 1e8}
    assert same_fact("investment", deal, {"investor": "Zentra Capital", "target": "Quillon", "amount_usd": 1.2e8})
    assert not same_fact("investment", deal, {"investor": "Zentra Capital", "target": "Quillon", "amount_usd": 9e8})
    assert not same_fact("unit", {"org": "Meta", "name": "Robotics Lab"}, {"org": "Meta", "name": "Fusion Team"})
    assert same_fact("denial", {"speaker": "Orla Quenby"}, {"speaker": "Orla Quenby"})
    assert not same_fact("denial", {"speaker": "Quenby"}, {"speaker": "Orla Quenby"})
    assert not same_fact("rumour", {}, {}) and block_of("rumour", {}) == ""
