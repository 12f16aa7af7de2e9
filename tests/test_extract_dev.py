"""The evaluation contract on the dev set: overall F1 above the measured floor, nothing off-topic.

Skips cleanly when the shared evaluation folder is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
GOLD = EVAL / "dev" / "gold.jsonl"
MERCATO = Path(sys.executable).with_name("mercato")
F1_FLOOR = 0.66  # measured 0.71 on dev (rules backend + KB) minus a margin for stage changes

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="shared evaluation set not available")


@pytest.fixture(scope="module")
def report() -> dict:
    done = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), str(GOLD), "--run", f"{MERCATO} extract --json", "--json"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


def test_extract_dev_f1_above_floor(report: dict) -> None:
    assert report["articles_without_output"] == 0
    assert report["overall"]["f1"] >= F1_FLOOR, report["types"]


def test_extract_dev_offtopic_articles_give_no_facts() -> None:
    paths = sorted(str(p) for p in (EVAL / "dev" / "articles").glob("offtopic-*.txt"))
    assert paths
    done = subprocess.run([str(MERCATO), "extract", "--json", *paths], capture_output=True, text=True, timeout=600)
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == len(paths)
    assert {r["file"]: r["facts"] for r in rows if r["facts"]} == {}
