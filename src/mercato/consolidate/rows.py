"""Reading canonical facts: the columns a fact list selects, the fact dict made of a row, and the
plumbing every reader of the map shares (a list of ids as one parameter, the dialect's statement).

Rows are unpacked by position and their JSON columns decoded by pydantic-core (see ``FACT_COLUMNS``).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic_core import from_json
from sqlalchemy import Connection, Integer, Text, bindparam, column, select, text, type_coerce

from mercato.model import FACT_FIELDS
from mercato.store.schema import canonical_facts

C = canonical_facts.c


def in_ids(dialect: str, col: Any, name: str, value: Any = None) -> Any:
    """``col IN :name``, the ids given at execution by ``id_values`` (or here, as ``value``). On SQLite they
    are one JSON parameter that ``json_each`` unpacks: an expanding list is rendered into the statement
    anew on every call, and a list of literals coerced too, several times the cost of the JSON
    parameter for a page of disputes."""
    if dialect != "sqlite":
        return col.in_(bindparam(name, value, expanding=True))
    listed = text(f"SELECT value FROM json_each(:{name})")
    if value is not None:
        listed = listed.bindparams(**{name: value})
    return col.in_(listed.columns(column("value", Integer)))


def id_values(conn: Connection, ids: list[int]) -> Any:
    """The value of an ``in_ids`` parameter."""
    return json.dumps(ids) if conn.dialect.name == "sqlite" else ids


# The columns fact_from reads, in its order. Rows are unpacked by position: reading a field of an
# SQLAlchemy Row by name goes through its key lookup, a large share of the time to list a page. The
# JSON columns come as text and are decoded by pydantic-core, twice as fast as SQLAlchemy's json.loads
# (``values``, what every source says, is most of a fact's bytes).
FACT_COLUMNS = (
    C.id,
    C.type,
    type_coerce(C.attrs, Text),
    C.disputed,
    C.first_date,
    C.last_date,
    C.n_sources,
    C.n_sites,
    type_coerce(C["values"], Text),
)


def json_value(raw: Any) -> Any:
    """A JSON column read as text; a driver that decodes JSON itself (psycopg) hands over the value."""
    return from_json(raw) if isinstance(raw, str | bytes) and raw else raw


def fact_from(r: Any) -> dict[str, Any]:
    """The fact dict (contract fields first) of a row of FACT_COLUMNS."""
    fact_id, kind, attrs, disputed, first_date, last_date, n_sources, n_sites, values = r
    attrs = json_value(attrs) or {}
    out: dict[str, Any] = {"id": fact_id, "type": kind}
    for name in FACT_FIELDS[kind]:
        out[name] = attrs.get(name)
    out.update(
        disputed=bool(disputed),
        first_date=first_date,
        last_date=last_date,
        n_sources=n_sources,
        n_sites=n_sites,
        values=json_value(values) or {},
    )
    return out


def fact_dict(r: Any) -> dict[str, Any]:
    """The same dict from a row of ``select(canonical_facts)`` (as ``consolidate.stories`` reads them)."""
    attrs = r.attrs or {}
    out: dict[str, Any] = {"id": r.id, "type": r.type}
    for name in FACT_FIELDS[r.type]:
        out[name] = attrs.get(name)
    out.update(
        disputed=bool(r.disputed),
        first_date=r.first_date,
        last_date=r.last_date,
        n_sources=r.n_sources,
        n_sites=r.n_sites,
        values=r.values or {},
    )
    return out


FACTS_OF = {d: select(*FACT_COLUMNS).where(in_ids(d, C.id, "ids")) for d in ("sqlite", "")}


def newest_first(conn: Connection) -> Any:
    """Latest date first, undated facts last: SQLite's own order for DESC, which PostgreSQL must be told
    (it puts NULLs first there). SQLite keeps the plain clause its date index serves."""
    newest = C.last_date.desc()
    return newest if conn.dialect.name == "sqlite" else newest.nulls_last()


def for_dialect(conn: Connection, built: dict[str, Any]) -> Any:
    """The statement of ``built`` for ``conn``'s database: SQLite's, or the portable one (key "")."""
    return built["sqlite" if conn.dialect.name == "sqlite" else ""]
