"""The market map: one canonical fact per thing stated, every source kept, disputes surfaced."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from market_helpers import add_doc, fact, remove_doc, replace_doc
from mercato.consolidate import flows, merge, queries
from mercato.consolidate.dispute_list import list_disputes
from mercato.consolidate.overview import overview_stats
from mercato.model import QueryError
from mercato.store.db import connect
from mercato.store.schema import canonical_facts, canonical_keys, disputes, fact_links, move_flows


@pytest.fixture()
def engine(store_url: str):
    """A fresh store on SQLite, then on PostgreSQL (tests/pg.py; skipped where there is none)."""
    return connect(store_url)


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
    rows, total = list_disputes(conn, kind="denial")
    assert total == 1
    d = rows[0]
    assert d["claim"]["type"] == "offer" and d["claim"]["by_org"] == "Meta"
    assert d["counter"]["type"] == "denial" and d["counter"]["n_sources"] == 2
    assert d["claim"]["disputed"] and d["counter"]["disputed"]


def test_figures_that_disagree_are_a_dispute_with_both_sides(engine):
    add_doc(engine, "Meta offered $100M.", [offer(100e6, site="a.com")], site="a.com")
    add_doc(engine, "Meta offered $1B.", [offer(1e9, site="b.com")], site="b.com")
    rows, _ = list_disputes(engine.connect(), kind="figures")
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
        flows = sorted(tuple(r)[1:] for r in conn.execute(select(move_flows)))
    return facts, n_links, n_disputes, flows


def test_reingest_and_delete_leave_the_map_as_a_fresh_build(tmp_path):
    first = connect(tmp_path / "incremental.db")
    a = add_doc(first, "Old text.", [offer(1e9, site="a.com")], site="a.com")
    add_doc(
        first,
        "Other.",
        [offer(100e6, site="b.com"), fact("denial", speaker="Meta", claim_by="Sam Altman", topic="bonus")],
        site="b.com",
    )
    gone = add_doc(
        first,
        "To delete.",
        [
            fact("unit", org="Meta", name="Superintelligence Labs", leader=None),
            fact("move", person="Ada Brook", from_org="OpenAI", to_org="Meta", status="done"),
        ],
    )
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
    assert overview_stats(engine.connect())["facts"] == total


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
    result = flows.flows(engine.connect())
    link = next(x for x in result["links"] if x["source"] == "OpenAI")
    # The group of 10 and a named person who may be one of them: at least 10, not 11 (issue 14).
    assert link["people"] == 10 and link["at_least"] and link["named"] == ["Ada Lovelace"]
    net = {x["org"]: x["net"] for x in result["net"]}
    assert net == {"Meta": 9, "OpenAI": -9}
    assert result["total_links"] == 2


def test_flows_list_the_largest_links_and_every_net_flow(engine):
    """Thousands of one-move pairs are nobody's reading: the view keeps the largest, counts the rest,
    and the net flow of an organization still counts every move, shown or not."""
    moves = [fact("move", person=None, count=5, from_org="OpenAI", to_org="Meta", status="done")]
    moves += [
        fact("move", person=f"Ada Name{i}", from_org=f"Org{i} Labs", to_org="Meta", status="done") for i in range(6)
    ]
    moves.append(fact("move", person="Alan Turing", from_org="Meta", to_org="Org0 Labs", status="done"))
    add_doc(engine, "Moves.", moves)
    top = flows.flows(engine.connect(), limit=3)
    assert [(x["source"], x["target"], x["people"]) for x in top["links"]] == [
        ("OpenAI", "Meta", 5),
        ("Meta", "Org0 Labs", 1),
        ("Org0 Labs", "Meta", 1),
    ]
    assert top["links"][1]["named"] == ["Alan Turing"] and len(top["links"][1]["fact_ids"]) == 1
    assert top["total_links"] == 8
    every = flows.flows(engine.connect(), limit=None)
    assert len(every["links"]) == every["total_links"] == 8
    assert top["net"] == every["net"] and top["net"][0] == {"org": "Meta", "net": 10}
    assert {x["org"]: x["net"] for x in every["net"]}["Org0 Labs"] == 0
    with pytest.raises(QueryError):
        flows.flows(engine.connect(), limit=0)


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
    with pytest.raises(QueryError):
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
    rows, total = list_disputes(engine.connect(), kind="denial")
    assert total == 1
    assert sorted(c["speaker"] for c in rows[0]["counters"]) == ["Andrew Bosworth", "Lucas Beyer", "Meta"]


def _full_dump(engine):
    """Everything the merge writes, in a comparable form."""
    with engine.connect() as conn:
        canon = [tuple(r) for r in conn.execute(select(canonical_facts).order_by(canonical_facts.c.id))]
        found = sorted(
            (r.kind, r.claim_id, r.counter_id or 0, r.summary, repr(r.sides)) for r in conn.execute(select(disputes))
        )
        keys = sorted(tuple(r) for r in conn.execute(select(canonical_keys)))
        flows = sorted(tuple(r) for r in conn.execute(select(move_flows)))
    return canon, found, keys, flows


def test_folding_sources_one_by_one_equals_recomputing_from_all(engine):
    import random

    rng = random.Random(3)
    orgs, people = (
        ["Meta", "Meta Platforms", "OpenAI", "Zeta Labs", "Scale AI", "Scale"],
        ["Ada Brook", "Brook", "Tim Vale"],
    )
    for i in range(40):
        doc_facts = []
        for _ in range(rng.randint(1, 3)):
            kind = rng.choice(["move", "offer", "investment", "denial"])
            if kind == "move":
                attrs = {
                    "person": rng.choice(people),
                    "from_org": rng.choice(orgs),
                    "to_org": "Meta",
                    "status": rng.choice(["done", "reported"]),
                    "role": rng.choice([None, "researcher"]),
                }
            elif kind == "offer":
                attrs = {
                    "by_org": "Meta",
                    "target_person": rng.choice(people),
                    "amount_usd": rng.choice([1e8, 1.5e8, 1e9]),
                    "outcome": rng.choice(["unknown", "declined", "accepted"]),
                    "attributed_to": rng.choice([None, "Sam Altman"]),
                }
            elif kind == "investment":
                attrs = {
                    "investor": "Meta",
                    "target": rng.choice(["Scale AI", "Scale"]),
                    "amount_usd": rng.choice([14.3e9, 14e9, 1e9]),
                    "status": "done",
                }
            else:
                attrs = {
                    "speaker": rng.choice(["Meta", "Ada Brook"]),
                    "claim_by": rng.choice([None, "Sam Altman"]),
                    "topic": rng.choice(["the $100M offers", "the report"]),
                }
            doc_facts.append(fact(kind, **attrs))
        add_doc(
            engine, f"Article {i}.", doc_facts, site=f"s{i % 7}.com", date=f"2025-0{1 + rng.randint(0, 8)}-1{i % 10}"
        )
    folded = _full_dump(engine)
    assert folded[1] and folded[3], "the corpus has disputes and flows to compare"
    with engine.begin() as conn:
        ids = {r.id for r in conn.execute(select(canonical_facts.c.id))}
        for cid in sorted(ids):
            merge.recompute(conn, cid)
        merge.disputes.refresh(conn, ids, ids)
    assert _full_dump(engine) == folded


def test_organizations_with_a_common_last_word_are_not_one_party(engine):
    for investor in ("Thrive Capital", "Tiger Capital"):
        add_doc(engine, f"{investor} backs Zeta Labs.", [fact("investment", investor=investor, target="Zeta Labs")])
    for speaker in ("Orbit Labs", "Onyx Labs"):
        add_doc(engine, f"{speaker} denies.", [fact("denial", speaker=speaker, topic="the report")])
    conn = engine.connect()
    investors = sorted(f["investor"] for f in queries.list_facts(conn, type="investment")[0])
    assert investors == ["Thrive Capital", "Tiger Capital"]
    assert sorted(f["speaker"] for f in queries.list_facts(conn, type="denial")[0]) == ["Onyx Labs", "Orbit Labs"]


def test_facts_that_a_new_vote_makes_one_are_joined(engine):
    # "Beta Team" and "Alpha Lab" are two units of Meta; then sources name the first "Beta Alpha Team",
    # which wins its vote and now states the same unit as "Alpha Lab": the two become one.
    add_doc(engine, "Meta opens Beta Team.", [fact("unit", org="Meta", name="Beta Team")], site="a.com")
    add_doc(engine, "Meta opens Alpha Lab.", [fact("unit", org="Meta", name="Alpha Lab")], site="b.com")
    conn = engine.connect()
    assert queries.list_facts(conn, type="unit")[1] == 2
    conn.close()
    add_doc(engine, "Meta's Beta Alpha Team.", [fact("unit", org="Meta", name="Beta Alpha Team")], site="c.com")
    items, total = queries.list_facts(engine.connect(), type="unit")
    assert total == 1 and items[0]["n_sources"] == 3 and items[0]["name"] == "Beta Alpha Team"
