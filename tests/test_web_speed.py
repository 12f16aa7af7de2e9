"""What made the dashboard fast must not change what it says: cached totals follow the store, the
names index answers like the LIKE it replaced, very common searches stay correct, and
``mercato serve --workers N`` answers without a 40 ms floor."""

from __future__ import annotations

import hashlib
import json
import socket
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path

import httpx
import pytest
from sqlalchemy import insert, text

warnings.filterwarnings("ignore", category=DeprecationWarning)
from fastapi.testclient import TestClient  # noqa: E402

from mercato.consolidate import queries  # noqa: E402
from mercato.consolidate.dispute_list import list_disputes  # noqa: E402
from mercato.consolidate.keys import norm, org_key  # noqa: E402
from mercato.consolidate.merge import names_of  # noqa: E402
from mercato.serve.app import CSP, create_app  # noqa: E402
from mercato.store import search as search_mod  # noqa: E402
from mercato.store.db import connect  # noqa: E402
from mercato.store.schema import canonical_facts, disputes, documents, evidence, fact_links, facts  # noqa: E402

ORGS = ["Meta", "Meta Platforms", "OpenAI", "Google DeepMind", "Mistral AI", "xAI", "Société Générale Labs"]
N_FACTS = 240


def _build(path: Path) -> None:
    """A small synthetic store, written directly (no NLP): 48 documents, 240 facts, 40 disputes."""
    engine = connect(path)
    with engine.begin() as conn:
        conn.execute(
            insert(documents),
            [
                {
                    "id": d,
                    "source": f"doc{d}.txt",
                    "title": f"Article {d} — café",
                    "raw_text": f"Article {d} about Meta.",
                    "text": f"Article {d} about Meta and hiring number{d}.",
                    "site": f"site{d % 5}.example",
                    "date": f"2025-{1 + d % 12:02d}-{1 + d % 28:02d}",
                    "lang": "en",
                    "content_hash": hashlib.sha256(str(d).encode()).hexdigest(),
                    "chars": 40,
                    "ingested_at": "2025-01-01T00:00:00",
                }
                for d in range(1, 49)
            ],
        )
        rows_f, rows_e, rows_c, rows_l = [], [], [], []
        for i in range(1, N_FACTS + 1):
            doc = 1 + (i - 1) // 5
            a, b = ORGS[i % len(ORGS)], ORGS[(i * 3 + 1) % len(ORGS)]
            kind = ("move", "offer", "denial")[i % 3]
            attrs = {
                "move": {"person": f"Jean Dupont{i}", "from_org": a, "to_org": b, "status": "done"},
                "offer": {"by_org": a, "target_org": b, "amount_usd": float(i * 1e6)},
                "denial": {"speaker": a, "topic": "the offer"},
            }[kind]
            date = f"2025-{1 + doc % 12:02d}-{1 + doc % 28:02d}"
            rows_f.append({"id": i, "doc_id": doc, "type": kind, "attrs": attrs, "key": f"[{i}]", "confidence": 1.0})
            rows_e.append(
                {
                    "id": i,
                    "fact_id": i,
                    "doc_id": doc,
                    "sentence": f"About Meta {i}.",
                    "start": 0,
                    "end": 5,
                    "confidence": 1.0,
                }
            )
            rows_c.append(
                {
                    "id": i,
                    "type": kind,
                    "block": str(i),
                    "attrs": attrs,
                    "values": {},
                    "first_date": date,
                    "last_date": date,
                    "n_sources": 1 + i % 3,
                    "n_sites": 1,
                    "disputed": 0,
                    "names": names_of(kind, attrs),
                }
            )
            rows_l.append({"fact_id": i, "canonical_id": i, "doc_id": doc})
        offers = [r["id"] for r in rows_c if r["type"] == "offer"]
        denials = [r["id"] for r in rows_c if r["type"] == "denial"]
        rows_d = [
            {
                "kind": "denial",
                "claim_id": offers[k // 2],
                "counter_id": denials[k],
                "summary": f"dispute {k}",
                "sides": [{"label": "claim", "value": k}, {"label": "denial", "value": k}],
            }
            for k in range(40)
        ]
        for table, rows in (
            (facts, rows_f),
            (evidence, rows_e),
            (canonical_facts, rows_c),
            (fact_links, rows_l),
            (disputes, rows_d),
        ):
            conn.execute(insert(table), rows)
    engine.dispose()


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = tmp_path / "speed.db"
    _build(path)
    return str(path)


def _like_ids(path: str, org: str) -> list[int]:
    """The facts the organization filter found before the names index, newest first."""
    key = org_key(org) or norm(org)
    with sqlite3.connect(path) as raw:
        return [
            r[0]
            for r in raw.execute(
                "SELECT id FROM canonical_facts WHERE names LIKE ? ORDER BY last_date DESC, n_sources DESC, id DESC",
                (f"%|{key}%",),
            )
        ]


@pytest.mark.parametrize(
    "org", ["Meta", "meta platforms", "MISTRAL", "Google Deep", "xai", "societe generale", "Société", "o", "nobody"]
)
def test_the_names_index_answers_like_the_like_it_replaced(db: str, org: str):
    engine = connect(db)
    with engine.connect() as c:
        expected = _like_ids(db, org)
        for limit, offset in ((10, 0), (500, 0), (7, 5)):  # sparse and dense plans both
            items, total = queries.list_facts(c, org=org, limit=limit, offset=offset)
            assert total == len(expected)
            assert [f["id"] for f in items] == expected[offset : offset + limit]
        moves = [i for i in expected if queries.get_fact(c, i)["type"] == "move"]
        assert [f["id"] for f in queries.list_facts(c, org=org, type="move", limit=500)[0]] == moves


def test_the_names_index_follows_inserts_updates_and_deletes(db: str):
    engine = connect(db)
    with engine.begin() as c:
        c.execute(text("UPDATE canonical_facts SET names = '|zeta labs|' WHERE id = 3"))
        c.execute(text("UPDATE canonical_facts SET n_sources = 9 WHERE id = 4"))  # names untouched
        c.execute(text("DELETE FROM canonical_facts WHERE id IN (1, 2)"))
        c.execute(
            insert(canonical_facts),
            [
                {
                    "id": 999,
                    "type": "unit",
                    "block": "x",
                    "attrs": {"org": "Zeta Labs"},
                    "values": {},
                    "names": "|zeta labs|",
                }
            ],
        )
    with engine.connect() as c:
        for org in ("Zeta", "Meta", "OpenAI"):
            expected = _like_ids(db, org)
            assert [f["id"] for f in queries.list_facts(c, org=org, limit=500)[0]] == expected
        assert {f["id"] for f in queries.list_facts(c, org="zeta", limit=10)[0]} == {3, 999}
        c.execute(text("INSERT INTO canonical_names_fts(canonical_names_fts) VALUES ('integrity-check')"))


def test_cached_totals_and_overview_follow_every_commit(db: str):
    client = TestClient(create_app(db))
    total = client.get("/api/facts", params={"limit": 1}).json()["total"]
    overview = client.get("/api/overview").json()
    assert total == N_FACTS and overview["facts"] == N_FACTS
    assert client.get("/api/facts", params={"type": "move"}).json()["total"] == N_FACTS // 3
    with sqlite3.connect(db) as other:  # another connection, as another process would write
        other.execute("DELETE FROM canonical_facts WHERE id IN (3, 6)")  # two moves
    assert client.get("/api/facts", params={"limit": 1}).json()["total"] == N_FACTS - 2
    assert client.get("/api/facts", params={"type": "move"}).json()["total"] == N_FACTS // 3 - 2
    assert client.get("/api/overview").json()["by_type"]["move"] == N_FACTS // 3 - 2
    with client.app.state.engine.begin() as c:  # a connection of the server's own pool
        c.execute(text("DELETE FROM canonical_facts WHERE id = 9"))
    assert client.get("/api/facts", params={"limit": 1}).json()["total"] == N_FACTS - 3


def test_a_url_is_answered_once_per_version_of_the_store(db: str, monkeypatch: pytest.MonkeyPatch):
    calls: list[dict] = []
    real = queries.list_facts
    monkeypatch.setattr(queries, "list_facts", lambda *a, **k: calls.append(k) or real(*a, **k))
    client = TestClient(create_app(db))
    first = client.get("/api/facts", params={"limit": 2})
    again = client.get("/api/facts", params={"limit": 2})
    assert again.content == first.content and len(calls) == 1
    assert again.headers["content-security-policy"] == CSP and again.headers["content-type"] == "application/json"
    client.get("/api/facts", params={"limit": 3})  # another URL, another answer
    assert client.get("/facts").text == client.get("/facts").text and len(calls) == 3
    for _ in range(2):  # errors are built every time
        assert client.get("/api/facts", params={"org": "!!"}).status_code == 400  # from the library
    assert len(calls) == 5
    with sqlite3.connect(db) as other:  # a commit anywhere: every URL is answered anew
        other.execute("DELETE FROM canonical_facts WHERE id = ?", (first.json()["items"][0]["id"],))
    fresh = client.get("/api/facts", params={"limit": 2})
    assert len(calls) == 6 and fresh.json()["total"] == N_FACTS - 1
    assert fresh.json()["items"][0] == first.json()["items"][1]


def test_uncommitted_writes_are_counted_by_their_own_connection_only(db: str):
    engine = connect(db)
    with engine.connect() as reader, engine.connect() as writer:
        assert queries.list_facts(reader)[1] == N_FACTS
        writer.execute(text("DELETE FROM canonical_facts WHERE id = 1"))  # not committed
        assert queries.list_facts(writer)[1] == N_FACTS - 1
        assert queries.list_facts(reader)[1] == N_FACTS
        writer.rollback()
        assert queries.list_facts(writer)[1] == N_FACTS


def test_a_word_in_every_document_lists_the_newest_matches(db: str, monkeypatch: pytest.MonkeyPatch):
    engine = connect(db)
    with engine.connect() as c:
        ranked = search_mod.search(c, "number1", limit=5)  # number1, number10..19: rare, ranked by bm25
        assert ranked["documents"] and all("[" in d["snippet"] for d in ranked["documents"])
        monkeypatch.setattr(search_mod, "RANK_LIMIT", 10)
        common = search_mod.search(c, "Meta", limit=5)
        assert [d["id"] for d in common["documents"]] == [48, 47, 46, 45, 44]
        assert all("[Meta]" in d["snippet"] for d in common["documents"])
        assert [e["id"] for e in common["evidence"]] == [240, 239, 238, 237, 236]
        assert len(search_mod.search(c, "Meta", limit=100)["documents"]) == 48  # more than RANK_LIMIT + 1
        assert search_mod.search(c, "Meta", limit=0) == {"documents": [], "evidence": []}


def test_json_is_encoded_as_fastapi_would(db: str):
    client = TestClient(create_app(db))
    resp = client.get("/api/documents", params={"limit": 3})
    assert resp.headers["content-type"] == "application/json"
    assert "Article 1 — café".encode() in resp.content  # UTF-8, not \\u escapes
    body = resp.json()
    assert set(body) == {"items", "total", "limit", "offset"} and body["total"] == 48
    assert resp.content == json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    assert client.get("/api/facts/1").json()["id"] == 1
    assert "/api/facts" in client.get("/openapi.json").json()["paths"]


def test_the_disputes_page_is_paginated(db: str):
    client = TestClient(create_app(db))
    api = client.get("/api/disputes", params={"limit": 5, "offset": 18}).json()
    assert api["total"] == 20 and len(api["items"]) == 2  # 40 denials of 20 claims: one dispute per claim
    assert all(len(d["counters"]) == 2 and len(d["sides"]) == 3 for d in api["items"])
    assert client.get("/disputes").text.count('class="dispute"') == 20
    with sqlite3.connect(db) as other:  # 20 more claims, one denial each: 40 disputes, two pages
        other.executemany(
            "INSERT INTO disputes (kind, claim_id, counter_id, summary, sides) VALUES ('denial', ?, ?, 'more', '[]')",
            [(i, i + 2) for i in range(121, 241, 6)],
        )
    first = client.get("/disputes").text
    assert first.count('class="dispute"') == 25 and "offset=25" in first
    assert client.get("/disputes", params={"offset": 25}).text.count('class="dispute"') == 15
    assert client.get("/disputes", params={"offset": -1}).status_code == 400


def test_disputes_group_by_claim_page_in_order_and_filter_by_organization(db: str):
    """SQLite groups and pages the disputes now: the same groups, in the same order, as reading them all."""
    with sqlite3.connect(db) as other:  # after the 40 denials: a figures dispute, then a late denial of claim 1
        other.execute(
            "INSERT INTO disputes (kind, claim_id, counter_id, summary, sides) VALUES "
            '(\'figures\', 4, NULL, \'figures\', \'[{"label": "a"}, {"label": "b"}]\')'
        )
        other.execute(
            "INSERT INTO disputes (kind, claim_id, counter_id, summary, sides) VALUES "
            '(\'denial\', 1, 239, \'late\', \'[{"label": "claim"}, {"label": "late"}]\')'
        )
        every = other.execute("SELECT id, kind, claim_id, counter_id FROM disputes ORDER BY id").fetchall()
        attrs = {i: json.loads(a) for i, a in other.execute("SELECT id, attrs FROM canonical_facts")}
    with connect(db).connect() as conn:
        rows, total = list_disputes(conn, limit=2)
        assert total == 21 and [r["id"] for r in rows] == [1, 3]
        assert rows[0]["summary"] == "dispute 0; dispute 1; late" and len(rows[0]["sides"]) == 4
        assert [c["id"] for c in rows[0]["counters"]] == [2, 5, 239] and rows[0]["counter"]["id"] == 2
        assert rows[0]["sides"][3]["doc_ids"] == [48]  # each denial's side, with its fact's documents
        last, _ = list_disputes(conn, offset=20)
        assert [(r["kind"], r["claim"]["id"], r["counter"], len(r["sides"])) for r in last] == [("figures", 4, None, 2)]

        def names_xai(fact_id: int | None) -> bool:
            return fact_id is not None and "xAI" in attrs[fact_id].values()

        expected: dict[int, list[int]] = {}  # claim -> the counters naming xAI, first dispute first
        for _, kind, claim, counter in every:
            if kind == "denial" and (names_xai(claim) or names_xai(counter)):
                expected.setdefault(claim, []).append(counter)
        rows, total = list_disputes(conn, org="xai", kind="denial", limit=100)
        assert 0 < total == len(expected) < 20
        assert [(r["claim"]["id"], [c["id"] for c in r["counters"]]) for r in rows] == list(expected.items())


def test_listening_socket_is_tcp_so_connections_get_nodelay():
    from mercato.cli.serve import listening_socket

    sock = listening_socket("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP and sock.type == socket.SOCK_STREAM
    finally:
        sock.close()


@pytest.mark.slow
def test_serve_with_two_workers_answers_without_a_delayed_ack_floor(db: str):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    mercato = Path(sys.executable).with_name("mercato")
    server = subprocess.Popen([str(mercato), "serve", "--db", db, "--port", str(port), "--workers", "2"])
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
            for _ in range(200):
                try:
                    client.get("/api/documents", params={"limit": 1})
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            times = []
            for _ in range(15):
                start = time.perf_counter()
                assert client.get("/api/search", params={"q": "Meta"}).status_code == 200
                times.append(time.perf_counter() - start)
            assert client.get("/api/facts", params={"limit": 1}).json()["total"] == N_FACTS
        assert min(times) < 0.03  # Nagle's algorithm with the client's delayed ACK: 40 ms every time
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_names_are_linked_as_one_regular_expression_of_them_would_link_them():
    """``link_names`` finds names with ``str.find`` (a compiled expression per fact cost more than the page):
    the leftmost occurrence first, the longest name there, nothing inside a name already linked."""
    import random
    import re

    from markupsafe import escape

    from mercato.serve.linking import link_names

    def by_regex(text: str, targets: dict[str, tuple[str, str]]) -> str:
        pattern = re.compile("|".join(re.escape(n) for n in sorted(targets, key=len, reverse=True)))
        out, pos = [], 0
        for m in pattern.finditer(text):
            kind, key = targets[m.group()]
            out += [str(escape(text[pos : m.start()])), f'<a class="entity entity-{kind}" href="/{key}">']
            out += [str(escape(m.group())), "</a>"]
            pos = m.end()
        return "".join([*out, str(escape(text[pos:]))])

    rng = random.Random(5)
    words = ["Nora", "Vale", "Quillon", "AI", "Quillon AI Labs", "Vale & Co", "a", "<b>", " "]
    for _ in range(500):
        text = "".join(rng.choice(words) + rng.choice(["", " ", ", "]) for _ in range(rng.randint(0, 12)))
        names = rng.sample(["Nora Vale", "Quillon AI", "Quillon AI Labs", "Vale", "AI", "Vale & Co", "a a"], 3)
        targets = {n: (rng.choice(["org", "person"]), f"k{i}") for i, n in enumerate(names)}
        assert str(link_names(text, targets, lambda path: "/" + path.rsplit("/", 1)[1])) == by_regex(text, targets)
