"""The market map is a function of the set of documents, not of the order they are merged in.

Property test: documents stating overlapping facts (names spelt several ways, people with the same
last name, organizations one of whose names is a prefix of another's, amounts that tie) are merged
one by one in one order and in batches in a shuffled order; the two maps must be equal, ids aside
(``stores.map_snapshot``). On SQLite and on the suite's PostgreSQL (``tests/pg.py``), where rows
come back in no promised order unless a query asks for one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert

from market_helpers import fact
from mercato import consolidate
from mercato.model import Extraction, Fact
from mercato.store.db import connect
from mercato.store.facts import save_extraction
from mercato.store.schema import documents
from stores import BACKENDS, map_snapshot

PEOPLE = ["Alice Marchetti", "Marchetti", "Bruno Marchetti", "alice marchetti", "Chloe Varga"]
ORGS = ["Meta", "Meta AI", "META", "Meta Superintelligence Labs", "OpenAI", "Open AI"]
TARGETS = ["Scale AI", "Scale", "Scale Labs", "Nexa Robotics"]
AMOUNTS = [None, 14_000_000_000, 14_300_000_000.0, 15_000_000_000, 100_000_000]
SITES = ["wire.example.com", "daily.example.org", "ledger.example.io"]
DATES = ["2025-06-10", "2025-06-11", "2025-06-12"]

_opt = st.one_of(st.none(), st.sampled_from(ORGS))
MOVES = st.builds(
    lambda person, to_org, from_org, status, role: fact(
        "move", person=person, to_org=to_org, from_org=from_org, status=status, role=role
    ),
    st.sampled_from(PEOPLE),
    st.sampled_from(ORGS),
    _opt,
    st.sampled_from(["done", "reported"]),
    st.sampled_from([None, "head of research", "Head of Research", "chief scientist"]),
)
INVESTMENTS = st.builds(
    lambda investor, target, amount, status: fact(
        "investment", investor=investor, target=target, amount_usd=amount, status=status, kind="investment"
    ),
    st.sampled_from(ORGS),
    st.sampled_from(TARGETS),
    st.sampled_from(AMOUNTS),
    st.sampled_from(["done", "announced"]),
)
OFFERS = st.builds(
    lambda by_org, person, amount, outcome: fact(
        "offer", by_org=by_org, target_person=person, amount_usd=amount, outcome=outcome
    ),
    st.sampled_from(ORGS),
    st.sampled_from(PEOPLE),
    st.sampled_from(AMOUNTS),
    st.sampled_from([None, "accepted", "declined"]),
)
DENIALS = st.builds(
    lambda speaker, claim_by, topic: fact("denial", speaker=speaker, claim_by=claim_by, topic=topic),
    st.sampled_from(ORGS),
    _opt,
    st.sampled_from(["the offer", "the $100 million offer"]),
)
FACTS = st.one_of(MOVES, INVESTMENTS, OFFERS, DENIALS)
DOCS = st.lists(
    st.tuples(st.sampled_from(SITES), st.sampled_from(DATES), st.lists(FACTS, min_size=1, max_size=3)),
    min_size=2,
    max_size=9,
)


class Stores:
    """New stores, each a copy of one migrated once for the module: a file copy on SQLite, a database
    created from a template on PostgreSQL."""

    def __init__(self, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.server = request.getfixturevalue("pg_server") if request.param == "postgresql" else None
        if self.server is None:
            self.template = str(tmp_path_factory.mktemp("order") / "template.db")
            connect(self.template).dispose()
        else:
            url = self.server.create_database()
            connect(url).dispose()  # migrated, and no connection left open, as a template must be
            self.template = url.rsplit("/", 1)[1]

    def new(self) -> str:
        if self.server is not None:
            return self.server.create_database(template=self.template)
        target = Path(self.template).with_name(f"store-{uuid.uuid4().hex[:8]}.db")
        shutil.copyfile(self.template, target)
        return f"sqlite:///{target}"

    def drop(self, url: str) -> None:
        if self.server is not None:
            self.server.drop_database(url)
        else:
            Path(url.removeprefix("sqlite:///")).unlink()


@pytest.fixture(scope="module", params=BACKENDS)
def stores(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Stores:
    return Stores(request, tmp_path_factory)


def _merge(url: str, docs: list[tuple[int, tuple[str, str, list[Fact]]]], batches: list[int]) -> dict[str, Any]:
    """Store ``docs`` (numbered) in this order and merge them in batches of the given sizes."""
    engine = connect(url, migrate=False)  # a copy of the migrated template
    pending = list(docs)
    sizes = iter(batches)
    while pending:
        size = max(1, next(sizes, 1))
        batch, pending = pending[:size], pending[size:]
        with engine.begin() as conn:
            ids = []
            for n, (site, date, facts) in batch:
                text = f"Document {n} from {site}."
                doc_id = conn.execute(
                    insert(documents).values(
                        source=f"doc-{n}",
                        url=f"https://{site}/doc-{n}",
                        date=date,
                        site=site,
                        lang="en",
                        raw_text=text,
                        text=text,
                        content_hash=hashlib.sha256(text.encode()).hexdigest(),
                        chars=len(text),
                        ingested_at="2025-07-01T00:00:00",
                    )
                ).inserted_primary_key[0]
                copies = [Fact(f.type, dict(f.attrs), list(f.evidence)) for f in facts]
                save_extraction(conn, doc_id, Extraction(doc=None, facts=copies))  # type: ignore[arg-type]
                ids.append(doc_id)
            consolidate.update(conn, ids)
    engine.dispose()
    return map_snapshot(url)


EXAMPLES = int(os.environ.get("MERCATO_ORDER_EXAMPLES", "40"))  # more for a longer hunt


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=DOCS, data=st.data())
def test_the_map_does_not_depend_on_the_order_of_the_documents(stores: Stores, docs, data) -> None:
    numbered = list(enumerate(docs))
    shuffled = data.draw(st.permutations(numbered), label="order")
    batches = data.draw(st.lists(st.integers(1, 4), max_size=len(docs)), label="batches")
    urls = [stores.new(), stores.new()]
    one_by_one = _merge(urls[0], numbered, [])
    other = _merge(urls[1], shuffled, batches)
    for url in urls:
        stores.drop(url)
    assert other == one_by_one
