"""The market map: one canonical fact per thing stated, every source kept, disputes surfaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from market_helpers import add_doc, fact, remove_doc, replace_doc
from mercato.consolidate import queries
from mercato.store.db import connect
from mercato.store.schema import canonical_facts, disputes, fact_links


@pytest.fixture()
def engine(tmp_path: Path):
    return connect(tmp_path / "map.db")


def offer(amount: float | None, *, site: str, attributed: str | None = "Sam Altman", outcome: str = "unknown"):
    return fact(
        "offer",
        f"Meta offered up to {amount} to OpenAI staff, {site} says.",
        by_org="Meta",
        target_org="OpenAI",
        target_person=None,
        amount_usd=amount,
        component="signing_bonus",
        outcome=outcome,
        attributed_to=attributed,
    )


def test_same_investment_from_three_sites_is_one_fact_with_three_sources(engine):
    for site, amount, target in (
        ("a.com", 14.3e9, "Scale AI"),
        ("b.fr", 14e9, "Scale"),
        ("c.com", 14.3e9, "Scale AI"),
    ):
        add_doc(
            engine,
            f"Meta invests in {target} ({site}).",
            [
                fact(
                    "investment",
                    investor="Meta Platforms",
                    target=target,
                    amount_usd=amount,
                    kind="investment",
                    status="done",
                )
            ],
            site=site,
        )
    items, total = queries.list_facts(engine.connect(), type="investment")
    assert total == 1
    (inv,) = items
    assert inv["target"] == "Scale AI" and inv["amount_usd"] == 14.3e9
    assert inv["n_sources"] == 3 and inv["n_sites"] == 3
    assert {s["site"] for s in inv["sources"]} == {"a.com", "b.fr", "c.com"}
    amounts = {g["value"]: g["sites"] for g in inv["values"]["amount_usd"]}
    assert amounts[14.3e9] == ["a.com", "c.com"] and amounts[14e9] == ["b.fr"]
    assert not inv["disputed"]  # 14 vs 14.3 billion is within tolerance


def test_offer_claim_and_its_denials_form_one_dispute(engine):
    add_doc(engine, "Altman says Meta offered $100M.", [offer(100e6, site="a.com")], site="a.com")
    add_doc(
        engine,
        "Meta denies.",
        [
            offer(100e6, site="b.com"),
            fact("denial", speaker="Meta", claim_by="Sam Altman", topic="$100M signing bonuses"),
        ],
        site="b.com",
    )
    add_doc(
        engine,
        "Meta's CTO denies.",
        [
            fact("denial", speaker="Meta", claim_by="Sam Altman", topic="signing bonuses of $100 million"),
        ],
        site="c.com",
    )
    conn = engine.connect()
    rows, total = queries.list_disputes(conn, kind="denial")
    assert total == 1
    d = rows[0]
    assert d["claim"]["type"] == "offer" and d["claim"]["by_org"] == "Meta"
    assert d["counter"]["type"] == "denial" and d["counter"]["n_sources"] == 2
    assert d["claim"]["disputed"] and d["counter"]["disputed"]


def test_figures_that_disagree_are_a_dispute_with_both_sides(engine):
    add_doc(engine, "Meta offered $100M.", [offer(100e6, site="a.com")], site="a.com")
    add_doc(engine, "Meta offered $1B.", [offer(1e9, site="b.com")], site="b.com")
    rows, _ = queries.list_disputes(engine.connect(), kind="figures")
    assert len(rows) == 1
    values = sorted(side["value"] for side in rows[0]["sides"])
    assert values == [100e6, 1e9]


def test_no_two_canonical_facts_share_a_key(engine):
    people = ["Lucas Beyer", "Beyer", "Alexander Kolesnikov", "Xiaohua Zhai"]
    for i, person in enumerate(people):
        add_doc(
            engine,
            f"{person} joins Meta {i}.",
            [fact("move", person=person, from_org="OpenAI", to_org="Meta", status="done")],
            site=f"s{i}.com",
        )
    items, total = queries.list_facts(engine.connect(), type="move")
    assert total == 3
    assert sorted(f["person"] for f in items) == ["Alexander Kolesnikov", "Lucas Beyer", "Xiaohua Zhai"]


def _dump(engine):
    with engine.connect() as conn:
        facts = sorted(
            (r.type, r.block, repr(sorted(r.attrs.items())), r.n_sources, r.n_sites, r.disputed)
            for r in conn.execute(select(canonical_facts))
        )
        n_links = len(conn.execute(select(fact_links)).all())
        n_disputes = sorted((r.kind, r.summary) for r in conn.execute(select(disputes)))
    return facts, n_links, n_disputes


def test_reingest_and_delete_leave_the_map_as_a_fresh_build(tmp_path):
    first = connect(tmp_path / "incremental.db")
    a = add_doc(first, "Old text.", [offer(1e9, site="a.com")], site="a.com")
    add_doc(
        first,
        "Other.",
        [offer(100e6, site="b.com"), fact("denial", speaker="Meta", claim_by="Sam Altman", topic="bonus")],
        site="b.com",
    )
    gone = add_doc(first, "To delete.", [fact("unit", org="Meta", name="Superintelligence Labs", leader=None)])
    replace_doc(first, a, [offer(100e6, site="a.com")])
    remove_doc(first, gone)

    fresh = connect(tmp_path / "fresh.db")
    add_doc(fresh, "New text.", [offer(100e6, site="a.com")], site="a.com")
    add_doc(
        fresh,
        "Other.",
        [offer(100e6, site="b.com"), fact("denial", speaker="Meta", claim_by="Sam Altman", topic="bonus")],
        site="b.com",
    )
    assert _dump(first) == _dump(fresh)


def test_partial_and_contradictory_facts_never_crash(engine):
    add_doc(
        engine,
        "Nothing known.",
        [
            fact("move"),
            fact("offer"),
            fact("investment"),
            fact("unit"),
            fact("denial"),
            fact("offer", by_org="Meta", outcome="accepted", amount_usd="lots"),
            fact("offer", by_org="Meta", outcome="declined", amount_usd=None),
        ],
    )
    items, total = queries.list_facts(engine.connect())
    assert total >= 5
    assert queries.overview_stats(engine.connect())["facts"] == total


def test_flows_count_people_between_organizations(engine):
    add_doc(
        engine,
        "Moves.",
        [
            fact("move", person="Ada Lovelace", from_org="OpenAI", to_org="Meta", status="done"),
            fact("move", person=None, count=10, from_org="OpenAI", to_org="Meta", status="done"),
            fact("move", person="Alan Turing", from_org="Meta", to_org="OpenAI", status="done"),
        ],
    )
    result = queries.flows(engine.connect())
    link = next(x for x in result["links"] if x["source"] == "OpenAI")
    assert link["people"] == 11 and link["named"] == ["Ada Lovelace"]
    net = {x["org"]: x["net"] for x in result["net"]}
    assert net == {"Meta": 10, "OpenAI": -10}


def test_filters_match_names_without_accents_or_case(engine):
    add_doc(
        engine,
        "Move.",
        [fact("move", person="Timothée Lacroix", from_org="Meta", to_org="Mistral AI", status="done")],
        date="2023-05-01",
    )
    conn = engine.connect()
    assert queries.list_facts(conn, person="timothee lacroix")[1] == 1
    assert queries.list_facts(conn, org="mistral ai")[1] == 1
    assert queries.list_facts(conn, org="MISTRAL")[1] == 1
    assert queries.list_facts(conn, since="2024-01-01")[1] == 0
    with pytest.raises(queries.QueryError):
        queries.list_facts(conn, since="yesterday")


def test_several_denials_of_one_claim_are_one_dispute(engine):
    add_doc(engine, "Altman says Meta offered $100M.", [offer(100e6, site="a.com")], site="a.com")
    add_doc(
        engine,
        "Denials.",
        [
            fact("denial", speaker="Meta", claim_by="Sam Altman", topic="$100M bonuses"),
            fact("denial", speaker="Andrew Bosworth", claim_by="Sam Altman", topic="Altman is being dishonest"),
            fact("denial", speaker="Lucas Beyer", claim_by="Sam Altman", topic="no $100M sign-on"),
        ],
        site="b.com",
    )
    rows, total = queries.list_disputes(engine.connect(), kind="denial")
    assert total == 1
    assert sorted(c["speaker"] for c in rows[0]["counters"]) == ["Andrew Bosworth", "Lucas Beyer", "Meta"]
