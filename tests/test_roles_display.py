"""A role reads in the page's language: "interim CEO" is "PDG par intérim" on a French page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from market_helpers import add_doc, fact
from mercato.consolidate.render import sentence
from mercato.consolidate.roles import translate_role
from mercato.serve.app import create_app
from mercato.store.db import connect


def test_a_french_reader_sees_an_english_role_in_french_and_back(tmp_path: Path) -> None:
    db = tmp_path / "roles.db"
    engine = connect(f"sqlite:///{db}")
    add_doc(
        engine,
        "Vela Labs named Ana Ruiz interim CEO.",
        [
            fact(
                "move",
                "Vela Labs named Ana Ruiz interim CEO.",
                person="Ana Ruiz",
                to_org="Vela Labs",
                role="interim CEO",
                status="done",
            )
        ],
    )
    add_doc(
        engine,
        "Omar Nasser rejoint Orbit AI comme directeur technique.",
        [
            fact(
                "move",
                "Omar Nasser rejoint Orbit AI comme directeur technique.",
                person="Omar Nasser",
                to_org="Orbit AI",
                role="directeur technique",
                status="done",
            )
        ],
        lang="fr",
        site="exemple.fr",
    )
    client = TestClient(create_app(str(db)))
    fr = re.sub(r"<[^>]+>", "", client.get("/facts", params={"lang": "fr"}).text)  # names are links
    assert "Ana Ruiz rejoint Vela Labs (PDG par intérim)" in fr  # the evidence stays as the source wrote it
    en = re.sub(r"<[^>]+>", "", client.get("/facts", params={"lang": "en"}).text)
    assert "Omar Nasser joins Orbit AI as CTO" in en


@pytest.mark.parametrize(
    ("role", "lang", "shown"),
    [
        ("head of research", "fr", "directeur de la recherche"),
        ("responsable de l'IA", "en", "head of AI"),
        ("new CTO", "fr", "nouveau directeur technique"),
        ("cofondatrice", "en", "co-founder"),
        ("chief vibes officer", "fr", "chief vibes officer"),  # unknown: as written, not half translated
        ("head of vibes", "fr", "head of vibes"),
        ("CEO", "de", "CEO"),  # a language without a table: as written
    ],
)
def test_titles_known_to_the_table_are_translated_whole(role: str, lang: str, shown: str) -> None:
    assert translate_role(role, lang) == shown


def test_a_headline_carries_the_translated_role() -> None:
    attrs = {"person": "Ana Ruiz", "to_org": "Vela Labs", "role": "interim CEO"}
    assert sentence("move", attrs, "fr") == "Ana Ruiz rejoint Vela Labs (PDG par intérim)"
