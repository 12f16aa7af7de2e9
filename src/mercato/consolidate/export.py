"""Writing canonical facts in the formats analysts load: JSON Lines, CSV, Parquet, GraphML."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mercato.model import FACT_FIELDS

COLUMNS = [
    "id",
    "type",
    *dict.fromkeys(f for fields in FACT_FIELDS.values() for f in fields),
    "disputed",
    "first_date",
    "last_date",
    "n_sites",
    "evidence",
    "sources",
]
_EDGE = {
    "move": ("person", "to_org"),
    "offer": ("by_org", "target_org"),
    "investment": ("investor", "target"),
    "unit": ("org", "name"),
    "denial": ("speaker", "claim_by"),
}


def _flat(f: dict[str, Any]) -> dict[str, Any]:
    row = {c: f.get(c) for c in COLUMNS}
    row["sources"] = json.dumps(f.get("sources", []), ensure_ascii=False)
    return row


def to_jsonl(items: list[dict[str, Any]], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for f in items:
            out.write(json.dumps(f, ensure_ascii=False, default=str) + "\n")


def to_csv(items: list[dict[str, Any]], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(_flat(f) for f in items)


def to_parquet(items: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [_flat(f) for f in items]
    columns = {
        c: [None if r[c] is None else (r[c] if isinstance(r[c], int | float | bool) else str(r[c])) for r in rows]
        for c in COLUMNS
    }
    for c in ("amount_usd", "stake_pct"):
        columns[c] = [float(v) if isinstance(v, int | float) else None for v in columns[c]]
    pq.write_table(pa.table(columns), path)


def to_graphml(items: list[dict[str, Any]], path: Path) -> None:
    """People and organizations as nodes, facts as edges (a move: person -> new employer...)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for f in items:
        src_field, dst_field = _EDGE[f["type"]]
        src = f.get(src_field) or (f.get("from_org") if f["type"] == "move" else None)
        dst = f.get(dst_field)
        if not src or not dst:
            continue
        for node in (src, dst):
            graph.add_node(node, label=node)
        attrs = {k: v for k, v in _flat(f).items() if isinstance(v, str | int | float) and not isinstance(v, bool)}
        attrs["disputed"] = str(bool(f.get("disputed")))
        graph.add_edge(src, dst, **attrs)
    nx.write_graphml(graph, path)


FORMATS: dict[str, Callable[[list[dict[str, Any]], Path], None]] = {
    "jsonl": to_jsonl,
    "csv": to_csv,
    "parquet": to_parquet,
    "graphml": to_graphml,
}
