"""A generated corpus of short news articles for the crash and order tests (sentences written here).

Several articles report the same events with different details (amounts, roles, sites, dates), so
the merge has votes, ties and disagreements to settle, and the articles are many enough for an
ingest to last a few seconds.
"""

from __future__ import annotations

import random
from pathlib import Path

PEOPLE = ["Alice Marchetti", "Bruno Keller", "Chloe Varga", "Daniel Novak", "Emma Lindqvist", "Farid Haddad"]
ORGS = ["OpenAI", "Meta", "Anthropic", "Mistral AI", "Google DeepMind", "Nvidia"]
STARTUPS = ["Nexa Robotics", "Quill Labs", "Tessera AI", "Lumen Forge"]
SITES = ["wire.example.com", "daily.example.org", "techpost.example.net", "ledger.example.io"]
ROLES = ["head of research", "chief scientist", "vice president of engineering"]


def _article(rng: random.Random, n: int) -> tuple[str, str]:
    person = rng.choice(PEOPLE)
    src, dst = rng.sample(ORGS, 2)
    investor = rng.choice(ORGS)
    startup = rng.choice(STARTUPS)
    amount = rng.choice([50, 75, 120, 200])
    day = rng.randint(2, 27)
    site = rng.choice(SITES)
    text = (
        f"{person} leaves {src} for {dst}\n\n"
        f"{person} has left {src} to join {dst} as {rng.choice(ROLES)}, the company said on Tuesday. "
        f"The move is the latest in a hiring push by {dst} across the artificial intelligence industry.\n\n"
        f"Separately, {investor} invested ${amount} million in the AI startup {startup}, "
        f"according to a statement published by {startup}.\n\n"
        f"Analysts said the deals reflect fierce competition for AI researchers and compute (report {n})."
    )
    header = f"Title: {person} joins {dst}\nDate: 2025-06-{day:02d}\nSite: {site}\n"
    return header, text


def write_corpus(directory: Path, count: int, seed: int = 13) -> list[Path]:
    """``count`` articles as JSONL records (url, site, date, title, text), one file per article."""
    import json

    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        header, text = _article(rng, n)
        meta = dict(line.split(": ", 1) for line in header.strip().splitlines())
        record = {
            "url": f"https://{meta['Site']}/story-{n}",
            "site": meta["Site"],
            "date": meta["Date"],
            "title": meta["Title"],
            "text": text,
        }
        path = directory / f"article-{n:03d}.jsonl"
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
