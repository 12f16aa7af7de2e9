"""User scenarios for ``mercato extract``: short FR/EN articles in, contract facts out.

The texts are written here (not taken from the evaluation set); each scenario checks one
grammatical construction the rules must handle, through the real CLI.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import mercato.cli
from mercato.cli import app

mercato.cli._register()
runner = CliRunner()

EN = """AI talent war: Nvidia hires former Cohere researcher Priya Raman
Nvidia hired former Cohere researcher Priya Raman as head of research, the chipmaker said on Monday.
Anthropic poached Tomas Berg, Lena Ortiz and Kenji Mori from Google DeepMind in a sweeping hiring spree.
At least four OpenAI researchers have joined xAI, according to The Information.
Microsoft invested $2 billion in Mistral AI for a 10% stake in the AI startup, the companies announced.
According to Elon Musk, Meta offered $50 million signing bonuses to xAI engineers.
"""

FR = """Intelligence artificielle : Mistral AI recrute chez Google
Camille Durand, ancienne chercheuse de Google DeepMind, a rejoint Mistral AI \
en tant que directrice scientifique.
Selon Les Echos, au moins 10 ingénieurs d'OpenAI ont rejoint Anthropic.
Nvidia a racheté la start-up française Kalia AI pour 300 millions d'euros.
"""

OFFTOPIC = """Mercato : le Paris Saint-Germain recrute Lucas Moreau
Le défenseur Lucas Moreau a rejoint le Paris Saint-Germain pour 40 millions d'euros, a annoncé le club.
L'attaquant Hugo Petit quitte l'Olympique de Marseille et rejoint l'AS Monaco, selon L'Équipe.
L'entraîneur a affirmé que le club avait proposé 5 millions d'euros par an au milieu de terrain.
"""

GERMAN = """Der Chiphersteller Nvidia hat den Forscher Jan Keller von Google DeepMind abgeworben.
Keller wird neuer Forschungschef bei Nvidia, teilte das Unternehmen am Montag mit.
"""


def _run(tmp_path: Path, **texts: str) -> dict[str, dict]:
    paths = []
    for name, text in texts.items():
        p = tmp_path / f"{name}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    result = runner.invoke(app, ["extract", "--json", *paths])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(paths)
    return {Path(r["file"]).stem: r for r in rows}


def _facts(row: dict, kind: str) -> list[dict]:
    return [f for f in row["facts"] if f["type"] == kind]


def _move(row: dict, person: str | None, **attrs: object) -> dict:
    for f in _facts(row, "move"):
        if f["person"] == person and all(f.get(k) == v for k, v in attrs.items()):
            return f
    raise AssertionError(f"no move {person} {attrs} in {_facts(row, 'move')}")


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    return _run(
        tmp_path_factory.mktemp("articles"),
        en=EN,
        fr=FR,
        off=OFFTOPIC,
        de=GERMAN,
        garbage="%%%% ][ 0x00ff ;;; \n\n ~~~~ 1234 5678 ===== ?? !! \n" * 50,
    )


def test_extract_json_lines_one_per_file_with_language(rows: dict[str, dict]) -> None:
    assert rows["en"]["lang"] == "en"
    assert rows["fr"]["lang"] == "fr"
    for row in rows.values():
        for fact in row["facts"]:
            assert fact["evidence"], fact  # every fact is grounded in a sentence


def test_extract_apposition_gives_origin_and_role(rows: dict[str, dict]) -> None:
    f = _move(rows["en"], "Priya Raman", to_org="Nvidia")
    assert f["from_org"] == "Cohere"
    assert "head" in (f["role"] or "")
    f = _move(rows["fr"], "Camille Durand", to_org="Mistral AI")
    assert f["from_org"] == "Google DeepMind"
    assert f["role"] == "directrice scientifique"


def test_extract_coordinated_names_give_one_move_each(rows: dict[str, dict]) -> None:
    for name in ("Tomas Berg", "Lena Ortiz", "Kenji Mori"):
        f = _move(rows["en"], name, to_org="Anthropic")
        assert f["from_org"] == "Google DeepMind"
        assert f["status"] == "done"


def test_extract_unnamed_groups_carry_their_count(rows: dict[str, dict]) -> None:
    _move(rows["en"], None, to_org="xAI", from_org="OpenAI", count=4)
    _move(rows["fr"], None, to_org="Anthropic", from_org="OpenAI", count=10)


def test_extract_investment_and_acquisition_with_amounts(rows: dict[str, dict]) -> None:
    (inv,) = [f for f in _facts(rows["en"], "investment") if f["target"] == "Mistral AI"]
    assert inv["investor"] == "Microsoft" and inv["kind"] == "investment"
    assert inv["amount_usd"] == pytest.approx(2e9) and inv["stake_pct"] == 10
    (acq,) = [f for f in _facts(rows["fr"], "investment") if f["investor"] == "Nvidia"]
    assert acq["target"] == "Kalia AI" and acq["kind"] == "acquisition"
    assert 3e8 < acq["amount_usd"] < 3.6e8  # euros converted to dollars


def test_extract_reported_speech_gives_attribution(rows: dict[str, dict]) -> None:
    (offer,) = _facts(rows["en"], "offer")
    assert offer["by_org"] == "Meta" and offer["target_org"] == "xAI"
    assert offer["attributed_to"] == "Elon Musk"
    assert offer["component"] == "signing_bonus" and offer["amount_usd"] == pytest.approx(5e7)


def test_extract_off_topic_other_language_and_garbage_give_no_facts(rows: dict[str, dict]) -> None:
    assert rows["off"]["facts"] == []
    assert rows["de"]["facts"] == []
    assert rows["garbage"]["facts"] == []


def test_extract_passive_and_denial(tmp_path: Path) -> None:
    text = (
        "OpenAI denies report on AI hires\n"
        "Sara Klein was hired by OpenAI as chief technology officer, the ChatGPT maker said.\n"
        "Former Stripe executive Sara Klein joins the AI lab after six years.\n"
        "OpenAI CEO Sam Altman claimed that Meta had offered $100 million signing bonuses to OpenAI staff.\n"
        "Meta denied the claim, and its CTO Andrew Bosworth called it fake news.\n"
    )
    row = _run(tmp_path, a=text)["a"]
    f = _move(row, "Sara Klein", to_org="OpenAI")
    assert f["role"] and "chief" in f["role"]
    speakers = {d["speaker"] for d in _facts(row, "denial")}
    assert "Meta" in speakers
    assert all(d["claim_by"] in (None, "Sam Altman") for d in _facts(row, "denial"))


def test_extract_unreadable_file_reports_error_and_continues(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    result = runner.invoke(app, ["extract", "--json", str(tmp_path / "missing.txt"), str(good)])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["error"] and rows[0]["facts"] == []
    assert rows[1]["facts"]


def test_extract_table_output_without_json(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(EN, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(p)])
    assert result.exit_code == 0
    assert "move" in result.stdout and "Anthropic" in result.stdout
