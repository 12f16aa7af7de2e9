"""Store URLs for the tests that must hold on every supported database.

``fresh_store_url`` names a new, empty store: an SQLite file under the test's directory, or, when
``MERCATO_TEST_POSTGRES`` holds a PostgreSQL server URL (``postgresql://user@host/postgres``), a new
database created on that server for the test. Tests that take ``store_url`` run once per backend.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

POSTGRES = os.environ.get("MERCATO_TEST_POSTGRES", "").strip()
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES else [])


def _new_postgres_database() -> str:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"mercato_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)


def make_fresh_store_url(backend: str, tmp_path: Path) -> Callable[[], str]:
    """A function returning the URL of a new, empty store on ``backend`` each time it is called."""

    def fresh() -> str:
        if backend == "postgresql":
            return _new_postgres_database()
        return f"sqlite:///{tmp_path / f'store-{uuid.uuid4().hex[:8]}.db'}"

    return fresh


@pytest.fixture(params=BACKENDS)
def fresh_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], str]:
    return make_fresh_store_url(request.param, tmp_path)
