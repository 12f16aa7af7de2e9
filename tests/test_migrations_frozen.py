"""Migrations are self-contained: 0006 and 0007 fill their tables with frozen copies of the rules they
need, not the live consolidate code. Today the copies must still agree with the live rules."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import insert, select

from mercato.consolidate.disputes import party_keys
from mercato.consolidate.keys import block_of
from mercato.consolidate.merge import flow_row
from mercato.store import db, schema
from mercato.store.facts import fact_anchor

VERSIONS = Path(db.__file__).with_name("migrations") / "versions"

FACTS = [
    (
        "move",
        {"person": "Ilse Varga", "from_org": "Meta Platforms Inc.", "to_org": "Zorblax Robotics", "status": "done"},
    ),
    ("move", {"count": "7", "from_org": "Google DeepMind", "to_org": "Anthropic"}),
    ("move", {"person": "Ilse Varga", "from_org": "OpenAI", "to_org": "Open AI"}),  # one org: no flow
    ("denial", {"speaker": "Orla Quenby", "claim_by": "Zorblax Robotics"}),
    ("denial", {"speaker": "Thrive Capital"}),
    ("offer", {"by_org": "Meta", "target_person": "Jean-Luc De Niro", "attributed_to": "The Verge"}),
]


def test_migrations_import_no_stage_above_the_store() -> None:
    for path in sorted(VERSIONS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        for name in imported:
            if name.startswith("mercato"):
                assert name.startswith(("mercato.store", "mercato.link")), (path.name, name)


def test_frozen_copies_fill_what_the_live_rules_would(tmp_path: Path) -> None:
    engine = db.connect(tmp_path / "m.db", migrate=False)
    cfg = Config()
    cfg.set_main_option("script_location", str(VERSIONS.parent))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
        for i, (kind, attrs) in enumerate(FACTS, 1):
            conn.execute(
                insert(schema.canonical_facts).values(
                    id=i, type=kind, block="old", attrs=attrs, values={}, first_date="2025-03-01", names=""
                )
            )
    db.upgrade(engine)
    with engine.connect() as conn:
        keys = {(r.canonical_id, r.key) for r in conn.execute(select(schema.canonical_keys))}
        flows = [dict(r._mapping) for r in conn.execute(select(schema.move_flows).order_by("canonical_id"))]
        blocks = dict(conn.execute(select(schema.canonical_facts.c.id, schema.canonical_facts.c.block)).all())
    want_keys = {(i, k) for i, (kind, attrs) in enumerate(FACTS, 1) for k in party_keys(kind, attrs)}
    assert keys == want_keys and len(keys) > 10
    want_flows = [
        r for i, (kind, a) in enumerate(FACTS, 1) if kind == "move" and (r := flow_row(i, a, "2025-03-01", None))
    ]
    assert flows == want_flows and [f["people"] for f in flows] == [1, 7]
    assert [f["status"] for f in flows] == ["done", None]  # revision 0013, from the moves merged before it
    assert blocks[4] == block_of("denial", FACTS[3][1]) == "quenby"
    assert blocks[5] == block_of("denial", FACTS[4][1]) != "old"
    assert blocks[1] == "old"  # only denials got a new block


def test_the_frozen_anchor_of_0011_is_the_live_one() -> None:
    spec = importlib.util.spec_from_file_location("rev_0011", VERSIONS / "0011_entities_anchors.py")
    assert spec is not None and spec.loader is not None
    revision = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(revision)
    for content_hash, key in [("ab12", "move|vale|quillon"), ("", "offer|nora vale|"), ("9f" * 32, "é|ü")]:
        assert revision._anchor(content_hash, key) == fact_anchor(content_hash, key)


def test_a_store_of_revision_0012_gets_its_moves_statuses(tmp_path: Path) -> None:
    """Revision 0013 adds ``move_flows.status`` to an older store and fills it from the moves merged."""
    from sqlalchemy import inspect

    from mercato.consolidate.flows import flow_facets, flows

    engine = db.connect(tmp_path / "old.db", migrate=False)
    cfg = Config()
    cfg.set_main_option("script_location", str(VERSIONS.parent))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0012")
        conn.exec_driver_sql("ALTER TABLE move_flows DROP COLUMN status")  # 0001 creates today's tables
        for i, (kind, attrs) in enumerate(FACTS, 1):
            conn.execute(
                insert(schema.canonical_facts).values(
                    id=i, type=kind, block="b", attrs=attrs, values={}, first_date="2025-03-01", names=""
                )
            )
            row = flow_row(i, attrs, "2025-03-01", "2025-03-01") if kind == "move" else None
            if row:
                conn.execute(insert(schema.move_flows).values({k: v for k, v in row.items() if k != "status"}))
    db.upgrade(engine)
    assert "status" in {c["name"] for c in inspect(engine).get_columns("move_flows")}
    with engine.connect() as conn:
        statuses = dict(conn.execute(select(schema.move_flows.c.canonical_id, schema.move_flows.c.status)).all())
        assert statuses == {1: "done", 2: None}
        assert [link["fact_ids"] for link in flows(conn, status="done")["links"]] == [[1]]
        assert flow_facets(conn)["status"] == [{"value": "done", "label": "done", "n": 1}]
