"""A long document is extracted in bounded memory and in time linear in its length.

One generated text of a few hundred kilobytes (sentences written here) is extracted after a short
one, in a fresh process: the peak memory must hardly grow with the length (the models see batches
bounded in characters, not the 32 chunks of 20,000 characters that took over a gigabyte), the time
must grow about linearly, and a fact stated only at the very end must be found.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import mercato

SRC = Path(mercato.__file__).resolve().parents[1]
SMALL, LARGE = 50_000, 200_000  # characters
MAX_GROWTH_MB = 120  # peak memory the larger text may add to the smaller one's

_PROBE = """
import json, random, resource, sys, time
from mercato.extract import extract_documents
from mercato.model import Document

rng = random.Random(7)
PEOPLE = ["Alice Marchetti", "Bruno Keller", "Chloe Varga", "Daniel Novak"]
ORGS = ["OpenAI", "Meta", "Anthropic", "Mistral AI", "Google DeepMind"]

def text(chars):
    out, n, i = [], 0, 0
    while n < chars:
        a, b = rng.sample(ORGS, 2)
        p = (f"{rng.choice(PEOPLE)} left {a} to join {b} as head of research, the company said on Monday. "
             f"{b} invested ${rng.randint(2, 90)} million in the AI startup Vexa{i} Robotics. "
             "Analysts expect more hiring across the industry this year, people familiar with the matter said.\\n\\n")
        out.append(p); n += len(p); i += 1
    out.append("Orla Quennell has left Anthropic to join Nvidia as chief scientist, Nvidia said.\\n")
    return "".join(out)

def extract(chars):
    t = text(chars)
    start = time.perf_counter()
    ext = extract_documents([Document(source="long.txt", raw_text=t, text=t, lang="en")])[0]
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    last = any(f.type == "move" and "Quennell" in str(f.attrs.get("person")) for f in ext.facts)
    return {"chars": len(t), "seconds": seconds, "peak_mb": peak, "facts": len(ext.facts), "last_found": last}

extract(2_000)  # models loaded
print(json.dumps([extract(int(n)) for n in sys.argv[1:]]))
"""


@pytest.mark.slow
def test_a_long_text_is_extracted_in_bounded_memory_and_linear_time() -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, str(SMALL), str(LARGE)], env=env, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    small, large = json.loads(proc.stdout.strip().splitlines()[-1])
    assert small["last_found"] and large["last_found"]
    assert large["facts"] > 2 * small["facts"]
    growth = large["peak_mb"] - small["peak_mb"]
    assert growth < MAX_GROWTH_MB, f"peak memory grew {growth:.0f} MB: {small} {large}"
    ratio = large["seconds"] / small["seconds"]
    assert ratio < 2 * LARGE / SMALL, f"time grew {ratio:.1f}x for {LARGE / SMALL:.0f}x the text"
