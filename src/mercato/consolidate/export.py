"""Writing canonical facts in the formats analysts load: JSON Lines, CSV, Parquet, GraphML."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mercato.model import FACT_FIELDS, FACT_TYPE_SPECS


def columns() -> list[str]:
    """The columns of a CSV or Parquet export: every field of every registered fact type, once, then the
    amount as the sources wrote it (``sources.as_written``)."""
    fields = dict.fromkeys(f for type_fields in FACT_FIELDS.values() for f in type_fields)
    return [
        "id",
        "type",
        *fields,
        "amount_written",
        "currency",
        "disputed",
        "first_date",
        "last_date",
        "n_sites",
        "evidence",
        "sources",
    ]


def _flat(f: dict[str, Any], names: list[str]) -> dict[str, Any]:
    row = {c: f.get(c) for c in names}
    row["sources"] = json.dumps(f.get("sources", []), ensure_ascii=False)
    return row


def to_jsonl(items: list[dict[str, Any]], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for f in items:
            out.write(json.dumps(f, ensure_ascii=False, default=str) + "\n")


def to_csv(items: list[dict[str, Any]], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        names = columns()
        writer = csv.DictWriter(out, fieldnames=names)
        writer.writeheader()
        writer.writerows(_flat(f, names) for f in items)


def to_parquet(items: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = columns()
    rows = [_flat(f, names) for f in items]
    table = {
        c: [None if r[c] is None else (r[c] if isinstance(r[c], int | float | bool) else str(r[c])) for r in rows]
        for c in names
    }
    for c in ("amount_usd", "stake_pct", "amount_written"):
        table[c] = [float(v) if isinstance(v, int | float) else None for v in table[c]]
    pq.write_table(pa.table(table), path)


def to_graphml(items: list[dict[str, Any]], path: Path) -> None:
    """People and organizations as nodes, facts as edges (a move: person -> new employer...)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    names = columns()
    for f in items:
        spec = FACT_TYPE_SPECS.get(f["type"])
        if spec is None:
            continue
        src_fields, dst_field = spec.edge
        src = next((f[k] for k in src_fields if f.get(k)), None)
        dst = f.get(dst_field)
        if not src or not dst:
            continue
        for node in (src, dst):
            graph.add_node(node, label=node)
        attrs = {
            k: v for k, v in _flat(f, names).items() if isinstance(v, str | int | float) and not isinstance(v, bool)
        }
        attrs["disputed"] = str(bool(f.get("disputed")))
        graph.add_edge(src, dst, **attrs)
    nx.write_graphml(graph, path)


FORMATS: dict[str, Callable[[list[dict[str, Any]], Path], None]] = {
    "jsonl": to_jsonl,
    "csv": to_csv,
    "parquet": to_parquet,
    "graphml": to_graphml,
}
